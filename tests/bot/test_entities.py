"""CarelineEntityExtractor: patterns, look-ups, DIET normalisation, a trained model."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from careline.entitlement import COMPONENTS

pytest.importorskip("rasa", reason="the NLU components run in the Rasa venv (.venv-rasa)")

# The imports below need Rasa, hence after the importorskip above.
from rasa.shared.nlu.training_data.message import Message

from bot import recognisers
from bot.text import fold_width

if TYPE_CHECKING:
    from tests.bot.conftest import TrainTinyNlu

Parse = Callable[..., Message]

pytestmark = pytest.mark.rasa


def values(message: Message) -> set[tuple[str, str]]:
    """The (entity, value) pairs of a parsed message, without the detected language."""
    return {
        (entity["entity"], entity["value"])
        for entity in message.get("entities", [])
        if entity.get("role") != "detected"
    }


# (text, expected (entity, value) pairs): chat and speech-to-text style messages.
REALISTIC = [
    # English
    (
        "my EliteBook 5CG3201ABC won't boot",
        {("serial_number", "5CG3201ABC"), ("component", "power")},
    ),
    ("the serial number is 5 c g 3 2 0 1 a b c", {("serial_number", "5CG3201ABC")}),
    ("case 50 0000 0017", {("case_id", "5000000017")}),
    ("what is the status of case 5000000017?", {("case_id", "5000000017")}),
    ("case 5 0 0 0 0 0 0 0 1 7 please", {("case_id", "5000000017")}),
    ("failure ID 7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5", {("failure_id", "7KQ92JMX4T8LP3VWZC6R1HQ5")}),
    ("the code is 7kq9 2jmx 4t8l p3vw zc6r 1hq5", {("failure_id", "7KQ92JMX4T8LP3VWZC6R1HQ5")}),
    ("it said Q2NH 7ZKX 5TBW R9LD 4MEC J8PA", {("failure_id", "Q2NH7ZKX5TBWR9LD4MECJ8PA")}),
    ("hp zegt code 6TNW 4HKP R8ZM Q2VC J7XD 3FBL", {("failure_id", "6TNW4HKPR8ZMQ2VCJ7XD3FBL")}),
    ("abcd 2jmx 4t8l p3vw zc6r 1hq5", {("failure_id", "ABCD2JMX4T8LP3VWZC6R1HQ5")}),
    ("pin 482913", {("pin", "482913")}),
    ("482913", {("pin", "482913")}),
    ("my pin is 482 913", {("pin", "482913")}),
    ("product number 2X3G5AV#ABH", {("product_number", "2X3G5AV#ABH")}),
    ("it's an 8A3N7EA", {("product_number", "8A3N7EA")}),
    ("product number 5hb14a", {("product_number", "5HB14A")}),
    ("mail me at Jan.Jansen@Example.COM", {("email", "Jan.Jansen@example.com")}),
    ("call me on +31 20 555 0100", {("phone_number", "+31205550100")}),
    ("my number is 0031 20 555 0100", {("phone_number", "+31205550100")}),
    (
        "I'm in the UK, call me on 020 7946 0018",
        {("country", "GB"), ("phone_number", "+442079460018")},
    ),
    ("my phone number is 0 6 5 5 5 5 0 1 2 3", {("phone_number", "0655550123")}),
    ("can we speak Dutch?", {("language", "nl")}),
    ("I live in the Netherlands", {("country", "NL")}),
    ("NL", {("country", "NL")}),
    ("the screen flickers and the fan is loud", {("component", "display"), ("component", "fan")}),
    (
        "my docking station and external monitor",
        {("component", "docking_station"), ("component", "external_monitor")},
    ),
    ("the power adapter is broken", {("component", "ac_adapter")}),
    ("the laptop won’t turn on", {("component", "power")}),
    ("I got a blue screen", set()),
    ("the fan makes a clicking sound", {("component", "fan")}),
    ("the wireless mouse keeps disconnecting", {("component", "mouse")}),
    # English, read out (speech-to-text, IVR)
    ("serial number five c g three two zero one a b c", {("serial_number", "5CG3201ABC")}),
    ("uh the serial is c n d two three zero eight h j k", {("serial_number", "CND2308HJK")}),
    ("it's case five zero zero zero zero zero zero zero one seven", {("case_id", "5000000017")}),
    ("my pin is four eight two nine one three", {("pin", "482913")}),
    ("four five one six six four", {("pin", "451664")}),
    (
        "my phone number is plus three one six one two three four five six seven eight",
        {("phone_number", "+31612345678")},
    ),
    (
        "call me on oh seven seven double oh nine double oh one two three",
        {("phone_number", "07700900123")},
    ),
    # Dutch
    ("mijn serienummer is 5cg 3201 abc", {("serial_number", "5CG3201ABC")}),
    ("bel me op 06 5555 0123", {("phone_number", "0655550123")}),
    (
        "ik woon in Nederland, bel me op 06 5555 0123",
        {("country", "NL"), ("phone_number", "+31655550123")},
    ),
    ("het scherm flikkert", {("component", "display")}),
    (
        "de harde schijf maakt lawaai en de oplader wordt heet",
        {("component", "storage"), ("component", "ac_adapter")},
    ),
    ("mijn laptop gaat niet aan", {("component", "power")}),
    ("het tweede scherm doet niks", {("component", "external_monitor")}),
    ("in het Nederlands graag", {("language", "nl")}),
    ("mijn e-mailadres is jan@voorbeeld.nl", {("email", "jan@voorbeeld.nl")}),
    ("is er ook een Duitse versie", {("language", "de")}),
    ("euh het serienummer is c z c drie drie een vijf v b n", {("serial_number", "CZC3315VBN")}),
    (
        "ik bel over case vijf zeven drie negen zes nul drie een een vijf",
        {("case_id", "5739603115")},
    ),
    # Danish
    ("kan vi tale dansk?", {("language", "da")}),
    ("jeg bor i Danmark", {("country", "DK")}),
    (
        "min skærm er gået i stykker og tastaturet virker ikke",
        {("component", "display"), ("component", "keyboard")},
    ),
    ("ring til mig på 20 12 34 56", {("phone_number", "+4520123456")}),  # langid: da → DK
    (
        "jeg bor i Danmark, ring til mig på 20 12 34 56",
        {("country", "DK"), ("phone_number", "+4520123456")},
    ),
    ("blæseren larmer", {("component", "fan")}),
    ("pinkoden er seks fire nul otte to syv", {("pin", "640827")}),
    ("jeg har boet på Island i to år", {("country", "IS")}),
    # French
    ("l'écran ne s'allume pas", {("component", "display"), ("component", "power")}),
    ("mon numéro de série est CND1234567", {("serial_number", "CND1234567")}),
    ("nos bureaux sont en Inde", {("country", "IN")}),
    (
        "je suis en France, appelez-moi au 06 12 34 56 78",
        {("country", "FR"), ("phone_number", "+33612345678")},
    ),
    ("pouvez-vous parler français ?", {("language", "fr")}),
    ("le chargeur et le disque dur", {("component", "ac_adapter"), ("component", "storage")}),
    ("les Pays-Bas", {("country", "NL")}),
    # German
    ("Ich bin in Deutschland", {("country", "DE")}),
    ("können wir auf Deutsch sprechen", {("language", "de")}),
    (
        "mein Akku lädt nicht und der Lüfter ist laut",
        {("component", "battery"), ("component", "fan")},
    ),
    ("das Netzteil ist kaputt", {("component", "ac_adapter")}),
    ("der Drucker druckt nicht", {("component", "printer")}),
    ("Fehler-ID 7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5", {("failure_id", "7KQ92JMX4T8LP3VWZC6R1HQ5")}),
    ("rufen Sie mich an unter +49 30 1234567", {("phone_number", "+49301234567")}),
    (
        "der Bildschirm flackert, auf dem zweiten Monitor ist alles gut",
        {("component", "display"), ("component", "external_monitor")},
    ),
    # Chinese
    ("我在丹麦", {("country", "DK")}),
    ("我的序列号是5CG3201ABC", {("serial_number", "5CG3201ABC")}),
    ("我的序列号是５ＣＧ３２０１ＡＢＣ", {("serial_number", "5CG3201ABC")}),
    ("我的邮箱是zhang.wei@example.com谢谢", {("email", "zhang.wei@example.com")}),
    ("用中文", {("language", "zh")}),
    ("回拨我 186 2039 4471", {("phone_number", "+8618620394471")}),
    ("屏幕坏了", {("component", "display")}),
    ("显示器不亮", {("component", "display")}),
    ("外接显示器没有信号", {("component", "external_monitor")}),
    ("打印机卡纸了", {("component", "printer")}),
    ("电脑开不了机", {("component", "power")}),
    ("扩展坞不工作，键盘也坏了", {("component", "docking_station"), ("component", "keyboard")}),
    ("我的手机是+86 138 0013 8000", {("phone_number", "+8613800138000")}),
    ("我的笔记本蓝屏了", set()),
]


@pytest.mark.parametrize(("text", "expected"), REALISTIC)
def test_realistic_messages(nlu_parse: Parse, text: str, expected: set[tuple[str, str]]) -> None:
    message = nlu_parse(text)

    assert values(message) == expected
    for entity in message.get("entities"):
        if entity.get("role") == "detected":
            continue
        covered = text[entity["start"] : entity["end"]]
        assert covered and covered == covered.strip(), entity
        assert entity["extractor"] == "CarelineEntityExtractor"
        assert entity["confidence_entity"] == 1.0


NOT_ENTITIES = [
    "bought it on 2026-11-22",
    "since 2019 it has been fine",
    "ik heb hem al 3 jaar",
    "garantie tot 22.11.2026, kostte 1.299,00 euro",
    "it has 16 GB RAM and a 512GB SSD",
    "my ProBook 450 G8 with an i7-1185G7 on Windows 11",
    "I work in IT",
    "de printer doet het niet",
    "da jeg kom hjem virkede den ikke",
    "en fait, ça marche pas",
    "order 123456 arrived",
    "version 10.0.19045 build 3803",
    "call me tomorrow at 10",
    "I had turkey for dinner",
    "hold tænd/sluk-knappen inde i tredive sekunder",
    "we stayed on a small island",
    "ich habe es am 22.11.2026 gekauft",
    "这台电脑是2019年买的",
    "een jaar of twee geleden",
    "one or two things, maybe three or four",
    "you sound like a robot",
    "I have two laptops and one printer, both from 2019",
    "zes of zeven keer per dag, al twee weken",
    "ok",
    "",
]


@pytest.mark.parametrize("text", NOT_ENTITIES)
def test_no_false_identifiers_countries_or_languages(nlu_parse: Parse, text: str) -> None:
    message = nlu_parse(text)

    kinds = {entity for entity, _ in values(message)}
    assert kinds <= {"component"}, values(message)


def test_full_width_serial_points_into_the_original_text(nlu_parse: Parse) -> None:
    text = "我的序列号是５ＣＧ３２０１ＡＢＣ"

    [serial] = [
        entity for entity in nlu_parse(text).get("entities") if entity["entity"] == "serial_number"
    ]

    assert serial["value"] == "5CG3201ABC"
    assert text[serial["start"] : serial["end"]] == "５ＣＧ３２０１ＡＢＣ"


def test_case_id_pin_and_serial_are_never_phone_numbers(nlu_parse: Parse) -> None:
    message = nlu_parse("call me about case 5000000017, PIN 482913, serial CND1234567")

    assert values(message) == {
        ("case_id", "5000000017"),
        ("pin", "482913"),
        ("serial_number", "CND1234567"),
    }


def test_invalid_luhn_is_not_a_case_id(nlu_parse: Parse) -> None:
    assert values(nlu_parse("case 5000000018")) == set()


def test_national_number_without_country_or_language_keeps_its_digits(
    nlu_tokenizer: Any,
) -> None:
    from bot.entities import CarelineEntityExtractor

    extractor = CarelineEntityExtractor({"phone_region_from_language": False})
    message = Message(data={"text": "ring til mig på 20 12 34 56", "metadata": None})
    nlu_tokenizer.process([message])
    extractor.process([message])

    assert ("phone_number", "20123456") in values(message)


def test_metadata_language_completes_national_phone_numbers(nlu_parse: Parse) -> None:
    message = nlu_parse("bel me op 06 5555 0123", metadata={"language": "nl"})

    assert ("phone_number", "+31655550123") in values(message)


def test_metadata_country_completes_national_phone_numbers(nlu_parse: Parse) -> None:
    message = nlu_parse("bel me op 06 5555 0123", metadata={"language": "nl", "country": "NL"})

    assert ("phone_number", "+31655550123") in values(message)


# --- entities found by DIET --------------------------------------------------------


def diet(text: str, entity: str, surface: str, **extra: Any) -> dict[str, Any]:
    start = text.index(surface)
    return {
        "entity": entity,
        "start": start,
        "end": start + len(surface),
        "value": surface,
        "extractor": "DIETClassifier",
        "confidence_entity": 0.9,
        **extra,
    }


@pytest.mark.parametrize(
    ("text", "entity", "surface", "value"),
    [
        ("ik woon in Nederland", "country", "Nederland", "NL"),
        ("I speak Dutch", "language", "Dutch", "nl"),
        ("het scherm is stuk", "component", "scherm", "display"),
        ("het scherm van mijn laptop is stuk", "component", "scherm van mijn laptop", "display"),
        ("mijn naam is Jan Jansen.", "person_name", "Jan Jansen.", "Jan Jansen"),
        ("ik werk bij  Acme B.V. ", "company", " Acme B.V. ", "Acme B.V."),
        ("I work for Acme Inc.", "company", "Acme Inc.", "Acme Inc."),
        ("I work for Acme, thanks", "company", "Acme,", "Acme"),
        ("the NL office", "country", "NL", "NL"),
    ],
)
def test_diet_values_are_normalised(
    nlu_parse: Parse, text: str, entity: str, surface: str, value: str
) -> None:
    message = nlu_parse(text, entities=[diet(text, entity, surface)], metadata={"language": "en"})

    [found] = [item for item in message.get("entities") if item["entity"] == entity]
    assert found["value"] == value
    assert found["extractor"] == "DIETClassifier"
    changed = value != surface
    assert ("CarelineEntityExtractor" in found.get("processors", [])) == changed
    if entity in {"person_name", "company"}:
        assert text[found["start"] : found["end"]] == value  # the span is trimmed too


def test_diet_serial_spelled_with_spaces_becomes_canonical(nlu_parse: Parse) -> None:
    text = "mijn serienummer is 5cg 3201 abc"

    message = nlu_parse(text, entities=[diet(text, "serial_number", "5cg 3201 abc")])

    serials = [item for item in message.get("entities") if item["entity"] == "serial_number"]
    assert [item["value"] for item in serials] == ["5CG3201ABC"]


def test_diet_entities_that_cannot_be_normalised_are_dropped(nlu_parse: Parse) -> None:
    text = "serial 5CG3201AB and country de and the thingy"
    entities = [
        diet(text, "serial_number", "5CG3201AB"),
        diet(text, "country", "de"),
        diet(text, "component", "thingy"),
        diet(text, "language", "country"),
    ]

    assert values(nlu_parse(text, entities=entities)) == set()


def test_pattern_hit_wins_over_overlapping_diet_entity(nlu_parse: Parse) -> None:
    text = "my number is 5CG3201ABC"

    message = nlu_parse(text, entities=[diet(text, "product_number", "5CG3201ABC")])

    assert values(message) == {("serial_number", "5CG3201ABC")}
    assert message.get("entities")[0]["extractor"] == "CarelineEntityExtractor"


def test_one_entity_per_span_when_diet_and_lexicon_agree(nlu_parse: Parse) -> None:
    text = "jeg bor i Danmark"

    message = nlu_parse(text, entities=[diet(text, "country", "Danmark", role="home")])

    countries = [item for item in message.get("entities") if item["entity"] == "country"]
    assert len(countries) == 1
    assert countries[0]["value"] == "DK"
    assert countries[0]["role"] == "home"  # DIET's entity, with its role, is kept


def test_unknown_entity_types_pass_through(nlu_parse: Parse) -> None:
    text = "my EliteBook 840 is broken"

    message = nlu_parse(text, entities=[diet(text, "product_name", "EliteBook 840")])

    assert ("product_name", "EliteBook 840") in values(message)


# --- the detected language ---------------------------------------------------------


def detected(message: Message) -> list[str]:
    return [
        entity["value"]
        for entity in message.get("entities")
        if entity["entity"] == "language" and entity.get("role") == "detected"
    ]


@pytest.mark.parametrize(
    ("text", "metadata", "expected"),
    [
        ("hallo", {"language": "nl"}, ["nl"]),
        ("我的电脑坏了", None, ["zh"]),
        ("mijn laptop gaat niet meer aan sinds gisteren", None, ["nl"]),
        ("hi", None, []),  # the English default is no evidence
        ("kan vi tale dansk?", None, []),  # an explicit language wins
        ("can we speak Dutch?", {"language": "en"}, []),
    ],
)
def test_detected_language_entity(
    nlu_parse: Parse, text: str, metadata: dict[str, Any] | None, expected: list[str]
) -> None:
    message = nlu_parse(text, metadata=metadata)

    assert detected(message) == expected
    for entity in message.get("entities"):
        if entity.get("role") == "detected":
            assert entity["extractor"] == "CarelineEntityExtractor"
            assert (entity["start"], entity["end"]) == (0, 0)


def test_detected_language_can_be_switched_off(nlu_tokenizer: Any) -> None:
    from bot.entities import CarelineEntityExtractor

    extractor = CarelineEntityExtractor({"detected_language_entity": False})
    message = Message(data={"text": "hallo", "metadata": {"language": "nl"}})
    nlu_tokenizer.process([message])
    extractor.process([message])

    assert message.get("entities") == []


# --- pure functions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "raw", "region", "value"),
    [
        ("serial_number", "５ｃｇ 3201-abc", None, "5CG3201ABC"),
        ("serial_number", "5CG3201AB", None, None),
        ("case_id", "50 0000 0017", None, "5000000017"),
        ("case_id", "50 0000 0018", None, None),
        ("failure_id", "7kq9-2jmx-4t8l-p3vw-zc6r-1hq5", None, "7KQ92JMX4T8LP3VWZC6R1HQ5"),
        ("pin", "482 913", None, "482913"),
        ("pin", "48291", None, None),
        ("email", "<jan@Example.NL>", None, "jan@example.nl"),
        ("email", "jan at example", None, None),
        ("phone_number", "06 5555 0123", "NL", "+31655550123"),
        ("phone_number", "06 5555 0123", None, "0655550123"),
        ("phone_number", "+45 20 12 34 56", None, "+4520123456"),
        ("phone_number", "12", None, None),
        ("country", "Deutschland", None, "DE"),
        ("country", "dk", None, None),
        ("language", "néerlandais", None, "nl"),
        ("component", "Bildschirm", None, "display"),
        ("component", "display", None, "display"),
        ("component", "ac adapter", None, "ac_adapter"),
        ("component", "blue screen", None, None),
        ("serial_number", "five c g three two zero one a b c", None, "5CG3201ABC"),
        ("serial_number", "acht c c drie een nul twee l m n", None, "8CC3102LMN"),
        ("case_id", "vijf nul nul nul twee nul twee vijf nul zes", None, "5000202506"),
        ("pin", "zes drie nul vijf een negen", None, "630519"),
        (
            "phone_number",
            "plus three one six one two three four five six seven eight",
            None,
            "+31612345678",
        ),
        ("phone_number", "nul zes een twee drie vier vijf zes zeven acht", "NL", "+31612345678"),
        ("serial_number", "the laptop", None, None),
    ],
)
def test_normalise_value(entity: str, raw: str, region: str | None, value: str | None) -> None:
    assert recognisers.normalise_value(entity, raw, region) == value


def test_every_synonym_maps_to_its_component() -> None:
    from bot import lexicon

    for language, table in lexicon.COMPONENT_SYNONYMS.items():
        assert set(table) <= set(COMPONENTS), language
        for component, phrases in table.items():
            for phrase in phrases:
                assert recognisers.component_value(phrase) == component, (language, phrase)


def test_spans_are_consistent_on_a_mixed_corpus(nlu_parse: Parse) -> None:
    for text, _ in REALISTIC:
        for entity in nlu_parse(text).get("entities"):
            if entity.get("role") == "detected":
                continue
            covered = fold_width(text[entity["start"] : entity["end"]])
            assert covered.strip() == covered and covered, (text, entity)


# --- a model trained through Rasa's graph ------------------------------------------

NLU_DATA = """
version: "3.1"
nlu:
- intent: greet
  examples: |
    - hello
    - hi there
    - hallo
    - goedemorgen
    - hej
    - bonjour
    - guten Tag
    - 你好
- intent: inform
  examples: |
    - my serial is [5CG3201ABC](serial_number)
    - mijn serienummer is [5cg 3201 abc](serial_number)
    - 我的序列号是[CND1234567](serial_number)
    - I live in [Denmark](country)
    - ik woon in [Nederland](country)
    - je suis en [France](country)
    - the [screen](component) is broken
    - het [scherm](component) is kapot
    - 我在[丹麦](country)
"""

PIPELINE = """
recipe: default.v1
assistant_id: careline-test
language: en
pipeline:
  - name: bot.tokenizer.CarelineTokenizer
  - name: RegexFeaturizer
  - name: LexicalSyntacticFeaturizer
  - name: bot.intents.LinearIntentClassifier
  - name: CRFEntityExtractor
  - name: EntitySynonymMapper
  - name: bot.entities.CarelineEntityExtractor
"""


def test_tiny_model_trains_and_parses_offline(train_tiny_nlu: TrainTinyNlu) -> None:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    model, caught = train_tiny_nlu(NLU_DATA, PIPELINE)
    # Every annotation in six languages lines up with CarelineTokenizer's tokens.
    assert not [str(w.message) for w in caught if "isaligned" in str(w.message)]

    agent = Agent.load(model)
    text = "mijn serienummer is 5cg 3201 abc en ik woon in Nederland"
    result = asyncio.run(
        agent.processor.parse_message(UserMessage(text, metadata={"language": "nl"}))
    )

    found = {(entity["entity"], entity["value"]) for entity in result["entities"]}
    assert ("serial_number", "5CG3201ABC") in found
    assert ("country", "NL") in found
    assert ("language", "nl") in found  # the detected language (metadata)
    assert result["intent"]["name"] in {"greet", "inform"}
    for entity in result["entities"]:
        if entity.get("role") != "detected":
            assert text[entity["start"] : entity["end"]].strip()


def test_a_longer_lookup_hit_wins_over_a_diet_entity_inside_it(nlu_parse: Parse) -> None:
    diet = [
        {
            "entity": "person_name",
            "value": "Bas",
            "start": 5,
            "end": 8,
            "extractor": "DIETClassifier",
        }
    ]
    message = nlu_parse("Pays-Bas", metadata={"language": "fr"}, entities=diet)
    found = [
        (e["entity"], e["value"], e["start"], e["end"])
        for e in message.get("entities")
        if e.get("role") != "detected"
    ]
    assert found == [("country", "NL", 0, 8)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("mijn laptop loopt steeds vast met geheugenfouten", "nl"),
        ("mein Laptop stürzt ständig mit Arbeitsspeicherfehlern ab", "de"),
        ("min bærbare går hele tiden ned med hukommelsesfejl", "da"),
        ("mon portable plante avec des erreurs de mémoire", "fr"),
        ("我的笔记本老是因为内存错误死机", "zh"),
    ],
)
def test_memory_errors_name_the_memory(nlu_parse: Parse, text: str, language: str) -> None:
    message = nlu_parse(text, metadata={"language": language})
    assert ("component", "memory") in {(e["entity"], e["value"]) for e in message.get("entities")}


@pytest.mark.parametrize(
    "text",
    [
        "blue screen with stop code 0xc0000185 every morning",
        "écran bleu 0xC000021A au démarrage",
        "p/n 4L3J5EA if that helps",
    ],
)
def test_error_codes_and_words_beside_a_code_are_not_serials(nlu_parse: Parse, text: str) -> None:
    assert "serial_number" not in {entity for entity, _ in values(nlu_parse(text))}


def test_a_serial_in_spaced_groups_is_still_found(nlu_parse: Parse) -> None:
    assert ("serial_number", "5CG3201ABC") in values(nlu_parse("serial 5CG 3201 ABC please"))
    assert ("serial_number", "5CG3201ABC") in values(nlu_parse("serial 5cg 3201 abc"))
