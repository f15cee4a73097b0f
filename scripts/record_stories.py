"""Record the scenarios of tests/stories/scenarios.yml as test stories, per language.

Usage: python scripts/record_stories.py BOT_URL LANG [LANG ...]

Plays every scenario that has messages for a language against a running bot (REST
channel, `metadata.language` on every message as the web chat sends it), turns each
resulting tracker into a test story (scripts/tracker_to_test_story.py) and writes
tests/stories/test_<lang>.yml. The transcript goes to stderr for review: a story
records what the bot did, so read it before committing.
"""

from __future__ import annotations

import json
import sys
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tracker_to_test_story import story

ROOT = Path(__file__).resolve().parents[1]
HEADER = """\
# Recorded from real conversations on the running stack (scripts/record_stories.py,
# scenarios in tests/stories/scenarios.yml) and reviewed. rasa test replays them
# (tests/bot/test_stories.py).
version: "3.1"

stories:
"""


def post(url: str, body: dict[str, Any]) -> Any:
    """POST JSON to the bot, return the JSON answer."""
    request = urllib.request.Request(  # noqa: S310 - a local dev server
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - a local dev server
        return json.loads(response.read())


def record(bot: str, language: str) -> str:
    """Play every scenario of a language; return the stories file's text."""
    scenarios = yaml.safe_load((ROOT / "tests" / "stories" / "scenarios.yml").read_text())
    stories = []
    for scenario in scenarios["scenarios"]:
        messages = scenario.get(language)
        if not messages:
            continue
        sender = f"story-{language}-{uuid.uuid4().hex[:8]}"
        print(f"\n## {scenario['name']} ({language})", file=sys.stderr)
        for message in messages:
            replies = post(
                f"{bot}/webhooks/rest/webhook",
                {"sender": sender, "message": message, "metadata": {"language": language}},
            )
            print(f"> {message}", file=sys.stderr)
            for reply in replies:
                print(f"< {reply.get('text', '')}", file=sys.stderr)
        with urllib.request.urlopen(f"{bot}/conversations/{sender}/tracker", timeout=60) as r:  # noqa: S310
            tracker = json.loads(r.read())
        stories.append(story(tracker["events"], f"{scenario['name']} ({language})"))
    return HEADER + "\n".join(stories)


def main(argv: list[str]) -> int:
    """Record the stories of each language given."""
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    bot, languages = argv[0].rstrip("/"), argv[1:]
    for language in languages:
        text = record(bot, language)
        (ROOT / "tests" / "stories" / f"test_{language}.yml").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
