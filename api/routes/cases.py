"""Cases: creation by internal callers and agents, reading by agents and customers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status
from fastapi.responses import PlainTextResponse

from api.core.errors import UnauthorizedError
from api.deps import (
    AgentDep,
    BearerDep,
    CatalogsDep,
    NowDep,
    SessionDep,
    SettingsDep,
    is_agent,
)
from api.schemas.cases import (
    CaseCreate,
    CaseCustomerView,
    CaseList,
    CaseLookup,
    CasePublic,
    CaseStatus,
    CaseUpdate,
)
from api.services import cases
from api.services.self_test_report import render_self_test_report

router = APIRouter(prefix="/cases", tags=["cases"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=255,
        description="Same key + same body → the same case (200); another body → 409.",
    ),
]


@router.post(
    "",
    response_model=CasePublic,
    status_code=status.HTTP_201_CREATED,
    summary="Open a case",
    responses={200: {"model": CasePublic, "description": "Replayed: the existing case"}},
)
def create_case(
    body: CaseCreate,
    response: Response,
    session: SessionDep,
    actor: AgentDep,
    now: NowDep,
    idempotency_key: IdempotencyKey = None,
) -> CasePublic:
    """Open a case (agents and internal callers such as the assistant)."""
    case, created = cases.create_case(
        session=session, data=body, idempotency_key=idempotency_key, actor=actor, now=now
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return cases.to_public(case)


@router.get("", response_model=CaseList, summary="List cases (agents)")
def list_cases(
    session: SessionDep,
    _: AgentDep,
    status_: Annotated[CaseStatus | None, Query(alias="status")] = None,
    serial_number: Annotated[str | None, Query(max_length=64)] = None,
    conversation_id: Annotated[str | None, Query(max_length=255)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> CaseList:
    """Newest first, optionally filtered."""
    return cases.list_cases(
        session=session,
        status=status_,
        serial_number=serial_number,
        conversation_id=conversation_id,
        limit=limit,
        offset=offset,
    )


@router.post("/lookup", response_model=CaseCustomerView, summary="Customer case look-up")
def lookup_case(body: CaseLookup, session: SessionDep) -> CaseCustomerView:
    """A customer reads their case with its ID plus the e-mail or serial number on it.

    Any mismatch answers 404, never hinting that the case exists.
    """
    case, via = cases.lookup_for_customer(
        session=session, case_id=body.case_id, email=body.email, serial_number=body.serial_number
    )
    return cases.to_customer_view(case, via)


@router.get(
    "/{case_id}",
    response_model=CasePublic | CaseCustomerView,
    summary="Read a case",
)
def read_case(
    case_id: str,
    session: SessionDep,
    settings: SettingsDep,
    credentials: BearerDep,
    email: Annotated[str | None, Query(max_length=255)] = None,
    serial_number: Annotated[str | None, Query(max_length=64)] = None,
) -> CasePublic | CaseCustomerView:
    """Agents (bearer token) read any case; customers add `email` or `serial_number`."""
    if is_agent(credentials, settings):
        return cases.to_public(cases.get_case(session=session, case_id=case_id))
    if not email and not serial_number:
        raise UnauthorizedError(
            "Give the e-mail address or serial number on the case, or an agent token."
        )
    case, via = cases.lookup_for_customer(
        session=session, case_id=case_id, email=email, serial_number=serial_number
    )
    return cases.to_customer_view(case, via)


@router.get(
    "/{case_id}/self-test-report",
    response_class=PlainTextResponse,
    summary="Printable self-test summary",
    responses={200: {"content": {"text/plain": {}}}},
)
def self_test_report(
    case_id: str,
    session: SessionDep,
    settings: SettingsDep,
    catalogs: CatalogsDep,
    credentials: BearerDep,
    email: Annotated[str | None, Query(max_length=255)] = None,
    serial_number: Annotated[str | None, Query(max_length=64)] = None,
) -> PlainTextResponse:
    """The self-test steps of a case as plain text in the case's language.

    The customer prints it and includes it with the device. Same access as reading
    the case: the agent token, or the case's e-mail address or serial number.
    """
    if is_agent(credentials, settings):
        case = cases.get_case(session=session, case_id=case_id)
    elif not email and not serial_number:
        raise UnauthorizedError(
            "Give the e-mail address or serial number on the case, or an agent token."
        )
    else:
        case, _ = cases.lookup_for_customer(
            session=session, case_id=case_id, email=email, serial_number=serial_number
        )
    return PlainTextResponse(render_self_test_report(case, catalogs))


@router.patch("/{case_id}", response_model=CasePublic, summary="Update a case (agents)")
def update_case(
    case_id: str,
    body: CaseUpdate,
    session: SessionDep,
    actor: AgentDep,
    now: NowDep,
) -> CasePublic:
    """Change the status and/or add a note; both go into the history."""
    case = cases.get_case(session=session, case_id=case_id)
    return cases.to_public(
        cases.update_case(session=session, case=case, update=body, actor=actor, now=now)
    )
