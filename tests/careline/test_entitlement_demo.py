"""The demo data set: every device checked for the rule it was made for."""

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careline.entitlement import (
    DeviceRecord,
    EntitlementQuery,
    EntitlementResult,
    check_entitlement,
    load_records,
)

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo" / "entitlement-demo.json"
TODAY = date(2026, 11, 22)

# ask(serial, as_of=TODAY, **query) -> the engine's answer for that demo serial.
Ask = Callable[..., EntitlementResult]


@pytest.fixture(scope="module")
def demo_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def records(demo_data: dict[str, Any]) -> dict[str, DeviceRecord]:
    return load_records(demo_data)


@pytest.fixture(scope="module")
def ask(records: dict[str, DeviceRecord]) -> Ask:
    def ask(serial: str, as_of: date = TODAY, **query: Any) -> EntitlementResult:
        return check_entitlement(
            EntitlementQuery(serial_number=serial, as_of=as_of, **query), records.get(serial)
        )

    return ask


def test_every_device_and_peripheral_has_a_record(
    demo_data: dict[str, Any], records: dict[str, DeviceRecord]
) -> None:
    devices = [d["serial_number"] for d in demo_data["devices"]]
    peripherals = [p["serial_number"] for p in demo_data["peripherals"]]
    assert set(records) == {*devices, *peripherals}
    assert records["5CG3201ABC"].subject is None
    assert records["CNK4110AA1"].subject is not None
    assert records["CNK4110AA1"].device.serial_number == "5CD4455667"
    assert len(records["5CD4455667"].peripherals) == 3


def test_5cg3201abc_pickup_return_with_battery_replacement(ask: Ask) -> None:
    result = ask("5CG3201ABC")
    assert result.entitled
    assert result.delivery == ("remote", "pickup_return")
    assert result.flags == ("battery_replacement",)
    assert result.reasons == ()
    assert [(c.kind, c.start, c.end, c.active) for c in result.coverage] == [
        ("base_warranty", date(2025, 3, 10), date(2028, 3, 10), True),
        ("care_pack", date(2025, 3, 10), date(2028, 3, 10), True),
    ]
    assert ask("5CG3201ABC", component="battery", battery_capacity_percent=40).entitled
    worn = ask("5CG3201ABC", component="battery", battery_capacity_percent=60)
    assert not worn.entitled
    assert worn.reasons == ("battery_wear_not_covered",)


def test_5cg3201abc_accidental_damage_and_software(ask: Ask) -> None:
    damage = ask("5CG3201ABC", issue="accidental_damage")
    assert not damage.entitled
    assert damage.reasons == ("accidental_damage_not_covered",)
    software = ask("5CG3201ABC", issue="software")
    assert not software.entitled
    assert software.reasons == ("excluded_service",)


def test_5cg2145xyz_care_pack_registered_too_late(ask: Ask) -> None:
    result = ask("5CG2145XYZ")
    assert not result.entitled
    assert result.reasons == ("care_pack_not_registered", "warranty_expired")
    # It never covered: during the base warranty only the base warranty did.
    early = ask("5CG2145XYZ", as_of=date(2022, 8, 1))
    assert early.delivery == ("remote", "return_to_depot")
    assert early.reasons == ("care_pack_not_registered",)


def test_cnd1234567_warranty_expired(ask: Ask) -> None:
    result = ask("CND1234567")
    assert not result.entitled
    assert result.reasons == ("warranty_expired",)
    assert ask("CND1234567", as_of=date(2024, 1, 15)).entitled  # last day of 36 months


def test_8cc2233445_all_in_one_screen_but_not_second_monitor(ask: Ask) -> None:
    display = ask("8CC2233445", component="display")
    assert display.entitled
    assert display.delivery == ("remote", "return_to_depot")
    monitor = ask("8CC2233445", component="external_monitor")
    assert not monitor.entitled
    assert monitor.reasons == ("component_not_covered",)
    by_serial = ask("CNK4230ZZ9")
    assert not by_serial.entitled
    assert by_serial.reasons == ("component_not_covered",)
    assert by_serial.product_name == "HP E24 G5 FHD Monitor"


def test_5cd4455667_priority_management_plus_and_peripherals(ask: Ask) -> None:
    result = ask("5CD4455667", pin="775120")
    assert result.entitled
    assert result.priority_tier == "priority_management_plus"
    assert result.flags == ("defective_media_retention", "peripheral_care_pack")
    assert result.delivery == ("remote", "pickup_return")
    for serial in ("CNK4110AA1", "CNK4110AA2", "5CH4110DK1"):
        peripheral = ask(serial)
        assert peripheral.entitled, serial
        assert peripheral.serial_number == serial
        assert peripheral.delivery == ("remote", "pickup_return")
    assert ask("5CD4455667", component="external_monitor").entitled
    assert ask("5CD4455667", component="docking_station").entitled
    # After the 36-month base warranty the 60-month Care Pack still covers.
    assert ask("5CD4455667", as_of=date(2028, 6, 1)).delivery == ("remote", "pickup_return")


def test_5cd4455667_used_in_france(ask: Ask) -> None:
    result = ask("5CD4455667", country="FR")
    assert result.entitled  # base warranty until 2027-02-01
    assert result.reasons == ("outside_country_of_purchase",)
    assert result.delivery == ("remote", "return_to_depot")
    assert result.flags == ()
    monitor = ask("CNK4110AA1", country="FR")
    assert not monitor.entitled
    assert monitor.reasons == ("outside_country_of_purchase", "component_not_covered")
    assert ask("5CD4455667", country="DE").reasons == ()


def test_5cg1122334_priority_service_expired(ask: Ask) -> None:
    result = ask("5CG1122334", pin="310755")
    assert result.entitled
    assert result.priority_tier is None
    assert result.reasons == ("priority_service_expired",)
    in_service = ask("5CG1122334", as_of=date(2026, 2, 28), pin="310755")
    assert in_service.priority_tier == "priority_access"


def test_5cg3010777_battery_capped_at_three_years(ask: Ask) -> None:
    battery = ask("5CG3010777", component="battery")
    assert not battery.entitled
    assert battery.reasons == ("battery_coverage_ended",)
    assert ask("5CG3010777", as_of=date(2026, 1, 10), component="battery").entitled
    assert not ask("5CG3010777", as_of=date(2026, 1, 11), component="battery").entitled
    display = ask("5CG3010777", component="display")
    assert display.entitled
    assert display.delivery == ("remote", "pickup_return")


def test_5cd6020456_pen_is_a_consumable(ask: Ask) -> None:
    pen = ask("5CD6020456", component="pen")
    assert not pen.entitled
    assert pen.reasons == ("component_not_covered",)
    assert ask("5CD6020456", component="display").entitled


def test_cn35f1a002_active_subscription(ask: Ask) -> None:
    result = ask("CN35F1A002", component="printer")
    assert result.entitled
    assert result.delivery == ("remote", "onsite")
    assert result.flags == ()
    subscription = result.coverage[-1]
    assert (subscription.kind, subscription.start, subscription.end, subscription.active) == (
        "subscription",
        date(2025, 4, 2),
        None,
        True,
    )
    # While the Care Pack ran, it delivered; the commitment ran to 2025-10-01.
    assert ask("CN35F1A002", as_of=date(2025, 4, 1)).delivery == ("remote", "return_to_depot")
    assert ask("CN35F1A002", as_of=date(2025, 10, 1)).flags == ("early_termination_fee_applies",)
    assert ask("CN35F1A002", as_of=date(2025, 10, 2)).flags == ()


def test_cn27p4x009_draft_subscription_with_verification_fee(ask: Ask) -> None:
    result = ask("CN27P4X009")
    assert not result.entitled
    assert result.reasons == ("subscription_not_active", "warranty_expired")
    assert result.flags == ("verification_fee_applies",)


def test_5cg3300111_priority_access_plus(ask: Ask) -> None:
    result = ask("5CG3300111", pin="482913")
    assert result.priority_tier == "priority_access_plus"
    assert result.reasons == ()
    wrong = ask("5CG3300111", pin="482914")
    assert wrong.priority_tier is None
    assert wrong.reasons == ("invalid_pin",)
    assert wrong.entitled


def test_5cg3300222_same_product_other_customer(ask: Ask) -> None:
    assert ask("5CG3300222", pin="775120").priority_tier == "priority_management_plus"
    assert ask("5CG3300222", pin="482913").reasons == ("invalid_pin",)


def test_5cg4077001_accidental_damage_protection(ask: Ask) -> None:
    result = ask("5CG4077001", issue="accidental_damage")
    assert result.entitled
    assert result.flags == ("accidental_damage_protection",)
    assert result.delivery == ("remote", "pickup_return")


def test_5cg2990310_care_pack_purchased_late(ask: Ask) -> None:
    result = ask("5CG2990310")
    assert not result.entitled
    assert result.reasons == ("care_pack_purchased_late", "warranty_expired")
    during_warranty = ask("5CG2990310", as_of=date(2023, 6, 1))
    assert during_warranty.entitled
    assert during_warranty.reasons == ("care_pack_purchased_late",)


def test_5cd5088123_consumer_warranty_ended(ask: Ask) -> None:
    assert ask("5CD5088123", as_of=date(2026, 8, 1)).entitled
    result = ask("5CD5088123")
    assert not result.entitled
    assert result.reasons == ("warranty_expired",)


def test_unknown_serial_and_product_number(ask: Ask) -> None:
    assert ask("5CG0000000").reasons == ("unknown_serial",)
    assert ask("5CG3201ABC", product_number="8A3N7EA#ABH").entitled
    assert ask("5CG3201ABC", product_number="6F1E9EA").reasons == ("product_number_mismatch",)


def test_the_rules_page_example(ask: Ask) -> None:
    payload = ask("5CG3201ABC").to_dict()
    assert payload["serial_number"] == "5CG3201ABC"
    assert payload["product_name"] == "HP EliteBook 840 G10 Notebook PC"
    assert payload["entitled"] is True
    assert payload["delivery"] == ["remote", "pickup_return"]
    assert payload["reasons"] == []
    assert payload["flags"] == ["battery_replacement"]
    assert payload["priority_tier"] is None
    coverage = payload["coverage"]
    assert isinstance(coverage, list)
    assert coverage[0]["kind"] == "base_warranty"
    assert (coverage[0]["start"], coverage[0]["end"]) == ("2025-03-10", "2028-03-10")
    assert coverage[1]["service"] == "offsite_pickup_return"


def test_load_records_rejects_broken_data(demo_data: dict[str, Any]) -> None:
    broken = copy.deepcopy(demo_data)
    broken["devices"][0]["customer_id"] = "C-999"
    with pytest.raises(ValueError, match="unknown customer"):
        load_records(broken)

    broken = copy.deepcopy(demo_data)
    del broken["care_packs"][0]["term_months"]
    with pytest.raises(ValueError, match="term_months"):
        load_records(broken)

    broken = copy.deepcopy(demo_data)
    broken["subscriptions"][0]["ordered_on"] = "20/03/2025"
    with pytest.raises(ValueError, match="ISO date"):
        load_records(broken)

    broken = copy.deepcopy(demo_data)
    broken["peripherals"][0]["base_serial_number"] = "5CG0000000"
    with pytest.raises(ValueError, match="unknown device"):
        load_records(broken)
