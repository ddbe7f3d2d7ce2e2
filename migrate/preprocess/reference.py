"""Reference format: turn a member's physical lines into logical lines.

Fixed format keeps columns 8-72 (area A and area B) and drops the sequence
area (1-6) and the identification area (73-80). Column 7 is the indicator:
``*`` and ``/`` mark comments, ``D``/``d`` debugging lines (active only
``WITH DEBUGGING MODE``), ``-`` a continuation, ``$`` a Micro Focus
directive. Free format keeps the whole line, up to 512 characters as
GnuCOBOL 3.1 does. Both drop ``*>`` inline comments.

There is one logical line per physical line, so the source map is exact: a
continued line is joined into the line it continues and leaves a blank line
behind. The common case (no continuation, no debugging line) runs as list
comprehensions, because this step reads every line of the estate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrate.errors import InputError
from migrate.model import SourcePos
from migrate.preprocess.tokens import ascii_upper, open_literal_quote

AREA_B_END = 72
# Columns 73 to 80 are the identification area.
_IDENTIFICATION_END = 80
# GnuCOBOL 3.1.2 truncates a free-format line after 512 bytes, with a warning.
FREE_LINE_MAX = 512
VALID_INDICATORS = frozenset(" *-/Dd$")
# Lines read to guess the format of a member without a directive.
_SAMPLE_LINES = 120

_SOURCE_DIRECTIVE = re.compile(
    r">>\s*SOURCE\s+(?:FORMAT\s+)?(?:IS\s+)?(FREE|FIXED)"
    r"|\$\s*SET\s+SOURCEFORMAT\s*\(?\s*[\"']?(FREE|FIXED)",
)
_DEBUGGING_MODE = re.compile(r"\bWITH\s+DEBUGGING\s+MODE\b")
_FIXED_PREFIX = re.compile(r"^[ 0-9A-Za-z]{0,6}$")
# IBM compiler-option statements, which precede the first program.
_OPTIONS_CARD = re.compile(r"\s*(?:CBL|PROCESS)(?:\s|$)", re.IGNORECASE)


class SourceWarning(InputError):
    """A problem of the reference format that GnuCOBOL only warns about:
    the text is read as it would compile."""


@dataclass
class LogicalLine:
    """One line of area A/B text and the physical line it came from."""

    text: str
    line: int


def detect_free_format(lines: list[str]) -> bool:
    """Guess free format: a directive sets it, or many lines put text where
    the fixed-format indicator column is."""
    for line in lines[:50]:
        directive = _SOURCE_DIRECTIVE.search(ascii_upper(line))
        if directive:
            return (directive.group(1) or directive.group(2)) == "FREE"
    content = [line for line in lines[:_SAMPLE_LINES] if line.strip()]
    if not content:
        return False
    odd = sum(1 for line in content if _looks_free(line))
    return odd * 10 > len(content)


def _looks_free(line: str) -> bool:
    if len(line) <= 6:
        return bool(line.strip()) and not _FIXED_PREFIX.match(line)
    return line[6] not in VALID_INDICATORS or not _FIXED_PREFIX.match(line[:6])


def physical_lines(text: str, tab_width: int = 8) -> list[str]:
    """Split a member into physical lines: ``\\n`` or ``\\r\\n`` end a line
    (a form feed does not), and tabs expand to ``tab_width`` columns."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if "\t" in text:
        text = text.expandtabs(tab_width)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def area_lines(
    text: str,
    relpath: str,
    *,
    tab_width: int = 8,
    source_format: str = "auto",
    problems: list[InputError] | None = None,
) -> list[str]:
    """Return one logical line of area A/B text per physical line.

    Problems (a continuation with nothing to continue, an over-long free
    line) raise :class:`InputError`, or are appended to ``problems`` when it
    is given and the line is kept as well as possible."""
    physical = physical_lines(text, tab_width)
    _blank_option_cards(physical)
    reader = _Reader(relpath, problems, "*>" in text)
    if source_format == "auto":
        free = detect_free_format(physical)
    else:
        free = source_format == "free"
    if ">>" not in text and "$" not in text:
        return reader.segment(physical, 0, free)
    # A directive switches the format from the next line on.
    out: list[str] = []
    start = 0
    for number, raw in enumerate(physical):
        directive = _directive(raw)
        if directive is None:
            continue
        out.extend(reader.segment(physical[start:number], start, free))
        out.append("")
        if directive:
            free = directive == "FREE"
        start = number + 1
    out.extend(reader.segment(physical[start:], start, free))
    return out


def _blank_option_cards(physical: list[str]) -> None:
    """Blank CBL and PROCESS statements at the start of a member; they may
    start in column 1, where fixed format would cut them."""
    for index, raw in enumerate(physical):
        if _OPTIONS_CARD.match(raw) or _OPTIONS_CARD.match(raw[7:]):
            physical[index] = ""
        elif raw.strip():
            return


def _directive(raw: str) -> str | None:
    """Return the format a directive line sets ("" for other directives),
    or None for a line that is not a compiler directive."""
    free_directive = raw.lstrip().startswith(">>")
    fixed_directive = raw[6:7] == "$" or (
        raw[6:7] == " " and raw[7:].lstrip().startswith(">>")
    )
    if not free_directive and not fixed_directive:
        return None
    match = _SOURCE_DIRECTIVE.search(ascii_upper(raw))
    return (match.group(1) or match.group(2)) if match else ""


class _Reader:
    """Reads runs of physical lines of one format."""

    def __init__(
        self, relpath: str, problems: list[InputError] | None, comments: bool
    ) -> None:
        self.relpath = relpath
        self.problems = problems
        # Whether "*>" occurs anywhere in the member, so that inline comments
        # may need stripping.
        self.comments = comments
        self._debugging: bool | None = None

    def fail(self, error: InputError) -> None:
        if self.problems is None:
            if isinstance(error, SourceWarning):
                return
            raise error
        self.problems.append(error)

    def segment(self, physical: list[str], first: int, free: bool) -> list[str]:
        """Logical lines of ``physical``, whose first line has index
        ``first`` in the member."""
        if free:
            return self._free(physical, first)
        areas = [raw[7:AREA_B_END] for raw in physical]
        if physical and max(map(len, physical)) > _IDENTIFICATION_END:
            self._past_column_80(physical, first)
        special = [
            index for index, raw in enumerate(physical) if raw[6:7] not in (" ", "")
        ]
        if special:
            self._indicators(physical, areas, special, first)
        if self.comments and any("*>" in area for area in areas):
            areas = [_strip_comment_padded(area) for area in areas]
        return areas

    def _past_column_80(self, physical: list[str], first: int) -> None:
        """Warn once about lines with text after the identification area."""
        long_lines = [
            index
            for index, raw in enumerate(physical)
            if len(raw) > _IDENTIFICATION_END and raw[_IDENTIFICATION_END:].strip()
        ]
        if long_lines:
            index = long_lines[0]
            others = (
                f" (and {len(long_lines) - 1} more lines)"
                if len(long_lines) > 1
                else ""
            )
            self.fail(
                SourceWarning(
                    f"line is {len(physical[index])} characters long{others}; fixed "
                    "format reads columns 8 to 72 and ignores the rest",
                    pos=SourcePos(self.relpath, first + index + 1),
                )
            )

    def _free(self, physical: list[str], first: int) -> list[str]:
        out = [strip_inline_comment(raw).rstrip() for raw in physical]
        for index, line in enumerate(out):
            if len(line) > FREE_LINE_MAX:
                self.fail(
                    SourceWarning(
                        f"line is {len(line)} characters long; text after "
                        f"column {FREE_LINE_MAX} is ignored, as GnuCOBOL does",
                        pos=SourcePos(self.relpath, first + index + 1),
                    )
                )
                out[index] = line[:FREE_LINE_MAX]
        return out

    def _indicators(
        self, physical: list[str], areas: list[str], special: list[int], first: int
    ) -> None:
        for index in special:
            indicator = physical[index][6]
            if indicator in "*/$":
                areas[index] = ""
            elif indicator in "Dd":
                areas[index] = areas[index] if self.debugging(physical) else ""
            elif indicator == "-":
                self._continue(areas, index, first)
            else:
                # An unknown indicator: GnuCOBOL reports it; keep the text.
                self.fail(
                    InputError(
                        f"invalid indicator {indicator!r} in column 7",
                        hint="use ' ', '*', '/', '-', 'D' or '$' in column 7",
                        pos=SourcePos(self.relpath, first + index + 1),
                    )
                )

    def debugging(self, physical: list[str]) -> bool:
        if self._debugging is None:
            text = ascii_upper("\n".join(line[7:AREA_B_END] for line in physical))
            self._debugging = bool(_DEBUGGING_MODE.search(text))
        return self._debugging

    def _continue(self, areas: list[str], index: int, first: int) -> None:
        """Join continuation line ``index`` onto the last line with text."""
        piece = _strip_comment_padded(areas[index].ljust(AREA_B_END - 7))
        areas[index] = ""
        target = index - 1
        while target >= 0 and not areas[target].strip():
            target -= 1
        pos = SourcePos(self.relpath, first + index + 1)
        if target < 0:
            self.fail(
                InputError(
                    "continuation line with nothing to continue",
                    hint="put the text to continue on the line before, or remove "
                    "the '-' in column 7",
                    pos=pos,
                )
            )
            areas[index] = piece.strip()
            return
        # An open literal runs to column 72, trailing spaces included.
        previous = areas[target]
        quote = open_literal_quote(previous)
        if not quote:
            areas[target] = previous.rstrip() + piece.lstrip()
            return
        start = piece.find(quote)
        if start < 0:
            self.fail(
                InputError(
                    "continuation of an alphanumeric literal does not start "
                    "with a quote",
                    hint=f"begin the continued text with {quote} in area B",
                    pos=pos,
                )
            )
            start = len(piece) - len(piece.lstrip()) - 1
        joined = previous.ljust(AREA_B_END - 7) + piece[start + 1 :]
        # Spaces up to column 72 stay while the literal is still open, for
        # the next continuation line.
        areas[target] = joined if open_literal_quote(joined) else joined.rstrip()


def _strip_comment_padded(area: str) -> str:
    stripped = strip_inline_comment(area)
    return stripped if len(stripped) == len(area) else stripped.rstrip()


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


def logical_lines(
    text: str, relpath: str, *, tab_width: int = 8, source_format: str = "auto"
) -> list[LogicalLine]:
    """Split a member into logical lines of area A/B text, without trailing
    spaces; raise :class:`InputError` on the first problem."""
    areas = area_lines(text, relpath, tab_width=tab_width, source_format=source_format)
    return [LogicalLine(area.rstrip(), number) for number, area in enumerate(areas, 1)]
