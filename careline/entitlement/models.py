"""Typed values of the entitlement domain and the vocabularies they use.

Everything here is an immutable dataclass over plain `str`/`int`/`date` values, so
the same objects travel through the API (which builds them from its database rows),
the action server and the tests, and so `check_entitlement` can be a pure
function. The string vocabularies (`COMPONENTS`, `REASONS`, ...) are the codes of
interface contracts §3 and entitlement-rules.md; clients branch on them and
translate them, so they are part of the public contract: add codes, never rename.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

# --- vocabularies -------------------------------------------------------------------

#: Failing parts a problem can be about (contracts §3, entity `component`).
COMPONENTS: tuple[str, ...] = (
    "power",
    "battery",
    "ac_adapter",
    "display",
    "external_monitor",
    "keyboard",
    "mouse",
    "touchpad",
    "storage",
    "memory",
    "motherboard",
    "fan",
    "audio",
    "camera",
    "network",
    "docking_station",
    "pen",
    "printer",
    "software",
)

#: Components that are separate HP peripherals, covered only by the Peripheral Care
#: Pack add-on (R7, R8). A question about a peripheral's own serial is one too.
PERIPHERAL_COMPONENTS: frozenset[str] = frozenset({"external_monitor", "docking_station"})

#: Components that are consumables and never covered (R9). A battery is one too when
#: it is customer-replaceable (`Device.battery` is not "internal").
CONSUMABLE_COMPONENTS: frozenset[str] = frozenset({"pen"})

#: Issues the service excludes whatever the coverage (R11).
EXCLUDED_ISSUES: frozenset[str] = frozenset(
    {"software", "connectivity", "misuse", "unauthorized_repair", "maintenance"}
)

#: What kind of problem it is: the R11 exclusions, accidental damage (R12), and two
#: values that exclude nothing: an ordinary defect and battery wear (R10).
ISSUES: tuple[str, ...] = (
    "software",
    "connectivity",
    "misuse",
    "unauthorized_repair",
    "maintenance",
    "accidental_damage",
    "hardware_failure",
    "battery_wear",
)

#: Why coverage was denied or limited, in rule order (the order of
#: `EntitlementResult.reasons`).
REASONS: tuple[str, ...] = (
    "unknown_serial",  # no device or peripheral with this serial number
    "product_number_mismatch",  # the product number given is not this device's
    "care_pack_not_registered",  # R3: not registered within 10 days of buying it
    "care_pack_purchased_late",  # R4: bought more than 30 days after the device
    "outside_country_of_purchase",  # R5: Care Packs apply in the country of purchase
    "subscription_not_active",  # R6: a subscription exists but is not `active`
    "component_not_covered",  # R7-R9: external monitor, peripheral, consumable
    "battery_coverage_ended",  # R10: battery defects after warranty / 3 years
    "battery_wear_not_covered",  # R10: reduced capacity without Battery Replacement
    "excluded_service",  # R11: software, connectivity, misuse, ...
    "accidental_damage_not_covered",  # R12: no valid Accidental Damage Protection
    "warranty_expired",  # base warranty ended, no valid Care Pack in term, nothing covers
    "priority_service_expired",  # R15: right PIN, service not active on as_of
    "invalid_pin",  # R15: PIN unknown for this customer
)

#: Facts the conversation flow needs, in the order `EntitlementResult.flags` lists
#: them: the add-ons of the Care Pack in force, then pending registration and fees.
FLAGS: tuple[str, ...] = (
    "battery_replacement",  # R10: batteries replaced on defect or capacity < 50%
    "defective_media_retention",  # R13: do not ask for the failed drive back
    "peripheral_care_pack",  # R8: up to 6 peripherals bought with the unit
    "accidental_damage_protection",  # R12: drops, spills, surges
    "care_pack_registration_pending",  # R3: bought < 10 days ago, register it now
    "verification_fee_applies",  # R16: subscribing >= 6 months after coverage ended
    "early_termination_fee_applies",  # R16: cancelling within the minimum commitment
)

#: Care Pack add-ons (entitlement-rules §1); each is also a flag when in force.
ADD_ONS: tuple[str, ...] = (
    "battery_replacement",
    "defective_media_retention",
    "peripheral_care_pack",
    "accidental_damage_protection",
)

#: How a covered repair is delivered, in the order `EntitlementResult.delivery`
#: lists them. `remote` (diagnosis and fix at a distance) always comes first.
DELIVERY: tuple[str, ...] = ("remote", "pickup_return", "return_to_depot", "onsite")

#: Care Pack services and the delivery option each one gives (seeds 000, 001).
CARE_PACK_DELIVERY: Mapping[str, str] = MappingProxyType(
    {
        "offsite_pickup_return": "pickup_return",  # courier picks up and returns
        "offsite_return_to_depot": "return_to_depot",  # customer ships with a label
    }
)

#: Care Pack services (entitlement-rules §1).
CARE_PACK_SERVICES: tuple[str, ...] = tuple(CARE_PACK_DELIVERY)

#: Priority Services tiers (R15), from least to most.
PRIORITY_TIERS: tuple[str, ...] = (
    "priority_access",
    "priority_access_plus",
    "priority_management",
    "priority_management_plus",
)

#: `Coverage.kind` values: the manufacturer's warranty (R1), a Care Pack (R2-R5) and
#: a printer subscription (R6, R16). Peripherals have no coverage of their own: they
#: ride on the base unit's Care Pack (R8), so a question about one lists the base
#: unit's coverage and answers through `entitled`, `reasons` and `flags`.
COVERAGE_KINDS: tuple[str, ...] = ("base_warranty", "care_pack", "subscription")

#: Device categories (entitlement-rules §1).
DEVICE_CATEGORIES: tuple[str, ...] = (
    "business_notebook",
    "consumer_notebook",
    "business_desktop",
    "business_all_in_one",
    "mobile_workstation",
    "large_format_printer",
)

#: Subscription statuses (seed 004); only `active` covers.
SUBSCRIPTION_STATUSES: tuple[str, ...] = ("draft", "active", "suspended", "cancelled", "expired")


# --- records ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PriorityService:
    """A customer's Priority Services contract (R15, seeds 002 and 003).

    Attributes:
        tier: one of `PRIORITY_TIERS`.
        pin: the 6-digit PIN the customer's IT helpdesk identifies itself with.
        start: first day of the contract.
        end: last day of the contract (inclusive).
        languages: ISO 639-1 codes the service is delivered in.
    """

    tier: str
    pin: str
    start: date
    end: date
    languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Customer:
    """The owner of devices.

    Attributes:
        id: the customer's identifier, e.g. "C-001".
        kind: "business" or "consumer".
        country: ISO 3166-1 alpha-2 code of the customer's country.
        installed_base: number of covered HP PCs and printers.
        priority_service: the Priority Services contract, if any.
    """

    id: str
    kind: str
    country: str
    installed_base: int
    priority_service: PriorityService | None


@dataclass(frozen=True, slots=True)
class Device:
    """A PC or printer (a base unit), keyed by serial number.

    Attributes:
        serial_number: 10 upper-case letters and digits.
        product_number: e.g. "8A3N7EA" or "2X3G5AV#ABH".
        product_name: the marketing name.
        category: one of `DEVICE_CATEGORIES`.
        customer_id: `Customer.id` of the owner.
        country_of_purchase: ISO 3166-1 alpha-2 code.
        purchase_date: the hardware purchase date; every term counts from it.
        base_warranty_months: length of the manufacturer's warranty.
        battery: "internal" for a built-in battery, None when it has none or the
            battery is customer-replaceable (a consumable, R9).
    """

    serial_number: str
    product_number: str
    product_name: str
    category: str
    customer_id: str
    country_of_purchase: str
    purchase_date: date
    base_warranty_months: int
    battery: str | None


@dataclass(frozen=True, slots=True)
class Peripheral:
    """An HP accessory with its own serial number, attached to a base unit.

    Attributes:
        serial_number: the peripheral's own serial number.
        kind: "external_monitor", "docking_station", "mouse", "keyboard", "headset"...
        product_name: the marketing name.
        base_serial_number: serial number of the device it is attached to.
        purchase_date: when it was bought; R8 covers it only when this is the base
            unit's purchase date.
    """

    serial_number: str
    kind: str
    product_name: str
    base_serial_number: str
    purchase_date: date


@dataclass(frozen=True, slots=True)
class CarePack:
    """An HP Care Pack bought for a device (R2-R5).

    Attributes:
        id: e.g. "CP-1001".
        serial_number: the device it covers.
        service: a key of `CARE_PACK_DELIVERY`.
        sku: the Care Pack's product code.
        term_months: length of coverage, counted from the device's purchase date.
        purchased_on: when the Care Pack was bought.
        registered_on: when it was registered, None if it is not (yet).
        add_ons: a subset of `ADD_ONS`.
    """

    id: str
    serial_number: str
    service: str
    sku: str
    term_months: int
    purchased_on: date
    registered_on: date | None
    add_ons: frozenset[str]


@dataclass(frozen=True, slots=True)
class Subscription:
    """A large-format printer service subscription (R6, R16, seed 004).

    Attributes:
        id: e.g. "SUB-2001".
        serial_number: the printer it covers.
        service: the subscription product.
        billing: "monthly", "quarterly" or "yearly".
        ordered_on: when the customer checked out.
        status: one of `SUBSCRIPTION_STATUSES`.
        activated_on: when payment activated it, None while it is a draft.
        minimum_commitment_months: cancelling earlier costs an early termination fee.
    """

    id: str
    serial_number: str
    service: str
    billing: str
    ordered_on: date
    status: str
    activated_on: date | None
    minimum_commitment_months: int


@dataclass(frozen=True, slots=True)
class DeviceRecord:
    """Everything the engine needs to know about one serial number.

    Attributes:
        device: the base unit.
        customer: its owner.
        care_packs: the device's Care Packs.
        subscriptions: the device's subscriptions.
        peripherals: every peripheral attached to the base unit.
        subject: set when the serial number asked about is a peripheral's: the
            question is then about that peripheral, not the base unit.
    """

    device: Device
    customer: Customer
    care_packs: tuple[CarePack, ...] = ()
    subscriptions: tuple[Subscription, ...] = ()
    peripherals: tuple[Peripheral, ...] = ()
    subject: Peripheral | None = None


@dataclass(frozen=True, slots=True)
class EntitlementQuery:
    """What the caller asks: is this problem on this serial covered on this day?

    The caller normalises the inputs (upper-case serial, ISO country, 6-digit PIN);
    the engine still compares serials, countries, components and issues without
    regard to case.

    Attributes:
        serial_number: a device's or a peripheral's serial number.
        as_of: the day to decide for (the API passes today by default).
        product_number: when given, must match the device's (option codes ignored).
        country: where the hardware is used now (R5); None means not asked.
        component: one of `COMPONENTS`; None for a general question.
        issue: one of `ISSUES`; None for a general question.
        battery_capacity_percent: reported charge capacity; giving it makes the
            question a battery wear complaint (R10).
        pin: a Priority Services PIN (R15).
    """

    serial_number: str
    as_of: date
    product_number: str | None = None
    country: str | None = None
    component: str | None = None
    issue: str | None = None
    battery_capacity_percent: int | None = None
    pin: str | None = None


@dataclass(frozen=True, slots=True)
class Coverage:
    """One warranty, Care Pack or subscription of the device, as of the query date.

    Attributes:
        kind: one of `COVERAGE_KINDS`.
        start: first covered day (for a subscription: the earliest day it can cover,
            after the warranty and valid Care Packs have ended).
        end: last covered day, inclusive; None for an open-ended subscription.
        active: whether it covers the device on `as_of` (in this country).
        service: the Care Pack service or subscription product; None for warranty.
        id: the Care Pack or subscription id; None for warranty.
        add_ons: the Care Pack's add-ons as bought, in `ADD_ONS` order (those in
            force on `as_of` are in `EntitlementResult.flags`).
        reason: why it does not cover although it exists, a code of `REASONS`
            (e.g. "care_pack_not_registered", "warranty_expired"); None when it
            covers or has simply not started yet.
    """

    kind: str
    start: date
    end: date | None
    active: bool
    service: str | None = None
    id: str | None = None
    add_ons: tuple[str, ...] = ()
    reason: str | None = None

    def to_dict(self) -> dict[str, object]:
        """Return the JSON shape of one `coverage` entry (entitlement-rules §4)."""
        return {
            "kind": self.kind,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end is not None else None,
            "active": self.active,
            "service": self.service,
            "id": self.id,
            "add_ons": list(self.add_ons),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class EntitlementResult:
    """The answer to an `EntitlementQuery` (entitlement-rules §4).

    Attributes:
        serial_number: the serial asked about, canonical (upper-case).
        product_name: the device's or peripheral's name; None for unknown serials.
        entitled: whether the problem (component/issue) on this device, in this
            country, on `as_of` is covered by anything.
        coverage: the device's warranty, Care Packs and subscriptions.
        delivery: how a repair would be delivered; empty when not entitled.
        reasons: codes of `REASONS` for every rule that denied or limited coverage.
        flags: codes of `FLAGS` the conversation flow needs.
        priority_tier: the Priority Services tier when a valid PIN was given and the
            service is active on `as_of`.
        component: the component asked about, normalised.
        issue: the issue asked about, normalised.
        as_of: the day decided for.
        category: the device's category (`DEVICE_CATEGORIES`), or the peripheral's
            kind when the serial is a peripheral's; None for unknown serials. The
            conversation uses it to offer customer self-repair parts.
    """

    serial_number: str
    product_name: str | None
    entitled: bool
    coverage: tuple[Coverage, ...]
    delivery: tuple[str, ...]
    reasons: tuple[str, ...]
    flags: tuple[str, ...]
    priority_tier: str | None
    component: str | None = None
    issue: str | None = None
    as_of: date | None = None
    category: str | None = None

    def to_dict(self) -> dict[str, object]:
        """Return the JSON shape of entitlement-rules §4 (ISO dates, lists)."""
        return {
            "serial_number": self.serial_number,
            "product_name": self.product_name,
            "entitled": self.entitled,
            "coverage": [entry.to_dict() for entry in self.coverage],
            "delivery": list(self.delivery),
            "reasons": list(self.reasons),
            "flags": list(self.flags),
            "priority_tier": self.priority_tier,
            "component": self.component,
            "issue": self.issue,
            "as_of": self.as_of.isoformat() if self.as_of is not None else None,
            "category": self.category,
        }
