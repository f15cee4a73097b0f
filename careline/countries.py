"""Countries: recognising them in six languages, naming them, and their time zone.

`normalise_country` turns what a user writes into an ISO 3166-1 alpha-2 code:

- a code in any case ("nl", "Gb");
- a name in English, Dutch, Danish, French, German or Chinese (Simplified and
  Traditional), generated from Babel's CLDR territory names ("Nederland",
  "Pays-Bas", "Nederlandene", "Niederlande", "荷兰", "荷蘭");
- after a leading article or preposition ("the Netherlands", "les Pays-Bas",
  "la France", "in Deutschland", "aus den Niederlanden", "i Danmark");
- everyday names CLDR lacks: "Holland", "UK", "Great Britain", "England",
  "Scotland", "Wales", "USA", "America", "PRC", "中国大陆", "香港"...

Matching ignores case, accents, punctuation and whitespace (see `careline._text`).
Only real two-letter regions count: CLDR's macro-regions ("EU", "UN", "ZZ"...) and
its exceptionally reserved codes ("AC", "IC", "EA"...) are left out; Kosovo ("XK")
stays because customers live there.

`country_name` gives the CLDR name of a code in a supported language, and
`country_timezone` the time zone that support hours (rule R14) are computed in.

Tables are built on first use and cached: importing this module costs nothing.
"""

import functools
import re
import unicodedata

from babel import Locale
from babel.core import get_global

from careline import _text
from careline.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalise_language

# CLDR region codes that are not countries: macro-regions, the unknown region,
# pseudo-locales and ISO's exceptionally reserved codes.
_NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
)

# Names CLDR lacks, in the six languages (CLDR names are added automatically).
_ALIASES: dict[str, tuple[str, ...]] = {
    "NL": ("Holland", "Hollande", "Niederlanden", "Nederlandene", "荷蘭", "尼德兰"),
    "GB": (
        "UK",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "United Kingdom of Great Britain and Northern Ireland",
        "Groot-Brittannië",
        "Engeland",
        "Schotland",
        "Noord-Ierland",
        "Skotland",
        "Nordirland",
        "Grande-Bretagne",
        "Angleterre",
        "Écosse",
        "Pays de Galles",
        "Irlande du Nord",
        "Großbritannien",
        "Schottland",
        "大不列颠",
        "英格兰",
        "苏格兰",
        "威尔士",
        "北爱尔兰",
    ),
    "US": (
        "USA",
        "America",
        "United States of America",
        "Amerika",
        "Verenigde Staten van Amerika",
        "Amerikas Forenede Stater",
        "Amérique",
        "États-Unis d'Amérique",
        "Vereinigte Staaten von Amerika",
        "美利坚合众国",
    ),
    "CN": (
        "PRC",
        "People's Republic of China",
        "Mainland China",
        "Volksrepubliek China",
        "Folkerepublikken Kina",
        "République populaire de Chine",
        "Chine continentale",
        "Volksrepublik China",
        "中国大陆",
        "中國大陸",
        "中国内地",
        "中华人民共和国",
        "中華人民共和國",
        "大陆",
        "内地",
    ),
    "DE": ("BRD", "Bundesrepublik Deutschland", "Federal Republic of Germany"),
    "DK": ("Kongeriget Danmark",),
    "HK": ("Hong Kong", "Hongkong", "香港"),
    "MO": ("Macau", "Macao", "澳门", "澳門"),
    "CZ": ("Czech Republic", "Tsjechische Republiek", "Tjekkiet", "République tchèque"),
    "CI": ("Ivory Coast", "Ivoorkust", "Elfenbenskysten", "Elfenbeinküste"),
    "TR": ("Turkey", "Turkije", "Tyrkiet", "Turquie", "Türkei"),
}

# Articles and prepositions that may precede a name ("the Netherlands", "les
# Pays-Bas", "aus den Niederlanden", "i Danmark"); they are only stripped when the
# full text is not a name itself ("La Réunion", "Den Dominikanske Republik").
# fmt: off
_LEADING_WORDS = frozenset(
    {
        "the", "in", "from", "to",  # English
        "de", "het", "uit", "naar", "te",  # Dutch
        "den", "det", "i", "fra", "til",  # Danish
        "le", "la", "les", "l", "au", "aux", "en", "du", "des", "d",  # French
        "die", "der", "dem", "das", "im", "aus", "nach",  # German
    }
)
# fmt: on
# Chinese words that may precede a name ("在中国", "来自德国").
_LEADING_HAN = ("在", "来自", "來自")

_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_PARENTHESIS = re.compile(r"\s*[(（][^)）]*[)）]")

# Multi-zone territories whose first zone in Babel's (alphabetical by BCP 47 id) list
# is not where most people live: the zone to use for support hours instead.
_PRIMARY_ZONES = {
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CY": "Asia/Nicosia",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei",
    "GL": "America/Nuuk",
    "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty",
    "MH": "Pacific/Majuro",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "PF": "Pacific/Tahiti",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "US": "America/New_York",
    "UZ": "Asia/Tashkent",
}

_DISPLAY_LOCALES = (*SUPPORTED_LANGUAGES, "zh_Hant")


@functools.cache
def country_codes() -> frozenset[str]:
    """Return every ISO 3166-1 alpha-2 code Careline recognises (CLDR's countries)."""
    territories = Locale.parse(DEFAULT_LANGUAGE).territories
    return frozenset(
        code
        for code in territories
        if isinstance(code, str)
        and _TWO_LETTERS.fullmatch(code)
        and code.isupper()
        and code not in _NOT_COUNTRIES
    )


def _add(table: dict[str, str], name: str, code: str) -> None:
    """Add `name`, its transliteration and its article-less form to `table`."""
    variants = {name, _PARENTHESIS.sub("", name)}
    for variant in variants:
        for spelling in _text.spellings(variant):
            folded = _text.words(spelling)
            table.setdefault("".join(folded), code)
            if len(folded) > 1 and folded[0] in _LEADING_WORDS:
                table.setdefault("".join(folded[1:]), code)


@functools.cache
def _names() -> dict[str, str]:
    """Map the comparison key of every known country name to its code."""
    codes = country_codes()
    table: dict[str, str] = {}
    for display in _DISPLAY_LOCALES:
        for code, name in Locale.parse(display).territories.items():
            if code in codes:
                _add(table, name, code)
    for code, aliases in _ALIASES.items():
        for alias in aliases:
            _add(table, alias, code)
    return table


def normalise_country(raw: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code for a country code or name.

    Args:
        raw: a code in any case ("nl") or a name in a supported language, possibly
            with an article ("les Pays-Bas", "丹麦", "Holland").

    Returns:
        The upper-case code, or None when `raw` names no country.

    Examples:
        >>> normalise_country("Nederland"), normalise_country("丹麦")
        ('NL', 'DK')
        >>> normalise_country("Atlantis") is None
        True
    """
    stripped = unicodedata.normalize("NFKC", raw).strip()
    if _TWO_LETTERS.fullmatch(stripped):
        code = stripped.upper()
        if code in country_codes():
            return code
    names = _names()
    folded = _text.words(stripped)
    while folded:
        code_or_none = names.get("".join(folded))
        if code_or_none is not None:
            return code_or_none
        if len(folded) > 1 and folded[0] in _LEADING_WORDS:
            folded = folded[1:]
        elif len(folded) == 1 and folded[0].startswith(_LEADING_HAN):
            prefix = next(p for p in _LEADING_HAN if folded[0].startswith(p))
            folded = [folded[0][len(prefix) :]] if len(folded[0]) > len(prefix) else []
        else:
            return None
    return None


def country_name(code: str, language: str) -> str:
    """Return the CLDR name of a country in a language.

    Args:
        code: an ISO 3166-1 alpha-2 code, any case.
        language: a supported language code or name; anything else means English.

    Returns:
        The country's name, e.g. "Pays-Bas" for ("NL", "fr"), "荷兰" for ("NL", "zh").

    Raises:
        ValueError: if `code` is not a country code.
    """
    normalised = code.strip().upper()
    if normalised not in country_codes():
        raise ValueError(f"not an ISO 3166-1 alpha-2 country code: {code!r}")
    locale = Locale.parse(normalise_language(language) or DEFAULT_LANGUAGE)
    name: str = locale.territories[normalised]
    return name


def country_timezone(code: str) -> str:
    """Return the IANA time zone support hours are computed in for a country.

    Single-zone countries use CLDR's zone (Babel's `territory_zones`); for the
    multi-zone ones the most populous zone is chosen (`_PRIMARY_ZONES`), else the
    first CLDR lists.

    Args:
        code: an ISO 3166-1 alpha-2 code, any case.

    Returns:
        The zone name, e.g. "Europe/Amsterdam"; "UTC" for unknown codes.
    """
    normalised = code.strip().upper()
    if normalised not in country_codes():
        return "UTC"
    if normalised in _PRIMARY_ZONES:
        return _PRIMARY_ZONES[normalised]
    candidates = get_global("territory_zones").get(normalised) or ["UTC"]
    zone: str = candidates[0]
    return zone
