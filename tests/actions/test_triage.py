"""Triage actions against the real API (in-process): entitlement, yes/no, stop."""

from __future__ import annotations

from typing import Any

import httpx
from rasa_sdk.executor import CollectingDispatcher

from actions import clients
from actions.clients.careline_api import CarelineApi
from actions.triage import ActionCheckEntitlement, ActionFlowAnswer, ActionStopFlow
from tests.actions.conftest import make_tracker, responses, run, slot_events

DETAILS: dict[str, Any] = {
    "serial_number": "5CG3201ABC",
    "country": "NL",
    "person_name": "Emma Jansen",
    "email": "emma.jansen@mail.example",
    "problem": "het scherm blijft zwart",
    "component": "display",
}


def check(slots: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = run(ActionCheckEntitlement().run(dispatcher, make_tracker(slots=slots), {}))
    return responses(dispatcher), events, dispatcher


def test_covered_device_starts_the_guide_for_its_component(real_api: CarelineApi) -> None:
    said, events, dispatcher = check(DETAILS)
    assert said[0] == "utter_covered_until"
    assert dispatcher.messages[0]["coverage_kind"] == "care_pack"
    assert said[-2:] == ["utter_guide_intro", "utter_guide_step"]
    slots = slot_events(events)
    assert slots["flow_step"] == "self_test"
    assert (slots["guide_id"], slots["guide_step"]) == ("display", "any_picture")
    assert slots["entitlement"]["entitled"] is True
    assert slots["entitlement"]["category"] == "business_notebook"


def test_not_registered_care_pack_offers_a_quote(real_api: CarelineApi) -> None:
    said, events, _ = check(DETAILS | {"serial_number": "5CG2145XYZ", "country": "DK"})
    assert said[0] == "utter_not_covered"
    assert "utter_reason_care_pack_not_registered" in said
    assert slot_events(events)["flow_step"] == "offer_quote"


def test_priority_pin_skips_troubleshooting(real_api: CarelineApi) -> None:
    said, events, _ = check(
        DETAILS | {"serial_number": "5CG3300111", "country": "DK", "pin": "482913"}
    )
    assert "utter_priority_welcome" in said
    assert "utter_guide_intro" not in said
    assert slot_events(events)["flow_step"] == "priority_diagnosis"
    # The diagnosis form takes the next message, whatever its intent.
    assert {"event": "active_loop", "name": "priority_diagnosis_form"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]


def test_unknown_serial_is_asked_again_once(real_api: CarelineApi) -> None:
    said, events, _ = check(DETAILS | {"serial_number": "5CG0000000"})
    assert said == ["utter_unknown_serial"]
    assert slot_events(events)["serial_number"] is None
    assert slot_events(events)["flow_step"] == "serial_again"
    said, events, _ = check(DETAILS | {"serial_number": "5CG0000000", "serial_rechecks": 1})
    assert said == ["utter_serial_still_unknown", "utter_offer_quote_case"]
    assert slot_events(events)["flow_step"] == "offer_quote"


def test_api_down_is_told_not_crashed() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    clients.use_api(CarelineApi("http://x", "t", transport=httpx.MockTransport(down), attempts=1))
    try:
        said, events, _ = check(DETAILS)
    finally:
        clients.use_api(None)
    assert said == ["utter_case_failed"]
    assert slot_events(events) == {"flow_step": None}


def test_yes_to_a_case_opens_it(real_api: CarelineApi) -> None:
    dispatcher = CollectingDispatcher()
    checked = run(
        ActionCheckEntitlement().run(CollectingDispatcher(), make_tracker(slots=DETAILS), {})
    )
    slots = DETAILS | {
        "flow_step": "confirm_case",
        "entitlement": slot_events(checked)["entitlement"],
    }
    events = run(
        ActionFlowAnswer().run(
            dispatcher, make_tracker(intent="affirm", slots=slots, sender_id="conv-yes"), {}
        )
    )
    assert responses(dispatcher)[0] == "utter_case_created"
    assert slot_events(events)["flow_step"] is None
    assert slot_events(events)["opened_case_id"] == dispatcher.messages[0]["case_id"]


def test_a_retyped_serial_is_checked_again(real_api: CarelineApi) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        intent="inform", slots=DETAILS | {"flow_step": "serial_again", "serial_rechecks": 1}
    )
    events = run(ActionFlowAnswer().run(dispatcher, tracker, {}))
    assert responses(dispatcher)[0] == "utter_covered_until"
    assert slot_events(events)["flow_step"] == "self_test"
    missing = CollectingDispatcher()
    no_serial = make_tracker(intent="inform", slots={"flow_step": "serial_again"})
    run(ActionFlowAnswer().run(missing, no_serial, {}))
    assert responses(missing) == ["utter_invalid_serial_number"]


def test_hand_over_happens_once_details_are_checked(real_api: CarelineApi) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=DETAILS | {"handoff": True}, sender_id="conv-handoff")
    events = run(ActionCheckEntitlement().run(dispatcher, tracker, {}))
    assert responses(dispatcher)[-1] in ("utter_handoff_open", "utter_handoff_closed")
    assert slot_events(events)["handoff"] is False


def test_a_correction_repeats_the_pending_question() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="inform", slots={"flow_step": "confirm_case"})
    run(ActionFlowAnswer().run(dispatcher, tracker, {}))
    assert responses(dispatcher) == ["utter_detail_updated", "utter_offer_case"]


def test_stop_resets_the_flow_but_keeps_details() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        intent="stop", slots=DETAILS | {"flow_step": "confirm_case"}, active_loop="details_form"
    )
    events = run(ActionStopFlow().run(dispatcher, tracker, {}))
    assert responses(dispatcher) == ["utter_flow_stopped"]
    assert slot_events(events)["flow_step"] is None
    assert "serial_number" not in slot_events(events)
    assert {"event": "active_loop", "name": None} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]


def test_a_new_problem_forgets_the_earlier_problems_steps_and_failure_id() -> None:
    from actions.triage import ActionRegisterProblem

    earlier = {"self_test_log": [{"step": "quick_test"}], "failure_id": "7KQ92JMX4T8LP3VWZC6R1HQ5"}
    events = run(
        ActionRegisterProblem().run(
            CollectingDispatcher(), make_tracker(intent="report_problem", slots=earlier), {}
        )
    )
    assert slot_events(events)["self_test_log"] == []
    assert slot_events(events)["failure_id"] is None
    with_id = make_tracker(
        intent="report_problem",
        slots=earlier,
        entities=[{"entity": "failure_id", "value": "7KQ92JMX4T8LP3VWZC6R1HQ5"}],
    )
    events = run(ActionRegisterProblem().run(CollectingDispatcher(), with_id, {}))
    assert "failure_id" not in slot_events(events)
