"""Check the NLU data of one or more languages before training (Rasa venv).

    make check-nlu LANGS="da fr"
    (= PYTHONPATH=. .venv-rasa/bin/python scripts/check_nlu_data.py da fr)

For each language it reports:

- examples per intent (and retrieval sub-intent) in `data/nlu/<lang>/`, with those
  under the minimum marked;
- held-out sentences of `tests/nlu/<lang>.yml` that also occur in any training file
  (compared case- and space-insensitively; the held-out set must never be trained on),
  and development sentences of `tests/nlu/dev/<lang>.yml` that occur in the training
  data or a held-out set;
- examples where the rule-based tokenizer + extractor disagree with the annotation:
  structured entities (serial, product number, e-mail, phone, case ID, failure ID,
  PIN) must be found exactly as annotated, with the same normalised value; an
  annotated country, language or component must be found (the lexicon may find more).

Exit status 1 when a held-out sentence is in the training data or an annotation
disagrees with the extractor, so it can guard a commit.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from bot.entities import CarelineEntityExtractor
from bot.evaluate import check_leaks
from bot.tokenizer import CarelineTokenizer

ROOT = Path(__file__).resolve().parent.parent
MINIMUM = 40
# Must match exactly: what the extractor finds is what is annotated.
STRUCTURED = {
    "serial_number",
    "product_number",
    "email",
    "phone_number",
    "case_id",
    "failure_id",
    "pin",
}
# Must be found when annotated (the lexicon may find more than is annotated).
VOCABULARY = {"country", "language", "component"}
CHECKED = STRUCTURED | VOCABULARY


def _examples(path: Path) -> list[Message]:
    return [m for m in load_data(str(path)).training_examples if m.get("text")]


def main(languages: list[str]) -> int:
    """Check each language's data; 1 when something must be fixed."""
    tokenizer = CarelineTokenizer(CarelineTokenizer.get_default_config())
    extractor = CarelineEntityExtractor(
        {**CarelineEntityExtractor.get_default_config(), "detected_language_entity": False}
    )
    failures = 0
    for language in languages:
        folder = ROOT / "data" / "nlu" / language
        examples = _examples(folder)
        counts: Counter[str] = Counter()
        for message in examples:
            intent = message.get("intent")
            counts[intent] += 1
            response_key = message.get("intent_response_key")
            if response_key:
                counts[response_key] += 1
        print(f"== {language}: {len(examples)} training examples")
        for intent, count in sorted(counts.items()):
            low = "  <-- below minimum" if count < MINIMUM and "/" not in intent else ""
            print(f"   {intent:34} {count:4}{low}")

        held_out = ROOT / "tests" / "nlu" / f"{language}.yml"
        if held_out.exists():
            leaked = check_leaks([held_out])
            for leak in leaked:
                print(f"   LEAK held-out sentence in training data: {leak}")
            failures += len(leaked)
            tests = _examples(held_out)
        else:
            print(f"   (no held-out file {held_out.relative_to(ROOT)})")
            tests = []
        dev = ROOT / "tests" / "nlu" / "dev" / f"{language}.yml"
        if dev.exists():
            leaked = check_leaks([dev], sorted((ROOT / "tests" / "nlu").glob("*.yml")))
            for leak in leaked:
                print(f"   LEAK development sentence in training data or a held-out set: {leak}")
            failures += len(leaked)
            tests += _examples(dev)
        to_check = examples + tests
        test_texts = {example.get("text") for example in tests}

        for example in to_check:
            text = example.get("text")
            annotated = {
                (e["entity"], str(e["value"]))
                for e in example.get("entities") or []
                if e["entity"] in CHECKED
            }
            message = Message(data={"text": text, "metadata": {"language": language}})
            tokenizer.process([message])
            extractor.process([message])
            found = {
                (e["entity"], str(e["value"]))
                for e in message.get("entities") or []
                if e["entity"] in CHECKED
            }
            structured_ok = {a for a in annotated if a[0] in STRUCTURED} == {
                f for f in found if f[0] in STRUCTURED
            }
            vocabulary_ok = {a for a in annotated if a[0] in VOCABULARY} <= found
            if not (structured_ok and vocabulary_ok):
                failures += 1
                if text in test_texts:  # data writers must not see test sentences
                    print("   ENTITY in a test set (held-out or development): sentence not shown")
                    continue
                print(f"   ENTITY {text!r}")
                print(f"      annotated {sorted(annotated)}\n      found     {sorted(found)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["en", "nl"]))
