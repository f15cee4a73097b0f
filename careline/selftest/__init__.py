"""Guided self-tests and customer self-repair (CSR): guides as data, walked by rules.

- `models`: the schema of a troubleshooting guide (`data/guides/<id>.yml`) and of the
  CSR catalogue (`data/csr/parts.yml`), validated with pydantic when loaded;
- `walker`: pure functions that move through a guide on an answer and build the
  record of each step for the case (`self_tests`);
- `report`: the plain-text self-test summary the customer includes with the device.

Unlike the rest of `careline`, this package needs pydantic 2 and PyYAML: it is used
by the action server and the API (the app venv), not by the Rasa process.
"""

from careline.selftest.models import (
    ANSWERS,
    OUTCOME_KINDS,
    CsrCatalogue,
    CsrPart,
    Guide,
    GuideBook,
    GuideError,
    Outcome,
    Step,
    load_guide_book,
)
from careline.selftest.walker import (
    AnswerKind,
    Move,
    StepRecord,
    first_step,
    guide_for,
    move,
    record_step,
)

__all__ = [
    "ANSWERS",
    "OUTCOME_KINDS",
    "AnswerKind",
    "CsrCatalogue",
    "CsrPart",
    "Guide",
    "GuideBook",
    "GuideError",
    "Move",
    "Outcome",
    "Step",
    "StepRecord",
    "first_step",
    "guide_for",
    "load_guide_book",
    "move",
    "record_step",
]
