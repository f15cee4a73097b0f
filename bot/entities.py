"""Rasa adapter that makes every entity value contract-normal (contracts §3).

A trained extractor (CRFEntityExtractor in Careline's pipeline; DIET in others) is
good at *where* an entity is in a sentence it has never seen, and bad at values: it
returns the span text ("5cg 3201 abc", "Nederland", "scherm") and it cannot check a
Luhn digit. `CarelineEntityExtractor` runs after it (and after
`EntitySynonymMapper`) and, for every message:

1. finds the structured entities by pattern (`bot.recognisers.find_structured`)
   and country/language/component names by look-up (`find_lexical`);
2. normalises the value of each entity the trained extractor found
   (`normalise_value`): "5cg 3201 abc" → "5CG3201ABC", "Nederland" → "NL",
   "Dutch" → "nl", "scherm" → "display"; person_name/company are only trimmed;
3. drops extracted entities whose value is not valid for their type (a "serial"
   of 9 characters), and keeps one entity per span: a pattern hit wins over
   anything overlapping it; an entity from the trained extractor wins over an
   overlapping look-up hit (it saw the context), unless the look-up hit covers more
   text than its entity ("Pays-Bas" is a country, not a person called "Bas");
4. adds a ``language`` entity with role ``detected`` carrying the message
   language decided by `bot.tokenizer.CarelineTokenizer`, when it came from
   evidence (metadata, script or py3langid, not the English default) and the
   message names no language itself ("can we speak Dutch?" wins).

Entities it adds have ``extractor: "CarelineEntityExtractor"`` and confidence 1.0
(``confidence_entity``, the key DIET uses, and ``confidence``, the one Duckling
uses); entities it only normalises keep their extractor and list
"CarelineEntityExtractor" under ``processors``. The detected-language entity has
no span in the text: its ``start`` and ``end`` are both 0.

National phone numbers ("06 5555 0123") are completed to E.164 with the country
named in the same message, else ``metadata.country`` if a channel sends one, else
the country of the message language when that language came from evidence (nl →
NL, da → DK, de → DE, fr → FR, zh → CN; English has no default country). Otherwise
the value is the number's digits as given ("0655550123"): finish it with
``careline.phones.normalise_phone(value, country)`` once the country is known.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_ROLE,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot import lexicon, recognisers
from bot.language_id import EVIDENCE_SOURCES
from bot.recognisers import (
    COUNTRY,
    FREE_TEXT_TYPES,
    LANGUAGE,
    LEXICAL_TYPES,
    STRUCTURED_TYPES,
    Hit,
)
from bot.tokenizer import LANGUAGE_PROPERTY, LANGUAGE_SOURCE_PROPERTY

#: Role of the language entity that reports the detected message language.
DETECTED_ROLE = "detected"

_CONFIDENCE_KEYS = ("confidence_entity", "confidence")

Entity = dict[str, Any]


def _strictly_inside(entity: Entity, start: int, end: int) -> bool:
    """Whether an entity lies within [start, end) and is shorter than it."""
    e_start = int(entity.get(ENTITY_ATTRIBUTE_START, 0))
    e_end = int(entity.get(ENTITY_ATTRIBUTE_END, 0))
    return start <= e_start and e_end <= end and (e_end - e_start) < (end - start)


def _overlaps(entity: Entity, start: int, end: int) -> bool:
    entity_start = entity.get(ENTITY_ATTRIBUTE_START)
    entity_end = entity.get(ENTITY_ATTRIBUTE_END)
    if not isinstance(entity_start, int) or not isinstance(entity_end, int):
        return False
    return entity_start < end and start < entity_end


def _metadata_region(metadata: Any) -> str | None:
    if not isinstance(metadata, Mapping):
        return None
    raw = metadata.get("country")
    if not isinstance(raw, str):
        return None
    return recognisers.normalise_value(COUNTRY, raw.strip().upper())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class CarelineEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Pattern and look-up extraction plus value normalisation (see module docstring).

    Config keys:

    - ``detected_language_entity`` (default True): add the ``language`` entity
      with role ``detected``;
    - ``lexical`` (default True): look up country, language and component names
      (set False to rely on DIET for those and only normalise its values);
    - ``phone_region_from_language`` (default True): complete national phone
      numbers with the country of the message language (nl → NL, da → DK,
      de → DE, fr → FR, zh → CN; `bot.lexicon.LANGUAGE_REGIONS`) when neither the
      message nor its metadata names a country and the language came from
      evidence. Set False to keep such numbers as national digits instead.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Return the component's default config (see the class docstring)."""
        return {
            "detected_language_entity": True,
            "lexical": True,
            "phone_region_from_language": True,
        }

    @staticmethod
    def required_packages() -> list[str]:
        """Return the Python packages this component needs."""
        return ["phonenumbers", "babel"]

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = {**self.get_default_config(), **config}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CarelineEntityExtractor:
        """Create the component (see Rasa's `GraphComponent.create`)."""
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        """Extract and normalise the entities of each message (see module docstring).

        Args:
            messages: the messages of this graph run (usually one user message).

        Returns:
            The same messages, with their ``entities`` replaced.
        """
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            entities = self.extract(message, text)
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def extract(self, message: Message, text: str) -> list[Entity]:
        """Return the final entity list of one message."""
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        spans = [(token.start, token.end) for token in tokens] or None
        lexical = recognisers.find_lexical(text, spans) if self._config["lexical"] else []
        incoming = [dict(entity) for entity in message.get(ENTITIES, []) or []]

        region = self._region(message, lexical, incoming)
        structured = recognisers.find_structured(text, region)
        kept = self._normalise_incoming(incoming, text, structured, region)
        result = [self._entity(hit) for hit in structured]
        result.extend(kept)
        for hit in lexical:
            overlapping = [entity for entity in result if _overlaps(entity, hit.start, hit.end)]
            if overlapping and not all(
                _strictly_inside(entity, hit.start, hit.end)
                and any(entity is other for other in kept)
                for entity in overlapping
            ):
                continue
            # A look-up hit wins over DIET entities strictly inside it: "Pays-Bas" is
            # the country, not a person called "Bas".
            result = [entity for entity in result if not any(entity is o for o in overlapping)]
            result.append(self._entity(hit))
        result.sort(
            key=lambda entity: (
                entity.get(ENTITY_ATTRIBUTE_START, 0),
                entity.get(ENTITY_ATTRIBUTE_END, 0),
            )
        )
        if self._config["detected_language_entity"]:
            detected = self._detected_language(message, result)
            if detected is not None:
                result.append(detected)
        return result

    def _region(self, message: Message, lexical: list[Hit], incoming: list[Entity]) -> str | None:
        """Return the country for national phone numbers (see the module docstring)."""
        for hit in lexical:
            if hit.entity == COUNTRY:
                return hit.value
        for entity in incoming:
            if entity.get(ENTITY_ATTRIBUTE_TYPE) == COUNTRY:
                value = recognisers.normalise_value(
                    COUNTRY, str(entity.get(ENTITY_ATTRIBUTE_VALUE))
                )
                if value is not None:
                    return value
        from_metadata = _metadata_region(message.get("metadata"))
        if from_metadata is not None:
            return from_metadata
        if self._config["phone_region_from_language"]:
            source = message.get(LANGUAGE_SOURCE_PROPERTY)
            if source in EVIDENCE_SOURCES:
                return lexicon.LANGUAGE_REGIONS.get(str(message.get(LANGUAGE_PROPERTY)))
        return None

    def _normalise_incoming(
        self, incoming: list[Entity], text: str, structured: list[Hit], region: str | None
    ) -> list[Entity]:
        """Normalise entities from earlier extractors; drop invalid and overlapping ones."""
        kept: list[Entity] = []
        for entity in incoming:
            start = entity.get(ENTITY_ATTRIBUTE_START)
            end = entity.get(ENTITY_ATTRIBUTE_END)
            kind = str(entity.get(ENTITY_ATTRIBUTE_TYPE))
            original = entity.get(ENTITY_ATTRIBUTE_VALUE)
            if isinstance(start, int) and isinstance(end, int) and kind in FREE_TEXT_TYPES:
                start, end = recognisers.trim_span(
                    text, start, end, keep_abbreviation=kind == recognisers.COMPANY
                )
                if start >= end:
                    continue
                entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END] = start, end
            if any(_overlaps(entity, hit.start, hit.end) for hit in structured):
                continue  # the pattern hit covering this span wins
            if any(
                _overlaps(entity, other[ENTITY_ATTRIBUTE_START], other[ENTITY_ATTRIBUTE_END])
                for other in kept
                if isinstance(other.get(ENTITY_ATTRIBUTE_START), int)
            ):
                continue  # one entity per span: the first extractor's wins
            if kind in STRUCTURED_TYPES | LEXICAL_TYPES | FREE_TEXT_TYPES:
                raw = original
                if isinstance(start, int) and isinstance(end, int) and kind in FREE_TEXT_TYPES:
                    raw = text[start:end]
                value = recognisers.normalise_value(kind, str(raw), region)
                if value is None:
                    continue
                if value != original:
                    entity[ENTITY_ATTRIBUTE_VALUE] = value
                    self.add_processor_name(entity)
            kept.append(entity)
        return kept

    def _entity(self, hit: Hit) -> Entity:
        entity: Entity = {
            ENTITY_ATTRIBUTE_TYPE: hit.entity,
            ENTITY_ATTRIBUTE_START: hit.start,
            ENTITY_ATTRIBUTE_END: hit.end,
            ENTITY_ATTRIBUTE_VALUE: hit.value,
            EXTRACTOR: self.name,
        }
        for key in _CONFIDENCE_KEYS:
            entity[key] = 1.0
        return entity

    def _detected_language(self, message: Message, entities: list[Entity]) -> Entity | None:
        """Return the detected-language entity, or None (see module docstring, step 4)."""
        code = message.get(LANGUAGE_PROPERTY)
        source = message.get(LANGUAGE_SOURCE_PROPERTY)
        if not isinstance(code, str) or source not in EVIDENCE_SOURCES:
            return None
        if any(entity.get(ENTITY_ATTRIBUTE_TYPE) == LANGUAGE for entity in entities):
            return None
        entity = self._entity(Hit(LANGUAGE, 0, 0, code))
        entity[ENTITY_ATTRIBUTE_ROLE] = DETECTED_ROLE
        return entity
