"""The schema of troubleshooting guides and of the customer self-repair catalogue.

A guide (`data/guides/<id>.yml`, the id is the file name) is a small acyclic graph of
steps. Each step tells the customer what to do (`text`), asks one yes/no question
(`prompt`) and names where each answer leads:

    title: The computer does not turn on
    components: [power]              # the guide for these reported components
    start: power_light
    steps:
      power_light:
        text: Connect the AC adapter and look at the light next to the power connector.
        prompt: Does the light come on?
        affirm: hard_reset           # "yes"
        deny: adapter_swap           # "no"
      ...

A branch target is another step of the guide, another guide (`guide:<id>`) or an
outcome: `fixed`, `repair`, `human` or `csr_part:<part>` (a part of the CSR
catalogue). A step whose question is a diagnostics test may name where a failure
ID leads (`failure_id:`); a failure ID given at any step ends the troubleshooting
(it is a definite hardware failure): without a `failure_id` branch it leads to
`repair`. `pass_on` says which answer means the check passed (default `affirm`), so
that the record says `pass` or `fail` whatever way the question is put.

The CSR catalogue (`data/csr/parts.yml`) lists the parts a customer may replace:
the device categories they exist for, the skill level, an outline of the
instructions and whether the part ships by courier.

Every text (`title`, `text`, `prompt`, CSR `outline`) is English source text; the
Babel catalogs translate it with the context `guide:<id>` or `csr` (locales/babel.cfg).
Loading validates everything, including the references between guides and to the
catalogue, so a broken guide fails in a test and at start-up, never mid-conversation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from careline.entitlement.models import COMPONENTS, DEVICE_CATEGORIES, PERIPHERAL_COMPONENTS

#: The answers a step listens to: yes, no, a failure ID from the diagnostics.
ANSWERS: tuple[str, ...] = ("affirm", "deny", "failure_id")
#: Terminal outcomes of a guide.
OUTCOME_KINDS: tuple[str, ...] = ("fixed", "repair", "human", "csr_part")
#: Context of CSR texts in the catalogs.
CSR_CONTEXT = "csr"

_ID = r"[a-z][a-z0-9_]{0,47}"
Identifier = Annotated[str, StringConstraints(pattern=rf"^{_ID}$")]
SourceText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=600)]
Target = Annotated[
    str,
    StringConstraints(pattern=rf"^(fixed|repair|human|csr_part:{_ID}|guide:{_ID}|{_ID})$"),
]
#: What a CSR part can belong to: a device category or a peripheral kind.
CATEGORIES: tuple[str, ...] = (*DEVICE_CATEGORIES, *sorted(PERIPHERAL_COMPONENTS))


class GuideError(ValueError):
    """A guide or the CSR catalogue is invalid; the message names the file and the fault."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(_Strict):
    """One instruction and its yes/no question."""

    text: SourceText
    prompt: SourceText
    affirm: Target
    deny: Target
    failure_id: Target | None = None
    pass_on: Literal["affirm", "deny"] = "affirm"  # noqa: S105 - an answer, not a password


class Guide(_Strict):
    """A troubleshooting guide for one symptom family."""

    id: Identifier
    title: SourceText
    components: tuple[str, ...] = ()
    fallback: bool = False
    start: Identifier
    steps: Annotated[dict[Identifier, Step], Field(min_length=1, max_length=40)]

    @field_validator("components")
    @classmethod
    def _known_components(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [c for c in value if c not in COMPONENTS]
        if unknown:
            msg = f"unknown components {unknown}; use the values of contracts §3"
            raise ValueError(msg)
        return value

    @property
    def context(self) -> str:
        """The gettext context of this guide's texts."""
        return f"guide:{self.id}"


class CsrPart(_Strict):
    """A customer-replaceable part."""

    id: Identifier
    categories: Annotated[tuple[str, ...], Field(min_length=1)]
    skill: Literal["easy", "moderate", "advanced"]
    ships_by_courier: bool
    outline: Annotated[tuple[SourceText, ...], Field(min_length=2, max_length=12)]

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [c for c in value if c not in CATEGORIES]
        if unknown:
            msg = f"unknown categories {unknown}; use {list(CATEGORIES)}"
            raise ValueError(msg)
        return value

    def fits(self, category: str | None) -> bool:
        """Whether the part exists for a device (or peripheral) category."""
        return category is not None and category in self.categories


class CsrCatalogue(_Strict):
    """All customer-replaceable parts by id."""

    parts: dict[Identifier, CsrPart]


@dataclass(frozen=True)
class Outcome:
    """Where a guide ends: fixed, repair, human, or a CSR part."""

    kind: str
    part: str | None = None

    @classmethod
    def parse(cls, target: str) -> Outcome | None:
        """The outcome a branch target names, None for a step or a guide."""
        if target in ("fixed", "repair", "human"):
            return cls(target)
        if target.startswith("csr_part:"):
            return cls("csr_part", target.split(":", 1)[1])
        return None

    def __str__(self) -> str:
        return f"csr_part:{self.part}" if self.kind == "csr_part" else self.kind


@dataclass(frozen=True)
class GuideBook:
    """Every guide and the CSR catalogue, validated together."""

    guides: Mapping[str, Guide]
    csr: Mapping[str, CsrPart]

    def guide(self, guide_id: str) -> Guide:
        """A guide by id (KeyError when unknown)."""
        return self.guides[guide_id]

    def fallback(self) -> Guide:
        """The guide for problems no other guide covers."""
        return next(g for g in self.guides.values() if g.fallback)


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise GuideError(f"{path}: cannot be read as YAML: {exc}") from exc


def _format_errors(path: Path, exc: ValidationError) -> GuideError:
    lines = [
        f"  {'.'.join(str(part) for part in error['loc']) or '(file)'}: {error['msg']}"
        for error in exc.errors()
    ]
    return GuideError(f"{path}: invalid\n" + "\n".join(lines))


def parse_guide(guide_id: str, data: Any, path: Path | None = None) -> Guide:
    """Validate one guide's data (the file content) on its own."""
    where = path or Path(f"{guide_id}.yml")
    if not isinstance(data, dict):
        raise GuideError(f"{where}: a guide is a mapping with title, start and steps")
    try:
        guide = Guide.model_validate({**data, "id": guide_id})
    except ValidationError as exc:
        raise _format_errors(where, exc) from exc
    _check_graph(guide, where)
    return guide


def _check_graph(guide: Guide, where: Path) -> None:
    """Targets exist, every step is reachable from `start`, and there is no cycle."""
    if guide.start not in guide.steps:
        raise GuideError(f"{where}: start step {guide.start!r} is not among the steps")
    for name, step in guide.steps.items():
        for target in _targets(step):
            is_step = Outcome.parse(target) is None and not target.startswith("guide:")
            if is_step and target not in guide.steps:
                raise GuideError(f"{where}: step {name!r} leads to unknown step {target!r}")
    reached: set[str] = set()
    on_path: list[str] = []

    def visit(name: str) -> None:
        if name in on_path:
            cycle = " → ".join([*on_path[on_path.index(name) :], name])
            raise GuideError(f"{where}: the steps loop ({cycle}); a guide must always end")
        if name in reached:
            return
        on_path.append(name)
        for target in _targets(guide.steps[name]):
            if target in guide.steps:
                visit(target)
        on_path.pop()
        reached.add(name)

    visit(guide.start)
    unreachable = sorted(set(guide.steps) - reached)
    if unreachable:
        raise GuideError(f"{where}: steps never reached from {guide.start!r}: {unreachable}")


def _targets(step: Step) -> Iterable[str]:
    yield step.affirm
    yield step.deny
    if step.failure_id is not None:
        yield step.failure_id


def parse_catalogue(data: Any, path: Path | None = None) -> CsrCatalogue:
    """Validate the CSR catalogue's data."""
    where = path or Path("parts.yml")
    if not isinstance(data, dict) or not isinstance(data.get("parts"), dict):
        raise GuideError(f"{where}: the catalogue is a mapping with `parts`")
    parts = {
        part_id: {**value, "id": part_id} if isinstance(value, dict) else value
        for part_id, value in data["parts"].items()
    }
    try:
        return CsrCatalogue.model_validate({"parts": parts})
    except ValidationError as exc:
        raise _format_errors(where, exc) from exc


def build_guide_book(guides: Mapping[str, Guide], catalogue: CsrCatalogue) -> GuideBook:
    """Check what guides say about each other and the catalogue; return the book."""
    for guide in guides.values():
        for name, step in guide.steps.items():
            for target in _targets(step):
                outcome = Outcome.parse(target)
                part = outcome.part if outcome is not None else None
                if part is not None and part not in catalogue.parts:
                    raise GuideError(
                        f"guide {guide.id!r}, step {name!r}: {part!r} is not a part "
                        "of the CSR catalogue"
                    )
                if target.startswith("guide:"):
                    other = target.split(":", 1)[1]
                    if other not in guides or other == guide.id:
                        raise GuideError(
                            f"guide {guide.id!r}, step {name!r}: no other guide {other!r}"
                        )
    _check_guide_links(guides)
    fallbacks = [g.id for g in guides.values() if g.fallback]
    if len(fallbacks) != 1:
        raise GuideError(f"exactly one guide must be the fallback, found {fallbacks}")
    owners: dict[str, str] = {}
    for guide in guides.values():
        for component in guide.components:
            if component in owners:
                raise GuideError(
                    f"component {component!r} is claimed by guides {owners[component]!r} "
                    f"and {guide.id!r}"
                )
            owners[component] = guide.id
    return GuideBook(guides=dict(guides), csr=dict(catalogue.parts))


def _check_guide_links(guides: Mapping[str, Guide]) -> None:
    """Guides that continue in other guides must not come back round."""
    links = {
        guide.id: {
            target.split(":", 1)[1]
            for step in guide.steps.values()
            for target in _targets(step)
            if target.startswith("guide:")
        }
        for guide in guides.values()
    }

    def visit(guide_id: str, path: list[str]) -> None:
        for other in sorted(links.get(guide_id, ())):
            if other in path:
                raise GuideError(f"guides loop: {' → '.join([*path, other])}")
            visit(other, [*path, other])

    for guide_id in links:
        visit(guide_id, [guide_id])


def load_guide_book(guides_dir: Path, catalogue_path: Path) -> GuideBook:
    """Load and validate every `*.yml` guide of a folder and the CSR catalogue.

    Raises:
        GuideError: a file is missing, unreadable or invalid; the message says where.
    """
    paths = sorted(guides_dir.glob("*.yml"))
    if not paths:
        raise GuideError(f"{guides_dir}: no guides (*.yml)")
    guides: dict[str, Guide] = {}
    for path in paths:
        if not re.fullmatch(_ID, path.stem):
            raise GuideError(f"{path}: a guide's file name must be its id ({_ID})")
        guides[path.stem] = parse_guide(path.stem, _load_yaml(path), path)
    catalogue = parse_catalogue(_load_yaml(catalogue_path), catalogue_path)
    return build_guide_book(guides, catalogue)


__all__ = [
    "ANSWERS",
    "CATEGORIES",
    "CSR_CONTEXT",
    "OUTCOME_KINDS",
    "CsrCatalogue",
    "CsrPart",
    "Guide",
    "GuideBook",
    "GuideError",
    "Outcome",
    "Step",
    "build_guide_book",
    "load_guide_book",
    "parse_catalogue",
    "parse_guide",
]
