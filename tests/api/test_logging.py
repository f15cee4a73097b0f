"""Personal data never reaches the logs unmasked."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from api.core.logging import configure_logging
from careline.pii import PiiMaskingFilter, mask_pii


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("mail emma.jansen@mail.example", "emma.jansen"),
        ("phone +31 6 5555 0123", "5555 0123"),
        ("call 0205550100 now", "0205550100"),
        ("dk +45 33 55 01 20", "33 55 01 20"),
    ],
)
def test_mask_pii_hides_contacts(text: str, secret: str) -> None:
    assert secret not in mask_pii(text)


def test_mask_pii_keeps_case_ids_dates_and_serials() -> None:
    text = "case 5000000017 on 2026-11-22 for 5CG3201ABC"
    assert mask_pii(text) == text


def test_filter_masks_arguments_of_log_calls(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("careline.test")
    handler = caplog.handler
    handler.addFilter(PiiMaskingFilter())
    try:
        logger.warning("customer %s called from %s", "jan@example.com", "+31 20 555 0100")
    finally:
        handler.removeFilter(handler.filters[-1])
    assert "jan@example.com" not in caplog.text
    assert "555 0100" not in caplog.text


def test_api_logs_no_contact_details(
    client: TestClient, agent: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("INFO")
    caplog.handler.addFilter(PiiMaskingFilter())
    from tests.api.test_cases import BODY

    with caplog.at_level(logging.INFO):
        client.post("/api/v1/cases", json=BODY, headers=agent)
        client.get("/api/v1/cases/5000000017", params={"email": "emma.jansen@mail.example"})
    assert "emma.jansen" not in caplog.text.lower()
    assert "5555 0123" not in caplog.text
