"""The real bot and action server, talking over HTTP as in production.

One conversation (`e2e-1`) is opened through the REST channel with
`metadata.language`, which only the custom `action_session_start` on the action
server turns into the `language` slot. Restarting the Rasa server on the same
SQLite tracker store must not lose it.
"""

from typing import Any

import httpx
import pytest
import yaml
from babel.messages.pofile import read_po

from tests.e2e.conftest import REPO, Stack

pytestmark = pytest.mark.e2e

SENDER = "e2e-1"


def response_texts(name: str, language: str = "en") -> list[str]:
    """The variants of a response in `language`: domain text, translated by the catalog."""
    for path in sorted((REPO / "domain").glob("*.yml")):
        responses = (yaml.safe_load(path.read_text()) or {}).get("responses") or {}
        if name in responses:
            english = [variant["text"] for variant in responses[name]]
            if language == "en":
                return english
            po = REPO / "locales" / language / "LC_MESSAGES" / "messages.po"
            catalog = read_po(po.open("rb"))
            return [catalog.get(text, context=name).string for text in english]
    raise AssertionError(f"{name} is not in the domain")


def tracker(stack: Stack, sender: str) -> dict[str, Any]:
    reply = httpx.get(f"{stack.bot.url}/conversations/{sender}/tracker", timeout=30.0)
    reply.raise_for_status()
    result: dict[str, Any] = reply.json()
    return result


def say(stack: Stack, sender: str, message: str, **metadata: str) -> list[dict[str, Any]]:
    body: dict[str, Any] = {"sender": sender, "message": message}
    if metadata:
        body["metadata"] = metadata
    reply = httpx.post(f"{stack.bot.url}/webhooks/rest/webhook", json=body, timeout=60.0)
    reply.raise_for_status()
    result: list[dict[str, Any]] = reply.json()
    return result


@pytest.fixture(scope="module")
def greeting(stack: Stack) -> list[dict[str, Any]]:
    """Opens the conversation: "hello" with `metadata.language` = nl."""
    return say(stack, SENDER, "hello", language="nl")


def test_rest_channel_answers_a_greeting(greeting: list[dict[str, Any]]) -> None:
    assert len(greeting) == 1
    assert greeting[0]["recipient_id"] == SENDER
    assert greeting[0]["text"] in response_texts("utter_greet", "nl")


def test_session_start_on_the_action_server_sets_the_language(
    stack: Stack, greeting: list[dict[str, Any]]
) -> None:
    state = tracker(stack, SENDER)

    assert state["slots"]["language"] == "nl"
    events = [e["event"] for e in state["events"]]
    assert events[:3] == ["slot", "action", "session_started"]  # metadata, action, start
    assert "action_execution_rejected" not in events


def test_conversation_survives_a_bot_restart(stack: Stack, greeting: list[dict[str, Any]]) -> None:
    before = tracker(stack, SENDER)["events"]

    stack.bot.restart()

    after = tracker(stack, SENDER)
    assert [e["event"] for e in after["events"]] == [e["event"] for e in before]
    assert [e.get("text") for e in after["events"] if e["event"] == "user"] == ["hello"]
    assert after["slots"]["language"] == "nl"
    # Same session: the conversation simply continues, still in Dutch.
    assert say(stack, SENDER, "bye")[0]["text"] in response_texts("utter_goodbye", "nl")
    assert tracker(stack, SENDER)["slots"]["language"] == "nl"
