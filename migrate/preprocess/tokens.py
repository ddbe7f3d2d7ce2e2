"""COBOL text-words, as COPY REPLACING and REPLACE compare them, and fast
keyword scans over whole texts."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
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


def tokens_from(lines: list[str], line: int, column: int) -> Iterator[Token]:
    """Yield the text-words of ``lines`` from (``line``, ``column``) on,
    reading one line at a time, so that a caller that stops at a period
    reads only the statement."""
    for index in range(line, len(lines)):
        text = lines[index]
        start = column if index == line else 0
        for match in _TOKEN.finditer(text, start):
            kind = match.lastgroup or "punct"
            yield Token(match.group(), index, match.start(), match.end(), kind)


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


def ascii_upper(text: str) -> str:
    """Upper-case ``text`` without changing its length, so that offsets in
    the result are offsets in ``text`` (``str.upper`` turns ``ß`` into
    ``SS``)."""
    upper = text.upper()
    if len(upper) == len(text):
        return upper
    return text.encode("latin-1", errors="replace").upper().decode("latin-1")


def open_literal_quote(text: str) -> str:
    """Return the quote of a literal left open at the end of ``text``."""
    if "'" not in text and '"' not in text:
        return ""
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""  # a doubled quote reopens on the next character
        elif char in "'\"":
            quote = char
    return quote


class LineIndex:
    """Maps offsets of ``"\\n".join(lines)`` to (line, column)."""

    def __init__(self, lines: list[str]) -> None:
        self.starts = [0, *itertools.accumulate(len(line) + 1 for line in lines)]

    def locate(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


@dataclass(frozen=True)
class Hit:
    """A keyword found in a text: its line index, column, the keyword, and
    its offset in the upper-case joined text."""

    line: int
    column: int
    word: str
    offset: int


class TextScan:
    """Finds keywords in lines of text with ``str.find``, which is an order
    of magnitude faster than a regular expression with look-behind."""

    def __init__(self, lines: list[str], joined: str | None = None) -> None:
        self.lines = lines
        self.upper = ascii_upper("\n".join(lines) if joined is None else joined)
        self._index: LineIndex | None = None

    @classmethod
    def of_text(cls, text: str) -> TextScan:
        """A scan of a whole text, such as the text of an expanded source."""
        return cls(text.split("\n"), text)

    def words(self, *keywords: str) -> list[Hit]:
        """Every whole-word occurrence of ``keywords`` (upper case) outside
        literals, in text order."""
        offsets: list[tuple[int, str]] = []
        upper = self.upper
        for keyword in keywords:
            offset = upper.find(keyword)
            while offset >= 0:
                end = offset + len(keyword)
                before = upper[offset - 1] if offset else " "
                after = upper[end] if end < len(upper) else " "
                if before not in _WORD_CHARS and after not in _WORD_CHARS:
                    offsets.append((offset, keyword))
                offset = upper.find(keyword, end)
        offsets.sort()
        hits = []
        for offset, keyword in offsets:
            line, column = self.locate(offset, len(offsets))
            if not open_literal_quote(self.lines[line][:column]):
                hits.append(Hit(line, column, keyword, offset))
        return hits

    def locate(self, offset: int, expected: int = 1) -> tuple[int, int]:
        """The (line, column) of an offset of :attr:`upper`."""
        if self._index is None and expected <= 16:
            # Counting is cheaper than an index for a few offsets.
            line = self.upper.count("\n", 0, offset)
            return line, offset - (self.upper.rfind("\n", 0, offset) + 1)
        self._index = self._index or LineIndex(self.lines)
        return self._index.locate(offset)

    def line_start(self, line: int) -> int:
        """The offset in :attr:`upper` where line index ``line`` starts."""
        self._index = self._index or LineIndex(self.lines)
        return self._index.starts[line]

    def followed_by(self, hit: Hit, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """Match ``pattern`` (upper case) right after the keyword of ``hit``."""
        return pattern.match(self.upper, hit.offset + len(hit.word))


def find_keywords(lines: list[str], *keywords: str) -> list[tuple[int, int, str]]:
    """Find whole-word ``keywords`` (upper case) in ``lines`` outside
    literals, as (line, column, keyword) in text order."""
    return [
        (hit.line, hit.column, hit.word) for hit in TextScan(lines).words(*keywords)
    ]
