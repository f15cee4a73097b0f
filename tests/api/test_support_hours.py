"""Support hours (R14) through HTTP and as a pure function."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from api.services.support_hours import support_hours

URL = "/api/v1/support-hours"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_open_on_a_weekday_morning(client: TestClient) -> None:
    response = client.get(
        URL, params={"country": "NL", "at": "2026-11-23T10:00:00Z", "language": "en"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["open"] is True
    assert body["timezone"] == "Europe/Amsterdam"
    assert at(body["closes_at"]) == at("2026-11-23T17:00:00+01:00")
    assert body["web_case_tool"] == "24/7"


@pytest.mark.parametrize(
    ("country", "moment", "is_open", "next_open"),
    [
        # Saturday → Monday 08:00 local
        ("NL", "2026-11-21T10:00:00Z", False, "2026-11-23T08:00:00+01:00"),
        # 07:59 local is closed, opens the same day
        ("NL", "2026-11-23T06:59:00Z", False, "2026-11-23T08:00:00+01:00"),
        # 08:00 local is open
        ("NL", "2026-11-23T07:00:00Z", True, None),
        # 17:00 local is closed → next working day
        ("NL", "2026-11-23T16:00:00Z", False, "2026-11-24T08:00:00+01:00"),
        # Christmas Friday, weekend, then Monday 28 December
        ("DK", "2026-12-25T09:00:00Z", False, "2026-12-28T08:00:00+01:00"),
        # King's Day (NL public holiday) on a Monday, 27 April 2026
        ("NL", "2026-04-27T09:00:00Z", False, "2026-04-28T08:00:00+02:00"),
        # China: 09:00 in Shanghai on a Monday is open
        ("CN", "2026-11-23T01:00:00Z", True, None),
        # National Day holidays in China (1 October 2026, a Thursday)
        ("CN", "2026-10-01T02:00:00Z", False, None),
    ],
)
def test_hours_holidays_and_next_opening(
    country: str, moment: str, is_open: bool, next_open: str | None
) -> None:
    result = support_hours(country=country, at=at(moment), language="en")
    assert result.open is is_open
    if next_open:
        assert result.next_open == at(next_open)
    if not is_open:
        assert result.next_open > at(moment)
        assert result.next_open.astimezone(result.local_time.tzinfo).hour == 8


def test_holiday_is_named_in_the_language(client: TestClient) -> None:
    body = client.get(
        URL, params={"country": "Danmark", "at": "2026-12-25T09:00:00Z", "language": "da"}
    ).json()
    assert body["country"] == "DK"
    assert body["holiday"]
    assert body["open"] is False
    assert "man" in body["next_open_display"].lower()  # mandag, CLDR-abbreviated
    assert "28" in body["next_open_display"]
    assert "08.00" in body["next_open_display"]


def test_defaults_to_now(client: TestClient) -> None:
    body = client.get(URL, params={"country": "NL"}).json()
    assert at(body["at"]) == at("2026-11-23T10:00:00+00:00")


@pytest.mark.parametrize(
    "params",
    [
        {"country": "Atlantis"},
        {},
        {"country": "NL", "language": "klingon"},
        {"country": "NL", "at": "soon"},
    ],
)
def test_bad_parameters_are_422(client: TestClient, params: dict[str, str]) -> None:
    response = client.get(URL, params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] in (
        "validation_error",
        "invalid_country",
        "invalid_language",
    )
