"""The triage: register the problem, check entitlement, remote fix, yes/no answers.

The actions are thin: they read slots, call the Careline API through the typed
client, let `actions.replies` decide what to say, and return events. Where the
conversation waits for is said in one categorical slot, `flow_step`: the question the
assistant asked (self_test, offer_csr, confirm_case, offer_quote, serial_again,
priority_diagnosis). Follow-up work (the first self-test step, opening the case after
"yes", checking a re-typed serial, handing over once details are complete) happens in
the same action through shared functions — no FollowupAction, so every step is
visible to the dialogue policies and to test stories.
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import clients
from actions.cases import hand_over, open_case_and_tell
from actions.clients.careline_api import ApiError
from actions.common import Event, language_of, latest_intent, mentions, say, text_slot
from actions.guides import GUIDE_SLOTS, left_guide_record, pending_step
from actions.replies import Utterance, entitlement_replies
from actions.selftests import answer_csr_offer, answer_step, start_guide

log = logging.getLogger(__name__)

MAX_SERIAL_RECHECKS = 1
FLOW_SLOTS = ("flow_step", "handoff", "requested_slot", *GUIDE_SLOTS)


class ActionRegisterProblem(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """Acknowledge a reported problem; the details form starts next."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_register_problem"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[Event]:
        """Say we'll take details; forget what belonged to an earlier problem.

        The self-test log and a failure ID of an earlier problem must not reach this
        problem's case; a failure ID given in this very message is kept.
        """
        dispatcher.utter_message(response="utter_problem_noted")
        new_failure_id = mentions(tracker, "failure_id")
        return [
            SlotSet("flow_step", None),
            SlotSet("opened_case_id", None),
            SlotSet("self_test_log", []),
            *(SlotSet(slot, None) for slot in GUIDE_SLOTS),
            *([] if new_failure_id else [SlotSet("failure_id", None)]),
        ]


async def check_and_tell(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[Event]:
    """Check entitlement for the slots, tell the result, and set the next `flow_step`."""
    serial = text_slot(tracker, "serial_number")
    if serial is None:
        dispatcher.utter_message(response="utter_ask_serial_number")
        return [SlotSet("flow_step", "serial_again")]
    has_problem = text_slot(tracker, "problem") is not None
    try:
        result = await clients.api().check_entitlement(
            serial_number=serial,
            product_number=text_slot(tracker, "product_number"),
            country=text_slot(tracker, "country"),
            component=text_slot(tracker, "component"),
            pin=text_slot(tracker, "pin"),
        )
    except ApiError:
        log.exception("entitlement check failed")
        dispatcher.utter_message(response="utter_case_failed")
        return [SlotSet("flow_step", None)]
    utterances, step = entitlement_replies(
        result, has_problem=has_problem, language=language_of(tracker)
    )
    events: list[Event] = [SlotSet("entitlement", result)]
    if step == "recheck_serial":
        rechecks = int(tracker.get_slot("serial_rechecks") or 0)
        if rechecks < MAX_SERIAL_RECHECKS:
            say(dispatcher, utterances)
            return [
                *events,
                SlotSet("serial_rechecks", rechecks + 1),
                SlotSet("serial_number", None),
                SlotSet("product_number", None),
                SlotSet("flow_step", "serial_again"),
            ]
        follow_up = "utter_offer_quote_case" if has_problem else "utter_anything_else"
        utterances = [Utterance("utter_serial_still_unknown"), Utterance(follow_up)]
        step = "offer_quote" if has_problem else "done"
    say(dispatcher, utterances)
    if tracker.get_slot("handoff"):
        return [*events, *await hand_over(dispatcher, tracker)]
    if step == "self_test":
        return [*events, *await start_guide(dispatcher, tracker)]
    if step == "priority_diagnosis":
        # R15: the helpdesk's own diagnosis, in one free-text answer. The form runs
        # next (an active loop comes first), asks for it and takes the next message
        # whatever its intent.
        return [*events, SlotSet("flow_step", step), ActiveLoop("priority_diagnosis_form")]
    return [*events, SlotSet("flow_step", step if step != "done" else None)]


class ActionCheckEntitlement(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """Ask the API whether the problem is covered, tell the result, choose the next step."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_check_entitlement"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[Event]:
        """Check and tell; hand over when the customer asked for a person."""
        return await check_and_tell(dispatcher, tracker)


class ActionFlowAnswer(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """Act on yes/no (or a detail) for the question in `flow_step`."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_flow_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[Event]:
        """Branch on the pending question and the answer."""
        step = tracker.get_slot("flow_step")
        intent = latest_intent(tracker)
        if step == "serial_again":
            if intent == "deny":
                dispatcher.utter_message(response="utter_offer_quote_case")
                return [SlotSet("flow_step", "offer_quote")]
            if text_slot(tracker, "serial_number") is None:
                dispatcher.utter_message(response="utter_invalid_serial_number")
                return []
            return await check_and_tell(dispatcher, tracker)
        if step == "self_test":
            return await answer_step(dispatcher, tracker)
        if intent == "inform":
            if step is None:
                dispatcher.utter_message(response="utter_no_pending_question")
                return []
            dispatcher.utter_message(response="utter_detail_updated")
            return self._ask_again(dispatcher, step)
        if step == "offer_csr":
            return await answer_csr_offer(dispatcher, tracker)
        yes = intent == "affirm"
        if step in ("confirm_case", "offer_quote"):
            if yes:
                return await open_case_and_tell(dispatcher, tracker)
            dispatcher.utter_message(response="utter_case_not_opened")
            return [SlotSet("flow_step", None)]
        dispatcher.utter_message(response="utter_no_pending_question")
        return []

    @staticmethod
    def _ask_again(dispatcher: CollectingDispatcher, step: str) -> list[Event]:
        question = QUESTIONS.get(step)
        if question:
            dispatcher.utter_message(response=question)
        return []


#: The question to ask again for a pending yes/no `flow_step`.
QUESTIONS = {
    "offer_csr": "utter_csr_offer_again",
    "confirm_case": "utter_offer_case",
    "offer_quote": "utter_offer_quote_case",
}


def pending_question(tracker: Tracker) -> Utterance | None:
    """The question the customer still has to answer (a guide step, a yes/no), if any."""
    step = pending_step(tracker)
    if step is not None:
        return step
    question = QUESTIONS.get(str(tracker.get_slot("flow_step")))
    return Utterance(question) if question else None


class ActionStopFlow(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """Leave the current question or flow; the collected details are kept."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_stop_flow"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[Event]:
        """Reset the flow state and say so; a guide left halfway is recorded as such."""
        dispatcher.utter_message(response="utter_flow_stopped")
        events: list[Event] = [SlotSet(slot, None) for slot in FLOW_SLOTS]
        left = left_guide_record(tracker, "stopped")
        if left is not None:
            events.append(
                SlotSet("self_test_log", [*(tracker.get_slot("self_test_log") or []), left])
            )
        if tracker.active_loop_name:
            events.append(ActiveLoop(None))
        return events
