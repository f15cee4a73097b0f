"""The languages Careline speaks, and how users name them.

`SUPPORTED_LANGUAGES` is the single list every part of the product reads (NLU data
folders, message catalogs, API validation, the language slot). `normalise_language`
turns what a user or a client sends into one of those codes:

- language tags in any case and with any region or script ("NL", "nl-BE",
  "zh-CN", "zh_Hans", "fr-CA"), and the ISO 639-2 codes ("nld", "ger", "zho");
- language names in any of the six languages, generated from Babel's CLDR data
  ("Dutch", "Nederlands", "néerlandais", "Niederländisch", "nederlandsk", "荷兰语",
  "荷蘭文"), including CLDR's regional variants ("Flemish", "British English",
  "简体中文"), plus everyday names CLDR lacks ("Hollands", "hollandsk", "Mandarin",
  "汉语", "普通话", "英文");
- with a leading preposition or a trailing "language" ("in het Nederlands",
  "auf Deutsch", "en français", "på dansk", "the German language", "用中文").

Matching ignores case, accents, punctuation and whitespace (see `careline._text`).
Traditional Chinese tags and names ("zh-TW", "繁體中文") map to `zh`: Careline
answers in Simplified Chinese, which those users read. Anything else returns None;
the caller decides whether to fall back to `DEFAULT_LANGUAGE`.

The name table is built on first use and cached: importing this module costs
nothing.
"""

import functools
import re
import unicodedata

from babel import Locale

from careline import _text

# ISO 639-1 codes of the languages Careline converses in, in the order menus list
# them. `en` is the default; `zh` is Simplified Chinese. This is the only definition:
# NLU data (data/nlu/<lang>/), catalogs (locales/<lang>/) and API validation use it.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "nl", "da", "fr", "de", "zh")

#: The language used when none was given or recognised.
DEFAULT_LANGUAGE = "en"

_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")

# ISO 639-2 (bibliographic and terminology) and ISO 639-3 codes of the six.
_THREE_LETTER_CODES = {
    "eng": "en",
    "nld": "nl",
    "dut": "nl",
    "dan": "da",
    "fra": "fr",
    "fre": "fr",
    "deu": "de",
    "ger": "de",
    "zho": "zh",
    "chi": "zh",
    "cmn": "zh",
}

# Names people use that CLDR does not list (CLDR names are added automatically).
_ALIASES: dict[str, tuple[str, ...]] = {
    "en": ("British", "American", "英語", "英文"),
    "nl": ("Hollands", "hollandsk", "hollandais", "holländisch", "荷兰文", "荷蘭語"),
    "da": ("丹麦文", "丹麥語"),
    "fr": ("法文", "法語"),
    "de": ("hochdeutsch", "德文", "德語"),
    "zh": (
        "Mandarin",
        "mandarijn",
        "putonghua",
        "汉语",
        "漢語",
        "华语",
        "華語",
        "普通话",
        "普通話",
        "国语",
        "國語",
        "中国话",
        "中國話",
        "中文简体",
        "简体",
        "簡體",
    ),
}

# Words that may precede a language name ("in English", "auf Deutsch", "på dansk").
_LEADING_WORDS = frozenset(
    {"in", "het", "de", "op", "auf", "im", "en", "le", "la", "l", "pa", "i", "the", "on"}
)
# Words that may follow it ("the Dutch language", "die deutsche Sprache").
_TRAILING_WORDS = frozenset({"language", "taal", "sprog", "sprache", "langue", "please"})
# Chinese verbs that precede a language name ("用中文", "说英语", "講德語").
_LEADING_HAN = ("用", "说", "說", "讲", "講")


@functools.cache
def _names() -> dict[str, str]:
    """Map the comparison key of every known language name to its supported code."""
    table: dict[str, str] = {}
    display_locales = (*SUPPORTED_LANGUAGES, "zh_Hant")
    for display in display_locales:
        for tag, name in Locale.parse(display).languages.items():
            code = tag.split("_")[0]
            if code in SUPPORTED_LANGUAGES:
                for spelling in _text.spellings(name):
                    table.setdefault(_text.key(spelling), code)
    for code, aliases in _ALIASES.items():
        for alias in aliases:
            for spelling in _text.spellings(alias):
                table.setdefault(_text.key(spelling), code)
    return table


def _from_tag(raw: str) -> str | None:
    """Return the supported code of a language tag such as "nl-BE", else None."""
    match = _TAG.fullmatch(raw)
    if match is None:
        return None
    primary = match.group(1).lower()
    code = _THREE_LETTER_CODES.get(primary, primary)
    return code if code in SUPPORTED_LANGUAGES else None


def _from_name(raw: str) -> str | None:
    """Return the supported code of a language name, trying without filler words."""
    names = _names()
    folded = _text.words(raw)
    while folded:
        code = names.get("".join(folded))
        if code is not None:
            return code
        if folded[-1] in _TRAILING_WORDS:
            folded = folded[:-1]
        elif len(folded) > 1 and folded[0] in _LEADING_WORDS:
            folded = folded[1:]
        elif len(folded) == 1 and folded[0].startswith(_LEADING_HAN) and len(folded[0]) > 1:
            folded = [folded[0][1:]]
        else:
            return None
    return None


def normalise_language(raw: str) -> str | None:
    """Return the supported ISO 639-1 code for a language tag or name.

    Args:
        raw: a tag ("NL", "nl-BE", "zh-Hans") or a name in any supported language
            ("Dutch", "Nederlands", "néerlandais", "Niederländisch", "荷兰语").

    Returns:
        One of `SUPPORTED_LANGUAGES`, or None when `raw` names no supported language.

    Examples:
        >>> normalise_language("zh-CN"), normalise_language("Niederländisch")
        ('zh', 'nl')
        >>> normalise_language("Italiano") is None
        True
    """
    stripped = unicodedata.normalize("NFKC", raw).strip()
    if not stripped:
        return None
    return _from_tag(stripped) or _from_name(stripped)
