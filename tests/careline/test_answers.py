"""Yes/no from the first word of an answer."""

from __future__ import annotations

import pytest

from careline.answers import leading_yes_no


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes, the light comes on", "affirm"),
        ("No, still dead", "deny"),
        ("nee, het lampje blijft uit", "deny"),
        ("Ja, hij is geslaagd", "affirm"),
        ("nej, lampen forbliver slukket", "deny"),
        ("oui, il a réussi", "affirm"),
        ("non, toujours rien", "deny"),
        ("nein, die Lampe bleibt aus", "deny"),
        ("是的，通过了", "affirm"),
        ("不亮，指示灯一直不亮", "deny"),
        ("没有反应", "deny"),
        ("好了，现在正常了", "affirm"),
        ("还是开不了机", "deny"),
        ("依然没有反应", "deny"),
        ("still won't turn on", "deny"),
        ("nog steeds geen beeld", "deny"),
        ("toujours rien à l'écran", "deny"),
        ("immer noch nichts", "deny"),
        ("stadig ingen lyd", "deny"),
        ("还是亮着", None),
        ("still blinking", None),
        # not answers
        ("no idea", None),
        ("not sure", None),
        ("不知道", None),
        ("没问题", None),
        ("the light stays off", None),
        ("nobody told me", None),
        ("", None),
        ("7KQ9-2JMX", None),
    ],
)
def test_leading_yes_no(text: str, expected: str | None) -> None:
    assert leading_yes_no(text) == expected
