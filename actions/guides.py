"""Where a conversation is in a self-test guide, and the guides of this process.

The position is two slots, `guide_id` and `guide_step` (with `flow_step =
self_test`); the guides and the CSR catalogue are loaded and validated once, on
first use (`data/guides/`, `data/csr/parts.yml`, paths from the settings).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from rasa_sdk import Tracker

from actions.common import text_slot
from actions.replies import Utterance
from actions.settings import get_settings
from careline.selftest import GuideBook, StepRecord, load_guide_book
from careline.selftest.walker import entry

#: Slots that hold where the customer is in a guide; cleared when the guide ends.
GUIDE_SLOTS = ("guide_id", "guide_step", "csr_part")


@lru_cache
def guide_book() -> GuideBook:
    """The guides and the CSR catalogue of this process, loaded and validated once."""
    settings = get_settings()
    return load_guide_book(Path(settings.guides_dir), Path(settings.csr_catalogue))


def source_text(context: str, text: str) -> dict[str, str]:
    """A data-file text for the NLG to translate (bot/nlg.py)."""
    return {"msgctxt": context, "msgid": text}


def now() -> dt.datetime:
    """The time steps are recorded at (UTC)."""
    return dt.datetime.now(dt.UTC)


def step_utterance(book: GuideBook, guide_id: str, step_id: str) -> Utterance:
    """The instruction and question of a step."""
    guide = book.guide(guide_id)
    step = guide.steps[step_id]
    return Utterance(
        "utter_guide_step",
        {
            "step_text": source_text(guide.context, step.text),
            "step_prompt": source_text(guide.context, step.prompt),
        },
    )


def position(book: GuideBook, tracker: Tracker) -> tuple[str, str] | None:
    """The (guide, step) the conversation is at, None when none or no longer valid."""
    guide_id, step_id = text_slot(tracker, "guide_id"), text_slot(tracker, "guide_step")
    if guide_id is None or step_id is None or guide_id not in book.guides:
        return None
    return (guide_id, step_id) if step_id in book.guide(guide_id).steps else None


def pending_step(tracker: Tracker) -> Utterance | None:
    """The question the customer has not answered yet, to ask again; None if none."""
    if tracker.get_slot("flow_step") != "self_test":
        return None
    book = guide_book()
    where = position(book, tracker)
    return step_utterance(book, *where) if where else None


def left_guide_record(tracker: Tracker, outcome: str) -> StepRecord | None:
    """The record of leaving a guide at its pending step (stop, hand-over)."""
    if tracker.get_slot("flow_step") != "self_test":
        return None
    book = guide_book()
    where = position(book, tracker)
    if where is None:
        return None
    guide_id, step_id = where
    return entry(
        guide_id,
        step_id,
        book.guide(guide_id).steps[step_id].prompt,
        answer_text=str(tracker.latest_message.get("text") or ""),
        result="skipped",
        outcome=outcome,
        at=now(),
    )
