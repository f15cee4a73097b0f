from datetime import date

import pytest

from careline.dates import add_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 3, 10), 36, date(2028, 3, 10)),
        (date(2025, 3, 10), 0, date(2025, 3, 10)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 8, 31), 1, date(2024, 9, 30)),
        (date(2024, 11, 15), 2, date(2025, 1, 15)),  # across the year
        (date(2024, 12, 31), 12, date(2025, 12, 31)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),  # backwards
        (date(2025, 1, 15), -13, date(2023, 12, 15)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_is_inverse_when_no_clamping() -> None:
    for month in range(1, 13):
        start = date(2024, month, 28)
        for months in range(-30, 31):
            assert add_months(add_months(start, months), -months) == start


def test_add_months_out_of_range() -> None:
    with pytest.raises(ValueError, match="out of range"):
        add_months(date(9999, 12, 1), 1)
    with pytest.raises(ValueError, match="out of range"):
        add_months(date(1, 1, 1), -1)
