"""Import of entitlement data files (the demo set `data/demo/entitlement-demo.json`).

The file is validated as a whole before anything is written; the rows are then merged
(inserted or updated by key) in one transaction, so a broken file changes nothing and
importing the same file twice is harmless.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.orm import Session

from api import models
from careline.identifiers import normalise_serial


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class _Priority(_Row):
    tier: Literal[
        "priority_access", "priority_access_plus", "priority_management", "priority_management_plus"
    ]
    pin: str = Field(pattern=r"^\d{6}$")
    start: dt.date
    end: dt.date
    languages: list[str] = []


class _Customer(_Row):
    id: str = Field(min_length=1, max_length=32)
    kind: Literal["business", "consumer"]
    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$")
    contact_email: str | None = None
    contact_phone: str | None = None
    installed_base: int = Field(default=1, ge=0)
    priority_service: _Priority | None = None


class _Device(_Row):
    serial_number: str
    product_number: str
    product_name: str
    category: str
    customer_id: str
    country_of_purchase: str = Field(pattern=r"^[A-Z]{2}$")
    purchase_date: dt.date
    base_warranty_months: int = Field(ge=0, le=120)
    battery: str | None = None


class _Peripheral(_Row):
    serial_number: str
    kind: str
    product_name: str
    base_serial_number: str
    purchase_date: dt.date


class _CarePack(_Row):
    id: str
    serial_number: str
    service: Literal["offsite_pickup_return", "offsite_return_to_depot"]
    sku: str
    term_months: int = Field(ge=1, le=120)
    purchased_on: dt.date
    registered_on: dt.date | None = None
    add_ons: list[str] = []


class _Subscription(_Row):
    id: str
    serial_number: str
    service: str
    billing: str
    ordered_on: dt.date
    status: Literal["draft", "active", "suspended", "cancelled", "expired"]
    activated_on: dt.date | None = None
    minimum_commitment_months: int = Field(ge=0)


class EntitlementData(_Row):
    """The whole file: every list optional, cross-references checked on import."""

    customers: list[_Customer] = []
    devices: list[_Device] = []
    peripherals: list[_Peripheral] = []
    care_packs: list[_CarePack] = []
    subscriptions: list[_Subscription] = []


class ImportError_(ValueError):
    """The file cannot be imported; the message says why."""


def _serial(raw: str, where: str) -> str:
    serial = normalise_serial(raw)
    if serial is None:
        msg = f"{where}: invalid serial number {raw!r}"
        raise ImportError_(msg)
    return serial


def parse(text: str) -> EntitlementData:
    """Validate the JSON text of an entitlement data file."""
    try:
        data = EntitlementData.model_validate(json.loads(text))
    except json.JSONDecodeError as exc:
        msg = f"not JSON: {exc}"
        raise ImportError_(msg) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        msg = f"{where}: {first['msg']} ({exc.error_count()} error(s) in all)"
        raise ImportError_(msg) from exc
    customers = {c.id for c in data.customers}
    devices = set()
    for device in data.devices:
        devices.add(_serial(device.serial_number, "devices"))
        if device.customer_id not in customers:
            msg = f"device {device.serial_number}: unknown customer {device.customer_id}"
            raise ImportError_(msg)
    for group, rows in (
        ("care_packs", data.care_packs),
        ("subscriptions", data.subscriptions),
    ):
        for row in rows:
            if _serial(row.serial_number, group) not in devices:
                msg = f"{group} {row.id}: unknown device {row.serial_number}"
                raise ImportError_(msg)
    for peripheral in data.peripherals:
        _serial(peripheral.serial_number, "peripherals")
        if _serial(peripheral.base_serial_number, "peripherals") not in devices:
            msg = f"peripheral {peripheral.serial_number}: unknown base unit"
            raise ImportError_(msg)
    return data


def import_data(*, session: Session, data: EntitlementData) -> dict[str, int]:
    """Merge validated data into the database (the caller's transaction).

    Returns:
        How many rows of each kind were merged.
    """
    for c in data.customers:
        customer = models.Customer(
            id=c.id,
            kind=c.kind,
            name=c.name,
            country=c.country,
            contact_email=c.contact_email,
            contact_phone=c.contact_phone,
            installed_base=c.installed_base,
        )
        customer = session.merge(customer)
        if c.priority_service:
            prio = c.priority_service
            session.merge(
                models.PriorityService(
                    customer_id=c.id,
                    tier=prio.tier,
                    pin=prio.pin,
                    start=prio.start,
                    end=prio.end,
                    languages=list(prio.languages),
                )
            )
        elif customer.priority_service is not None:
            session.delete(customer.priority_service)
    session.flush()
    for d in data.devices:
        session.merge(
            models.Device(
                serial_number=_serial(d.serial_number, "devices"),
                product_number=d.product_number.upper(),
                product_name=d.product_name,
                category=d.category,
                customer_id=d.customer_id,
                country_of_purchase=d.country_of_purchase,
                purchase_date=d.purchase_date,
                base_warranty_months=d.base_warranty_months,
                battery=d.battery,
            )
        )
    session.flush()
    for per in data.peripherals:
        session.merge(
            models.Peripheral(
                serial_number=_serial(per.serial_number, "peripherals"),
                kind=per.kind,
                product_name=per.product_name,
                base_serial_number=_serial(per.base_serial_number, "peripherals"),
                purchase_date=per.purchase_date,
            )
        )
    for cp in data.care_packs:
        session.merge(
            models.CarePack(
                id=cp.id,
                serial_number=_serial(cp.serial_number, "care_packs"),
                service=cp.service,
                sku=cp.sku,
                term_months=cp.term_months,
                purchased_on=cp.purchased_on,
                registered_on=cp.registered_on,
                add_ons=list(cp.add_ons),
            )
        )
    for s in data.subscriptions:
        session.merge(
            models.Subscription(
                id=s.id,
                serial_number=_serial(s.serial_number, "subscriptions"),
                service=s.service,
                billing=s.billing,
                ordered_on=s.ordered_on,
                status=s.status,
                activated_on=s.activated_on,
                minimum_commitment_months=s.minimum_commitment_months,
            )
        )
    session.flush()
    return {
        "customers": len(data.customers),
        "devices": len(data.devices),
        "peripherals": len(data.peripherals),
        "care_packs": len(data.care_packs),
        "subscriptions": len(data.subscriptions),
    }


def import_file(*, session: Session, path: Path) -> dict[str, int]:
    """Validate and merge the file at `path`."""
    return import_data(session=session, data=parse(path.read_text(encoding="utf-8")))
