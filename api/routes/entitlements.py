"""Entitlement checks (entitlement-rules.md §4)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import NowDep, SessionDep
from api.schemas.entitlements import EntitlementCheck, EntitlementOut
from api.services import entitlements

router = APIRouter(tags=["entitlements"])


@router.post("/entitlements/check", response_model=EntitlementOut, summary="Check entitlement")
def check(body: EntitlementCheck, session: SessionDep, now: NowDep) -> dict[str, object]:
    """Is this problem on this device covered, by what, and how would it be repaired?

    An unknown serial number is not an error: the result says `entitled: false` with
    reason `unknown_serial`.
    """
    result = entitlements.check_entitlement(session=session, request=body, today=now.date())
    return result.to_dict()
