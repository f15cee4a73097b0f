"""The API as `make run` starts it: uvicorn, a migrated database with the demo data."""

import httpx
import pytest

from tests.e2e.conftest import E2E_AGENT_TOKEN, Stack

pytestmark = pytest.mark.e2e


def test_api_serves_entitlement_and_cases_next_to_the_bot(stack: Stack) -> None:
    base = f"{stack.api.url}/api/v1"
    assert httpx.get(f"{base}/health").json()["status"] == "ok"
    result = httpx.post(
        f"{base}/entitlements/check", json={"serial_number": "5CG3201ABC", "as_of": "2026-11-22"}
    ).json()
    assert result["entitled"] is True
    headers = {"Authorization": f"Bearer {E2E_AGENT_TOKEN}", "Idempotency-Key": "e2e-case"}
    body = {
        "serial_number": "5CG3201ABC",
        "email": "it@contoso.example",
        "name": "Jan de Vries",
        "country": "NL",
        "language": "nl",
        "channel": "web",
        "problem": "Scherm blijft zwart",
        "component": "display",
    }
    created = httpx.post(f"{base}/cases", json=body, headers=headers)
    assert created.status_code == 201
    case_id = created.json()["case_id"]
    again = httpx.post(f"{base}/cases", json=body, headers=headers)
    assert (again.status_code, again.json()["case_id"]) == (200, case_id)
    mine = httpx.get(f"{base}/cases/{case_id}", params={"email": "it@contoso.example"})
    assert mine.status_code == 200
    assert mine.json()["problem"] == "Scherm blijft zwart"
