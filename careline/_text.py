"""Text folding shared by the language and country look-ups.

Users write "Néerlandais", "PAYS-BAS", "Daenemark", "ｄｅｕｔｓｃｈ" or "U.S.A."; CLDR
writes "néerlandais", "Pays-Bas", "Dänemark", "Deutsch" and "United States". Both
look-up tables compare through the same key so that case, accents, punctuation,
full-width characters and whitespace never matter:

1. NFKC (full-width letters from Chinese keyboards become ASCII) and case folding
   (which also turns "ß" into "ss");
2. dots are dropped ("U.S.A." → "usa"), accents are removed (NFKD minus combining
   marks) and the Nordic letters NFKD leaves alone are spelled out ("æ" → "ae",
   "ø" → "o");
3. what remains is split into words of letters and digits; callers may strip
   leading articles from the words before joining them into the key without spaces
   ("Pays Bas", "pays-bas" and "PaysBas" are one key).

Tables are built with `spellings`, which adds the German/Scandinavian
transliteration of a name ("Dänemark" → "Daenemark", "Østrig" → "Oestrig") so that
users without those keys are understood too.
"""

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")
_SPELLED_OUT = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ð": "d", "þ": "th", "ł": "l"})
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"})


def words(text: str) -> list[str]:
    """Return the folded words of `text` (see the module docstring).

    Args:
        text: free text as typed by a user or as found in CLDR.

    Returns:
        Lower-case, accent-free words made of letters and digits only.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().replace(".", "")
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WORD.findall(stripped.translate(_SPELLED_OUT))


def key(text: str) -> str:
    """Return the comparison key of `text`: its folded words joined without spaces."""
    return "".join(words(text))


def spellings(name: str) -> tuple[str, ...]:
    """Return `name` and, when it differs, its ä→ae/ö→oe/ü→ue/ø→oe/å→aa spelling."""
    transliterated = name.casefold().translate(_TRANSLITERATION)
    return (name,) if transliterated == name.casefold() else (name, transliterated)
