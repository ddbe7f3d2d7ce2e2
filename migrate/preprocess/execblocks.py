"""Lift ``EXEC ... END-EXEC`` blocks out of the text before parsing.

The grammar does not read embedded SQL, CICS or DLI, so each block is cut
out into a side table with its position. In the PROCEDURE DIVISION the block
leaves ``CONTINUE`` behind, so that the statement it was keeps its place in
an IF or a paragraph; elsewhere it leaves blanks. A block keeps one line of
text per line it spanned, so a line inside it maps through the source map.
"""

from __future__ import annotations

import bisect
import re

from migrate.errors import InputError
from migrate.preprocess.sourcemap import Mapped
from migrate.preprocess.tokens import TextScan, tokens_from

_DIVISION = re.compile(r"\s+DIVISION(?![A-Z0-9_-])")
_DIVISIONS = ("PROCEDURE", "DATA", "ENVIRONMENT", "IDENTIFICATION", "ID")


def lift_exec_blocks(
    text: Mapped, errors: list[InputError] | None = None
) -> tuple[Mapped, list[tuple[int, str]]]:
    """Return ``text`` without EXEC blocks, and each block as (index of its
    first line, its text)."""
    scan = TextScan(text.lines)
    found = scan.words("EXEC", "EXECUTE")
    if not found:
        return text, []
    divisions = [
        hit for hit in scan.words(*_DIVISIONS) if scan.followed_by(hit, _DIVISION)
    ]
    starts = [(hit.line, hit.column) for hit in divisions]
    out = list(text.lines)
    blocks: list[tuple[int, str]] = []
    after = (-1, -1)
    for hit in found:
        line, column = hit.line, hit.column
        if (line, column) < after:
            continue
        end = _block_end(text, line, column, errors)
        blocks.append((line, _block_text(text.lines, line, column, end)))
        before = bisect.bisect_right(starts, (line, column)) - 1
        in_procedure = before >= 0 and divisions[before].word == "PROCEDURE"
        blanked = end if in_procedure else _period_after(text.lines, end)
        _blank(out, (line, column), blanked, "CONTINUE" if in_procedure else "")
        after = end
    return Mapped(out, text.runs), blocks


def _block_end(
    text: Mapped, line: int, column: int, errors: list[InputError] | None
) -> tuple[int, int]:
    """The (line, end column) of the END-EXEC that closes the block at
    (line, column); without one, the end of the block's first sentence."""
    period: tuple[int, int] | None = None
    for token in tokens_from(text.lines, line, column):
        if token.is_word("END-EXEC"):
            return token.line, token.end
        if token.kind == "period" and period is None:
            period = (token.line, token.start)
    problem = InputError(
        "EXEC block has no END-EXEC",
        hint="end the block with END-EXEC",
        pos=text.pos(line),
    )
    if errors is None:
        raise problem
    errors.append(problem)
    return period or (len(text.lines) - 1, len(text.lines[-1]))


def _period_after(lines: list[str], end: tuple[int, int]) -> tuple[int, int]:
    """The end of the period that follows ``end``, or ``end``. Outside the
    PROCEDURE DIVISION that period only separates entries, and the grammar
    rejects it right after a section header."""
    following = next(tokens_from(lines, end[0], end[1]), None)
    if following is not None and following.kind == "period":
        return following.line, following.end
    return end


def _block_text(lines: list[str], line: int, column: int, end: tuple[int, int]) -> str:
    last, last_end = end
    if line == last:
        return lines[line][column:last_end]
    parts = [lines[line][column:]]
    parts += lines[line + 1 : last]
    parts.append(lines[last][:last_end])
    return "\n".join(part.strip() for part in parts)


def _blank(
    out: list[str], first: tuple[int, int], end: tuple[int, int], filler: str
) -> None:
    for line in range(first[0], end[0] + 1):
        text = out[line]
        start = first[1] if line == first[0] else 0
        stop = end[1] if line == end[0] else len(text)
        fill = filler if line == first[0] else ""
        out[line] = text[:start] + fill.ljust(stop - start) + text[stop:]
