"""Identifiers read out loud: "five c g three two zero one a b c" → "5CG3201ABC".

Speech-to-text and IVR transcripts spell serials, case IDs, PINs and phone numbers
as words (contracts §3: "Spoken forms must normalise too"). This module turns a
run of spoken characters into the compact string the `careline.identifiers`
normalisers understand:

- digit words in the six languages ("five", "vijf", "fem", "cinq", "fünf"; "oh" for
  zero in English numbers), digits and digit groups ("3201");
- single letters ("c", "G") and the NATO alphabet ("charlie golf");
- "double"/"triple" before a digit word ("double five" → "55") and "plus"/"plus"
  before a phone number.

`find_runs` finds runs of such words in a text and `best_reading` picks, inside a
run, the sub-run that validates as an identifier, so "the serial is a five c g three
two zero one a b c" yields "5CG3201ABC" and not "A5CG3201AB". Words that are also
ordinary words ("a", "i", Danish "en"/"to", French "un") may start or end a reading
only when nothing better validates.

Chinese transcripts already use Arabic digits, so Han digits are not handled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.text import fold_for_matching

# Digit words, as folded by `fold_for_matching` (lower case, no accents).
_DIGIT_WORDS: dict[str, str] = {
    # en
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    # nl
    "nul": "0", "een": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5",
    "zes": "6", "zeven": "7", "acht": "8", "negen": "9",
    # da
    "en": "1", "et": "1", "to": "2", "tre": "3", "fire": "4", "fem": "5",
    "seks": "6", "syv": "7", "otte": "8", "ni": "9",
    # fr
    "un": "1", "une": "1", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5",
    "sept": "7", "huit": "8", "neuf": "9",
    # de
    "null": "0", "eins": "1", "ein": "1", "zwei": "2", "zwo": "2", "drei": "3",
    "funf": "5", "fuenf": "5", "sechs": "6", "sieben": "7", "neun": "9",
}  # fmt: skip

_NATO_WORDS = (
    "alpha", "alfa", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
    "india", "juliet", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa",
    "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "whisky",
    "xray", "yankee", "zulu",
)  # fmt: skip
_NATO: dict[str, str] = {word: word[0].upper() for word in _NATO_WORDS}

_REPEATS = {"double": 2, "triple": 3, "dubbel": 2, "dobbelt": 2}
_PLUS = {"plus"}

# Words that are also everyday words: a reading should not start or end with one.
_AMBIGUOUS = frozenset({"a", "i", "o", "en", "et", "to", "un", "une", "een", "ein", "ni", "oh"})

_WORD = re.compile(r"[^\W_]+|\+")
_SEPARATOR = re.compile(r"[\s,.\-]{1,3}")
_DIGITS = re.compile(r"[0-9]+")
_CODE_GROUP = re.compile(r"(?=[a-z0-9]*[0-9])[a-z0-9]{2,6}")


@dataclass(frozen=True)
class SpokenWord:
    """One word of a spoken run: its span in the text and what it stands for."""

    start: int
    end: int
    #: the characters it reads as ("5", "C", "3201"); "" for "double"/"plus".
    chars: str
    #: folded word, for the repeat/plus/ambiguity rules.
    word: str

    @property
    def is_digit(self) -> bool:
        """True when the word reads as one or more digits."""
        return self.chars.isdigit()


def read_word(word: str) -> str | None:
    """Return the characters one folded word stands for, or None if it is not spoken.

    Examples:
        >>> read_word("vijf"), read_word("c"), read_word("3201"), read_word("laptop")
        ('5', 'C', '3201', None)
    """
    if word in _DIGIT_WORDS:
        return _DIGIT_WORDS[word]
    if word in _NATO:
        return _NATO[word]
    if len(word) == 1 and word.isascii() and word.isalnum():
        return word.upper()
    if _DIGITS.fullmatch(word) or _CODE_GROUP.fullmatch(word):
        return word.upper()
    if word in _REPEATS or word in _PLUS or word == "+":
        return ""
    return None


def find_runs(text: str, min_digit_words: int = 2) -> list[list[SpokenWord]]:
    """Return the runs of spoken-character words in a text.

    Args:
        text: any text; offsets in the result index it.
        min_digit_words: runs with fewer digit *words* ("five", not "5") are left
            out: typed identifiers are the pattern detectors' job.

    Returns:
        Runs of adjacent words (separated by at most a few spaces, commas, dots
        or hyphens), in order.
    """
    folded = fold_for_matching(text)
    runs: list[list[SpokenWord]] = []
    current: list[SpokenWord] = []
    previous_end = -1
    for match in _WORD.finditer(folded):
        word = match.group()
        chars = read_word(word)
        adjacent = previous_end < 0 or _SEPARATOR.fullmatch(folded[previous_end : match.start()])
        if chars is None or not adjacent:
            if current:
                runs.append(current)
            current = []
        if chars is not None:
            current.append(SpokenWord(match.start(), match.end(), chars, word))
        previous_end = match.end()
    if current:
        runs.append(current)
    return [
        run for run in runs if sum(word.word in _DIGIT_WORDS for word in run) >= min_digit_words
    ]


def compact(words: list[SpokenWord]) -> str:
    """Return what a sequence of spoken words reads as ("double five" → "55").

    A leading "plus" becomes "+"; "plus" elsewhere and a trailing "double" are
    dropped.
    """
    out: list[str] = []
    repeat = 1
    for index, word in enumerate(words):
        if word.word in _PLUS or word.word == "+":
            if index == 0:
                out.append("+")
            continue
        if word.word in _REPEATS:
            repeat = _REPEATS[word.word]
            continue
        out.append(word.chars * repeat if len(word.chars) == 1 else word.chars)
        repeat = 1
    return "".join(out)


@dataclass(frozen=True)
class Reading:
    """The best validated reading of a spoken run."""

    start: int
    end: int
    #: the compact string, e.g. "5CG3201ABC".
    raw: str
    #: what the validator returned for it (entity type, normalised value).
    entity: str
    value: str


Validator = Callable[[str, int, int], tuple[str, str] | None]


def best_reading(run: list[SpokenWord], validate: Validator) -> Reading | None:
    """Return the sub-run of `run` that validates, preferring long, unambiguous ones.

    Args:
        run: one run from `find_runs`.
        validate: called with (compact string, start, end); returns (entity type,
            normalised value) when the string is a valid identifier there.

    Returns:
        The longest valid reading (ties: fewer ambiguous edge words, then the
        leftmost), or None.
    """
    best: tuple[tuple[int, int, int], Reading] | None = None
    for first in range(len(run)):
        if run[first].word in _REPEATS:
            continue
        for last in range(first, len(run)):
            raw = compact(run[first : last + 1])
            if len(raw) < 6:
                continue
            if len(raw) > 30:
                break
            start, end = run[first].start, run[last].end
            verdict = validate(raw, start, end)
            if verdict is None:
                continue
            ambiguous = (run[first].word in _AMBIGUOUS) + (run[last].word in _AMBIGUOUS)
            rank = (len(raw), -ambiguous, -first)
            if best is None or rank > best[0]:
                best = (rank, Reading(start, end, raw, verdict[0], verdict[1]))
    return best[1] if best else None


def spoken_compact(raw: str) -> str | None:
    """Return the compact reading of a whole spoken phrase, or None if it is not one.

    For values another extractor found ("five c g three two zero one a b c").

    Examples:
        >>> spoken_compact("vijf c g drie twee nul een a b c")
        '5CG3201ABC'
    """
    words = []
    folded = fold_for_matching(raw)
    for match in _WORD.finditer(folded):
        chars = read_word(match.group())
        if chars is None:
            return None
        words.append(SpokenWord(match.start(), match.end(), chars, match.group()))
    return compact(words) if words else None
