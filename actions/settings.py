"""Settings of the action server process: where the Careline API is and how to call it.

Read from the environment (or `.env`) on first use — never at import time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_ROOT = Path(__file__).resolve().parents[1]


class ActionSettings(BaseSettings):
    """Configuration of the action server.

    Attributes:
        careline_api_url: Base URL of the Careline API (without `/api/v1`).
        agent_api_token: Bearer token the action server uses for case endpoints; the
            same `AGENT_API_TOKEN` the API is configured with.
        api_timeout_seconds: Per-request timeout.
        api_attempts: How often a request is tried on connection errors and 5xx.
        careline_public_url: The API's address as customers reach it (links in replies,
            such as the printable self-test summary); by default `careline_api_url`.
        guides_dir: The folder of self-test guides (`data/guides`).
        csr_catalogue: The customer self-repair catalogue (`data/csr/parts.yml`).
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    careline_api_url: str = "http://127.0.0.1:8000"
    agent_api_token: SecretStr = SecretStr("dev-agent-token")
    api_timeout_seconds: float = Field(default=10.0, gt=0)
    api_attempts: int = Field(default=3, ge=1, le=10)
    careline_public_url: str = ""
    guides_dir: str = str(_ROOT / "data" / "guides")
    csr_catalogue: str = str(_ROOT / "data" / "csr" / "parts.yml")

    @model_validator(mode="after")
    def _public_url_defaults_to_api_url(self) -> ActionSettings:
        if not self.careline_public_url:
            self.careline_public_url = self.careline_api_url
        return self


@lru_cache
def get_settings() -> ActionSettings:
    """The process-wide settings, read on first use."""
    return ActionSettings()
