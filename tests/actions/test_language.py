"""Switching language mid-conversation: the pending question is asked again."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.language import ActionChangeLanguage
from tests.actions.conftest import make_tracker, responses, run

DUTCH = [{"entity": "language", "value": "nl", "start": 20, "end": 25}]


def change(**slots: object) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        intent="change_language", text="can we speak Dutch?", entities=DUTCH,
        slots={"language": "nl", **slots},
    )  # fmt: skip
    events = run(ActionChangeLanguage().run(dispatcher, tracker, {}))
    assert events == []  # every collected slot is kept
    return dispatcher


def test_a_pending_guide_step_is_asked_again_in_the_new_language() -> None:
    dispatcher = change(flow_step="self_test", guide_id="battery", guide_step="battery_check")
    assert responses(dispatcher) == ["utter_language_changed", "utter_guide_step"]
    assert dispatcher.messages[0]["language"] == "nl"
    assert dispatcher.messages[1]["step_prompt"]["msgid"].startswith("Did the battery check pass")


def test_a_pending_yes_no_question_is_asked_again() -> None:
    assert responses(change(flow_step="confirm_case")) == [
        "utter_language_changed",
        "utter_offer_case",
    ]


def test_inside_a_form_the_form_asks_again_itself() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        intent="change_language", text="can we speak Dutch?", entities=DUTCH,
        slots={"language": "nl", "flow_step": "confirm_case"}, active_loop="details_form",
    )  # fmt: skip
    run(ActionChangeLanguage().run(dispatcher, tracker, {}))
    assert responses(dispatcher) == ["utter_language_changed"]


def test_no_language_named_asks_which() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="change_language", text="other language please")
    run(ActionChangeLanguage().run(dispatcher, tracker, {}))
    assert responses(dispatcher) == ["utter_ask_which_language"]
