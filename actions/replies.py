"""What the assistant says about an entitlement result, and what it does next.

Pure functions: they turn an API result into `Utterance`s — a response name of the
domain plus the raw values the NLG formats for the customer's language (dates, country
names, terms) — and the next step of the triage. No customer-facing text lives here:
every sentence is a response in `domain/` and a message in the Babel catalogs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from actions.clients.careline_api import Coverage, Entitlement

NextStep = Literal[
    "self_test", "priority_diagnosis", "confirm_case", "offer_quote", "recheck_serial", "done"
]

# Reasons told with their own sentence (one response per code: utter_reason_<code>).
TOLD_REASONS = (
    "product_number_mismatch",
    "warranty_expired",
    "care_pack_not_registered",
    "care_pack_purchased_late",
    "outside_country_of_purchase",
    "subscription_not_active",
    "component_not_covered",
    "battery_coverage_ended",
    "battery_wear_not_covered",
    "excluded_service",
    "accidental_damage_not_covered",
    "priority_service_expired",
    "invalid_pin",
)
REPAIR_DELIVERY = ("pickup_return", "return_to_depot", "onsite")
_PREFERENCE = {"care_pack": 0, "subscription": 1, "base_warranty": 2}


@dataclass(frozen=True)
class Utterance:
    """A domain response to send, with the values for its placeholders."""

    response: str
    args: dict[str, Any] = field(default_factory=dict)


def best_coverage(coverage: list[Coverage]) -> Coverage | None:
    """The active coverage to name: a Care Pack before a subscription before the base."""
    active = [c for c in coverage if c["active"]]
    if not active:
        return None
    return min(active, key=lambda c: (_PREFERENCE.get(c["kind"], 9), c["end"] or "9999"))


def entitlement_replies(
    result: Entitlement, *, has_problem: bool, language: str
) -> tuple[list[Utterance], NextStep]:
    """Tell the result in plain words and choose the next step.

    Args:
        result: The API's entitlement decision.
        has_problem: The customer reported a problem (else they only asked about coverage).
        language: Conversation language (Priority Services' 24/7 desk is English only).

    Returns:
        The utterances, in order, and the next step of the triage.
    """
    reasons = result["reasons"]
    product = result["product_name"] or ""
    if "unknown_serial" in reasons:
        return [Utterance("utter_unknown_serial", {"serial_number": result["serial_number"]})], (
            "recheck_serial"
        )
    if "product_number_mismatch" in reasons:
        return [Utterance("utter_reason_product_number_mismatch")], "recheck_serial"

    said: list[Utterance] = []
    coverage = best_coverage(result["coverage"])
    if result["entitled"] and coverage is not None:
        if coverage["end"] is None:
            said.append(
                Utterance(
                    "utter_covered_open_ended",
                    {"product_name": product, "coverage_kind": coverage["kind"]},
                )
            )
        else:
            said.append(
                Utterance(
                    "utter_covered_until",
                    {
                        "product_name": product,
                        "coverage_kind": coverage["kind"],
                        "end_date": coverage["end"],
                    },
                )
            )
    elif result["entitled"]:
        said.append(Utterance("utter_covered", {"product_name": product}))
    else:
        said.append(Utterance("utter_not_covered", {"product_name": product}))
    said.extend(Utterance(f"utter_reason_{code}") for code in TOLD_REASONS if code in reasons)

    tier = result["priority_tier"]
    if tier:
        said.append(Utterance("utter_priority_welcome", {"priority_tier": tier}))
        if language != "en":
            said.append(Utterance("utter_priority_languages"))
    repair = [d for d in result["delivery"] if d in REPAIR_DELIVERY]
    if result["entitled"] and repair:
        said.append(Utterance("utter_delivery_options", {"delivery": repair}))

    if not has_problem:
        said.append(Utterance("utter_anything_else"))
        return said, "done"
    if not result["entitled"]:
        said.append(Utterance("utter_offer_quote_case"))
        return said, "offer_quote"
    if tier:
        # R15: the helpdesk has diagnosed already; no standard troubleshooting. The
        # entitlement action then activates priority_diagnosis_form (actions/triage.py).
        return said, "priority_diagnosis"
    # Remote fix first: the self-test guide for the problem (actions/selftests.py).
    return said, "self_test"


def case_created_replies(
    *,
    case_id: str,
    delivery: str | None,
    flags: list[str],
    agents_open: bool | None,
    next_open_display: str | None,
    csr_part: str | None = None,
    report_url: str | None = None,
) -> list[Utterance]:
    """What to say once a case exists: its ID, how the repair works, the data reminder.

    A CSR case says the part is on its way; a case with self-test steps says where to
    print their summary, to include with the device or the returned part.
    """
    said = [Utterance("utter_case_created", {"case_id": case_id})]
    if delivery == "csr_part" and csr_part:
        said.append(Utterance("utter_case_delivery_csr_part", {"csr_part": csr_part}))
    if delivery in REPAIR_DELIVERY:
        said.append(Utterance(f"utter_case_delivery_{delivery}"))
        said.append(Utterance("utter_data_reminder"))
        if "defective_media_retention" in flags:
            said.append(Utterance("utter_data_reminder_dmr"))
    if report_url:
        said.append(Utterance("utter_self_test_report", {"report_url": report_url}))
    if agents_open is True:
        said.append(Utterance("utter_case_pickup_open"))
    elif agents_open is False and next_open_display:
        said.append(Utterance("utter_case_pickup_closed", {"next_open_display": next_open_display}))
    said.append(Utterance("utter_anything_else"))
    return said


def repair_delivery(result: Entitlement | None) -> str | None:
    """The repair delivery a case gets: the first non-remote option of the result."""
    if not result:
        return None
    return next((d for d in result["delivery"] if d in REPAIR_DELIVERY), None)
