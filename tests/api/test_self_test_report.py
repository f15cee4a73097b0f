"""The printable self-test summary of a case, and cases that ship a CSR part."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_cases import BODY, create

STEPS: list[dict[str, Any]] = [
    {
        "guide": "no_power",
        "step": "power_light",
        "prompt": "Does a light come on?",
        "answer": "nee, blijft uit",
        "result": "fail",
        "at": "2026-11-23T09:30:00+00:00",
    },
    {
        "guide": "no_power",
        "step": "adapter_swap",
        "prompt": "Does the computer turn on with the other adapter?",
        "answer": "ja!",
        "result": "fail",
        "failure_id": "7KQ92JMX4T8LP3VWZC6R1HQ5",
        "outcome": "csr_part:ac_adapter",
        "at": "2026-11-23T09:34:00+00:00",
    },
]


def report(client: TestClient, case_id: str, **params: str) -> Any:
    return client.get(f"/api/v1/cases/{case_id}/self-test-report", params=params)


def test_report_lists_every_step_in_the_case_language(
    client: TestClient, agent: dict[str, str]
) -> None:
    body = BODY | {"self_tests": STEPS, "delivery": "csr_part", "csr_part": "ac_adapter"}
    case = create(client, agent, body).json()
    assert (case["delivery"], case["csr_part"]) == ("csr_part", "ac_adapter")
    response = report(client, case["case_id"], serial_number="5cg3201abc")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert "5CG3201ABC" in text
    assert case["case_id_display"] in text
    # Dutch: the guide's question translated from the catalogs, labels from the terms.
    assert "Does a light come on?" not in text
    assert "nee, blijft uit" in text
    assert "7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5" in text
    assert text.index("1. ") < text.index("2. ")
    assert "09:30" in text


def test_report_in_english_uses_the_source_texts(client: TestClient, agent: dict[str, str]) -> None:
    case = create(client, agent, BODY | {"language": "en", "self_tests": STEPS}).json()
    text = report(client, case["case_id"], email="emma.jansen@mail.example").text
    assert "HARDWARE SELF-TEST RESULTS" in text
    assert "1. Does a light come on?" in text
    assert "Result: failed" in text
    assert "Outcome: part for self-repair" in text
    assert "include it with the device" in text


def test_report_without_steps_says_so(client: TestClient, agent: dict[str, str]) -> None:
    case = create(client, agent, BODY | {"language": "en", "self_tests": []}).json()
    response = client.get(f"/api/v1/cases/{case['case_id']}/self-test-report", headers=agent)
    assert "No self-tests were recorded" in response.text


def test_report_needs_the_case_contact_or_the_agent_token(
    client: TestClient, agent: dict[str, str]
) -> None:
    case = create(client, agent).json()
    assert report(client, case["case_id"]).status_code == 401
    wrong = report(client, case["case_id"], serial_number="5CG0000000")
    assert wrong.status_code == 404
    assert wrong.json()["error"]["code"]
    assert report(client, "5000000000", serial_number="5CG3201ABC").status_code == 404


def test_unknown_csr_part_shape_is_refused(client: TestClient, agent: dict[str, str]) -> None:
    response = create(client, agent, BODY | {"csr_part": "AC Adapter!"})
    assert response.status_code == 422
    assert response.json()["error"]["code"]
