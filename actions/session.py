"""Session start: open a conversation in the caller's language.

Rasa runs `action_session_start` before the first message of every conversation
session (and after a restart). Rasa's built-in version only carries slots over;
this one also reads `metadata.language` (contracts §5) so that the greeting is
already in the caller's language.

Where the language comes from, first match wins:

1. The metadata Rasa attached to *this* session start. Rasa stores it in the
   `session_started_metadata` slot right before calling this action, so it is the
   trailing `slot` event of the tracker. Reading the slot's current value instead
   would pick up a stale value carried over from an earlier session.
2. The metadata of the latest user message, if that message belongs to the
   current turn (the session was restarted by it, e.g. `/restart`). A message
   from a turn that already ended belongs to the expired session and is ignored.
3. Otherwise the `language` slot keeps its carried-over or initial value.

Unsupported or malformed language values are ignored, never an error: a session
must always start.
"""

import logging
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from careline.languages import SUPPORTED_LANGUAGES, normalise_language

logger = logging.getLogger(__name__)

Event = dict[str, Any]

LANGUAGE_SLOT = "language"
# Rasa's own slot for the metadata of the message that started the session.
SESSION_START_METADATA_SLOT = "session_started_metadata"
ACTION_LISTEN = "action_listen"


class ActionSessionStart(Action):  # type: ignore[misc]  # rasa_sdk ships no type hints
    """Starts a session, carries slots over and sets `language` from metadata."""

    def name(self) -> str:
        """Returns the name Rasa calls this action by."""
        return "action_session_start"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[Event]:
        """Builds the events that open a new session.

        Args:
            dispatcher: Unused: a session start says nothing.
            tracker: The conversation, including the session-start metadata.
            domain: The bot's domain; its `session_config` decides carry-over.

        Returns:
            `session_started`, the carried-over slots, the language (if the
            client asked for a supported one) and `action_listen`, in that order.
        """
        language = requested_language(tracker)
        carried = [
            event
            for event in slot_events_to_carry_over(tracker, domain)
            if language is None or event["name"] != LANGUAGE_SLOT
        ]
        events: list[Event] = [SessionStarted(), *carried]
        if language is not None:
            logger.debug("Session for %s starts in %r.", tracker.sender_id, language)
            events.append(SlotSet(LANGUAGE_SLOT, language))
        events.append(ActionExecuted(ACTION_LISTEN))
        return events


def requested_language(tracker: Tracker) -> str | None:
    """Returns the supported language the client asked for at this session start.

    Args:
        tracker: The conversation as sent by Rasa.

    Returns:
        An ISO 639-1 code from `SUPPORTED_LANGUAGES`, or `None` when the client
        asked for none, or for one we do not support.
    """
    for metadata in (_session_start_metadata(tracker), _current_turn_metadata(tracker)):
        language = language_from_metadata(metadata)
        if language is not None:
            return language
    return None


def language_from_metadata(metadata: object) -> str | None:
    """Reads and normalises `metadata["language"]`.

    Args:
        metadata: Channel metadata; anything that is not a mapping is ignored.

    Returns:
        A supported language code, or `None`.
    """
    if not isinstance(metadata, Mapping):
        return None
    raw = metadata.get("language")
    if not isinstance(raw, str):
        return None
    language = normalise_language(raw)
    return language if language in SUPPORTED_LANGUAGES else None


def slot_events_to_carry_over(tracker: Tracker, domain: DomainDict) -> list[Event]:
    """Returns the `slot` events the new session starts with.

    Mirrors Rasa's built-in `action_session_start`: every slot set since the last
    session start (or restart) is set again, in order, when the domain's
    `carry_over_slots_to_new_session` is on. The metadata Rasa attached to this
    session start is kept either way: it belongs to the new session.

    Args:
        tracker: The conversation as sent by Rasa.
        domain: The bot's domain.

    Returns:
        `SlotSet` events, oldest first.
    """
    session_config = domain.get("session_config") or {}
    carry_over = bool(session_config.get("carry_over_slots_to_new_session", True))
    if carry_over:
        applied: list[Event] = tracker.applied_events()
        starts = [i for i, event in enumerate(applied) if event.get("event") == "session_started"]
        since_start = applied[starts[-1] + 1 :] if starts else applied
    else:
        since_start = _trailing_slot_events(tracker)
    return [
        SlotSet(event["name"], event.get("value"))
        for event in since_start
        if event.get("event") == "slot"
    ]


def _trailing_slot_events(tracker: Tracker) -> list[Event]:
    """Returns the `slot` events at the end of the tracker, oldest first.

    These are the ones Rasa added for this session start, after the last action.
    """
    trailing: list[Event] = []
    for event in reversed(tracker.events):
        if event.get("event") != "slot":
            break
        trailing.append(event)
    return trailing[::-1]


def _session_start_metadata(tracker: Tracker) -> object:
    """Returns the metadata Rasa attached to this session start, if any."""
    for event in reversed(_trailing_slot_events(tracker)):
        if event.get("name") == SESSION_START_METADATA_SLOT:
            return event.get("value")
    return None


def _current_turn_metadata(tracker: Tracker) -> object:
    """Returns the metadata of the latest user message if its turn is still running."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return event.get("metadata")
        if event.get("event") == "action" and event.get("name") == ACTION_LISTEN:
            return None
    return None
