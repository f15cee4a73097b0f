"""Whole triage conversations through the REST channel, then the case read back.

The real bot (NLU, dialogue, catalog NLG), the real action server and the real API:
a customer reports a problem in their own words, gives their details in any order,
hears their coverage, tries the remote fix, and leaves with a case ID whose case
holds everything they said.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import E2E_AGENT_TOKEN, Stack

pytestmark = pytest.mark.e2e

CASE_ID = re.compile(r"\b5\d(?: ?\d){8}\b")


class Chat:
    """One customer talking to the bot."""

    def __init__(self, stack: Stack, sender: str, language: str | None = None) -> None:
        self.stack = stack
        self.sender = sender
        self.language = language
        self.transcript: list[tuple[str, list[str]]] = []

    def say(self, text: str) -> list[str]:
        body: dict[str, Any] = {"sender": self.sender, "message": text}
        if self.language and not self.transcript:
            body["metadata"] = {"language": self.language}
        reply = httpx.post(f"{self.stack.bot.url}/webhooks/rest/webhook", json=body, timeout=60)
        reply.raise_for_status()
        texts = [m.get("text", "") for m in reply.json()]
        self.transcript.append((text, texts))
        return texts

    def slots(self) -> dict[str, Any]:
        url = f"{self.stack.bot.url}/conversations/{self.sender}/tracker"
        result: dict[str, Any] = httpx.get(url, timeout=30).json()["slots"]
        return result

    def dump(self) -> str:
        return "\n".join(
            f"> {user}\n" + "\n".join(f"< {b}" for b in bot) for user, bot in self.transcript
        )


def case_id_in(texts: list[str]) -> str | None:
    for text in texts:
        match = CASE_ID.search(text)
        if match:
            return match.group(0).replace(" ", "")
    return None


def read_case(stack: Stack, case_id: str) -> dict[str, Any]:
    response = httpx.get(
        f"{stack.api.url}/api/v1/cases/{case_id}",
        headers={"Authorization": f"Bearer {E2E_AGENT_TOKEN}"},
        timeout=30,
    )
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


CONVERSATIONS = {
    "en": [
        "hi",
        "my EliteBook 5CG3201ABC won't turn on anymore",
        "the Netherlands",
        "Emma Jansen",
        "emma.jansen@mail.example",
        "+31 6 5555 0123",
        "no",
        "no",
        "no, it's still dead",
        "yes please",
    ],
    "nl": [
        "hallo",
        "mijn laptop 5CG3201ABC gaat niet meer aan",
        "Nederland",
        "Emma Jansen",
        "emma.jansen@mail.example",
        "06 5555 0123",
        "nee",
        "nee",
        "nee, hij doet nog steeds niks",
        "ja graag",
    ],
}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_report_problem_to_case(stack: Stack, language: str) -> None:
    chat = Chat(stack, f"e2e-triage-{language}", language=language)
    replies: list[str] = []
    for message in CONVERSATIONS[language]:
        replies = chat.say(message)
    case_id = case_id_in(replies)
    assert case_id, chat.dump()
    slots = chat.slots()
    assert slots["language"] == language, chat.dump()
    assert slots["serial_number"] == "5CG3201ABC"
    assert slots["country"] == "NL"

    case = read_case(stack, case_id)
    assert case["serial_number"] == "5CG3201ABC"
    assert case["email"] == "emma.jansen@mail.example"
    assert case["name"] == "Emma Jansen"
    assert case["phone"] == "+31655550123"
    assert case["country"] == "NL"
    assert case["language"] == language
    assert case["channel"] == "web"
    assert case["component"] == "power"
    assert case["problem"] == CONVERSATIONS[language][1]
    assert case["delivery"] == "pickup_return"
    assert case["entitled"] is True
    assert case["self_tests"][0]["result"] == "fail"
    assert case["conversation_id"] == chat.sender

    # Saying yes again never opens a second case.
    again = chat.say(CONVERSATIONS[language][-1])
    listed = httpx.get(
        f"{stack.api.url}/api/v1/cases",
        params={"conversation_id": chat.sender},
        headers={"Authorization": f"Bearer {E2E_AGENT_TOKEN}"},
    ).json()
    assert listed["total"] == 1, chat.dump() + f"\n{again}"


def test_dutch_replies_are_dutch(stack: Stack) -> None:
    chat = Chat(stack, "e2e-dutch-text", language="nl")
    greeting = chat.say("hallo")
    english = Chat(stack, "e2e-english-text", language="en").say("hello")
    assert greeting and english
    assert greeting != english, "the Dutch greeting must come from the Dutch catalog"


def test_case_status_in_words(stack: Stack) -> None:
    created = httpx.post(
        f"{stack.api.url}/api/v1/cases",
        json={
            "serial_number": "CND1234567",
            "email": "contact@lumiere.example",
            "name": "Claire Martin",
            "country": "FR",
            "language": "en",
            "channel": "agent",
            "problem": "No display",
        },
        headers={"Authorization": f"Bearer {E2E_AGENT_TOKEN}", "Idempotency-Key": "e2e-status"},
    ).json()
    chat = Chat(stack, "e2e-status", language="en")
    chat.say(f"what's the status of case {created['case_id']}?")
    replies = chat.say("contact@lumiere.example")
    assert any("open" in text.lower() for text in replies), chat.dump()
