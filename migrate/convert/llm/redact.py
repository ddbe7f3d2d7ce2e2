"""Secret literals: replaced by placeholders in prompts, restored in Java.

A literal counts as a secret in two cases. It is the VALUE of a data item
whose name contains PASSWORD, PASSWD, PWD, SECRET, API-KEY, APIKEY or
TOKEN. Or it follows ``PASSWORD=``, ``PASSWD=``, ``PWD=``, ``USER=``,
``API-KEY=`` or ``TOKEN=`` anywhere in the text: JCL parameters, SQL,
literals. The model gets ``@@SECRET_1@@`` in its place, and the Java it
returns gets the value back, escaped for a Java string literal.
"""

from __future__ import annotations

import re

_SECRET_WORDS = r"(?:PASSWORD|PASSWD|PWD|SECRET|API-KEY|APIKEY|TOKEN)"
# 01 WS-DB-PASSWORD PIC X(12) VALUE 'hunter2'. The clauses between the name
# and VALUE may span lines but never pass the period that ends the entry.
_DATA_ITEM = re.compile(
    r"\b(?:0[1-9]|[1-4][0-9]|77)\s+[A-Z0-9-]*" + _SECRET_WORDS + r"[A-Z0-9-]*"
    r"(?:[^.'\"]|\.(?=\S))*?\bVALUES?\s+(?:IS\s+|ARE\s+)?"
    r"(?P<quote>['\"])(?P<value>(?:(?!(?P=quote)).|(?P=quote){2})*)(?P=quote)",
    re.IGNORECASE | re.DOTALL,
)
# PASSWORD=xyz, PWD='xyz', USER=ops1 in JCL, SQL or free text.
_ASSIGNMENT = re.compile(
    r"\b(?:PASSWORD|PASSWD|PWD|USER|API[-_]?KEY|TOKEN)\s*=\s*"
    r"(?:'(?P<single>[^'\n]*)'|\"(?P<double>[^\"\n]*)\"|(?P<bare>[^\s,;)'\"]+))",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"@@SECRET_(\d+)@@")


def placeholder(number: int) -> str:
    """Return the text that stands for secret ``number`` in a prompt."""
    return f"@@SECRET_{number}@@"


class SecretMask:
    """The secrets of one conversion, numbered in order of appearance."""

    def __init__(self) -> None:
        self._values: list[str] = []

    @property
    def count(self) -> int:
        """The number of distinct secrets masked so far."""
        return len(self._values)

    def mask(self, text: str) -> str:
        """Return ``text`` with every secret replaced by its placeholder,
        including secrets found in earlier texts."""
        text = self._mask_matches(text, _DATA_ITEM, ("value",))
        text = self._mask_matches(text, _ASSIGNMENT, ("single", "double", "bare"))
        return self.hide_known(text)

    def hide_known(self, text: str) -> str:
        """Return ``text`` with each secret found so far replaced by its
        placeholder wherever it appears, as is or escaped for Java. Values
        shorter than four characters are left alone, since they would match
        ordinary text."""
        for number, value in enumerate(self._values, start=1):
            if len(value) < 4:
                continue
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            for form in dict.fromkeys((escaped, value)):
                bounded = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])")
                text = bounded.sub(placeholder(number), text)
        return text

    def restore(self, java: str) -> str:
        """Return ``java`` with each placeholder replaced by its secret,
        escaped for a Java string literal."""
        return _PLACEHOLDER.sub(self._restore_one, java)

    def missing_from(self, java_texts: list[str]) -> list[str]:
        """Return the placeholders that appear in none of ``java_texts``."""
        joined = "\n".join(java_texts)
        return [
            placeholder(number)
            for number in range(1, self.count + 1)
            if placeholder(number) not in joined
        ]

    def _number(self, value: str) -> int:
        if value not in self._values:
            self._values.append(value)
        return self._values.index(value) + 1

    def _mask_matches(
        self, text: str, pattern: re.Pattern[str], groups: tuple[str, ...]
    ) -> str:
        pieces: list[str] = []
        last = 0
        for match in pattern.finditer(text):
            group = next((g for g in groups if match.group(g) is not None), None)
            if (
                group is None
                or not match.group(group)
                or _PLACEHOLDER.fullmatch(match.group(group))
            ):
                continue
            raw = match.group(group)
            if group == "value":
                raw_value = raw.replace(match.group("quote") * 2, match.group("quote"))
            else:
                raw_value = raw
            pieces.append(text[last : match.start(group)])
            pieces.append(placeholder(self._number(raw_value)))
            last = match.end(group)
        pieces.append(text[last:])
        return "".join(pieces)

    def _restore_one(self, match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(self._values):
            return match.group(0)
        value = self._values[number - 1]
        return value.replace("\\", "\\\\").replace('"', '\\"')
