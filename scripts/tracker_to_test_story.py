"""Turn a conversation held by a running Rasa server into a Rasa test story (YAML).

Usage: python scripts/tracker_to_test_story.py BOT_URL SENDER "story name"

Developers use it to record a real conversation (driven through the REST channel) as a
test story for tests/stories/, then review it: user text with entity annotations and
the predicted intent, the actions, form activity, and the dialogue-relevant slot events
(`flow_step`, `requested_slot`). Slots that do not influence the conversation are
left out; custom actions are not run by `rasa test`, so their events must be there.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from typing import Any

KEPT_SLOTS = ("flow_step", "requested_slot", "handoff")
SKIPPED_ACTIONS = ("action_listen", "action_session_start", "action_extract_slots")


def annotate(text: str, entities: list[dict[str, Any]]) -> str:
    """Rasa's inline entity syntax for entities with a span and no role."""
    spans = sorted(
        (e for e in entities if e.get("end", 0) > e.get("start", 0) and not e.get("role")),
        key=lambda e: e["start"],
    )
    out, cursor = [], 0
    for entity in spans:
        if entity["start"] < cursor:
            continue
        surface = text[entity["start"] : entity["end"]]
        value = entity.get("value")
        out.append(text[cursor : entity["start"]])
        if str(value) == surface:
            out.append(f"[{surface}]({entity['entity']})")
        else:
            out.append(
                f"[{surface}]"
                + json.dumps({"entity": entity["entity"], "value": value}, ensure_ascii=False)
            )
        cursor = entity["end"]
    out.append(text[cursor:])
    return "".join(out)


def story(events: list[dict[str, Any]], name: str) -> str:
    """The YAML of one test story."""
    lines = [f"  - story: {name}", "    steps:"]
    for event in events:
        kind = event.get("event")
        if kind == "user":
            parse = event.get("parse_data") or {}
            text = annotate(event.get("text") or "", parse.get("entities") or [])
            lines += [
                "      - user: |",
                f"          {text}",
                f"        intent: {parse['intent']['name']}",
            ]
        elif kind == "action" and event["name"] not in SKIPPED_ACTIONS:
            lines.append(f"      - action: {event['name']}")
        elif kind == "active_loop":
            lines.append(f"      - active_loop: {event.get('name') or 'null'}")
        elif kind == "slot" and event["name"] in KEPT_SLOTS:
            value = event.get("value")
            lines += [
                "      - slot_was_set:",
                f"          - {event['name']}: {'null' if value is None else value}",
            ]
    return "\n".join(lines)


def main() -> None:
    """Fetch the tracker and print the story."""
    bot_url, sender, name = sys.argv[1], sys.argv[2], sys.argv[3]
    with urllib.request.urlopen(f"{bot_url}/conversations/{sender}/tracker") as reply:  # noqa: S310 - a local dev server
        tracker = json.load(reply)
    print(story(tracker["events"], name))


if __name__ == "__main__":
    main()
