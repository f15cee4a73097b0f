"""Administrative commands: `python -m api.cli migrate | import-demo | import FILE`.

`make run` calls `migrate` and `import-demo` on every start; both are idempotent.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from api.core.config import REPO_ROOT, get_settings
from api.core.logging import configure_logging
from api.db import Database
from api.services.demo_import import ImportError_, import_file

log = logging.getLogger("careline.cli")


def alembic_config(database_url: str) -> Config:
    """The Alembic configuration of the project, pointed at `database_url`."""
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "api" / "migrations"))
    config.attributes["database_url"] = database_url
    return config


def migrate(database_url: str) -> None:
    """Bring the database schema to the latest revision."""
    command.upgrade(alembic_config(database_url), "head")


def _import(path: Path) -> int:
    settings = get_settings()
    database = Database(settings.database_url)
    try:
        with database.session() as session:
            counts = import_file(session=session, path=path)
    except (ImportError_, OSError) as exc:
        log.error("import of %s failed, nothing was written: %s", path, exc)
        return 1
    finally:
        database.dispose()
    log.info("imported %s: %s", path.name, ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one administrative command."""
    parser = argparse.ArgumentParser(prog="python -m api.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="alembic upgrade head on DATABASE_URL")
    sub.add_parser("import-demo", help="load the demo entitlement data")
    load = sub.add_parser("import", help="load an entitlement data file (JSON)")
    load.add_argument("path", type=Path)
    args = parser.parse_args(argv)

    settings = get_settings()
    configure_logging(settings.log_level)
    if args.command == "migrate":
        migrate(settings.database_url)
        log.info("database schema is at the latest revision")
        return 0
    if args.command == "import-demo":
        return _import(settings.demo_data_path)
    return _import(args.path)


if __name__ == "__main__":
    sys.exit(main())
