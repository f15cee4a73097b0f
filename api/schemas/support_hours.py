"""Support hours (entitlement rules R14)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class SupportHoursOut(BaseModel):
    """Whether agents are reachable by phone or chat now, and when they next are."""

    country: str
    timezone: str
    at: dt.datetime
    local_time: dt.datetime
    open: bool
    next_open: dt.datetime
    closes_at: dt.datetime | None
    next_open_display: str
    holiday: str | None
    opening_hours: str
    web_case_tool: str = "24/7"
    language: str
