"""Masking of personal data (e-mail addresses, phone numbers) in log output.

Every Careline process installs `PiiMaskingFilter` on its log handlers, so that
a customer's e-mail or phone number never reaches a log file unmasked, whatever a
library or a careless f-string puts into a message. Names cannot be recognised
reliably in free text, so code never logs names in the first place.
"""

from __future__ import annotations

import logging
import re

# Also in URLs, where "@" is percent-encoded as %40.
_EMAIL = re.compile(
    r"(?P<first>[A-Za-z0-9])[A-Za-z0-9._%+-]*?(?:@|%40)(?P<domain>[A-Za-z0-9.-]+\.[A-Za-z]{2,})"
)
# A phone number: optional +, then 7+ digits possibly separated by spaces, dots, dashes
# or parentheses. Keeps the last two digits so support staff can tell numbers apart.
# Case IDs (10 digits, leading 5, Luhn) and ISO dates are not personal data and stay.
_PHONE = re.compile(r"(?<![\w/])\(?(?:\+|00)?\d(?:[\s().-]{0,2}\d){6,15}(?![\w/])")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_case_id(digits: str) -> bool:
    if len(digits) != 10 or digits[0] != "5":
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _mask_phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    if len(digits) < 8 or _ISO_DATE.fullmatch(text) or (text == digits and _is_case_id(digits)):
        return text
    return "***" + digits[-2:]


def mask_pii(text: str) -> str:
    """Mask e-mail addresses and phone numbers in `text`.

    Args:
        text: Any string headed for a log.

    Returns:
        The text with `jane.doe@example.com` shown as `j***@example.com` and
        `+31 20 555 0100` as `***00`.
    """
    text = _EMAIL.sub(lambda m: f"{m.group('first')}***@{m.group('domain')}", text)
    return _PHONE.sub(_mask_phone, text)


class PiiMaskingFilter(logging.Filter):
    """A logging filter that masks personal data in the final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message once, masked, and drop the arguments."""
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed format string: log it as given
            message = str(record.msg)
        record.msg = mask_pii(message)
        record.args = None
        return True


def install_pii_filter(logger: logging.Logger | None = None) -> None:
    """Add `PiiMaskingFilter` to every handler of `logger` (the root by default)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, PiiMaskingFilter) for f in handler.filters):
            handler.addFilter(PiiMaskingFilter())
