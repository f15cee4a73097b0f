"""The bot's natural language generator: domain responses, translated and formatted.

Rasa loads `CatalogNLG` from `endpoints.yml` (`nlg: {type: bot.nlg.CatalogNLG}`).
For every response it:

1. chooses the variant exactly as Rasa's `TemplatedNaturalLanguageGenerator` does
   (slot conditions, channel-specific variants, random among the rest);
2. translates the variant's text and button titles with the catalog of the
   conversation's `language` slot (`careline.i18n.Catalogs`; unknown or missing means
   English), the response name being the gettext context; a variant with a
   `metadata.plural` text is an ngettext message whose number is `count`;
3. fills the `{placeholders}` from the slots and from the keyword arguments the
   action passed to `dispatcher.utter_message(response=..., **kwargs)` (these win),
   formatting each value for the conversation locale with Babel, by placeholder name:

   - `{"msgctxt": ..., "msgid": ...}` → the catalog text of that context and English
     source text (texts of data files: self-test guides, the CSR catalogue);
   - `case_id` → grouped for reading back ("50 0000 0017"); `failure_id` → in
     groups of four ("7KQ9-2JMX-4T8L-P3VW-ZC6R-1HQ5");
   - `steps` or a name ending in `_steps` (a list) → numbered lines;
   - a terms category of `locales/terms.yml` (`component`, `case_status`,
     `delivery`, `coverage_kind`, `priority_tier`) or a name ending in
     `_<category>` → the translated label of the code;
   - `date` or a name ending in `_date` (ISO "YYYY-MM-DD") → the long date
     ("23 november 2026", "2026年11月23日");
   - `country` or `*_country` (ISO 3166-1 alpha-2) → the CLDR country name;
   - `language` or `*_language` (ISO 639-1) → the CLDR language name;
   - a list → a list in the language ("screen and storage drive"), each item
     formatted by the rules above;
   - int and float → a localised number; anything else → `str`.

   A placeholder without a value stays visible as `{name}` and is logged as a
   warning; the rest of the response is still rendered. Button payloads, images,
   attachments and custom payloads get the raw values, untranslated, as in Rasa.

It subclasses `TemplatedNaturalLanguageGenerator` on purpose: Rasa creates the NLG
before it loads a model (with an empty domain) and afterwards hands the model's
responses only to instances of that class (`Agent.load_model`).
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from careline.countries import country_name
from careline.i18n import (
    LOCALES_DIR,
    PLURAL_COUNT_KEY,
    PLURAL_METADATA_KEY,
    Catalogs,
    babel_locale,
    resolve_language,
)
from careline.identifiers import format_case_id, format_failure_id
from careline.languages import normalise_language

logger = logging.getLogger(__name__)

#: The slot holding the conversation language (contracts §3).
LANGUAGE_SLOT = "language"
#: A value `{"msgctxt": context, "msgid": english}` is catalog text from data files
#: (self-test guides, CSR outlines), translated like a response's own text.
SOURCE_CONTEXT_KEY = "msgctxt"
SOURCE_TEXT_KEY = "msgid"

# In display text `{{` and `}}` are literal braces, as with Rasa's interpolator.
_DISPLAY_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
# In machine text (payloads, URLs, custom JSON) only `{identifier}` is replaced.
_RAW_TOKEN = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Response keys whose strings Rasa interpolates but which are not shown as text.
_RAW_KEYS = ("image", "custom", "attachment")
_BUTTON_KEYS = ("buttons", "quick_replies")


class CatalogNLG(TemplatedNaturalLanguageGenerator):
    """Domain responses translated with the gettext catalogs and formatted with Babel.

    Args:
        endpoint_config: the `nlg` section of `endpoints.yml`; an optional
            `locales_dir` key points at another catalog directory.
        domain: the domain whose responses are rendered; Rasa passes an empty one and
            sets `responses` when it loads a model.
        catalogs: the catalogs to use (tests); by default those of `locales_dir`.
    """

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        domain: Domain | None = None,
        *,
        catalogs: Catalogs | None = None,
    ) -> None:
        super().__init__(domain.responses if domain is not None else {})
        if catalogs is None:
            configured = endpoint_config.kwargs.get("locales_dir") if endpoint_config else None
            catalogs = Catalogs(configured or LOCALES_DIR)
        self.catalogs = catalogs

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        """Render a response in the conversation language (see the module docstring)."""
        return self.generate_from_slots(
            utter_action, tracker.current_slot_values(), output_channel, **kwargs
        )

    def generate_from_slots(
        self,
        utter_action: str,
        filled_slots: dict[str, Any],
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        """Render a response from slot values; the language is the `language` slot."""
        variant = self._random_response_for(utter_action, output_channel, filled_slots)
        if variant is None:
            return None
        language = resolve_language(filled_slots.get(LANGUAGE_SLOT))
        values = {**filled_slots, **kwargs}
        return self.render(utter_action, copy.deepcopy(variant), language, values)

    def render(
        self,
        name: str,
        response: dict[str, Any],
        language: str,
        values: Mapping[str, Any],
    ) -> dict[str, Any]:
        """Translate and fill one response variant (modified in place and returned).

        Args:
            name: the response name, the gettext context of its texts.
            response: a copy of the chosen variant.
            language: a supported language code.
            values: slot values and action arguments by placeholder name.
        """
        translations = self.catalogs.translations(language)
        formatter = _Formatter(self.catalogs, language, values, name)

        metadata = response.get("metadata")
        plural = None
        if isinstance(metadata, dict) and PLURAL_METADATA_KEY in metadata:
            plural = metadata.pop(PLURAL_METADATA_KEY)
            if not metadata:
                del response["metadata"]

        text = response.get("text")
        if isinstance(text, str) and text:
            if isinstance(plural, str) and plural:
                count = _plural_number(values.get(PLURAL_COUNT_KEY), name)
                text = translations.npgettext(name, text, plural, count)
            else:
                text = translations.pgettext(name, text)
            response["text"] = _fill_display(text, formatter)

        for key in _BUTTON_KEYS:
            buttons = response.get(key)
            if not isinstance(buttons, list):
                continue
            for button in buttons:
                if not isinstance(button, dict):
                    continue
                for field, value in button.items():
                    if field == "title" and isinstance(value, str) and value:
                        title = translations.pgettext(name, value)
                        button[field] = _fill_display(title, formatter)
                    else:
                        button[field] = _fill_raw(value, values)

        for key in _RAW_KEYS:
            if key in response:
                response[key] = _fill_raw(response[key], values)
        return response


class _Formatter:
    """Formats placeholder values for one response in one language."""

    def __init__(
        self, catalogs: Catalogs, language: str, values: Mapping[str, Any], response: str
    ) -> None:
        self.catalogs = catalogs
        self.language = language
        self.locale = babel_locale(language)
        self.values = values
        self.response = response

    def __call__(self, key: str) -> str | None:
        """Return the display form of the value for `key`, None when there is none."""
        value = self.values.get(key)
        if value is None:
            logger.warning(
                "Response %s [%s]: no value for placeholder {%s}; left as it is.",
                self.response,
                self.language,
                key,
            )
            return None
        return self.format(key, value)

    def format(self, key: str, value: Any) -> str:
        """Return a value formatted according to its placeholder name (module docstring)."""
        if _is_source_text(value):
            return self.catalogs.translations(self.language).pgettext(
                value[SOURCE_CONTEXT_KEY], value[SOURCE_TEXT_KEY]
            )
        if isinstance(value, (list, tuple)) and (key == "steps" or key.endswith("_steps")):
            return "\n".join(
                f"{format_decimal(number, locale=self.locale)}. {self.format('', item)}"
                for number, item in enumerate(value, start=1)
            )
        if isinstance(value, (list, tuple)):
            return format_list([self.format(key, item) for item in value], locale=self.locale)
        category = self._term_category(key)
        if category is not None:
            return self._term(category, value)
        if key == "case_id":
            return _or_str(format_case_id, value, "a case ID")
        if key == "failure_id":
            return _or_str(format_failure_id, value, "a failure ID")
        if key == "date" or key.endswith("_date"):
            return self._date(value)
        if key == "country" or key.endswith("_country"):
            return _or_str(lambda code: country_name(code, self.language), value, "a country")
        if key == "language" or key.endswith("_language"):
            return self._language_name(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return format_decimal(value, locale=self.locale)
        return str(value)

    def _term_category(self, key: str) -> str | None:
        for category in self.catalogs.terms():
            if key == category or key.endswith(f"_{category}"):
                return category
        return None

    def _term(self, category: str, code: Any) -> str:
        label = self.catalogs.term(self.language, category, str(code))
        if label is None:
            logger.warning(
                "Response %s: %r is not a %s code of locales/terms.yml.",
                self.response,
                code,
                category,
            )
            return str(code)
        return label

    def _date(self, value: Any) -> str:
        day: date | None = None
        if isinstance(value, datetime):
            day = value.date()
        elif isinstance(value, date):
            day = value
        elif isinstance(value, str):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                try:
                    day = datetime.fromisoformat(value.replace("Z", "+00:00")).date()
                except ValueError:
                    day = None
        if day is None:
            logger.warning("Response %s: %r is not an ISO date.", self.response, value)
            return str(value)
        return format_date(day, format="long", locale=self.locale)

    def _language_name(self, value: Any) -> str:
        code = normalise_language(str(value)) or str(value).strip().replace("-", "_")
        name = self.locale.languages.get(code)
        return name if isinstance(name, str) else str(value)


def _is_source_text(value: Any) -> bool:
    """Whether a value is a text to translate: `{"msgctxt": ..., "msgid": ...}`."""
    return (
        isinstance(value, dict)
        and set(value) == {SOURCE_CONTEXT_KEY, SOURCE_TEXT_KEY}
        and all(isinstance(item, str) for item in value.values())
    )


def _or_str(function: Callable[[str], str], value: Any, what: str) -> str:
    """Return `function(str(value))`, or `str(value)` when the value is invalid."""
    try:
        return function(str(value))
    except ValueError:
        logger.warning("%r is not %s; shown as it is.", value, what)
        return str(value)


def _plural_number(value: Any, response: str) -> int:
    """Return the integer that chooses a plural form (the English plural if none)."""
    if isinstance(value, bool):
        value = None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int):
        return value
    logger.warning(
        "Response %s: {%s} must be an integer to choose the plural form, not %r.",
        response,
        PLURAL_COUNT_KEY,
        value,
    )
    return 2


def _fill_display(text: str, formatter: Callable[[str], str | None]) -> str:
    """Replace the placeholders of a text shown to the user with formatted values."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        formatted = formatter(match.group(1))
        return token if formatted is None else formatted

    return _DISPLAY_TOKEN.sub(replace, text)


def _fill_raw(value: Any, values: Mapping[str, Any]) -> Any:
    """Replace placeholders in machine-read strings (recursively) with raw values."""
    if isinstance(value, str):

        def replace(match: re.Match[str]) -> str:
            raw = values.get(match.group(1))
            return match.group(0) if raw is None else str(raw)

        return _RAW_TOKEN.sub(replace, value)
    if isinstance(value, dict):
        return {key: _fill_raw(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill_raw(item, values) for item in value]
    return value
