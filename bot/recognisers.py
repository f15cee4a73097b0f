"""Find and normalise Careline's entities in a message, without Rasa.

`bot.entities.CarelineEntityExtractor` is a thin Rasa adapter around this module,
which is plain Python over strings and offsets, so that the rules can be unit
tested and benchmarked without building a pipeline.

Two families of entities (interface contracts §3):

*Structured* entities have a shape a pattern can check better than any statistical
model: ``email``, ``failure_id``, ``case_id`` (Luhn), ``serial_number``,
``product_number``, ``phone_number`` and ``pin``. `find_structured` runs one
detector per type, most specific first (e-mail, failure ID, case ID, phone,
serial, product number, PIN, then identifiers read out as words, see
`bot.spoken`), and each hit is masked before the next detector runs, so a case ID
is never also read as a phone number, nor a serial's digits as a PIN. Values are
normalised by `careline.identifiers` and `careline.phones`.

*Lexical* entities are names: ``country`` and ``language`` (any of the six
languages, via `careline.countries` / `careline.languages` over token n-grams)
and ``component`` (synonym tables in `bot.lexicon`). `find_lexical` collects all
candidates and keeps the longest non-overlapping ones.

`normalise_value` normalises one value of a given type, for entities another
extractor found; None means "not a valid value of that type".

Design choices worth knowing:

- Patterns run on the width-folded text (`bot.text.fold_width`), and lexicon
  look-ups on `bot.text.fold_for_matching`; both are 1:1, so every span indexes
  the original text.
- Identifier boundaries are ASCII letters and digits only, so "是5CG3201ABC" in
  Chinese text is found.
- Phone numbers: "+"/"00" numbers are normalised to E.164 directly. A national
  number ("06 5555 0123") needs a region, which the caller passes (the extractor
  uses the country named in the message, else metadata, else the message
  language). Without a region the value is the number's digits as given
  ("0655550123"); whoever learns the country later finishes it with
  ``careline.phones.normalise_phone(value, country)``. A number without "+"/"00"
  is only taken when a phone word is near it ("bel me op", "call me", "电话") or
  it starts with a trunk "0" and has 9+ digits, so years, dates, amounts and
  order numbers are left alone.
- PINs are any 6 digits standing alone (not a group of a longer number, not
  next to "order", "postcode", "订单"...): a bare "482913" is the usual answer to
  "what is your PIN?".
- Two-letter country codes are only taken in upper case, alone or after a
  preposition ("in NL", "aus DE"), never "de"/"da"/"in", nor "ID" in "failure ID"
  or "GB" in "16 GB".
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot import lexicon, spoken
from bot.text import CJK_IDEOGRAPH_CLASS, fold_for_matching, fold_width, has_cjk
from careline.countries import normalise_country
from careline.entitlement import COMPONENTS
from careline.identifiers import (
    normalise_case_id,
    normalise_failure_id,
    normalise_pin,
    normalise_product_number,
    normalise_serial,
)
from careline.languages import normalise_language
from careline.phones import normalise_phone

SERIAL_NUMBER = "serial_number"
PRODUCT_NUMBER = "product_number"
EMAIL = "email"
PHONE_NUMBER = "phone_number"
COUNTRY = "country"
PERSON_NAME = "person_name"
COMPANY = "company"
CASE_ID = "case_id"
FAILURE_ID = "failure_id"
COMPONENT = "component"
PIN = "pin"
LANGUAGE = "language"

#: Types found by pattern; a pattern hit wins over any entity overlapping it.
STRUCTURED_TYPES: frozenset[str] = frozenset(
    {EMAIL, FAILURE_ID, CASE_ID, SERIAL_NUMBER, PRODUCT_NUMBER, PHONE_NUMBER, PIN}
)
#: Types found by name look-up.
LEXICAL_TYPES: frozenset[str] = frozenset({COUNTRY, LANGUAGE, COMPONENT})
#: Free-text types: only trimmed.
FREE_TEXT_TYPES: frozenset[str] = frozenset({PERSON_NAME, COMPANY})

_MASK = "\x00"
_ALNUM = "A-Za-z0-9"


@dataclass(frozen=True)
class Hit:
    """An entity found in a text: type, span (into the original text) and value."""

    entity: str
    start: int
    end: int
    value: str


# --- structured entities ------------------------------------------------------------

_EMAIL = re.compile(
    rf"(?<![{_ALNUM}._%+\-])[{_ALNUM}._%+\-]+@[{_ALNUM}\-]+(?:\.[{_ALNUM}\-]+)*\.[A-Za-z]{{2,}}"
    rf"(?![{_ALNUM}])"
)
_EMAIL_FULL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_FAILURE_ID = re.compile(
    rf"(?<![{_ALNUM}\-])[{_ALNUM}]{{4}}(?:[ \-]?[{_ALNUM}]{{4}}){{5}}(?![{_ALNUM}\-])"
)
_HEX_CODE = re.compile(r"0x[0-9a-f]{8}", re.IGNORECASE)  # a Windows stop code, not a serial
_CASE_ID = re.compile(rf"(?<![{_ALNUM}+])5(?:[ .\-]?[0-9]){{9}}(?![{_ALNUM}])")
_CHUNK = re.compile(rf"[{_ALNUM}]+")
_PRODUCT = re.compile(
    rf"(?<![{_ALNUM}\-./#])([{_ALNUM}]{{5,8}})(?:[ ]?#[ ]?([{_ALNUM}]{{3}}))?(?![{_ALNUM}\-#])"
)
_UNIT = re.compile(
    r"[0-9]+(?:GB|TB|MB|KB|GHZ|MHZ|HZ|MP|MAH|WH|W|V|P|K|TH|ST|ND|RD|INCH|IN|MM|CM|NM)",
    re.IGNORECASE,
)
_PHONE = re.compile(
    rf"(?<![{_ALNUM}+])(?:\+[ ]?|00)?\(?[0-9][0-9 ()./\-]{{5,24}}[0-9](?![{_ALNUM}])"
)
_DATE = re.compile(
    r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}"
)
_PIN = re.compile(rf"(?<![{_ALNUM}])[0-9]{{6}}(?![{_ALNUM}])")
_GROUPED_PIN = re.compile(rf"(?<![{_ALNUM}])[0-9]{{3}}[ \-][0-9]{{3}}(?![{_ALNUM}])")
_DIGIT_GROUP_BEFORE = re.compile(r"[0-9][ .\-]$")
_DIGIT_GROUP_AFTER = re.compile(r"^[ .\-][0-9]")

# Letter/digit alternations in a code: "5HB14A" has 3, "512GB" and "GEN11" have 1.
_TRANSITION = re.compile(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")


def _mask(work: list[str], start: int, end: int) -> None:
    work[start:end] = _MASK * (end - start)


def _has_letter_and_digit(text: str) -> bool:
    return any(char.isdigit() for char in text) and any(char.isalpha() for char in text)


@functools.cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Compile cue words into one pattern for folded (lower-case) text, with word edges."""
    latin = [re.escape(fold_for_matching(cue)) for cue in cues if not has_cjk(cue)]
    other = [re.escape(fold_for_matching(cue)) for cue in cues if has_cjk(cue)]
    parts = []
    if latin:
        parts.append(rf"(?<![^\W{CJK_IDEOGRAPH_CLASS}])(?:{'|'.join(latin)})(?![^\W_])")
    if other:
        parts.append(f"(?:{'|'.join(other)})")
    return re.compile("|".join(parts))


def _cue_near(folded_lower: str, start: int, end: int, cues: tuple[str, ...]) -> bool:
    """Return True when a cue word is within 40 characters before or 25 after a span."""
    window = folded_lower[max(0, start - 40) : start] + " " + folded_lower[end : end + 25]
    return _cue_pattern(cues).search(window) is not None


def _find_emails(work: list[str], text: str) -> list[Hit]:
    hits = []
    for match in _EMAIL.finditer("".join(work)):
        value = match.group().rstrip(".")
        local, _, domain = value.partition("@")
        hits.append(
            Hit(EMAIL, match.start(), match.start() + len(value), f"{local}@{domain.lower()}")
        )
    return hits


def _failure_id_value(raw: str) -> str | None:
    value = normalise_failure_id(raw)
    if value is None or not _has_letter_and_digit(value):
        return None
    groups = re.split(r"[ \-]", raw)
    # Six space-separated words of four letters are a sentence, not an ID.
    if len(groups) > 1 and sum(any(c.isdigit() for c in group) for group in groups) < 2:
        return None
    return value


def _find_failure_ids(work: list[str], text: str) -> list[Hit]:
    folded = "".join(work)
    hits = []
    position = 0
    while match := _FAILURE_ID.search(folded, position):
        # Lower-case words before a grouped ID ("zegt code 6TNW 4HKP …") are not its
        # first groups: the ID starts at the first group after which six groups follow.
        while True:
            first = re.split(r"[ \-]", match.group(), maxsplit=1)[0]
            if len(first) == len(match.group()) or not (first.isalpha() and first.islower()):
                break
            shifted = _FAILURE_ID.match(folded, match.start() + len(first) + 1)
            if shifted is None or _failure_id_value(shifted.group()) is None:
                break
            match = shifted
        value = _failure_id_value(match.group())
        if value is not None:
            hits.append(Hit(FAILURE_ID, match.start(), match.end(), value))
        position = match.end()
    return hits


def _find_case_ids(work: list[str], text: str) -> list[Hit]:
    hits = []
    for match in _CASE_ID.finditer("".join(work)):
        value = normalise_case_id(match.group())
        if value is not None:
            hits.append(Hit(CASE_ID, match.start(), match.end(), value))
    return hits


def _serial_candidate_ok(chunks: Sequence[str]) -> bool:
    joined = "".join(chunks)
    if normalise_serial(joined) is None or not any(char.isalpha() for char in joined):
        return False
    if _HEX_CODE.fullmatch(joined):  # a Windows stop/error code, "0xc0000185"
        return False
    if len(chunks) == 1:
        return True
    if sum(char.isdigit() for char in joined) < 2:
        return False
    for chunk in chunks:
        # Letters-only groups are short codes ("CG", "abc") or shouted ("CND"):
        # "ProBook 450" is a model name, not a serial.
        if chunk.isalpha() and len(chunk) > 3 and not chunk.isupper():
            return False
    for previous, chunk in itertools.pairwise(chunks):
        # Two letters-only groups in a row are words ("bel me op 06 5555"),
        # unless both are spelled-out letters ("5 c g 3 2 0 1 a b c").
        if previous.isalpha() and chunk.isalpha() and (len(previous) > 1 or len(chunk) > 1):
            return False
    first = chunks[0]
    if first.isalpha() and len(first) > 1 and not first.isupper():
        return False  # a serial starting with letters is written "CND 123..."
    shouted = any(char.isupper() for chunk in chunks for char in chunk)
    for edge in (chunks[0], chunks[-1]):
        if edge.isalpha() and edge.lower() in lexicon.SERIAL_EDGE_STOPWORDS:
            return False
        # A lower-case word beside an upper-case code is a word: "p/n 4L3J5EA if".
        if edge.isalpha() and edge.islower() and shouted:
            return False
    return True


def _find_serials(work: list[str], text: str) -> list[Hit]:
    folded = "".join(work)
    chunks = list(_CHUNK.finditer(folded))
    hits: list[Hit] = []
    index = 0
    while index < len(chunks):
        found = None
        length = 0
        for last in range(index, min(index + 10, len(chunks))):
            if last > index:
                separator = folded[chunks[last - 1].end() : chunks[last].start()]
                if separator not in (" ", "-"):
                    break
            length += len(chunks[last].group())
            if length > 10:
                break
            group = [chunk.group() for chunk in chunks[index : last + 1]]
            if length == 10 and _serial_candidate_ok(group):
                found = last
                break
        if found is None:
            index += 1
            continue
        start, end = chunks[index].start(), chunks[found].end()
        value = normalise_serial(folded[start:end])
        if value is not None:
            hits.append(Hit(SERIAL_NUMBER, start, end, value))
        index = found + 1
    return hits


def _product_code_ok(base: str, cued: bool) -> bool:
    """Return True when a 5–8 character code without option code is a product number.

    Without a cue word ("product number", "productnummer"...) it must look like
    one: upper case, 2+ digits and 2+ letter/digit alternations ("5HB14A",
    "8A3N7EA"), which rules out "512GB", "GEN11", "RTX3050" and "Win11".
    """
    if not _has_letter_and_digit(base) or _UNIT.fullmatch(base):
        return False
    if cued:
        return True
    transitions = len(_TRANSITION.findall(base))
    digits = sum(char.isdigit() for char in base)
    letters_upper = all(char.isupper() for char in base if char.isalpha())
    return letters_upper and transitions >= 2 and digits >= 2


def _find_product_numbers(work: list[str], text: str) -> list[Hit]:
    folded = "".join(work)
    lower = fold_for_matching(folded)
    hits = []
    for match in _PRODUCT.finditer(folded):
        base, option = match.group(1), match.group(2)
        cued = _cue_near(lower, match.start(), match.end(), lexicon.PRODUCT_CUES)
        if option is None and not _product_code_ok(base, cued):
            continue
        if option is not None and not _has_letter_and_digit(base):
            continue
        value = normalise_product_number(match.group())
        if value is not None:
            hits.append(Hit(PRODUCT_NUMBER, match.start(), match.end(), value))
    return hits


def national_digits(raw: str) -> str | None:
    """Return a national phone number as its digits ("06 5555 0123" → "0655550123").

    Used when no region is known to turn it into E.164; None when the digit count
    (8 to 12) cannot be a national number.
    """
    digits = re.sub(r"[^0-9]", "", fold_width(raw))
    return digits if 8 <= len(digits) <= 12 else None


def normalise_phone_value(raw: str, region: str | None) -> str | None:
    """Return a phone number in E.164, or its national digits when no region is known.

    Args:
        raw: the number as written.
        region: ISO 3166-1 alpha-2 code for numbers without a country code.

    Returns:
        "+31655550123", or "0655550123" for a national number without region;
        None when `raw` is not a possible phone number.
    """
    stripped = fold_width(raw).strip()
    digits = re.sub(r"[^0-9]", "", stripped)
    if len(digits) < 7 or len(digits) > 15:
        return None
    if stripped.startswith(("+", "00")) or region:
        return normalise_phone(stripped, region)
    return national_digits(stripped)


def _find_phones(work: list[str], text: str, region: str | None) -> list[Hit]:
    folded = "".join(work)
    lower = fold_for_matching(folded)
    hits = []
    for match in _PHONE.finditer(folded):
        raw = match.group().rstrip(" ()./-")
        start, end = match.start(), match.start() + len(raw)
        digits = re.sub(r"[^0-9]", "", raw)
        if not 8 <= len(digits) <= 15 or _DATE.fullmatch(raw.strip()):
            continue
        international = raw.startswith(("+", "00"))
        cued = _cue_near(lower, start, end, lexicon.PHONE_CUES)
        trunk = digits.startswith("0") and len(digits) >= 9
        if not (international or cued or trunk):
            continue
        value = normalise_phone_value(raw, region)
        if value is not None:
            hits.append(Hit(PHONE_NUMBER, start, end, value))
    return hits


def _find_pins(work: list[str], text: str) -> list[Hit]:
    folded = "".join(work)
    hits = []
    lower = fold_for_matching(folded)
    for match in _PIN.finditer(folded):
        before, after = folded[: match.start()], folded[match.end() :]
        if _DIGIT_GROUP_BEFORE.search(before) or _DIGIT_GROUP_AFTER.match(after):
            continue  # one group of a longer number ("06 482913 12")
        if _cue_near(lower, match.start(), match.end(), lexicon.NOT_PIN_CUES):
            continue  # an order number, a postcode
        hits.append(Hit(PIN, match.start(), match.end(), match.group()))
    for match in _GROUPED_PIN.finditer(folded):
        if not _cue_near(lower, match.start(), match.start(), lexicon.PIN_CUES):
            continue
        before, after = folded[: match.start()], folded[match.end() :]
        if _DIGIT_GROUP_BEFORE.search(before) or _DIGIT_GROUP_AFTER.match(after):
            continue
        value = normalise_pin(match.group().replace("-", ""))
        if value is not None:
            hits.append(Hit(PIN, match.start(), match.end(), value))
    return hits


def _spoken_validator(folded: str, region: str | None) -> spoken.Validator:
    """Return the validator `spoken.best_reading` uses on a (masked) text."""
    lower = fold_for_matching(folded)
    whole = lower.strip(" .!?,;:")

    def validate(raw: str, start: int, end: int) -> tuple[str, str] | None:
        digits_only = raw.isdigit()
        if len(raw) == 24:
            value = normalise_failure_id(raw)
            if value is not None and _has_letter_and_digit(value):
                return FAILURE_ID, value
        if len(raw) == 10 and digits_only:
            value = normalise_case_id(raw)
            if value is not None:
                return CASE_ID, value
        serial_like = len(raw) == 10 and _has_letter_and_digit(raw)
        if serial_like and sum(char.isdigit() for char in raw) >= 2 and normalise_serial(raw):
            return SERIAL_NUMBER, raw
        phone_like = raw.startswith("+") or (
            digits_only
            and (
                _cue_near(lower, start, end, lexicon.PHONE_CUES)
                or (raw.startswith("0") and len(raw) >= 9)
            )
        )
        if phone_like:
            value = normalise_phone_value(raw, region)
            if value is not None:
                return PHONE_NUMBER, value
        if len(raw) == 6 and digits_only:
            alone = whole == lower[start:end]
            if alone or _cue_near(lower, start, end, lexicon.PIN_CUES):
                return PIN, raw
        return None

    return validate


def _find_spoken(work: list[str], text: str, region: str | None) -> list[Hit]:
    """Find identifiers read out as words ("five c g three ..."), see `bot.spoken`."""
    folded = "".join(work)
    validate = _spoken_validator(folded, region)
    hits: list[Hit] = []
    pending = spoken.find_runs(folded)
    while pending:
        run = pending.pop()
        reading = spoken.best_reading(run, validate)
        if reading is None:
            continue
        hits.append(Hit(reading.entity, reading.start, reading.end, reading.value))
        # A run may hold two identifiers ("case ... pin ..." read in one breath).
        for part in (
            [word for word in run if word.end <= reading.start],
            [word for word in run if word.start >= reading.end],
        ):
            if part:
                pending.append(part)
    return hits


def find_structured(text: str, region: str | None = None) -> list[Hit]:
    """Return the structured entities of a text, most specific type first.

    Args:
        text: the message as the user sent it.
        region: ISO country code for national phone numbers (see the module
            docstring), e.g. a country named in the same message.

    Returns:
        Non-overlapping hits, sorted by position, values normalised.
    """
    work = list(fold_width(text))
    hits: list[Hit] = []
    detectors = (
        _find_emails,
        _find_failure_ids,
        _find_case_ids,
        functools.partial(_find_phones, region=region),
        _find_serials,
        _find_product_numbers,
        _find_pins,
        functools.partial(_find_spoken, region=region),
    )
    for detector in detectors:
        found = detector(work, text)
        for hit in found:
            _mask(work, hit.start, hit.end)
        hits.extend(found)
    return sorted(hits, key=lambda hit: hit.start)


# --- lexical entities ---------------------------------------------------------------

_LATIN_WORD = re.compile(r"[0-9a-zß-öø-ÿ\u0100-\u024f]+")
_HAN_RUN = re.compile(f"[{CJK_IDEOGRAPH_CLASS}]+")
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe"})
_MAX_NAME_TOKENS = 5
# Language names only count as such when spelled out ("de", "NL" are codes).
_MIN_LANGUAGE_NAME = 4


@dataclass(frozen=True)
class _Lexicon:
    """Component synonyms compiled for matching."""

    #: first folded word → [(words, component or None for a blocker)], longest first.
    latin: dict[str, list[tuple[tuple[str, ...], str | None]]]
    #: Chinese phrase → component or None.
    han: dict[str, str | None]
    #: longest Chinese phrase, in characters.
    han_max: int


def _latin_words(phrase: str) -> tuple[str, ...]:
    return tuple(_LATIN_WORD.findall(fold_for_matching(phrase)))


@functools.cache
def _component_lexicon() -> _Lexicon:
    latin: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
    han: dict[str, str | None] = {}

    def add(phrase: str, component: str | None) -> None:
        if _HAN_RUN.fullmatch(phrase):
            han.setdefault(phrase, component)
            return
        spellings = {phrase.lower(), phrase.lower().translate(_TRANSLITERATION)}
        for spelling in spellings:
            words = _latin_words(spelling)
            if words and (words, component) not in latin.get(words[0], []):
                latin.setdefault(words[0], []).append((words, component))

    for phrase in lexicon.COMPONENT_BLOCKERS:
        add(phrase, None)
    for table in lexicon.COMPONENT_SYNONYMS.values():
        for component, phrases in table.items():
            add(component.replace("_", " "), component)
            for phrase in phrases:
                add(phrase, component)
    for candidates in latin.values():
        candidates.sort(key=lambda item: -len(item[0]))
    return _Lexicon(latin, han, max(len(phrase) for phrase in han))


def _component_candidates(text: str) -> list[tuple[int, int, str | None]]:
    """Return every (start, end, component-or-blocker) match in a text."""
    table = _component_lexicon()
    folded = fold_for_matching(text)
    found: list[tuple[int, int, str | None]] = []
    words = list(_LATIN_WORD.finditer(folded))
    for index, word in enumerate(words):
        for phrase, component in table.latin.get(word.group(), ()):
            last = index + len(phrase) - 1
            if last >= len(words):
                continue
            if all(words[index + k].group() == phrase[k] for k in range(len(phrase))) and all(
                re.fullmatch(r"[\s\-'/]{1,3}", folded[words[k].end() : words[k + 1].start()])
                for k in range(index, last)
            ):
                found.append((word.start(), words[last].end(), component))
    for run in _HAN_RUN.finditer(folded):
        segment = run.group()
        for offset in range(len(segment)):
            for size in range(min(table.han_max, len(segment) - offset), 0, -1):
                piece = segment[offset : offset + size]
                if piece in table.han:
                    start = run.start() + offset
                    found.append((start, start + size, table.han[piece]))
    return found


def component_value(raw: str) -> str | None:
    """Return the normalised component a phrase names ("harde schijf" → "storage").

    The whole phrase is looked up first; else the longest synonym inside it
    ("het scherm van mijn laptop" → "display"). Canonical values map to themselves.
    """
    stripped = raw.strip()
    folded = fold_for_matching(stripped)
    if folded.replace(" ", "_") in COMPONENTS:
        return folded.replace(" ", "_")
    candidates = _component_candidates(stripped)
    if not candidates:
        return None
    _start, _end, component = max(candidates, key=lambda item: (item[1] - item[0], -item[0]))
    return component


# Bounded: the phrases are n-grams of user text, and the server runs for weeks.
@functools.lru_cache(maxsize=65_536)
def _country_of(phrase: str) -> str | None:
    return normalise_country(phrase)


@functools.cache
def _language_adjectives() -> dict[str, str]:
    return {
        fold_for_matching(word): code
        for code, words in lexicon.LANGUAGE_ADJECTIVES.items()
        for word in words
    }


@functools.lru_cache(maxsize=65_536)
def _language_of(phrase: str) -> str | None:
    return normalise_language(phrase) or _language_adjectives().get(fold_for_matching(phrase))


def _is_word(token: str) -> bool:
    return any(char.isalpha() for char in token) and not any(char.isdigit() for char in token)


def _name_candidates(
    text: str, tokens: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str, str]]:
    """Return (start, end, type, value) for every country/language name n-gram."""
    folded = fold_for_matching(text)
    found: list[tuple[int, int, str, str]] = []
    whole = folded.strip(" .!?,;:")
    for index, (start, _) in enumerate(tokens):
        first = folded[start : tokens[index][1]]
        if not _is_word(first) or first in lexicon.NAME_FILLERS:
            continue
        for size in range(1, min(_MAX_NAME_TOKENS, len(tokens) - index) + 1):
            end = tokens[index + size - 1][1]
            last = folded[tokens[index + size - 1][0] : end]
            if not _is_word(last) or (size > 1 and last in lexicon.NAME_FILLERS):
                continue
            original = text[start:end]
            phrase = fold_width(original)
            if size == 1 and len(phrase) <= 3 and phrase.isascii():
                # Codes: upper case, and alone or after a preposition ("in NL").
                previous = folded[tokens[index - 1][0] : tokens[index - 1][1]] if index else ""
                code_context = whole == folded[start:end] or previous in (
                    lexicon.COUNTRY_CODE_CONTEXT
                )
                if (
                    len(phrase) == 2
                    and (phrase.isupper() or phrase.lower() == "uk")
                    and code_context
                    and phrase not in lexicon.COUNTRY_CODE_DENY
                ):
                    country = _country_of(phrase)
                    if country is not None:
                        found.append((start, end, COUNTRY, country))
                elif len(phrase) == 3 and (phrase.isupper() or code_context):
                    country = _country_of(phrase)  # "USA", "PRC", "BRD" (aliases)
                    if country is not None:
                        found.append((start, end, COUNTRY, country))
                continue
            if size == 1 and phrase in lexicon.COUNTRY_LOWERCASE_AMBIGUOUS:
                continue  # "turkey", "jordan": words first, countries when capitalised
            country = _country_of(phrase)
            if country is not None:
                found.append((start, end, COUNTRY, country))
            if len(phrase) >= _MIN_LANGUAGE_NAME or not phrase.isascii():
                language = _language_of(phrase)
                if language is not None:
                    found.append((start, end, LANGUAGE, language))
    return found


def _select_longest(candidates: Iterable[tuple[int, int, str | None, str]]) -> list[Hit]:
    """Keep the longest non-overlapping candidates; blockers (type None) are dropped."""
    priority = {LANGUAGE: 0, COUNTRY: 1, COMPONENT: 2, None: 3}
    ordered = sorted(
        candidates, key=lambda item: (-(item[1] - item[0]), priority.get(item[2], 4), item[0])
    )
    chosen: list[tuple[int, int, str | None, str]] = []
    for candidate in ordered:
        if any(candidate[0] < other[1] and other[0] < candidate[1] for other in chosen):
            continue
        chosen.append(candidate)
    return sorted(
        (Hit(kind, start, end, value) for start, end, kind, value in chosen if kind is not None),
        key=lambda hit: hit.start,
    )


def find_lexical(text: str, tokens: Sequence[tuple[int, int]] | None = None) -> list[Hit]:
    """Return the country, language and component names in a text.

    Args:
        text: the message as the user sent it.
        tokens: (start, end) of the message's tokens, from `CarelineTokenizer`;
            whitespace-separated words when None.

    Returns:
        Non-overlapping hits (the longest wins), sorted by position.
    """
    if tokens is None:
        tokens = [match.span() for match in re.finditer(r"\S+", text)]
    candidates: list[tuple[int, int, str | None, str]] = [
        (start, end, kind, value) for start, end, kind, value in _name_candidates(text, tokens)
    ]
    candidates.extend(
        (start, end, COMPONENT if component else None, component or "")
        for start, end, component in _component_candidates(text)
    )
    return _select_longest(candidates)


# --- values found by other extractors ---------------------------------------------


def _is_trimmed(char: str) -> bool:
    """Return True for whitespace, punctuation and symbols (Unicode P*, Z*, S*)."""
    return char.isspace() or unicodedata.category(char)[0] in "PZS"


# Company suffixes written with a final dot ("Acme Inc.", "Jansen B.V.").
_ABBREVIATION = re.compile(r"(?:\w\.)+\w\.|(?i:inc|ltd|co|corp|bros|cie|mij)\.")


def trim_span(text: str, start: int, end: int, keep_abbreviation: bool = False) -> tuple[int, int]:
    """Return [start, end) shrunk past leading/trailing punctuation and whitespace.

    Args:
        text: the message text.
        start: start of the span.
        end: end of the span.
        keep_abbreviation: keep the final dot of an abbreviation ("B.V.", "Inc.").
    """
    while start < end and _is_trimmed(text[start]):
        start += 1
    while end > start and _is_trimmed(text[end - 1]):
        end -= 1
    if keep_abbreviation and end < len(text) and text[end] == ".":
        last_word = text[start : end + 1].split()[-1] if end > start else ""
        if _ABBREVIATION.fullmatch(last_word):
            end += 1
    return start, end


_IDENTIFIER_NORMALISERS: dict[str, Callable[[str], str | None]] = {
    SERIAL_NUMBER: normalise_serial,
    PRODUCT_NUMBER: normalise_product_number,
    CASE_ID: normalise_case_id,
    FAILURE_ID: normalise_failure_id,
    PIN: normalise_pin,
}


def normalise_value(entity: str, raw: str, region: str | None = None) -> str | None:
    """Return the contract form of a value of an entity type, or None if invalid.

    Args:
        entity: the entity type (contracts §3).
        raw: the value as extracted, e.g. DIET's span text "5cg 3201 abc".
        region: ISO country code used for national phone numbers.

    Returns:
        The normalised value ("5CG3201ABC"); the trimmed text for person_name and
        company; `raw` unchanged for types this module does not know; None when
        `raw` is not a valid value of a known type.
    """
    identifier = _IDENTIFIER_NORMALISERS.get(entity)
    if identifier is not None:
        value = identifier(raw)
        if value is None:
            reading = spoken.spoken_compact(raw)  # "five c g three two ..."
            value = identifier(reading) if reading else None
        return value
    if entity == EMAIL:
        candidate = fold_width(raw).strip().strip("<>()[]\"'.,;:")
        if not _EMAIL_FULL.fullmatch(candidate):
            return None
        local, _, domain = candidate.partition("@")
        return f"{local}@{domain.lower()}"
    if entity == PHONE_NUMBER:
        value = normalise_phone_value(raw, region)
        if value is None:
            reading = spoken.spoken_compact(raw)  # "plus three one six ..."
            value = normalise_phone_value(reading, region) if reading else None
        return value
    if entity == COUNTRY:
        stripped = fold_width(raw).strip()
        if len(stripped) == 2 and not stripped.isupper() and stripped.lower() != "uk":
            return None  # "de", "in": words, not codes ("uk" is a name, not a code)
        return normalise_country(stripped)
    if entity == LANGUAGE:
        return _language_of(fold_width(raw).strip())
    if entity == COMPONENT:
        return component_value(raw)
    if entity in FREE_TEXT_TYPES:
        start, end = trim_span(raw, 0, len(raw), keep_abbreviation=entity == COMPANY)
        return " ".join(raw[start:end].split()) or None
    return raw
