"""Careline's one i18n pipeline: what is translatable, how it is extracted and loaded.

The English source text lives where it is used, never in Python code:

- **responses** in the Rasa domain (`domain/**.yml`): every variant's `text` and every
  button / quick-reply `title` is a gettext message whose context (msgctxt) is the
  response name (`utter_greet`, `utter_faq/support_hours`) and whose msgid is the
  English text, so two responses may say the same thing in English and still be
  translated differently;
- **terms** in `locales/terms.yml`: short labels for the codes responses show
  (`case_status`, `component`, ...), context `term:<category>`, msgid the English
  label;
- further YAML sources (self-test guides, ...) through `extract_yaml_texts`, one
  section in `locales/babel.cfg` each.

Plurals: a domain response variant that depends on a number keeps its singular
English text in `text` and the plural in `metadata.plural` (Rasa's domain schema
allows no other extra key on a variant); the number is the `count` value passed by
the action. Such a variant is one ngettext message (msgid + msgid_plural) and each
catalog has as many forms as its Plural-Forms header says (one for Chinese).

`pybabel extract -F locales/babel.cfg` calls the `extract_*` functions below; the
NLG (`bot.nlg.CatalogNLG`) reads translations through `Catalogs`, which compiles
each `<lang>/LC_MESSAGES/messages.po` in memory the first time a language is
needed, so the .po files are the only artefact and no build step can leave a stale
.mo behind. This module imports neither Rasa nor anything Python-3.11-only, so the
action server may use it as well.
"""

from __future__ import annotations

import gettext
import io
import logging
import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import yaml
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from careline.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalise_language

logger = logging.getLogger(__name__)

#: The catalogs' directory: `locales/<lang>/LC_MESSAGES/messages.po`.
LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
#: gettext domain of every catalog.
DOMAIN = "messages"
#: English labels of the codes responses display, by category.
TERMS_FILE = "terms.yml"
#: msgctxt prefix of terms: `term:component`, `term:case_status`, ...
TERM_CONTEXT_PREFIX = "term:"
#: Key of a response variant's `metadata` holding the English plural text.
PLURAL_METADATA_KEY = "plural"
#: The value that chooses the plural form of a response.
PLURAL_COUNT_KEY = "count"

# Babel locales for formatting when the language code alone is not precise enough:
# Careline's Chinese is Simplified Chinese as written in mainland China.
_BABEL_LOCALES = {"zh": "zh_Hans_CN"}

# `{name}` placeholders as Rasa fills them, restricted to identifiers so that JSON in
# button payloads (`/inform{"component":"display"}`) is never taken for one.
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

# What an extractor yields to Babel: line, keyword, message arguments, comments.
_Extracted = tuple[int, str, tuple[str, ...], list[str]]


# --- languages ----------------------------------------------------------------------


def resolve_language(value: object) -> str:
    """Return the supported language a slot value stands for, `en` when none.

    Args:
        value: the `language` slot, normally one of `SUPPORTED_LANGUAGES`; tags and
            names ("nl-BE", "Dutch") are normalised, anything else means English.
    """
    if isinstance(value, str):
        if value in SUPPORTED_LANGUAGES:
            return value
        code = normalise_language(value)
        if code is not None:
            return code
    if value is not None:
        logger.debug("Unsupported conversation language %r: answering in English.", value)
    return DEFAULT_LANGUAGE


def babel_locale(language: str) -> Locale:
    """Return the Babel locale used to format values in a supported language."""
    return Locale.parse(_BABEL_LOCALES.get(language, language))


def placeholders(text: str) -> list[str]:
    """Return the names of the `{name}` placeholders of a text, in order, once each."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text.replace("{{", "").replace("}}", ""))))


# --- runtime ------------------------------------------------------------------------


class Catalogs:
    """The compiled catalogs and the terms, loaded on first use and then cached.

    Args:
        locales_dir: the directory holding `terms.yml` and `<lang>/LC_MESSAGES/`.
    """

    def __init__(self, locales_dir: Path = LOCALES_DIR) -> None:
        self.locales_dir = Path(locales_dir)
        self._translations: dict[str, gettext.NullTranslations] = {}
        self._terms: dict[str, dict[str, str]] | None = None

    def translations(self, language: str) -> gettext.NullTranslations:
        """Return the translations of a language (English text where there are none).

        The `.po` file is parsed and compiled in memory once per language; fuzzy
        entries are left out, as `pybabel compile` does. A missing catalog gives
        `NullTranslations`, i.e. the English source text.
        """
        cached = self._translations.get(language)
        if cached is None:
            cached = self._load(language)
            self._translations[language] = cached
        return cached

    def _load(self, language: str) -> gettext.NullTranslations:
        po_path = self.locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po_path.is_file():
            logger.warning("No catalog %s: answering in English.", po_path)
            return gettext.NullTranslations()
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=language, domain=DOMAIN)
        compiled = io.BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        compiled.seek(0)
        return gettext.GNUTranslations(compiled)

    def terms(self) -> Mapping[str, Mapping[str, str]]:
        """Return the English label of every term code, by category."""
        if self._terms is None:
            path = self.locales_dir / TERMS_FILE
            with path.open("rb") as terms_file:
                self._terms = _parse_terms(yaml.safe_load(terms_file), str(path))
        return self._terms

    def term(self, language: str, category: str, code: str) -> str | None:
        """Return a term's label in a language, or None when the code is unknown.

        Args:
            language: a supported language code.
            category: a top-level key of `terms.yml` (`component`, ...).
            code: the code within the category (`display`, ...).
        """
        label = self.terms().get(category, {}).get(code)
        if label is None:
            return None
        return self.translations(language).pgettext(TERM_CONTEXT_PREFIX + category, label)


def _parse_terms(data: object, source: str) -> dict[str, dict[str, str]]:
    """Validate the `terms.yml` structure: `{category: {code: English label}}`."""
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a mapping of categories")
    terms: dict[str, dict[str, str]] = {}
    for category, labels in data.items():
        if not isinstance(category, str) or not isinstance(labels, dict):
            raise ValueError(f"{source}: {category!r} must map codes to English labels")
        for code, label in labels.items():
            if not isinstance(code, str) or not isinstance(label, str) or not label.strip():
                raise ValueError(f"{source}: {category}.{code} needs a non-empty label")
        terms[category] = dict(labels)
    return terms


# --- extraction (pybabel extract) ----------------------------------------------------


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    """Return a YAML mapping node's children by (scalar) key; {} for anything else."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _text(node: yaml.Node | None) -> str | None:
    """Return a scalar node's text, or None when the node is missing or not a scalar."""
    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and node.value:
        return node.value
    return None


def _line(node: yaml.Node) -> int:
    line: int = node.start_mark.line
    return line + 1


def _describe(where: str, *texts: str) -> str:
    """Return the translator comment: where the text is used and its placeholders."""
    names = list(dict.fromkeys(name for text in texts for name in placeholders(text)))
    if not names:
        return f"{where}: no placeholders"
    return f"{where}: placeholders " + ", ".join(f"{{{name}}}" for name in names)


def _variant_notes(variant: Mapping[str, yaml.Node]) -> list[str]:
    """Return the channel and conditions of a response variant, for translators."""
    notes = []
    channel = _text(variant.get("channel"))
    if channel:
        notes.append(f"channel {channel}")
    condition = variant.get("condition")
    if isinstance(condition, yaml.SequenceNode):
        for item in condition.value:
            constraint = _mapping(item)
            name, value = _text(constraint.get("name")), _text(constraint.get("value"))
            if name:
                notes.append(f"if {name}={value}")
    return notes


def extract_domain(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[_Extracted]:
    """Babel extractor for the responses of a Rasa domain file.

    Yields, per response variant, its `text` (an ngettext message when it has a
    `metadata.plural`) and the `title` of each button and quick reply, all with the
    response name as context. Rasa validates the domain; anything else is skipped.

    Args:
        fileobj: the domain file, opened in binary mode.
        keywords: Babel's keywords (`pgettext` and `npgettext` must be among them).
        comment_tags: unused; the comments are generated.
        options: unused.
    """
    responses = _mapping(yaml.compose(fileobj)).get("responses")
    if not isinstance(responses, yaml.MappingNode):
        return
    for name_node, variants in responses.value:
        name = name_node.value
        if not isinstance(variants, yaml.SequenceNode):
            continue
        for variant_node in variants.value:
            variant = _mapping(variant_node)
            notes = _variant_notes(variant)
            where = f"{name} ({', '.join(notes)})" if notes else name
            text_node = variant.get("text")
            text = _text(text_node)
            if text_node is not None and text is not None:  # `text_node` for mypy
                plural = _text(_mapping(variant.get("metadata")).get(PLURAL_METADATA_KEY))
                if plural is None:
                    yield _line(text_node), "pgettext", (name, text), [_describe(where, text)]
                else:
                    comment = _describe(where, text, plural)
                    comment += f"; the form is chosen by {{{PLURAL_COUNT_KEY}}}"
                    yield _line(text_node), "npgettext", (name, text, plural), [comment]
            for kind in ("buttons", "quick_replies"):
                buttons = variant.get(kind)
                if not isinstance(buttons, yaml.SequenceNode):
                    continue
                for button_node in buttons.value:
                    button = _mapping(button_node)
                    title = _text(button.get("title"))
                    if title is None:
                        continue
                    payload = _text(button.get("payload"))
                    label = "quick reply" if kind == "quick_replies" else "button"
                    button_where = f"{name} ({', '.join([*notes, label])}, payload {payload})"
                    comment = _describe(button_where, title)
                    yield _line(button_node), "pgettext", (name, title), [comment]


def extract_terms(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[_Extracted]:
    """Babel extractor for `locales/terms.yml`: one message per label.

    The context is `term:<category>` and the msgid the English label, so the NLG
    can look a code up from the category and the code alone.

    Raises:
        ValueError: if the file is not `{category: {code: English label}}`.
    """
    source = fileobj.read()
    _parse_terms(yaml.safe_load(source), _name(fileobj))
    root = yaml.compose(source)
    if root is None:
        return
    for category_node, labels in root.value:
        category = category_node.value
        for code_node, label_node in labels.value:
            comment = f"term {category}={code_node.value}: a short label shown inside responses"
            yield (
                _line(label_node),
                "pgettext",
                (TERM_CONTEXT_PREFIX + category, label_node.value),
                [comment],
            )


def extract_yaml_texts(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[_Extracted]:
    """Generic Babel extractor for other YAML sources (self-test guides, ...).

    Every string under one of the `keys` (at any depth), or in a list under one of
    them, is a message; its context is
    `context` with `{stem}` replaced by the file name without extension, so the code
    that shows those texts translates them with `pgettext(context, english_text)`.
    In `locales/babel.cfg`:

        [yaml_texts: data/guides/**.yml]
        keys = title, prompt, text
        context = guide:{stem}

    Args:
        fileobj: the YAML file, opened in binary mode.
        keywords: Babel's keywords (`pgettext` must be among them).
        comment_tags: unused; the comments are generated.
        options: `keys` (comma-separated; default `text, title`) and `context`
            (default `{stem}`).
    """
    keys = {key.strip() for key in str(options.get("keys", "text, title")).split(",")}
    context = str(options.get("context", "{stem}")).replace("{stem}", Path(_name(fileobj)).stem)

    def walk(node: yaml.Node, path: str) -> Iterator[_Extracted]:
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                key = str(key_node.value)
                child_path = f"{path}.{key}" if path else key
                text = _text(value) if key in keys else None
                if text is not None:
                    comment = _describe(f"{context} {child_path}", text)
                    yield _line(value), "pgettext", (context, text), [comment]
                elif key in keys and isinstance(value, yaml.SequenceNode):
                    # A list of texts under a key (e.g. the steps of an outline).
                    for index, item in enumerate(value.value):
                        item_text = _text(item)
                        if item_text is not None:
                            comment = _describe(f"{context} {child_path}[{index}]", item_text)
                            yield _line(item), "pgettext", (context, item_text), [comment]
                else:
                    yield from walk(value, child_path)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                yield from walk(item, f"{path}[{index}]")

    root = yaml.compose(fileobj)
    if root is not None:
        yield from walk(root, "")


def _name(fileobj: IO[bytes]) -> str:
    return str(getattr(fileobj, "name", "<yaml>"))
