"""Careline's intent classifier: a linear SVM over TF-IDF character and word n-grams.

One model classifies the messages of six languages into the intents of contracts §2,
retrieval intents included (``faq/support_hours`` is a label of its own). It replaces
DIET and the ResponseSelector: on Careline's data (~9,400 examples, ~45 labels, six
languages) a linear model over sublinear TF-IDF n-grams scored higher on every
development set and every held-out set than DIET at any size that trains in the
time budget, and trains in seconds instead of minutes (README, "Pipeline tuning on
evidence"; `make eval-nlu-dev`, `make eval-nlu`). Character n-grams within words
(``char_wb``, 1–5) carry typos, compounds and inflection across the Latin-script
languages and the characters of Chinese; word uni- and bigrams over
`CarelineTokenizer`'s tokens (jieba words for Chinese) add precision.

Confidence: an SVM's scores are margins, not probabilities. They become a ranking by
a softmax with a fixed ``temperature`` (scores × temperature); the confidence of a
retrieval intent (``faq``) is the sum over its sub-intents, so `FallbackClassifier`
sees "this is a knowledge question" as sure even when two FAQ answers compete.

Output, in Rasa's shapes, so the rest of the bot is unchanged:

- ``intent`` and ``intent_ranking`` (top-level intents);
- ``response_selector``: for each retrieval intent, the chosen sub-intent with its
  ``utter_action`` (``utter_faq/support_hours``, answered by the NLG from the
  catalogs), the confidence among the sub-intents and their ranking, exactly as
  Rasa's ResponseSelector reports them.

The trained model is stored as JSON (vocabularies, labels, configuration) and NumPy
arrays (idf weights, SVM weights), not as a pickle.
"""

from __future__ import annotations

import json
import logging
import warnings
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.text import fold_width

logger = logging.getLogger(__name__)


def ignore_response_selector_warning() -> None:
    """Silence Rasa's "no response selector in your configuration" warning.

    This component selects the FAQ answers; Rasa's recipe validator, which only knows
    its own ResponseSelector, would warn at every training that nothing does. Called
    when this module is imported, which Rasa does before it validates the recipe.
    """
    warnings.filterwarnings(
        "ignore", message="You have defined training data with examples for training a response"
    )


ignore_response_selector_warning()

RESPONSE_SELECTOR_PROPERTY = "response_selector"  # Rasa's parse-data key
RETRIEVAL_SEPARATOR = "/"  # "faq/support_hours"
_ARRAYS = "arrays.npz"
_META = "model.json"
_WORD = r"\S+"  # a word is a token of CarelineTokenizer; `document` joins them by spaces


def document(message: Message) -> tuple[str, str]:
    """The two views of a message the vectorisers read: folded text and its tokens.

    Returns:
        (characters, words): the text width-folded and lower-cased, for character
        n-grams; the tokenizer's tokens joined by spaces, for word n-grams (for
        Chinese, jieba's words). Without tokens, words are the text's own.
    """
    text = fold_width(str(message.get(TEXT) or "")).lower()
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    words = " ".join(token.text.lower() for token in tokens) if tokens else text
    return text, words


def label_of(message: Message) -> str | None:
    """A training example's label: the full retrieval key (``faq/x``) or the intent."""
    label = message.get(INTENT_RESPONSE_KEY) or message.get(INTENT)
    return str(label) if label else None


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Row-wise softmax of ``scores × temperature``."""
    scaled = scores * temperature
    scaled = scaled - scaled.max(axis=-1, keepdims=True)
    exp = np.exp(scaled)
    probabilities: np.ndarray = exp / exp.sum(axis=-1, keepdims=True)
    return probabilities


def top_level(labels: list[str], probabilities: np.ndarray) -> list[tuple[str, float]]:
    """Intent confidences, a retrieval intent's being the sum of its sub-intents'.

    Returns:
        (intent, confidence) pairs, most confident first.
    """
    totals: dict[str, float] = {}
    for label, probability in zip(labels, probabilities, strict=True):
        intent = label.split(RETRIEVAL_SEPARATOR, 1)[0]
        totals[intent] = totals.get(intent, 0.0) + float(probability)
    return sorted(totals.items(), key=lambda item: -item[1])


def sub_intents(
    labels: list[str], probabilities: np.ndarray, retrieval_intent: str
) -> list[tuple[str, float]]:
    """A retrieval intent's sub-intents with their confidence among themselves.

    Returns:
        (intent_response_key, confidence) pairs, most confident first; the
        confidences sum to 1.
    """
    prefix = retrieval_intent + RETRIEVAL_SEPARATOR
    pairs = [
        (label, float(p))
        for label, p in zip(labels, probabilities, strict=True)
        if label.startswith(prefix)
    ]
    total = sum(p for _, p in pairs) or 1.0
    return sorted(((label, p / total) for label, p in pairs), key=lambda item: -item[1])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Linear SVM over TF-IDF n-grams; intents and retrieval answers (module docstring).

    Config keys:

    - ``C`` (1.0): the SVM's inverse regularisation strength;
    - ``class_weight`` ("balanced"): errors on an intent with few examples weigh
      more (its weight is inversely proportional to its count); null weighs every
      example alike;
    - ``temperature`` (10.0): scores × temperature before the softmax;
    - ``char_ngrams`` ([1, 5]) and ``word_ngrams`` ([1, 2]): n-gram ranges;
    - ``min_df`` (2): character n-grams seen in fewer examples are dropped;
    - ``ranking_length`` (10): intents reported in ``intent_ranking``
      (0 reports all).
    """

    @classmethod
    def required_components(cls) -> list[type]:
        """Components that must run before this one: a tokenizer (for words)."""
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the component's default config (see the class docstring)."""
        return {
            "C": 1.0,
            "class_weight": "balanced",
            "temperature": 10.0,
            "char_ngrams": [1, 5],
            "word_ngrams": [1, 2],
            "min_df": 2,
            "ranking_length": 10,
        }

    @staticmethod
    def required_packages() -> list[str]:
        """Return the Python packages this component needs."""
        return ["sklearn", "numpy"]

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._labels: list[str] = []
        self._retrieval_intents: list[str] = []  # "faq": derived from the labels
        self._responses: dict[str, list[dict[str, Any]]] = {}
        self._vectorizers: tuple[Any, Any] | None = None
        self._weights: np.ndarray | None = None  # (features, labels)
        self._bias: np.ndarray | None = None  # (labels,)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        """Create an untrained component (see Rasa's `GraphComponent.create`)."""
        return cls(config, model_storage, resource)

    # --- training -----------------------------------------------------------------

    def _new_vectorizers(self) -> tuple[Any, Any]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        characters = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=tuple(self._config["char_ngrams"]),
            min_df=self._config["min_df"],
            sublinear_tf=True,
            lowercase=False,
            dtype=np.float32,
        )
        words = TfidfVectorizer(
            analyzer="word",
            ngram_range=tuple(self._config["word_ngrams"]),
            token_pattern=_WORD,
            sublinear_tf=True,
            lowercase=False,
            dtype=np.float32,
        )
        return characters, words

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the vectorisers and the SVM on the intent examples; persist them."""
        from scipy.sparse import hstack
        from sklearn.svm import LinearSVC

        examples = [m for m in training_data.intent_examples if label_of(m)]
        labels = [str(label_of(m)) for m in examples]
        if len(set(labels)) < 2:
            logger.warning("Fewer than two intents in the training data: nothing to classify.")
            return self._resource
        documents = [document(m) for m in examples]
        characters, words = self._new_vectorizers()
        features = hstack(
            [
                characters.fit_transform([c for c, _ in documents]),
                words.fit_transform([w for _, w in documents]),
            ]
        ).tocsr()
        svm = LinearSVC(
            C=self._config["C"], class_weight=self._config["class_weight"], random_state=42
        ).fit(features, labels)
        self._set_labels([str(label) for label in svm.classes_])
        if len(self._labels) == 2:  # a binary SVM has one weight vector: expand it
            coef = np.vstack([-svm.coef_[0], svm.coef_[0]])
            bias = np.array([-svm.intercept_[0], svm.intercept_[0]])
        else:
            coef, bias = svm.coef_, svm.intercept_
        self._weights = np.ascontiguousarray(coef.T, dtype=np.float32)
        self._bias = bias.astype(np.float32)
        self._vectorizers = (characters, words)
        self._responses = {
            name: [dict(r) for r in responses]
            for name, responses in training_data.responses.items()
        }
        self.persist()
        return self._resource

    # --- prediction ---------------------------------------------------------------

    def probabilities(self, message: Message) -> np.ndarray | None:
        """The message's probability per label (``self.labels``).

        Returns:
            None when the model is untrained or the message has no known feature.
        """
        if self._vectorizers is None or self._weights is None or self._bias is None:
            return None
        from scipy.sparse import hstack

        characters, words = self._vectorizers
        char_text, word_text = document(message)
        features = hstack([characters.transform([char_text]), words.transform([word_text])]).tocsr()
        if features.nnz == 0:  # nothing the model has seen: no evidence for any intent
            return None
        scores = features @ self._weights + self._bias
        return softmax(np.asarray(scores)[0], float(self._config["temperature"]))

    def _set_labels(self, labels: list[str]) -> None:
        self._labels = labels
        self._retrieval_intents = sorted(
            {
                label.split(RETRIEVAL_SEPARATOR, 1)[0]
                for label in labels
                if RETRIEVAL_SEPARATOR in label
            }
        )

    @property
    def labels(self) -> list[str]:
        """The labels the model knows (full retrieval keys included)."""
        return list(self._labels)

    def process(self, messages: list[Message]) -> list[Message]:
        """Set intent, intent ranking and retrieval answers on each message.

        A message with no text, or none the model knows a feature of ("   "), gets
        no intent with confidence 0, as Rasa's own classifiers do, so that
        `FallbackClassifier` answers it instead of the bias of some intent.
        """
        for message in messages:
            text = message.get(TEXT)
            probabilities = self.probabilities(message) if isinstance(text, str) else None
            if probabilities is None:
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
                continue
            self._set_intent(message, probabilities)
        return messages

    def _set_intent(self, message: Message, probabilities: np.ndarray) -> None:
        ranking = top_level(self._labels, probabilities)
        length = int(self._config["ranking_length"]) or len(ranking)
        best, confidence = ranking[0]
        message.set(INTENT, {"name": best, "confidence": confidence}, add_to_output=True)
        message.set(
            INTENT_RANKING_KEY,
            [{"name": name, "confidence": p} for name, p in ranking[:length]],
            add_to_output=True,
        )
        retrieval_intents = self._retrieval_intents
        if not retrieval_intents:
            return
        selectors: dict[str, Any] = {"all_retrieval_intents": list(retrieval_intents)}
        for retrieval_intent in retrieval_intents:
            ranked = sub_intents(self._labels, probabilities, retrieval_intent)
            key, sub_confidence = ranked[0]
            utter_action = f"utter_{key}"
            selectors[retrieval_intent] = {
                "response": {
                    "responses": self._responses.get(utter_action, [{TEXT: key}]),
                    "confidence": sub_confidence,
                    INTENT_RESPONSE_KEY: key,
                    "utter_action": utter_action,
                },
                "ranking": [
                    {"id": index, "confidence": p, INTENT_RESPONSE_KEY: label}
                    for index, (label, p) in enumerate(ranked)
                ],
            }
        message.set(RESPONSE_SELECTOR_PROPERTY, selectors, add_to_output=True)

    # --- persistence --------------------------------------------------------------

    def persist(self) -> None:
        """Write vocabularies, labels and responses (JSON) and weights (NumPy)."""
        if self._vectorizers is None or self._weights is None or self._bias is None:
            return
        characters, words = self._vectorizers
        with self._model_storage.write_to(self._resource) as directory:
            meta = {
                "labels": self._labels,
                "responses": self._responses,
                "characters": {k: int(v) for k, v in characters.vocabulary_.items()},
                "words": {k: int(v) for k, v in words.vocabulary_.items()},
            }
            (directory / _META).write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
            np.savez_compressed(
                directory / _ARRAYS,
                characters_idf=characters.idf_,
                words_idf=words.idf_,
                weights=self._weights,
                bias=self._bias,
            )

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        """Load a trained component; an untrained one if nothing was stored."""
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as directory:
                meta = json.loads((directory / _META).read_text("utf-8"))
                with np.load(directory / _ARRAYS, allow_pickle=False) as arrays:
                    characters_idf = arrays["characters_idf"]
                    words_idf = arrays["words_idf"]
                    component._weights = arrays["weights"]
                    component._bias = arrays["bias"]
        except (ValueError, FileNotFoundError):
            logger.debug("No trained %s in the model: it will not classify.", cls.__name__)
            return component
        characters, words = component._new_vectorizers()
        characters.vocabulary_, characters.idf_ = meta["characters"], characters_idf
        words.vocabulary_, words.idf_ = meta["words"], words_idf
        component._vectorizers = (characters, words)
        component._set_labels(list(meta["labels"]))
        component._responses = meta["responses"]
        return component
