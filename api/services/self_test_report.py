"""The printable self-test summary of a case.

Seeds 000/001: the customer may be asked to include a printout of all self-tests with
the defective product.

Plain text in the case's language: the labels are terms (`locales/terms.yml`,
category `report`), each step's question is the guide's text translated with the
context `guide:<id>` — the same catalogs the bot speaks from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date, format_time

from api import models
from careline.i18n import Catalogs, babel_locale, resolve_language
from careline.identifiers import format_case_id, format_failure_id

# Steps the assistant records itself, outside any guide: their label is a term.
_SPECIAL_STEPS = ("helpdesk_diagnosis", "failure_id_reported")
_WIDTH = 72


def render_self_test_report(case: models.Case, catalogs: Catalogs) -> str:
    """The summary as plain text, ready to print."""
    assert case.case_id is not None  # noqa: S101 - set in the creating transaction
    language = resolve_language(case.language)
    locale = babel_locale(language)
    translations = catalogs.translations(language)

    def label(code: str, category: str = "report") -> str:
        return catalogs.term(language, category, code) or code

    title = label("title")
    lines = [title.upper(), "=" * min(_WIDTH, len(title)), ""]
    facts = [
        (label("case"), format_case_id(case.case_id)),
        (label("serial_number"), case.serial_number),
        (label("product"), case.product_name or case.product_number or "-"),
        (label("date"), format_date(case.created_at, format="long", locale=locale)),
        (label("problem"), " ".join(case.problem.split())),
    ]
    lines += [f"{name}: {value}" for name, value in facts]
    lines.append("")
    steps: list[Mapping[str, Any]] = [s for s in case.self_tests if isinstance(s, Mapping)]
    if not steps:
        lines.append(label("none"))
    for number, step in enumerate(steps, start=1):
        lines.append(f"{number}. {_question(step, translations, label)}")
        detail = []
        if step.get("answer"):
            detail.append(f"{label('answer')}: {step['answer']}")
        if step.get("result"):
            detail.append(f"{label('result')}: {label(str(step['result']), 'self_test_result')}")
        at = _parse_time(step.get("at"))
        if at is not None:
            detail.append(format_time(at, format="short", locale=locale) + " UTC")
        if detail:
            lines.append("   " + " · ".join(detail))
        if step.get("failure_id"):
            lines.append(f"   {label('failure_id')}: {_grouped(str(step['failure_id']))}")
        outcome = step.get("outcome")
        if outcome:
            kind = str(outcome).split(":", 1)[0]
            lines.append(f"   {label('outcome')}: {label(kind, 'self_test_outcome')}")
    if case.failure_id and not any(s.get("failure_id") for s in steps):
        lines += ["", f"{label('failure_id')}: {_grouped(case.failure_id)}"]
    lines += ["", label("include"), ""]
    return "\n".join(lines)


def _question(step: Mapping[str, Any], translations: Any, label: Any) -> str:
    name = str(step.get("step") or "")
    if name in _SPECIAL_STEPS:
        return str(label(name))
    prompt = str(step.get("prompt") or name)
    guide = step.get("guide")
    return str(translations.pgettext(f"guide:{guide}", prompt)) if guide else prompt


def _grouped(failure_id: str) -> str:
    try:
        return format_failure_id(failure_id)
    except ValueError:
        return failure_id


def _parse_time(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(dt.UTC) if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
