"""Validation of details inside forms and outside them, with real rasa_sdk objects."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.validation import (
    ValidateCaseStatusForm,
    ValidateDetailsForm,
    ValidateSlotMappings,
    language_update,
    valid_name,
    widen_name,
)
from tests.actions.conftest import make_tracker, responses, run

FORM = ValidateDetailsForm()


@pytest.mark.parametrize(
    ("slot", "given", "stored"),
    [
        ("serial_number", "5cg 3201-abc", "5CG3201ABC"),
        ("country", "Nederland", "NL"),
        ("country", "丹麦", "DK"),
        ("email", "Emma.Jansen@Mail.Example", "Emma.Jansen@mail.example"),
        ("person_name", "Emma Jansen", "Emma Jansen"),
        ("person_name", "mijn naam is Jan de Vries", "Jan de Vries"),
        ("product_number", "8a3n7ea#abh", "8A3N7EA#ABH"),
        ("company", "  Contoso   BV ", "Contoso BV"),
        ("person_name", "je m'appelle Claire Martin", "Claire Martin"),
        ("person_name", "Ich heiße Jürgen Müller.", "Jürgen Müller"),
        ("person_name", "jeg hedder Søren Kierkegaard", "Søren Kierkegaard"),
        ("person_name", "我叫王小明", "王小明"),
        ("person_name", "姓名：李娜", "李娜"),
        ("company", "c'est pour Atelier Lumière SARL", "Atelier Lumière SARL"),
        ("company", "wir sind die Müller GmbH", "die Müller GmbH"),
        ("company", "我们公司是华为技术有限公司", "华为技术有限公司"),
    ],
)
def test_valid_values_are_normalised(
    slot: str, given: str, stored: str, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(intent="inform", active_loop="details_form", slots={"country": "NL"})
    result = getattr(FORM, f"validate_{slot}")(given, dispatcher, tracker, {})
    assert result == {slot: stored}
    assert dispatcher.messages == []


def test_phone_uses_the_country_for_national_numbers(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(intent="inform", active_loop="details_form", slots={"country": "NL"})
    assert FORM.validate_phone_number("06 5555 0123", dispatcher, tracker, {}) == {
        "phone_number": "+31655550123"
    }


@pytest.mark.parametrize(
    ("slot", "given"),
    [
        ("serial_number", "12345"),
        ("email", "jan at home"),
        ("country", "Atlantis"),
        ("person_name", "5CG3201ABC"),
        ("phone_number", "12"),
        ("product_number", "X"),
    ],
)
def test_a_miss_explains_the_format_and_two_offer_a_human(slot: str, given: str) -> None:
    first = CollectingDispatcher()
    tracker = make_tracker(intent="inform", active_loop="details_form", slots={"country": "NL"})
    result = getattr(FORM, f"validate_{slot}")(given, first, tracker, {})
    assert result[slot] is None
    assert responses(first) == [f"utter_invalid_{slot}"]
    second = CollectingDispatcher()
    again = make_tracker(
        intent="inform",
        active_loop="details_form",
        slots={"country": "NL", "validation_misses": result["validation_misses"]},
    )
    getattr(FORM, f"validate_{slot}")(given, second, again, {})
    assert responses(second) == [f"utter_invalid_{slot}", "utter_offer_human_after_misses"]


def test_optional_details_accept_no() -> None:
    for slot in ("phone_number", "company", "product_number"):
        tracker = make_tracker(
            intent="deny", text="no", active_loop="details_form", slots={"requested_slot": slot}
        )
        extracted = run(getattr(FORM, f"extract_{slot}")(CollectingDispatcher(), tracker, {}))
        assert extracted == {slot: ""}
        assert getattr(FORM, f"validate_{slot}")("", CollectingDispatcher(), tracker, {}) == {
            slot: ""
        }


def test_name_is_the_whole_answer_but_not_a_stop(dispatcher: CollectingDispatcher) -> None:
    asked = {"requested_slot": "person_name"}
    answer = make_tracker(
        intent="inform", text="Emma Jansen", slots=asked, active_loop="details_form"
    )
    assert run(FORM.extract_person_name(dispatcher, answer, {})) == {"person_name": "Emma Jansen"}
    stop = make_tracker(intent="stop", text="laat maar", slots=asked, active_loop="details_form")
    assert run(FORM.extract_person_name(dispatcher, stop, {})) == {}


def test_outside_forms_only_an_inform_gets_a_complaint() -> None:
    validator = ValidateSlotMappings()
    quiet = CollectingDispatcher()
    chatter = make_tracker(intent="report_problem", text="my 12345 laptop")
    assert validator.validate_serial_number("12345", quiet, chatter, {})["serial_number"] is None
    assert quiet.messages == []
    told = CollectingDispatcher()
    meant = make_tracker(intent="inform", text="serial 12345")
    validator.validate_serial_number("12345", told, meant, {})
    assert responses(told) == ["utter_invalid_serial_number"]


def test_case_contact_is_email_or_serial(dispatcher: CollectingDispatcher) -> None:
    form = ValidateCaseStatusForm()
    tracker = make_tracker(intent="inform", active_loop="case_status_form")
    assert form.validate_case_contact("it@contoso.example", dispatcher, tracker, {}) == {
        "case_contact": "it@contoso.example"
    }
    assert form.validate_case_contact("5cg3201abc", dispatcher, tracker, {}) == {
        "case_contact": "5CG3201ABC"
    }
    entity: dict[str, Any] = {"entity": "email", "value": "it@contoso.example"}
    with_entity = make_tracker(intent="inform", entities=[entity], active_loop="case_status_form")
    assert run(form.extract_case_contact(dispatcher, with_entity, {})) == {
        "case_contact": "it@contoso.example"
    }


@pytest.mark.parametrize(
    "text", ["Emma", "Jan de Vries", "O'Brien", "Zoë Müller-Lüdenscheidt", "王小明"]
)
def test_names_in_many_languages(text: str) -> None:
    assert valid_name(text) == text


@pytest.mark.parametrize("text", ["", "a@b.c", "5CG3201ABC", "one two three four five six seven"])
def test_not_names(text: str) -> None:
    assert valid_name(text) is None


@pytest.mark.parametrize(
    ("slot", "text"),
    [("serial_number", "12345"), ("country", "Atlantis"), ("email", "jan at home")],
)
def test_an_answer_without_entity_reaches_validation(slot: str, text: str) -> None:
    tracker = make_tracker(
        intent="inform", text=text, active_loop="details_form", slots={"requested_slot": slot}
    )
    extracted = run(getattr(FORM, f"extract_{slot}")(CollectingDispatcher(), tracker, {}))
    assert extracted == {slot: text}
    told = CollectingDispatcher()
    assert getattr(FORM, f"validate_{slot}")(text, told, tracker, {})[slot] is None
    assert responses(told) == [f"utter_invalid_{slot}"]


def test_a_question_inside_the_form_is_not_an_answer() -> None:
    tracker = make_tracker(
        intent="faq",
        text="when are you open?",
        active_loop="details_form",
        slots={"requested_slot": "serial_number"},
    )
    assert run(FORM.extract_serial_number(CollectingDispatcher(), tracker, {})) == {}


def test_a_correction_is_not_the_answer_to_the_current_question() -> None:
    email = {"entity": "email", "value": "emma.jansen@mail.example", "start": 21, "end": 45}
    tracker = make_tracker(
        intent="inform",
        text="actually my email is emma.jansen@mail.example",
        entities=[email],
        active_loop="details_form",
        slots={"requested_slot": "phone_number"},
    )
    assert run(FORM.extract_phone_number(CollectingDispatcher(), tracker, {})) == {}


def _with(
    text: str,
    *,
    slots: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    detection: dict[str, str] | None = None,
    entities: list[dict[str, Any]] | None = None,
):  # type: ignore[no-untyped-def]
    tracker = make_tracker(
        intent="inform", text=text, slots=slots, metadata=metadata, entities=entities
    )
    if detection:
        tracker.latest_message["language_detection"] = detection
    return tracker


def test_metadata_language_switches_the_conversation() -> None:
    assert language_update(_with("hallo", metadata={"language": "nl"})) == "nl"
    assert language_update(_with("hallo", metadata={"language": "xx"})) is None
    assert (
        language_update(_with("hi", slots={"language": "nl"}, metadata={"language": "nl"})) is None
    )


def test_confident_detection_switches_short_messages_keep_the_language() -> None:
    long_dutch = _with(
        "mijn laptop start niet meer op", detection={"language": "nl", "source": "langid"}
    )
    assert language_update(long_dutch) == "nl"
    chinese = _with("电脑开不了机", detection={"language": "zh", "source": "script"})
    assert language_update(chinese) == "zh"
    short = _with("ja", detection={"language": "en", "source": "default"}, slots={"language": "nl"})
    assert language_update(short) is None


def test_names_and_explicit_requests_do_not_switch_by_detection() -> None:
    company = _with(
        "Atelier Lumière SARL",
        slots={"language": "nl", "requested_slot": "company"},
        detection={"language": "fr", "source": "langid"},
    )
    assert language_update(company) is None
    explicit = _with(
        "can we speak Dutch",
        entities=[{"entity": "language", "value": "nl"}],
        detection={"language": "en", "source": "langid"},
    )
    assert language_update(explicit) is None


@pytest.mark.parametrize(
    ("text", "part", "company", "whole"),
    [
        ("Claire Martin", "Martin", False, "Claire Martin"),
        ("je m'appelle Claire Martin", "Martin", False, "Claire Martin"),
        ("Hi, Claire Martin here", "Claire", False, "Claire Martin"),
        ("Hallo Claire Martin", "Martin", False, "Claire Martin"),
        ("mijn naam is Jan de Vries", "Vries", False, "Jan de Vries"),
        ("Claire Martin from Contoso", "Claire", False, "Claire Martin"),
        ("Claire Martin and Contoso", "Claire", False, "Claire Martin"),
        ("claire martin", "martin", False, "martin"),
        ("Atelier Lumière SARL", "Lumière SARL", True, "Atelier Lumière SARL"),
        ("it's for Smith & Jones Ltd.", "Jones", True, "Smith & Jones Ltd."),
        ("Claire Martin, contact@lumiere.example", "Martin", False, "Claire Martin"),
    ],
)
def test_a_partly_marked_name_is_widened_to_the_whole_name(
    text: str, part: str, company: bool, whole: str
) -> None:
    start = text.index(part)
    assert widen_name(text, start, start + len(part), company=company) == whole


@pytest.mark.parametrize(
    ("slot", "text", "value", "stored"),
    [
        ("person_name", "Claire Martin", "Martin", {"person_name": "Claire Martin"}),
        ("company", "Atelier Lumière SARL", "Lumière SARL", {"company": "Atelier Lumière SARL"}),
        ("person_name", "Claire Martin", "Claire Martin", {}),  # the mapping has it whole
    ],
)
def test_the_form_stores_the_whole_name_when_the_nlu_marked_a_part(
    dispatcher: CollectingDispatcher, slot: str, text: str, value: str, stored: dict[str, str]
) -> None:
    start = text.index(value)
    entity = {"entity": slot, "value": value, "start": start, "end": start + len(value)}
    tracker = make_tracker(
        intent="inform",
        text=text,
        entities=[entity],
        slots={"requested_slot": slot},
        active_loop="details_form",
    )
    extract = getattr(FORM, f"extract_{slot}")
    assert run(extract(dispatcher, tracker, {})) == stored
    # Not asked for: the entity stays as the NLU marked it (Rasa's own mapping).
    elsewhere = make_tracker(intent="inform", text=text, entities=[entity], slots={})
    assert run(extract(dispatcher, elsewhere, {})) == {}


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("affirm", {"serial_number": "12345"}),  # digits answer the question, whatever NLU says
        ("nlu_fallback", {"serial_number": "12345"}),
        ("stop", {}),  # leaving still wins
        ("request_human", {}),
    ],
)
def test_digits_answer_the_serial_question_whatever_the_intent(
    dispatcher: CollectingDispatcher, intent: str, expected: dict[str, str]
) -> None:
    tracker = make_tracker(
        intent=intent,
        text="12345",
        slots={"requested_slot": "serial_number"},
        active_loop="details_form",
    )
    assert run(FORM.extract_serial_number(dispatcher, tracker, {})) == expected


def test_a_yes_without_digits_is_not_a_serial(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(
        intent="affirm",
        text="yes",
        slots={"requested_slot": "serial_number"},
        active_loop="details_form",
    )
    assert run(FORM.extract_serial_number(dispatcher, tracker, {})) == {}
