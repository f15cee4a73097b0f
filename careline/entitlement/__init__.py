"""Entitlement: is a problem on a device covered, and how would it be repaired?

The public surface is the typed records (`Device`, `CarePack`, ... bundled in a
`DeviceRecord`), the question (`EntitlementQuery`), the answer
(`EntitlementResult`, whose `to_dict()` is the JSON of entitlement-rules §4), the
vocabularies clients branch on (`REASONS`, `FLAGS`, ...), and one pure function,
`check_entitlement`. Storage is the caller's business: the API builds records from
its database, the tests from factories, `load_records` from the demo JSON.
"""

from careline.entitlement.demo import load_records
from careline.entitlement.engine import check_entitlement
from careline.entitlement.models import (
    ADD_ONS,
    CARE_PACK_DELIVERY,
    CARE_PACK_SERVICES,
    COMPONENTS,
    CONSUMABLE_COMPONENTS,
    COVERAGE_KINDS,
    DELIVERY,
    DEVICE_CATEGORIES,
    EXCLUDED_ISSUES,
    FLAGS,
    ISSUES,
    PERIPHERAL_COMPONENTS,
    PRIORITY_TIERS,
    REASONS,
    SUBSCRIPTION_STATUSES,
    CarePack,
    Coverage,
    Customer,
    Device,
    DeviceRecord,
    EntitlementQuery,
    EntitlementResult,
    Peripheral,
    PriorityService,
    Subscription,
)

__all__ = [
    "ADD_ONS",
    "CARE_PACK_DELIVERY",
    "CARE_PACK_SERVICES",
    "COMPONENTS",
    "CONSUMABLE_COMPONENTS",
    "COVERAGE_KINDS",
    "DELIVERY",
    "DEVICE_CATEGORIES",
    "EXCLUDED_ISSUES",
    "FLAGS",
    "ISSUES",
    "PERIPHERAL_COMPONENTS",
    "PRIORITY_TIERS",
    "REASONS",
    "SUBSCRIPTION_STATUSES",
    "CarePack",
    "Coverage",
    "Customer",
    "Device",
    "DeviceRecord",
    "EntitlementQuery",
    "EntitlementResult",
    "Peripheral",
    "PriorityService",
    "Subscription",
    "check_entitlement",
    "load_records",
]
