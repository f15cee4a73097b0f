"""The bot's training data, domain and config pass `rasa data validate`.

Runs Rasa's validator in a subprocess of the Rasa venv with `--fail-on-warnings`,
so an unused response, an intent without examples or a story conflict fails here
before it fails training.

Rasa 3.6's `--fail-on-warnings` lets some warnings through with exit code 0
(unused responses and intents: `Validator.verify_utterances_in_stories` computes
`ignore_warnings or everything_is_alright`), so the output is checked for the
`UserWarning`s the validator raises as well.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.rasa

REPO = Path(__file__).resolve().parents[2]
RASA = REPO / ".venv-rasa" / "bin" / "rasa"


def rasa_env() -> dict[str, str]:
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }


def test_rasa_data_validate_is_clean() -> None:
    result = subprocess.run(
        [
            str(RASA),
            "data",
            "validate",
            "--domain",
            "domain",
            "--data",
            "data/nlu",
            "data/rules",
            "--config",
            "config.yml",
            "--fail-on-warnings",
        ],
        cwd=REPO,
        env=rasa_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    output = result.stdout + result.stderr
    warnings = [
        line
        for line in output.splitlines()
        if "UserWarning" in line
        and not _uttered_by_actions_or_forms(line)
        and not _spurious_retrieval_duplicate(line)
    ]
    if result.returncode != 0 or warnings:
        sys.stderr.write(output[-20_000:])
    assert result.returncode == 0, "rasa data validate reported errors (see stderr above)"
    assert warnings == [], "rasa data validate reported warnings"


_UNUSED = re.compile(r"The utterance '(?P<name>[^']+)' is not used in any story or rule")


def _action_responses() -> tuple[set[str], tuple[str, ...]]:
    """Response names the action code utters: literals, and f-string prefixes."""
    source = "\n".join(p.read_text() for p in (REPO / "actions").rglob("*.py"))
    literals = set(re.findall(r"[\"'](utter_[a-z_/]+)[\"']", source))
    prefixes = tuple(re.findall(r"f[\"'](utter_[a-z_]+_)\{", source))
    return literals, prefixes


def _uttered_by_actions_or_forms(line: str) -> bool:
    """Rasa cannot see responses sent by custom actions or asked by forms."""
    match = _UNUSED.search(line)
    if not match:
        return False
    name = match.group("name")
    literals, prefixes = _action_responses()
    return name in literals or name.startswith(prefixes) or name.startswith("utter_ask_")


def _spurious_retrieval_duplicate(line: str) -> bool:
    """Rasa 3.6 merges NLU retrieval intents into the domain and calls them duplicates."""
    return line.rstrip().endswith(
        "duplicated intents have been found across multiple domain files: faq"
    )
