"""Discovery: find the estate's source members and classify them by
content as well as by extension."""

from __future__ import annotations

import fnmatch
import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from migrate.config import ALWAYS_EXCLUDED, Config
from migrate.errors import InputError, UsageError
from migrate.model import Diagnostic, Member, MemberKind, SourcePos

logger = logging.getLogger(__name__)

PROGRAM_EXTENSIONS = {".cbl", ".cob", ".cobol", ".ccp", ".pco", ".sqb"}
COPYBOOK_EXTENSIONS = {".cpy", ".copy", ".cpybk", ".inc", ".cblcpy"}
JCL_EXTENSIONS = {".jcl", ".job", ".prc", ".proc"}
SOURCE_EXTENSIONS = PROGRAM_EXTENSIONS | COPYBOOK_EXTENSIONS | JCL_EXTENSIONS

_JCL_CARD = re.compile(r"^//\S*\s+(JOB|EXEC|PROC|DD)\b", re.MULTILINE)
_PICTURE = re.compile(r"\sPIC(TURE)?\s", re.IGNORECASE)
_COBOL_DATA = re.compile(
    r"^.{0,7}\s*(0[1-9]|[1-4][0-9]|66|77|88)\s+[A-Z0-9-]+", re.IGNORECASE | re.MULTILINE
)


@dataclass(frozen=True)
class SourceText:
    """A member's decoded text and the encoding that decoded it."""

    text: str
    encoding: str
    # First line (1-based) holding a control character or a byte that
    # Latin-1 leaves unprintable (0x80-0x9F), or 0: likely garbage.
    garbage_line: int = 0


@dataclass(frozen=True)
class Estate:
    """The discovered members of one estate."""

    root: Path
    config: Config
    members: tuple[Member, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    def of_kind(self, kind: MemberKind) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.kind is kind)

    def member(self, relpath: str) -> Member:
        """Return the member at ``relpath``; raise KeyError when there is none."""
        return self._by_relpath[relpath]

    @functools.cached_property
    def _by_relpath(self) -> dict[str, Member]:
        return {member.relpath: member for member in self.members}


def read_source(path: Path, relpath: str) -> SourceText:
    """Decode a member as UTF-8, else Latin-1; reject binary content."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            f"{relpath} cannot be read: {error.strerror or error}",
            hint="fix its permissions, or add it to the 'exclude' setting",
            pos=SourcePos(relpath, 1),
        ) from error
    if b"\0" in data or _control_ratio(data) > 0.05:
        line = data[: data.find(b"\0") if b"\0" in data else 0].count(b"\n") + 1
        raise InputError(
            f"{relpath} is not a text file (binary bytes near line {line})",
            hint="remove it from the estate or add it to the 'exclude' setting",
            pos=SourcePos(relpath, line),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return SourceText(data.decode("latin-1"), "latin-1", _garbage_line(data, True))
    return SourceText(text, "utf-8", _garbage_line(data, False))


_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_CONTROL_RE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _garbage_line(data: bytes, latin1: bool) -> int:
    match = _CONTROL_RE.search(data)
    c1 = _C1_BYTES.search(data) if latin1 else None
    offsets = [m.start() for m in (match, c1) if m is not None]
    if not offsets:
        return 0
    return data.count(b"\n", 0, min(offsets)) + 1


# Control characters other than tab, line feed, form feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample)


def discover(root: Path, config: Config) -> Estate:
    """List and classify every source member below ``root``."""
    if not root.exists():
        raise UsageError(
            f"path not found: {root}", hint="give the folder of a COBOL estate"
        )
    if not root.is_dir():
        raise UsageError(
            f"not a folder: {root}", hint="give the folder of a COBOL estate"
        )
    members: list[Member] = []
    diagnostics: list[Diagnostic] = []
    for path in sorted(root.rglob("*")):
        relpath = path.relative_to(root).as_posix()
        if not path.is_file() or _excluded(relpath, config):
            continue
        if _inside(relpath, config.java_dir):
            _reject_source_in_java_dir(path, relpath, config)
            continue
        try:
            kind = classify(path, relpath)
        except InputError as error:
            diagnostics.append(Diagnostic(error.pos, error.message, "error"))
            continue
        if kind is not MemberKind.OTHER:
            members.append(Member(path, relpath, kind, path.stem.upper()))
    if not any(m.kind in (MemberKind.PROGRAM, MemberKind.JCL) for m in members):
        raise InputError(
            f"no COBOL programs or JCL found in {root}",
            hint="give the folder that holds the estate's .cbl, .cpy and .jcl members",
        )
    logger.debug("discovered %d members in %s", len(members), root)
    return Estate(root, config, tuple(members), tuple(diagnostics))


def _excluded(relpath: str, config: Config) -> bool:
    parts = relpath.split("/")
    if any(part in ALWAYS_EXCLUDED for part in parts):
        return True
    if _inside(relpath, config.data_dir):
        return True
    return any(fnmatch.fnmatch(relpath, pattern) for pattern in config.exclude)


def _inside(relpath: str, folder: str) -> bool:
    return relpath.startswith(f"{folder}/")


def _reject_source_in_java_dir(path: Path, relpath: str, config: Config) -> None:
    """Raise :class:`InputError` when a file under java_dir is a source
    member, because the generated Java must not mix with the sources."""
    try:
        kind = classify(path, relpath)
    except InputError:
        return
    if kind is not MemberKind.OTHER:
        raise InputError(
            f"source member {relpath} ({kind.value}) is inside java_dir "
            f"{config.java_dir!r}, the folder of the generated Java",
            hint="set java_dir to an empty folder that only the generated "
            'Java uses, such as java_dir = "java"',
        )


def classify(path: Path, relpath: str) -> MemberKind:
    """Classify one file by extension, then by content."""
    suffix = path.suffix.lower()
    if suffix not in SOURCE_EXTENSIONS and suffix not in ("", ".txt"):
        return MemberKind.OTHER
    if suffix not in SOURCE_EXTENSIONS:
        try:
            text = read_source(path, relpath).text
        except InputError:
            return MemberKind.OTHER
    else:
        text = read_source(path, relpath).text
    # The "//" test skips a multi-line search that costs milliseconds a member.
    jcl = "//" in text and (suffix in JCL_EXTENSIONS or text.startswith("//"))
    if jcl and _JCL_CARD.search(text):
        return MemberKind.JCL
    if has_program_id(text):
        return MemberKind.PROGRAM
    if suffix in COPYBOOK_EXTENSIONS or suffix in PROGRAM_EXTENSIONS:
        return MemberKind.COPYBOOK
    if _COBOL_DATA.search(text) and _PICTURE.search(text):
        return MemberKind.COPYBOOK
    return MemberKind.OTHER


def has_program_id(text: str) -> bool:
    """Return whether a PROGRAM-ID paragraph appears outside comment lines
    and ``*>`` comments."""
    upper = text.upper()
    index = upper.find("PROGRAM-ID")
    while index >= 0:
        start = upper.rfind("\n", 0, index) + 1
        before = upper[start:index]
        fixed_comment = len(before) > 6 and before[6] in "*/"
        if not fixed_comment and "*>" not in before:
            return True
        index = upper.find("PROGRAM-ID", index + 1)
    return False
