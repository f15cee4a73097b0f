"""The self-test flow against the real guides and the real API (in-process).

Each test starts from an entitlement the API decided for a demo device, walks the
guide with yes/no/failure-ID answers as the dialogue would, and checks what is said,
which slots are set and what the case holds.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.cases import ActionRequestHuman
from actions.clients.careline_api import CarelineApi
from actions.selftests import ActionGreet, ActionOpenPriorityCase, ActionPause
from actions.triage import ActionCheckEntitlement, ActionFlowAnswer, ActionStopFlow
from tests.actions.conftest import make_tracker, responses, run, slot_events

FAILURE_ID = "7KQ92JMX4T8LP3VWZC6R1HQ5"
DETAILS: dict[str, Any] = {
    "serial_number": "5CG3201ABC",  # business notebook, NL, Care Pack pickup & return
    "country": "NL",
    "person_name": "Emma Jansen",
    "email": "emma.jansen@mail.example",
    "problem": "my laptop keeps crashing with memory errors",
    "component": "memory",
}


class Conversation:
    """Slots carried from turn to turn, as Rasa does between action calls."""

    def __init__(self, sender: str, **slots: Any) -> None:
        self.sender = sender
        self.slots: dict[str, Any] = {**DETAILS, **slots}
        self.said: list[str] = []
        self.messages: list[dict[str, Any]] = []

    def run(self, action: Any, *, intent: str | None = None, text: str = "", **extra: Any) -> None:
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(
            slots=self.slots, intent=intent, text=text, sender_id=self.sender, **extra
        )
        events = run(action.run(dispatcher, tracker, {}))
        self.slots.update(slot_events(events))
        self.said = responses(dispatcher)
        self.messages = dispatcher.messages

    def answer(self, intent: str, text: str, **extra: Any) -> None:
        self.run(ActionFlowAnswer(), intent=intent, text=text, **extra)

    def failure_id(self, text: str) -> None:
        self.slots["failure_id"] = FAILURE_ID  # the slot mapping sets it from the entity
        self.answer("inform", text, entities=[{"entity": "failure_id", "value": FAILURE_ID}])


@pytest.fixture
def memory(real_api: CarelineApi, request: pytest.FixtureRequest) -> Conversation:
    conversation = Conversation(f"conv-{request.node.name}")
    conversation.run(ActionCheckEntitlement())
    return conversation


def test_the_guide_starts_at_its_first_step(memory: Conversation) -> None:
    assert memory.said[-2:] == ["utter_guide_intro", "utter_guide_step"]
    step = memory.messages[-1]
    assert step["step_text"]["msgctxt"] == "guide:memory"
    assert "F2" in step["step_text"]["msgid"]
    assert (memory.slots["guide_id"], memory.slots["guide_step"]) == ("memory", "quick_test")


def test_a_failure_id_ends_troubleshooting_in_one_turn_and_offers_the_csr_part(
    memory: Conversation, real_api: CarelineApi
) -> None:
    memory.failure_id("the test failed: 7kq9 2jmx 4t8l p3vw zc6r 1hq5")
    assert memory.said == ["utter_failure_id_noted", "utter_csr_offer_courier"]
    assert memory.messages[0]["failure_id"] == FAILURE_ID
    offer = memory.messages[1]
    assert (offer["csr_part"], offer["csr_skill"]) == ("memory", "moderate")
    assert all(line["msgctxt"] == "csr" for line in offer["csr_steps"])
    assert memory.slots["flow_step"] == "offer_csr"
    assert memory.slots["guide_id"] is None
    [entry] = memory.slots["self_test_log"]
    assert entry["result"] == "fail"
    assert entry["failure_id"] == FAILURE_ID
    assert entry["outcome"] == "csr_part:memory"

    memory.answer("affirm", "yes please send it")
    assert memory.said[0] == "utter_case_created"
    assert "utter_case_delivery_csr_part" in memory.said
    report = next(m for m in memory.messages if m["response"] == "utter_self_test_report")
    case_id = memory.messages[0]["case_id"]
    assert f"/cases/{case_id}/self-test-report?serial_number=5CG3201ABC" in report["report_url"]
    [case] = run(real_api.cases_of_conversation(memory.sender))
    stored: dict[str, Any] = dict(case)
    assert (stored["delivery"], stored["csr_part"]) == ("csr_part", "memory")
    assert stored["failure_id"] == FAILURE_ID
    assert stored["self_tests"][0]["step"] == "quick_test"


def test_no_to_the_part_offers_a_repair_instead(memory: Conversation) -> None:
    memory.answer("deny", "no")  # quick test failed without an ID
    assert memory.slots["flow_step"] == "offer_csr"
    memory.answer("deny", "no, I'd rather you repair it")
    assert memory.said == ["utter_offer_case"]
    assert memory.slots["flow_step"] == "confirm_case"
    memory.answer("affirm", "yes")
    assert memory.said[0] == "utter_case_created"
    assert "utter_case_delivery_pickup_return" in memory.said


def test_csr_is_only_offered_for_parts_of_the_device(real_api: CarelineApi) -> None:
    # A notebook's built-in keyboard is not a CSR part: the external-keyboard path
    # ends at csr_part:keyboard, which exists for desktops only -> a repair.
    keyboard = Conversation("conv-csr-notebook", component="keyboard")
    keyboard.run(ActionCheckEntitlement())
    keyboard.answer("affirm", "yes it's a usb keyboard")
    keyboard.answer("deny", "still nothing")
    keyboard.answer("deny", "doesn't work there either")
    assert keyboard.said == ["utter_guide_needs_repair", "utter_offer_case"]
    assert keyboard.slots["flow_step"] == "confirm_case"
    assert [e["outcome"] for e in keyboard.slots["self_test_log"]] == [
        None,
        None,
        "csr_part:keyboard",
    ]


def test_yes_no_walk_to_fixed_with_every_step_recorded(real_api: CarelineApi) -> None:
    battery = Conversation("conv-battery", component="battery")
    battery.run(ActionCheckEntitlement())
    battery.answer("deny", "no the light stays off")
    assert battery.slots["guide_step"] == "adapter_swap"
    battery.answer("deny", "no, same with my colleague's adapter")
    assert battery.slots["guide_step"] == "battery_check"
    battery.answer("affirm", "yes it passed")
    battery.answer("affirm", "yes, all good now")
    assert battery.said == ["utter_glad_fixed", "utter_anything_else"]
    assert battery.slots["flow_step"] is None
    log = battery.slots["self_test_log"]
    assert [(e["step"], e["result"]) for e in log] == [
        ("charging_light", "fail"),
        ("adapter_swap", "pass"),
        ("battery_check", "pass"),
        ("calibrate", "pass"),
    ]
    assert log[-1]["outcome"] == "fixed"
    assert all(e["at"].endswith("+00:00") for e in log)


def test_human_outcome_hands_over_with_all_steps(real_api: CarelineApi) -> None:
    fan = Conversation("conv-fan", component="fan")
    fan.run(ActionCheckEntitlement())
    fan.answer("deny", "still hot")
    fan.answer("deny", "no")
    fan.answer("affirm", "the fan test passed")
    assert fan.said[0] == "utter_guide_needs_colleague"
    assert fan.said[1] in ("utter_handoff_open", "utter_handoff_closed")
    [case] = run(real_api.cases_of_conversation(fan.sender))
    assert [e["step"] for e in dict(case)["self_tests"]] == ["vents", "bios_update", "fan_test"]
    assert dict(case)["self_tests"][-1]["outcome"] == "human"


def test_a_guide_continues_in_another_guide(real_api: CarelineApi) -> None:
    power = Conversation("conv-power", component="power")
    power.run(ActionCheckEntitlement())
    power.answer("affirm", "yes the light is on")
    power.answer("deny", "no")
    power.answer("affirm", "it beeps and the caps lock blinks")
    assert power.said == ["utter_guide_continues", "utter_guide_step"]
    assert (power.slots["guide_id"], power.slots["guide_step"]) == ("no_boot", "blink_codes")


def test_a_leading_yes_or_no_answers_the_step_whatever_the_intent(memory: Conversation) -> None:
    memory.answer("report_problem", "nee, de test liep vast met een fout")
    assert memory.slots["guide_step"] is None  # quick test failed: the part is offered
    assert memory.slots["flow_step"] == "offer_csr"
    assert memory.slots["self_test_log"][0]["answer"] == "nee, de test liep vast met een fout"


def test_unclear_answers_and_mistyped_failure_ids_repeat_the_step(memory: Conversation) -> None:
    memory.answer("inform", "hmm the screen is blue")
    assert memory.said == ["utter_guide_answer_unclear", "utter_guide_step"]
    memory.answer("inform", "7KQ9-2JMX-4T8L-P3VW-ZC6R")
    assert memory.said == ["utter_invalid_failure_id", "utter_guide_step"]
    assert memory.messages[0]["count"] == 20
    assert memory.slots["guide_step"] == "quick_test"
    assert memory.slots.get("self_test_log") in (None, [])


def test_pause_keeps_the_step_and_a_greeting_resumes_it(memory: Conversation) -> None:
    memory.answer("affirm", "quick test passed")
    memory.run(ActionPause(), intent="pause", text="the extensive test takes an hour, brb")
    assert memory.said == ["utter_guide_paused"]
    assert memory.slots["guide_step"] == "extensive_test"
    # Later — the slots were carried into a new session.
    memory.run(ActionGreet(), intent="greet", text="hi, I'm back")
    assert memory.said == ["utter_guide_welcome_back", "utter_guide_step"]
    assert memory.messages[1]["step_prompt"]["msgid"].startswith("Did the extensive test pass?")
    memory.answer("affirm", "yes all passed")
    assert memory.slots["self_test_log"][-1]["step"] == "extensive_test"


def test_greet_and_pause_without_a_guide_are_plain() -> None:
    idle = Conversation("conv-idle")
    idle.run(ActionGreet(), intent="greet", text="hello")
    assert idle.said == ["utter_greet"]
    idle.run(ActionPause(), intent="pause", text="one moment")
    assert idle.said == ["utter_take_your_time"]


def test_stop_leaves_the_guide_and_records_where(memory: Conversation) -> None:
    memory.run(ActionStopFlow(), intent="stop", text="never mind")
    assert memory.said == ["utter_flow_stopped"]
    assert memory.slots["guide_id"] is None and memory.slots["flow_step"] is None
    [entry] = memory.slots["self_test_log"]
    assert (entry["step"], entry["result"], entry["outcome"]) == (
        "quick_test",
        "skipped",
        "stopped",
    )


def test_agent_mid_guide_hands_over_with_the_steps_so_far(
    memory: Conversation, real_api: CarelineApi
) -> None:
    memory.answer("affirm", "passed")
    memory.run(ActionRequestHuman(), intent="request_human", text="let me talk to a person")
    assert memory.said[0] in ("utter_handoff_open", "utter_handoff_closed")
    [case] = run(real_api.cases_of_conversation(memory.sender))
    steps = [(e["step"], e.get("outcome")) for e in dict(case)["self_tests"]]
    assert steps == [("quick_test", None), ("extensive_test", "human")]
    assert memory.slots["guide_id"] is None


def test_a_failure_id_given_before_the_guide_skips_it(real_api: CarelineApi) -> None:
    early = Conversation("conv-early-id", component="storage", failure_id=FAILURE_ID)
    early.run(ActionCheckEntitlement())
    assert early.said[-3:] == [
        "utter_failure_id_noted",
        "utter_guide_needs_repair",
        "utter_offer_case",
    ]
    assert early.slots["flow_step"] == "confirm_case"
    assert early.slots["self_test_log"][0]["step"] == "failure_id_reported"


def test_priority_helpdesk_case_holds_its_diagnosis(real_api: CarelineApi) -> None:
    helpdesk = Conversation(
        "conv-priority", serial_number="5CG3300111", country="DK", pin="482913",
        component="keyboard", diagnosis="Keyboard matrix fault, UEFI keyboard test failed",
    )  # fmt: skip
    helpdesk.run(ActionCheckEntitlement())
    assert helpdesk.slots["flow_step"] == "priority_diagnosis"
    assert "utter_guide_intro" not in helpdesk.said
    helpdesk.run(ActionOpenPriorityCase())
    assert helpdesk.said[0] == "utter_case_created"
    [case] = run(real_api.cases_of_conversation(helpdesk.sender))
    [entry] = dict(case)["self_tests"]
    assert entry["guide"] == "priority_helpdesk"
    assert entry["answer"].startswith("Keyboard matrix fault")


def test_a_guide_that_changed_under_a_paused_conversation_starts_over() -> None:
    lost = Conversation("conv-lost", flow_step="self_test", guide_id="memory", guide_step="gone")
    lost.answer("affirm", "yes")
    assert lost.said == ["utter_guide_lost"]
    assert lost.slots["flow_step"] is None
