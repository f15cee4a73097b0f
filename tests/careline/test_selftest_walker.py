"""Walking a guide: branches, links between guides, failure IDs, records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from careline.selftest import GuideBook, Outcome, guide_for, load_guide_book, move, record_step
from careline.selftest.walker import Move, first_step

ROOT = Path(__file__).resolve().parents[2]
AT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def book() -> GuideBook:
    return load_guide_book(ROOT / "data" / "guides", ROOT / "data" / "csr" / "parts.yml")


def test_guide_is_chosen_by_component_with_a_fallback(book: GuideBook) -> None:
    assert guide_for(book, "ac_adapter").id == "battery"
    assert guide_for(book, "touchpad").id == "pointing"
    assert guide_for(book, "camera").id == "general"
    assert guide_for(book, None).id == "general"


def test_yes_and_no_follow_their_branches(book: GuideBook) -> None:
    assert first_step(book, "no_power") == Move("no_power", "power_light")
    assert move(book, "no_power", "power_light", "deny") == Move("no_power", "adapter_swap")
    assert move(book, "no_power", "adapter_swap", "affirm") == Move(
        "no_power", outcome=Outcome("csr_part", "ac_adapter")
    )
    assert move(book, "no_power", "hard_reset", "affirm").outcome == Outcome("fixed")


def test_a_guide_can_continue_in_another(book: GuideBook) -> None:
    assert move(book, "no_power", "signs_of_life", "affirm") == Move("no_boot", "blink_codes")


def test_a_failure_id_ends_the_guide_at_any_step(book: GuideBook) -> None:
    assert move(book, "memory", "quick_test", "failure_id").outcome == Outcome("csr_part", "memory")
    # A step without a failure_id branch: a definite failure means repair.
    assert move(book, "no_power", "power_light", "failure_id").outcome == Outcome("repair")


def test_unknown_step_raises_key_error(book: GuideBook) -> None:
    with pytest.raises(KeyError):
        move(book, "no_power", "gone", "affirm")


def test_record_says_pass_or_fail_whichever_way_the_question_is_put(book: GuideBook) -> None:
    moved = move(book, "no_power", "adapter_swap", "deny")
    entry = record_step(
        book, "no_power", "adapter_swap", answer="deny", answer_text="  no,  still dead ",
        failure_id=None, moved_to=moved, at=AT,
    )  # fmt: skip
    # "Does it turn on with the other adapter?" - no: the original adapter is fine.
    assert entry["result"] == "pass"
    assert entry["answer"] == "no, still dead"
    assert entry["outcome"] is None
    assert entry["prompt"].startswith("Does the computer turn on")
    assert entry["at"] == "2026-11-23T09:30:00+00:00"
    light = record_step(
        book, "no_power", "power_light", answer="deny", answer_text="no",
        failure_id=None, moved_to=move(book, "no_power", "power_light", "deny"), at=AT,
    )  # fmt: skip
    assert light["result"] == "fail"


def test_record_of_a_failure_id(book: GuideBook) -> None:
    moved = move(book, "storage", "quick_test", "failure_id")
    entry = record_step(
        book, "storage", "quick_test", answer="failure_id", answer_text="7KQ9-2JMX",
        failure_id="7KQ92JMX4T8LP3VWZC6R1HQ5", moved_to=moved, at=AT,
    )  # fmt: skip
    assert (entry["result"], entry["outcome"]) == ("fail", "repair")
    assert entry["failure_id"] == "7KQ92JMX4T8LP3VWZC6R1HQ5"


def test_outcome_parse_and_text() -> None:
    assert Outcome.parse("csr_part:mouse") == Outcome("csr_part", "mouse")
    assert str(Outcome("csr_part", "mouse")) == "csr_part:mouse"
    assert Outcome.parse("hard_reset") is None
    assert Outcome.parse("guide:no_boot") is None
