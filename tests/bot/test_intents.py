"""LinearIntentClassifier: confidences, retrieval answers, persistence, Rasa's graph."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from bot.intents import ignore_response_selector_warning, softmax, sub_intents, top_level

if TYPE_CHECKING:
    from rasa.shared.nlu.training_data.message import Message

    from bot.intents import LinearIntentClassifier
    from bot.tokenizer import CarelineTokenizer
    from tests.bot.conftest import TrainTinyNlu

LABELS = ["affirm", "faq/not_covered", "faq/support_hours", "greet"]


# --- pure functions -------------------------------------------------------------------


def test_softmax_sums_to_one_and_keeps_the_order() -> None:
    p = softmax(np.array([0.2, -1.0, 0.9]), temperature=10.0)
    assert p.sum() == pytest.approx(1.0)
    assert list(np.argsort(-p)) == [2, 0, 1]
    assert p[2] > 0.99  # a margin of 0.7 at temperature 10 is a sure answer


def test_softmax_temperature_sharpens() -> None:
    scores = np.array([0.3, 0.1])
    assert softmax(scores, 20.0)[0] > softmax(scores, 2.0)[0] > 0.5


def test_softmax_survives_large_scores() -> None:
    p = softmax(np.array([500.0, 499.0]), temperature=10.0)
    assert np.isfinite(p).all() and p.sum() == pytest.approx(1.0)


def test_top_level_sums_sub_intents_of_a_retrieval_intent() -> None:
    # Two FAQ answers compete (0.3 / 0.25) but together they beat greet (0.4).
    ranking = top_level(LABELS, np.array([0.05, 0.3, 0.25, 0.4]))
    assert ranking[0] == ("faq", pytest.approx(0.55))
    assert [name for name, _ in ranking] == ["faq", "greet", "affirm"]


def test_sub_intents_are_normalised_among_themselves() -> None:
    ranked = sub_intents(LABELS, np.array([0.05, 0.3, 0.1, 0.55]), "faq")
    assert [key for key, _ in ranked] == ["faq/not_covered", "faq/support_hours"]
    assert ranked[0][1] == pytest.approx(0.75)
    assert sum(p for _, p in ranked) == pytest.approx(1.0)


def test_sub_intents_of_an_unknown_retrieval_intent_is_empty() -> None:
    assert sub_intents(LABELS, np.array([0.25] * 4), "chitchat") == []


# --- a trained component ----------------------------------------------------------------

NLU = """
version: "3.1"
nlu:
  - intent: greet
    examples: |
      - hello
      - hi there
      - good morning
      - hallo
      - goedemorgen
      - 你好
      - 早上好
  - intent: affirm
    examples: |
      - yes
      - yes please
      - correct
      - ja
      - ja graag
      - 是的
      - 对
  - intent: faq/support_hours
    examples: |
      - when are you open
      - what are your opening hours
      - wanneer zijn jullie open
      - 你们几点上班
      - 客服什么时候有人
  - intent: faq/not_covered
    examples: |
      - is accidental damage covered
      - does the warranty cover a broken screen I dropped
      - valt waterschade onder de garantie
      - 进水保修吗
      - 摔坏了保修吗
responses:
  utter_faq/support_hours:
    - text: "hours"
  utter_faq/not_covered:
    - text: "not covered"
"""


@pytest.fixture(scope="module")
def trained(
    tmp_path_factory: pytest.TempPathFactory, nlu_tokenizer: CarelineTokenizer
) -> tuple[LinearIntentClassifier, Any, Any]:
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    from bot.intents import LinearIntentClassifier

    data = RasaYAMLReader().reads(NLU)
    nlu_tokenizer.process_training_data(data)
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    resource = Resource("intents")
    context = ExecutionContext(GraphSchema({}), "test")
    component = LinearIntentClassifier.create(
        LinearIntentClassifier.get_default_config(), storage, resource, context
    )
    component.train(data)
    return component, storage, resource


def _parse(component: LinearIntentClassifier, tokenizer: CarelineTokenizer, text: str) -> Message:
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text})
    tokenizer.process([message])
    component.process([message])
    return message


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hello there", "greet"),
        ("goedemorgen allemaal", "greet"),
        ("你好啊", "greet"),
        ("yes correct", "affirm"),
        ("when are you opening", "faq"),
        ("进水了保修吗", "faq"),
    ],
)
def test_classifies_in_several_languages(
    trained: tuple[LinearIntentClassifier, Any, Any],
    nlu_tokenizer: CarelineTokenizer,
    text: str,
    intent: str,
) -> None:
    message = _parse(trained[0], nlu_tokenizer, text)
    assert message.get("intent")["name"] == intent
    ranking = message.get("intent_ranking")
    assert ranking[0]["name"] == intent
    assert [r["confidence"] for r in ranking] == sorted(
        (r["confidence"] for r in ranking), reverse=True
    )
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0, abs=1e-5)


def test_faq_answer_in_rasas_response_selector_shape(
    trained: tuple[LinearIntentClassifier, Any, Any], nlu_tokenizer: CarelineTokenizer
) -> None:
    message = _parse(trained[0], nlu_tokenizer, "is a screen I dropped covered by warranty")
    assert message.get("intent")["name"] == "faq"
    selector = message.get("response_selector")
    assert selector["all_retrieval_intents"] == ["faq"]
    response = selector["faq"]["response"]
    assert response["intent_response_key"] == "faq/not_covered"
    assert response["utter_action"] == "utter_faq/not_covered"
    assert response["responses"] == [{"text": "not covered"}]
    assert 0.5 < response["confidence"] <= 1.0
    keys = [r["intent_response_key"] for r in selector["faq"]["ranking"]]
    assert keys == ["faq/not_covered", "faq/support_hours"]


def test_persisted_model_loads_and_predicts_the_same(
    trained: tuple[LinearIntentClassifier, Any, Any], nlu_tokenizer: CarelineTokenizer
) -> None:
    from rasa.engine.graph import ExecutionContext, GraphSchema

    from bot.intents import LinearIntentClassifier

    component, storage, resource = trained
    loaded = LinearIntentClassifier.load(
        LinearIntentClassifier.get_default_config(),
        storage,
        resource,
        ExecutionContext(GraphSchema({}), "test"),
    )
    assert loaded.labels == component.labels
    for text in ("wanneer open", "yes", "摔坏了"):
        before = _parse(component, nlu_tokenizer, text)
        after = _parse(loaded, nlu_tokenizer, text)
        ranked_before, ranked_after = before.get("intent_ranking"), after.get("intent_ranking")
        assert [r["name"] for r in ranked_after] == [r["name"] for r in ranked_before]
        assert [r["confidence"] for r in ranked_after] == pytest.approx(
            [r["confidence"] for r in ranked_before]
        )
        selected = after.get("response_selector")["faq"]["response"]
        assert (
            selected["intent_response_key"]
            == (before.get("response_selector")["faq"]["response"]["intent_response_key"])
        )


def test_untrained_component_gives_no_intent(
    tmp_path: Path, nlu_tokenizer: CarelineTokenizer
) -> None:
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    from bot.intents import LinearIntentClassifier

    storage = LocalModelStorage(tmp_path)
    loaded = LinearIntentClassifier.load(
        {}, storage, Resource("nothing"), ExecutionContext(GraphSchema({}), "test")
    )
    message = _parse(loaded, nlu_tokenizer, "hello")
    assert message.get("intent") == {"name": None, "confidence": 0.0}
    assert message.get("intent_ranking") == []


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_a_message_without_known_features_gets_no_intent(
    trained: tuple[LinearIntentClassifier, Any, Any], nlu_tokenizer: CarelineTokenizer, text: str
) -> None:
    # Not the intent with the largest bias at full confidence: the fallback answers.
    message = _parse(trained[0], nlu_tokenizer, text)
    assert message.get("intent") == {"name": None, "confidence": 0.0}
    assert message.get("intent_ranking") == []
    assert message.get("response_selector") is None


def test_two_intents_give_a_two_way_ranking(
    tmp_path: Path, nlu_tokenizer: CarelineTokenizer
) -> None:
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    from bot.intents import LinearIntentClassifier

    data = RasaYAMLReader().reads(
        'version: "3.1"\nnlu:\n  - intent: greet\n    examples: |\n      - hello\n'
        "      - hi there\n  - intent: affirm\n    examples: |\n      - yes\n      - yes please\n"
    )
    nlu_tokenizer.process_training_data(data)
    component = LinearIntentClassifier.create(
        {}, LocalModelStorage(tmp_path), Resource("two"), ExecutionContext(GraphSchema({}), "t")
    )
    component.train(data)
    for text, intent in (("hello", "greet"), ("yes please", "affirm")):
        message = _parse(component, nlu_tokenizer, text)
        assert message.get("intent")["name"] == intent
        assert {r["name"] for r in message.get("intent_ranking")} == {"greet", "affirm"}
        assert message.get("response_selector") is None  # no retrieval intents


# --- through Rasa's training graph -------------------------------------------------------

PIPELINE = """
recipe: default.v1
assistant_id: careline-test
language: en
pipeline:
  - name: bot.tokenizer.CarelineTokenizer
  - name: bot.intents.LinearIntentClassifier
  - name: FallbackClassifier
    threshold: 0.5
"""


def test_trains_in_rasa_without_a_response_selector_warning(
    train_tiny_nlu: TrainTinyNlu,
) -> None:
    from rasa.core.agent import Agent

    # The filter is installed as when Rasa imports the component.
    model, caught = train_tiny_nlu(NLU, PIPELINE, before=ignore_response_selector_warning)
    assert not [w for w in caught if "response selector" in str(w.message)]

    agent = Agent.load(model)
    for blank in ("", "   "):  # FallbackClassifier needs an intent, even for nothing
        assert asyncio.run(agent.parse_message(blank))["intent"]["name"] == "nlu_fallback"
    parsed = asyncio.run(agent.parse_message("what are your opening hours"))
    assert parsed["intent"]["name"] == "faq"
    assert parsed["response_selector"]["faq"]["response"]["utter_action"] == (
        "utter_faq/support_hours"
    )
