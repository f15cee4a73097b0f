"""Fixtures for action tests: rasa_sdk trackers, and the real API in-process.

Actions talk to the real FastAPI app through `httpx.ASGITransport` (a migrated SQLite
file with the demo data), so a test exercises the client, the HTTP contract and the
API's rules together; `httpx.MockTransport` is used only to simulate failures.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import clients
from actions.clients.careline_api import CarelineApi
from api.core.config import Settings
from api.db import Database
from api.main import create_app
from tests.api.conftest import prepare_database

TOKEN = "actions-test-token-0123456789"
T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def make_tracker(
    *,
    slots: dict[str, Any] | None = None,
    intent: str | None = None,
    text: str = "",
    entities: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
    active_loop: str | None = None,
    sender_id: str = "conv-1",
) -> Tracker:
    """A tracker as Rasa sends it to the action server."""
    all_slots: dict[str, Any] = {"language": "en", **(slots or {})}
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99} if intent else {},
        "entities": entities or [],
        "metadata": metadata or {},
    }
    return Tracker(
        sender_id=sender_id,
        slots=all_slots,
        latest_message=latest,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.fixture(scope="session")
def api_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('actions-db') / 'careline.db'}"
    prepare_database(url)
    return url


@pytest.fixture
def real_api(api_database: str) -> Iterator[CarelineApi]:
    """The actions' client wired to the real API app."""
    settings = Settings(environment="test", database_url=api_database, agent_api_token=TOKEN)  # type: ignore[arg-type]
    app = create_app(settings)
    app.state.db = Database(api_database)
    client = CarelineApi(
        "http://api.test", TOKEN, transport=httpx.ASGITransport(app=app), attempts=1
    )
    clients.use_api(client)
    yield client
    clients.use_api(None)
    app.state.db.dispose()


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def demo_file() -> Path:
    return Path(__file__).resolve().parents[2] / "data" / "demo" / "entitlement-demo.json"
