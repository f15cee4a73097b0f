"""Small helpers shared by the actions: events, utterances, slot access."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import Utterance
from careline.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

Event = dict[str, Any]


def say(dispatcher: CollectingDispatcher, utterances: Iterable[Utterance]) -> None:
    """Send domain responses; the NLG renders them in the conversation's language."""
    for utterance in utterances:
        dispatcher.utter_message(response=utterance.response, **utterance.args)


def language_of(tracker: Tracker) -> str:
    """The conversation language, `en` when unset or unsupported."""
    value = tracker.get_slot("language")
    return value if value in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def text_slot(tracker: Tracker, name: str) -> str | None:
    """A text slot's value; None for unset and for "" (an optional detail skipped)."""
    value = tracker.get_slot(name)
    return value if isinstance(value, str) and value else None


def mentions(tracker: Tracker, entity: str) -> bool:
    """Whether the latest user message carries an entity of that type."""
    return any(e.get("entity") == entity for e in tracker.latest_message.get("entities") or [])


def latest_intent(tracker: Tracker) -> str | None:
    """The name of the intent of the latest user message."""
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    return str(name) if name else None
