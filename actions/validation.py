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

from actions.common import latest_intent, mentions, text_slot
from careline.countries import normalise_country
from careline.identifiers import (
    normalise_case_id,
    normalise_failure_id,
    normalise_pin,
    normalise_product_number,
    normalise_serial,
)
from careline.languages import SUPPORTED_LANGUAGES, normalise_language
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
_TRIM = " ,.!。，！"  # punctuation around a typed name
_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?$")
# Lower-case words that belong inside a name between capitalised words: particles of
# family names ("Jan de Vries", "Ludwig van Beethoven") and, in company names, the
# conjunctions ("Smith & Jones", "Dupont et Fils").
_NAME_PARTICLES = frozenset(
    {"de", "van", "der", "den", "von", "zu", "vom", "le", "la", "du", "des", "di", "da",
     "ten", "ter", "af"}
)  # fmt: skip
_COMPANY_PARTICLES = _NAME_PARTICLES | {"&", "and", "en", "und", "et", "og", "of"}
# Capitalised words that open an answer but are not part of a name ("Hi Claire Martin").
_NOT_NAME_WORDS = frozenset(
    {"hi", "hello", "hallo", "hoi", "hej", "goddag", "bonjour", "salut", "yes", "ja",
     "oui", "ok", "okay", "sure", "name", "naam", "navn", "nom", "this", "it's", "c'est",
     "i", "i'm", "ik", "jeg", "je", "ich", "my", "mijn", "mit", "mon", "mein", "we",
     "wij", "vi", "nous", "wir", "our", "ons", "onze", "vores", "notre", "unsere"}
)  # fmt: skip


# How customers introduce their name or company in an answer, per language; the
# lead-in is not part of the value ("je m'appelle Claire Martin" → "Claire Martin").
NAME_LEAD_INS: tuple[str, ...] = (
    "my name is ", "my name's ", "the name is ", "name is ", "this is ", "it's ", "i am ",
    "i'm ", "mijn naam is ", "ik ben ", "ik heet ", "dit is ", "met ", "mit navn er ",
    "jeg hedder ", "jeg er ", "det er ", "je m'appelle ", "je m’appelle ", "je suis ",
    "mon nom est ", "moi c'est ", "c'est ", "ich heiße ", "ich heisse ", "ich bin ",
    "mein name ist ", "hier ist ", "我的名字是", "我叫", "我是", "名字是", "姓名",
)  # fmt: skip
NAME_LEAD_INS = tuple(sorted(NAME_LEAD_INS, key=len, reverse=True))  # the longest wins
COMPANY_LEAD_INS: tuple[str, ...] = (
    "the company is ", "company is ", "it's for ", "we are ", "we're ", "it's ",
    "het bedrijf is ", "het is van ", "het is ", "wij zijn ", "we zijn ", "firmaet er ",
    "virksomheden er ", "det er ", "vi er ", "l'entreprise est ", "la société est ",
    "c'est pour ", "c'est ", "nous sommes ", "die firma ist ", "die firma heißt ",
    "das ist ", "wir sind ", "es ist ", "公司是", "我们公司是", "我们是", "公司名是",
)  # fmt: skip
COMPANY_LEAD_INS = tuple(sorted(COMPANY_LEAD_INS, key=len, reverse=True))


def without_lead_in(text: str, lead_ins: tuple[str, ...]) -> str:
    """The text without the first lead-in (longest first) it starts with, any case."""
    lower = text.lower()
    for lead_in in lead_ins:
        if lower.startswith(lead_in) and len(text) > len(lead_in):
            return text[len(lead_in) :].strip(" :：")
    return text


def valid_name(value: str) -> str | None:
    """A person's name: letters with spaces, apostrophes, dots or hyphens, 1–6 words."""
    text = without_lead_in(" ".join(value.split()).strip(_TRIM), NAME_LEAD_INS)
    if not 1 <= len(text) <= 100 or len(text.split()) > 6 or not _NAME.match(text):
        return None
    return text


def widen_name(text: str, start: int, end: int, *, company: bool = False) -> str:
    """The proper name around the span text[start:end], as the customer wrote it.

    The NLU sometimes marks only part of a name ("Claire [Martin]", "Atelier
    [Lumière SARL]"). The span grows over neighbouring capitalised words, and over
    lower-case particles between capitalised words ("Jan de Vries"); it stops at
    punctuation and at lower-case words ("je m'appelle Claire Martin" → "Claire
    Martin"). Text without capitals (speech, Chinese) keeps the span as it is.
    """
    words = [(m.start(), m.end()) for m in re.finditer(r"[^\s,;:!?()]+", text)]
    inside = [i for i, (s, e) in enumerate(words) if s < end and e > start]
    if not inside:
        return text[start:end].strip()

    def capital(i: int) -> bool:
        word = text[words[i][0] : words[i][1]]
        return word[:1].isupper() and word.lower() not in _NOT_NAME_WORDS

    def joined(i: int, j: int) -> bool:  # only spaces between neighbouring words i and j
        left, right = min(i, j), max(i, j)
        return not text[words[left][1] : words[right][0]].strip()

    def particle(i: int) -> bool:
        particles = _COMPANY_PARTICLES if company else _NAME_PARTICLES
        return text[words[i][0] : words[i][1]].lower() in particles

    def grow(edge: int, step: int) -> int:
        """Move `edge` outwards (step -1 left, +1 right) over name words."""
        while 0 <= edge + step < len(words) and joined(edge, edge + step):
            near, far = edge + step, edge + 2 * step
            if capital(near):
                edge = near
            elif 0 <= far < len(words) and particle(near) and joined(near, far) and capital(far):
                edge = far
            else:
                break
        return edge

    first, last = grow(inside[0], -1), grow(inside[-1], +1)
    begin = min(words[first][0], start)
    finish = max(words[last][1], end)
    return text[begin:finish].strip()


def _named_entity(tracker: Tracker, slot: str) -> dict[str, Any] | None:
    """The first entity of that type in the latest message, when it has a span."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == slot and isinstance(entity.get("start"), int):
            return dict(entity)
    return None


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
        text = " ".join(value.split()).strip(_TRIM) if isinstance(value, str) else ""
        text = without_lead_in(text, COMPANY_LEAD_INS)
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


# Entities that fill a detail: a message carrying one of them for another detail is a
# correction ("actually my email is ..."), not the answer to the current question.
DETAIL_ENTITIES = frozenset(
    {"serial_number", "product_number", "email", "phone_number", "country", "person_name",
     "company", "case_id", "pin", "failure_id"}
)  # fmt: skip


# Details written with digits: a message with digits that answers the question for one
# of these is an answer, whatever small-talk intent the NLU gave it ("12345" read as
# affirm); only leaving or asking for a person still wins.
DIGIT_DETAILS = frozenset(
    {"serial_number", "product_number", "phone_number", "case_id", "pin", "failure_id"}
)
STILL_NOT_AN_ANSWER = frozenset({"stop", "request_human", "change_language"})


def _answer_text(tracker: Tracker, slot: str) -> str | None:
    """The raw answer when the form asked for `slot` and the message is an answer."""
    if tracker.get_slot("requested_slot") != slot:
        return None
    raw = tracker.latest_message.get("text")
    text = raw.strip() if isinstance(raw, str) else ""
    intent = latest_intent(tracker)
    with_digits = any(char.isdigit() for char in text)
    if intent in NOT_AN_ANSWER and not (
        slot in DIGIT_DETAILS and with_digits and intent not in STILL_NOT_AN_ANSWER
    ):
        return None
    others = {
        e.get("entity") for e in tracker.latest_message.get("entities", []) if not e.get("role")
    } & (DETAIL_ENTITIES - {slot})
    if others:
        return None
    return text or None


def _name_answer(tracker: Tracker, slot: str) -> dict[str, Any]:
    """A person or company name asked by the form, whole.

    Without an entity the whole answer is the candidate (validation judges it). With
    an entity that covers only part of the name ("Claire [Martin]"), the entity is
    widened to the whole name; Rasa's own from_entity mapping would store the part.
    """
    entity = _named_entity(tracker, slot)
    if entity is None:
        if mentions(tracker, slot):
            return {}
        text = _answer_text(tracker, slot)
        return {slot: text} if text else {}
    if tracker.get_slot("requested_slot") != slot:
        return {}
    text = tracker.latest_message.get("text") or ""
    start, end = int(entity["start"]), int(entity.get("end", entity["start"]))
    whole = widen_name(text, start, end, company=slot == "company")
    return {slot: whole} if whole and whole != entity.get("value") else {}


def _skipped(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot("requested_slot") == slot and latest_intent(tracker) == "deny"


class RawAnswers:
    """Pass the raw answer to validation when the requested detail has no entity.

    "12345" as a serial number or "Atlantis" as a country yield no entity; without this
    the form would silently ask again. With it, validation explains what a valid value
    looks like (and a country name CLDR knows but the NLU missed is still accepted).
    """

    def _raw(self, tracker: Tracker, slot: str, entity: str | None = None) -> dict[str, Any]:
        if mentions(tracker, entity or slot):
            return {}
        text = _answer_text(tracker, slot)
        return {slot: text} if text else {}

    async def extract_serial_number(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The raw answer when the serial number was asked."""
        return self._raw(tracker, "serial_number")

    async def extract_country(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The raw answer when the country was asked."""
        return self._raw(tracker, "country")

    async def extract_email(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The raw answer when the e-mail address was asked."""
        return self._raw(tracker, "email")


class ValidateDetailsForm(RawAnswers, DetailValidators, FormValidationAction):  # type: ignore[misc]  # rasa_sdk is untyped
    """Collects and validates name, contact details, country and device."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "validate_details_form"

    async def extract_person_name(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The whole name: the answer without an entity, or the entity widened."""
        return _name_answer(tracker, "person_name")

    async def extract_company(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A "no" gives ""; otherwise the whole company name (see `_name_answer`)."""
        if _skipped(tracker, "company"):
            return {"company": ""}
        return _name_answer(tracker, "company")

    async def extract_phone_number(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A "no" gives "" (the phone number is optional); else the raw answer."""
        if _skipped(tracker, "phone_number"):
            return {"phone_number": ""}
        return self._raw(tracker, "phone_number")

    async def extract_product_number(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A "no" gives "" (the product number is optional); else the raw answer."""
        if _skipped(tracker, "product_number"):
            return {"product_number": ""}
        return self._raw(tracker, "product_number")


class ValidateEntitlementForm(RawAnswers, DetailValidators, FormValidationAction):  # type: ignore[misc]  # rasa_sdk is untyped
    """Serial number and country for a coverage question."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "validate_entitlement_form"


# Where the NLU tokenizer's decision is trustworthy enough to switch the conversation.
CONFIDENT_SOURCES = ("script", "langid")
# Free-text answers ("Atelier Lumière SARL") say nothing about the customer's language.
FREE_TEXT_SLOTS = ("person_name", "company")


def language_update(tracker: Tracker) -> str | None:
    """The language the latest message asks for, if it differs from the slot.

    An explicit request ("in het Nederlands graag") fills the slot through its entity
    mapping; here: `metadata.language` of the message, else the tokenizer's detection
    when it came from the script or a confident language-ID on a long enough message.
    Short or ambiguous messages keep the session language.
    """
    if any(e.get("entity") == "language" for e in tracker.latest_message.get("entities", [])):
        return None
    current = tracker.get_slot("language")
    metadata = tracker.latest_message.get("metadata") or {}
    wanted = (
        normalise_language(metadata["language"])
        if isinstance(metadata.get("language"), str)
        else None
    )
    if wanted is None and tracker.get_slot("requested_slot") not in FREE_TEXT_SLOTS:
        detection = tracker.latest_message.get("language_detection") or {}
        if detection.get("source") in CONFIDENT_SOURCES:
            wanted = normalise_language(str(detection.get("language") or ""))
    return wanted if wanted in SUPPORTED_LANGUAGES and wanted != current else None


class ValidateSlotMappings(DetailValidators, ValidationAction):  # type: ignore[misc]  # rasa_sdk is untyped
    """Validates details given outside a form, and keeps the language in step.

    Rasa runs this action after every user message, inside forms too.
    """

    def name(self) -> str:
        """Rasa's fixed name for global slot validation."""
        return "action_validate_slot_mappings"

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Follow metadata.language or a confident detection (see `language_update`)."""
        language = language_update(tracker)
        return {"language": language} if language else {}


class ValidateCaseStatusForm(DetailValidators, FormValidationAction):  # type: ignore[misc]  # rasa_sdk is untyped
    """A case ID plus the e-mail address or serial number on the case."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "validate_case_status_form"

    async def extract_case_id(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The raw answer when the case ID was asked and no case ID was recognised."""
        if mentions(tracker, "case_id"):
            return {}
        text = _answer_text(tracker, "case_id")
        return {"case_id": text} if text else {}

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
