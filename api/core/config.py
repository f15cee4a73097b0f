"""Settings of the API process: one validated object, read from the environment.

Every knob the API has is here, read from environment variables (or a `.env` file in
the working directory) when `get_settings()` is first called — never at import time,
so tests can build their own `Settings` and hand it to `create_app()`.

Secrets have development defaults so that `make run` works on a fresh clone; outside
the development and test environments the defaults are refused at start-up.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
"""The repository root: default locations of the embedded database and demo data."""

DEV_AGENT_TOKEN = "dev-agent-token"  # noqa: S105 - development default, refused in production
DEV_IVR_KEY = "dev-ivr-key"


class Settings(BaseSettings):
    """Configuration of the API service.

    Attributes:
        environment: `development` (default), `test` or `production`; production refuses
            the development secrets.
        database_url: SQLAlchemy URL. SQLite file by default (WAL mode); PostgreSQL with
            `postgresql+psycopg://user@host/db`.
        agent_api_token: Bearer token of the built-in agent account (agent endpoints and
            internal callers such as the action server).
        ivr_api_key: Bearer key of the phone IVR for transcript hand-offs.
        demo_data_path: The demo entitlement data loaded by `make run`.
        log_level: Root log level.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{REPO_ROOT / 'var' / 'careline.db'}"
    agent_api_token: SecretStr = SecretStr(DEV_AGENT_TOKEN)
    ivr_api_key: SecretStr = SecretStr(DEV_IVR_KEY)
    demo_data_path: Path = REPO_ROOT / "data" / "demo" / "entitlement-demo.json"
    log_level: str = Field(default="INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> Settings:
        if self.environment == "production":
            for name, default in (
                ("agent_api_token", DEV_AGENT_TOKEN),
                ("ivr_api_key", DEV_IVR_KEY),
            ):
                secret: SecretStr = getattr(self, name)
                if secret.get_secret_value() == default or len(secret.get_secret_value()) < 16:
                    msg = f"{name.upper()} must be set to a secret of 16+ characters in production"
                    raise ValueError(msg)
        return self


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings, read from the environment on first use."""
    return Settings()
