"""Fixtures for the NLU component tests: the two components and a parse helper.

The components are built directly (they are not trainable), so most tests run in
milliseconds; `test_entities.py::test_tiny_model_trains_and_parses_offline` is the
one that goes through Rasa's training graph. Rasa is imported inside the fixtures,
so this conftest costs nothing to test modules that do not use them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from rasa.shared.nlu.training_data.message import Message

    from bot.entities import CarelineEntityExtractor
    from bot.tokenizer import CarelineTokenizer


@pytest.fixture(scope="session")
def nlu_tokenizer() -> CarelineTokenizer:
    from bot.tokenizer import CarelineTokenizer

    return CarelineTokenizer(CarelineTokenizer.get_default_config())


@pytest.fixture(scope="session")
def nlu_extractor() -> CarelineEntityExtractor:
    from bot.entities import CarelineEntityExtractor

    return CarelineEntityExtractor(CarelineEntityExtractor.get_default_config())


@pytest.fixture(scope="session")
def nlu_parse(
    nlu_tokenizer: CarelineTokenizer, nlu_extractor: CarelineEntityExtractor
) -> Callable[..., Message]:
    """Run tokenizer and extractor on a text, as the prediction graph does.

    `entities` stands in for what a trained extractor found before the extractor runs.
    """
    from rasa.shared.nlu.training_data.message import Message

    def run(
        text: str,
        metadata: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> Message:
        message = Message(data={"text": text, "metadata": metadata})
        nlu_tokenizer.process([message])
        if entities is not None:
            message.set("entities", entities, add_to_output=True)
        nlu_extractor.process([message])
        return message

    return run
