"""Switching the conversation language on request ("can we speak Dutch?").

The `language` slot is already set from the `language` entity when this action runs;
the action confirms in the new language, or asks which language when none was named.
The slots collected so far are untouched: an active form continues where it was (and
asks its question again, in the new language), and a pending question outside forms —
a self-test step, "shall I open a case?" — is asked again in the new language.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import Event, language_of, say
from actions.triage import pending_question


class ActionChangeLanguage(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """Confirm the new language, or ask for one."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_change_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[Event]:
        """Say "let's continue in …" in that language."""
        named = [
            e for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == "language" and not e.get("role")
        ]  # fmt: skip
        if not named:
            dispatcher.utter_message(response="utter_ask_which_language")
            return []
        language = language_of(tracker)
        dispatcher.utter_message(response="utter_language_changed", language=language)
        question = None if tracker.active_loop_name else pending_question(tracker)
        if question is not None:
            say(dispatcher, [question])
        return []
