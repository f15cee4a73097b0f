"""The typed API client: retries, error mapping, headers (httpx.MockTransport)."""

from __future__ import annotations

import json

import httpx
import pytest

from actions.clients.careline_api import ApiRejected, ApiUnavailable, CarelineApi
from tests.actions.conftest import run


def client(handler: httpx.MockTransport, attempts: int = 3) -> CarelineApi:
    return CarelineApi("http://api.test", "tok", transport=handler, attempts=attempts)


def test_retries_server_errors_then_succeeds() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) < 3:
            return httpx.Response(503, json={"error": {"code": "unavailable", "message": "x"}})
        return httpx.Response(
            200,
            json={
                "open": True,
                "next_open": "x",
                "next_open_display": "x",
                "timezone": "Europe/Amsterdam",
            },
        )

    hours = run(client(httpx.MockTransport(handler)).support_hours(country="NL", language="nl"))
    assert hours["open"] is True
    assert len(calls) == 3


def test_gives_up_after_the_attempts() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(ApiUnavailable):
        run(
            client(httpx.MockTransport(handler), attempts=2).support_hours(
                country="NL", language="en"
            )
        )


def test_client_errors_are_not_retried_and_keep_the_code() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(409, json={"error": {"code": "idempotency_conflict", "message": "m"}})

    with pytest.raises(ApiRejected) as info:
        run(client(httpx.MockTransport(handler)).create_case({"a": 1}, idempotency_key="k"))
    assert info.value.code == "idempotency_conflict"
    assert len(calls) == 1


def test_case_creation_sends_token_and_idempotency_key() -> None:
    seen: dict[str, str] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.update(request.headers)
        seen["body"] = request.content.decode()
        return httpx.Response(201, json={"case_id": "5000000017", "status": "open"})

    case = run(
        client(httpx.MockTransport(handler)).create_case({"x": "y"}, idempotency_key="key-1")
    )
    assert case["case_id"] == "5000000017"
    assert seen["authorization"] == "Bearer tok"
    assert seen["idempotency-key"] == "key-1"
    assert json.loads(seen["body"]) == {"x": "y"}


def test_lookup_404_is_none() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"error": {"code": "case_not_found", "message": "m"}})

    assert (
        run(client(httpx.MockTransport(handler)).lookup_case(case_id="5000000017", email="a@b.c"))
        is None
    )
