"""Guided self-tests and customer self-repair in the conversation.

One generic, data-driven step: the guides are files (`data/guides/`, walked by
`careline.selftest`), the conversation keeps only its position in the slots
`guide_id` and `guide_step` (with `flow_step = self_test`). Those slots are carried
into new sessions, so a customer who pauses ("I'll run the test and come back")
continues at the same step later. Every answered step is appended to
`self_test_log`, which becomes the case's `self_tests`.

- `start_guide` picks the guide for the reported component and asks its first step;
  a failure ID already given skips straight to the outcome.
- `answer_step` follows yes/no, and a failure ID (validated, read back in groups,
  ending the troubleshooting) to the next step or an outcome.
- `finish` acts on the outcome: fixed; repair (offer a case); human (hand over with
  the steps so far); a CSR part (offer to ship it with a case, when the device's
  category has that part and the problem is covered, else a repair).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.cases import hand_over, open_case_and_tell
from actions.clients.careline_api import Entitlement
from actions.common import Event, latest_intent, mentions, say, text_slot
from actions.guides import (
    GUIDE_SLOTS,
    guide_book,
    now,
    pending_step,
    position,
    source_text,
    step_utterance,
)
from actions.replies import Utterance
from careline.answers import leading_yes_no
from careline.identifiers import failure_id_attempt_length
from careline.selftest import (
    AnswerKind,
    GuideBook,
    Move,
    Outcome,
    StepRecord,
    guide_for,
    move,
    record_step,
)
from careline.selftest.models import CSR_CONTEXT
from careline.selftest.walker import entry

log = logging.getLogger(__name__)

PRIORITY_GUIDE = "priority_helpdesk"
PRIORITY_PROMPT = "Priority Services helpdesk: the helpdesk's own diagnosis."


def _failure_id_given(tracker: Tracker) -> str | None:
    """The failure ID of the latest message, normalised (validated by the slot)."""
    return text_slot(tracker, "failure_id") if mentions(tracker, "failure_id") else None


def _with(tracker: Tracker, *entries: StepRecord | dict[str, Any]) -> list[dict[str, Any]]:
    """The self-test log with new entries appended."""
    return [*(tracker.get_slot("self_test_log") or []), *entries]


async def start_guide(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[Event]:
    """Pick the guide for the component and ask its first step (or skip on a failure ID)."""
    book = guide_book()
    guide = guide_for(book, text_slot(tracker, "component"))
    failure_id = text_slot(tracker, "failure_id")
    if failure_id:
        # The customer ran the diagnostics before: a definite failure, no steps.
        log_so_far = _with(tracker, _failure_record(guide.id, failure_id, tracker))
        dispatcher.utter_message(response="utter_failure_id_noted", failure_id=failure_id)
        return [
            SlotSet("self_test_log", log_so_far),
            *await finish(dispatcher, tracker, Outcome("repair"), log_so_far),
        ]
    start = guide.start
    say(
        dispatcher,
        [
            Utterance(
                "utter_guide_intro", {"guide_title": source_text(guide.context, guide.title)}
            ),
            step_utterance(book, guide.id, start),
        ],
    )
    return [
        SlotSet("guide_id", guide.id),
        SlotSet("guide_step", start),
        SlotSet("flow_step", "self_test"),
    ]


def _failure_record(guide_id: str, failure_id: str, tracker: Tracker) -> StepRecord:
    return entry(
        guide_id,
        "failure_id_reported",
        "Failure ID from HP PC Hardware Diagnostics given before the guide.",
        answer_text=str(tracker.latest_message.get("text") or ""),
        result="fail",
        outcome="repair",
        at=now(),
        failure_id=failure_id,
    )


async def answer_step(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[Event]:
    """Act on the customer's answer to the pending step."""
    book = guide_book()
    where = position(book, tracker)
    if where is None:  # the guide changed or vanished under a paused conversation
        dispatcher.utter_message(response="utter_guide_lost")
        return [*(SlotSet(s, None) for s in GUIDE_SLOTS), SlotSet("flow_step", None)]
    guide_id, step_id = where
    text = str(tracker.latest_message.get("text") or "")
    intent = latest_intent(tracker)
    failure_id = _failure_id_given(tracker)
    answer: AnswerKind
    said_yes_no = leading_yes_no(text)
    if failure_id:
        answer = "failure_id"
    elif intent in ("affirm", "deny"):
        answer = "affirm" if intent == "affirm" else "deny"
    elif said_yes_no is not None:
        # "nee, het lampje blijft uit" read as a problem report: the leading "nee" is
        # the answer to the step's yes/no question.
        answer = said_yes_no
    else:
        length = failure_id_attempt_length(text)
        if length is not None:
            dispatcher.utter_message(response="utter_invalid_failure_id", count=length)
        else:
            dispatcher.utter_message(response="utter_guide_answer_unclear")
        say(dispatcher, [step_utterance(book, guide_id, step_id)])
        return []

    moved = move(book, guide_id, step_id, answer)
    entry = record_step(
        book,
        guide_id,
        step_id,
        answer=answer,
        answer_text=text,
        failure_id=failure_id,
        moved_to=moved,
        at=now(),
    )
    log_so_far = _with(tracker, entry)
    events: list[Event] = [SlotSet("self_test_log", log_so_far)]
    if failure_id:
        dispatcher.utter_message(response="utter_failure_id_noted", failure_id=failure_id)
    if moved.outcome is None:
        return [*events, *_ask_next(dispatcher, book, guide_id, moved)]
    return [*events, *await finish(dispatcher, tracker, moved.outcome, log_so_far)]


def _ask_next(
    dispatcher: CollectingDispatcher, book: GuideBook, guide_id: str, moved: Move
) -> list[Event]:
    step = moved.step or book.guide(moved.guide).start
    utterances = []
    if moved.guide != guide_id:
        guide = book.guide(moved.guide)
        utterances.append(
            Utterance(
                "utter_guide_continues", {"guide_title": source_text(guide.context, guide.title)}
            )
        )
    utterances.append(step_utterance(book, moved.guide, step))
    say(dispatcher, utterances)
    return [SlotSet("guide_id", moved.guide), SlotSet("guide_step", step)]


def csr_offer(book: GuideBook, part_id: str | None, entitlement: Entitlement | None) -> bool:
    """Whether the customer may get the part to replace themselves."""
    if part_id is None or part_id not in book.csr or not entitlement:
        return False
    return bool(entitlement["entitled"]) and book.csr[part_id].fits(entitlement.get("category"))


async def finish(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    outcome: Outcome,
    log_so_far: list[dict[str, Any]],
) -> list[Event]:
    """Act on the outcome of a guide; `log_so_far` includes the step that ended it."""
    done: list[Event] = [*(SlotSet(s, None) for s in GUIDE_SLOTS)]
    if outcome.kind == "fixed":
        say(dispatcher, [Utterance("utter_glad_fixed"), Utterance("utter_anything_else")])
        return [*done, SlotSet("flow_step", None)]
    if outcome.kind == "human":
        dispatcher.utter_message(response="utter_guide_needs_colleague")
        return [*done, *await hand_over(dispatcher, tracker, self_tests=log_so_far)]
    book = guide_book()
    if (
        outcome.kind == "csr_part"
        and outcome.part is not None
        and csr_offer(book, outcome.part, tracker.get_slot("entitlement"))
    ):
        part = book.csr[outcome.part]
        response = "utter_csr_offer_courier" if part.ships_by_courier else "utter_csr_offer_post"
        say(
            dispatcher,
            [
                Utterance(
                    response,
                    {
                        "csr_part": part.id,
                        "csr_skill": part.skill,
                        "csr_steps": [source_text(CSR_CONTEXT, line) for line in part.outline],
                    },
                )
            ],
        )
        return [
            *done[:-1],
            SlotSet("csr_part", part.id),
            SlotSet("flow_step", "offer_csr"),
        ]
    dispatcher.utter_message(response="utter_guide_needs_repair")
    dispatcher.utter_message(response="utter_offer_case")
    return [*done, SlotSet("flow_step", "confirm_case")]


async def answer_csr_offer(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[Event]:
    """Yes: a case that ships the part. No: offer an offsite repair instead."""
    part = text_slot(tracker, "csr_part")
    if latest_intent(tracker) == "affirm" and part:
        return await open_case_and_tell(dispatcher, tracker, csr_part=part)
    dispatcher.utter_message(response="utter_offer_case")
    return [SlotSet("csr_part", None), SlotSet("flow_step", "confirm_case")]


def priority_record(tracker: Tracker) -> StepRecord:
    """The record of a Priority Services helpdesk's own diagnosis (R15)."""
    return entry(
        PRIORITY_GUIDE,
        "helpdesk_diagnosis",
        PRIORITY_PROMPT,
        answer_text=text_slot(tracker, "diagnosis") or "",
        result="skipped",
        outcome="repair",
        at=now(),
        failure_id=text_slot(tracker, "failure_id"),
    )


class ActionOpenPriorityCase(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """Open the case for a Priority Services helpdesk with its diagnosis (R15)."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_open_priority_case"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[Event]:
        """Record the diagnosis as the only self-test step and open the case."""
        log_so_far = _with(tracker, priority_record(tracker))
        return [
            SlotSet("self_test_log", log_so_far),
            *await open_case_and_tell(dispatcher, tracker, self_tests=log_so_far),
        ]


class ActionPause(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """The customer goes to try something and comes back later."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_pause"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[Event]:
        """Say we'll wait at this step (it is kept, also in a new session)."""
        if pending_step(tracker) is not None:
            dispatcher.utter_message(response="utter_guide_paused")
        else:
            dispatcher.utter_message(response="utter_take_your_time")
        return []


class ActionGreet(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """Say hello; a customer who comes back to a paused guide gets its step again."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[Event]:
        """Greet, or welcome back at the pending step."""
        step = pending_step(tracker)
        if step is None:
            dispatcher.utter_message(response="utter_greet")
            return []
        say(dispatcher, [Utterance("utter_guide_welcome_back"), step])
        return []
