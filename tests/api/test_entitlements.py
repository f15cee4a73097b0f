"""`POST /api/v1/entitlements/check` through HTTP, on every backend."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

URL = "/api/v1/entitlements/check"


def check(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post(URL, json={"as_of": "2026-11-22", **body})
    assert response.status_code == 200, response.text
    return response.json()


def test_covered_notebook_has_the_contract_shape(client: TestClient) -> None:
    result = check(client, serial_number="5CG3201ABC")
    assert result["serial_number"] == "5CG3201ABC"
    assert result["product_name"] == "HP EliteBook 840 G10 Notebook PC"
    assert result["entitled"] is True
    assert result["delivery"] == ["remote", "pickup_return"]
    assert result["flags"] == ["battery_replacement"]
    assert result["reasons"] == []
    assert result["priority_tier"] is None
    kinds = {c["kind"]: c for c in result["coverage"]}
    assert kinds["base_warranty"]["start"] == "2025-03-10"
    assert kinds["base_warranty"]["end"] == "2028-03-10"
    assert kinds["care_pack"]["service"] == "offsite_pickup_return"
    assert kinds["care_pack"]["active"] is True


def test_input_is_normalised(client: TestClient) -> None:
    result = check(
        client,
        serial_number=" 5cg 3201-abc ",
        product_number="8a3n7ea#abh",
        country="Nederland",
        component="DISPLAY",
    )
    assert result["serial_number"] == "5CG3201ABC"
    assert result["entitled"] is True
    assert "product_number_mismatch" not in result["reasons"]


def test_unknown_serial_is_a_result_not_an_error(client: TestClient) -> None:
    result = check(client, serial_number="5CG0000000")
    assert result["entitled"] is False
    assert result["reasons"] == ["unknown_serial"]
    assert result["coverage"] == []


@pytest.mark.parametrize(
    ("body", "entitled", "reason"),
    [
        ({"serial_number": "5CG2145XYZ"}, False, "care_pack_not_registered"),
        ({"serial_number": "CND1234567"}, False, "warranty_expired"),
        ({"serial_number": "8CC2233445", "component": "external_monitor"}, False, "component_not_covered"),
        ({"serial_number": "CNK4230ZZ9"}, False, "component_not_covered"),
        ({"serial_number": "5CG3010777", "component": "battery"}, False, "battery_coverage_ended"),
        ({"serial_number": "5CD6020456", "component": "pen"}, False, "component_not_covered"),
        ({"serial_number": "CN27P4X009"}, False, "subscription_not_active"),
        ({"serial_number": "5CG2990310"}, False, "care_pack_purchased_late"),
        ({"serial_number": "5CG3201ABC", "issue": "accidental_damage"}, False, "accidental_damage_not_covered"),
        ({"serial_number": "5CG3201ABC", "issue": "software"}, False, "excluded_service"),
        ({"serial_number": "5CG3201ABC", "component": "battery", "battery_capacity_percent": 60}, False, "battery_wear_not_covered"),
        ({"serial_number": "5CD4455667", "country": "FR"}, True, "outside_country_of_purchase"),
        ({"serial_number": "5CG1122334", "pin": "310755"}, True, "priority_service_expired"),
        ({"serial_number": "5CG3300111", "pin": "111111"}, True, "invalid_pin"),
        ({"serial_number": "5CG3201ABC", "product_number": "6F1E9EA"}, False, "product_number_mismatch"),
    ],
)  # fmt: skip
def test_demo_devices_give_the_rule_outcomes(
    client: TestClient, body: dict[str, Any], entitled: bool, reason: str
) -> None:
    result = check(client, **body)
    assert result["entitled"] is entitled
    assert reason in result["reasons"]


@pytest.mark.parametrize(
    ("body", "flag_or_tier"),
    [
        ({"serial_number": "5CD4455667", "pin": "775120"}, "priority_management_plus"),
        ({"serial_number": "5CG3300111", "pin": "482913"}, "priority_access_plus"),
    ],
)
def test_valid_pin_gives_the_priority_tier(
    client: TestClient, body: dict[str, Any], flag_or_tier: str
) -> None:
    assert check(client, **body)["priority_tier"] == flag_or_tier


def test_covered_peripherals_and_add_on_flags(client: TestClient) -> None:
    zbook = check(client, serial_number="5CD4455667")
    assert {"defective_media_retention", "peripheral_care_pack"} <= set(zbook["flags"])
    for serial in ("CNK4110AA1", "CNK4110AA2", "5CH4110DK1"):
        assert check(client, serial_number=serial)["entitled"] is True


def test_subscription_covers_a_printer_after_its_care_pack(client: TestClient) -> None:
    result = check(client, serial_number="CN35F1A002", component="printer")
    assert result["entitled"] is True
    assert "onsite" in result["delivery"]
    assert "verification_fee_applies" not in result["flags"]
    assert "verification_fee_applies" in check(client, serial_number="CN27P4X009")["flags"]


def test_accidental_damage_with_protection(client: TestClient) -> None:
    result = check(client, serial_number="5CG4077001", issue="accidental_damage")
    assert result["entitled"] is True
    assert "accidental_damage_protection" in result["flags"]


def test_as_of_defaults_to_the_clock(client: TestClient) -> None:
    response = client.post(URL, json={"serial_number": "5CD5088123"})
    assert response.status_code == 200
    assert response.json()["as_of"] == "2026-11-23"
    assert "warranty_expired" in response.json()["reasons"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"serial_number": "12"}, "serial_number"),
        ({"serial_number": "5CG3201ABC", "country": "Atlantis"}, "country"),
        ({"serial_number": "5CG3201ABC", "component": "flux_capacitor"}, "component"),
        ({"serial_number": "5CG3201ABC", "pin": "12ab"}, "pin"),
        ({"serial_number": "5CG3201ABC", "battery_capacity_percent": 150}, "battery_capacity_percent"),
        ({"serial_number": "5CG3201ABC", "as_of": "yesterday"}, "as_of"),
        ({"serial_number": 5}, "serial_number"),
        ({"serial_number": "5CG3201ABC", "surprise": True}, "surprise"),
        ({}, "serial_number"),
    ],
)  # fmt: skip
def test_bad_input_is_a_422_in_the_contract_shape(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    response = client.post(URL, json=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["message"]
    assert any(d["field"] == field for d in error["details"])


def test_malformed_json_is_a_422(client: TestClient) -> None:
    response = client.post(URL, content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_unknown_route_and_method_use_the_error_shape(client: TestClient) -> None:
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    wrong = client.get(URL)
    assert wrong.status_code == 405
    assert wrong.json()["error"]["code"] == "method_not_allowed"
