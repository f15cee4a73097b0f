"""Entitlement check: request and result (entitlement-rules.md §4)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from api.schemas.fields import (
    Component,
    CountryCode,
    Issue,
    Pin,
    ProductNumber,
    RequestModel,
    SerialNumber,
)


class EntitlementCheck(RequestModel):
    """What the caller wants to know: is this problem on this device covered?"""

    serial_number: SerialNumber
    product_number: ProductNumber | None = None
    country: CountryCode | None = Field(
        default=None, description="Where the device is used now (ISO code or a name)."
    )
    component: Component | None = None
    issue: Issue | None = None
    battery_capacity_percent: int | None = Field(default=None, ge=0, le=100)
    pin: Pin | None = Field(default=None, description="Priority Services PIN of the customer.")
    as_of: dt.date | None = Field(default=None, description="Defaults to today (UTC).")


class CoverageOut(BaseModel):
    """One warranty, Care Pack or subscription of the device."""

    kind: str
    start: dt.date
    end: dt.date | None
    active: bool
    service: str | None = None
    id: str | None = None
    add_ons: list[str] = []
    reason: str | None = None


class EntitlementOut(BaseModel):
    """The decision, with every reason that denied or limited coverage."""

    serial_number: str
    product_name: str | None
    entitled: bool
    coverage: list[CoverageOut]
    delivery: list[str]
    reasons: list[str]
    flags: list[str]
    priority_tier: str | None
    component: str | None = None
    issue: str | None = None
    as_of: dt.date | None = None
    category: str | None = Field(
        default=None,
        description="The device's category, or the peripheral's kind; null for unknown serials.",
    )
