"""Walking a guide: choose it, move on an answer, record the step. Pure functions.

The conversation keeps only where the customer is (guide id and step id, in slots);
everything else comes from the `GuideBook`, so a paused conversation resumes at the
same step, in any session, by calling `move` with the next answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, TypedDict

from careline.selftest.models import Guide, GuideBook, Outcome

AnswerKind = Literal["affirm", "deny", "failure_id"]


@dataclass(frozen=True)
class Move:
    """Where an answer leads: the next step (of this or another guide) or an outcome."""

    guide: str
    step: str | None = None
    outcome: Outcome | None = None


class StepRecord(TypedDict):
    """One entry of a case's `self_tests` (the API's `SelfTestStep`)."""

    guide: str
    step: str
    prompt: str
    answer: str
    result: Literal["pass", "fail", "skipped", "unknown"]
    failure_id: str | None
    outcome: str | None
    at: str


def guide_for(book: GuideBook, component: str | None) -> Guide:
    """The guide for a reported component; the fallback guide when none claims it."""
    if component:
        for guide in book.guides.values():
            if component in guide.components:
                return guide
    return book.fallback()


def first_step(book: GuideBook, guide_id: str) -> Move:
    """The position at the start of a guide."""
    return Move(guide=guide_id, step=book.guide(guide_id).start)


def move(book: GuideBook, guide_id: str, step_id: str, answer: AnswerKind) -> Move:
    """Follow the branch of `answer` at a step.

    A failure ID leads where the step says, or to `repair` (a definite hardware
    failure ends the troubleshooting). Raises KeyError for an unknown guide or step
    (a guide changed under a paused conversation; the caller starts over).
    """
    step = book.guide(guide_id).steps[step_id]
    if answer == "failure_id":
        target = step.failure_id or "repair"
    else:
        target = step.affirm if answer == "affirm" else step.deny
    outcome = Outcome.parse(target)
    if outcome is not None:
        return Move(guide=guide_id, outcome=outcome)
    if target.startswith("guide:"):
        other = target.split(":", 1)[1]
        return first_step(book, other)
    return Move(guide=guide_id, step=target)


def entry(
    guide: str,
    step: str,
    prompt: str,
    *,
    answer_text: str,
    result: Literal["pass", "fail", "skipped", "unknown"],
    outcome: str | None,
    at: dt.datetime,
    failure_id: str | None = None,
) -> StepRecord:
    """One entry of the self-test log; the customer's words are kept on one line."""
    return StepRecord(
        guide=guide,
        step=step,
        prompt=prompt,
        answer=" ".join(answer_text.split())[:1000],
        result=result,
        failure_id=failure_id,
        outcome=outcome,
        at=at.isoformat(),
    )


def record_step(
    book: GuideBook,
    guide_id: str,
    step_id: str,
    *,
    answer: AnswerKind,
    answer_text: str,
    failure_id: str | None,
    moved_to: Move,
    at: dt.datetime,
) -> StepRecord:
    """The record of one answered step: question, answer, result, outcome, time."""
    step = book.guide(guide_id).steps[step_id]
    if answer == "failure_id":
        result: Literal["pass", "fail"] = "fail"
    else:
        result = "pass" if answer == step.pass_on else "fail"
    return entry(
        guide_id,
        step_id,
        step.prompt,
        answer_text=answer_text,
        result=result,
        outcome=str(moved_to.outcome) if moved_to.outcome is not None else None,
        at=at,
        failure_id=failure_id,
    )
