"""Rasa test stories: the dialogue model and the NLU agree with the written conversations.

`tests/stories/*.yml` holds conversations with the customer's words (`user:`), the
expected intent, the actions the assistant must predict, and the slot events the
action server produces. `rasa test core --fail-on-prediction-errors` replays them
with the trained model (custom actions are not called: their events are in the
stories), so a story fails when NLU misreads a message or a policy picks another
action — happy paths and detours, in English and Dutch.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.rasa

REPO = Path(__file__).resolve().parents[2]
RASA = REPO / ".venv-rasa" / "bin" / "rasa"
MODEL = REPO / "models" / "careline.tar.gz"


def test_conversation_stories_pass(tmp_path: Path) -> None:
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does)")
    result = subprocess.run(
        [
            str(RASA),
            "test",
            "core",
            "--model",
            str(MODEL),
            "--stories",
            "tests/stories",
            "--out",
            str(tmp_path),
            "--fail-on-prediction-errors",
            "--e2e",
        ],
        cwd=REPO,
        env={
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
        },
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    if result.returncode != 0:
        sys.stderr.write((result.stdout + result.stderr)[-10_000:] + "\n" + details)
    assert result.returncode == 0, f"test stories failed:\n{details[-8000:]}"


SCENARIOS = REPO / "tests" / "stories" / "scenarios.yml"
LANGUAGES = ("en", "nl", "da", "fr", "de", "zh")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_scenario_has_a_story_per_language(language: str) -> None:
    import yaml

    scenarios = yaml.safe_load(SCENARIOS.read_text())["scenarios"]
    assert all(language in s for s in scenarios), f"scenarios without {language} messages"
    path = REPO / "tests" / "stories" / f"test_{language}.yml"
    stories = {s["story"] for s in yaml.safe_load(path.read_text())["stories"]}
    missing = [s["name"] for s in scenarios if f"{s['name']} ({language})" not in stories]
    assert not missing, f"{path.name} lacks stories for: {missing} (scripts/record_stories.py)"
