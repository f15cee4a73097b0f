"""Which of the six languages a message is in, and how sure we are.

One NLU model serves every language, but tokenising, the detected-language entity
and the bot's replies need a language per message. The decision is made once, by
the tokenizer, in this order of trust:

1. ``metadata``: the channel said so (``{"metadata": {"language": "nl"}}`` on
   the REST webhook, contracts §5) and it is one of `SUPPORTED_LANGUAGES`;
2. ``script``: any CJK ideograph means Chinese, the only such language we speak;
3. ``langid``: py3langid, restricted to the six languages, when the text has
   enough letters to be judged and the normalised probability is high. Short
   replies ("ja", "ok", "merci") are never judged: they are ambiguous across the
   five Latin-script languages and a wrong switch is worse than none;
4. ``default``: English, for tokenising only. The entity extractor does *not*
   report a default as a detected language.

Identifiers are removed before identification ("5CG3201ABC", e-mail addresses,
numbers carry no language and confuse character n-gram models).

py3langid ships its model inside the wheel, so identification works offline. The
identifier is loaded on first use (about 60 ms), not at import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.text import has_cjk
from careline.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalise_language

LanguageSource = Literal["metadata", "script", "langid", "default"]

#: Sources that come from evidence (a default is only a guess).
EVIDENCE_SOURCES: frozenset[str] = frozenset({"metadata", "script", "langid"})

# Words that carry no language: anything with a digit, "@" or "/" in it.
_NON_LINGUISTIC = re.compile(r"\S*[\d@/#]\S*")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class LanguageDecision:
    """The language of one message and where that knowledge came from."""

    #: ISO 639-1 code, one of `SUPPORTED_LANGUAGES`.
    code: str
    #: "metadata", "script", "langid" or "default" (see the module docstring).
    source: LanguageSource
    #: py3langid's normalised probability when `source` is "langid", else None.
    probability: float | None = None


@dataclass(frozen=True)
class LangidSettings:
    """When py3langid's verdict is trusted."""

    #: Minimum normalised probability of the best language.
    min_probability: float = 0.95
    #: Minimum number of letters, when there are at least `min_words` words.
    min_letters: int = 12
    #: Minimum number of words, when there are fewer than `long_letters` letters.
    min_words: int = 3
    #: Texts with at least this many letters are judged whatever their word count.
    long_letters: int = 20


@functools.cache
def _identifier() -> Any:
    """Return py3langid's identifier restricted to the six languages (loaded once)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(SUPPORTED_LANGUAGES))
    return identifier


def load_identifier() -> None:
    """Load py3langid's model now rather than on the first long message."""
    _identifier()


def metadata_language(metadata: Any) -> str | None:
    """Return the supported language named in message metadata, else None.

    Args:
        metadata: the message's ``metadata`` (a dict from the channel, or None).
    """
    if not isinstance(metadata, Mapping):
        return None
    raw = metadata.get("language")
    if not isinstance(raw, str):
        return None
    return normalise_language(raw)


def identify(text: str, settings: LangidSettings | None = None) -> tuple[str, float] | None:
    """Return py3langid's (language, probability) when the text is judgeable.

    Args:
        text: the message text (identifiers are ignored).
        settings: thresholds; the defaults when None.

    Returns:
        The language and its probability when the text is long enough and the
        probability reaches the threshold, else None.
    """
    settings = settings or LangidSettings()
    linguistic = _NON_LINGUISTIC.sub(" ", text)
    words = _WORD.findall(linguistic)
    letters = sum(len(word) for word in words)
    long_enough = letters >= settings.long_letters or (
        letters >= settings.min_letters and len(words) >= settings.min_words
    )
    if not long_enough:
        return None
    code, probability = _identifier().classify(" ".join(words))
    if code not in SUPPORTED_LANGUAGES or float(probability) < settings.min_probability:
        return None
    return str(code), float(probability)


def decide_language(
    text: str, metadata: Any = None, settings: LangidSettings | None = None
) -> LanguageDecision:
    """Decide the language of a message (see the module docstring for the order).

    Args:
        text: the message text.
        metadata: the message metadata; its ``language`` wins when supported.
        settings: py3langid thresholds.

    Returns:
        The decision; never None (English by default).
    """
    from_metadata = metadata_language(metadata)
    if from_metadata is not None:
        return LanguageDecision(from_metadata, "metadata")
    if has_cjk(text):
        return LanguageDecision("zh", "script")
    identified = identify(text, settings)
    if identified is not None:
        return LanguageDecision(identified[0], "langid", identified[1])
    return LanguageDecision(DEFAULT_LANGUAGE, "default")
