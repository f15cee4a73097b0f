"""Importing entitlement data: validated as a whole, merged in one transaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from api.cli import migrate
from api.db import Database
from api.services.demo_import import ImportError_, import_file, parse
from tests.api.conftest import DEMO


@pytest.fixture
def empty_db(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'import.db'}"
    migrate(url)
    return Database(url)


def count(db: Database, table: str) -> int:
    with db.session() as session:
        return int(session.scalar(sa.text(f"SELECT COUNT(*) FROM {table}")) or 0)  # noqa: S608


def test_demo_file_imports_twice_without_duplicates(empty_db: Database) -> None:
    for _ in range(2):
        with empty_db.session() as session:
            counts = import_file(session=session, path=DEMO)
    raw = json.loads(DEMO.read_text())
    assert counts["devices"] == len(raw["devices"]) == count(empty_db, "devices")
    assert count(empty_db, "peripherals") == len(raw["peripherals"])
    assert count(empty_db, "care_packs") == len(raw["care_packs"])
    assert count(empty_db, "priority_services") == 3


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["devices"].append({**d["devices"][0], "serial_number": "bad"}), "serial"),
        (lambda d: d["care_packs"].append({**d["care_packs"][0], "id": "X", "serial_number": "5CG9999999"}), "unknown device"),
        (lambda d: d["devices"][0].update(customer_id="C-404"), "unknown customer"),
        (lambda d: d["customers"][0].update(kind="alien"), "kind"),
        (lambda d: d["devices"][0].update(purchase_date="2025-02-30"), "purchase_date"),
    ],
)  # fmt: skip
def test_a_broken_file_writes_nothing(empty_db: Database, tmp_path: Path, mutate, message) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(DEMO.read_text())
    mutate(data)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data))
    with pytest.raises(ImportError_, match=message), empty_db.session() as session:
        import_file(session=session, path=broken)
    assert count(empty_db, "customers") == 0
    assert count(empty_db, "devices") == 0


def test_not_json_is_refused() -> None:
    with pytest.raises(ImportError_, match="not JSON"):
        parse("{oops")
