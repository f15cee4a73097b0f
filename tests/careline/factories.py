"""Small builders for entitlement records: one sensible default, override what a test is about."""

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from careline.entitlement import (
    CarePack,
    Customer,
    Device,
    DeviceRecord,
    EntitlementQuery,
    EntitlementResult,
    Peripheral,
    PriorityService,
    Subscription,
    check_entitlement,
)

PURCHASE = date(2024, 1, 10)


def days(n: int) -> timedelta:
    return timedelta(days=n)


def priority_service(**overrides: Any) -> PriorityService:
    default = PriorityService(
        tier="priority_access_plus",
        pin="482913",
        start=date(2024, 1, 1),
        end=date(2026, 12, 31),
        languages=("da", "en"),
    )
    return replace(default, **overrides)


def customer(**overrides: Any) -> Customer:
    default = Customer(
        id="C-1", kind="business", country="NL", installed_base=10, priority_service=None
    )
    return replace(default, **overrides)


def device(**overrides: Any) -> Device:
    default = Device(
        serial_number="5CG0000001",
        product_number="8A3N7EA",
        product_name="HP EliteBook 840 G10 Notebook PC",
        category="business_notebook",
        customer_id="C-1",
        country_of_purchase="NL",
        purchase_date=PURCHASE,
        base_warranty_months=12,
        battery="internal",
    )
    return replace(default, **overrides)


def printer(**overrides: Any) -> Device:
    return device(
        serial_number="CN00000001",
        product_number="5HB14A",
        product_name="HP DesignJet T650 36-in Printer",
        category="large_format_printer",
        battery=None,
        **overrides,
    )


def care_pack(
    *,
    add_ons: tuple[str, ...] = (),
    purchased_on: date = PURCHASE,
    registered_after: int | None = 2,
    **overrides: Any,
) -> CarePack:
    """A pickup-and-return Care Pack, registered `registered_after` days after purchase."""
    default = CarePack(
        id="CP-1",
        serial_number="5CG0000001",
        service="offsite_pickup_return",
        sku="U9BA7E",
        term_months=60,
        purchased_on=purchased_on,
        registered_on=None if registered_after is None else purchased_on + days(registered_after),
        add_ons=frozenset(add_ons),
    )
    return replace(default, **overrides)


def subscription(**overrides: Any) -> Subscription:
    default = Subscription(
        id="SUB-1",
        serial_number="CN00000001",
        service="designjet_subscription_support",
        billing="monthly",
        ordered_on=date(2024, 12, 1),
        status="active",
        activated_on=date(2024, 12, 2),
        minimum_commitment_months=6,
    )
    return replace(default, **overrides)


def peripheral(
    serial_number: str, kind: str = "external_monitor", purchase_date: date = PURCHASE
) -> Peripheral:
    return Peripheral(
        serial_number=serial_number,
        kind=kind,
        product_name=f"HP {kind}",
        base_serial_number="5CG0000001",
        purchase_date=purchase_date,
    )


def record(
    base: Device | None = None,
    *,
    owner: Customer | None = None,
    care_packs: tuple[CarePack, ...] = (),
    subscriptions: tuple[Subscription, ...] = (),
    peripherals: tuple[Peripheral, ...] = (),
    subject: Peripheral | None = None,
) -> DeviceRecord:
    return DeviceRecord(
        device=base or device(),
        customer=owner or customer(),
        care_packs=care_packs,
        subscriptions=subscriptions,
        peripherals=peripherals,
        subject=subject,
    )


def check(
    subject_record: DeviceRecord | None,
    as_of: date,
    *,
    serial_number: str | None = None,
    product_number: str | None = None,
    country: str | None = None,
    component: str | None = None,
    issue: str | None = None,
    battery_capacity_percent: int | None = None,
    pin: str | None = None,
) -> EntitlementResult:
    """Ask about the record's subject (or device) unless another serial is given."""
    if serial_number is None:
        if subject_record is None:
            serial_number = "5CG9999999"
        elif subject_record.subject is not None:
            serial_number = subject_record.subject.serial_number
        else:
            serial_number = subject_record.device.serial_number
    query = EntitlementQuery(
        serial_number=serial_number,
        as_of=as_of,
        product_number=product_number,
        country=country,
        component=component,
        issue=issue,
        battery_capacity_percent=battery_capacity_percent,
        pin=pin,
    )
    return check_entitlement(query, subject_record)
