"""`action_session_start` against real rasa_sdk trackers.

The trackers mirror what Rasa 3.6 sends: before calling the action it appends a
`slot` event for `session_started_metadata` (only when the message carried
metadata); the previous session, if any, ends with `action_listen`.
"""

import asyncio
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.session import ActionSessionStart

Event = dict[str, Any]

DOMAIN: dict[str, Any] = {
    "session_config": {"session_expiration_time": 60, "carry_over_slots_to_new_session": True},
    "slots": {"language": {"type": "text", "initial_value": "en"}},
}
NO_CARRY_OVER: dict[str, Any] = {
    **DOMAIN,
    "session_config": {"session_expiration_time": 60, "carry_over_slots_to_new_session": False},
}


def slot(name: str, value: Any) -> Event:
    return {"event": "slot", "timestamp": 1.0, "name": name, "value": value}


def action(name: str) -> Event:
    return {"event": "action", "timestamp": 1.0, "name": name}


def user(text: str, metadata: dict[str, Any] | None = None) -> Event:
    return {
        "event": "user",
        "timestamp": 1.0,
        "text": text,
        "parse_data": {"text": text, "intent": {"name": "greet", "confidence": 1.0}},
        "metadata": metadata or {},
    }


def session_start_metadata(metadata: dict[str, Any]) -> Event:
    """The event Rasa appends right before calling `action_session_start`."""
    return slot("session_started_metadata", metadata)


def previous_session(language: str = "fr") -> list[Event]:
    """A finished session: started, language set, one greeting turn."""
    return [
        action("action_session_start"),
        {"event": "session_started", "timestamp": 1.0},
        action("action_listen"),
        user("bonjour", {"language": language}),
        slot("language", language),
        slot("serial_number", "5CG3201ABC"),
        action("utter_greet"),
        action("action_listen"),
    ]


def make_tracker(events: list[Event]) -> Tracker:
    slots: dict[str, Any] = {"language": "en", "session_started_metadata": None}
    latest_message: dict[str, Any] = {}
    for event in events:
        if event["event"] == "slot":
            slots[event["name"]] = event["value"]
        elif event["event"] == "user":
            latest_message = {**event["parse_data"], "metadata": event["metadata"]}
    return Tracker.from_dict(
        {
            "sender_id": "test-session",
            "slots": slots,
            "latest_message": latest_message,
            "events": events,
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": None,
        }
    )


def run_action(
    events: list[Event], domain: dict[str, Any] = DOMAIN
) -> tuple[list[Event], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ActionSessionStart().run(dispatcher, make_tracker(events), domain))
    return result, dispatcher


def slot_sets(events: list[Event]) -> list[tuple[str, Any]]:
    return [(e["name"], e["value"]) for e in events if e["event"] == "slot"]


def final_slots(events: list[Event]) -> dict[str, Any]:
    return dict(slot_sets(events))


def test_name_matches_the_domain() -> None:
    assert ActionSessionStart().name() == "action_session_start"


@pytest.mark.parametrize("language", ["en", "nl", "da", "fr", "de", "zh"])
def test_language_from_session_start_metadata(language: str) -> None:
    events, dispatcher = run_action([session_start_metadata({"language": language})])

    assert events[0]["event"] == "session_started"
    assert events[-1] == {
        "event": "action",
        "timestamp": None,
        "name": "action_listen",
        "policy": None,
        "confidence": None,
    }
    assert final_slots(events)["language"] == language
    assert dispatcher.messages == []


@pytest.mark.parametrize(("raw", "language"), [("nl-BE", "nl"), ("ZH-cn", "zh"), ("Deutsch", "de")])
def test_language_tags_and_names_are_normalised(raw: str, language: str) -> None:
    events, _ = run_action([session_start_metadata({"language": raw})])

    assert final_slots(events)["language"] == language


def test_session_start_metadata_is_kept_in_the_new_session() -> None:
    events, _ = run_action([session_start_metadata({"language": "nl", "channel": "web"})])

    assert final_slots(events)["session_started_metadata"] == {"language": "nl", "channel": "web"}


@pytest.mark.parametrize(
    "metadata",
    [
        {"language": "es"},
        {"language": "klingon"},
        {"language": ""},
        {"language": 42},
        {"language": None},
        {"locale": "nl"},
    ],
)
def test_unsupported_or_malformed_language_is_ignored(metadata: dict[str, Any]) -> None:
    events, _ = run_action([session_start_metadata(metadata)])

    assert "language" not in final_slots(events)
    assert events[0]["event"] == "session_started"
    assert events[-1]["name"] == "action_listen"


def test_no_metadata_starts_a_plain_session() -> None:
    events, _ = run_action([])

    assert [e["event"] for e in events] == ["session_started", "action"]


def test_slots_are_carried_over() -> None:
    events, _ = run_action(previous_session("fr"))

    assert final_slots(events) == {"language": "fr", "serial_number": "5CG3201ABC"}
    assert events[0]["event"] == "session_started"
    assert events[-1]["name"] == "action_listen"


def test_metadata_language_overrides_the_carried_over_one() -> None:
    events, _ = run_action([*previous_session("fr"), session_start_metadata({"language": "de"})])

    assert ("language", "fr") not in slot_sets(events)
    assert final_slots(events)["language"] == "de"
    assert final_slots(events)["serial_number"] == "5CG3201ABC"


def test_unsupported_metadata_keeps_the_carried_over_language() -> None:
    events, _ = run_action([*previous_session("fr"), session_start_metadata({"language": "es"})])

    assert final_slots(events)["language"] == "fr"


def test_stale_metadata_of_an_earlier_session_is_ignored() -> None:
    # The first session started in Dutch, then the user switched to English. The
    # new session arrives without metadata: English must survive, although the
    # carried-over `session_started_metadata` still says Dutch.
    earlier = [
        session_start_metadata({"language": "nl"}),
        action("action_session_start"),
        {"event": "session_started", "timestamp": 1.0},
        slot("session_started_metadata", {"language": "nl"}),
        slot("language", "nl"),
        action("action_listen"),
        user("can we speak English?"),
        slot("language", "en"),
        action("action_listen"),
    ]

    events, _ = run_action(earlier)

    assert final_slots(events)["language"] == "en"


def test_latest_message_language_after_a_restart() -> None:
    restarted = [
        *previous_session("fr"),
        user("/restart", {"language": "da"}),
        action("action_restart"),
        {"event": "restart", "timestamp": 1.0},
    ]

    events, _ = run_action(restarted)

    # A restart forgets everything, so nothing is carried over.
    assert slot_sets(events) == [("language", "da")]


def test_latest_message_of_an_ended_turn_is_ignored() -> None:
    # The previous session's last message said "nl", but its turn is over; the
    # new session (no metadata) keeps the carried-over language.
    events, _ = run_action(
        [
            *previous_session("fr")[:-1],
            user("tot ziens", {"language": "nl"}),
            action("action_listen"),
        ]
    )

    assert final_slots(events)["language"] == "fr"


def test_no_carry_over_when_the_domain_says_so() -> None:
    events, _ = run_action(
        [*previous_session("fr"), session_start_metadata({"language": "nl"})], NO_CARRY_OVER
    )

    assert final_slots(events) == {
        "session_started_metadata": {"language": "nl"},
        "language": "nl",
    }


def test_no_carry_over_and_no_metadata_resets_everything() -> None:
    events, _ = run_action(previous_session("fr"), NO_CARRY_OVER)

    assert slot_sets(events) == []
