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


#: train_tiny_nlu(nlu_yaml, config_yaml, before=None) -> (model path, warnings caught)
TrainTinyNlu = Callable[..., tuple[str, list[Any]]]


@pytest.fixture
def train_tiny_nlu(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> TrainTinyNlu:
    """Train an NLU model from YAML strings in `tmp_path`, offline, recording warnings.

    `before` runs inside the warning recorder, before training (e.g. to install a
    warning filter as Rasa's import of a component does).
    """
    import os
    import textwrap
    import warnings

    from rasa.model_training import train_nlu

    def train(
        nlu: str, config: str, before: Callable[[], None] | None = None
    ) -> tuple[str, list[Any]]:
        monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "false")
        monkeypatch.chdir(tmp_path)
        (tmp_path / "nlu.yml").write_text(textwrap.dedent(nlu), encoding="utf-8")
        (tmp_path / "config.yml").write_text(textwrap.dedent(config), encoding="utf-8")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if before is not None:
                before()
            model = train_nlu(
                config=str(tmp_path / "config.yml"),
                nlu_data=str(tmp_path / "nlu.yml"),
                output=str(tmp_path / "models"),
                fixed_model_name="tiny",
            )
        assert model is not None and os.path.exists(model)
        return str(model), list(caught)

    return train
