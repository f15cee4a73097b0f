"""The i18n pipeline: catalogs up to date and complete, and the NLG that uses them.

1. Catalogs: `locales/messages.pot` equals a fresh `pybabel extract` of the sources
   (domain responses, terms) and every `<lang>/LC_MESSAGES/messages.po` has every
   message translated, none fuzzy or obsolete, with the msgid's placeholders.
2. `bot.nlg.CatalogNLG` renders responses in each language with Babel-formatted
   values, falls back to English, survives a missing placeholder, handles plurals
   and buttons. These tests use the real terms and a synthetic test domain whose
   translations are added to a temporary copy of the catalogs.
3. Through Rasa's own machinery: the NLG built from an endpoint config, trackers,
   `ActionBotResponse` and the path of `dispatcher.utter_message(response=..., **kw)`.
"""

from __future__ import annotations

import ast
import asyncio
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

import careline.i18n
from careline.i18n import Catalogs, placeholders
from careline.languages import SUPPORTED_LANGUAGES

pytestmark = pytest.mark.rasa

REPO = Path(__file__).resolve().parents[2]
LOCALES = REPO / "locales"
POT = LOCALES / "messages.pot"

# The options of `make i18n-extract` (keep in sync with the Makefile).
EXTRACT_OPTIONS = [
    "-F",
    "locales/babel.cfg",
    "--omit-header",
    "--sort-by-file",
    "--add-location=file",
]

Key = tuple[str | None, str | tuple[str, ...]]


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po_file:
        return read_po(po_file, locale=locale)


def messages(catalog: Catalog) -> dict[Key, Message]:
    """Every message of a catalog but the header, by (context, id)."""
    return {(m.context, m.id): m for m in catalog if m.id}


def describe(keys: set[Key]) -> str:
    return "\n".join(f"  [{context}] {msgid!r}" for context, msgid in sorted(keys, key=repr))


def forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


# --- 1. catalogs ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_pot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template extracted now, exactly as `make i18n-extract` does."""
    output = tmp_path_factory.mktemp("i18n") / "messages.pot"
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    result = subprocess.run(
        [*pybabel, "extract", *EXTRACT_OPTIONS, "-o", str(output), "."],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return output


def test_pot_is_up_to_date(fresh_pot: Path) -> None:
    committed = messages(read_catalog(POT))
    fresh = messages(read_catalog(fresh_pot))
    missing, extra = set(fresh) - set(committed), set(committed) - set(fresh)
    assert not missing and not extra, (
        "locales/messages.pot is stale: run `make i18n-update` and translate.\n"
        f"Not in messages.pot yet:\n{describe(missing)}\n"
        f"In messages.pot but no longer in the sources:\n{describe(extra)}"
    )
    assert POT.read_text(encoding="utf-8") == fresh_pot.read_text(encoding="utf-8"), (
        "locales/messages.pot has the right messages but other comments or locations: "
        "run `make i18n-extract`"
    )


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_catalog_is_complete(language: str) -> None:
    path = LOCALES / language / "LC_MESSAGES" / "messages.po"
    assert path.is_file(), f"no catalog for {language}: make i18n-init LANGUAGE_CODE={language}"
    catalog = read_catalog(path, language)
    template = messages(read_catalog(POT))
    translated = messages(catalog)

    missing, extra = set(template) - set(translated), set(translated) - set(template)
    assert not missing and not extra, (
        f"{path.relative_to(REPO)} is stale: run `make i18n-update`.\n"
        f"Missing:\n{describe(missing)}\nNot in messages.pot:\n{describe(extra)}"
    )
    assert not catalog.obsolete, f"obsolete entries in {path}: run `make i18n-update`"
    fuzzy = {key for key, m in translated.items() if m.fuzzy}
    assert not fuzzy, f"fuzzy entries in {path} (check and unmark them):\n{describe(fuzzy)}"
    errors = [f"{m.id!r}: {e}" for m, errs in catalog.check() for e in errs]
    assert not errors, "\n".join(errors)

    problems: list[str] = []
    for key, message in translated.items():
        ids, strings = forms(message.id), forms(message.string)
        if language == "en":
            # English is the source: empty (= msgid) or the msgid itself, never reworded.
            expected = tuple(ids[min(i, len(ids) - 1)] for i in range(len(strings)))
            if any(s and s != e for s, e in zip(strings, expected, strict=True)):
                problems.append(f"[{key[0]}] {ids[0]!r}: English must equal the source")
            continue
        if not all(strings):
            problems.append(f"[{key[0]}] {ids[0]!r}: untranslated")
            continue
        wanted = {name for msgid in ids for name in placeholders(msgid)}
        for string in strings:
            got = set(placeholders(string))
            # A singular form may say "one" instead of {count}.
            if (got ^ wanted) - ({"count"} if message.pluralizable else set()):
                problems.append(
                    f"[{key[0]}] {string!r}: placeholders {sorted(got)}, msgid {sorted(wanted)}"
                )
    assert not problems, f"{path.relative_to(REPO)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_catalog_header_has_the_languages_plural_forms(language: str) -> None:
    catalog = read_catalog(LOCALES / language / "LC_MESSAGES" / "messages.po", language)
    assert str(catalog.locale) == language
    assert catalog.plural_forms == Catalog(locale=language).plural_forms
    header = dict(catalog.mime_headers)
    assert header["Plural-Forms"] == Catalog(locale=language).plural_forms
    assert header["Language"] == language


def test_every_domain_response_is_in_the_pot() -> None:
    """Whatever babel.cfg says, every response Rasa loads can be translated."""
    from rasa.shared.core.domain import Domain

    template = messages(read_catalog(POT))
    missing = set()
    for name, variants in Domain.from_path(REPO / "domain").responses.items():
        for variant in variants:
            plural = (variant.get("metadata") or {}).get(careline.i18n.PLURAL_METADATA_KEY)
            if variant.get("text"):
                msgid = (variant["text"], plural) if plural else variant["text"]
                if (name, msgid) not in template:
                    missing.add((name, msgid))
            for button in (variant.get("buttons") or []) + (variant.get("quick_replies") or []):
                if button.get("title") and (name, button["title"]) not in template:
                    missing.add((name, button["title"]))
    assert not missing, f"responses not in messages.pot (babel.cfg?):\n{describe(missing)}"


def literal_values(path: Path, name: str) -> set[str]:
    """The values of `name = Literal[...]` in a Python module (without importing it)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            assert isinstance(node.value, ast.Subscript)
            elements = node.value.slice
            assert isinstance(elements, ast.Tuple)
            return {e.value for e in elements.elts if isinstance(e, ast.Constant)}
    raise AssertionError(f"{name} not found in {path}")


def test_terms_cover_the_vocabularies() -> None:
    from careline.entitlement.models import (
        COMPONENTS,
        COVERAGE_KINDS,
        DELIVERY,
        PRIORITY_TIERS,
    )

    terms = Catalogs(LOCALES).terms()
    cases = REPO / "api" / "schemas" / "cases.py"
    assert set(terms["component"]) == set(COMPONENTS)
    assert set(terms["coverage_kind"]) == set(COVERAGE_KINDS)
    assert set(terms["priority_tier"]) == set(PRIORITY_TIERS)
    assert set(terms["delivery"]) == set(DELIVERY) | literal_values(cases, "Delivery")
    assert set(terms["case_status"]) == literal_values(cases, "CaseStatus")


# --- extractors -------------------------------------------------------------------------

SUMMARY = (
    "Case {case_id} is {case_status}: {component} to be repaired by {repair_date} in "
    "{country}. We'll reply in {contact_language}."
)
TEST_DOMAIN = f"""\
version: "3.1"
slots:
  language:
    type: text
    influence_conversation: false
    mappings:
      - type: custom
  component:
    type: text
    influence_conversation: false
    mappings:
      - type: custom
responses:
  utter_test_case_summary:
    - text: "{SUMMARY}"
  utter_test_open_cases:
    - text: "You have {{count}} open case."
      metadata:
        plural: "You have {{count}} open cases."
  utter_test_confirm:
    - text: "Shall I open a case for the {{component}}?"
      buttons:
        - title: "Yes, open it"
          payload: '/affirm{{"case_id": "{{case_id}}"}}'
        - title: "No"
          payload: /deny
    - text: "Say yes or no."
      channel: voice
"""


def test_extract_domain_yields_contexts_plurals_buttons_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "test.yml"
    path.write_text(TEST_DOMAIN, encoding="utf-8")
    with path.open("rb") as fileobj:
        found = {
            (context, msgid): comments
            for _, msgid, comments, context in extract("careline.i18n:extract_domain", fileobj)
        }

    assert found == {
        ("utter_test_case_summary", SUMMARY): [
            "utter_test_case_summary: placeholders {case_id}, {case_status}, {component}, "
            "{repair_date}, {country}, {contact_language}"
        ],
        (
            "utter_test_open_cases",
            ("You have {count} open case.", "You have {count} open cases."),
        ): ["utter_test_open_cases: placeholders {count}; the form is chosen by {count}"],
        ("utter_test_confirm", "Shall I open a case for the {component}?"): [
            "utter_test_confirm: placeholders {component}"
        ],
        ("utter_test_confirm", "Yes, open it"): [
            'utter_test_confirm (button, payload /affirm{"case_id": "{case_id}"}): no placeholders'
        ],
        ("utter_test_confirm", "No"): [
            "utter_test_confirm (button, payload /deny): no placeholders"
        ],
        ("utter_test_confirm", "Say yes or no."): [
            "utter_test_confirm (channel voice): no placeholders"
        ],
    }


def test_extract_terms_uses_the_category_as_context() -> None:
    with (LOCALES / "terms.yml").open("rb") as fileobj:
        found = {
            (c, m): comments
            for _, m, comments, c in extract("careline.i18n:extract_terms", fileobj)
        }
    assert found[("term:component", "screen")] == [
        "term component=display: a short label shown inside responses"
    ]
    assert ("term:case_status", "being worked on") in found


def test_extract_yaml_texts_for_other_sources(tmp_path: Path) -> None:
    path = tmp_path / "no_power.yml"
    path.write_text(
        "title: No power\nsteps:\n  - id: adapter\n    prompt: Is the {led} light on?\n",
        encoding="utf-8",
    )
    options = {"keys": "title, prompt", "context": "guide:{stem}"}
    with path.open("rb") as fileobj:
        found = list(extract("careline.i18n:extract_yaml_texts", fileobj, options=options))
    assert found == [
        (1, "No power", ["guide:no_power title: no placeholders"], "guide:no_power"),
        (
            4,
            "Is the {led} light on?",
            ["guide:no_power steps[0].prompt: placeholders {led}"],
            "guide:no_power",
        ),
    ]


# --- 2. the NLG -------------------------------------------------------------------------

# Translations of the test domain, added to a copy of the real catalogs.
TEST_TRANSLATIONS: dict[str, dict[str, Any]] = {
    "nl": {
        "summary": "Case {case_id} is {case_status}. Reparatie uiterlijk {repair_date} in "
        "{country}: {component}. We antwoorden in het {contact_language}.",
        "plural": ("Je hebt {count} open case.", "Je hebt {count} open cases."),
        "confirm": "Zal ik een case openen voor je {component}?",
        "yes": "Ja, open maar",
    },
    "da": {
        "summary": "Sag {case_id} er {case_status}. Reparation senest {repair_date} i "
        "{country}: {component}. Vi svarer på {contact_language}.",
        "plural": ("Du har {count} åben sag.", "Du har {count} åbne sager."),
        "confirm": "Skal jeg oprette en sag for din {component}?",
        "yes": "Ja, opret den",
    },
    "fr": {
        "summary": "Le dossier {case_id} est {case_status}. Réparation d'ici le {repair_date} "
        "({country}) : {component}. Nous vous répondrons en {contact_language}.",
        "plural": ("Vous avez {count} dossier ouvert.", "Vous avez {count} dossiers ouverts."),
        "confirm": "Dois-je ouvrir un dossier pour : {component} ?",
        "yes": "Oui, ouvrez-le",
    },
    "de": {
        "summary": "Fall {case_id} ist {case_status}. Reparatur bis {repair_date} in "
        "{country}: {component}. Wir antworten auf {contact_language}.",
        "plural": ("Sie haben {count} offenen Fall.", "Sie haben {count} offene Fälle."),
        "confirm": "Soll ich einen Fall für folgende Komponente eröffnen: {component}?",
        "yes": "Ja, eröffnen",
    },
    "zh": {
        "summary": "工单 {case_id} {case_status}。{repair_date}前在{country}完成维修：{component}。"
        "我们将用{contact_language}回复您。",
        "plural": ("您有 {count} 个未结工单。",),
        "confirm": "要为您的{component}创建工单吗？",
        "yes": "好的，创建",
    },
}


@pytest.fixture(scope="module")
def test_domain() -> Any:
    from rasa.shared.core.domain import Domain

    return Domain.from_yaml(TEST_DOMAIN)


@pytest.fixture(scope="module")
def test_locales(tmp_path_factory: pytest.TempPathFactory, test_domain: Any) -> Path:
    """The real catalogs plus translations of the test domain's responses."""
    locales = tmp_path_factory.mktemp("locales")
    shutil.copytree(LOCALES, locales, dirs_exist_ok=True)
    summary = SUMMARY
    plural = ("You have {count} open case.", "You have {count} open cases.")
    confirm = test_domain.responses["utter_test_confirm"][0]["text"]
    for language, texts in TEST_TRANSLATIONS.items():
        path = locales / language / "LC_MESSAGES" / "messages.po"
        catalog = read_catalog(path, language)
        catalog.add(summary, texts["summary"], context="utter_test_case_summary")
        catalog.add(plural, texts["plural"], context="utter_test_open_cases")
        catalog.add(confirm, texts["confirm"], context="utter_test_confirm")
        catalog.add("Yes, open it", texts["yes"], context="utter_test_confirm")
        with path.open("wb") as po_file:
            write_po(po_file, catalog)
    return locales


@pytest.fixture()
def nlg(test_domain: Any, test_locales: Path) -> Any:
    from bot.nlg import CatalogNLG

    return CatalogNLG(domain=test_domain, catalogs=Catalogs(test_locales))


def render(nlg: Any, response: str, language: str | None, **values: Any) -> dict[str, Any]:
    slots = {"language": language, "component": None}
    rendered = nlg.generate_from_slots(response, slots, "rest", **values)
    assert rendered is not None
    return rendered


CASE_VALUES = {
    "case_id": "5000000017",
    "case_status": "in_progress",
    "component": ["display", "storage"],
    "repair_date": "2026-11-23",
    "country": "DK",
    "contact_language": "fr",
}

EXPECTED_SUMMARIES = {
    "en": "Case 50 0000 0017 is being worked on: screen and storage drive to be repaired by "
    "November 23, 2026 in Denmark. We'll reply in French.",
    "nl": "Case 50 0000 0017 is in behandeling. Reparatie uiterlijk 23 november 2026 in "
    "Denemarken: scherm en opslagschijf. We antwoorden in het Frans.",
    "da": "Sag 50 0000 0017 er under behandling. Reparation senest 23. november 2026 i "
    "Danmark: skærm og lagerdrev. Vi svarer på fransk.",
    "fr": "Le dossier 50 0000 0017 est en cours de traitement. Réparation d'ici le "
    "23 novembre 2026 (Danemark) : écran et disque de stockage. Nous vous répondrons en "
    "français.",
    "de": "Fall 50 0000 0017 ist in Bearbeitung. Reparatur bis 23. November 2026 in "
    "Dänemark: Bildschirm und Laufwerk. Wir antworten auf Französisch.",
    "zh": "工单 50 0000 0017 处理中。2026年11月23日前在丹麦完成维修：屏幕和硬盘。"
    "我们将用法语回复您。",
}


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_renders_translated_text_with_formatted_values(nlg: Any, language: str) -> None:
    rendered = render(nlg, "utter_test_case_summary", language, **CASE_VALUES)
    assert rendered["text"] == EXPECTED_SUMMARIES[language]


@pytest.mark.parametrize("language", [None, "", "it", "xx", 42])
def test_unknown_or_missing_language_falls_back_to_english(nlg: Any, language: Any) -> None:
    rendered = render(nlg, "utter_test_case_summary", language, **CASE_VALUES)
    assert rendered["text"] == EXPECTED_SUMMARIES["en"]


def test_language_tags_and_names_are_understood(nlg: Any) -> None:
    assert (
        render(nlg, "utter_test_case_summary", "nl-BE", **CASE_VALUES)["text"]
        == (EXPECTED_SUMMARIES["nl"])
    )


def test_missing_placeholder_is_left_visible_and_logged(
    nlg: Any, caplog: pytest.LogCaptureFixture
) -> None:
    values = {k: v for k, v in CASE_VALUES.items() if k != "repair_date"}
    with caplog.at_level(logging.WARNING, logger="bot.nlg"):
        rendered = render(nlg, "utter_test_case_summary", "de", **values)
    assert rendered["text"] == EXPECTED_SUMMARIES["de"].replace(
        "23. November 2026", "{repair_date}"
    )
    assert any("{repair_date}" in record.getMessage() for record in caplog.records)


def test_invalid_values_are_shown_as_given(nlg: Any) -> None:
    values = {
        **CASE_VALUES,
        "case_id": "123",
        "case_status": "lost",
        "repair_date": "soon",
        "country": "Atlantis",
        "component": "flux_capacitor",
    }
    rendered = render(nlg, "utter_test_case_summary", "en", **values)
    assert rendered["text"] == (
        "Case 123 is lost: flux_capacitor to be repaired by soon in Atlantis. We'll reply in French."
    )


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "You have 1 open case."),
        ("en", 0, "You have 0 open cases."),
        ("en", 1500, "You have 1,500 open cases."),
        ("nl", 1, "Je hebt 1 open case."),
        ("nl", 2, "Je hebt 2 open cases."),
        ("da", 3, "Du har 3 åbne sager."),
        ("fr", 0, "Vous avez 0 dossier ouvert."),
        ("fr", 2, "Vous avez 2 dossiers ouverts."),
        ("de", 1, "Sie haben 1 offenen Fall."),
        ("de", 1000, "Sie haben 1.000 offene Fälle."),
        ("zh", 1, "您有 1 个未结工单。"),
        ("zh", 7, "您有 7 个未结工单。"),
    ],
)
def test_plural_responses_choose_the_languages_form(
    nlg: Any, language: str, count: int, expected: str
) -> None:
    rendered = render(nlg, "utter_test_open_cases", language, count=count)
    assert rendered["text"] == expected
    assert "metadata" not in rendered  # `metadata.plural` is source text, not output


def test_buttons_titles_are_translated_and_payloads_get_raw_values(nlg: Any) -> None:
    rendered = render(nlg, "utter_test_confirm", "da", component="display", case_id="5000000017")
    assert rendered["text"] == "Skal jeg oprette en sag for din skærm?"
    assert rendered["buttons"] == [
        {"title": "Ja, opret den", "payload": '/affirm{"case_id": "5000000017"}'},
        {"title": "No", "payload": "/deny"},  # not translated in the test catalogs: English
    ]


def test_channel_specific_variants_are_chosen_as_rasa_does(nlg: Any) -> None:
    rendered = nlg.generate_from_slots("utter_test_confirm", {"language": "en"}, "voice")
    assert rendered == {"text": "Say yes or no.", "channel": "voice"}


def test_catalogs_are_read_once_per_language(
    test_domain: Any, test_locales: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.nlg import CatalogNLG

    reads: list[str] = []
    real_read_po = careline.i18n.read_po

    def counting_read_po(fileobj: Any, **kwargs: Any) -> Catalog:
        reads.append(kwargs["locale"])
        return real_read_po(fileobj, **kwargs)

    monkeypatch.setattr(careline.i18n, "read_po", counting_read_po)
    nlg = CatalogNLG(domain=test_domain, catalogs=Catalogs(test_locales))
    assert reads == []  # nothing is loaded before it is needed
    for _ in range(3):
        for language in ("nl", "zh"):
            render(nlg, "utter_test_case_summary", language, **CASE_VALUES)
    assert reads == ["nl", "zh"]


# --- 3. through Rasa ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def domain() -> Any:
    from rasa.shared.core.domain import Domain

    return Domain.from_path(REPO / "domain")


def tracker_in(language: str, domain: Any) -> Any:
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.trackers import DialogueStateTracker

    return DialogueStateTracker.from_events("test", [SlotSet("language", language)], domain.slots)


def translation(language: str, context: str, msgid: str) -> str:
    catalog = read_catalog(LOCALES / language / "LC_MESSAGES" / "messages.po", language)
    message = catalog.get(msgid, context=context)
    assert message is not None and message.string, f"{context} not translated into {language}"
    return str(message.string)


def test_generate_for_a_dutch_tracker(domain: Any) -> None:
    from bot.nlg import CatalogNLG

    english = domain.responses["utter_greet"][0]["text"]
    rendered = asyncio.run(
        CatalogNLG(domain=domain).generate("utter_greet", tracker_in("nl", domain), "rest")
    )
    assert rendered is not None
    assert rendered["text"] == translation("nl", "utter_greet", english)
    assert rendered["text"] != english


def test_rasa_creates_the_nlg_from_the_endpoint_config_and_gives_it_the_responses(
    domain: Any,
) -> None:
    from rasa.core.agent import Agent
    from rasa.core.nlg import NaturalLanguageGenerator, TemplatedNaturalLanguageGenerator
    from rasa.utils.endpoints import EndpointConfig

    from bot.nlg import CatalogNLG

    config = EndpointConfig(type="bot.nlg.CatalogNLG")
    created = NaturalLanguageGenerator.create(config, None)
    assert isinstance(created, CatalogNLG)
    # `rasa run` builds the NLG before loading a model and then sets `responses` on
    # TemplatedNaturalLanguageGenerator instances only (Agent.load_model).
    assert isinstance(created, TemplatedNaturalLanguageGenerator)

    agent = Agent(domain=domain, generator=config)
    assert isinstance(agent.nlg, CatalogNLG)
    english = domain.responses["utter_goodbye"][0]["text"]
    rendered = asyncio.run(agent.nlg.generate("utter_goodbye", tracker_in("de", domain), "rest"))
    assert rendered == {"text": translation("de", "utter_goodbye", english)}


def test_action_bot_response_utters_in_the_conversation_language(domain: Any) -> None:
    from rasa.core.actions.action import ActionBotResponse
    from rasa.core.channels.channel import CollectingOutputChannel

    from bot.nlg import CatalogNLG

    english = domain.responses["utter_default"][0]["text"]
    events = asyncio.run(
        ActionBotResponse("utter_default").run(
            CollectingOutputChannel(), CatalogNLG(domain=domain), tracker_in("fr", domain), domain
        )
    )
    assert [event.text for event in events] == [translation("fr", "utter_default", english)]


def test_custom_action_arguments_are_formatted(nlg: Any, test_domain: Any) -> None:
    """What `dispatcher.utter_message(response=..., **kwargs)` sends, as Rasa handles it."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels.channel import CollectingOutputChannel

    sdk_message = {  # rasa_sdk's CollectingDispatcher.utter_message payload
        "text": None,
        "buttons": [],
        "elements": [],
        "custom": {},
        "template": "utter_test_case_summary",
        "response": "utter_test_case_summary",
        "image": None,
        "attachment": None,
        **CASE_VALUES,
    }
    events = asyncio.run(
        RemoteAction._utter_responses(
            [sdk_message], CollectingOutputChannel(), nlg, tracker_in("zh", test_domain)
        )
    )
    assert [event.text for event in events] == [EXPECTED_SUMMARIES["zh"]]


def test_endpoints_yml_uses_the_catalog_nlg() -> None:
    from rasa.core.utils import AvailableEndpoints

    endpoints = AvailableEndpoints.read_endpoints(str(REPO / "endpoints.yml"))
    assert endpoints.nlg is not None, "endpoints.yml has no `nlg:` section"
    assert endpoints.nlg.type == "bot.nlg.CatalogNLG"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_guide_steps_and_csr_outlines_render_in_every_language(domain: Any, language: str) -> None:
    """Texts of data files (guides, CSR catalogue) come through the NLG translated."""
    from bot.nlg import CatalogNLG

    prompt = "Does a light come on?"
    step = {
        "step_text": {"msgctxt": "guide:no_power", "msgid": "Let's check the paper path."},
        "step_prompt": {"msgctxt": "guide:no_power", "msgid": prompt},
    }
    nlg = CatalogNLG(domain=domain)
    rendered = nlg.generate_from_slots("utter_guide_step", {"language": language}, "rest", **step)
    assert rendered is not None
    expected = prompt if language == "en" else translation(language, "guide:no_power", prompt)
    assert rendered["text"].endswith(expected)
    offer = nlg.generate_from_slots(
        "utter_csr_offer_courier",
        {"language": language},
        "rest",
        csr_part="ac_adapter",
        csr_skill="easy",
        csr_steps=[
            {"msgctxt": "csr", "msgid": "Shut the computer down."},
            {
                "msgctxt": "csr",
                "msgid": "Unplug the old adapter from the wall socket and from the computer.",
            },
        ],
    )
    assert offer is not None
    lines = offer["text"].split("\n")
    assert lines[1].startswith("1. ") and lines[2].startswith("2. "), offer["text"]
    assert "{" not in offer["text"]


@pytest.mark.parametrize(
    ("language", "count", "fragment"),
    [("en", 20, "but I read 20."), ("en", 1, "only one"), ("fr", 20, "j'en ai lu 20"),
     ("de", 1, "nur ein Zeichen"), ("zh", 20, "只读到了 20 位")],
)  # fmt: skip
def test_plural_and_voice_variants(domain: Any, language: str, count: int, fragment: str) -> None:
    from bot.nlg import CatalogNLG

    nlg = CatalogNLG(domain=domain)
    slots = {"language": language}
    text = nlg.generate_from_slots("utter_invalid_failure_id", slots, "rest", count=count)
    assert text is not None and fragment in text["text"]
    voice = nlg.generate_from_slots("utter_invalid_failure_id", slots, "voice", count=count)
    assert voice is not None and voice["text"] != text["text"]
    report = nlg.generate_from_slots(
        "utter_self_test_report", slots, "voice", report_url="http://x/report"
    )
    assert report is not None and "http" not in report["text"]
