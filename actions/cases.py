"""Cases: opening one, and telling the customer the status of an existing one.

A case is opened after a failed remote fix, for a paid repair quote, or for a
hand-over to a colleague.

Opening is idempotent end to end: the key sent to the API is derived from the
conversation, the serial number and the problem, so a retried request or a repeated
"yes" returns the case that already exists instead of opening a second one.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import clients
from actions.clients.careline_api import ApiError, ApiRejected, CaseRecord, Entitlement
from actions.common import Event, language_of, say, text_slot
from actions.guides import GUIDE_SLOTS, left_guide_record
from actions.replies import Utterance, case_created_replies, repair_delivery
from actions.settings import get_settings

log = logging.getLogger(__name__)

REQUIRED_FOR_CASE = ("serial_number", "person_name", "email", "country")
HANDOFF_PROBLEM = "The customer asked to talk to a person."  # internal, for agents


def idempotency_key(conversation_id: str, serial_number: str, problem: str) -> str:
    """The key of "this problem on this device in this conversation"."""
    digest = hashlib.sha256(f"{conversation_id}|{serial_number}|{problem}".encode()).hexdigest()
    return f"careline-bot:{digest[:32]}"


def case_payload(
    tracker: Tracker,
    *,
    problem: str,
    csr_part: str | None = None,
    self_tests: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The `POST /cases` body from the conversation's slots.

    Args:
        tracker: the conversation.
        problem: the customer's description.
        csr_part: a customer self-repair part to ship (delivery `csr_part`).
        self_tests: the self-test log, when this turn added to the slot's.
    """
    entitlement: Entitlement | None = tracker.get_slot("entitlement")
    channel = (tracker.latest_message.get("metadata") or {}).get("channel")
    body: dict[str, Any] = {
        "serial_number": text_slot(tracker, "serial_number"),
        "email": text_slot(tracker, "email"),
        "name": text_slot(tracker, "person_name"),
        "country": text_slot(tracker, "country"),
        "language": language_of(tracker),
        "channel": channel if channel in ("web", "voice", "ivr") else "web",
        "problem": problem,
        "phone": text_slot(tracker, "phone_number"),
        "company": text_slot(tracker, "company"),
        "product_number": text_slot(tracker, "product_number"),
        "component": text_slot(tracker, "component"),
        "failure_id": text_slot(tracker, "failure_id"),
        "delivery": "csr_part" if csr_part else repair_delivery(entitlement),
        "csr_part": csr_part,
        "entitlement": entitlement,
        "self_tests": self_tests
        if self_tests is not None
        else tracker.get_slot("self_test_log") or [],
        "conversation_id": tracker.sender_id,
    }
    return {k: v for k, v in body.items() if v not in (None, "")}


async def open_case(
    tracker: Tracker,
    *,
    problem: str,
    csr_part: str | None = None,
    self_tests: list[dict[str, Any]] | None = None,
) -> CaseRecord:
    """Open the case (or get the one this conversation already opened for it).

    Raises:
        ApiError: the API is unavailable or refused the case.
    """
    serial = text_slot(tracker, "serial_number") or ""
    key = idempotency_key(tracker.sender_id, serial, problem)
    try:
        return await clients.api().create_case(
            case_payload(tracker, problem=problem, csr_part=csr_part, self_tests=self_tests),
            idempotency_key=key,
        )
    except ApiRejected as exc:
        if exc.code != "idempotency_conflict":
            raise
        # Same problem, details corrected since: the case exists; find it.
        for case in await clients.api().cases_of_conversation(tracker.sender_id):
            if case.get("serial_number") == serial:
                return case
        raise


async def agents_available(tracker: Tracker) -> tuple[bool | None, str | None]:
    """Whether agents are available now, and when they next are (None if unknown)."""
    country = text_slot(tracker, "country")
    if country is None:
        return None, None
    try:
        hours = await clients.api().support_hours(country=country, language=language_of(tracker))
    except ApiError:
        return None, None
    return hours["open"], hours["next_open_display"]


def self_test_report_url(case: CaseRecord) -> str | None:
    """Where the customer prints the self-test summary of a case (None without steps)."""
    if not case.get("self_tests"):
        return None
    base = get_settings().careline_public_url.rstrip("/")
    return (
        f"{base}/api/v1/cases/{case['case_id']}/self-test-report"
        f"?serial_number={case['serial_number']}"
    )


def _missing_details(tracker: Tracker) -> bool:
    return any(text_slot(tracker, slot) is None for slot in REQUIRED_FOR_CASE)


async def open_case_and_tell(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    *,
    csr_part: str | None = None,
    self_tests: list[dict[str, Any]] | None = None,
) -> list[Event]:
    """Open the case once per problem; say its ID, delivery, data reminder and hours."""
    existing = text_slot(tracker, "opened_case_id")
    if existing:
        say(
            dispatcher,
            [
                Utterance("utter_case_already_open", {"case_id": existing}),
                Utterance("utter_anything_else"),
            ],
        )
        return [SlotSet("flow_step", None)]
    if _missing_details(tracker):  # cannot happen after the details form; kept as a guard
        dispatcher.utter_message(response="utter_case_missing_details")
        return [SlotSet("flow_step", None)]
    problem = text_slot(tracker, "problem") or HANDOFF_PROBLEM
    try:
        case = await open_case(tracker, problem=problem, csr_part=csr_part, self_tests=self_tests)
    except ApiError:
        log.exception("case creation failed")
        dispatcher.utter_message(response="utter_case_failed")
        return [SlotSet("flow_step", None)]
    entitlement: Entitlement | None = tracker.get_slot("entitlement")
    agents_open, next_open = await agents_available(tracker)
    say(
        dispatcher,
        case_created_replies(
            case_id=case["case_id"],
            delivery=case.get("delivery"),
            csr_part=csr_part,
            flags=list(entitlement["flags"]) if entitlement else [],
            report_url=self_test_report_url(case),
            agents_open=agents_open,
            next_open_display=next_open,
        ),
    )
    return [SlotSet("opened_case_id", case["case_id"]), SlotSet("flow_step", None)]


async def hand_over(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    *,
    self_tests: list[dict[str, Any]] | None = None,
) -> list[Event]:
    """Open (or reuse) the case holding everything said so far and tell who picks it up."""
    case_id = text_slot(tracker, "opened_case_id")
    if case_id is None:
        try:
            case = await open_case(
                tracker,
                problem=text_slot(tracker, "problem") or HANDOFF_PROBLEM,
                self_tests=self_tests,
            )
        except ApiError:
            log.exception("hand-over case creation failed")
            dispatcher.utter_message(response="utter_case_failed")
            return [SlotSet("handoff", False), SlotSet("flow_step", None)]
        case_id = case["case_id"]
    agents_open, next_open = await agents_available(tracker)
    if agents_open is False and next_open:
        dispatcher.utter_message(
            response="utter_handoff_closed", case_id=case_id, next_open_display=next_open
        )
    else:
        dispatcher.utter_message(response="utter_handoff_open", case_id=case_id)
    return [
        SlotSet("handoff", False),
        SlotSet("opened_case_id", case_id),
        SlotSet("flow_step", None),
        *(SlotSet(slot, None) for slot in GUIDE_SLOTS),
    ]


class ActionRequestHuman(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """Hand the conversation to a colleague, with a case holding everything said so far.

    Sets `handoff`: True when details must be collected first (a rule then starts the
    details form, and the entitlement check hands over once it is complete), False
    when the hand-over is done.
    """

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[Event]:
        """Collect missing details first; then open (or reuse) the case and hand over."""
        if text_slot(tracker, "opened_case_id") is None and _missing_details(tracker):
            dispatcher.utter_message(response="utter_handoff_need_details")
            return [SlotSet("handoff", True)]
        left = left_guide_record(tracker, "human")
        if left is None:
            return await hand_over(dispatcher, tracker)
        log_so_far = [*(tracker.get_slot("self_test_log") or []), left]
        return [
            SlotSet("self_test_log", log_so_far),
            *await hand_over(dispatcher, tracker, self_tests=log_so_far),
        ]


class ActionCaseStatus(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """Tell the status of a case, if the customer knows its e-mail or serial number."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_case_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[Event]:
        """Look the case up and say its status in words."""
        case_id = text_slot(tracker, "case_id")
        contact = text_slot(tracker, "case_contact")
        if case_id is None or contact is None:
            return []
        is_email = "@" in contact
        try:
            case = await clients.api().lookup_case(
                case_id=case_id,
                email=contact if is_email else None,
                serial_number=None if is_email else contact,
            )
        except ApiError:
            log.exception("case look-up failed")
            dispatcher.utter_message(response="utter_case_lookup_failed")
            return []
        reset = [SlotSet("case_contact", None)]
        if case is None:
            dispatcher.utter_message(response="utter_case_not_found")
            return [*reset, SlotSet("case_id", None)]
        say(
            dispatcher,
            [
                Utterance(
                    "utter_case_status",
                    {
                        "case_id": case["case_id"],
                        "case_status": case["status"],
                        "updated_date": case["updated_at"][:10],
                    },
                ),
                Utterance("utter_anything_else"),
            ],
        )
        return reset
