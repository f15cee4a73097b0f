"""Property-based API fuzzing: no input, however strange, gets a 5xx.

Schemathesis generates requests from the OpenAPI spec (valid and invalid ones) and
checks every response; it runs against the real app and a real migrated database.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.api.conftest import AGENT_TOKEN

schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {AGENT_TOKEN}"}, checks=[not_a_server_error]
    )
