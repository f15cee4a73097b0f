import pytest
from babel import Locale

from careline import _text
from careline.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalise_language


def test_supported_languages() -> None:
    assert SUPPORTED_LANGUAGES == ("en", "nl", "da", "fr", "de", "zh")
    assert DEFAULT_LANGUAGE in SUPPORTED_LANGUAGES


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NL", "nl"),
        ("nl", "nl"),
        ("nl-BE", "nl"),
        ("nl_NL", "nl"),
        ("en-GB", "en"),
        ("fr-CA", "fr"),
        ("de-AT", "de"),
        ("zh-CN", "zh"),
        ("zh-Hans", "zh"),
        ("zh_Hans_CN", "zh"),
        ("zh-TW", "zh"),  # answered in Simplified Chinese
        ("DA", "da"),
        ("ger", "de"),
        ("nld", "nl"),
        ("zho", "zh"),
        ("ＮＬ", "nl"),
    ],
)
def test_language_tags(raw: str, expected: str) -> None:
    assert normalise_language(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Dutch, named in each supported language
        ("Dutch", "nl"),
        ("Nederlands", "nl"),
        ("néerlandais", "nl"),
        ("Niederländisch", "nl"),
        ("nederlandsk", "nl"),
        ("荷兰语", "nl"),
        ("荷蘭文", "nl"),
        # and the everyday names
        ("Hollands", "nl"),
        ("hollandsk", "nl"),
        ("Vlaams", "nl"),
        ("Flemish", "nl"),
        # the others
        ("English", "en"),
        ("Engels", "en"),
        ("engelsk", "en"),
        ("anglais", "en"),
        ("Englisch", "en"),
        ("英语", "en"),
        ("英文", "en"),
        ("Danish", "da"),
        ("Deens", "da"),
        ("dansk", "da"),
        ("danois", "da"),
        ("Dänisch", "da"),
        ("丹麦语", "da"),
        ("French", "fr"),
        ("Frans", "fr"),
        ("fransk", "fr"),
        ("français", "fr"),
        ("Französisch", "fr"),
        ("法语", "fr"),
        ("German", "de"),
        ("Duits", "de"),
        ("tysk", "de"),
        ("allemand", "de"),
        ("deutsch", "de"),
        ("德语", "de"),
        ("Chinese", "zh"),
        ("Chinees", "zh"),
        ("kinesisk", "zh"),
        ("chinois", "zh"),
        ("Chinesisch", "zh"),
        ("Mandarin", "zh"),
        ("中文", "zh"),
        ("汉语", "zh"),
        ("普通话", "zh"),
        ("简体中文", "zh"),
        ("Simplified Chinese", "zh"),
    ],
)
def test_language_names_in_every_supported_language(raw: str, expected: str) -> None:
    assert normalise_language(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("DUTCH", "nl"),
        ("neerlandais", "nl"),  # without accents
        ("NÉERLANDAIS", "nl"),
        ("Niederlaendisch", "nl"),  # ä typed as ae
        ("francais", "fr"),
        ("  deutsch  ", "de"),
        ("ｄｅｕｔｓｃｈ", "de"),  # full-width
        ("in het Nederlands", "nl"),
        ("auf Deutsch", "de"),
        ("en français", "fr"),
        ("på dansk", "da"),
        ("in English", "en"),
        ("the German language", "de"),
        ("用中文", "zh"),
        ("说英语", "en"),
    ],
)
def test_case_accents_and_filler_words_do_not_matter(raw: str, expected: str) -> None:
    assert normalise_language(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "   ", "Italian", "italiano", "es", "es-ES", "xx", "Klingon", "in", "the", "日本語"]
)
def test_unsupported_or_unknown_languages(raw: str) -> None:
    assert normalise_language(raw) is None


def test_every_cldr_name_of_a_supported_language_is_recognised() -> None:
    for display in SUPPORTED_LANGUAGES:
        names = Locale.parse(display).languages
        for code in SUPPORTED_LANGUAGES:
            assert normalise_language(names[code]) == code, (display, names[code])


def test_text_folding() -> None:
    assert _text.key("Pays-Bas") == _text.key("pays bas") == _text.key("PAYSBAS") == "paysbas"
    assert _text.key("U.S.A.") == "usa"
    assert _text.key("Østrig") == "ostrig"
    assert _text.spellings("Dänemark") == ("Dänemark", "daenemark")
    assert _text.spellings("Danmark") == ("Danmark",)
