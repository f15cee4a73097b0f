"""Cases: creation (idempotent), agent and customer views, status changes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, EmailStr, Field, StringConstraints, model_validator

from api.schemas.fields import (
    Channel,
    Component,
    CountryCode,
    FailureId,
    Issue,
    Language,
    ProductNumber,
    RequestModel,
    SerialNumber,
)
from careline.phones import normalise_phone

CaseStatus = Literal[
    "open", "in_progress", "waiting_for_customer", "parts_shipped", "in_repair", "resolved",
    "closed",
]  # fmt: skip
"""Life cycle of a case; `open` on creation."""

Delivery = Literal["remote", "pickup_return", "return_to_depot", "onsite", "csr_part"]
CsrPartId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class SelfTestStep(RequestModel):
    """One step of a guided self-test or customer-self-repair path, as the customer did it."""

    guide: Annotated[str, StringConstraints(max_length=64)] | None = None
    step: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    prompt: Annotated[str, StringConstraints(max_length=1000)] | None = None
    answer: Annotated[str, StringConstraints(max_length=1000)] | None = None
    result: Literal["pass", "fail", "skipped", "unknown"] | None = None
    failure_id: FailureId | None = None
    outcome: Annotated[str, StringConstraints(max_length=64)] | None = None
    at: dt.datetime | None = None


class CaseBase(RequestModel):
    """Fields a case is created with (contracts §4)."""

    serial_number: SerialNumber
    email: EmailStr
    name: Text
    country: CountryCode
    language: Language
    channel: Channel
    problem: LongText
    phone: Annotated[str, StringConstraints(max_length=40)] | None = Field(
        default=None, description="Any format; stored in E.164."
    )
    company: Text | None = None
    product_number: ProductNumber | None = None
    component: Component | None = None
    issue: Issue | None = None
    failure_id: FailureId | None = None
    delivery: Delivery | None = None
    csr_part: CsrPartId | None = Field(
        default=None, description="The customer self-repair part shipped (delivery csr_part)."
    )
    entitlement: dict[str, Any] | None = Field(
        default=None,
        description="Entitlement snapshot; computed by the API when not given.",
    )
    self_tests: list[SelfTestStep] = Field(default_factory=list, max_length=200)
    conversation_id: Annotated[str, StringConstraints(max_length=255)] | None = None

    @model_validator(mode="after")
    def _phone_in_e164(self) -> CaseBase:
        if self.phone is not None:
            phone = normalise_phone(self.phone, self.country)
            if phone is None:
                msg = "phone: not a phone number; include the country code, e.g. +31 20 555 0100"
                raise ValueError(msg)
            self.phone = phone
        return self


class CaseCreate(CaseBase):
    """Body of `POST /api/v1/cases`."""


class CaseEventOut(BaseModel):
    """An entry of the case history."""

    at: dt.datetime
    kind: str
    actor: str
    from_status: str | None
    to_status: str | None
    note: str | None


class CasePublic(BaseModel):
    """A case as agents and internal callers see it."""

    case_id: str
    case_id_display: str
    status: str
    serial_number: str
    product_number: str | None
    product_name: str | None
    name: str
    email: str
    phone: str | None
    company: str | None
    country: str
    language: str
    channel: str
    problem: str
    component: str | None
    issue: str | None
    failure_id: str | None
    delivery: str | None
    csr_part: str | None = None
    entitled: bool | None
    entitlement: dict[str, Any] | None
    self_tests: list[dict[str, Any]]
    conversation_id: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    history: list[CaseEventOut]


class CaseCustomerView(BaseModel):
    """A case as the customer sees it after proving e-mail or serial number.

    Contact details are masked when the customer identified with the serial number
    alone (a serial is printed on the device; an e-mail address is not).
    """

    case_id: str
    case_id_display: str
    status: str
    serial_number: str
    product_name: str | None
    name: str
    email: str
    country: str
    language: str
    channel: str
    problem: str
    component: str | None
    failure_id: str | None
    delivery: str | None
    csr_part: str | None = None
    self_tests: list[dict[str, Any]]
    created_at: dt.datetime
    updated_at: dt.datetime
    history: list[CaseEventOut]


class CaseLookup(RequestModel):
    """Body of the customer look-up: the case ID plus the e-mail or the serial number."""

    case_id: Annotated[str, StringConstraints(max_length=20)]
    email: Annotated[str, StringConstraints(max_length=255)] | None = None
    serial_number: Annotated[str, StringConstraints(max_length=64)] | None = None


class CaseUpdate(RequestModel):
    """Body of `PATCH /api/v1/cases/{case_id}` (agents)."""

    status: CaseStatus | None = None
    note: LongText | None = None


class CaseList(BaseModel):
    """A page of cases."""

    items: list[CasePublic]
    total: int
    limit: int
    offset: int
