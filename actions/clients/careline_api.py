"""Typed client of the Careline API, used by the actions.

Actions never build URLs or parse JSON themselves: they call `CarelineApi` and branch
on typed results. Transient failures (connection errors, timeouts, 5xx) are retried
with backoff by tenacity — safe for case creation because every `POST /cases` carries
an idempotency key. A 4xx is the caller's problem and raises `ApiRejected` at once.
Tests pass an `httpx.MockTransport` (or an ASGI transport of the real app).
"""

from __future__ import annotations

import logging
from typing import Any, NotRequired, TypedDict, cast

import httpx
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

log = logging.getLogger(__name__)


class ApiError(Exception):
    """Base of the client's errors."""


class ApiUnavailable(ApiError):
    """The API could not be reached or failed (after retries)."""


class ApiRejected(ApiError):
    """The API refused the request (4xx); `code` is the contract's error code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


class _Retryable(Exception):
    """A 5xx answer, retried like a connection error."""


class Coverage(TypedDict):
    """One warranty, Care Pack or subscription (entitlement rules §4)."""

    kind: str  # base_warranty | care_pack | subscription
    start: str  # ISO date
    end: str | None  # ISO date; None for open-ended subscriptions
    active: bool  # covers on as_of
    service: str | None  # Care Pack service, e.g. offsite_pickup_return
    reason: str | None  # why an existing coverage does not apply


class Entitlement(TypedDict):
    """The entitlement decision (entitlement rules §4)."""

    serial_number: str
    product_name: str | None
    entitled: bool  # the reported problem is covered
    coverage: list[Coverage]
    delivery: list[str]  # remote, pickup_return, return_to_depot, onsite
    reasons: list[str]  # codes of every rule that denied or limited coverage
    flags: list[str]  # add-ons and facts: defective_media_retention, ...
    priority_tier: str | None  # set when a valid Priority Services PIN was given
    category: NotRequired[str | None]  # device category or peripheral kind


class SupportHours(TypedDict):
    """Agent availability (rule R14)."""

    open: bool
    next_open: str  # ISO datetime
    next_open_display: str  # formatted by the API for the requested language
    timezone: str


class CaseRecord(TypedDict, total=False):
    """A case as the API returns it (agent or customer view)."""

    case_id: str  # 10 digits
    status: str
    serial_number: str
    product_name: str | None
    delivery: str | None
    csr_part: str | None
    self_tests: list[dict[str, Any]]
    updated_at: str  # ISO datetime
    created_at: str


class CarelineApi:
    """Async client of `/api/v1` with retries and typed results."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: float = 10.0,
        attempts: int = 3,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/api/v1",
            timeout=timeout,
            transport=transport,
            headers={"Accept": "application/json"},
        )
        self._token = token
        self._attempts = attempts

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = False,
    ) -> Any:
        all_headers = dict(headers or {})
        if auth:
            all_headers["Authorization"] = f"Bearer {self._token}"
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(self._attempts),
                wait=wait_exponential(multiplier=0.2, max=2),
                retry=retry_if_exception_type((httpx.TransportError, _Retryable)),
                reraise=True,
            ):
                with attempt:
                    response = await self._client.request(
                        method, path, json=json, params=params, headers=all_headers
                    )
                    if response.status_code >= 500:
                        raise _Retryable(f"{response.status_code} from {path}")
        except (httpx.TransportError, _Retryable) as exc:
            log.warning("Careline API unavailable for %s %s: %s", method, path, exc)
            raise ApiUnavailable(str(exc)) from exc
        if response.status_code >= 400:
            try:
                error = response.json()["error"]
                code, message = str(error["code"]), str(error["message"])
            except (ValueError, KeyError, TypeError):
                code, message = "http_error", response.text[:200]
            raise ApiRejected(response.status_code, code, message)
        return response.json()

    async def check_entitlement(
        self,
        *,
        serial_number: str,
        product_number: str | None = None,
        country: str | None = None,
        component: str | None = None,
        pin: str | None = None,
    ) -> Entitlement:
        """`POST /entitlements/check`."""
        body = {
            "serial_number": serial_number,
            "product_number": product_number,
            "country": country,
            "component": component,
            "pin": pin,
        }
        result = await self._request(
            "POST", "/entitlements/check", json={k: v for k, v in body.items() if v}
        )
        return cast(Entitlement, result)

    async def support_hours(self, *, country: str, language: str) -> SupportHours:
        """`GET /support-hours` for now."""
        result = await self._request(
            "GET", "/support-hours", params={"country": country, "language": language}
        )
        return cast(SupportHours, result)

    async def create_case(self, case: dict[str, Any], *, idempotency_key: str) -> CaseRecord:
        """`POST /cases` with an idempotency key (retries never duplicate a case)."""
        result = await self._request(
            "POST", "/cases", json=case, headers={"Idempotency-Key": idempotency_key}, auth=True
        )
        return cast(CaseRecord, result)

    async def cases_of_conversation(self, conversation_id: str) -> list[CaseRecord]:
        """`GET /cases?conversation_id=...`, newest first (agent token)."""
        result = await self._request(
            "GET", "/cases", params={"conversation_id": conversation_id}, auth=True
        )
        return cast(list[CaseRecord], result["items"])

    async def lookup_case(
        self, *, case_id: str, email: str | None = None, serial_number: str | None = None
    ) -> CaseRecord | None:
        """`POST /cases/lookup`; None when no case matches (never says which part)."""
        body = {"case_id": case_id, "email": email, "serial_number": serial_number}
        try:
            result = await self._request(
                "POST", "/cases/lookup", json={k: v for k, v in body.items() if v}
            )
        except ApiRejected as exc:
            if exc.status == 404:
                return None
            raise
        return cast(CaseRecord, result)
