"""NLU evaluation per language on the held-out sets (`make eval-nlu`).

    python -m bot.evaluate [--model models/careline.tar.gz] [--out reports] [--split dev]

For every language with a held-out file `tests/nlu/<lang>.yml` it parses each test
sentence with the trained model (the real pipeline: tokenizer, intent classifier and
FAQ answer selection, entity extractors, the fallback classifier; no language
metadata, so the language is detected as in a chat without a language hint) and
reports:

- intent accuracy and macro-F1 over the full labels (`faq/<sub-intent>` counts as
  its own label, as the response selector answers it);
- out-of-scope recall (an out-of-scope sentence answered as `out_of_scope` or sent to
  `nlu_fallback`) and the share of in-scope sentences sent to `nlu_fallback`;
- entity precision, recall and F1 per entity type, comparing (type, normalised
  value) pairs per sentence;
- the most frequent confusion pairs (and, in the JSON, every misclassified sentence).

Before evaluating it checks that no held-out sentence occurs in the training data
(case- and space-insensitive) and refuses to report otherwise. The results go to
`reports/nlu.json` and `reports/nlu.md`, with the model's training time when
`models/careline.train.json` (written by `make train`) is there.

`--split dev` scores the development sets `tests/nlu/dev/<lang>.yml` instead
(`make eval-nlu-dev` → `reports/dev/`). They are written apart from both the training
data and the held-out sets, are never trained on either, and are what data and
pipeline changes are tuned on; the held-out sets only measure the result, so the
figures quoted in the README are not tuned to them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STRUCTURED = ("serial_number", "case_id", "failure_id", "email", "pin")
FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"


@dataclass
class LanguageResult:
    """What one language's held-out set scored."""

    language: str
    examples: int = 0
    correct: int = 0
    gold: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    entity_counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def summary(self) -> dict[str, Any]:
        """The figures of the report."""
        labels = sorted(set(self.gold))
        f1s = [_f1(self.gold, self.predicted, label) for label in labels]
        oos = [p for g, p in zip(self.gold, self.predicted, strict=True) if g == OUT_OF_SCOPE]
        in_scope = [p for g, p in zip(self.gold, self.predicted, strict=True) if g != OUT_OF_SCOPE]
        confusions = Counter(
            (g, p) for g, p in zip(self.gold, self.predicted, strict=True) if g != p
        )
        entities = {}
        for entity, counts in sorted(self.entity_counts.items()):
            tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
            precision = tp / (tp + fp) if tp + fp else 1.0
            recall = tp / (tp + fn) if tp + fn else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            entities[entity] = {
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(f1, 4),
                "support": tp + fn,
            }
        return {
            "examples": self.examples,
            "intent_accuracy": round(self.correct / self.examples, 4) if self.examples else 0.0,
            "intent_macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
            "out_of_scope_recall": round(
                sum(p in (OUT_OF_SCOPE, FALLBACK) for p in oos) / len(oos), 4
            )
            if oos
            else None,
            "in_scope_to_fallback": round(sum(p == FALLBACK for p in in_scope) / len(in_scope), 4)
            if in_scope
            else None,
            "entities": entities,
            "confusions": [
                {"gold": g, "predicted": p, "count": n} for (g, p), n in confusions.most_common(10)
            ],
            "errors": [
                {"text": t, "gold": g, "predicted": p}
                for t, g, p in zip(self.texts, self.gold, self.predicted, strict=True)
                if g != p
            ],
        }


def _f1(gold: list[str], predicted: list[str], label: str) -> float:
    tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
    fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
    fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _label(message: Any) -> str:
    return str(message.get("intent_response_key") or message.get("intent"))


def _predicted_label(parsed: dict[str, Any]) -> str:
    intent = str((parsed.get("intent") or {}).get("name"))
    if intent == "faq":
        selectors = parsed.get("response_selector") or {}
        # bot.intents reports under the retrieval intent; Rasa's ResponseSelector
        # without `retrieval_intent` reports under "default".
        selected = selectors.get(intent) or selectors.get("default") or {}
        key = (selected.get("response") or {}).get("intent_response_key")
        if key:
            return str(key)
    return intent


def _entities(entities: list[dict[str, Any]] | None) -> Counter[tuple[str, str]]:
    return Counter((str(e["entity"]), str(e.get("value"))) for e in entities or [])


def check_leaks(test_files: list[Path], also_not_in: Sequence[Path] = ()) -> list[str]:
    """Test sentences that also occur in the training data (or in `also_not_in`)."""
    from rasa.shared.nlu.training_data.loading import load_data

    seen = {_key(m.get("text")) for m in load_data(str(ROOT / "data" / "nlu")).training_examples}
    for path in also_not_in:
        seen |= {_key(m.get("text")) for m in load_data(str(path)).training_examples}
    leaks = []
    for path in test_files:
        for message in load_data(str(path)).training_examples:
            if _key(message.get("text")) in seen:
                leaks.append(f"{path.parent.name}/{path.name}: {message.get('text')!r}")
    return leaks


def split_files(split: str) -> tuple[list[Path], list[Path]]:
    """The files of a split, and the files its sentences must not occur in either."""
    held_out = sorted((ROOT / "tests" / "nlu").glob("*.yml"))
    if split == "dev":
        return sorted((ROOT / "tests" / "nlu" / "dev").glob("*.yml")), held_out
    return held_out, []


async def evaluate(model: Path, test_files: list[Path]) -> dict[str, LanguageResult]:
    """Parse every held-out sentence with the model and score it."""
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    agent = Agent.load(str(model))
    results: dict[str, LanguageResult] = {}
    for path in test_files:
        result = LanguageResult(language=path.stem)
        for message in load_data(str(path)).training_examples:
            parsed = await agent.parse_message(message.get("text"))
            gold, predicted = _label(message), _predicted_label(parsed)
            result.examples += 1
            result.correct += gold == predicted
            result.gold.append(gold)
            result.predicted.append(predicted)
            result.texts.append(message.get("text"))
            expected = _entities(message.get("entities"))
            found = _entities(parsed.get("entities"))
            for entity in {e for e, _ in expected} | {e for e, _ in found}:
                want = Counter({k: v for k, v in expected.items() if k[0] == entity})
                got = Counter({k: v for k, v in found.items() if k[0] == entity})
                counts = result.entity_counts[entity]
                counts["tp"] += sum((want & got).values())
                counts["fp"] += sum((got - want).values())
                counts["fn"] += sum((want - got).values())
        results[result.language] = result
    return results


def write_reports(report: dict[str, Any], out: Path) -> None:
    """`nlu.json` (all figures) and `nlu.md` (the tables people read)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "nlu.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    languages = report["languages"]
    lines = [
        "# NLU evaluation",
        "",
        f"Produced by `make eval-nlu` on {report['date']} ({report['machine']}); model "
        f"`{report['model']}`. "
        + (
            "Development sets: `tests/nlu/dev/<lang>.yml` (never trained on; checked; "
            "what tuning looks at)."
            if report.get("split") == "dev"
            else "Held-out sets: `tests/nlu/<lang>.yml` (never trained on; checked)."
        )
        + " No language metadata is sent: the language is detected per message.",
        "",
    ]
    training = report.get("training")
    if training:
        lines += [
            f"Training (all languages, NLU + dialogue): {training['seconds'] / 60:.1f} min "
            f"for {training.get('examples', '?')} NLU examples, measured by `make train`.",
            "",
        ]
    lines += [
        "| language | examples | intent accuracy | intent macro-F1 | out-of-scope recall "
        "| in-scope → fallback | " + " | ".join(f"{e} F1" for e in STRUCTURED) + " |",
        "|---" * (6 + len(STRUCTURED)) + "|",
    ]
    for language, figures in languages.items():
        entity_f1 = [
            f"{figures['entities'][e]['f1']:.3f}" if e in figures["entities"] else "–"
            for e in STRUCTURED
        ]
        oos = figures["out_of_scope_recall"]
        fallback = figures["in_scope_to_fallback"]
        lines.append(
            f"| {language} | {figures['examples']} | {figures['intent_accuracy']:.3f} "
            f"| {figures['intent_macro_f1']:.3f} | {'–' if oos is None else f'{oos:.3f}'} "
            f"| {'–' if fallback is None else f'{fallback:.3f}'} | " + " | ".join(entity_f1) + " |"
        )
    lines += ["", "## Entities (precision / recall / F1, support)", ""]
    entity_names = sorted({e for f in languages.values() for e in f["entities"]})
    lines.append("| entity | " + " | ".join(languages) + " |")
    lines.append("|---" * (1 + len(languages)) + "|")
    for entity in entity_names:
        cells = []
        for figures in languages.values():
            e = figures["entities"].get(entity)
            cells.append(
                f"{e['precision']:.2f} / {e['recall']:.2f} / {e['f1']:.2f} ({e['support']})"
                if e
                else "–"
            )
        lines.append(f"| {entity} | " + " | ".join(cells) + " |")
    lines += ["", "## Most frequent confusions (gold → predicted)", ""]
    for language, figures in languages.items():
        pairs = ", ".join(
            f"{c['gold']} → {c['predicted']} ({c['count']})" for c in figures["confusions"][:6]
        )
        lines.append(f"- **{language}**: {pairs or 'none'}")
    lines.append("")
    (out / "nlu.md").write_text("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    """Evaluate and write the reports; exit 1 on a leaked held-out sentence."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "careline.tar.gz")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--split", choices=("held-out", "dev"), default="held-out")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "reports" / ("dev" if args.split == "dev" else "")
    test_files, others = split_files(args.split)
    leaks = check_leaks(test_files, others)
    if leaks:
        print("Test sentences found in training data or held-out sets:\n" + "\n".join(leaks))
        return 1
    started = time.perf_counter()
    results = asyncio.run(evaluate(args.model, test_files))
    training_file = args.model.with_suffix("").with_suffix(".train.json")
    report = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {_cpus()} cores",
        "model": str(
            args.model.relative_to(ROOT) if args.model.is_relative_to(ROOT) else args.model
        ),
        "evaluation_seconds": round(time.perf_counter() - started, 1),
        "training": json.loads(training_file.read_text()) if training_file.exists() else None,
        "split": args.split,
        "languages": {language: r.summary() for language, r in results.items()},
    }
    write_reports(report, out)
    print((out / "nlu.md").read_text())
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
