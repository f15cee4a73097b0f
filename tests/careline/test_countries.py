import pytest
from babel import Locale
from babel.core import get_global

from careline.countries import (
    _PRIMARY_ZONES,
    country_codes,
    country_name,
    country_timezone,
    normalise_country,
)
from careline.languages import SUPPORTED_LANGUAGES


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NL", "NL"),
        ("nl", "NL"),
        ("Gb", "GB"),
        ("ＤＫ", "DK"),
        ("cn", "CN"),
    ],
)
def test_codes_in_any_case(raw: str, expected: str) -> None:
    assert normalise_country(raw) == expected


@pytest.mark.parametrize("raw", ["EU", "UN", "ZZ", "QO", "EZ", "XA", "AC", "IC", "001", "NLD"])
def test_non_countries_and_other_codes_are_rejected(raw: str) -> None:
    assert normalise_country(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # the Netherlands in the six languages
        ("Netherlands", "NL"),
        ("Nederland", "NL"),
        ("Nederlandene", "NL"),
        ("Pays-Bas", "NL"),
        ("Niederlande", "NL"),
        ("荷兰", "NL"),
        ("荷蘭", "NL"),
        # Denmark
        ("Denmark", "DK"),
        ("Denemarken", "DK"),
        ("Danmark", "DK"),
        ("Danemark", "DK"),
        ("Dänemark", "DK"),
        ("丹麦", "DK"),
        # Germany, France, UK, China
        ("Germany", "DE"),
        ("Duitsland", "DE"),
        ("Tyskland", "DE"),
        ("Allemagne", "DE"),
        ("Deutschland", "DE"),
        ("德国", "DE"),
        ("France", "FR"),
        ("Frankrijk", "FR"),
        ("Frankreich", "FR"),
        ("法国", "FR"),
        ("United Kingdom", "GB"),
        ("Verenigd Koninkrijk", "GB"),
        ("Storbritannien", "GB"),
        ("Royaume-Uni", "GB"),
        ("Vereinigtes Königreich", "GB"),
        ("英国", "GB"),
        ("China", "CN"),
        ("Chine", "CN"),
        ("Kina", "CN"),
        ("中国", "CN"),
        ("Belgique", "BE"),
        ("België", "BE"),
        ("Schweiz", "CH"),
    ],
)
def test_cldr_names_in_every_supported_language(raw: str, expected: str) -> None:
    assert normalise_country(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the Netherlands", "NL"),
        ("THE NETHERLANDS", "NL"),
        ("les Pays-Bas", "NL"),
        ("aux Pays-Bas", "NL"),
        ("pays bas", "NL"),
        ("  Pays   Bas ", "NL"),
        ("PaysBas", "NL"),
        ("la France", "FR"),
        ("en France", "FR"),
        ("l'Allemagne", "DE"),
        ("in Deutschland", "DE"),
        ("den Niederlanden", "NL"),
        ("aus den Niederlanden", "NL"),
        ("in Nederland", "NL"),
        ("i Danmark", "DK"),
        ("Daenemark", "DK"),
        ("Oesterreich", "AT"),
        ("Østrig", "AT"),
        ("Ostrig", "AT"),
        ("États-Unis", "US"),
        ("etats unis", "US"),
        ("Côte d’Ivoire", "CI"),
        ("在中国", "CN"),
        ("La Réunion", "RE"),  # the article is part of the name
        ("Den Dominikanske Republik", "DO"),
        ("Dominikanske Republik", "DO"),
    ],
)
def test_case_accents_whitespace_and_articles_do_not_matter(raw: str, expected: str) -> None:
    assert normalise_country(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Holland", "NL"),
        ("Hollande", "NL"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("Great Britain", "GB"),
        ("Britain", "GB"),
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("Engeland", "GB"),
        ("Angleterre", "GB"),
        ("Großbritannien", "GB"),
        ("Grossbritannien", "GB"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("America", "US"),
        ("Amerika", "US"),
        ("美国", "US"),
        ("中国大陆", "CN"),
        ("PRC", "CN"),
        ("Hong Kong", "HK"),
        ("香港", "HK"),
    ],
)
def test_aliases_cldr_lacks(raw: str, expected: str) -> None:
    assert normalise_country(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "Atlantis", "the", "Europe", "Nether", "中"])
def test_unknown_countries(raw: str) -> None:
    assert normalise_country(raw) is None


def test_every_cldr_country_name_is_recognised_without_ambiguity() -> None:
    for display in (*SUPPORTED_LANGUAGES, "zh_Hant"):
        territories = Locale.parse(display).territories
        for code in country_codes():
            assert normalise_country(territories[code]) == code, (display, territories[code])


def test_country_codes_are_countries_only() -> None:
    codes = country_codes()
    assert {"NL", "DK", "FR", "DE", "GB", "CN", "US", "XK"} <= codes
    assert not codes & {"EU", "UN", "ZZ", "QO", "001"}
    assert all(len(code) == 2 and code.isalpha() and code.isupper() for code in codes)


@pytest.mark.parametrize(
    ("code", "language", "expected"),
    [
        ("NL", "en", "Netherlands"),
        ("NL", "nl", "Nederland"),
        ("NL", "da", "Nederlandene"),
        ("nl", "fr", "Pays-Bas"),
        ("NL", "de", "Niederlande"),
        ("NL", "zh", "荷兰"),
        ("DK", "Dutch", "Denemarken"),  # a language name works too
        ("DK", "xx", "Denmark"),  # unsupported language: English
    ],
)
def test_country_name(code: str, language: str, expected: str) -> None:
    assert country_name(code, language) == expected


def test_country_name_rejects_unknown_codes() -> None:
    with pytest.raises(ValueError, match="country code"):
        country_name("EU", "en")


def test_country_timezone() -> None:
    assert country_timezone("nl") == "Europe/Amsterdam"
    assert country_timezone("ES") == "Europe/Madrid"
    assert country_timezone("AU") == "Australia/Sydney"
    assert country_timezone("XX") == "UTC"
    assert country_timezone("") == "UTC"


def test_primary_zone_overrides_are_zones_of_their_country() -> None:
    zones = get_global("territory_zones")
    for code, zone in _PRIMARY_ZONES.items():
        assert zone in zones[code], code
