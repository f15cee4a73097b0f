"""Support hours (rule R14)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from api.core.errors import ApiError
from api.deps import NowDep
from api.schemas.support_hours import SupportHoursOut
from api.services.support_hours import support_hours
from careline.countries import normalise_country
from careline.languages import DEFAULT_LANGUAGE, normalise_language

router = APIRouter(tags=["support hours"])


@router.get("/support-hours", response_model=SupportHoursOut, summary="Agent availability")
def get_support_hours(
    now: NowDep,
    country: Annotated[str, Query(min_length=2, max_length=64, examples=["NL"])],
    at: Annotated[dt.datetime | None, Query(description="ISO datetime; default now")] = None,
    language: Annotated[str, Query(max_length=16)] = DEFAULT_LANGUAGE,
) -> SupportHoursOut:
    """Are agents reachable by phone or chat at `at` in `country`, and when next?"""
    code = normalise_country(country)
    if code is None:
        raise ApiError(422, "invalid_country", f"Unknown country {country!r}; use e.g. NL.")
    lang = normalise_language(language)
    if lang is None:
        raise ApiError(422, "invalid_language", "language must be one of en, nl, da, fr, de, zh.")
    return support_hours(country=code, at=at or now, language=lang)
