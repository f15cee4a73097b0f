"""Support hours (rule R14).

Agents answer by phone or chat 08:00–17:00 local time, Monday to Friday, except the
public holidays of the customer's country; the web case tool is open 24/7.

Pure functions over the `holidays` package and the IANA time zone of the country;
`at` is always given by the caller, so results are deterministic.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from babel import Locale
from babel.dates import format_skeleton, format_time

from api.schemas.support_hours import SupportHoursOut
from careline.countries import country_timezone

OPENS = dt.time(8, 0)
CLOSES = dt.time(17, 0)
WORKDAYS = range(5)  # Monday=0 .. Friday=4
_HOLIDAY_LANGUAGES = {"en": "en_US", "zh": "zh_CN"}


@cache
def _holiday_calendar(country: str, year: int, language: str) -> dict[dt.date, str]:
    try:
        calendar = holidays.country_holidays(country, years=year)
    except NotImplementedError:  # a territory the holidays package has no data for
        return {}
    supported = getattr(calendar, "supported_languages", ()) or ()
    wanted = _HOLIDAY_LANGUAGES.get(language, language)
    if wanted in supported:
        calendar = holidays.country_holidays(country, years=year, language=wanted)
    return {day: str(name) for day, name in calendar.items()}


def holiday_name(country: str, day: dt.date, language: str = "en") -> str | None:
    """The public holiday on `day` in `country`, if any, named in `language`."""
    return _holiday_calendar(country, day.year, language).get(day)


def _is_working_day(country: str, day: dt.date) -> bool:
    return day.weekday() in WORKDAYS and holiday_name(country, day) is None


def _display(moment: dt.datetime, locale: str) -> str:
    """Weekday, day, month and time the way the locale writes them ("ma 23 nov 08:00")."""
    date_part = format_skeleton("MMMEd", moment, locale=locale)
    time_part = format_time(moment, "short", locale=locale)
    pattern = str(Locale.parse(locale).datetime_formats["medium"])
    return pattern.replace("{1}", date_part).replace("{0}", time_part)


def support_hours(*, country: str, at: dt.datetime, language: str) -> SupportHoursOut:
    """Whether agents are reachable at `at` in `country`, and when they next are.

    Args:
        country: ISO 3166-1 alpha-2 code.
        at: The moment asked about; a naive datetime is taken as UTC.
        language: Language of the holiday name and of `next_open_display`.
    """
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    zone_name = country_timezone(country)
    zone = ZoneInfo(zone_name)
    local = at.astimezone(zone)
    today = local.date()
    is_open = _is_working_day(country, today) and OPENS <= local.time() < CLOSES

    closes_at: dt.datetime | None = None
    if is_open:
        next_open = local
        closes_at = dt.datetime.combine(today, CLOSES, tzinfo=zone)
    else:
        day = today if local.time() < OPENS else today + dt.timedelta(days=1)
        for _ in range(366):  # always ends: at most a few holidays in a row
            if _is_working_day(country, day):
                break
            day += dt.timedelta(days=1)
        next_open = dt.datetime.combine(day, OPENS, tzinfo=zone)

    locale = language if language != "zh" else "zh_Hans"
    return SupportHoursOut(
        country=country,
        timezone=zone_name,
        at=at,
        local_time=local,
        open=is_open,
        next_open=next_open,
        closes_at=closes_at,
        next_open_display=_display(next_open, locale),
        holiday=holiday_name(country, today, language),
        opening_hours="Mon-Fri 08:00-17:00 local time, except public holidays",
        language=language,
    )
