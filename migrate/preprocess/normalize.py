"""Rewrite forms the bundled grammar rejects into equivalent forms it reads.

Each rewrite keeps the meaning of the program, and the line count, so the
source map stays exact:

* ``PROGRAM-ID NAME`` without its periods, ``NAME COMMON``, ``NAME IS
  INITIAL PROGRAM``: the grammar reads only ``PROGRAM-ID. NAME [IS COMMON |
  IS INITIAL].`` (tree-sitter-language-pack 0.13.0). With more than one
  attribute, INITIAL is kept; RECURSIVE, which changes nothing in Java, is
  dropped.
* ``ID DIVISION`` becomes ``IDENTIFICATION DIVISION``.
* ``OCCURS ... TIMES DEPENDING ON`` loses the optional word TIMES.
* The listing statements EJECT, SKIP1, SKIP2, SKIP3 and TITLE, and the
  comment-entry paragraphs SECURITY and REMARKS, become blank lines.
"""

from __future__ import annotations

import re

from migrate.preprocess.sourcemap import Mapped
from migrate.preprocess.tokens import TextScan, tokens_from

_FORMS = (
    "PROGRAM-ID",
    "ID",
    "TIMES",
    "SECURITY",
    "REMARKS",
    "EJECT",
    "SKIP1",
    "SKIP2",
    "SKIP3",
    "TITLE",
)
_FOLLOWING = {
    "ID": re.compile(r"\s+DIVISION(?![A-Z0-9_-])"),
    "TIMES": re.compile(r"\s+DEPENDING(?![A-Z0-9_-])"),
}
_ATTRIBUTES = ("IS", "COMMON", "INITIAL", "RECURSIVE", "PROGRAM")
# Words that start the next paragraph or division after a comment entry.
_PARAGRAPHS = frozenset(
    [
        "AUTHOR",
        "INSTALLATION",
        "DATE-WRITTEN",
        "DATE-COMPILED",
        "SECURITY",
        "REMARKS",
        "ENVIRONMENT",
        "DATA",
        "PROCEDURE",
        "IDENTIFICATION",
        "ID",
    ]
)


def normalize(text: Mapped) -> Mapped:
    """Return ``text`` with the rewrites above; unchanged when none apply."""
    scan = TextScan(text.lines)
    found = [
        (hit.line, hit.column, hit.word)
        for hit in scan.words(*_FORMS)
        if hit.word not in _FOLLOWING or scan.followed_by(hit, _FOLLOWING[hit.word])
    ]
    if not found:
        return text
    lines = list(text.lines)
    # Last match first, so that an edit does not move the columns of the
    # matches still to do on its line.
    for line, column, word in reversed(found):
        if word == "PROGRAM-ID":
            _program_id(lines, line, column)
        elif word == "ID":
            lines[line] = (
                lines[line][:column] + "IDENTIFICATION" + lines[line][column + 2 :]
            )
        elif word == "TIMES":
            lines[line] = lines[line][:column] + "     " + lines[line][column + 5 :]
        elif word in ("SECURITY", "REMARKS"):
            _comment_entry(lines, line, column)
        elif _alone(lines[line], column, word):
            lines[line] = ""
    return Mapped(lines, text.runs)


def _alone(line: str, column: int, word: str) -> bool:
    """Whether a listing statement is the only text of its line."""
    rest = line[column + len(word) :].strip()
    if line[:column].strip():
        return False
    if word == "TITLE":
        return rest[:1] in ("'", '"')
    return rest in ("", ".")


def _program_id(lines: list[str], line: int, column: int) -> None:
    tokens = tokens_from(lines, line, column)
    next(tokens)
    name = None
    attributes: list[str] = []
    last = None
    for token in tokens:
        if token.kind == "period" and name is None:
            last = token
            continue
        if name is None and token.kind in ("word", "literal"):
            name, last = token.text, token
            continue
        if name is not None and token.is_word(*_ATTRIBUTES):
            attributes.append(token.text.upper())
            last = token
            continue
        if token.kind == "period":
            last = token
        break
    if name is None or last is None:
        return
    kept = [word for word in ("INITIAL", "COMMON") if word in attributes][:1]
    canonical = f"PROGRAM-ID. {name}" + (f" IS {kept[0]}" if kept else "") + "."
    if last.line == line:
        lines[line] = lines[line][:column] + canonical + lines[line][last.end :]
        return
    lines[line] = lines[line][:column] + canonical
    for index in range(line + 1, last.line):
        lines[index] = ""
    lines[last.line] = " " * last.end + lines[last.line][last.end :]


def _comment_entry(lines: list[str], line: int, column: int) -> None:
    """Blank a SECURITY or REMARKS paragraph written in area A."""
    if column > 3 or lines[line][:column].strip():
        return
    lines[line] = ""
    for index in range(line + 1, len(lines)):
        text = lines[index]
        stripped = text.lstrip()
        if not stripped:
            continue
        first = stripped.split(None, 1)[0].rstrip(".").upper()
        if len(text) - len(stripped) < 4 or first in _PARAGRAPHS:
            return
        lines[index] = ""
