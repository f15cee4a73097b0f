"""What the assistant says about entitlement results (pure functions)."""

from __future__ import annotations

from typing import Any

from actions.clients.careline_api import Entitlement
from actions.replies import TOLD_REASONS, best_coverage, case_created_replies, entitlement_replies
from careline.entitlement import REASONS


def result(**changes: Any) -> Entitlement:
    base: dict[str, Any] = {
        "serial_number": "5CG3201ABC",
        "product_name": "HP EliteBook 840 G10 Notebook PC",
        "entitled": True,
        "coverage": [
            {
                "kind": "base_warranty",
                "start": "2025-03-10",
                "end": "2028-03-10",
                "active": True,
                "service": None,
                "reason": None,
            },
            {
                "kind": "care_pack",
                "start": "2025-03-10",
                "end": "2029-03-10",
                "active": True,
                "service": "offsite_pickup_return",
                "reason": None,
            },
        ],
        "delivery": ["remote", "pickup_return"],
        "reasons": [],
        "flags": [],
        "priority_tier": None,
    }
    return base | changes  # type: ignore[return-value]


def names(utterances: list[Any]) -> list[str]:
    return [u.response for u in utterances]


def test_every_reason_code_has_a_sentence() -> None:
    assert set(REASONS) - {"unknown_serial"} == set(TOLD_REASONS)


def test_covered_problem_goes_to_a_remote_fix_first() -> None:
    said, step = entitlement_replies(result(), has_problem=True, language="en")
    assert step == "self_test"
    assert names(said) == ["utter_covered_until", "utter_delivery_options"]
    assert said[0].args == {
        "product_name": "HP EliteBook 840 G10 Notebook PC",
        "coverage_kind": "care_pack",
        "end_date": "2029-03-10",
    }
    assert said[1].args == {"delivery": ["pickup_return"]}


def test_priority_helpdesk_skips_troubleshooting() -> None:
    said, step = entitlement_replies(
        result(priority_tier="priority_access_plus"), has_problem=True, language="da"
    )
    assert step == "priority_diagnosis"
    assert {"utter_priority_welcome", "utter_priority_languages"} <= set(names(said))


def test_not_covered_tells_every_reason_and_offers_a_quote() -> None:
    said, step = entitlement_replies(
        result(
            entitled=False,
            delivery=[],
            reasons=["care_pack_not_registered", "warranty_expired"],
            coverage=[],
        ),
        has_problem=True,
        language="nl",
    )
    assert step == "offer_quote"
    assert names(said) == [
        "utter_not_covered",
        "utter_reason_warranty_expired",
        "utter_reason_care_pack_not_registered",
        "utter_offer_quote_case",
    ]


def test_unknown_serial_and_mismatch_ask_to_check_the_label() -> None:
    said, step = entitlement_replies(
        result(entitled=False, reasons=["unknown_serial"], product_name=None, coverage=[]),
        has_problem=True,
        language="en",
    )
    assert (names(said), step) == (["utter_unknown_serial"], "recheck_serial")
    said, step = entitlement_replies(
        result(entitled=False, reasons=["product_number_mismatch"], coverage=[]),
        has_problem=False,
        language="en",
    )
    assert (names(said), step) == (["utter_reason_product_number_mismatch"], "recheck_serial")


def test_coverage_question_only_ends_with_anything_else() -> None:
    said, step = entitlement_replies(result(), has_problem=False, language="en")
    assert step == "done"
    assert names(said)[-1] == "utter_anything_else"


def test_subscription_coverage_is_open_ended() -> None:
    coverage = [
        {
            "kind": "subscription",
            "start": "2025-04-01",
            "end": None,
            "active": True,
            "service": None,
            "reason": None,
        }
    ]
    said, _ = entitlement_replies(
        result(coverage=coverage, delivery=["remote", "onsite"]), has_problem=True, language="fr"
    )
    assert said[0].response == "utter_covered_open_ended"
    assert best_coverage(coverage) == coverage[0]  # type: ignore[arg-type]


def test_case_replies_include_delivery_data_reminder_and_hours() -> None:
    said = case_created_replies(
        case_id="5000000017",
        delivery="pickup_return",
        flags=["defective_media_retention"],
        agents_open=False,
        next_open_display="maandag 23 november 2026 08:00",
    )
    assert names(said) == [
        "utter_case_created",
        "utter_case_delivery_pickup_return",
        "utter_data_reminder",
        "utter_data_reminder_dmr",
        "utter_case_pickup_closed",
        "utter_anything_else",
    ]
    quote = case_created_replies(
        case_id="5000000017", delivery=None, flags=[], agents_open=True, next_open_display=None
    )
    assert names(quote) == ["utter_case_created", "utter_case_pickup_open", "utter_anything_else"]
