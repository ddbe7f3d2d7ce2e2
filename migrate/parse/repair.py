"""Same-length edits of expanded text, for the dependency parse only.

Some statements that IBM compilers accept make the bundled grammar
(tree-sitter-language-pack 0.13.0) give up on the rest of a paragraph:
``ENTRY 'NAME' USING ...``, ``READY TRACE``, ``RESET TRACE``, ``IS
RECURSIVE`` and ``ORGANIZATION [IS] LINE SEQUENTIAL``. The dependency parse
reads them from the text itself (see :mod:`migrate.parse.cobol`), so here
they become ``CONTINUE`` or blanks of the same length: byte offsets, and so
positions, do not move. The text the converters get keeps them.
"""

from __future__ import annotations

import re

from migrate.preprocess.tokens import Hit, TextScan

_TRACE = re.compile(r"\s+TRACE(?![A-Z0-9_-])")
_IS_BEFORE = re.compile(r"(?<![A-Z0-9_-])IS\s+$")
_LINE_SEQUENTIAL = re.compile(r"(\s+IS)?(?=\s+LINE\s+SEQUENTIAL(?![A-Z0-9_-]))")
_ENTRY = re.compile(
    r"\s+(?:'[^']*'|\"[^\"]*\")"
    r"(?:\s+USING(?:\s+(?:BY\s+)?(?:REFERENCE|VALUE|CONTENT)?\s*[A-Z0-9][A-Z0-9_-]*)+)?"
    r"(?=\s*\.|\s)"
)


def repair_for_grammar(text: str, scan: TextScan) -> str:
    """Return ``text`` with the statements above blanked; ``scan`` is a
    :class:`TextScan` of ``text``."""
    edits: list[tuple[int, int, str]] = []  # start, end, replacement
    for hit in scan.words("ENTRY", "READY", "RESET", "RECURSIVE", "ORGANIZATION"):
        edit = _edit(hit, scan)
        if edit is not None:
            edits.append(edit)
    if not edits:
        return text
    parts = []
    cursor = 0
    for start, end, replacement in edits:
        parts.append(text[cursor:start])
        parts.append(_blank(text[start:end], replacement))
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts)


def _blank(span: str, replacement: str) -> str:
    """Blanks in place of ``span``, line ends kept, with ``replacement`` at
    its start when the first line has room for it."""
    blank = "".join("\n" if char == "\n" else " " for char in span)
    first = blank.find("\n")
    room = len(blank) if first < 0 else first
    if len(replacement) <= room:
        return replacement + blank[len(replacement) :]
    return blank


def _edit(hit: Hit, scan: TextScan) -> tuple[int, int, str] | None:
    start = hit.offset
    if hit.word == "ENTRY":
        # SET pointer TO ENTRY 'X' is a statement the grammar reads.
        words_before = scan.upper[max(0, start - 8) : start].split()
        match = scan.followed_by(hit, _ENTRY)
        if match is None or words_before[-1:] == ["TO"]:
            return None
        return start, match.end(), "CONTINUE"
    if hit.word in ("READY", "RESET"):
        match = scan.followed_by(hit, _TRACE)
        return (start, match.end(), "CONTINUE") if match else None
    if hit.word == "RECURSIVE":
        noise = _IS_BEFORE.search(scan.upper, max(0, start - 12), start)
        return (noise.start() if noise else start), start + len(hit.word), ""
    match = scan.followed_by(hit, _LINE_SEQUENTIAL)
    return (start, match.end(), "") if match else None
