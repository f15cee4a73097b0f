"""The guide schema: every guide of data/guides validates, and broken guides are refused
with a message that says where."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po

from careline.entitlement.models import COMPONENTS
from careline.selftest import GuideBook, GuideError, load_guide_book
from careline.selftest.models import build_guide_book, parse_catalogue, parse_guide

ROOT = Path(__file__).resolve().parents[2]
GUIDES = ROOT / "data" / "guides"
CSR = ROOT / "data" / "csr" / "parts.yml"
POT = ROOT / "locales" / "messages.pot"


@pytest.fixture(scope="module")
def book() -> GuideBook:
    return load_guide_book(GUIDES, CSR)


def test_every_guide_file_validates(book: GuideBook) -> None:
    assert set(book.guides) == {p.stem for p in GUIDES.glob("*.yml")}


@pytest.mark.parametrize(
    "component",
    [
        "power", "motherboard", "display", "external_monitor", "battery", "ac_adapter",
        "keyboard", "touchpad", "mouse", "storage", "memory", "fan", "printer",
        "docking_station",
    ],
)  # fmt: skip
def test_each_symptom_family_has_its_own_guide(book: GuideBook, component: str) -> None:
    owners = [g.id for g in book.guides.values() if component in g.components]
    assert len(owners) == 1, f"{component}: {owners}"


def test_every_outcome_kind_is_reachable(book: GuideBook) -> None:
    targets = {
        target.split(":", 1)[0]
        for guide in book.guides.values()
        for step in guide.steps.values()
        for target in (step.affirm, step.deny, step.failure_id)
        if target
    }
    assert {"fixed", "repair", "human", "csr_part", "guide"} <= targets


def test_seed_csr_parts_are_in_the_catalogue(book: GuideBook) -> None:
    assert {"ac_adapter", "keyboard", "mouse"} <= set(book.csr)


def test_guides_use_the_real_tools(book: GuideBook) -> None:
    texts = " ".join(f"{s.text} {s.prompt}" for g in book.guides.values() for s in g.steps.values())
    for tool in ("F2", "HP PC Hardware Diagnostics UEFI", "Quick Test", "Extensive Test",
                 "Battery", "Caps Lock", "hard reset", "AC adapter", "external monitor"):  # fmt: skip
        assert tool.lower() in texts.lower(), tool


def test_every_guide_and_csr_text_is_in_the_template(book: GuideBook) -> None:
    with POT.open("rb") as pot:
        extracted = {(m.context, m.id) for m in read_po(pot) if m.id}
    wanted = {
        (guide.context, text)
        for guide in book.guides.values()
        for text in (guide.title, *(t for s in guide.steps.values() for t in (s.text, s.prompt)))
    } | {("csr", line) for part in book.csr.values() for line in part.outline}
    missing = wanted - extracted
    assert not missing, f"run `make i18n-update`; missing: {sorted(missing)[:5]}"


def raw(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((GUIDES / f"{name}.yml").read_text(encoding="utf-8"))
    return copy.deepcopy(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g["steps"]["hard_reset"].update(deny="nowhere"), "unknown step 'nowhere'"),
        (lambda g: g.update(start="missing"), "start step 'missing'"),
        (lambda g: g["steps"]["hard_reset"].update(deny="power_light"), "loop"),
        (lambda g: g["steps"]["power_light"].update(deny="hard_reset"), "never reached"),
        (lambda g: g.update(components=["toaster"]), "unknown components"),
        (lambda g: g["steps"]["power_light"].pop("prompt"), "steps.power_light.prompt"),
        (lambda g: g["steps"]["power_light"].update(colour="red"), "colour"),
        (lambda g: g["steps"]["power_light"].update(affirm="Fixed!"), "affirm"),
        (lambda g: g["steps"]["power_light"].update(pass_on="maybe"), "pass_on"),
    ],
)
def test_broken_guides_are_refused(change: Any, message: str) -> None:
    guide = raw("no_power")
    change(guide)
    with pytest.raises(GuideError, match=message):
        parse_guide("no_power", guide)


def guides_with(**overrides: dict[str, Any]) -> dict[str, Any]:
    guides = {p.stem: parse_guide(p.stem, raw(p.stem)) for p in GUIDES.glob("*.yml")}
    for name, data in overrides.items():
        guides[name] = parse_guide(name, data)
    return guides


def catalogue() -> Any:
    return parse_catalogue(yaml.safe_load(CSR.read_text(encoding="utf-8")))


def test_unknown_csr_part_is_refused() -> None:
    guide = raw("no_power")
    guide["steps"]["adapter_swap"]["affirm"] = "csr_part:flux_capacitor"
    with pytest.raises(GuideError, match="flux_capacitor"):
        build_guide_book(guides_with(no_power=guide), catalogue())


def test_link_to_unknown_or_own_guide_is_refused() -> None:
    guide = raw("no_power")
    guide["steps"]["signs_of_life"]["affirm"] = "guide:no_power"
    with pytest.raises(GuideError, match="no other guide"):
        build_guide_book(guides_with(no_power=guide), catalogue())


def test_guides_that_link_in_a_circle_are_refused() -> None:
    no_boot = raw("no_boot")
    no_boot["steps"]["hard_reset"]["deny"] = "guide:no_power"
    with pytest.raises(GuideError, match="guides loop"):
        build_guide_book(guides_with(no_boot=no_boot), catalogue())


def test_one_component_one_guide_and_exactly_one_fallback() -> None:
    display = raw("display")
    display["components"] = ["display", "power"]
    with pytest.raises(GuideError, match="claimed by guides"):
        build_guide_book(guides_with(display=display), catalogue())
    general = raw("general")
    general["fallback"] = False
    with pytest.raises(GuideError, match="fallback"):
        build_guide_book(guides_with(general=general), catalogue())


def test_csr_catalogue_is_validated() -> None:
    data = yaml.safe_load(CSR.read_text(encoding="utf-8"))
    data["parts"]["mouse"]["categories"] = ["toaster"]
    with pytest.raises(GuideError, match="unknown categories"):
        parse_catalogue(data)
    data = yaml.safe_load(CSR.read_text(encoding="utf-8"))
    data["parts"]["mouse"]["skill"] = "heroic"
    with pytest.raises(GuideError, match="skill"):
        parse_catalogue(data)


def test_a_new_guide_is_just_a_file(tmp_path: Path) -> None:
    for path in GUIDES.glob("*.yml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "camera.yml").write_text(
        "title: Camera problems\ncomponents: [camera]\nstart: privacy\nsteps:\n"
        "  privacy:\n    text: Open the camera's privacy shutter.\n"
        "    prompt: Does the camera work now?\n    affirm: fixed\n    deny: repair\n",
        encoding="utf-8",
    )
    book = load_guide_book(tmp_path, CSR)
    assert book.guides["camera"].components == ("camera",)


def test_unreadable_yaml_and_bad_file_names_say_where(tmp_path: Path) -> None:
    (tmp_path / "broken.yml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(GuideError, match=r"broken\.yml"):
        load_guide_book(tmp_path, CSR)
    (tmp_path / "broken.yml").unlink()
    (tmp_path / "Bad-Name.yml").write_text("{}", encoding="utf-8")
    with pytest.raises(GuideError, match="file name"):
        load_guide_book(tmp_path, CSR)


def test_components_in_guides_are_contract_values(book: GuideBook) -> None:
    for guide in book.guides.values():
        assert set(guide.components) <= set(COMPONENTS)
