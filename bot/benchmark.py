"""Time the NLU per message: ``python -m bot.benchmark [--model models/careline.tar.gz]``.

The NLU runs on every user message before the policies, so its cost adds to every
reply. This generates mixed chat and speech-to-text messages in the six languages
from templates filled with fresh random identifiers (so the extractor's phrase
caches do not flatter the numbers), warms the per-language tokenizers up once, and
prints the median and 95th percentile per message of

- CarelineTokenizer + CarelineEntityExtractor alone (no model needed), and
- the trained model's whole NLU graph (tokenizer, featurizers, intent classifier,
  CRF, entity extractors, fallback), as `Agent.parse_message` runs it, when the
  model file exists.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import string
import time
from pathlib import Path

from careline.identifiers import make_case_id

_TEMPLATES = (
    "my EliteBook {serial} won't boot",
    "hi, the screen of my laptop flickers since the update, serial {serial}",
    "case {case}",
    "what is the status of case {case_grouped}?",
    "failure ID {failure}",
    "call me on +31 20 555 {four}, my email is jan.{word}@example.com",
    "pin {pin}",
    "can we speak Dutch please",
    "mijn serienummer is {serial_spaced}",
    "het scherm flikkert en de harde schijf maakt een tikkend geluid",
    "bel me op 06 5555 {four}, ik woon in Nederland",
    "kan vi tale dansk? min skærm er gået i stykker",
    "jeg bor i Danmark og opladeren virker ikke, ring til mig på 20 12 {two} {two}",
    "l'écran ne s'allume plus depuis le 22/11/2026, numéro de série {serial}",
    "je suis en France et mon imprimante ne marche pas",
    "Ich bin in Deutschland, mein Netzteil ist kaputt und der Lüfter ist laut",
    "Können Sie mich zurückrufen? Fall {case_grouped}",
    "我的序列号是{serial}，邮箱是zhang.{word}@example.com",
    "我在丹麦，打印机卡纸了",
    "扩展坞不工作，键盘也坏了",
    "serial number five c g three two zero one a b c",
    "uh yeah my laptop it just won't start up",
    "thanks a lot, bye",
    "is my laptop still under warranty? I bought it in 2019",
)


def _messages(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    alphabet = string.ascii_uppercase + string.digits

    def code(length: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(length - 1)) + rng.choice("0123456789")

    out = []
    for index in range(count):
        serial = code(10)
        case = make_case_id(rng.randrange(1, 99_999_999))
        failure = code(24)
        out.append(
            _TEMPLATES[index % len(_TEMPLATES)].format(
                serial=serial,
                serial_spaced=f"{serial[:3]} {serial[3:7]} {serial[7:]}".lower(),
                case=case,
                case_grouped=f"{case[:2]} {case[2:6]} {case[6:]}",
                failure="-".join(failure[i : i + 4] for i in range(0, 24, 4)),
                four=f"{rng.randrange(10_000):04d}",
                two=f"{rng.randrange(100):02d}",
                pin=f"{rng.randrange(1_000_000):06d}",
                word="".join(rng.choice(string.ascii_lowercase) for _ in range(6)),
            )
        )
    return out


def _summary(timings: list[float], what: str) -> str:
    timings = sorted(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    return (
        f"{len(timings)} messages: median {statistics.median(timings):.2f} ms, "
        f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms ({what})"
    )


def time_components(texts: list[str]) -> list[float]:
    """Milliseconds per message for the tokenizer and the entity extractor."""
    from rasa.shared.nlu.training_data.message import Message

    from bot.entities import CarelineEntityExtractor
    from bot.tokenizer import CarelineTokenizer

    tokenizer = CarelineTokenizer(CarelineTokenizer.get_default_config())
    extractor = CarelineEntityExtractor(CarelineEntityExtractor.get_default_config())
    for text in _TEMPLATES:  # load the six spaCy tokenizers, jieba and py3langid once
        warm = Message(data={"text": text.format_map(_Blank())})
        tokenizer.process([warm])
        extractor.process([warm])
    timings = []
    for text in texts:
        message = Message(data={"text": text, "metadata": None})
        started = time.perf_counter()
        tokenizer.process([message])
        extractor.process([message])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def time_model(model: Path, texts: list[str]) -> list[float]:
    """Milliseconds per message for the trained model's whole NLU graph."""
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # no debug line per parsed message
    agent = Agent.load(str(model))

    async def run() -> list[float]:
        for text in _TEMPLATES:
            await agent.parse_message(text.format_map(_Blank()))
        timings = []
        for text in texts:
            started = time.perf_counter()
            await agent.parse_message(text)
            timings.append((time.perf_counter() - started) * 1000)
        return timings

    return asyncio.run(run())


def main() -> None:
    """Run the benchmark and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--model", type=Path, default=Path("models/careline.tar.gz"))
    args = parser.parse_args()

    texts = _messages(args.messages, args.seed)
    print(_summary(time_components(texts), "tokenizer + entity extractor"))
    if args.model.exists():
        print(_summary(time_model(args.model, texts), f"whole NLU graph of {args.model}"))
    else:
        print(f"{args.model} not found: run `make train` to time the whole NLU graph")


class _Blank(dict[str, str]):
    """Format map that leaves every placeholder empty (for warming up)."""

    def __missing__(self, key: str) -> str:
        return ""


if __name__ == "__main__":
    main()
