"""Settings of the action server process: where the Careline API is and how to call it.

Read from the environment (or `.env`) on first use — never at import time.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ActionSettings(BaseSettings):
    """Configuration of the action server.

    Attributes:
        careline_api_url: Base URL of the Careline API (without `/api/v1`).
        agent_api_token: Bearer token the action server uses for case endpoints; the
            same `AGENT_API_TOKEN` the API is configured with.
        api_timeout_seconds: Per-request timeout.
        api_attempts: How often a request is tried on connection errors and 5xx.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    careline_api_url: str = "http://127.0.0.1:8000"
    agent_api_token: SecretStr = SecretStr("dev-agent-token")
    api_timeout_seconds: float = Field(default=10.0, gt=0)
    api_attempts: int = Field(default=3, ge=1, le=10)


@lru_cache
def get_settings() -> ActionSettings:
    """The process-wide settings, read on first use."""
    return ActionSettings()
