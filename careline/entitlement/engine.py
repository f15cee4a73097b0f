"""Decide whether a problem on a device is covered: rules R1-R16 as one pure function.

`check_entitlement(query, record)` reads only its arguments: no database, no clock
(`query.as_of` is the day decided for), no I/O. The same inputs always give the same
`EntitlementResult`, so the API, the action server and the tests share it, and a
past decision can be replayed.

How a decision is made:

1. Identity: an unknown serial or a product number that is not the device's ends
   the check (`unknown_serial`, `product_number_mismatch`).
2. Coverage periods (R1-R6): the base warranty, each Care Pack and each
   subscription get a `Coverage` entry, active or not on `as_of`, with the reason
   when one that exists does not apply. The active ones are the *sources* that can
   cover the problem.
3. The question (R7-R12): each rule family keeps the sources that cover this
   component/issue. A rule that always denies (pens, software, misuse...) reports
   its reason whatever the coverage; a rule that needs a particular source (a
   Peripheral Care Pack, Battery Replacement, Accidental Damage Protection) reports
   its reason when it removes the last source. `entitled` = some source is left.
4. Delivery, flags (R13, R16) and the Priority Services PIN (R15), which never
   changes `entitled`.

Decisions taken with the lead, where the datasheets leave room:

1. Every "within N days"/"until" boundary is inclusive: a coverage is active when
   `start <= as_of <= end`, with `end = add_months(start, months)`.
   R3: registered 10 days after buying the Care Pack is in time, 11 is
   `care_pack_not_registered`; a Care Pack not registered on `as_of` still covers
   while `as_of <= purchased_on + 10 days`, with the flag
   `care_pack_registration_pending`. R4: bought up to 30 days after the device is
   in time, 31 is `care_pack_purchased_late` and the pack does not cover; the
   `accidental_damage_protection` add-on also needs `purchased_on ==` the device's
   purchase date, else that add-on alone is void. R3/R4 reasons go into `reasons`
   when the pack's term includes `as_of` and it has been bought (it would otherwise
   cover that day, even if the base warranty covers anyway); a pack that could not
   have covered on `as_of` shows its reason only in its `Coverage` entry.
2. R1 base warranty and R2 Care Pack terms both run from the device's purchase date.
   A Care Pack covers only from the day it is bought.
3. R5: a `query.country` other than the country of purchase voids every Care Pack
   (`outside_country_of_purchase`, reported when a pack would otherwise cover on
   `as_of`); the base warranty is unaffected.
4. R6/R16: a subscription covers from max(`activated_on`, the day after the latest
   end of the base warranty and every valid Care Pack), open-ended, and only when
   `active`; a non-active one reports `subscription_not_active` only when nothing
   else covers the device. Delivery under a subscription is remote + onsite
   (seed 004: agents fix remotely, else send a service engineer).
   `verification_fee_applies` when a current (draft/active/suspended) subscription
   was ordered on or after that latest end + 6 months, or, for a large-format
   printer without a current subscription, when `as_of` is on or after it.
   `early_termination_fee_applies` while an active subscription is within
   `activated_on` + `minimum_commitment_months` (inclusive).
5. R7-R9: base-unit components (incl. the built-in screen of an all-in-one and the
   wired accessories in the box) follow the device's coverage. `external_monitor`
   and `docking_station`, and any question whose subject is a peripheral, are
   covered only by an active valid Care Pack with `peripheral_care_pack` and an
   attached peripheral of that kind bought on the device's purchase date, counting
   at most 6 peripherals and 2 external monitors in (purchase date, serial) order.
   `pen`, and `battery` on a device whose battery is not "internal", are
   consumables; `software` is an excluded service.
6. R10 (battery "internal"): a defect is covered by the base warranty, or by an
   active Care Pack until purchase + 36 months (inclusive), after which
   `battery_coverage_ended`; Battery Replacement covers defects for the whole
   term. A wear complaint (a capacity given, or issue `battery_wear`) is covered
   only by Battery Replacement with a capacity below 50 (50 is not), else
   `battery_wear_not_covered`.
7. R11: issues software/connectivity/misuse/unauthorized_repair/maintenance →
   `excluded_service`. R12: `accidental_damage` only with a valid Accidental Damage
   Protection add-on, else `accidental_damage_not_covered`. R13: flag
   `defective_media_retention`.
8. Flags come from the add-ons of the active, valid Care Packs (a void ADP add-on
   gives none).
9. R15: a PIN matching the customer's Priority Services PIN with the service active
   gives `priority_tier`; matching outside its dates gives
   `priority_service_expired`; anything else `invalid_pin`.
10. Unknown serial: not entitled, nothing else. Product number given and its base
    (without "#option", any case) differs from the device's: not entitled,
    `product_number_mismatch`, no coverage listed (it may be another device).
    Peripherals have no product number, so the check is skipped for them.
11. `warranty_expired` when nothing covers the device on `as_of` because the base
    warranty has ended and no valid Care Pack is still in its term (not when
    coverage has not started yet, nor when a valid pack only fails R5).
12. `delivery` is empty when not entitled; otherwise "remote" plus the covering
    Care Packs' services (`pickup_return`/`return_to_depot`), else "onsite" under a
    subscription, else "return_to_depot" under the base warranty alone. `reasons`
    are de-duplicated, in `REASONS` (rule) order; `coverage` lists the base
    warranty, then Care Packs by purchase date, then subscriptions by order date.

The engine raises `ValueError` for a component or issue outside `COMPONENTS` /
`ISSUES`: callers validate their input with those tuples.
"""

import hmac
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from careline.dates import add_months
from careline.entitlement.models import (
    ADD_ONS,
    CARE_PACK_DELIVERY,
    COMPONENTS,
    CONSUMABLE_COMPONENTS,
    DELIVERY,
    EXCLUDED_ISSUES,
    FLAGS,
    ISSUES,
    PERIPHERAL_COMPONENTS,
    REASONS,
    CarePack,
    Coverage,
    Customer,
    Device,
    DeviceRecord,
    EntitlementQuery,
    EntitlementResult,
    Peripheral,
    Subscription,
)
from careline.identifiers import base_product_number

#: R3: days after buying a Care Pack within which it must be registered.
REGISTRATION_DAYS = 10
#: R4: days after the device within which a Care Pack (other than ADP) must be bought.
CARE_PACK_PURCHASE_DAYS = 30
#: R10: months from purchase during which a Care Pack covers battery defects.
BATTERY_COVERAGE_MONTHS = 36
#: R10: Battery Replacement replaces a battery whose capacity is below this.
BATTERY_WEAR_THRESHOLD_PERCENT = 50
#: R8: peripherals a Peripheral Care Pack covers, and external monitors among them.
MAX_PERIPHERALS = 6
MAX_EXTERNAL_MONITORS = 2
#: R16: months after coverage ended from which subscribing costs a verification fee.
VERIFICATION_FEE_MONTHS = 6
#: R16: subscriptions that are current (not cancelled or expired).
CURRENT_SUBSCRIPTION_STATUSES = frozenset({"draft", "active", "suspended"})

_ADP = "accidental_damage_protection"
_BATTERY_REPLACEMENT = "battery_replacement"
_PERIPHERAL_CARE_PACK = "peripheral_care_pack"


# --- coverage periods (R1-R6) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CarePackState:
    """A Care Pack judged on `as_of` (R2-R5)."""

    pack: CarePack
    start: date
    end: date
    add_ons: frozenset[str]
    bought: bool
    in_term: bool
    pending: bool
    invalid_reasons: tuple[str, ...]
    outside_country: bool
    adp_valid: bool

    @property
    def valid(self) -> bool:
        """Whether R3 and R4 allow the pack to cover (registration may be pending)."""
        return not self.invalid_reasons

    @property
    def active(self) -> bool:
        """Whether the pack covers the device on `as_of` in the query's country."""
        return self.valid and self.bought and self.in_term and not self.outside_country

    def has(self, add_on: str) -> bool:
        """Whether the pack carries `add_on` in force (a void ADP add-on does not count)."""
        return add_on in self.add_ons and (add_on != _ADP or self.adp_valid)


@dataclass(frozen=True, slots=True)
class _Source:
    """Something that covers the device on `as_of`: a `COVERAGE_KINDS` value."""

    kind: str
    care_pack: _CarePackState | None = None


def _base_warranty(device: Device, as_of: date) -> Coverage:
    """R1: the base warranty runs from `purchase_date` for `base_warranty_months`."""
    start = device.purchase_date
    end = _base_warranty_end(device)
    return Coverage(
        kind="base_warranty",
        start=start,
        end=end,
        active=start <= as_of <= end,
        reason="warranty_expired" if as_of > end else None,
    )


def _base_warranty_end(device: Device) -> date:
    """R1: the last day of the base warranty."""
    return add_months(device.purchase_date, device.base_warranty_months)


def _registration(pack: CarePack, as_of: date) -> tuple[bool, str | None]:
    """R3: a Care Pack must be registered within 10 days of buying it (seed 000).

    Seed 000 "Verantwoordelijkheden van de klant": "De klant ... moet de hardware
    binnen 10 dagen na aanschaf van deze service registreren"; otherwise HP is not
    obliged to deliver the service.

    Returns:
        (pending, reason): pending when the pack is not registered on `as_of` but
        the 10 days have not run out yet; reason `care_pack_not_registered` when
        it was registered late or not at all within the 10 days.
    """
    deadline = pack.purchased_on + timedelta(days=REGISTRATION_DAYS)
    if pack.registered_on is not None and pack.registered_on <= as_of:
        return False, None if pack.registered_on <= deadline else "care_pack_not_registered"
    if as_of <= deadline:
        return True, None
    return False, "care_pack_not_registered"


def _purchase_window(pack: CarePack, device: Device) -> tuple[str | None, bool]:
    """R4: Care Packs within 30 days of the device, ADP at device purchase (seed 000).

    Seed 000 footnote 4: "Accidental Damage Protection moet worden aangeschaft bij
    aankoop van het apparaat. Andere Care Packs moeten worden aangeschaft binnen 30
    dagen na aankoop van het apparaat."

    Returns:
        (reason, adp_valid): reason `care_pack_purchased_late` when the pack was
        bought more than 30 days after the device; adp_valid when the pack carries
        Accidental Damage Protection bought on the device's purchase date.
    """
    days_after_device = (pack.purchased_on - device.purchase_date).days
    late = days_after_device > CARE_PACK_PURCHASE_DAYS
    adp_valid = _ADP in _folded(pack.add_ons) and pack.purchased_on == device.purchase_date
    return ("care_pack_purchased_late" if late else None), adp_valid


def _care_pack_state(
    pack: CarePack, device: Device, country: str | None, as_of: date
) -> _CarePackState:
    """R2-R5: judge one Care Pack on `as_of`.

    R2 (seed 000 footnote 1: "De service gaat in op de aanschafdatum van de
    hardware"): coverage runs from the device's purchase date for `term_months`,
    but only once the pack has been bought. R3 and R4 decide validity (see
    `_registration`, `_purchase_window`). R5 (seed 000: "niet van toepassing op
    hardware die buiten het land van aankoop wordt gebruikt"): a `country` other
    than the country of purchase voids it.
    """
    start = device.purchase_date
    end = add_months(start, pack.term_months)
    pending, registration_reason = _registration(pack, as_of)
    late_reason, adp_valid = _purchase_window(pack, device)
    invalid = tuple(reason for reason in (registration_reason, late_reason) if reason)
    return _CarePackState(
        pack=pack,
        start=start,
        end=end,
        add_ons=_folded(pack.add_ons),
        bought=pack.purchased_on <= as_of,
        in_term=start <= as_of <= end,
        pending=pending,
        invalid_reasons=invalid,
        outside_country=country is not None and country != device.country_of_purchase.upper(),
        adp_valid=adp_valid,
    )


def _care_pack_coverage(state: _CarePackState, as_of: date) -> Coverage:
    """R2-R5: the `Coverage` entry of a Care Pack, with why it does not apply."""
    reason: str | None = None
    if state.invalid_reasons:
        reason = state.invalid_reasons[0]
    elif state.bought and state.in_term and state.outside_country:
        reason = "outside_country_of_purchase"
    elif as_of > state.end:
        reason = "warranty_expired"
    return Coverage(
        kind="care_pack",
        start=state.start,
        end=state.end,
        active=state.active,
        service=state.pack.service,
        id=state.pack.id,
        add_ons=_ordered(state.add_ons, ADD_ONS),
        reason=reason,
    )


def _care_pack_reasons(states: Sequence[_CarePackState]) -> list[str]:
    """R3-R5: reasons of the Care Packs that would otherwise cover on `as_of`.

    A pack that has not been bought yet, or whose term does not include `as_of`,
    limits nothing on that day, so its R3/R4 problems are only in its `Coverage`.
    """
    reasons: list[str] = []
    for state in states:
        if not (state.bought and state.in_term):
            continue
        reasons.extend(state.invalid_reasons)
        if state.valid and state.outside_country:
            reasons.append("outside_country_of_purchase")
    return reasons


def _covered_until(base_end: date, states: Sequence[_CarePackState]) -> date:
    """R6/R16: the last day of the base warranty and every valid Care Pack."""
    return max([base_end, *(state.end for state in states if state.valid)])


def _uncovered_reasons(
    base_end: date,
    states: Sequence[_CarePackState],
    subscriptions: Sequence[Coverage],
    as_of: date,
) -> list[str]:
    """R6 and `warranty_expired`: why a device nothing covers on `as_of` is uncovered.

    A subscription that exists but is not active is reported (R6). The warranty has
    expired when the base warranty has ended and no valid Care Pack is still in its
    term: not when coverage has not started yet, nor when a valid pack only fails
    R5 (that is `outside_country_of_purchase`).
    """
    reasons: list[str] = []
    if any(entry.reason == "subscription_not_active" for entry in subscriptions):
        reasons.append("subscription_not_active")
    if as_of > base_end and not any(state.valid and state.in_term for state in states):
        reasons.append("warranty_expired")
    return reasons


def _subscription_coverage(
    subscription: Subscription, covered_until: date, as_of: date
) -> Coverage:
    """R6: a subscription starts after warranty and Care Pack; only `active` covers.

    Seed 004: "Tout service par abonnement débute uniquement après l'expiration de
    la période de garantie et/ou du Care pack"; "Brouillon" (draft) until payment,
    then "Actif". Coverage starts on max(`activated_on`, the day after
    `covered_until`) and is open-ended; a subscription that is not active yet
    counts from its order date.
    """
    active_status = subscription.status.lower() == "active"
    begins = subscription.activated_on or subscription.ordered_on
    start = max(begins, covered_until + timedelta(days=1))
    return Coverage(
        kind="subscription",
        start=start,
        end=None,
        active=active_status and start <= as_of,
        service=subscription.service,
        id=subscription.id,
        reason=None if active_status else "subscription_not_active",
    )


# --- the question (R7-R12) ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Question:
    """The component/issue asked about, normalised."""

    component: str | None
    issue: str | None
    battery_capacity_percent: int | None
    subject: Peripheral | None

    @property
    def about_battery(self) -> bool:
        """Whether the question is about the battery (R10)."""
        return (
            self.component == "battery"
            or self.issue == "battery_wear"
            or self.battery_capacity_percent is not None
        )

    @property
    def battery_wear(self) -> bool:
        """Whether it is a reduced-capacity complaint rather than a defect (R10)."""
        return self.issue == "battery_wear" or self.battery_capacity_percent is not None


@dataclass(frozen=True, slots=True)
class _Verdict:
    """What one rule family leaves of the sources.

    Attributes:
        kept: the sources that still cover the problem.
        reason: the rule's reason code when it restricts coverage, else None.
        absolute: the rule denies whatever the coverage (its reason is reported even
            when nothing covered the device to begin with).
    """

    kept: tuple[_Source, ...]
    reason: str | None = None
    absolute: bool = False


_Rule = Callable[[tuple[_Source, ...], _Question, DeviceRecord, date], _Verdict]


def _covered_peripherals(device: Device, attached: Iterable[Peripheral]) -> frozenset[str]:
    """R8: serials of the peripherals a Peripheral Care Pack covers (seed 000).

    Seed 000 "Peripheral Care Pack": up to 6 HP peripherals attached to the base
    unit, at most 2 external monitors, and only those bought together with the base
    unit ("tegelijk met de basiscomputer aangeschaft": the same purchase date).
    Peripherals beyond the limits, in (purchase date, serial) order, are not covered.
    """
    eligible = sorted(
        (p for p in attached if p.purchase_date == device.purchase_date),
        key=lambda p: (p.purchase_date, p.serial_number.upper()),
    )
    covered: list[str] = []
    monitors = 0
    for peripheral in eligible:
        if len(covered) == MAX_PERIPHERALS:
            break
        if peripheral.kind.lower() == "external_monitor":
            if monitors == MAX_EXTERNAL_MONITORS:
                continue
            monitors += 1
        covered.append(peripheral.serial_number.upper())
    return frozenset(covered)


def _component_rule(
    sources: tuple[_Source, ...], question: _Question, record: DeviceRecord, as_of: date
) -> _Verdict:
    """R7-R9: what is covered (seed 000 "Dekking").

    R7: the PC, its HP internal parts and the wired accessories in its box (and the
    built-in screen of an all-in-one) follow the device's coverage; external
    monitors do not. R8: peripherals (`external_monitor`, `docking_station`, or a
    peripheral's own serial) only with an active Peripheral Care Pack and within
    its limits (`_covered_peripherals`). R9: consumables (tablet pens,
    customer-replaceable batteries) never: `component_not_covered`.
    """
    device = record.device
    kind = question.subject.kind.lower() if question.subject else question.component
    if question.subject is not None or kind in PERIPHERAL_COMPONENTS:
        attached = _attached(record, question.subject)
        covered = _covered_peripherals(device, attached)
        if question.subject is not None:
            eligible = question.subject.serial_number.upper() in covered
        else:
            eligible = any(
                p.kind.lower() == kind and p.serial_number.upper() in covered for p in attached
            )
        kept = tuple(
            source
            for source in sources
            if eligible and source.care_pack and source.care_pack.has(_PERIPHERAL_CARE_PACK)
        )
        return _Verdict(kept, "component_not_covered")
    if question.component in CONSUMABLE_COMPONENTS:
        return _Verdict((), "component_not_covered", absolute=True)
    if question.about_battery and (device.battery or "").lower() != "internal":
        return _Verdict((), "component_not_covered", absolute=True)
    return _Verdict(sources)


def _battery_rule(
    sources: tuple[_Source, ...], question: _Question, record: DeviceRecord, as_of: date
) -> _Verdict:
    """R10: built-in batteries (seed 000 "Dekking", "Battery Replacement").

    A defect is covered within the base warranty, or by a registered Care Pack up to
    3 years from purchase ("tot een maximum van 3 jaar, als er een Care Pack voor de
    hardware is geregistreerd"): then `battery_coverage_ended`. Reduced capacity
    from normal wear is not covered (`battery_wear_not_covered`) unless Battery
    Replacement is in force and the capacity is below 50% ("minder dan 50%"),
    and Battery Replacement covers defects for the whole term.
    """
    if question.subject is not None or not question.about_battery:
        return _Verdict(sources)
    if question.battery_wear:
        capacity = question.battery_capacity_percent
        worn = capacity is not None and capacity < BATTERY_WEAR_THRESHOLD_PERCENT
        kept = tuple(
            source
            for source in sources
            if worn and source.care_pack and source.care_pack.has(_BATTERY_REPLACEMENT)
        )
        return _Verdict(kept, "battery_wear_not_covered")
    limit = add_months(record.device.purchase_date, BATTERY_COVERAGE_MONTHS)
    kept = tuple(
        source
        for source in sources
        if source.care_pack is None or source.care_pack.has(_BATTERY_REPLACEMENT) or as_of <= limit
    )
    return _Verdict(kept, "battery_coverage_ended")


def _exclusion_rule(
    sources: tuple[_Source, ...], question: _Question, record: DeviceRecord, as_of: date
) -> _Verdict:
    """R11: excluded services whatever the coverage (seed 000 "Uitsluitingen").

    Backup/recovery/support of the OS, software and data; connectivity or
    compatibility troubleshooting; misuse; repairs by non-authorised people;
    preventive maintenance: `excluded_service`. The `software` component is the
    same exclusion.
    """
    if question.component == "software" or question.issue in EXCLUDED_ISSUES:
        return _Verdict((), "excluded_service", absolute=True)
    return _Verdict(sources)


def _accidental_damage_rule(
    sources: tuple[_Source, ...], question: _Question, record: DeviceRecord, as_of: date
) -> _Verdict:
    """R12: accidental damage only with Accidental Damage Protection (seed 001).

    Seed 001 "Dækning af hændelige skader": drops, spills and electrical surges are
    covered only with the add-on, which must be bought with the device (R4, so a
    void add-on does not count): else `accidental_damage_not_covered`.
    """
    if question.issue != "accidental_damage":
        return _Verdict(sources)
    kept = tuple(source for source in sources if source.care_pack and source.care_pack.has(_ADP))
    return _Verdict(kept, "accidental_damage_not_covered")


_RULES: tuple[_Rule, ...] = (
    _component_rule,
    _battery_rule,
    _exclusion_rule,
    _accidental_damage_rule,
)


def _apply_rules(
    sources: tuple[_Source, ...], question: _Question, record: DeviceRecord, as_of: date
) -> tuple[tuple[_Source, ...], list[str]]:
    """R7-R12: narrow the sources to those covering the question, collecting reasons."""
    reasons: list[str] = []
    for rule in _RULES:
        verdict = rule(sources, question, record, as_of)
        if verdict.reason is not None and not verdict.kept and (verdict.absolute or sources):
            reasons.append(verdict.reason)
        sources = verdict.kept
    return sources, reasons


# --- delivery, flags, priority (R13, R15, R16) -------------------------------------


def _delivery(sources: tuple[_Source, ...]) -> tuple[str, ...]:
    """Entitlement-rules §4 and seed 004: how a covered repair is delivered.

    Remote first always; then the covering Care Packs' services, else onsite under a
    subscription, else return to depot under the base warranty alone.
    """
    if not sources:
        return ()
    options = {"remote"}
    from_care_packs = {
        CARE_PACK_DELIVERY[source.care_pack.pack.service.lower()]
        for source in sources
        if source.care_pack and source.care_pack.pack.service.lower() in CARE_PACK_DELIVERY
    }
    if from_care_packs:
        options |= from_care_packs
    elif any(source.kind == "subscription" for source in sources):
        options.add("onsite")
    elif any(source.kind == "base_warranty" for source in sources):
        options.add("return_to_depot")
    return _ordered(options, DELIVERY)


def _care_pack_flags(active: Sequence[_CarePackState]) -> set[str]:
    """R3, R8, R10, R12, R13: add-ons in force, and a registration still pending.

    R13 (seed 000 "Defective Media Retention"): the customer keeps a failed drive,
    so the repair flow must not ask for it back.
    """
    flags = {add_on for add_on in ADD_ONS if any(state.has(add_on) for state in active)}
    if any(state.pending for state in active):
        flags.add("care_pack_registration_pending")
    return flags


def _subscription_flags(
    device: Device,
    subscriptions: Sequence[Subscription],
    covered_until: date,
    as_of: date,
) -> set[str]:
    """R16: verification and early termination fees (seed 004).

    "Si vous souscrivez ... depuis six mois ou plus après que la garantie ou le
    Care Pack soit arrivé à expiration": a one-time verification fee. "Frais de
    résiliation anticipée si vous annulez ... avant la date d'échéance minimum
    d'engagement": an early termination fee.
    """
    flags: set[str] = set()
    fee_from = add_months(covered_until, VERIFICATION_FEE_MONTHS)
    current = [s for s in subscriptions if s.status.lower() in CURRENT_SUBSCRIPTION_STATUSES]
    if current:
        if any(s.ordered_on >= fee_from for s in current):
            flags.add("verification_fee_applies")
    elif device.category.lower() == "large_format_printer" and as_of >= fee_from:
        flags.add("verification_fee_applies")
    for s in subscriptions:
        if s.status.lower() != "active" or s.activated_on is None:
            continue
        if s.minimum_commitment_months <= 0:
            continue
        if s.activated_on <= as_of <= add_months(s.activated_on, s.minimum_commitment_months):
            flags.add("early_termination_fee_applies")
    return flags


def _priority(pin: str | None, customer: Customer, as_of: date) -> tuple[str | None, str | None]:
    """R15: the Priority Services tier of a valid PIN (seeds 002, 003).

    Only the customer's IT helpdesk may call, identified by the customer's PIN.

    Returns:
        (tier, reason): the tier when the PIN matches and the service is active on
        `as_of`; reason `priority_service_expired` when it matches outside the
        service dates, `invalid_pin` when it does not match or there is no service.
    """
    given = "".join((pin or "").split())
    if not given:
        return None, None
    service = customer.priority_service
    if service is None or not hmac.compare_digest(given.encode(), service.pin.strip().encode()):
        return None, "invalid_pin"
    if service.start <= as_of <= service.end:
        return service.tier, None
    return None, "priority_service_expired"


# --- helpers ------------------------------------------------------------------------


def _folded(values: Iterable[str]) -> frozenset[str]:
    """Return `values` stripped and lower-cased."""
    return frozenset(value.strip().lower() for value in values)


def _ordered(values: Iterable[str], order: Sequence[str]) -> tuple[str, ...]:
    """Return `values` de-duplicated in `order`, unknown values last, alphabetically."""
    present = set(values)
    known = tuple(value for value in order if value in present)
    return known + tuple(sorted(present.difference(order)))


def _choice(value: str | None, allowed: Sequence[str], name: str) -> str | None:
    """Return `value` normalised, None when blank.

    Raises:
        ValueError: if `value` is not one of `allowed`.
    """
    if value is None or not value.strip():
        return None
    normalised = value.strip().lower()
    if normalised not in allowed:
        raise ValueError(f"unknown {name} {value!r}; expected one of {', '.join(allowed)}")
    return normalised


def _subject(serial_number: str, record: DeviceRecord) -> Peripheral | None:
    """Return the peripheral asked about: `record.subject`, or found by serial."""
    if record.subject is not None:
        return record.subject
    if serial_number == record.device.serial_number.upper():
        return None
    return next((p for p in record.peripherals if p.serial_number.upper() == serial_number), None)


def _attached(record: DeviceRecord, subject: Peripheral | None) -> tuple[Peripheral, ...]:
    """Return the base unit's peripherals, including the subject if it was left out."""
    serials = {p.serial_number.upper() for p in record.peripherals}
    if subject is not None and subject.serial_number.upper() not in serials:
        return (*record.peripherals, subject)
    return record.peripherals


def _refused(
    query: EntitlementQuery,
    serial_number: str,
    product_name: str | None,
    reason: str,
    component: str | None,
    issue: str | None,
) -> EntitlementResult:
    """Return the result for a serial that cannot be checked (unknown, mismatch)."""
    return EntitlementResult(
        serial_number=serial_number,
        product_name=product_name,
        entitled=False,
        coverage=(),
        delivery=(),
        reasons=(reason,),
        flags=(),
        priority_tier=None,
        component=component,
        issue=issue,
        as_of=query.as_of,
    )


# --- the entry point ------------------------------------------------------------------


def check_entitlement(query: EntitlementQuery, record: DeviceRecord | None) -> EntitlementResult:
    """Decide whether the problem in `query` is covered on `query.as_of`.

    Args:
        query: the serial, day, and optionally product number, country, component,
            issue, battery capacity and Priority Services PIN.
        record: the device (and customer, Care Packs, subscriptions, peripherals)
            the serial belongs to, or None when the serial is unknown.

    Returns:
        The decision, with coverage, delivery options, reasons and flags (see the
        module docstring for the rules and their boundaries).

    Raises:
        ValueError: if `query.component` is not in `COMPONENTS` or `query.issue`
            is not in `ISSUES`.
    """
    as_of = query.as_of
    serial_number = query.serial_number.strip().upper()
    component = _choice(query.component, COMPONENTS, "component")
    issue = _choice(query.issue, ISSUES, "issue")

    if record is None:
        return _refused(query, serial_number, None, "unknown_serial", component, issue)

    device = record.device
    subject = _subject(serial_number, record)
    canonical_serial = (subject or device).serial_number.upper()
    product_name = subject.product_name if subject else device.product_name
    if (
        subject is None
        and (query.product_number or "").strip()
        and base_product_number(query.product_number or "")
        != base_product_number(device.product_number)
    ):
        return _refused(
            query, canonical_serial, product_name, "product_number_mismatch", component, issue
        )

    country = query.country.strip().upper() if query.country and query.country.strip() else None
    base = _base_warranty(device, as_of)
    base_end = _base_warranty_end(device)
    packs = sorted(record.care_packs, key=lambda p: (p.purchased_on, p.id))
    states = [_care_pack_state(pack, device, country, as_of) for pack in packs]
    covered_until = _covered_until(base_end, states)
    subscriptions = sorted(record.subscriptions, key=lambda s: (s.ordered_on, s.id))
    subscription_coverage = [_subscription_coverage(s, covered_until, as_of) for s in subscriptions]

    active_packs = [state for state in states if state.active]
    sources: tuple[_Source, ...] = (
        *((_Source("base_warranty"),) if base.active else ()),
        *(_Source("care_pack", state) for state in active_packs),
        *((_Source("subscription"),) if any(c.active for c in subscription_coverage) else ()),
    )

    reasons = _care_pack_reasons(states)
    if not sources:
        reasons.extend(_uncovered_reasons(base_end, states, subscription_coverage, as_of))

    question = _Question(component, issue, query.battery_capacity_percent, subject)
    covering, question_reasons = _apply_rules(sources, question, record, as_of)
    reasons.extend(question_reasons)

    tier, pin_reason = _priority(query.pin, record.customer, as_of)
    if pin_reason:
        reasons.append(pin_reason)

    flags = _care_pack_flags(active_packs) | _subscription_flags(
        device, subscriptions, covered_until, as_of
    )
    return EntitlementResult(
        serial_number=canonical_serial,
        product_name=product_name,
        entitled=bool(covering),
        coverage=(base, *(_care_pack_coverage(s, as_of) for s in states), *subscription_coverage),
        delivery=_delivery(covering),
        reasons=_ordered(reasons, REASONS),
        flags=_ordered(flags, FLAGS),
        priority_tier=tier,
        component=component,
        issue=issue,
        as_of=as_of,
        category=subject.kind if subject else device.category,
    )
