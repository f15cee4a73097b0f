"""Length-preserving text folding shared by the tokenizer and the entity extractor.

Rasa entities and tokens carry character offsets into the message text exactly as
the user sent it, so every normalisation done before tokenising or matching must map
one character to one character: then an offset found in the folded text is also an
offset in the original. Two folds are needed:

- `fold_width` maps full-width ASCII (U+FF01–U+FF5E, typed on Chinese keyboards:
  "５ＣＧ３２０１ＡＢＣ") and the ideographic space U+3000 to ASCII. Tokens and
  identifier patterns see this form.
- `fold_for_matching` additionally lower-cases, removes accents from Latin letters
  ("É" → "e", "ü" → "u") and unifies apostrophes ("won’t" → "won't"), for lexicon
  look-ups. Characters whose folded form would be longer than one character ("ß"
  upper-cased, "İ") are left as they are rather than breaking the 1:1 mapping.

Both are `str.translate` tables built once at import (a few hundred entries, pure
computation, no I/O), so folding costs microseconds per message.
"""

from __future__ import annotations

import re
import unicodedata

#: CJK ideographs (unified, extension A, compatibility): what marks Chinese text.
CJK_IDEOGRAPH_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_IDEOGRAPH = re.compile(f"[{CJK_IDEOGRAPH_CLASS}]")

_FULLWIDTH_FIRST, _FULLWIDTH_LAST = 0xFF01, 0xFF5E
_FULLWIDTH_OFFSET = 0xFEE0
_IDEOGRAPHIC_SPACE = 0x3000
_APOSTROPHES = "\u2018\u2019\u02bc\u00b4\u0060\uff07"


def _width_table() -> dict[int, str]:
    table = {
        code: chr(code - _FULLWIDTH_OFFSET) for code in range(_FULLWIDTH_FIRST, _FULLWIDTH_LAST + 1)
    }
    table[_IDEOGRAPHIC_SPACE] = " "
    return table


def _fold_char(char: str) -> str:
    """Return the one-character matching form of `char` (itself if none exists)."""
    lower = char.lower()
    if len(lower) != 1:
        return char
    decomposed = unicodedata.normalize("NFKD", lower)
    base = "".join(part for part in decomposed if not unicodedata.combining(part))
    return base if len(base) == 1 else lower


def _matching_table() -> dict[int, str]:
    width = _width_table()
    table: dict[int, str] = {}
    # Latin-1, Latin Extended-A/B: where the accented letters of the five
    # alphabetic languages live. Other scripts pass through unchanged.
    for code in range(0x0250):
        folded = _fold_char(chr(code))
        if folded != chr(code):
            table[code] = folded
    for code, ascii_char in width.items():
        table[code] = _fold_char(ascii_char)
    for apostrophe in _APOSTROPHES:
        table[ord(apostrophe)] = "'"
    return table


_WIDTH_TABLE = _width_table()
_MATCHING_TABLE = _matching_table()


def fold_width(text: str) -> str:
    """Return `text` with full-width ASCII and U+3000 mapped to ASCII, 1:1.

    Examples:
        >>> fold_width("５ＣＧ３２０１ＡＢＣ")
        '5CG3201ABC'
    """
    return text.translate(_WIDTH_TABLE)


def fold_for_matching(text: str) -> str:
    """Return `text` lower-cased, accent-free and width-folded, 1:1.

    Examples:
        >>> fold_for_matching("L’Écran ＵＳＢ Lüfter")
        "l'ecran usb lufter"
    """
    return text.translate(_MATCHING_TABLE)


def has_cjk(text: str) -> bool:
    """Return True when `text` contains at least one CJK ideograph."""
    return CJK_IDEOGRAPH.search(text) is not None


def is_cjk(char: str) -> bool:
    """Return True when the single character `char` is a CJK ideograph."""
    return CJK_IDEOGRAPH.match(char) is not None
