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
            "data",
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
    warnings = [line for line in output.splitlines() if "UserWarning" in line]
    if result.returncode != 0 or warnings:
        sys.stderr.write(output[-20_000:])
    assert result.returncode == 0, "rasa data validate reported errors (see stderr above)"
    assert warnings == [], "rasa data validate reported warnings"
