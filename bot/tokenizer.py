"""One tokenizer for all six languages: spaCy's rules per language, jieba for Chinese.

Rasa allows one tokenizer per pipeline, but Careline trains one model over English,
Dutch, Danish, French, German and Chinese. `CarelineTokenizer` therefore decides the
language of each message first (`bot.language_id`: metadata, then script, then
py3langid, then English) and tokenises with that language's spaCy tokenizer
(`spacy.blank(lang)`: rules only, no trained pipeline, nothing downloaded). Chinese
uses spaCy's jieba segmenter, whose dictionary ships with the jieba package.

Three things the stock tokenizers get wrong for a support bot, fixed here:

- Full-width characters from Chinese keyboards ("５ＣＧ３２０１ＡＢＣ") are mapped to
  ASCII *one character for one character* (`bot.text.fold_width`) before
  tokenising, so token offsets still point into the text the user sent. Token
  ``text`` is the folded form, so the featurizers see the same "5CG3201ABC" as in
  the training data.
- jieba glues ASCII to Chinese and tears e-mail addresses apart ("是5CG3201ABC",
  "zhang", "@", "example"...); spaCy splits "7KQ9-2JMX-4T8L-P3VW" at random
  hyphens. Tokens are cut at every boundary between CJK ideographs and other
  characters, and e-mail addresses, hyphenated codes containing a digit and
  product numbers with an option code ("2X3G5AV#ABH") are kept whole, so that
  entity annotations in the training data align with token boundaries in every
  language.
- Whichever language was decided, text containing CJK ideographs is segmented
  with jieba (no other tokenizer can split it) and Latin-script text with the
  decided language's rules (jieba cannot tokenise French elisions).

The decision is stored on the message (``language`` and ``language_source``) for
`bot.entities.CarelineEntityExtractor`, which reports it as a ``language`` entity
with role ``detected``.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import lexicon
from bot.language_id import LangidSettings, decide_language, load_identifier
from bot.text import fold_width, has_cjk, is_cjk
from careline.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

#: Message property holding the decided language code (one of the six).
LANGUAGE_PROPERTY = "language"
#: Message property holding where the decision came from (see `bot.language_id`).
LANGUAGE_SOURCE_PROPERTY = "language_source"
DETECTION_OUTPUT_PROPERTY = "language_detection"  # in parse data: {"language", "source"}

# Spans kept as one token whatever the language's rules say.
_KEEP_WHOLE = re.compile(
    r"""
    [A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}  # e-mail
    | (?<![A-Za-z0-9])[A-Za-z0-9]{5,8}\#[A-Za-z0-9]{3}(?![A-Za-z0-9])   # 2X3G5AV#ABH
    | (?<![A-Za-z0-9\-])(?=[A-Za-z0-9\-]*[0-9])                         # codes with a
      [A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?![A-Za-z0-9\-])                   # digit: 7KQ9-2JMX
    """,
    re.VERBOSE,
)

Span = tuple[int, int]

logger = logging.getLogger(__name__)


@functools.cache
def _spacy_tokenizer(language: str) -> Any:
    """Return the (cached) blank spaCy pipeline of a supported language.

    Created on first use per language: spaCy's language data costs 0.1–0.5 s to
    load, and most processes never see all six languages.
    """
    import spacy

    if language != "zh":
        return spacy.blank(language)
    import jieba

    # jieba logs its dictionary loading at DEBUG level to stderr; keep it quiet.
    jieba.setLogLevel(logging.WARNING)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    # Teach jieba the Chinese component words, so that e.g. "扩展坞" (dock) is one
    # token instead of "扩展" + "坞". jieba's dictionary is process-global.
    for phrases in lexicon.COMPONENT_SYNONYMS["zh"].values():
        for phrase in phrases:
            if len(phrase) > 1:
                jieba.add_word(phrase)
    return nlp


def preload() -> None:
    """Load every language's tokenizer and the language identifier now."""
    for language in SUPPORTED_LANGUAGES:
        _spacy_tokenizer(language)
    load_identifier()


def tokenization_language(text: str, decided: str) -> str:
    """Return the language whose tokenizer should segment `text`.

    Args:
        text: the message text.
        decided: the message language decided by `bot.language_id`.
    """
    if has_cjk(text):
        return "zh"
    if decided in SUPPORTED_LANGUAGES and decided != "zh":
        return decided
    return DEFAULT_LANGUAGE


def _split_at_script_boundaries(folded: str, spans: list[Span]) -> list[Span]:
    """Cut every span where CJK ideographs meet other characters ("是5CG" → 2)."""
    result: list[Span] = []
    for start, end in spans:
        piece_start = start
        for position in range(start + 1, end):
            if is_cjk(folded[position]) != is_cjk(folded[position - 1]):
                result.append((piece_start, position))
                piece_start = position
        result.append((piece_start, end))
    return result


# French elision ("l'écran", "d'alimentation", "qu'il"): split after the apostrophe
# whatever tokenizer ran, so a short French message detected as another language is
# segmented as French training data is. English contractions ("don't", "it's") do
# not match: the letter before the apostrophe must start the token.
_ELISION = re.compile(r"(?i)(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=\w{2})")


def _split_elisions(folded: str, spans: list[Span]) -> list[Span]:
    """Cut "l'" (and the other French elided words) off the word that follows."""
    result: list[Span] = []
    for start, end in spans:
        match = _ELISION.match(folded, start, end)
        if match and match.end() < end:
            result += [(start, match.end()), (match.end(), end)]
        else:
            result.append((start, end))
    return result


def _keep_whole(folded: str, spans: list[Span]) -> list[Span]:
    """Merge the spans that cover an e-mail address or a code into one span each.

    A span that straddles the edge of such a region keeps its outside part.
    """
    regions = [match.span() for match in _KEEP_WHOLE.finditer(folded)]
    if not regions:
        return spans
    result: list[Span] = []
    for start, end in spans:
        pieces = [(start, end)]
        for region_start, region_end in regions:
            next_pieces: list[Span] = []
            for piece_start, piece_end in pieces:
                if piece_end <= region_start or piece_start >= region_end:
                    next_pieces.append((piece_start, piece_end))
                    continue
                if piece_start < region_start:
                    next_pieces.append((piece_start, region_start))
                if piece_end > region_end:
                    next_pieces.append((region_end, piece_end))
            pieces = next_pieces
        result.extend(pieces)
    result.extend(regions)
    return sorted(set(result))


def tokenize_text(text: str, language: str) -> list[Token]:
    """Tokenise a text with the rules of a language (see the module docstring).

    Args:
        text: the text as the user sent it.
        language: the decided message language; Chinese rules are used anyway
            when the text contains CJK ideographs.

    Returns:
        Rasa tokens whose ``start``/``end`` index `text`, whose ``text`` is the
        width-folded form of ``text[start:end]`` (same length), in order. A text
        without any word yields one token covering all of it, as Rasa's
        whitespace tokenizer does.
    """
    folded = fold_width(text)
    nlp = _spacy_tokenizer(tokenization_language(folded, language))
    spans: list[Span] = [
        (token.idx, token.idx + len(token.text))
        for token in nlp.make_doc(folded)
        if token.text.strip()
    ]
    spans = _keep_whole(folded, _split_elisions(folded, _split_at_script_boundaries(folded, spans)))
    # Jieba may leave whitespace inside a token's edges; trim so offsets are tight.
    tokens: list[Token] = []
    for start, end in spans:
        piece = folded[start:end]
        stripped = piece.strip()
        if not stripped:
            continue
        start += len(piece) - len(piece.lstrip())
        tokens.append(Token(stripped, start, start + len(stripped)))
    if not tokens and text:
        tokens = [Token(folded, 0, len(folded))]
    return tokens


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class CarelineTokenizer(Tokenizer):
    """Language-aware tokenizer for the six Careline languages.

    Config keys, besides the `Tokenizer` base ones (``intent_tokenization_flag``,
    ``intent_split_symbol``, ``token_pattern``, ``prefix_separator_symbol``):

    - ``langid_min_probability``: py3langid probability needed (default 0.95);
    - ``langid_min_letters`` / ``langid_min_words``: a text is judged when it has
      at least this many letters *and* words (defaults 12 and 3);
    - ``langid_long_letters``: ... or at least this many letters (default 20);
    - ``preload`` (default True): load the six spaCy tokenizers, jieba's
      dictionary and py3langid when Rasa creates the component (model load),
      instead of on the first message of each language: French alone takes
      about 2.5 s to load, which a customer should not wait for.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the component's default config (see the class docstring)."""
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            "langid_min_probability": LangidSettings.min_probability,
            "langid_min_letters": LangidSettings.min_letters,
            "langid_min_words": LangidSettings.min_words,
            "langid_long_letters": LangidSettings.long_letters,
            "preload": True,
        }

    @staticmethod
    def required_packages() -> list[str]:
        """Return the Python packages this component needs."""
        return ["spacy", "jieba", "py3langid"]

    def __init__(self, config: dict[str, Any]) -> None:
        config = {**self.get_default_config(), **config}
        super().__init__(config)
        self._langid = LangidSettings(
            min_probability=float(config["langid_min_probability"]),
            min_letters=int(config["langid_min_letters"]),
            min_words=int(config["langid_min_words"]),
            long_letters=int(config["langid_long_letters"]),
        )

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CarelineTokenizer:
        """Create the component (see Rasa's `GraphComponent.create`)."""
        tokenizer = cls(config)
        if tokenizer._config.get("preload", True):
            preload()
        return tokenizer

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Tokenise one text attribute of a message.

        For the ``text`` attribute the language decision is stored on the
        message (``language``, ``language_source``); other attributes (responses
        of retrieval intents, action texts) are tokenised with their own
        decision, which is not stored.

        Args:
            message: the message (training example or user message).
            attribute: which attribute to tokenise.

        Returns:
            The tokens, after the configured ``token_pattern`` is applied.
        """
        text = message.get(attribute)
        metadata = message.get("metadata") if attribute == TEXT else None
        decision = decide_language(text, metadata, self._langid)
        if attribute == TEXT:
            message.set(LANGUAGE_PROPERTY, decision.code)
            message.set(LANGUAGE_SOURCE_PROPERTY, decision.source)
            # Also in the parse result, where the action server reads it to keep the
            # `language` slot in step with the customer (actions/validation.py).
            message.set(
                DETECTION_OUTPUT_PROPERTY,
                {"language": decision.code, "source": decision.source},
                add_to_output=True,
            )
        tokens: list[Token] = self._apply_token_pattern(tokenize_text(text, decision.code))
        return tokens
