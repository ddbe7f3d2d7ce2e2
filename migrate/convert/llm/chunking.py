"""Split a program too long for one prompt at SECTION or paragraph
boundaries.

Every chunk keeps the text up to the end of the PROCEDURE DIVISION header
(the IDENTIFICATION, ENVIRONMENT and DATA DIVISIONs), so each request contains
every data item. The PROCEDURE DIVISION is cut into runs of whole sections;
a section too long for a chunk of its own is cut between its paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from migrate.model import ExpandedSource

_PROCEDURE = re.compile(r"\bPROCEDURE\s+DIVISION\b", re.IGNORECASE)
# A section or paragraph header starts in area A (columns 8 to 11).
_HEADER = re.compile(
    r"^ {7} {0,3}(?P<name>[A-Z0-9][A-Z0-9-]*)(?P<section>\s+SECTION(?:\s+\d+)?)?\s*\.",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset({"DECLARATIVES", "END"})


@dataclass(frozen=True)
class Unit:
    """A section or paragraph: its name and its 1-based lines, inclusive."""

    name: str
    is_section: bool
    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    """Part ``number`` of ``count`` of one program's PROCEDURE DIVISION.

    ``shared_end`` is the last line of the text every chunk repeats;
    ``units`` are the sections and paragraphs this chunk converts, and
    ``all_units`` those of the whole program, in order.
    """

    number: int
    count: int
    shared_end: int
    units: tuple[Unit, ...]
    all_units: tuple[Unit, ...]


class ChunkTooLarge(ValueError):
    """A paragraph alone passes the budget, or there is no PROCEDURE
    DIVISION to split."""


def procedure_units(source: ExpandedSource) -> tuple[int, tuple[Unit, ...]]:
    """Return the last line of the PROCEDURE DIVISION header, and the
    sections and paragraphs after it; (0, ()) without a PROCEDURE DIVISION."""
    lines = source.text.splitlines()
    header_end = _header_end(lines)
    if header_end == 0:
        return 0, ()
    starts: list[tuple[int, str, bool]] = []
    for number in range(header_end + 1, len(lines) + 1):
        found = _HEADER.match(lines[number - 1])
        if found and found.group("name").upper() not in _NOT_NAMES:
            starts.append(
                (number, found.group("name").upper(), bool(found.group("section")))
            )
    if not starts or starts[0][0] > header_end + 1:
        starts.insert(0, (header_end + 1, "", False))
    units = [
        Unit(
            name,
            is_section,
            start,
            (starts[i + 1][0] - 1) if i + 1 < len(starts) else len(lines),
        )
        for i, (start, name, is_section) in enumerate(starts)
    ]
    return header_end, tuple(units)


def split_procedure(
    source: ExpandedSource, line_costs: Sequence[int], budget: int
) -> tuple[Chunk, ...]:
    """Cut the PROCEDURE DIVISION into chunks whose lines cost at most
    ``budget`` each, where ``line_costs[i]`` is the cost of line ``i + 1``.
    Raise :class:`ChunkTooLarge` when one paragraph alone costs more."""
    shared_end, units = procedure_units(source)
    if not units:
        raise ChunkTooLarge("the program has no PROCEDURE DIVISION to split")

    def cost(run: Sequence[Unit]) -> int:
        return sum(sum(line_costs[u.start - 1 : u.end]) for u in run)

    pieces: list[tuple[Unit, ...]] = []
    for section in _sections(units):
        if cost(section) <= budget:
            pieces.append(section)
            continue
        for unit in section:
            if cost([unit]) > budget:
                raise ChunkTooLarge(
                    f"paragraph {unit.name or '(first)'} alone needs {cost([unit])} "
                    f"tokens, more than the {budget} left for it"
                )
            pieces.append((unit,))
    groups: list[list[Unit]] = [[]]
    for piece in pieces:
        if groups[-1] and cost(groups[-1]) + cost(piece) > budget:
            groups.append([])
        groups[-1].extend(piece)
    return tuple(
        Chunk(number, len(groups), shared_end, tuple(group), units)
        for number, group in enumerate(groups, start=1)
    )


def _sections(units: tuple[Unit, ...]) -> list[tuple[Unit, ...]]:
    """Group paragraphs with the section they belong to."""
    groups: list[list[Unit]] = []
    for unit in units:
        in_section = bool(groups) and groups[-1][0].is_section
        if unit.is_section or not in_section:
            groups.append([])
        groups[-1].append(unit)
    return [tuple(group) for group in groups]


def _header_end(lines: list[str]) -> int:
    """Return the 1-based line holding the period that ends the PROCEDURE
    DIVISION header, or 0."""
    for number, line in enumerate(lines, start=1):
        found = _PROCEDURE.search(line)
        if found is None:
            continue
        rest_start = found.end()
        for later in range(number, len(lines) + 1):
            text = (
                lines[later - 1][rest_start:] if later == number else lines[later - 1]
            )
            if "." in text:
                return later
        return len(lines)
    return 0
