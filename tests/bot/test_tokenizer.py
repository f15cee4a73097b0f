"""CarelineTokenizer: language decision, tokens per language, offsets, Rasa plumbing."""

from __future__ import annotations

import pytest

pytest.importorskip("rasa", reason="the NLU components run in the Rasa venv (.venv-rasa)")

# The imports below need Rasa, hence after the importorskip above.
from rasa.core.channels.channel import UserMessage
from rasa.graph_components.converters.nlu_message_converter import (
    NLUMessageConverter,
)
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language_id import decide_language
from bot.text import fold_for_matching, fold_width
from bot.tokenizer import CarelineTokenizer, tokenize_text

pytestmark = pytest.mark.rasa

# Realistic chat and speech-to-text input in the six languages, with identifiers,
# full-width characters, mixed scripts and odd spacing.
CORPUS = [
    "my EliteBook 5CG3201ABC won't boot",
    "hi, my laptop won’t turn on since yesterday!!",
    "failure ID 7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5, product 2X3G5AV#ABH",
    "mail me at jan.jansen+hp@example.co.uk or call +31 (0)20 555 0100",
    "mijn serienummer is 5cg 3201 abc",
    "het scherm flikkert en de harde schijf maakt een tikkend geluid",
    "bel me op 06-5555-0123 a.u.b.",
    "kan vi tale dansk? min skærm er gået i stykker",
    "jeg bor i Danmark og opladeren virker ikke",
    "l'écran ne s'allume plus depuis le 22/11/2026",
    "je veux parler à un conseiller, c'est urgent",
    "Ich bin in Deutschland, mein Netzteil ist kaputt und der Lüfter ist laut",
    "Können Sie mich zurückrufen? Fall 50 0000 0017",
    "我的序列号是5CG3201ABC，邮箱是zhang.wei@example.com谢谢",
    "我的序列号是５ＣＧ３２０１ＡＢＣ",
    "我在丹麦，打印机卡纸了",
    "扩展坞不工作\u3000请帮忙",
    "用中文",
    "   spaced   out   words   ",
    "😀",
    "ok",
    "5CG3201ABC",
]


def tokens_of(tokenizer: CarelineTokenizer, text: str, metadata: dict | None = None) -> list[Token]:
    message = Message(data={"text": text, "metadata": metadata})
    tokenizer.process([message])
    return message.get("text_tokens")


@pytest.mark.parametrize("text", CORPUS)
def test_token_offsets_index_the_original_text(nlu_tokenizer: CarelineTokenizer, text: str) -> None:
    tokens = tokens_of(nlu_tokenizer, text)

    assert tokens
    previous_end = 0
    for token in tokens:
        assert 0 <= previous_end <= token.start < token.end <= len(text)
        # The token text is the width-folded original: same length, same place.
        assert token.text == fold_width(text[token.start : token.end])
        assert token.text.strip() == token.text or text.strip() == ""
        previous_end = token.end


@pytest.mark.parametrize(
    ("text", "metadata", "expected"),
    [
        (
            "my EliteBook 5CG3201ABC won't boot",
            None,
            ["my", "EliteBook", "5CG3201ABC", "wo", "n't", "boot"],
        ),
        (
            "mijn serienummer is 5cg 3201 abc",
            {"language": "nl"},
            ["mijn", "serienummer", "is", "5cg", "3201", "abc"],
        ),
        (
            "min skærm er gået i stykker",
            {"language": "da"},
            ["min", "skærm", "er", "gået", "i", "stykker"],
        ),
        (
            "l'écran ne s'allume pas",
            {"language": "fr"},
            ["l'", "écran", "ne", "s'", "allume", "pas"],
        ),
        (
            "der Lüfter ist laut, bitte",
            {"language": "de"},
            ["der", "Lüfter", "ist", "laut", ",", "bitte"],
        ),
        ("我在丹麦", None, ["我", "在", "丹麦"]),
        ("扩展坞不工作", None, ["扩展坞", "不", "工作"]),
    ],
)
def test_tokenises_with_the_rules_of_each_language(
    nlu_tokenizer: CarelineTokenizer, text: str, metadata: dict | None, expected: list[str]
) -> None:
    assert [token.text for token in tokens_of(nlu_tokenizer, text, metadata)] == expected


def test_chinese_text_keeps_serials_and_emails_as_their_own_tokens(
    nlu_tokenizer: CarelineTokenizer,
) -> None:
    text = "我的序列号是5CG3201ABC，邮箱是zhang.wei@example.com谢谢"

    words = [token.text for token in tokens_of(nlu_tokenizer, text)]

    assert "5CG3201ABC" in words
    assert "zhang.wei@example.com" in words
    assert "谢谢" in words


def test_full_width_characters_become_ascii_tokens_at_the_original_offsets(
    nlu_tokenizer: CarelineTokenizer,
) -> None:
    text = "我的序列号是５ＣＧ３２０１ＡＢＣ"

    serial = tokens_of(nlu_tokenizer, text)[-1]

    assert serial.text == "5CG3201ABC"
    assert text[serial.start : serial.end] == "５ＣＧ３２０１ＡＢＣ"


def test_ideographic_space_separates_tokens(nlu_tokenizer: CarelineTokenizer) -> None:
    text = "扩展坞不工作\u3000请帮忙"

    tokens = tokens_of(nlu_tokenizer, text)

    assert all("\u3000" not in token.text and " " not in token.text for token in tokens)
    assert tokens[-1].end == len(text)


def test_codes_with_hyphens_stay_whole_in_every_language(nlu_tokenizer: CarelineTokenizer) -> None:
    for language in ("en", "nl", "da", "fr", "de"):
        text = "ID 7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5 en 2X3G5AV#ABH"
        words = [token.text for token in tokens_of(nlu_tokenizer, text, {"language": language})]
        assert "7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5" in words, language
        assert "2X3G5AV#ABH" in words, language


@pytest.mark.parametrize(
    ("text", "metadata", "code", "source"),
    [
        ("hello", {"language": "nl"}, "nl", "metadata"),
        ("hello", {"language": "nl-BE"}, "nl", "metadata"),
        ("hello", {"language": "it"}, "en", "default"),
        ("hello", {"language": 42}, "en", "default"),
        ("我的电脑坏了", None, "zh", "script"),
        ("我的电脑坏了", {"language": "en"}, "en", "metadata"),
        ("mijn laptop gaat niet meer aan sinds gisteren", None, "nl", "langid"),
        ("min computer vil ikke starte efter opdateringen", None, "da", "langid"),
        ("mon ordinateur ne démarre plus depuis hier", None, "fr", "langid"),
        ("mein Laptop startet seit gestern nicht mehr", None, "de", "langid"),
        ("is my laptop still under warranty?", None, "en", "langid"),
        ("ja", None, "en", "default"),
        ("merci", None, "en", "default"),
        ("5CG3201ABC 482913", None, "en", "default"),
    ],
)
def test_language_decision_order(
    nlu_tokenizer: CarelineTokenizer, text: str, metadata: dict | None, code: str, source: str
) -> None:
    message = Message(data={"text": text, "metadata": metadata})

    nlu_tokenizer.process([message])

    assert (message.get("language"), message.get("language_source")) == (code, source)
    assert decide_language(text, metadata).code == code


def test_metadata_language_does_not_stop_jieba_on_chinese_text(
    nlu_tokenizer: CarelineTokenizer,
) -> None:
    words = [token.text for token in tokens_of(nlu_tokenizer, "我在丹麦", {"language": "en"})]

    assert words == ["我", "在", "丹麦"]


def test_rest_channel_metadata_reaches_the_tokenizer(nlu_tokenizer: CarelineTokenizer) -> None:
    # What Rasa's prediction graph does with a webhook message (contracts §5).
    converter = NLUMessageConverter()
    [message] = converter.convert_user_message(
        [UserMessage("hello there", metadata={"language": "da"})]
    )

    nlu_tokenizer.process([message])

    assert message.get("language") == "da"
    assert message.get("language_source") == "metadata"


def test_training_annotations_align_with_tokens_in_all_languages(
    nlu_tokenizer: CarelineTokenizer,
) -> None:
    yaml = """
version: "3.1"
nlu:
- intent: inform
  examples: |
    - my serial is [5cg 3201 abc](serial_number)
    - failure ID [7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5](failure_id)
    - mijn e-mail is [jan.jansen@example.com](email).
    - jeg bor i [Danmark](country)
    - l'[écran](component) est cassé
    - mein [Netzteil](component) ist kaputt
    - 我的序列号是[5CG3201ABC](serial_number)
    - 我的邮箱是[zhang.wei@example.com](email)谢谢
    - 我在[丹麦](country)
    - [扩展坞](component)不工作
    - 我的序列号是[５ＣＧ３２０１ＡＢＣ](serial_number)
"""
    training_data = RasaYAMLReader().reads(yaml)

    nlu_tokenizer.process_training_data(training_data)

    for example in training_data.training_examples:
        starts = {token.start for token in example.get("text_tokens")}
        ends = {token.end for token in example.get("text_tokens")}
        for entity in example.get("entities"):
            assert entity["start"] in starts, (example.get("text"), entity)
            assert entity["end"] in ends, (example.get("text"), entity)
        assert example.get("language") in {"en", "nl", "da", "fr", "de", "zh"}


def test_intent_names_are_split_like_the_builtin_tokenizers() -> None:
    config = {
        **CarelineTokenizer.get_default_config(),
        "intent_tokenization_flag": True,
        "intent_split_symbol": "+",
    }
    split_tokenizer = CarelineTokenizer(config)
    message = Message(data={"text": "hi and thanks", "intent": "greet+thank"})

    split_tokenizer.process_training_data(TrainingData([message]))

    assert [token.text for token in message.get("intent_tokens")] == ["greet", "thank"]


def test_token_pattern_splits_tokens_further_with_offsets() -> None:
    config = {**CarelineTokenizer.get_default_config(), "token_pattern": r"[A-Za-z]+|[0-9]+"}
    pattern_tokenizer = CarelineTokenizer(config)
    text = "serial 5CG3201ABC"

    tokens = tokens_of(pattern_tokenizer, text)

    assert [token.text for token in tokens] == ["serial", "5", "CG", "3201", "ABC"]
    assert all(text[token.start : token.end] == token.text for token in tokens)


def test_text_without_words_is_one_token() -> None:
    assert [(token.text, token.start) for token in tokenize_text("   ", "en")] == [("   ", 0)]


def test_folds_are_one_to_one() -> None:
    samples = ["５ＣＧ３２０１ＡＢＣ", "L’ÉCRAN", "Lüfter ß İstanbul", "扩展坞\u3000ＯＫ", "Ærø Å"]

    for sample in samples:
        assert len(fold_width(sample)) == len(sample)
        assert len(fold_for_matching(sample)) == len(sample)
    assert fold_for_matching("L’ÉCRAN") == "l'ecran"


def test_create_preloads_every_language() -> None:
    from bot import tokenizer as module

    module._spacy_tokenizer.cache_clear()
    config = CarelineTokenizer.get_default_config()

    CarelineTokenizer.create(config, None, None, None)  # type: ignore[arg-type]  # unused by create

    assert module._spacy_tokenizer.cache_info().currsize == len(module.SUPPORTED_LANGUAGES)


@pytest.mark.parametrize(
    ("text", "language", "tokens"),
    [
        # A short French message detected as English is still split as French.
        ("l'imprimante", "en", ["l'", "imprimante"]),
        ("c'est l'écran", "en", ["c'", "est", "l'", "écran"]),
        ("qu'il démarre", "fr", ["qu'", "il", "démarre"]),
        # English contractions are left to the English rules.
        ("don't", "en", ["do", "n't"]),
        ("it's dead", "en", ["it", "'s", "dead"]),
    ],
)
def test_french_elision_is_split_whatever_the_language(
    text: str, language: str, tokens: list[str]
) -> None:
    from bot.tokenizer import tokenize_text

    assert [t.text for t in tokenize_text(text, language)] == tokens
