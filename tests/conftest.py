"""Shared test fixtures: the repository root and the PostgreSQL test server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


def postgres_admin_url() -> str:
    """Where the PostgreSQL test server is (trust auth on the local machine by default)."""
    return os.environ.get(
        "CARELINE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )


def require_postgres() -> str:
    """The admin URL if PostgreSQL answers; skip locally, fail under CI, if it does not."""
    import sqlalchemy as sa

    url = postgres_admin_url()
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI but not reachable at {url}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {url}")
    return url
