"""Preprocess and parse many program members: the plan's hot loop."""

from __future__ import annotations

from dataclasses import dataclass

from migrate.discover import Estate
from migrate.errors import InputError
from migrate.model import Diagnostic, ExpandedSource
from migrate.parse.cobol import ProgramModel, parse_programs
from migrate.preprocess import Preprocessor


@dataclass(frozen=True)
class ParsedMember:
    """One program member after preprocessing and parsing. ``source`` is
    None when the member could not be read at all."""

    relpath: str
    source: ExpandedSource | None
    programs: tuple[ProgramModel, ...]
    diagnostics: tuple[Diagnostic, ...]


def parse_member(preprocessor: Preprocessor, relpath: str) -> ParsedMember:
    """Expand and parse one member; problems become diagnostics."""
    errors: list[InputError] = []
    try:
        source = preprocessor.expand(relpath, errors)
    except InputError as error:  # unreadable member: reported, the rest goes on
        return ParsedMember(
            relpath, None, (), (Diagnostic(error.pos, error.message, "error"),)
        )
    diagnostics = [Diagnostic(e.pos, e.message, "error") for e in errors]
    programs = tuple(parse_programs(source))
    if not programs:
        diagnostics.append(
            Diagnostic(source.pos(1), "no PROGRAM-ID found in this member", "error")
        )
    return ParsedMember(relpath, source, programs, tuple(diagnostics))


def parse_members(estate: Estate, relpaths: list[str]) -> list[ParsedMember]:
    """Parse program members, in the order given."""
    preprocessor = Preprocessor(estate)
    return [parse_member(preprocessor, relpath) for relpath in relpaths]
