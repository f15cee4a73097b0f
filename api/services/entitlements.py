"""Entitlement checks: load a device's record from the database, ask the pure engine.

The engine (`careline.entitlement`) knows nothing of storage; this service turns ORM
rows into its frozen dataclasses. A serial may name a base unit or a peripheral; for a
peripheral the base unit's record is loaded with the peripheral as its `subject`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from api import models
from api.schemas.entitlements import EntitlementCheck
from careline import entitlement as ent


def _customer(row: models.Customer) -> ent.Customer:
    priority = row.priority_service
    return ent.Customer(
        id=row.id,
        kind=row.kind,
        country=row.country,
        installed_base=row.installed_base,
        priority_service=(
            ent.PriorityService(
                tier=priority.tier,
                pin=priority.pin,
                start=priority.start,
                end=priority.end,
                languages=tuple(priority.languages),
            )
            if priority
            else None
        ),
    )


def _peripheral(row: models.Peripheral) -> ent.Peripheral:
    return ent.Peripheral(
        serial_number=row.serial_number,
        kind=row.kind,
        product_name=row.product_name,
        base_serial_number=row.base_serial_number,
        purchase_date=row.purchase_date,
    )


def _record(row: models.Device, subject: models.Peripheral | None = None) -> ent.DeviceRecord:
    return ent.DeviceRecord(
        device=ent.Device(
            serial_number=row.serial_number,
            product_number=row.product_number,
            product_name=row.product_name,
            category=row.category,
            customer_id=row.customer_id,
            country_of_purchase=row.country_of_purchase,
            purchase_date=row.purchase_date,
            base_warranty_months=row.base_warranty_months,
            battery=row.battery,
        ),
        customer=_customer(row.customer),
        care_packs=tuple(
            ent.CarePack(
                id=cp.id,
                serial_number=cp.serial_number,
                service=cp.service,
                sku=cp.sku,
                term_months=cp.term_months,
                purchased_on=cp.purchased_on,
                registered_on=cp.registered_on,
                add_ons=frozenset(cp.add_ons),
            )
            for cp in row.care_packs
        ),
        subscriptions=tuple(
            ent.Subscription(
                id=sub.id,
                serial_number=sub.serial_number,
                service=sub.service,
                billing=sub.billing,
                ordered_on=sub.ordered_on,
                status=sub.status,
                activated_on=sub.activated_on,
                minimum_commitment_months=sub.minimum_commitment_months,
            )
            for sub in row.subscriptions
        ),
        peripherals=tuple(_peripheral(p) for p in row.peripherals),
        subject=_peripheral(subject) if subject else None,
    )


def load_record(*, session: Session, serial_number: str) -> ent.DeviceRecord | None:
    """The entitlement record of a base unit or peripheral, or None if unknown."""
    options = (
        selectinload(models.Device.customer).selectinload(models.Customer.priority_service),
        selectinload(models.Device.care_packs),
        selectinload(models.Device.subscriptions),
        selectinload(models.Device.peripherals),
    )
    device = session.scalars(
        select(models.Device).where(models.Device.serial_number == serial_number).options(*options)
    ).first()
    if device is not None:
        return _record(device)
    peripheral = session.get(models.Peripheral, serial_number)
    if peripheral is None:
        return None
    base = session.scalars(
        select(models.Device)
        .where(models.Device.serial_number == peripheral.base_serial_number)
        .options(*options)
    ).one()
    return _record(base, subject=peripheral)


def check_entitlement(
    *, session: Session, request: EntitlementCheck, today: dt.date
) -> ent.EntitlementResult:
    """Decide entitlement for `request` as of `request.as_of` (default: `today`)."""
    query = ent.EntitlementQuery(
        serial_number=request.serial_number,
        as_of=request.as_of or today,
        product_number=request.product_number,
        country=request.country,
        component=request.component,
        issue=request.issue,
        battery_capacity_percent=request.battery_capacity_percent,
        pin=request.pin,
    )
    record = load_record(session=session, serial_number=request.serial_number)
    return ent.check_entitlement(query, record)
