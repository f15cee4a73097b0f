from fastapi.testclient import TestClient


def test_health_reports_ok_with_database(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"


def test_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/entitlements/check" in spec["paths"]
    assert "/api/v1/cases" in spec["paths"]
