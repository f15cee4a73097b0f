"""The NLU evaluation's figures and its guards (bot/evaluate.py, `make eval-nlu`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import evaluate
from bot.evaluate import LanguageResult, check_leaks, split_files


def _result(pairs: list[tuple[str, str]]) -> LanguageResult:
    result = LanguageResult(language="xx")
    for gold, predicted in pairs:
        result.examples += 1
        result.correct += gold == predicted
        result.gold.append(gold)
        result.predicted.append(predicted)
        result.texts.append(f"{gold} → {predicted}")
    return result


def test_macro_f1_weighs_every_label_equally() -> None:
    # greet: 2 right of 2 (F1 1.0); thank: 1 of 2, 0 false positives (F1 2/3);
    # goodbye: 0 right, 1 false positive (F1 0).
    summary = _result(
        [("greet", "greet"), ("greet", "greet"), ("thank", "thank"), ("thank", "goodbye")]
    ).summary()
    assert summary["intent_accuracy"] == 0.75
    assert summary["intent_macro_f1"] == pytest.approx((1 + 2 / 3) / 2, abs=1e-4)
    assert summary["confusions"] == [{"gold": "thank", "predicted": "goodbye", "count": 1}]


def test_out_of_scope_recall_counts_fallback_as_caught_and_in_scope_fallback_as_loss() -> None:
    summary = _result(
        [
            ("out_of_scope", "out_of_scope"),
            ("out_of_scope", "nlu_fallback"),
            ("out_of_scope", "greet"),
            ("greet", "nlu_fallback"),
            ("greet", "greet"),
            ("thank", "thank"),
            ("thank", "thank"),
        ]
    ).summary()
    assert summary["out_of_scope_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert summary["in_scope_to_fallback"] == 0.25


def test_faq_answers_are_scored_by_their_sub_intent() -> None:
    parsed = {
        "intent": {"name": "faq"},
        "response_selector": {
            "default": {"response": {"intent_response_key": "faq/support_hours"}}
        },
    }
    assert evaluate._predicted_label(parsed) == "faq/support_hours"
    assert evaluate._predicted_label({"intent": {"name": "greet"}}) == "greet"


def _nlu_file(path: Path, sentences: list[str]) -> Path:
    examples = "\n".join(f"      - {s}" for s in sentences)
    path.write_text(f'version: "3.1"\nnlu:\n  - intent: greet\n    examples: |\n{examples}\n')
    return path


def test_a_test_sentence_from_the_training_data_is_a_leak(tmp_path: Path) -> None:
    trained = next(
        line.strip()[2:]
        for line in (evaluate.ROOT / "data" / "nlu" / "en" / "basics.yml").read_text().splitlines()
        if line.strip().startswith("- ") and "[" not in line and ":" not in line
    )
    test_file = _nlu_file(
        tmp_path / "xx.yml", ["a sentence nobody trains on 4711", trained.upper()]
    )
    leaks = check_leaks([test_file])
    assert len(leaks) == 1 and trained.upper() in leaks[0]


def test_a_dev_sentence_from_a_held_out_set_is_a_leak(tmp_path: Path) -> None:
    held_out = _nlu_file(tmp_path / "held.yml", ["only in the held-out set 0815"])
    dev = _nlu_file(tmp_path / "dev.yml", ["Only in the  held-out set 0815", "only in dev 0816"])
    assert check_leaks([dev]) == []
    assert len(check_leaks([dev], [held_out])) == 1


def test_the_dev_split_is_checked_against_the_held_out_sets() -> None:
    held_out, excluded = split_files("held-out")
    dev, dev_excluded = split_files("dev")
    assert {p.stem for p in held_out} >= {"en", "nl", "da", "fr", "de", "zh"}
    assert excluded == []
    assert all(p.parent.name == "dev" for p in dev)
    assert dev_excluded == held_out
