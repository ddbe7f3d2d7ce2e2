"""Preprocessing: turn any member into fixed-format text the tree-sitter
grammar accepts, with COPY expanded and a source map to original lines.

The steps, in order: reference format (:mod:`.reference`), COPY and
``EXEC SQL INCLUDE`` with REPLACING (:mod:`.copybooks`), REPLACE statements
(:mod:`.replacing`), EXEC blocks lifted out (:mod:`.execblocks`), grammar
repairs that keep the meaning (:mod:`.normalize`), and long lines folded
into area B (:mod:`.fold`).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Sequence
from pathlib import PurePosixPath

from migrate.discover import Estate, read_source
from migrate.errors import InputError
from migrate.model import Diagnostic, ExpandedSource, Member, MemberKind, SourcePos
from migrate.preprocess.copybooks import Expansion, expand_text
from migrate.preprocess.execblocks import lift_exec_blocks
from migrate.preprocess.fold import fold_lines
from migrate.preprocess.normalize import normalize
from migrate.preprocess.reference import SourceWarning, area_lines
from migrate.preprocess.replacing import apply_replace_statements
from migrate.preprocess.sourcemap import Mapped

# The grammar reads fixed format: columns 1-7 blank, text from column 8.
FIXED_PREFIX = " " * 7


class Preprocessor:
    """Expands members of one estate, reading each copybook once."""

    def __init__(self, estate: Estate) -> None:
        self.estate = estate
        self._lines: dict[str, list[str]] = {}
        self._lock = threading.Lock()
        self._by_name: dict[str, list[Member]] = {}
        self._by_file: dict[str, list[Member]] = {}
        for member in estate.of_kind(MemberKind.COPYBOOK) + estate.of_kind(
            MemberKind.PROGRAM
        ):
            self._by_name.setdefault(member.name, []).append(member)
            filename = PurePosixPath(member.relpath).name.upper()
            self._by_file.setdefault(filename, []).append(member)
        config = estate.config
        self._libraries = dict(config.copy_libraries)
        self._builtin = frozenset(name.upper() for name in config.builtin_copybooks)

    def lines(self, relpath: str, errors: list[InputError] | None = None) -> list[str]:
        """Return the logical lines of one member, cached. Problems of the
        reference format are reported (to ``errors``, or raised) on the first
        read."""
        with self._lock:
            cached = self._lines.get(relpath)
        if cached is not None:
            return cached
        member = self.estate.member(relpath)
        read = read_source(member.path, relpath)
        text = read.text
        config = self.estate.config
        problems: list[InputError] = []
        if read.garbage_line:
            problems.append(
                SourceWarning(
                    "control characters or unprintable bytes in the text; the "
                    "grammar may not read the lines around them",
                    pos=SourcePos(relpath, read.garbage_line),
                )
            )
        lines = area_lines(
            text,
            relpath,
            tab_width=config.tab_width,
            source_format=config.source_format,
            problems=problems,
        )
        failures = [p for p in problems if not isinstance(p, SourceWarning)]
        if failures and errors is None:
            raise failures[0]
        if errors is not None:
            errors.extend(problems)
        with self._lock:
            self._lines[relpath] = lines
        return lines

    def find_copybook(self, name: str, library: str = "") -> Member | None:
        """Find a copybook by name (case-insensitive) and library. A quoted
        name may carry an extension or a folder."""
        key = name.upper()
        if "/" in key:
            suffix = key.strip("/")
            matches = [
                m for m in self.estate.members if m.relpath.upper().endswith(suffix)
            ]
            return matches[0] if matches else None
        candidates = self._by_file.get(key) or self._by_name.get(key) or []
        candidates = [
            m for m in candidates if m.kind is MemberKind.COPYBOOK
        ] or candidates
        if not library:
            return candidates[0] if candidates else None
        folder = self._libraries.get(library.upper())
        if folder is not None:
            prefix = folder.strip("/") + "/"
            in_library = [m for m in candidates if m.relpath.startswith(prefix)]
            return in_library[0] if in_library else None
        # An unmapped library name may be the name of the copybook's folder.
        in_folder = [
            m
            for m in candidates
            if PurePosixPath(m.relpath).parent.name.upper() == library.upper()
        ]
        chosen = in_folder or candidates
        return chosen[0] if chosen else None

    def expand(
        self,
        relpath: str,
        errors: list[InputError] | None = None,
        prologue: Sequence[str] = (),
        epilogue: Sequence[str] = (),
    ) -> ExpandedSource:
        """Expand one member. Without ``errors``, the first problem raises
        :class:`InputError`; with it, problems are appended and expansion
        goes on without the missing text.

        ``prologue`` and ``epilogue`` are lines of area A/B text put around
        the member, such as the program skeleton around a copybook. They map
        to the member's first and last lines."""
        problems: list[InputError] = []
        own = self.lines(relpath, problems)
        text = Mapped.of_member(own, relpath)
        if prologue or epilogue:
            text = _wrap(text, relpath, prologue, epilogue)
        state = Expansion(
            lambda name, library: self._resolve(name, library, problems),
            errors=problems,
            nested_replacing=self.estate.config.nested_copy_replacing,
            builtin=self._builtin,
        )
        expanded = expand_text(text, state)
        replaced = apply_replace_statements(expanded, problems)
        lifted, blocks = lift_exec_blocks(replaced, problems)
        folded, literals, extra = fold_lines(normalize(lifted))
        lines = folded.lines
        warnings = [p for p in problems if isinstance(p, SourceWarning)]
        failures = [p for p in problems if not isinstance(p, SourceWarning)]
        if errors is None and failures:
            raise failures[0]
        if errors is not None:
            errors.extend(failures)
        return ExpandedSource(
            member=relpath,
            text=FIXED_PREFIX + ("\n" + FIXED_PREFIX).join(lines) + "\n"
            if lines
            else "",
            source_map=folded.source_map(),
            copies=tuple(state.copies),
            exec_blocks=tuple((lifted.pos(index), block) for index, block in blocks),
            literals=tuple(literals),
            exec_lines=tuple(_shifted(index, extra) + 1 for index, _block in blocks),
            warnings=tuple(Diagnostic(w.pos, w.message) for w in warnings),
        )

    def _resolve(
        self, name: str, library: str, problems: list[InputError]
    ) -> tuple[str, list[str]] | None:
        member = self.find_copybook(name, library)
        if member is None:
            return None
        return member.relpath, self.lines(member.relpath, problems)

    def expand_copybook(
        self, name: str, errors: list[InputError] | None = None
    ) -> ExpandedSource:
        """Expand a copybook on its own, for its record layout."""
        member = self.find_copybook(name.upper())
        if member is None:
            raise InputError(f"copybook {name} not found")
        return self.expand(member.relpath, errors)


def _wrap(
    text: Mapped, relpath: str, prologue: Sequence[str], epilogue: Sequence[str]
) -> Mapped:
    wrapped = Mapped()
    first = text.pos(0) if text.lines else SourcePos(relpath, 1)
    for line in prologue:
        wrapped.append(line, first, step=0)
    wrapped.extend(text)
    last = text.pos(len(text.lines) - 1) if text.lines else first
    for line in epilogue:
        wrapped.append(line, last, step=0)
    return wrapped


def _shifted(index: int, extra: list[tuple[int, int]]) -> int:
    """Return the index of line ``index`` after folding added ``extra``
    lines, given as (index of a folded line, lines added after it)."""
    before = bisect.bisect_left(extra, (index, -1))
    return index + sum(count for _line, count in extra[:before])


def expand(estate: Estate, relpath: str) -> ExpandedSource:
    """Expand one member of ``estate``; raise :class:`InputError` on the first
    missing copybook, COPY cycle or malformed COPY."""
    return Preprocessor(estate).expand(relpath)


def expand_copybook(estate: Estate, name: str) -> ExpandedSource:
    """Expand one copybook of ``estate`` on its own."""
    return Preprocessor(estate).expand_copybook(name)
