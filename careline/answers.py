"""Yes or no from the first word of an answer, in the six languages.

The NLU decides affirm/deny; this is the fallback for an answer to a yes/no question
whose intent came out as something else because the customer said more than yes or
no ("nee, het lampje blijft uit", "是的，通过了"). Only a leading yes/no word counts,
and a few phrases that start like one but mean something else are excluded
("no idea", "不知道", "没问题"). "Still not …" ("还是开不了机", "still won't start",
"toujours rien") is a no as well: the step did not help.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

YesNo = Literal["affirm", "deny"]

_WORDS: dict[str, YesNo] = {
    # en
    "yes": "affirm", "yeah": "affirm", "yep": "affirm", "yup": "affirm", "sure": "affirm",
    "no": "deny", "nope": "deny", "nah": "deny",
    # nl (ja/nee), da (ja/nej), de (ja/nein)
    "ja": "affirm", "jawel": "affirm", "jep": "affirm", "jo": "affirm", "jup": "affirm",
    "nee": "deny", "neen": "deny", "nej": "deny", "næ": "deny", "nein": "deny", "nö": "deny",
    # fr
    "oui": "affirm", "ouais": "affirm", "non": "deny", "nan": "deny",
}  # fmt: skip
# Phrases that start with a yes/no word but are not an answer of that kind.
_NOT_ANSWERS = re.compile(
    r"^(no idea|no clue|not sure|no problem|nee hoor,? geen idee|non merci|nein danke)\b"
)
_ZH_NOT_ANSWERS = ("不知道", "不清楚", "不确定", "不好说", "没问题", "好像", "是不是", "对不起")
_ZH_AFFIRM = ("是的", "是", "对的", "对", "好的", "好了", "可以", "行", "嗯", "通过了")
_ZH_DENY = ("不是", "不行", "不亮", "没有", "没", "不", "失败")  # "还是不…": _STILL_NOT
# "Still not …" answers the step's question with no: the step did not help.
_STILL_NOT = re.compile(
    r"^(?:(?:还是|依然|仍然|依旧|仍)[^，,。！？!?]{0,4}?[不没]"
    r"|still (?:not|no|nothing|won'?t|doesn'?t|does not|isn'?t|can'?t|dead)\b"
    r"|nog (?:steeds|altijd) (?:niet|geen|niks|niets)\b"
    r"|stadig (?:ikke|ingen|intet)\b"
    r"|toujours (?:pas|rien|aucun)\b"
    r"|immer noch (?:nicht|kein|nichts)\b)"
)
_FIRST_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def leading_yes_no(text: str) -> YesNo | None:
    """`affirm` or `deny` when the answer starts with a yes/no word, else None.

    Examples:
        >>> leading_yes_no("nee, het lampje blijft uit")
        'deny'
        >>> leading_yes_no("是的，全部通过了")
        'affirm'
        >>> leading_yes_no("no idea") is None
        True
    """
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    if not folded:
        return None
    if _STILL_NOT.match(folded):
        return "deny"
    if "\u4e00" <= folded[0] <= "\u9fff":
        if folded.startswith(_ZH_NOT_ANSWERS):
            return None
        if folded.startswith(_ZH_AFFIRM):
            return "affirm"
        if folded.startswith(_ZH_DENY):
            return "deny"
        return None
    if _NOT_ANSWERS.match(folded):
        return None
    first = _FIRST_WORD.match(folded)
    return _WORDS.get(first.group(0)) if first else None
