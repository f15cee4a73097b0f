"""Calendar arithmetic the entitlement rules need, on the standard library only.

Warranty and Care Pack terms are counted in months from a purchase date; a term
that starts on a day the end month lacks ends on that month's last day
(31 January + 1 month = 28 or 29 February), as contracts and `dateutil` do.
"""

import calendar
from datetime import date


def add_months(d: date, months: int) -> date:
    """Return `d` moved by a whole number of months, clamped to the month's end.

    Args:
        d: the start date.
        months: the number of months to add; negative values go back in time.

    Returns:
        The same day of the month `months` later, or that month's last day when it
        is shorter.

    Raises:
        ValueError: if the result falls outside the years `datetime.date` supports.

    Examples:
        >>> add_months(date(2024, 1, 31), 1)
        datetime.date(2024, 2, 29)
    """
    years, month_index = divmod(d.month - 1 + months, 12)
    year = d.year + years
    month = month_index + 1
    if not 1 <= year <= 9999:
        raise ValueError(f"{d.isoformat()} + {months} months is out of range")
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)
