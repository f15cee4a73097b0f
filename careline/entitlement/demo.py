"""Build `DeviceRecord`s from the demo data set (data/demo/entitlement-demo.json).

The JSON has one list per kind of record (`customers`, `devices`, `peripherals`,
`care_packs`, `subscriptions`), fields as in entitlement-rules §1, ISO dates.
`load_records` joins them into one `DeviceRecord` per serial number that can be
asked about: each device under its own serial, and each peripheral under its own
serial with `subject` set (the base unit's record, asked about the peripheral).

The `*_from_dict` parsers check every field's type and raise `ValueError` naming
the record and field, so a broken data file fails loudly at import rather than
deep inside a check. This module does no I/O: the caller reads the file.
"""

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from careline.entitlement.models import (
    CarePack,
    Customer,
    Device,
    DeviceRecord,
    Peripheral,
    PriorityService,
    Subscription,
)


def _field(record: Mapping[str, object], name: str) -> object:
    """Return `record[name]`, or raise `ValueError` if it is missing."""
    if name not in record:
        raise ValueError(f"{_label(record)}: missing field {name!r}")
    return record[name]


def _label(record: Mapping[str, object]) -> str:
    """Return a short description of a record for error messages."""
    for name in ("id", "serial_number"):
        value = record.get(name)
        if isinstance(value, str):
            return f"record {value!r}"
    return "record"


def _str(record: Mapping[str, object], name: str) -> str:
    value = _field(record, name)
    if not isinstance(value, str):
        raise ValueError(f"{_label(record)}: {name!r} must be a string, not {value!r}")
    return value


def _optional_str(record: Mapping[str, object], name: str) -> str | None:
    return None if record.get(name) is None else _str(record, name)


def _int(record: Mapping[str, object], name: str) -> int:
    value = _field(record, name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{_label(record)}: {name!r} must be an integer, not {value!r}")
    return value


def _date(record: Mapping[str, object], name: str) -> date:
    value = _str(record, name)
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ValueError(f"{_label(record)}: {name!r} is not an ISO date: {value!r}") from error


def _optional_date(record: Mapping[str, object], name: str) -> date | None:
    return None if record.get(name) is None else _date(record, name)


def _str_list(record: Mapping[str, object], name: str) -> tuple[str, ...]:
    value = record.get(name) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{_label(record)}: {name!r} must be a list of strings")
    return tuple(value)


def _mappings(data: Mapping[str, object], name: str) -> list[Mapping[str, object]]:
    value = data.get(name) or []
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise ValueError(f"{name!r} must be a list of objects")
    return value


def priority_service_from_dict(data: Mapping[str, object]) -> PriorityService:
    """Parse a customer's `priority_service` object."""
    return PriorityService(
        tier=_str(data, "tier"),
        pin=_str(data, "pin"),
        start=_date(data, "start"),
        end=_date(data, "end"),
        languages=_str_list(data, "languages"),
    )


def customer_from_dict(data: Mapping[str, object]) -> Customer:
    """Parse one entry of `customers`."""
    priority = data.get("priority_service")
    if priority is not None and not isinstance(priority, Mapping):
        raise ValueError(f"{_label(data)}: 'priority_service' must be an object or null")
    return Customer(
        id=_str(data, "id"),
        kind=_str(data, "kind"),
        country=_str(data, "country").upper(),
        installed_base=_int(data, "installed_base"),
        priority_service=priority_service_from_dict(priority) if priority is not None else None,
    )


def device_from_dict(data: Mapping[str, object]) -> Device:
    """Parse one entry of `devices`."""
    return Device(
        serial_number=_str(data, "serial_number").upper(),
        product_number=_str(data, "product_number").upper(),
        product_name=_str(data, "product_name"),
        category=_str(data, "category"),
        customer_id=_str(data, "customer_id"),
        country_of_purchase=_str(data, "country_of_purchase").upper(),
        purchase_date=_date(data, "purchase_date"),
        base_warranty_months=_int(data, "base_warranty_months"),
        battery=_optional_str(data, "battery"),
    )


def peripheral_from_dict(data: Mapping[str, object]) -> Peripheral:
    """Parse one entry of `peripherals`."""
    return Peripheral(
        serial_number=_str(data, "serial_number").upper(),
        kind=_str(data, "kind"),
        product_name=_str(data, "product_name"),
        base_serial_number=_str(data, "base_serial_number").upper(),
        purchase_date=_date(data, "purchase_date"),
    )


def care_pack_from_dict(data: Mapping[str, object]) -> CarePack:
    """Parse one entry of `care_packs`."""
    return CarePack(
        id=_str(data, "id"),
        serial_number=_str(data, "serial_number").upper(),
        service=_str(data, "service"),
        sku=_str(data, "sku"),
        term_months=_int(data, "term_months"),
        purchased_on=_date(data, "purchased_on"),
        registered_on=_optional_date(data, "registered_on"),
        add_ons=frozenset(_str_list(data, "add_ons")),
    )


def subscription_from_dict(data: Mapping[str, object]) -> Subscription:
    """Parse one entry of `subscriptions`."""
    return Subscription(
        id=_str(data, "id"),
        serial_number=_str(data, "serial_number").upper(),
        service=_str(data, "service"),
        billing=_str(data, "billing"),
        ordered_on=_date(data, "ordered_on"),
        status=_str(data, "status"),
        activated_on=_optional_date(data, "activated_on"),
        minimum_commitment_months=_int(data, "minimum_commitment_months"),
    )


def load_records(data: Mapping[str, object]) -> dict[str, DeviceRecord]:
    """Join the demo data into one record per serial number that can be asked about.

    Args:
        data: the parsed JSON of data/demo/entitlement-demo.json.

    Returns:
        Records keyed by upper-case serial number: every device, and every
        peripheral (its base unit's record with `subject` set to it).

    Raises:
        ValueError: if a field is missing or mistyped, a device names an unknown
            customer, a record names an unknown device, or a serial is repeated.
    """
    customers = {c.id: c for c in map(customer_from_dict, _mappings(data, "customers"))}
    devices = [device_from_dict(item) for item in _mappings(data, "devices")]
    peripherals = [peripheral_from_dict(item) for item in _mappings(data, "peripherals")]
    care_packs = [care_pack_from_dict(item) for item in _mappings(data, "care_packs")]
    subscriptions = [subscription_from_dict(item) for item in _mappings(data, "subscriptions")]

    serials = {device.serial_number for device in devices}
    if len(serials) != len(devices):
        raise ValueError("a device serial number is repeated")
    for owner, serial in (
        *((f"peripheral {p.serial_number}", p.base_serial_number) for p in peripherals),
        *((f"care pack {c.id}", c.serial_number) for c in care_packs),
        *((f"subscription {s.id}", s.serial_number) for s in subscriptions),
    ):
        if serial not in serials:
            raise ValueError(f"{owner} names an unknown device {serial!r}")

    records: dict[str, DeviceRecord] = {}
    for device in devices:
        if device.customer_id not in customers:
            raise ValueError(
                f"device {device.serial_number} names an unknown customer {device.customer_id!r}"
            )
        records[device.serial_number] = DeviceRecord(
            device=device,
            customer=customers[device.customer_id],
            care_packs=tuple(c for c in care_packs if c.serial_number == device.serial_number),
            subscriptions=tuple(
                s for s in subscriptions if s.serial_number == device.serial_number
            ),
            peripherals=tuple(
                p for p in peripherals if p.base_serial_number == device.serial_number
            ),
        )
    for peripheral in peripherals:
        if peripheral.serial_number in records:
            raise ValueError(f"serial number {peripheral.serial_number} is repeated")
        base = records[peripheral.base_serial_number]
        records[peripheral.serial_number] = replace(base, subject=peripheral)
    return records
