"""Phone numbers in E.164, parsed with Google's `phonenumbers` library.

Customers type numbers in national format ("06 5555 0123") as often as international
ones; the country they gave earlier in the conversation is the region hint. Numbers
are accepted when they are *possible* for the region (right length and prefix), not
only when they are in the currently allocated ranges — support must not turn away a
new number range.
"""

from __future__ import annotations

import phonenumbers


def normalise_phone(raw: str, region: str | None = None) -> str | None:
    """Return `raw` as an E.164 number (`+31205550100`), or None if it is not one.

    Args:
        raw: What the customer typed or said.
        region: ISO country code used for numbers written without a country code.
    """
    text = raw.strip()
    if not text or len(text) > 40:
        return None
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
