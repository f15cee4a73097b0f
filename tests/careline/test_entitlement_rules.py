"""Rules R1-R16 of entitlement-rules.md, one group per rule, on the boundary days."""

import json
from datetime import date

import pytest

from careline.countries import country_timezone
from careline.dates import add_months
from careline.entitlement import (
    COMPONENTS,
    DELIVERY,
    FLAGS,
    ISSUES,
    REASONS,
    EntitlementResult,
)

from .factories import (
    PURCHASE,
    care_pack,
    check,
    customer,
    days,
    device,
    peripheral,
    printer,
    priority_service,
    record,
    subscription,
)

BASE_END = add_months(PURCHASE, 12)  # 2025-01-10, the default device's warranty end
PACK_END = add_months(PURCHASE, 60)  # 2029-01-10, the default Care Pack's end
AFTER_WARRANTY = date(2026, 3, 1)  # base warranty over, default Care Pack running


def kinds(result: EntitlementResult) -> list[tuple[str, bool, str | None]]:
    return [(c.kind, c.active, c.reason) for c in result.coverage]


# --- R1 base warranty -----------------------------------------------------------------


def test_r1_base_warranty_runs_from_purchase_for_its_months_inclusive() -> None:
    rec = record()
    on_last_day = check(rec, BASE_END)
    assert on_last_day.entitled
    assert on_last_day.delivery == ("remote", "return_to_depot")
    assert on_last_day.coverage[0].start == PURCHASE
    assert on_last_day.coverage[0].end == date(2025, 1, 10)

    day_after = check(rec, BASE_END + days(1))
    assert not day_after.entitled
    assert day_after.reasons == ("warranty_expired",)
    assert day_after.delivery == ()
    assert kinds(day_after) == [("base_warranty", False, "warranty_expired")]


def test_r1_on_purchase_day_covered_and_before_it_not_expired() -> None:
    rec = record()
    assert check(rec, PURCHASE).entitled
    before = check(rec, PURCHASE - days(1))
    assert not before.entitled
    assert before.reasons == ()
    assert kinds(before) == [("base_warranty", False, None)]


def test_r1_term_ends_on_last_day_of_shorter_month() -> None:
    rec = record(device(purchase_date=date(2024, 1, 31), base_warranty_months=1))
    assert check(rec, date(2024, 2, 29)).entitled
    assert not check(rec, date(2024, 3, 1)).entitled


# --- R2 Care Pack period --------------------------------------------------------------


def test_r2_care_pack_runs_from_device_purchase_not_care_pack_purchase() -> None:
    rec = record(care_packs=(care_pack(purchased_on=PURCHASE + days(20), term_months=36),))
    end = add_months(PURCHASE, 36)
    result = check(rec, end)
    assert result.entitled
    assert result.delivery == ("remote", "pickup_return")
    pack = result.coverage[1]
    assert (pack.kind, pack.start, pack.end, pack.active) == ("care_pack", PURCHASE, end, True)

    after = check(rec, end + days(1))
    assert not after.entitled
    assert after.reasons == ("warranty_expired",)
    assert kinds(after)[1] == ("care_pack", False, "warranty_expired")


def test_r2_care_pack_covers_only_once_bought() -> None:
    rec = record(care_packs=(care_pack(purchased_on=PURCHASE + days(20)),))
    result = check(rec, PURCHASE + days(5))
    assert result.entitled  # by the base warranty
    assert result.delivery == ("remote", "return_to_depot")
    assert kinds(result)[1] == ("care_pack", False, None)


# --- R3 registration ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("registered_after", "entitled", "reasons"),
    [
        (10, True, ()),
        (11, False, ("care_pack_not_registered", "warranty_expired")),
    ],
)
def test_r3_care_pack_registered_within_10_days(
    registered_after: int, entitled: bool, reasons: tuple[str, ...]
) -> None:
    rec = record(care_packs=(care_pack(registered_after=registered_after),))
    result = check(rec, AFTER_WARRANTY)
    assert result.entitled is entitled
    assert result.reasons == reasons


def test_r3_unregistered_care_pack_pending_until_day_10() -> None:
    bought = PURCHASE + days(5)
    rec = record(care_packs=(care_pack(purchased_on=bought, registered_after=None),))

    pending = check(rec, bought + days(10))
    assert pending.entitled
    assert pending.delivery == ("remote", "pickup_return")
    assert pending.flags == ("care_pack_registration_pending",)
    assert pending.reasons == ()

    lapsed = check(rec, bought + days(11))
    assert lapsed.entitled  # still under base warranty
    assert lapsed.delivery == ("remote", "return_to_depot")
    assert lapsed.reasons == ("care_pack_not_registered",)
    assert lapsed.flags == ()
    assert kinds(lapsed)[1] == ("care_pack", False, "care_pack_not_registered")


def test_r3_registration_after_as_of_is_not_yet_registered() -> None:
    rec = record(care_packs=(care_pack(registered_after=8),))
    assert check(rec, PURCHASE + days(5)).flags == ("care_pack_registration_pending",)
    assert check(rec, PURCHASE + days(8)).flags == ()


def test_r3_not_reported_once_the_care_pack_term_is_over() -> None:
    rec = record(care_packs=(care_pack(registered_after=30, term_months=24),))
    result = check(rec, add_months(PURCHASE, 24) + days(1))
    assert result.reasons == ("warranty_expired",)
    assert kinds(result)[1] == ("care_pack", False, "care_pack_not_registered")


# --- R4 purchase window -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("bought_after", "entitled", "reasons"),
    [
        (30, True, ()),
        (31, False, ("care_pack_purchased_late", "warranty_expired")),
    ],
)
def test_r4_care_pack_bought_within_30_days_of_device(
    bought_after: int, entitled: bool, reasons: tuple[str, ...]
) -> None:
    rec = record(care_packs=(care_pack(purchased_on=PURCHASE + days(bought_after)),))
    result = check(rec, AFTER_WARRANTY)
    assert result.entitled is entitled
    assert result.reasons == reasons


def test_r4_late_care_pack_reported_even_while_base_warranty_covers() -> None:
    rec = record(care_packs=(care_pack(purchased_on=PURCHASE + days(31)),))
    result = check(rec, PURCHASE + days(60))
    assert result.entitled
    assert result.delivery == ("remote", "return_to_depot")
    assert result.reasons == ("care_pack_purchased_late",)


def test_r4_accidental_damage_protection_only_at_device_purchase() -> None:
    adp = ("accidental_damage_protection",)
    same_day = record(care_packs=(care_pack(add_ons=adp, purchased_on=PURCHASE),))
    next_day = record(care_packs=(care_pack(add_ons=adp, purchased_on=PURCHASE + days(1)),))

    covered = check(same_day, AFTER_WARRANTY, issue="accidental_damage")
    assert covered.entitled
    assert covered.flags == ("accidental_damage_protection",)

    void = check(next_day, AFTER_WARRANTY, issue="accidental_damage")
    assert not void.entitled
    assert void.reasons == ("accidental_damage_not_covered",)
    assert void.flags == ()
    # The rest of the pack still covers.
    general = check(next_day, AFTER_WARRANTY)
    assert general.entitled
    assert general.coverage[1].add_ons == adp


# --- R5 country of purchase -------------------------------------------------------------


def test_r5_care_pack_void_outside_country_base_warranty_unaffected() -> None:
    rec = record(care_packs=(care_pack(add_ons=("defective_media_retention",)),))
    result = check(rec, PURCHASE + days(60), country="DE")
    assert result.entitled
    assert result.delivery == ("remote", "return_to_depot")
    assert result.reasons == ("outside_country_of_purchase",)
    assert result.flags == ()
    assert kinds(result)[1] == ("care_pack", False, "outside_country_of_purchase")


def test_r5_country_compared_without_case() -> None:
    rec = record(care_packs=(care_pack(),))
    result = check(rec, PURCHASE + days(60), country="nl")
    assert result.reasons == ()
    assert result.delivery == ("remote", "pickup_return")


def test_r5_only_reported_when_a_care_pack_would_apply() -> None:
    assert check(record(), PURCHASE + days(60), country="DE").reasons == ()
    late = record(care_packs=(care_pack(purchased_on=PURCHASE + days(40)),))
    assert check(late, PURCHASE + days(60), country="DE").reasons == ("care_pack_purchased_late",)


def test_r5_after_base_warranty_nothing_covers_abroad_but_it_has_not_expired() -> None:
    rec = record(care_packs=(care_pack(),))
    result = check(rec, AFTER_WARRANTY, country="FR")
    assert not result.entitled
    assert result.reasons == ("outside_country_of_purchase",)


# --- R6 subscriptions -------------------------------------------------------------------


def test_r6_subscription_starts_the_day_after_warranty_and_care_pack() -> None:
    pack = care_pack(serial_number="CN00000001", service="offsite_return_to_depot", term_months=24)
    sub = subscription(ordered_on=PURCHASE + days(100), activated_on=PURCHASE + days(101))
    rec = record(printer(), care_packs=(pack,), subscriptions=(sub,))
    pack_end = add_months(PURCHASE, 24)

    last_pack_day = check(rec, pack_end)
    assert last_pack_day.delivery == ("remote", "return_to_depot")
    assert last_pack_day.coverage[2].start == pack_end + days(1)
    assert kinds(last_pack_day)[2] == ("subscription", False, None)

    first_sub_day = check(rec, pack_end + days(1))
    assert first_sub_day.entitled
    assert first_sub_day.delivery == ("remote", "onsite")
    assert first_sub_day.coverage[2].end is None
    assert kinds(first_sub_day)[2] == ("subscription", True, None)


def test_r6_subscription_activated_after_warranty_starts_on_activation() -> None:
    activated = BASE_END + days(40)
    sub = subscription(ordered_on=activated - days(1), activated_on=activated)
    rec = record(printer(), subscriptions=(sub,))
    assert not check(rec, activated - days(1)).entitled
    assert check(rec, activated).entitled


def test_r6_draft_subscription_reported_only_when_nothing_else_covers() -> None:
    draft = subscription(status="draft", activated_on=None, ordered_on=PURCHASE + days(30))
    rec = record(printer(), subscriptions=(draft,))

    during_warranty = check(rec, PURCHASE + days(40))
    assert during_warranty.entitled
    assert during_warranty.reasons == ()
    assert kinds(during_warranty)[1] == ("subscription", False, "subscription_not_active")

    after = check(rec, BASE_END + days(1))
    assert not after.entitled
    assert after.reasons == ("subscription_not_active", "warranty_expired")


@pytest.mark.parametrize("status", ["draft", "suspended", "cancelled", "expired"])
def test_r6_only_active_subscriptions_cover(status: str) -> None:
    rec = record(printer(), subscriptions=(subscription(status=status),))
    result = check(rec, AFTER_WARRANTY)
    assert not result.entitled
    assert "subscription_not_active" in result.reasons


def test_r6_subscription_start_ignores_void_care_packs() -> None:
    void_pack = care_pack(serial_number="CN00000001", registered_after=20)
    rec = record(printer(), care_packs=(void_pack,), subscriptions=(subscription(),))
    result = check(rec, BASE_END + days(1))
    assert result.entitled
    assert result.delivery == ("remote", "onsite")
    assert result.coverage[2].start == BASE_END + days(1)


# --- R7 what is covered ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "component",
    ["display", "keyboard", "mouse", "ac_adapter", "memory", "storage", "power", "motherboard"],
)
def test_r7_all_in_one_screen_and_in_box_accessories_are_part_of_the_unit(component: str) -> None:
    aio = device(category="business_all_in_one", battery=None)
    result = check(record(aio), PURCHASE + days(60), component=component)
    assert result.entitled
    assert result.delivery == ("remote", "return_to_depot")


@pytest.mark.parametrize("component", ["external_monitor", "docking_station"])
def test_r7_external_monitor_and_dock_not_covered_without_peripheral_care_pack(
    component: str,
) -> None:
    aio = device(category="business_all_in_one", battery=None)
    attached = (peripheral("CNK0000001"), peripheral("5CH0000001", "docking_station"))
    rec = record(aio, care_packs=(care_pack(),), peripherals=attached)
    result = check(rec, PURCHASE + days(60), component=component)
    assert not result.entitled
    assert result.reasons == ("component_not_covered",)
    assert result.delivery == ()


def test_r7_second_monitor_of_an_all_in_one_asked_by_its_serial() -> None:
    monitor = peripheral("CNK0000001")
    rec = record(device(category="business_all_in_one"), peripherals=(monitor,), subject=monitor)
    result = check(rec, PURCHASE + days(60))
    assert result.serial_number == "CNK0000001"
    assert result.product_name == "HP external_monitor"
    assert not result.entitled
    assert result.reasons == ("component_not_covered",)


# --- R8 Peripheral Care Pack ----------------------------------------------------------------

PCP = care_pack(add_ons=("peripheral_care_pack",))


def test_r8_peripheral_care_pack_covers_peripherals_bought_with_the_unit() -> None:
    monitor = peripheral("CNK0000001")
    dock = peripheral("5CH0000001", "docking_station")
    rec = record(care_packs=(PCP,), peripherals=(monitor, dock))
    for subject in (monitor, dock):
        result = check(
            record(care_packs=(PCP,), peripherals=(monitor, dock), subject=subject), AFTER_WARRANTY
        )
        assert result.entitled
        assert result.delivery == ("remote", "pickup_return")
        assert result.flags == ("peripheral_care_pack",)
    assert check(rec, AFTER_WARRANTY, component="external_monitor").entitled
    assert check(rec, AFTER_WARRANTY, component="docking_station").entitled


def test_r8_peripheral_asked_by_serial_without_subject_set() -> None:
    monitor = peripheral("CNK0000001")
    rec = record(care_packs=(PCP,), peripherals=(monitor,))
    result = check(rec, AFTER_WARRANTY, serial_number="cnk0000001")
    assert result.serial_number == "CNK0000001"
    assert result.entitled


def test_r8_peripheral_bought_on_another_day_not_covered() -> None:
    later = peripheral("CNK0000001", purchase_date=PURCHASE + days(1))
    rec = record(care_packs=(PCP,), peripherals=(later,), subject=later)
    result = check(rec, AFTER_WARRANTY)
    assert not result.entitled
    assert result.reasons == ("component_not_covered",)


def test_r8_at_most_two_external_monitors() -> None:
    monitors = tuple(peripheral(f"CNK000000{i}") for i in (1, 2, 3))
    for subject, covered in zip(monitors, (True, True, False), strict=True):
        rec = record(care_packs=(PCP,), peripherals=monitors, subject=subject)
        result = check(rec, AFTER_WARRANTY)
        assert result.entitled is covered, subject.serial_number
    third = check(
        record(care_packs=(PCP,), peripherals=monitors, subject=monitors[2]), AFTER_WARRANTY
    )
    assert third.reasons == ("component_not_covered",)


def test_r8_at_most_six_peripherals_and_uncovered_ones_take_no_slot() -> None:
    attached = (
        peripheral("A000000001"),
        peripheral("A000000002"),
        peripheral("A000000003"),  # third monitor: not covered, takes no slot
        peripheral("B000000000", "docking_station", purchase_date=PURCHASE + days(3)),  # later
        *(peripheral(f"D00000000{i}", "docking_station") for i in range(1, 6)),
    )
    covered = {
        p.serial_number
        for p in attached
        if check(
            record(care_packs=(PCP,), peripherals=attached, subject=p), AFTER_WARRANTY
        ).entitled
    }
    assert covered == {
        "A000000001",
        "A000000002",
        "D000000001",
        "D000000002",
        "D000000003",
        "D000000004",
    }


def test_r8_needs_the_care_pack_to_be_active() -> None:
    monitor = peripheral("CNK0000001")
    rec = record(care_packs=(PCP,), peripherals=(monitor,), subject=monitor)
    assert not check(rec, AFTER_WARRANTY, country="DE").entitled
    expired = check(rec, PACK_END + days(1))
    assert expired.reasons == ("warranty_expired",)


# --- R9 consumables ---------------------------------------------------------------------


def test_r9_tablet_pen_is_a_consumable() -> None:
    result = check(record(care_packs=(care_pack(),)), PURCHASE + days(60), component="pen")
    assert not result.entitled
    assert result.reasons == ("component_not_covered",)
    expired = check(record(), BASE_END + days(1), component="pen")
    assert expired.reasons == ("component_not_covered", "warranty_expired")


def test_r9_customer_replaceable_battery_is_a_consumable() -> None:
    rec = record(device(battery=None))
    result = check(rec, PURCHASE + days(60), component="battery")
    assert not result.entitled
    assert result.reasons == ("component_not_covered",)
    wear = check(rec, PURCHASE + days(60), battery_capacity_percent=30)
    assert wear.reasons == ("component_not_covered",)


# --- R10 batteries ------------------------------------------------------------------------

BATTERY_LIMIT = add_months(PURCHASE, 36)  # 2027-01-10


def test_r10_battery_defect_covered_by_base_warranty() -> None:
    result = check(record(), PURCHASE + days(60), component="battery")
    assert result.entitled
    assert result.delivery == ("remote", "return_to_depot")


@pytest.mark.parametrize(
    ("as_of", "entitled"),
    [
        (BATTERY_LIMIT - days(1), True),
        (BATTERY_LIMIT, True),
        (BATTERY_LIMIT + days(1), False),
    ],
)
def test_r10_battery_defect_with_care_pack_covered_up_to_three_years(
    as_of: date, entitled: bool
) -> None:
    rec = record(care_packs=(care_pack(),))
    result = check(rec, as_of, component="battery")
    assert result.entitled is entitled
    assert result.reasons == (() if entitled else ("battery_coverage_ended",))
    assert check(rec, as_of, component="display").entitled


def test_r10_battery_covered_by_long_base_warranty_after_three_years() -> None:
    rec = record(device(base_warranty_months=48), care_packs=(care_pack(),))
    assert check(rec, BATTERY_LIMIT + days(1), component="battery").entitled


def test_r10_battery_replacement_covers_defects_for_the_whole_term() -> None:
    rec = record(care_packs=(care_pack(add_ons=("battery_replacement",)),))
    result = check(rec, PACK_END, component="battery")
    assert result.entitled
    assert result.flags == ("battery_replacement",)


@pytest.mark.parametrize(
    ("capacity", "entitled"), [(0, True), (49, True), (50, False), (80, False)]
)
def test_r10_wear_covered_below_50_percent_with_battery_replacement(
    capacity: int, entitled: bool
) -> None:
    rec = record(care_packs=(care_pack(add_ons=("battery_replacement",)),))
    result = check(rec, AFTER_WARRANTY, component="battery", battery_capacity_percent=capacity)
    assert result.entitled is entitled
    assert result.reasons == (() if entitled else ("battery_wear_not_covered",))
    assert result.flags == ("battery_replacement",)


def test_r10_wear_not_covered_without_battery_replacement() -> None:
    rec = record(care_packs=(care_pack(),))
    result = check(rec, PURCHASE + days(60), battery_capacity_percent=20)
    assert not result.entitled
    assert result.reasons == ("battery_wear_not_covered",)


def test_r10_wear_complaint_without_capacity_not_covered() -> None:
    rec = record(care_packs=(care_pack(add_ons=("battery_replacement",)),))
    result = check(rec, AFTER_WARRANTY, issue="battery_wear")
    assert not result.entitled
    assert result.reasons == ("battery_wear_not_covered",)


def test_r10_battery_after_everything_ended_is_warranty_expired() -> None:
    result = check(record(), BASE_END + days(1), component="battery")
    assert result.reasons == ("warranty_expired",)


# --- R11 excluded services ----------------------------------------------------------------


@pytest.mark.parametrize(
    "issue", ["software", "connectivity", "misuse", "unauthorized_repair", "maintenance"]
)
def test_r11_excluded_services_whatever_the_coverage(issue: str) -> None:
    rec = record(care_packs=(care_pack(add_ons=("accidental_damage_protection",)),))
    result = check(rec, PURCHASE + days(60), issue=issue)
    assert not result.entitled
    assert result.reasons == ("excluded_service",)
    assert result.delivery == ()


def test_r11_software_component_is_excluded_and_hardware_failure_is_not() -> None:
    rec = record()
    assert check(rec, PURCHASE + days(60), component="software").reasons == ("excluded_service",)
    assert check(rec, PURCHASE + days(60), component="storage", issue="hardware_failure").entitled


# --- R12 accidental damage -----------------------------------------------------------------


def test_r12_accidental_damage_covered_only_with_protection() -> None:
    protected = record(care_packs=(care_pack(add_ons=("accidental_damage_protection",)),))
    result = check(protected, PURCHASE + days(60), component="display", issue="accidental_damage")
    assert result.entitled
    assert result.delivery == ("remote", "pickup_return")
    assert result.flags == ("accidental_damage_protection",)

    for rec in (record(), record(care_packs=(care_pack(),))):
        denied = check(rec, PURCHASE + days(60), issue="accidental_damage")
        assert not denied.entitled
        assert denied.reasons == ("accidental_damage_not_covered",)


# --- R13 defective media retention ---------------------------------------------------------


def test_r13_defective_media_retention_flag_from_active_care_pack() -> None:
    rec = record(care_packs=(care_pack(add_ons=("defective_media_retention",)),))
    result = check(rec, AFTER_WARRANTY, component="storage")
    assert result.entitled
    assert result.flags == ("defective_media_retention",)
    assert check(rec, PACK_END + days(1)).flags == ()
    assert check(rec, AFTER_WARRANTY, country="FR").flags == ()


# --- R14 support hours (time zone of the customer's country) -------------------------------


@pytest.mark.parametrize(
    ("country", "zone"),
    [
        ("NL", "Europe/Amsterdam"),
        ("DK", "Europe/Copenhagen"),
        ("FR", "Europe/Paris"),
        ("DE", "Europe/Berlin"),
        ("GB", "Europe/London"),
        ("CN", "Asia/Shanghai"),
        ("US", "America/New_York"),
        ("ZZ", "UTC"),
    ],
)
def test_r14_support_hours_use_the_customer_country_time_zone(country: str, zone: str) -> None:
    assert country_timezone(country) == zone


# --- R15 Priority Services -----------------------------------------------------------------

PRIORITY = priority_service(start=date(2025, 1, 1), end=date(2025, 12, 31))


@pytest.mark.parametrize("as_of", [date(2025, 1, 1), date(2025, 12, 31)])
def test_r15_valid_pin_gives_the_tier_while_the_service_runs(as_of: date) -> None:
    rec = record(device(base_warranty_months=36), owner=customer(priority_service=PRIORITY))
    result = check(rec, as_of, pin="482913")
    assert result.priority_tier == "priority_access_plus"
    assert result.reasons == ()
    assert check(rec, as_of, pin=" 482 913 ").priority_tier == "priority_access_plus"


@pytest.mark.parametrize("as_of", [date(2024, 12, 31), date(2026, 1, 1)])
def test_r15_right_pin_outside_service_dates_is_expired(as_of: date) -> None:
    rec = record(device(base_warranty_months=36), owner=customer(priority_service=PRIORITY))
    result = check(rec, as_of, pin="482913")
    assert result.priority_tier is None
    assert result.reasons == ("priority_service_expired",)
    assert result.entitled  # PIN problems never change entitlement


def test_r15_wrong_pin_or_no_priority_service_is_invalid() -> None:
    with_service = record(owner=customer(priority_service=PRIORITY))
    wrong = check(with_service, date(2024, 6, 1), pin="000000")
    assert wrong.reasons == ("invalid_pin",)
    assert wrong.entitled
    assert check(record(), date(2024, 6, 1), pin="482913").reasons == ("invalid_pin",)
    assert check(with_service, date(2024, 6, 1)).reasons == ()


# --- R16 subscription fees ------------------------------------------------------------------

FEE_FROM = add_months(BASE_END, 6)  # 2025-07-10


@pytest.mark.parametrize(("ordered_on", "fee"), [(FEE_FROM - days(1), False), (FEE_FROM, True)])
def test_r16_verification_fee_when_subscribing_six_months_after_coverage_ended(
    ordered_on: date, fee: bool
) -> None:
    draft = subscription(status="draft", ordered_on=ordered_on, activated_on=None)
    result = check(record(printer(), subscriptions=(draft,)), ordered_on + days(1))
    assert ("verification_fee_applies" in result.flags) is fee


def test_r16_verification_fee_counts_from_the_last_valid_care_pack() -> None:
    pack = care_pack(serial_number="CN00000001", term_months=24)
    draft = subscription(status="draft", ordered_on=FEE_FROM, activated_on=None)
    rec = record(printer(), care_packs=(pack,), subscriptions=(draft,))
    assert "verification_fee_applies" not in check(rec, FEE_FROM).flags


@pytest.mark.parametrize(("as_of", "fee"), [(FEE_FROM - days(1), False), (FEE_FROM, True)])
def test_r16_verification_fee_for_large_format_printer_without_subscription(
    as_of: date, fee: bool
) -> None:
    cancelled = subscription(status="cancelled", ordered_on=PURCHASE)
    for rec in (record(printer()), record(printer(), subscriptions=(cancelled,))):
        assert ("verification_fee_applies" in check(rec, as_of).flags) is fee
    assert check(record(), as_of).flags == ()  # notebooks have no subscriptions


@pytest.mark.parametrize(
    ("as_of", "fee"),
    [
        (date(2024, 12, 2), True),
        (add_months(date(2024, 12, 2), 6), True),
        (add_months(date(2024, 12, 2), 6) + days(1), False),
    ],
)
def test_r16_early_termination_fee_within_minimum_commitment(as_of: date, fee: bool) -> None:
    active = subscription(activated_on=date(2024, 12, 2), minimum_commitment_months=6)
    result = check(record(printer(), subscriptions=(active,)), as_of)
    assert ("early_termination_fee_applies" in result.flags) is fee
    draft = subscription(status="draft", activated_on=None)
    assert (
        "early_termination_fee_applies"
        not in check(record(printer(), subscriptions=(draft,)), as_of).flags
    )


# --- identity, shape, vocabularies ---------------------------------------------------------


def test_unknown_serial() -> None:
    result = check(None, date(2026, 1, 1), serial_number=" 5cg9999999 ", pin="482913")
    assert result == EntitlementResult(
        serial_number="5CG9999999",
        product_name=None,
        entitled=False,
        coverage=(),
        delivery=(),
        reasons=("unknown_serial",),
        flags=(),
        priority_tier=None,
        as_of=date(2026, 1, 1),
    )


@pytest.mark.parametrize("product_number", ["8A3N7EA", "8a3n7ea", "8A3N7EA#ABH", " 8a3n7ea#abb "])
def test_product_number_option_code_and_case_ignored(product_number: str) -> None:
    result = check(record(), PURCHASE + days(1), product_number=product_number)
    assert result.entitled
    assert result.reasons == ()


def test_product_number_mismatch() -> None:
    result = check(record(), PURCHASE + days(1), product_number="6F1E9EA", pin="482913")
    assert not result.entitled
    assert result.reasons == ("product_number_mismatch",)
    assert result.coverage == ()
    assert result.product_name == "HP EliteBook 840 G10 Notebook PC"


def test_unknown_component_or_issue_is_rejected() -> None:
    with pytest.raises(ValueError, match="component"):
        check(record(), PURCHASE, component="flux_capacitor")
    with pytest.raises(ValueError, match="issue"):
        check(record(), PURCHASE, issue="bored")


def test_component_and_issue_are_normalised() -> None:
    result = check(record(), PURCHASE, component=" Display ", issue="HARDWARE_FAILURE")
    assert (result.component, result.issue) == ("display", "hardware_failure")


def test_to_dict_is_the_json_shape_of_the_rules_page() -> None:
    rec = record(care_packs=(care_pack(add_ons=("battery_replacement",)),))
    payload = check(rec, AFTER_WARRANTY).to_dict()
    assert json.loads(json.dumps(payload)) == payload
    assert payload["entitled"] is True
    assert payload["delivery"] == ["remote", "pickup_return"]
    assert payload["flags"] == ["battery_replacement"]
    assert payload["priority_tier"] is None
    assert payload["as_of"] == "2026-03-01"
    assert payload["coverage"] == [
        {
            "kind": "base_warranty",
            "start": "2024-01-10",
            "end": "2025-01-10",
            "active": False,
            "service": None,
            "id": None,
            "add_ons": [],
            "reason": "warranty_expired",
        },
        {
            "kind": "care_pack",
            "start": "2024-01-10",
            "end": "2029-01-10",
            "active": True,
            "service": "offsite_pickup_return",
            "id": "CP-1",
            "add_ons": ["battery_replacement"],
            "reason": None,
        },
    ]


def test_every_code_comes_from_the_vocabularies() -> None:
    monitor = peripheral("CNK0000001")
    records = [
        record(),
        record(care_packs=(care_pack(add_ons=("battery_replacement", "peripheral_care_pack")),)),
        record(care_packs=(care_pack(registered_after=None, purchased_on=PURCHASE + days(40)),)),
        record(printer(), subscriptions=(subscription(status="draft", activated_on=None),)),
        record(care_packs=(care_pack(),), peripherals=(monitor,), subject=monitor),
    ]
    as_ofs = [PURCHASE, PURCHASE + days(45), AFTER_WARRANTY, PACK_END + days(1)]
    for rec in records:
        for as_of in as_ofs:
            for component in (None, *COMPONENTS):
                for issue in (None, *ISSUES):
                    result = check(rec, as_of, component=component, issue=issue, pin="111111")
                    assert set(result.reasons) <= set(REASONS)
                    assert set(result.flags) <= set(FLAGS)
                    assert set(result.delivery) <= set(DELIVERY)
                    assert list(result.reasons) == sorted(result.reasons, key=REASONS.index)
                    assert result.entitled == bool(result.delivery)
                    if result.entitled:
                        assert result.delivery[0] == "remote"
