"""Reference format: turn a member's physical lines into logical lines.

Fixed format keeps columns 8-72 (area A and area B) and drops the sequence
area (1-6) and the identification area (73-80). Column 7 is the indicator:
``*`` and ``/`` mark comments, ``D``/``d`` debugging lines (active only
``WITH DEBUGGING MODE``), ``-`` a continuation. Free format keeps the whole
line. Both drop ``*>`` inline comments. Every logical line keeps its
physical line number, so the source map is exact; a continued line is joined
into the line it continues and leaves a blank line behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrate.errors import InputError
from migrate.model import SourcePos

AREA_B_END = 72
VALID_INDICATORS = frozenset(" *-/Dd$")

_SOURCE_DIRECTIVE = re.compile(
    r">>\s*SOURCE\s+(?:FORMAT\s+)?(?:IS\s+)?(FREE|FIXED)", re.IGNORECASE
)
_DEBUGGING_MODE = re.compile(r"\bWITH\s+DEBUGGING\s+MODE\b", re.IGNORECASE)
_FIXED_PREFIX = re.compile(r"^[ 0-9A-Za-z]{0,6}$")


@dataclass
class LogicalLine:
    """One line of area A/B text and the physical line it came from."""

    text: str
    line: int


def detect_free_format(lines: list[str]) -> bool:
    """Guess free format: a directive says so, or many lines put text where
    the fixed-format indicator column is."""
    for line in lines[:50]:
        directive = _SOURCE_DIRECTIVE.search(line)
        if directive:
            return directive.group(1).upper() == "FREE"
    content = [line for line in lines if line.strip()]
    if not content:
        return False
    odd = sum(1 for line in content if _looks_free(line))
    return odd * 10 > len(content)


def _looks_free(line: str) -> bool:
    if len(line) <= 6:
        return bool(line.strip()) and not _FIXED_PREFIX.match(line)
    return line[6] not in VALID_INDICATORS or not _FIXED_PREFIX.match(line[:6])


def logical_lines(
    text: str, relpath: str, *, tab_width: int = 8, source_format: str = "auto"
) -> list[LogicalLine]:
    """Split a member into logical lines of area A/B text."""
    physical = [line.expandtabs(tab_width) for line in text.splitlines()]
    if source_format == "auto":
        free = detect_free_format(physical)
    else:
        free = source_format == "free"
    debugging = bool(_DEBUGGING_MODE.search(text))
    result: list[LogicalLine] = []
    for number, raw in enumerate(physical, start=1):
        directive = _SOURCE_DIRECTIVE.search(raw)
        if directive:
            free = directive.group(1).upper() == "FREE"
            result.append(LogicalLine("", number))
            continue
        if raw.lstrip().startswith(">>"):
            result.append(LogicalLine("", number))  # other compiler directives
            continue
        if free:
            result.append(LogicalLine(strip_inline_comment(raw).rstrip(), number))
            continue
        _fixed_line(raw, number, relpath, debugging, result)
    for logical in result:
        logical.text = logical.text.rstrip()
    return result


def _fixed_line(
    raw: str, number: int, relpath: str, debugging: bool, out: list[LogicalLine]
) -> None:
    indicator = raw[6] if len(raw) > 6 else " "
    # Kept padded to column 72 until every continuation is joined, because an
    # open literal runs to column 72, trailing spaces included.
    area = raw[7:AREA_B_END].ljust(AREA_B_END - 7)
    if indicator in "*/":
        out.append(LogicalLine("", number))
    elif indicator in "Dd":
        out.append(LogicalLine(area.rstrip() if debugging else "", number))
    elif indicator == "-":
        _continue_line(area, number, relpath, out)
        out.append(LogicalLine("", number))
    else:
        out.append(LogicalLine(_strip_comment_padded(area), number))


def _strip_comment_padded(area: str) -> str:
    stripped = strip_inline_comment(area)
    return stripped if len(stripped) == len(area) else stripped.rstrip()


def _continue_line(
    area: str, number: int, relpath: str, out: list[LogicalLine]
) -> None:
    """Join a continuation line onto the last line that holds text."""
    target = next((line for line in reversed(out) if line.text.strip()), None)
    if target is None:
        raise InputError(
            "continuation line with nothing to continue",
            hint="put the text to continue on the line before, or remove the "
            "'-' in column 7",
            pos=SourcePos(relpath, number),
        )
    piece = _strip_comment_padded(area)
    quote = open_literal_quote(target.text)
    if quote:
        # The continuation resumes after the first quote of its area B.
        start = piece.find(quote)
        if start < 0:
            raise InputError(
                "continuation of an alphanumeric literal does not start with "
                "a quote",
                hint=f"begin the continued text with {quote} in area B",
                pos=SourcePos(relpath, number),
            )
        target.text = target.text + piece[start + 1 :]
    else:
        target.text = target.text.rstrip() + piece.lstrip()


def open_literal_quote(text: str) -> str:
    """Return the quote of a literal left open at the end of ``text``."""
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""  # a doubled quote reopens on the next character
        elif char in "'\"":
            quote = char
    return quote


def strip_inline_comment(text: str) -> str:
    """Drop a ``*>`` comment that is not inside a literal."""
    if "*>" not in text:
        return text
    quote = ""
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif text.startswith("*>", index):
            return text[:index]
    return text
