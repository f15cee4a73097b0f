"""Identifiers customers read out or type: serial and product numbers, case IDs, PINs.

Each `normalise_*` function takes what a user or a client sent and returns the
canonical form of interface contracts §3, or None when the text is not such an
identifier. They accept the everyday ways of writing one: any case, spaces or
hyphens between groups ("5cg 3201 abc", "7KQ9-2JMX-..."), and full-width
characters from Chinese keyboards ("５ＣＧ３２０１ＡＢＣ", NFKC-normalised first).

Case IDs are `5` + an 8-digit sequence + a Luhn check digit over those nine digits,
so a mistyped digit or swapped neighbours are caught before any look-up
(`make_case_id(1) == "5000000017"`). `format_case_id` and `format_failure_id` give
the grouped forms the bot reads back.
"""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-]+")
_CASE_ID_SEPARATORS = re.compile(r"[\s\-.]+")
_SERIAL = re.compile(r"[A-Z0-9]{10}")
_PRODUCT_NUMBER = re.compile(r"([A-Z0-9]{5,8})(#[A-Z0-9]{3})?")
_DIGITS = re.compile(r"[0-9]+")
_FAILURE_ID = re.compile(r"[A-Z0-9]{24}")

#: First digit of every case ID.
CASE_ID_PREFIX = "5"
#: Largest sequence number `make_case_id` accepts (8 digits).
MAX_CASE_SEQUENCE = 99_999_999


def _compact(raw: str, separators: re.Pattern[str] = _SEPARATORS) -> str:
    """Return `raw` NFKC-normalised, upper-cased and without separators."""
    return separators.sub("", unicodedata.normalize("NFKC", raw)).upper()


def normalise_serial(raw: str) -> str | None:
    """Return the canonical serial number, or None.

    A serial number is exactly 10 ASCII letters and digits with at least one digit
    (so that a ten-letter word is never taken for one).

    Examples:
        >>> normalise_serial("5cg 3201-abc")
        '5CG3201ABC'
    """
    compact = _compact(raw)
    if _SERIAL.fullmatch(compact) and any(char.isdigit() for char in compact):
        return compact
    return None


def normalise_product_number(raw: str) -> str | None:
    """Return the canonical product number, or None.

    A product number is 5–8 ASCII letters and digits, at least one of them a digit,
    optionally followed by "#" and a 3-character option (localisation) code.

    Examples:
        >>> normalise_product_number("2x3g5av # abh")
        '2X3G5AV#ABH'
    """
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)).upper()
    match = _PRODUCT_NUMBER.fullmatch(compact)
    if match is None or not any(char.isdigit() for char in match.group(1)):
        return None
    return compact


def base_product_number(product_number: str) -> str:
    """Return the product number without its option code ("2X3G5AV#ABH" → "2X3G5AV").

    The result is stripped and upper-cased, so two product numbers name the same
    product exactly when their base product numbers are equal.
    """
    return product_number.split("#", 1)[0].strip().upper()


def luhn_check_digit(payload: str) -> int:
    """Return the Luhn check digit to append to a string of digits.

    Raises:
        ValueError: if `payload` is empty or not made of ASCII digits only.

    Examples:
        >>> luhn_check_digit("500000001")
        7
    """
    if not _DIGITS.fullmatch(payload):
        raise ValueError(f"Luhn payload must be ASCII digits: {payload!r}")
    total = 0
    # The check digit will sit to the right, so the rightmost payload digit is doubled.
    for position, char in enumerate(reversed(payload)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10


def make_case_id(sequence: int) -> str:
    """Return the case ID of a sequence number.

    Args:
        sequence: 0 to 99,999,999, e.g. a database sequence value.

    Returns:
        "5" + the zero-padded sequence + the Luhn digit; `make_case_id(1)` is
        "5000000017".

    Raises:
        ValueError: if `sequence` is out of range.
    """
    if isinstance(sequence, bool) or not 0 <= sequence <= MAX_CASE_SEQUENCE:
        raise ValueError(f"case sequence out of range 0..{MAX_CASE_SEQUENCE}: {sequence!r}")
    payload = f"{CASE_ID_PREFIX}{sequence:08d}"
    return f"{payload}{luhn_check_digit(payload)}"


def normalise_case_id(raw: str) -> str | None:
    """Return the canonical case ID, or None.

    Spaces, hyphens and dots are ignored ("50 0000 0017", "5000-000-017"); the
    result is valid when it is 10 digits, starts with "5" and its Luhn digit checks.
    """
    compact = _compact(raw, _CASE_ID_SEPARATORS)
    if len(compact) != 10 or not _DIGITS.fullmatch(compact):
        return None
    if not compact.startswith(CASE_ID_PREFIX):
        return None
    if luhn_check_digit(compact[:9]) != int(compact[9]):
        return None
    return compact


def format_case_id(case_id: str) -> str:
    """Return a case ID grouped for reading back ("5000000017" → "50 0000 0017").

    Raises:
        ValueError: if `case_id` is not a valid case ID.
    """
    normalised = normalise_case_id(case_id)
    if normalised is None:
        raise ValueError(f"not a case ID: {case_id!r}")
    return f"{normalised[:2]} {normalised[2:6]} {normalised[6:]}"


def normalise_failure_id(raw: str) -> str | None:
    """Return the canonical (ungrouped) 24-character failure ID, or None.

    Examples:
        >>> normalise_failure_id("7kq9-2jmx-4t8l-p3vw-zc6r-1hq5")
        '7KQ92JMX4T8LP3VWZC6R1HQ5'
    """
    compact = _compact(raw)
    return compact if _FAILURE_ID.fullmatch(compact) else None


# Something typed as a failure ID: groups of letters/digits joined by "-" or spaces,
# the first with a digit (so words before it are not taken), 16 to 32 characters in
# all (a real one has 24).
_FAILURE_ID_ATTEMPT = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z]{0,7}[0-9])[A-Za-z0-9]{2,8}"
    r"(?:[- ]{1,2}[A-Za-z0-9]{2,8}){1,7}(?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9])[A-Za-z0-9]{16,32}(?![A-Za-z0-9])"
)


def failure_id_attempt_length(text: str) -> int | None:
    """The length of a mistyped failure ID in a text, None when the text has none.

    Finds a run of letter/digit groups (16–32 characters without separators, with
    digits and letters) that is not a valid 24-character failure ID, so the customer
    can be told how many characters were read.

    Examples:
        >>> failure_id_attempt_length("7KQ9-2JMX-4T8L-P3VW-ZC6R")
        20
        >>> failure_id_attempt_length("no it did not pass") is None
        True
    """
    for match in _FAILURE_ID_ATTEMPT.finditer(text.upper()):
        compact = _compact(match.group(0))
        if not 16 <= len(compact) <= 32 or _FAILURE_ID.fullmatch(compact):
            continue
        if any(c.isdigit() for c in compact) and any(c.isalpha() for c in compact):
            return len(compact)
    return None


def format_failure_id(failure_id: str) -> str:
    """Return a failure ID in groups of four joined by "-" ("7KQ9-2JMX-...-1HQ5").

    Raises:
        ValueError: if `failure_id` is not a valid failure ID.
    """
    normalised = normalise_failure_id(failure_id)
    if normalised is None:
        raise ValueError(f"not a failure ID: {failure_id!r}")
    return "-".join(normalised[i : i + 4] for i in range(0, 24, 4))


def normalise_pin(raw: str) -> str | None:
    """Return the 6-digit Priority Services PIN without spaces, or None."""
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
    return compact if len(compact) == 6 and _DIGITS.fullmatch(compact) else None
