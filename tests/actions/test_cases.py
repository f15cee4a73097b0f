"""Case actions against the real API (in-process): idempotent creation, status, hand-over."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.cases import (
    ActionCaseStatus,
    ActionRequestHuman,
    idempotency_key,
    open_case_and_tell,
)
from actions.clients.careline_api import CarelineApi
from actions.triage import ActionCheckEntitlement
from tests.actions.conftest import make_tracker, responses, run, slot_events

DETAILS: dict[str, Any] = {
    "serial_number": "5CD4455667",
    "country": "DE",
    "person_name": "Jonas Weber",
    "email": "support@northwind.example",
    "phone_number": "+49305550199",
    "company": "Northwind GmbH",
    "problem": "Festplatte macht Geräusche und Windows startet nicht",
    "component": "storage",
    "language": "de",
    "self_test_log": [
        {"guide": "generic", "step": "restart_and_diagnostics", "answer": "no", "result": "fail"}
    ],
}


def entitled_slots(sender: str) -> dict[str, Any]:
    events = run(
        ActionCheckEntitlement().run(
            CollectingDispatcher(), make_tracker(slots=DETAILS, sender_id=sender), {}
        )
    )
    return DETAILS | {"entitlement": slot_events(events)["entitlement"]}


def create(slots: dict[str, Any], sender: str) -> tuple[CollectingDispatcher, list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = run(open_case_and_tell(dispatcher, make_tracker(slots=slots, sender_id=sender)))
    return dispatcher, events


def test_case_holds_everything_said_and_tells_next_steps(real_api: CarelineApi) -> None:
    slots = entitled_slots("conv-case-1")
    dispatcher, events = create(slots, "conv-case-1")
    said = responses(dispatcher)
    assert said[:4] == [
        "utter_case_created",
        "utter_case_delivery_pickup_return",
        "utter_data_reminder",
        "utter_data_reminder_dmr",
    ]
    case_id = dispatcher.messages[0]["case_id"]
    assert slot_events(events)["opened_case_id"] == case_id
    stored = run(real_api.cases_of_conversation("conv-case-1"))[0]
    assert stored["case_id"] == case_id
    full: dict[str, Any] = dict(stored)
    assert full["language"] == "de"
    assert full["phone"] == "+49305550199"
    assert full["delivery"] == "pickup_return"
    assert full["self_tests"][0]["step"] == "restart_and_diagnostics"
    assert full["entitlement"]["flags"] == ["defective_media_retention", "peripheral_care_pack"]


def test_repeated_confirmation_or_retry_never_opens_a_second_case(real_api: CarelineApi) -> None:
    slots = entitled_slots("conv-case-2")
    first, _ = create(slots, "conv-case-2")
    again, _ = create(slots, "conv-case-2")  # the slot was lost, e.g. a retried request
    assert again.messages[0]["case_id"] == first.messages[0]["case_id"]
    corrected = slots | {"email": "it@northwind.example"}  # corrected after the case
    third, _ = create(corrected, "conv-case-2")
    assert third.messages[0]["case_id"] == first.messages[0]["case_id"]
    assert len(run(real_api.cases_of_conversation("conv-case-2"))) == 1
    remembered, _ = create(slots | {"opened_case_id": "5000000017"}, "conv-case-2")
    assert responses(remembered)[0] == "utter_case_already_open"


def test_missing_details_open_no_case(real_api: CarelineApi) -> None:
    dispatcher, _ = create({"serial_number": "5CG3201ABC"}, "conv-case-3")
    assert responses(dispatcher) == ["utter_case_missing_details"]
    assert run(real_api.cases_of_conversation("conv-case-3")) == []


def test_idempotency_key_depends_on_conversation_serial_and_problem() -> None:
    key = idempotency_key("c1", "5CG3201ABC", "black screen")
    assert key == idempotency_key("c1", "5CG3201ABC", "black screen")
    assert key != idempotency_key("c2", "5CG3201ABC", "black screen")
    assert key != idempotency_key("c1", "5CG3201ABC", "no power")


def test_case_status_by_email_and_serial(real_api: CarelineApi) -> None:
    dispatcher, _ = create(entitled_slots("conv-case-4"), "conv-case-4")
    case_id = dispatcher.messages[0]["case_id"]
    for contact in ("support@northwind.example", "5CD4455667"):
        status = CollectingDispatcher()
        tracker = make_tracker(slots={"case_id": case_id, "case_contact": contact})
        run(ActionCaseStatus().run(status, tracker, {}))
        assert responses(status) == ["utter_case_status", "utter_anything_else"]
        assert status.messages[0]["case_status"] == "open"
    wrong = CollectingDispatcher()
    events = run(
        ActionCaseStatus().run(
            wrong, make_tracker(slots={"case_id": case_id, "case_contact": "nobody@x.example"}), {}
        )
    )
    assert responses(wrong) == ["utter_case_not_found"]
    assert slot_events(events)["case_id"] is None


def test_hand_over_opens_a_case_with_what_we_know(real_api: CarelineApi) -> None:
    slots = entitled_slots("conv-case-5")
    dispatcher = CollectingDispatcher()
    events = run(
        ActionRequestHuman().run(dispatcher, make_tracker(slots=slots, sender_id="conv-case-5"), {})
    )
    said = responses(dispatcher)
    assert said in (["utter_handoff_open"], ["utter_handoff_closed"])
    assert dispatcher.messages[0]["case_id"] == slot_events(events)["opened_case_id"]
    assert slot_events(events)["handoff"] is False


def test_hand_over_without_details_collects_them_first(real_api: CarelineApi) -> None:
    dispatcher = CollectingDispatcher()
    events = run(ActionRequestHuman().run(dispatcher, make_tracker(slots={}), {}))
    assert responses(dispatcher) == ["utter_handoff_need_details"]
    assert slot_events(events) == {"handoff": True}
