"""API fixtures: a migrated database with the demo data, per backend, and a client.

Every API test runs against SQLite (a real file, WAL mode) and PostgreSQL (a fresh
temporary database on the local server). The schema comes from the Alembic migrations,
not from `create_all`, so the tests exercise what production runs.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from api.cli import migrate
from api.core.config import Settings
from api.db import Database
from api.deps import get_now
from api.main import create_app
from api.services.demo_import import import_file
from tests.conftest import REPO_ROOT, require_postgres

AGENT_TOKEN = "test-agent-token-0123456789"
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)  # a Monday, 11:00 in Amsterdam
DEMO = REPO_ROOT / "data" / "demo" / "entitlement-demo.json"


def prepare_database(url: str) -> None:
    """Migrate to head and load the demo data."""
    migrate(url)
    database = Database(url)
    with database.session() as session:
        import_file(session=session, path=DEMO)
    database.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'careline.db'}"
        prepare_database(url)
        yield url
        return
    admin_url = require_postgres()
    name = f"careline_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        prepare_database(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        environment="test",
        database_url=database_url,
        agent_api_token=AGENT_TOKEN,  # type: ignore[arg-type]
        ivr_api_key="test-ivr-key",  # type: ignore[arg-type]
    )


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    # Cases are per test; the demo entitlement data stays for the whole session.
    with db.session() as session:
        for table in ("idempotency_keys", "case_events", "cases"):
            session.execute(sa.text(f"DELETE FROM {table}"))  # noqa: S608 - fixed names
    db.dispose()


@pytest.fixture
def client(settings: Settings, database: Database) -> Iterator[TestClient]:
    app = create_app(settings)
    app.dependency_overrides[get_now] = lambda: NOW
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def agent() -> dict[str, str]:
    return {"Authorization": f"Bearer {AGENT_TOKEN}"}


def demo_path() -> Path:
    return DEMO


@pytest.fixture
def api_schema(settings: Settings, database: Database):  # type: ignore[no-untyped-def]
    import schemathesis

    app = create_app(settings)
    app.dependency_overrides[get_now] = lambda: NOW
    with TestClient(app):  # runs the lifespan: database, logging
        yield schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
