"""Reusable validated field types shared by the request models.

Each type normalises what people really type (spaces in serials, country names in any
of the six languages, lower-case PINs...) and refuses the rest with a message that
says what a valid value looks like — the message reaches API clients and, through the
action server, customers.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from careline.countries import normalise_country
from careline.identifiers import (
    normalise_failure_id,
    normalise_pin,
    normalise_product_number,
    normalise_serial,
)
from careline.languages import normalise_language

ComponentName = Literal[
    "power", "battery", "ac_adapter", "display", "external_monitor", "keyboard", "mouse",
    "touchpad", "storage", "memory", "motherboard", "fan", "audio", "camera", "network",
    "docking_station", "pen", "printer", "software",
]  # fmt: skip
"""Normalised component names (contracts §3)."""

IssueName = Literal[
    "hardware_failure", "battery_wear", "software", "connectivity", "misuse",
    "unauthorized_repair", "maintenance", "accidental_damage",
]  # fmt: skip
"""What happened to the component (entitlement rules R10–R12)."""

LanguageCode = Literal["en", "nl", "da", "fr", "de", "zh"]
Channel = Literal["web", "voice", "ivr", "agent"]


def _lower_strip(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


def _normaliser(func: object, what: str) -> AfterValidator:
    def check(value: str) -> str:
        result = func(value)  # type: ignore[operator]  # one of the careline normalisers
        if result is None:
            raise ValueError(what)
        return str(result)

    return AfterValidator(check)


SerialNumber = Annotated[
    str,
    Field(min_length=1, max_length=64, examples=["5CG3201ABC"]),
    _normaliser(normalise_serial, "a serial number is 10 letters and digits, e.g. 5CG3201ABC"),
]
ProductNumber = Annotated[
    str,
    Field(min_length=1, max_length=32, examples=["8A3N7EA"]),
    _normaliser(
        normalise_product_number,
        "a product number is 5-8 letters and digits, optionally with #ABC, e.g. 8A3N7EA",
    ),
]
CountryCode = Annotated[
    str,
    Field(min_length=2, max_length=64, examples=["NL", "Nederland"]),
    _normaliser(normalise_country, "unknown country; use an ISO code such as NL or a name"),
]
Language = Annotated[
    LanguageCode,
    BeforeValidator(lambda v: (normalise_language(v) or v) if isinstance(v, str) else v),
]
FailureId = Annotated[
    str,
    Field(min_length=24, max_length=40, examples=["7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5"]),
    _normaliser(normalise_failure_id, "a failure ID is 24 letters and digits"),
]
Pin = Annotated[
    str,
    Field(min_length=6, max_length=12, examples=["482913"]),
    _normaliser(normalise_pin, "a Priority Services PIN is 6 digits"),
]
Component = Annotated[ComponentName, BeforeValidator(_lower_strip)]
Issue = Annotated[IssueName, BeforeValidator(_lower_strip)]


class RequestModel(BaseModel):
    """Base of request bodies: unknown fields refused, NUL characters refused.

    PostgreSQL text cannot hold NUL; refusing it here gives every backend the same
    answer (422) instead of one storing it and the other failing.
    """

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if isinstance(value, str) and "\x00" in value:
            msg = "must not contain NUL characters"
            raise ValueError(msg)
        return value
