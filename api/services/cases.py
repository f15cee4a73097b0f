"""Cases: idempotent creation, look-ups by agents and customers, status changes.

Creation runs in one transaction: the case row, its customer-facing ID (derived from
the primary key: `5` + 8-digit sequence + Luhn digit), the `created` history entry and
the idempotency record are written together or not at all. Two requests racing with
the same `Idempotency-Key` meet at the unique constraint; the loser rolls back and
answers with the winner's case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from api import models
from api.core.errors import ApiError, NotFoundError
from api.schemas.cases import (
    CaseCreate,
    CaseCustomerView,
    CaseEventOut,
    CaseList,
    CasePublic,
    CaseUpdate,
)
from api.schemas.entitlements import EntitlementCheck
from api.services import entitlements
from careline.identifiers import format_case_id, make_case_id, normalise_case_id, normalise_serial

log = logging.getLogger(__name__)

IDEMPOTENCY_SCOPE = "cases"
CASE_NOT_FOUND = "No case matches that case ID and e-mail address or serial number."


def request_fingerprint(data: CaseCreate) -> str:
    """A stable hash of the normalised request body."""
    canonical = json.dumps(data.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _load(session: Session, case_pk: int) -> models.Case:
    return session.scalars(
        select(models.Case)
        .where(models.Case.id == case_pk)
        .options(selectinload(models.Case.events))
        .execution_options(populate_existing=True)
    ).one()


def _replay(session: Session, key: str, fingerprint: str) -> models.Case | None:
    row = session.scalars(
        select(models.IdempotencyKey).where(
            models.IdempotencyKey.scope == IDEMPOTENCY_SCOPE, models.IdempotencyKey.key == key
        )
    ).first()
    if row is None:
        return None
    if row.request_hash != fingerprint:
        raise ApiError(
            409,
            "idempotency_conflict",
            "This Idempotency-Key was already used with a different request body.",
        )
    return _load(session, row.case_pk)


def _snapshot(session: Session, data: CaseCreate, today: dt.date) -> dict[str, Any]:
    check = EntitlementCheck(
        serial_number=data.serial_number,
        product_number=data.product_number,
        country=data.country,
        component=data.component,
        issue=data.issue,
    )
    result = entitlements.check_entitlement(session=session, request=check, today=today)
    return result.to_dict()


def create_case(
    *,
    session: Session,
    data: CaseCreate,
    idempotency_key: str | None,
    actor: str,
    now: dt.datetime,
) -> tuple[models.Case, bool]:
    """Create a case, or return the one an earlier identical request created.

    Returns:
        The case and whether it was created by this call.

    Raises:
        ApiError: 409 when the key was used with another body.
    """
    fingerprint = request_fingerprint(data)
    if idempotency_key:
        existing = _replay(session, idempotency_key, fingerprint)
        if existing is not None:
            return existing, False

    snapshot = data.entitlement or _snapshot(session, data, now.date())
    case = models.Case(
        status="open",
        serial_number=data.serial_number,
        product_number=data.product_number,
        product_name=snapshot.get("product_name") if isinstance(snapshot, dict) else None,
        name=data.name,
        email=str(data.email),
        phone=data.phone,
        company=data.company,
        country=data.country,
        language=data.language,
        channel=data.channel,
        problem=data.problem,
        component=data.component,
        issue=data.issue,
        failure_id=data.failure_id,
        delivery=data.delivery,
        csr_part=data.csr_part,
        entitled=snapshot.get("entitled") if isinstance(snapshot, dict) else None,
        entitlement=snapshot,
        self_tests=[step.model_dump(mode="json", exclude_none=True) for step in data.self_tests],
        conversation_id=data.conversation_id,
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    try:
        session.flush()
        case.case_id = make_case_id(case.id)
        case.events.append(models.CaseEvent(kind="created", actor=actor, to_status="open", at=now))
        if idempotency_key:
            session.add(
                models.IdempotencyKey(
                    scope=IDEMPOTENCY_SCOPE,
                    key=idempotency_key,
                    request_hash=fingerprint,
                    case_pk=case.id,
                    created_at=now,
                )
            )
        session.flush()
    except IntegrityError:
        session.rollback()
        if idempotency_key:
            existing = _replay(session, idempotency_key, fingerprint)
            if existing is not None:
                return existing, False
        raise
    log.info("case %s created via %s by %s", case.case_id, data.channel, actor)
    return case, True


def get_case(*, session: Session, case_id: str) -> models.Case:
    """The case with this customer-facing ID.

    Raises:
        NotFoundError: when the ID is malformed or unknown.
    """
    normalised = normalise_case_id(case_id)
    case = None
    if normalised is not None:
        case = session.scalars(
            select(models.Case)
            .where(models.Case.case_id == normalised)
            .options(selectinload(models.Case.events))
        ).first()
    if case is None:
        raise NotFoundError("case_not_found", "No case with that ID.")
    return case


def lookup_for_customer(
    *, session: Session, case_id: str, email: str | None, serial_number: str | None
) -> tuple[models.Case, Literal["email", "serial_number"]]:
    """The case, if the customer knows its e-mail address or serial number.

    Every mismatch — unknown ID, wrong e-mail, wrong serial — gives the same 404, so
    the answer never tells whether a case with that ID exists.
    """
    not_found = NotFoundError("case_not_found", CASE_NOT_FOUND)
    try:
        case = get_case(session=session, case_id=case_id)
    except NotFoundError:
        raise not_found from None
    if email and hmac.compare_digest(
        email.strip().casefold().encode(), case.email.casefold().encode()
    ):
        return case, "email"
    serial = normalise_serial(serial_number) if serial_number else None
    if serial and hmac.compare_digest(serial.encode(), case.serial_number.encode()):
        return case, "serial_number"
    raise not_found


def update_case(
    *, session: Session, case: models.Case, update: CaseUpdate, actor: str, now: dt.datetime
) -> models.Case:
    """Change the status and/or add a note, recording both in the history."""
    if update.status is None and update.note is None:
        raise ApiError(422, "validation_error", "Give a status, a note or both.")
    previous = case.status
    if update.status is not None and update.status != previous:
        case.status = update.status
    case.events.append(
        models.CaseEvent(
            kind="status_changed" if case.status != previous else "note",
            actor=actor,
            from_status=previous,
            to_status=case.status,
            note=update.note,
            at=now,
        )
    )
    case.updated_at = now
    session.flush()
    return case


def list_cases(
    *,
    session: Session,
    status: str | None,
    serial_number: str | None,
    conversation_id: str | None,
    limit: int,
    offset: int,
) -> CaseList:
    """A page of cases, newest first, optionally filtered."""
    query = select(models.Case)
    if status:
        query = query.where(models.Case.status == status)
    if serial_number:
        query = query.where(models.Case.serial_number == (normalise_serial(serial_number) or ""))
    if conversation_id:
        query = query.where(models.Case.conversation_id == conversation_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.options(selectinload(models.Case.events))
        .order_by(models.Case.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return CaseList(items=[to_public(r) for r in rows], total=total, limit=limit, offset=offset)


def _history(case: models.Case) -> list[CaseEventOut]:
    return [
        CaseEventOut(
            at=e.at,
            kind=e.kind,
            actor=e.actor,
            from_status=e.from_status,
            to_status=e.to_status,
            note=e.note,
        )
        for e in case.events
    ]


def to_public(case: models.Case) -> CasePublic:
    """The agent view of a case."""
    assert case.case_id is not None  # noqa: S101 - set in the creating transaction
    return CasePublic(
        case_id=case.case_id,
        case_id_display=format_case_id(case.case_id),
        status=case.status,
        serial_number=case.serial_number,
        product_number=case.product_number,
        product_name=case.product_name,
        name=case.name,
        email=case.email,
        phone=case.phone,
        company=case.company,
        country=case.country,
        language=case.language,
        channel=case.channel,
        problem=case.problem,
        component=case.component,
        issue=case.issue,
        failure_id=case.failure_id,
        delivery=case.delivery,
        csr_part=case.csr_part,
        entitled=case.entitled,
        entitlement=case.entitlement,
        self_tests=list(case.self_tests),
        conversation_id=case.conversation_id,
        created_at=case.created_at,
        updated_at=case.updated_at,
        history=_history(case),
    )


def _mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def _mask_name(name: str) -> str:
    return " ".join(f"{part[:1]}." for part in name.split())


def to_customer_view(
    case: models.Case, identified_by: Literal["email", "serial_number"]
) -> CaseCustomerView:
    """The customer view; contact details masked unless the e-mail was proven."""
    assert case.case_id is not None  # noqa: S101 - set in the creating transaction
    proven = identified_by == "email"
    return CaseCustomerView(
        case_id=case.case_id,
        case_id_display=format_case_id(case.case_id),
        status=case.status,
        serial_number=case.serial_number,
        product_name=case.product_name,
        name=case.name if proven else _mask_name(case.name),
        email=case.email if proven else _mask_email(case.email),
        country=case.country,
        language=case.language,
        channel=case.channel,
        problem=case.problem,
        component=case.component,
        failure_id=case.failure_id,
        delivery=case.delivery,
        csr_part=case.csr_part,
        self_tests=list(case.self_tests),
        created_at=case.created_at,
        updated_at=case.updated_at,
        history=[
            h.model_copy(update={"note": None}) for h in _history(case) if h.kind != "note"
        ],  # agents' notes are internal
    )
