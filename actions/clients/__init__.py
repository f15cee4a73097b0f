"""Clients of the external systems the actions talk to, one module per system.

`api()` returns the process-wide Careline API client, created on first use from the
settings; tests install their own with `use_api()`.
"""

from __future__ import annotations

from actions.clients.careline_api import CarelineApi
from actions.settings import get_settings

_api: CarelineApi | None = None


def api() -> CarelineApi:
    """The Careline API client of this process."""
    global _api
    if _api is None:
        settings = get_settings()
        _api = CarelineApi(
            settings.careline_api_url,
            settings.agent_api_token.get_secret_value(),
            timeout=settings.api_timeout_seconds,
            attempts=settings.api_attempts,
        )
    return _api


def use_api(client: CarelineApi | None) -> None:
    """Install `client` as the process's API client (tests, other deployments)."""
    global _api
    _api = client
