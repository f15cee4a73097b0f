"""Validation of the customer's details, inside forms and outside them.

One set of rules (`DetailValidators`) serves three actions: the details form, the
entitlement form, and Rasa's global `action_validate_slot_mappings`, which validates
values picked up outside any form ("my EliteBook 5CG3201ABC won't boot"). Values are
normalised with the shared `careline` helpers (the same ones the API validates with),
so what the assistant accepts, the API accepts.

After a miss the customer hears what a valid value looks like; after two misses on
the same detail a human is offered. Optional details (phone, company, product number)
accept "no" and are stored as "" — skipped, not missing.
"""

from __future__ import annotations

import re
from typing import Any

from email_validator import EmailNotValidError, validate_email
from rasa_sdk import FormValidationAction, Tracker, ValidationAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import latest_intent, text_slot
from careline.countries import normalise_country
from careline.identifiers import (
    normalise_case_id,
    normalise_failure_id,
    normalise_pin,
    normalise_product_number,
    normalise_serial,
)
from careline.phones import normalise_phone

OPTIONAL = ("phone_number", "company", "product_number")
# Messages that are never the answer to "what is your name/company?".
NOT_AN_ANSWER = frozenset(
    {
        "stop", "request_human", "faq", "bot_challenge", "change_language", "greet",
        "goodbye", "thank", "check_case_status", "out_of_scope", "affirm", "nlu_fallback",
    }
)  # fmt: skip
MISSES_BEFORE_HUMAN = 2
_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?$")


def valid_name(value: str) -> str | None:
    """A person's name: letters with spaces, apostrophes, dots or hyphens, 1–6 words."""
    text = " ".join(value.split()).strip(" ,.!")
    for prefix in ("my name is ", "i am ", "i'm ", "mijn naam is ", "ik ben ", "ik heet "):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
    if not 1 <= len(text) <= 100 or len(text.split()) > 6 or not _NAME.match(text):
        return None
    return text


def valid_email(value: str) -> str | None:
    """An e-mail address, normalised by `email-validator` (no DNS look-up)."""
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        return None


class DetailValidators:
    """`validate_<slot>` methods shared by the form and global validation actions."""

    def _miss(
        self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, *, tell: bool = True
    ) -> dict[str, Any]:
        misses = dict(tracker.get_slot("validation_misses") or {})
        misses[slot] = int(misses.get(slot, 0)) + 1
        if tell:
            dispatcher.utter_message(response=f"utter_invalid_{slot}")
            if misses[slot] >= MISSES_BEFORE_HUMAN:
                dispatcher.utter_message(response="utter_offer_human_after_misses")
        return {slot: None, "validation_misses": misses}

    def _tell_misses(self, tracker: Tracker) -> bool:
        """Outside forms, only complain when the customer meant to give a detail."""
        return tracker.active_loop_name is not None or latest_intent(tracker) == "inform"

    def _check(
        self,
        slot: str,
        value: Any,
        normalised: str | None,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> dict[str, Any]:
        if normalised is None:
            return self._miss(slot, dispatcher, tracker, tell=self._tell_misses(tracker))
        return {slot: normalised}

    def validate_serial_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """10 letters and digits, upper case."""
        normalised = normalise_serial(value) if isinstance(value, str) else None
        return self._check("serial_number", value, normalised, dispatcher, tracker)

    def validate_country(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A country named in any supported language → ISO code."""
        normalised = normalise_country(value) if isinstance(value, str) else None
        return self._check("country", value, normalised, dispatcher, tracker)

    def validate_person_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A plausible personal name."""
        normalised = valid_name(value) if isinstance(value, str) else None
        return self._check("person_name", value, normalised, dispatcher, tracker)

    def validate_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A syntactically valid e-mail address."""
        normalised = valid_email(value) if isinstance(value, str) else None
        return self._check("email", value, normalised, dispatcher, tracker)

    def validate_phone_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """E.164, using the country as region for national numbers; "" = skipped."""
        if value == "":
            return {"phone_number": ""}
        region = text_slot(tracker, "country")
        normalised = normalise_phone(value, region) if isinstance(value, str) else None
        return self._check("phone_number", value, normalised, dispatcher, tracker)

    def validate_company(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Any short name; "" = a private device."""
        if value == "":
            return {"company": ""}
        text = " ".join(value.split()) if isinstance(value, str) else ""
        return self._check(
            "company", value, text if 0 < len(text) <= 200 else None, dispatcher, tracker
        )

    def validate_product_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """5–8 letters and digits with an optional #option code; "" = unknown."""
        if value == "":
            return {"product_number": ""}
        normalised = normalise_product_number(value) if isinstance(value, str) else None
        return self._check("product_number", value, normalised, dispatcher, tracker)

    def validate_pin(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A Priority Services PIN: 6 digits."""
        normalised = normalise_pin(value) if isinstance(value, str) else None
        return {"pin": normalised}

    def validate_failure_id(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The 24-character diagnostics failure ID."""
        normalised = normalise_failure_id(value) if isinstance(value, str) else None
        return {"failure_id": normalised}

    def validate_case_id(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """10 digits, leading 5, Luhn check digit."""
        normalised = normalise_case_id(value) if isinstance(value, str) else None
        return self._check("case_id", value, normalised, dispatcher, tracker)


def _answer_text(tracker: Tracker, slot: str) -> str | None:
    """The raw answer when the form asked for `slot` and the message is an answer."""
    if tracker.get_slot("requested_slot") != slot or latest_intent(tracker) in NOT_AN_ANSWER:
        return None
    text = tracker.latest_message.get("text")
    return text.strip() if isinstance(text, str) and text.strip() else None


def _has_entity(tracker: Tracker, entity: str) -> bool:
    return any(e.get("entity") == entity for e in tracker.latest_message.get("entities", []))


def _skipped(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot("requested_slot") == slot and latest_intent(tracker) == "deny"


class ValidateDetailsForm(DetailValidators, FormValidationAction):  # type: ignore[misc]  # rasa_sdk is untyped
    """Collects and validates name, contact details, country and device."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "validate_details_form"

    async def extract_person_name(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Take the whole answer as the name when no name entity was recognised."""
        if any(
            e.get("entity") == "person_name" for e in tracker.latest_message.get("entities", [])
        ):
            return {}
        text = _answer_text(tracker, "person_name")
        return {"person_name": text} if text else {}

    async def extract_company(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A "no" gives ""; otherwise the whole answer when no company entity was found."""
        if _skipped(tracker, "company"):
            return {"company": ""}
        if _has_entity(tracker, "company"):
            return {}
        text = _answer_text(tracker, "company")
        return {"company": text} if text else {}

    async def extract_phone_number(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A "no" gives "" (the phone number is optional)."""
        return {"phone_number": ""} if _skipped(tracker, "phone_number") else {}

    async def extract_product_number(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A "no" gives "" (the product number is optional)."""
        return {"product_number": ""} if _skipped(tracker, "product_number") else {}


class ValidateEntitlementForm(DetailValidators, FormValidationAction):  # type: ignore[misc]  # rasa_sdk is untyped
    """Serial number and country for a coverage question."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "validate_entitlement_form"


class ValidateSlotMappings(DetailValidators, ValidationAction):  # type: ignore[misc]  # rasa_sdk is untyped
    """Validates details given outside a form, e.g. in the first message."""

    def name(self) -> str:
        """Rasa's fixed name for global slot validation."""
        return "action_validate_slot_mappings"


class ValidateCaseStatusForm(DetailValidators, FormValidationAction):  # type: ignore[misc]  # rasa_sdk is untyped
    """A case ID plus the e-mail address or serial number on the case."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "validate_case_status_form"

    async def extract_case_contact(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """An e-mail or serial entity in the answer, or the raw answer when asked."""
        for entity in tracker.latest_message.get("entities", []):
            if entity.get("entity") in ("email", "serial_number") and entity.get("value"):
                return {"case_contact": str(entity["value"])}
        text = _answer_text(tracker, "case_contact")
        return {"case_contact": text} if text else {}

    def validate_case_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The e-mail address or serial number, normalised."""
        text = value if isinstance(value, str) else ""
        normalised = valid_email(text) if "@" in text else normalise_serial(text)
        return self._check("case_contact", value, normalised, dispatcher, tracker)
