"""Alembic migrations: upgrade an empty database, match the models, downgrade cleanly."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import make_url

from api.cli import alembic_config
from api.models import Base
from tests.conftest import require_postgres


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    admin_url = require_postgres()
    name = f"careline_mig_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_head_matches_the_models_and_downgrades(empty_database: str) -> None:
    config = alembic_config(empty_database)
    command.upgrade(config, "head")
    engine = sa.create_engine(empty_database)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        tables = set(sa.inspect(conn).get_table_names())
    assert {
        "customers",
        "devices",
        "peripherals",
        "care_packs",
        "subscriptions",
        "cases",
        "case_events",
        "idempotency_keys",
        "priority_services",
    } <= tables
    command.downgrade(config, "base")
    with engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
    engine.dispose()


def test_migration_files_follow_the_naming_rule(repo_root) -> None:  # type: ignore[no-untyped-def]
    versions = sorted((repo_root / "api" / "migrations" / "versions").glob("*.py"))
    assert versions
    for path in versions:
        rev, _, slug = path.stem.partition("_")
        assert rev.isdigit() and slug, path.name
        source = path.read_text()
        assert source.startswith('"""'), f"{path.name} needs a one-line docstring"
        assert "def downgrade" in source
