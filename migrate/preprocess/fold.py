"""Fold logical lines into the columns the grammar reads.

The bundled tree-sitter grammar ignores text past column 72 and reads no
continuation lines, so a logical line longer than area A and B is split at
text-word boundaries onto extra lines that start in area B. A literal too long
for any line is replaced by a short placeholder literal, and the original is
kept in a table the converters read.
"""

from __future__ import annotations

from migrate.preprocess.copybooks import Line
from migrate.preprocess.tokens import tokenize

# Area A and B: columns 8 to 72.
WIDTH = 65
# Folded lines continue in area B, at column 12.
INDENT = "    "


def placeholder(number: int, quote: str) -> str:
    """The literal that stands for long literal ``number``."""
    return f"{quote}MIGRATE-LITERAL-{number:05d}{quote}"


def fold_lines(lines: list[Line]) -> tuple[list[Line], list[tuple[str, str]]]:
    """Return lines of at most :data:`WIDTH` characters, and the long
    literals replaced as (placeholder, original) pairs."""
    if all(len(line.text) <= WIDTH for line in lines):
        return lines, []
    out: list[Line] = []
    literals: list[tuple[str, str]] = []
    for line in lines:
        if len(line.text) <= WIDTH:
            out.append(line)
            continue
        out.extend(_fold(line, literals))
    return out, literals


def _fold(line: Line, literals: list[tuple[str, str]]) -> list[Line]:
    text = line.text
    indent = len(text) - len(text.lstrip())
    pieces: list[str] = []
    for token in tokenize([text]):
        word = token.text
        if len(word) > WIDTH - len(INDENT) - 2:
            quote = word.lstrip("XxNnGgZzBb")[:1] or "'"
            short = placeholder(len(literals) + 1, quote)
            literals.append((short, word))
            word = short
        # Keep text-words that were written together (like "9(3)V99") joined.
        if pieces and token.start > 0 and text[token.start - 1] != " ":
            pieces[-1] += word
        else:
            pieces.append(word)
    folded: list[Line] = []
    current = " " * indent
    for piece in pieces:
        candidate = f"{current} {piece}" if current.strip() else current + piece
        if len(candidate) > WIDTH and current.strip():
            folded.append(Line(current, line.pos))
            current = INDENT + piece
        else:
            current = candidate
    folded.append(Line(current, line.pos))
    return folded
