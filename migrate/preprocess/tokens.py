"""COBOL text-words, as COPY REPLACING and REPLACE compare them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<literal>[XxNnGgZzBb]?(?:'(?:[^']|'')*'?|"(?:[^"]|"")*"?))
  | (?P<pseudo>==)
  | (?P<number>[+-]?\d*\.\d+(?![\w-]))
  | (?P<word>[A-Za-z0-9_:#@$-]+)
  | (?P<period>\.(?=\s|$))
  | (?P<punct>>=|<=|\*\*|\S)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    """A text-word: its text, the index of its line and its columns."""

    text: str
    line: int
    start: int
    end: int
    kind: str

    @property
    def key(self) -> str:
        """The form two text-words are compared by: words ignore case."""
        return self.text if self.kind == "literal" else self.text.upper()

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokenize(lines: list[str]) -> list[Token]:
    """Split lines of area A/B text into text-words."""
    tokens: list[Token] = []
    for index, text in enumerate(lines):
        for match in _TOKEN.finditer(text):
            kind = match.lastgroup or "punct"
            tokens.append(Token(match.group(), index, match.start(), match.end(), kind))
    return tokens


def split_pseudo_text(tokens: list[Token], start: int) -> tuple[list[Token], int]:
    """Return the text-words between ``==`` at ``start`` and the closing
    ``==``, and the index after the closing one; -1 when it is not closed."""
    inner: list[Token] = []
    index = start + 1
    while index < len(tokens):
        if tokens[index].kind == "pseudo":
            return inner, index + 1
        inner.append(tokens[index])
        index += 1
    return inner, -1
