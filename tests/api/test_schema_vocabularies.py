"""The API's enums (needed as Literal types for the OpenAPI spec) match the domain's."""

from typing import get_args

from api.schemas.fields import ComponentName, IssueName, LanguageCode
from careline.entitlement import COMPONENTS, ISSUES
from careline.languages import SUPPORTED_LANGUAGES


def test_component_issue_and_language_enums_match_the_domain() -> None:
    assert get_args(ComponentName) == tuple(COMPONENTS)
    assert set(get_args(IssueName)) == set(ISSUES)
    assert get_args(LanguageCode) == SUPPORTED_LANGUAGES
