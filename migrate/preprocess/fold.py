"""Fold logical lines into the columns the grammar reads.

The bundled tree-sitter grammar ignores text past column 72 and reads no
continuation lines, so a logical line longer than area A and B is split at
text-word boundaries onto extra lines that start in area B. A literal too long
for any line is replaced by a short placeholder literal, and the original is
kept in a table the converters read.
"""

from __future__ import annotations

from migrate.preprocess.sourcemap import Mapped
from migrate.preprocess.tokens import tokenize

# Area A and B: columns 8 to 72.
WIDTH = 65
# Folded lines continue in area B, at column 12.
INDENT = "    "


def placeholder(number: int, quote: str) -> str:
    """The literal that stands for long literal ``number``."""
    return f"{quote}MIGRATE-LITERAL-{number:05d}{quote}"


def fold_lines(
    text: Mapped,
) -> tuple[Mapped, list[tuple[str, str]], list[tuple[int, int]]]:
    """Return ``text`` with lines of at most :data:`WIDTH` characters, the
    long literals replaced as (placeholder, original) pairs, and the lines
    added as (index of a folded line in ``text``, lines added after it)."""
    lines = text.lines
    if not lines or max(map(len, lines)) <= WIDTH:
        return text, [], []
    long_lines = [index for index, line in enumerate(lines) if len(line) > WIDTH]
    long_lines = [index for index in long_lines if len(lines[index].rstrip()) > WIDTH]
    if not long_lines:
        return Mapped([line[:WIDTH] for line in lines], text.runs), [], []
    out = Mapped()
    literals: list[tuple[str, str]] = []
    extra: list[tuple[int, int]] = []
    previous = 0
    for index in long_lines:
        out.extend(text, previous, index)
        pos = text.pos(index)
        pieces = _fold(lines[index].rstrip(), literals)
        for piece in pieces:
            out.append(piece, pos, step=0)
        extra.append((index, len(pieces) - 1))
        previous = index + 1
    out.extend(text, previous)
    return out, literals, extra


def _fold(text: str, literals: list[tuple[str, str]]) -> list[str]:
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
    folded: list[str] = []
    current = " " * indent
    for piece in pieces:
        candidate = f"{current} {piece}" if current.strip() else current + piece
        if len(candidate) > WIDTH and current.strip():
            folded.append(current)
            current = INDENT + piece
        else:
            current = candidate
    folded.append(current)
    return folded
