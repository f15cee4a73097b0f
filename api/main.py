"""The Careline API: entitlement checks, support hours and cases (contracts §4).

`create_app()` builds an app from a `Settings` object (tests pass their own); the
module-level `app` is what `uvicorn api.main:app` serves. Nothing touches the database
or the environment at import time: the settings are read and the engine created when
the app starts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from api.core.config import Settings, get_settings
from api.core.errors import install_error_handlers
from api.core.logging import configure_logging
from api.db import Database
from api.routes import cases, entitlements, health, support_hours

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the ASGI app.

    Args:
        settings: Configuration; read from the environment at start-up when None.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not hasattr(app.state, "settings"):
            app.state.settings = settings or get_settings()
        configure_logging(app.state.settings.log_level)
        app.state.db = Database(app.state.settings.database_url)
        try:
            yield
        finally:
            app.state.db.dispose()

    app = FastAPI(
        title="Careline API",
        version="0.1.0",
        summary="Entitlement, support hours and cases for the Careline support assistant.",
        lifespan=lifespan,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    if settings is not None:
        app.state.settings = settings
    install_error_handlers(app)
    v1 = APIRouter(prefix=API_PREFIX)
    for module in (health, entitlements, support_hours, cases):
        v1.include_router(module.router)
    app.include_router(v1)
    return app


app = create_app()
