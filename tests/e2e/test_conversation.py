"""Whole triage conversations through the REST channel, then the case read back.

The real bot (NLU, dialogue, catalog NLG), the real action server and the real API:
a customer reports a problem in their own words, gives their details in any order,
hears their coverage, goes through the self-test guide for the problem, and leaves
fixed, with a repair case, with a part to fit themselves, or with a colleague — the
case holding everything they said and every step they took.
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


DETAILS = {
    "en": ["the Netherlands", "Emma Jansen", "emma.jansen@mail.example", "+31 6 5555 0123", "no", "no"],
    "nl": ["Nederland", "Emma Jansen", "emma.jansen@mail.example", "06 5555 0123", "nee", "nee"],
}  # fmt: skip
PROBLEMS = {
    "power": {
        "en": "my EliteBook 5CG3201ABC won't turn on anymore",
        "nl": "mijn laptop 5CG3201ABC gaat niet meer aan",
    },
    "battery": {
        "en": "the battery of my laptop 5CG3201ABC doesn't charge",
        "nl": "de accu van mijn laptop 5CG3201ABC laadt niet op",
    },
    "fan": {
        "en": "the fan of my laptop 5CG3201ABC is really loud and it gets hot",
        "nl": "de ventilator van mijn laptop 5CG3201ABC maakt veel lawaai en hij wordt heet",
    },
    "memory": {
        "en": "my laptop 5CG3201ABC keeps crashing with memory errors",
        "nl": "mijn laptop 5CG3201ABC loopt steeds vast met geheugenfouten",
    },
}
YES = {"en": "yes", "nl": "ja"}
NO = {"en": "no", "nl": "nee"}
FAILURE_ID = "7kq9 2jmx 4t8l p3vw zc6r 1hq5"


def start(stack: Stack, name: str, language: str, problem: str) -> Chat:
    chat = Chat(stack, f"e2e-{name}-{language}", language=language)
    chat.say({"en": "hi", "nl": "hallo"}[language])
    chat.say(PROBLEMS[problem][language])
    for answer in DETAILS[language]:
        chat.say(answer)
    assert chat.slots()["flow_step"] == "self_test", chat.dump()
    return chat


def cases_of(stack: Stack, chat: Chat) -> list[dict[str, Any]]:
    listed = httpx.get(
        f"{stack.api.url}/api/v1/cases",
        params={"conversation_id": chat.sender},
        headers={"Authorization": f"Bearer {E2E_AGENT_TOKEN}"},
    ).json()
    return [read_case(stack, item["case_id"]) for item in listed["items"]]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_guide_to_repair_case(stack: Stack, language: str) -> None:
    chat = start(stack, "repair", language, "power")
    no = NO[language]
    # no light, no better with another adapter, hard reset fails, no signs of life
    for _ in range(4):
        replies = chat.say(no)
    assert chat.slots()["flow_step"] == "confirm_case", chat.dump()
    replies = chat.say({"en": "yes please", "nl": "ja graag"}[language])
    case_id = case_id_in(replies)
    assert case_id, chat.dump()
    slots = chat.slots()
    assert slots["language"] == language, chat.dump()
    assert (slots["serial_number"], slots["country"]) == ("5CG3201ABC", "NL")

    case = read_case(stack, case_id)
    assert case["serial_number"] == "5CG3201ABC"
    assert case["email"] == "emma.jansen@mail.example"
    assert case["name"] == "Emma Jansen"
    assert case["phone"] == "+31655550123"
    assert case["country"] == "NL"
    assert case["language"] == language
    assert case["channel"] == "web"
    assert case["component"] == "power"
    assert case["problem"] == PROBLEMS["power"][language]
    assert case["delivery"] == "pickup_return"
    assert case["entitled"] is True
    assert [(s["step"], s["result"]) for s in case["self_tests"]] == [
        ("power_light", "fail"),
        ("adapter_swap", "pass"),
        ("hard_reset", "fail"),
        ("signs_of_life", "fail"),
    ]
    assert case["self_tests"][-1]["outcome"] == "repair"
    assert case["conversation_id"] == chat.sender

    # Saying yes again never opens a second case.
    chat.say(YES[language])
    assert len(cases_of(stack, chat)) == 1, chat.dump()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_guide_to_fixed(stack: Stack, language: str) -> None:
    chat = start(stack, "fixed", language, "battery")
    for _ in range(3):  # charging light on, battery check passed, lasts normally again
        replies = chat.say(YES[language])
    slots = chat.slots()
    assert slots["flow_step"] is None and slots["guide_id"] is None, chat.dump()
    assert [s["outcome"] for s in slots["self_test_log"]] == [None, None, "fixed"]
    assert cases_of(stack, chat) == []
    assert replies, chat.dump()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_guide_to_colleague(stack: Stack, language: str) -> None:
    chat = start(stack, "human", language, "fan")
    chat.say(NO[language])  # still hot after cleaning the vents
    chat.say(NO[language])  # still loud after the BIOS update
    replies = chat.say(YES[language])  # the fan test passed: a colleague looks at it
    case_id = case_id_in(replies)
    assert case_id, chat.dump()
    case = read_case(stack, case_id)
    assert [s["step"] for s in case["self_tests"]] == ["vents", "bios_update", "fan_test"]
    assert case["self_tests"][-1]["outcome"] == "human"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_failure_id_ends_the_guide_and_ships_a_part(stack: Stack, language: str) -> None:
    chat = start(stack, "csr", language, "memory")
    replies = chat.say(FAILURE_ID)  # one turn: noted, read back in groups, part offered
    assert any("7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5" in text for text in replies), chat.dump()
    assert chat.slots()["flow_step"] == "offer_csr", chat.dump()
    replies = chat.say(YES[language])
    case_id = case_id_in(replies)
    assert case_id, chat.dump()
    case = read_case(stack, case_id)
    assert (case["delivery"], case["csr_part"]) == ("csr_part", "memory")
    assert case["failure_id"] == "7KQ92JMX4T8LP3VWZC6R1HQ5"
    assert case["self_tests"][0]["outcome"] == "csr_part:memory"

    # The printout the customer includes with the returned part.
    link = next(
        (m.group(0) for t in replies if (m := re.search(r"http\S+self-test-report\S+", t))),
        None,
    )
    assert link, chat.dump()
    report = httpx.get(link.rstrip("."), timeout=30)
    assert report.status_code == 200
    assert "7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5" in report.text


def test_a_paused_guide_resumes_at_its_step_in_a_new_session(stack: Stack) -> None:
    chat = start(stack, "pause", "en", "memory")
    chat.say("yes")  # quick test passed; next: the extensive test
    replies = chat.say("the extensive test takes an hour, I'll come back when it's done")
    assert chat.slots()["guide_step"] == "extensive_test", chat.dump()
    chat.say("/session_start")  # what the channel does after the session expired
    replies = chat.say("hi, I'm back")
    assert any("extensive test" in text.lower() for text in replies), chat.dump()
    chat.say("yes, all passed")  # a colleague looks at it (human outcome)
    [case] = cases_of(stack, chat)
    assert [s["step"] for s in case["self_tests"]] == ["quick_test", "extensive_test"]


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
