"""Cases through HTTP: idempotent creation, agent and customer access, history."""

from __future__ import annotations

import copy
import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.db import Database
from careline.identifiers import normalise_case_id

URL = "/api/v1/cases"
BODY: dict[str, Any] = {
    "serial_number": "5CG3201ABC",
    "email": "Emma.Jansen@Mail.example",
    "name": "Emma Jansen",
    "country": "Nederland",
    "language": "nl",
    "channel": "web",
    "problem": "Laptop gaat niet meer aan, ook niet aan de lader.",
    "phone": "06 5555 0123",
    "component": "power",
    "self_tests": [
        {"guide": "no_power", "step": "hard_reset", "answer": "no", "result": "fail"},
    ],
    "conversation_id": "conv-42",
}


def create(
    client: TestClient,
    agent: dict[str, str],
    body: dict[str, Any] | None = None,
    key: str | None = None,
) -> Any:
    headers = dict(agent)
    if key:
        headers["Idempotency-Key"] = key
    return client.post(URL, json=body or BODY, headers=headers)


def count_cases(database: Database) -> int:
    import sqlalchemy as sa

    with database.session() as session:
        return int(session.scalar(sa.text("SELECT COUNT(*) FROM cases")) or 0)


def test_create_case_records_everything(client: TestClient, agent: dict[str, str]) -> None:
    response = create(client, agent)
    assert response.status_code == 201, response.text
    case = response.json()
    assert normalise_case_id(case["case_id"]) == case["case_id"]
    assert case["case_id"].startswith("5") and len(case["case_id"]) == 10
    assert case["case_id_display"].replace(" ", "") == case["case_id"]
    assert case["status"] == "open"
    assert case["country"] == "NL"
    assert case["phone"] == "+31655550123"
    assert case["email"].endswith("@mail.example")
    assert case["product_name"] == "HP EliteBook 840 G10 Notebook PC"
    assert case["entitled"] is True
    assert case["entitlement"]["delivery"] == ["remote", "pickup_return"]
    assert case["self_tests"][0]["step"] == "hard_reset"
    assert case["history"][0]["kind"] == "created"
    assert case["created_at"]
    for field in (
        "serial_number",
        "email",
        "name",
        "country",
        "language",
        "channel",
        "problem",
        "component",
        "failure_id",
        "self_tests",
        "created_at",
    ):
        assert field in case


def test_case_ids_are_unique_and_sequential(client: TestClient, agent: dict[str, str]) -> None:
    first = create(client, agent).json()["case_id"]
    second = create(client, agent).json()["case_id"]
    assert first != second
    assert int(second[:9]) == int(first[:9]) + 1


def test_same_key_and_body_returns_the_same_case(
    client: TestClient, agent: dict[str, str], database: Database
) -> None:
    first = create(client, agent, key="conv-42-case")
    again = create(client, agent, key="conv-42-case")
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["case_id"] == first.json()["case_id"]
    assert count_cases(database) == 1


def test_same_key_other_body_is_a_conflict(
    client: TestClient, agent: dict[str, str], database: Database
) -> None:
    create(client, agent, key="k-1")
    other = copy.deepcopy(BODY) | {"problem": "Something else entirely"}
    response = create(client, agent, other, key="k-1")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_conflict"
    assert count_cases(database) == 1


def test_concurrent_retries_create_one_case(
    client: TestClient, agent: dict[str, str], database: Database
) -> None:
    results: list[int] = []

    def post() -> None:
        results.append(create(client, agent, key="race").status_code)

    threads = [threading.Thread(target=post) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results).count(201) == 1
    assert set(results) <= {200, 201}
    assert count_cases(database) == 1


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}]
)
def test_creating_needs_the_agent_token(
    client: TestClient, headers: dict[str, str], database: Database
) -> None:
    response = client.post(URL, json=BODY, headers=headers)
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] in ("unauthorized", "forbidden")
    assert count_cases(database) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"channel": "fax"}, "channel"),
        ({"language": "xx"}, "language"),
        ({"serial_number": "ABC"}, "serial_number"),
        ({"problem": ""}, "problem"),
        ({"failure_id": "short"}, "failure_id"),
        ({"self_tests": [{"answer": "no"}]}, "self_tests"),
    ],
)
def test_invalid_case_is_refused_and_nothing_written(
    client: TestClient,
    agent: dict[str, str],
    database: Database,
    change: dict[str, Any],
    field: str,
) -> None:
    response = create(client, agent, copy.deepcopy(BODY) | change)
    assert response.status_code == 422
    assert field in response.json()["error"]["message"]
    assert count_cases(database) == 0


def test_agent_reads_and_updates_a_case(client: TestClient, agent: dict[str, str]) -> None:
    case_id = create(client, agent).json()["case_id"]
    read = client.get(f"{URL}/{case_id}", headers=agent)
    assert read.status_code == 200
    assert read.json()["phone"] == "+31655550123"
    patched = client.patch(
        f"{URL}/{case_id}", json={"status": "in_progress", "note": "Called back"}, headers=agent
    )
    assert patched.status_code == 200
    history = patched.json()["history"]
    assert history[-1]["kind"] == "status_changed"
    assert history[-1]["from_status"] == "open"
    assert history[-1]["to_status"] == "in_progress"
    listed = client.get(URL, params={"status": "in_progress"}, headers=agent).json()
    assert [c["case_id"] for c in listed["items"]] == [case_id]


def test_patch_needs_a_change_and_the_token(client: TestClient, agent: dict[str, str]) -> None:
    case_id = create(client, agent).json()["case_id"]
    assert client.patch(f"{URL}/{case_id}", json={}, headers=agent).status_code == 422
    assert client.patch(f"{URL}/{case_id}", json={"status": "closed"}).status_code == 401
    assert (
        client.patch(f"{URL}/{case_id}", json={"status": "bogus"}, headers=agent).status_code == 422
    )


def test_customer_reads_with_email_or_serial(client: TestClient, agent: dict[str, str]) -> None:
    case_id = create(client, agent).json()["case_id"]
    by_email = client.get(f"{URL}/{case_id}", params={"email": "emma.jansen@mail.example"})
    assert by_email.status_code == 200
    assert by_email.json()["email"].lower() == "emma.jansen@mail.example"
    assert "phone" not in by_email.json()
    by_serial = client.post(
        f"{URL}/lookup", json={"case_id": case_id, "serial_number": "5cg3201abc"}
    )
    assert by_serial.status_code == 200
    assert by_serial.json()["email"] == "E***@mail.example"
    assert by_serial.json()["name"] == "E. J."


def test_customer_mismatch_never_hints_that_the_case_exists(
    client: TestClient, agent: dict[str, str]
) -> None:
    case_id = create(client, agent).json()["case_id"]
    wrong_email = client.get(f"{URL}/{case_id}", params={"email": "someone@else.example"})
    unknown_case = client.get(f"{URL}/5000009999", params={"email": "emma.jansen@mail.example"})
    malformed = client.get(f"{URL}/12345", params={"serial_number": "5CG3201ABC"})
    wrong_serial = client.post(
        f"{URL}/lookup", json={"case_id": case_id, "serial_number": "CND1234567"}
    )
    for response in (wrong_email, unknown_case, malformed, wrong_serial):
        assert response.status_code == 404
    assert wrong_email.json() == unknown_case.json() == malformed.json() == wrong_serial.json()
    assert client.get(f"{URL}/{case_id}").status_code == 401


def test_agent_notes_stay_internal(client: TestClient, agent: dict[str, str]) -> None:
    case_id = create(client, agent).json()["case_id"]
    client.patch(f"{URL}/{case_id}", json={"note": "customer sounded upset"}, headers=agent)
    view = client.get(f"{URL}/{case_id}", params={"serial_number": "5CG3201ABC"}).json()
    assert all(event["note"] is None for event in view["history"])
    assert "upset" not in str(view)


def test_nul_characters_are_refused_not_crashed(
    client: TestClient, agent: dict[str, str], database: Database
) -> None:
    response = create(client, agent, copy.deepcopy(BODY) | {"problem": "broken\x00screen"})
    assert response.status_code == 422
    assert "error" in response.json()
    assert count_cases(database) == 0
