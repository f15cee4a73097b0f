"""FastAPI dependencies: database session, settings, clock and authentication."""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.core.config import Settings
from api.core.errors import UnauthorizedError
from api.db import Database
from careline.i18n import Catalogs

_bearer = HTTPBearer(auto_error=False, description="AGENT_API_TOKEN of the agent account")


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Iterator[Session]:
    """A session per request: committed on success, rolled back on any error."""
    database: Database = request.app.state.db
    with database.session() as session:
        yield session


def get_catalogs(request: Request) -> Catalogs:
    """The translation catalogs (loaded on first use, kept for the app's lifetime)."""
    catalogs: Catalogs | None = getattr(request.app.state, "catalogs", None)
    if catalogs is None:
        catalogs = Catalogs()
        request.app.state.catalogs = catalogs
    return catalogs


def get_now() -> dt.datetime:
    """The current time in UTC (a dependency so tests can pin the clock)."""
    return dt.datetime.now(dt.UTC)


SessionDep = Annotated[Session, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
NowDep = Annotated[dt.datetime, Depends(get_now)]
CatalogsDep = Annotated[Catalogs, Depends(get_catalogs)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def is_agent(credentials: HTTPAuthorizationCredentials | None, settings: Settings) -> bool:
    """Whether the bearer token is the agent token (compared in constant time)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        return False
    expected = settings.agent_api_token.get_secret_value().encode()
    return hmac.compare_digest(credentials.credentials.encode(), expected)


def require_agent(credentials: BearerDep, settings: SettingsDep) -> str:
    """Allow only the agent account; returns the actor name for case histories."""
    if not is_agent(credentials, settings):
        raise UnauthorizedError()
    return "agent"


AgentDep = Annotated[str, Depends(require_agent)]
