"""Preprocessing: turn any member into fixed-format text the tree-sitter
grammar accepts, with COPY expanded and a source map to original lines."""

from __future__ import annotations

import threading
from pathlib import PurePosixPath

from migrate.discover import Estate, read_source
from migrate.errors import InputError
from migrate.model import ExpandedSource, Member, MemberKind, SourcePos
from migrate.preprocess.copybooks import Expansion, Line, expand_lines
from migrate.preprocess.execblocks import lift_exec_blocks
from migrate.preprocess.fold import fold_lines
from migrate.preprocess.reference import logical_lines

# The grammar reads fixed format: columns 1-7 blank, text from column 8.
FIXED_PREFIX = " " * 7


class Preprocessor:
    """Expands members of one estate, reading each copybook once."""

    def __init__(self, estate: Estate) -> None:
        self.estate = estate
        self._lines: dict[str, list[Line]] = {}
        self._lock = threading.Lock()
        self._by_name: dict[str, list[Member]] = {}
        self._by_file: dict[str, list[Member]] = {}
        for member in estate.of_kind(MemberKind.COPYBOOK) + estate.of_kind(
            MemberKind.PROGRAM
        ):
            self._by_name.setdefault(member.name, []).append(member)
            filename = PurePosixPath(member.relpath).name.upper()
            self._by_file.setdefault(filename, []).append(member)
        self._libraries = dict(estate.config.copy_libraries)

    def lines(self, relpath: str) -> list[Line]:
        """The logical lines of one member, cached."""
        with self._lock:
            cached = self._lines.get(relpath)
        if cached is not None:
            return cached
        member = self.estate.member(relpath)
        text = read_source(member.path, relpath).text
        config = self.estate.config
        logical = logical_lines(
            text,
            relpath,
            tab_width=config.tab_width,
            source_format=config.source_format,
        )
        lines = [Line(line.text, SourcePos(relpath, line.line)) for line in logical]
        with self._lock:
            self._lines[relpath] = lines
        return lines

    def resolve(self, name: str, library: str) -> tuple[str, list[Line]] | None:
        """Find a copybook by name (case-insensitive) and library."""
        member = self.find_copybook(name, library)
        if member is None:
            return None
        return member.relpath, self.lines(member.relpath)

    def find_copybook(self, name: str, library: str = "") -> Member | None:
        candidates = self._by_file.get(name) or self._by_name.get(name) or []
        candidates = [m for m in candidates if m.kind is MemberKind.COPYBOOK] or [
            m for m in candidates
        ]
        folder = self._libraries.get(library.upper()) if library else None
        if folder is not None:
            prefix = folder.strip("/") + "/"
            in_library = [m for m in candidates if m.relpath.startswith(prefix)]
            return in_library[0] if in_library else None
        return candidates[0] if candidates else None

    def expand(
        self, relpath: str, errors: list[InputError] | None = None
    ) -> ExpandedSource:
        """Expand one member. Without ``errors``, the first problem raises
        :class:`InputError`; with it, problems are appended and expansion
        goes on without the missing text."""
        state = Expansion(self.resolve, errors=errors)
        expanded = expand_lines(list(self.lines(relpath)), state)
        rendered, blocks = lift_exec_blocks([line.text for line in expanded])
        lifted = [Line(text, line.pos) for text, line in zip(rendered, expanded)]
        folded, literals = fold_lines(lifted)
        text = "".join(
            f"{FIXED_PREFIX}{line.text}\n" if line.text.strip() else "\n"
            for line in folded
        )
        return ExpandedSource(
            member=relpath,
            text=text,
            source_map=tuple(line.pos for line in folded),
            copies=tuple(state.copies),
            exec_blocks=tuple(
                (expanded[index].pos, block) for index, block in blocks
            ),
            literals=tuple(literals),
        )

    def expand_copybook(
        self, name: str, errors: list[InputError] | None = None
    ) -> ExpandedSource:
        """Expand a copybook on its own, for its record layout."""
        member = self.find_copybook(name.upper())
        if member is None:
            raise InputError(f"copybook {name} not found")
        return self.expand(member.relpath, errors)


def expand(estate: Estate, relpath: str) -> ExpandedSource:
    """Expand one member of ``estate``; raise :class:`InputError` on the first
    missing copybook, COPY cycle or malformed COPY."""
    return Preprocessor(estate).expand(relpath)


def expand_copybook(estate: Estate, name: str) -> ExpandedSource:
    """Expand one copybook of ``estate`` on its own."""
    return Preprocessor(estate).expand_copybook(name)
