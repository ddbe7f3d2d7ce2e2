"""Tokens of preprocessed COBOL text, for the statement parser.

The text is fixed format with columns 1-7 blank, so a token's column tells
whether it starts in area A (columns 8-11), which marks paragraph and
section headers.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class TokenKind(enum.Enum):
    """The lexical class of a token."""

    WORD = "word"
    NUMBER = "number"
    STRING = "string"
    OPERATOR = "operator"
    LPAREN = "("
    RPAREN = ")"
    COLON = ":"
    PERIOD = "."


@dataclass(frozen=True)
class Token:
    """A token with its 1-based line and column in the preprocessed text.

    A WORD's ``text`` is upper case; a STRING's is its characters with the
    quotes removed and doubled quotes undone (hex literals decoded).
    ``spaced`` tells whether white space precedes the token.
    """

    kind: TokenKind
    text: str
    line: int
    column: int
    spaced: bool = True

    def is_word(self, *words: str) -> bool:
        return self.kind is TokenKind.WORD and self.text in words


_TOKEN = re.compile(
    r"""(?P<hex>[Xx](?P<hq>['"])(?P<hexbody>[0-9A-Fa-f]*)(?P=hq))"""
    r"""|(?P<str>(?P<q>['"])(?P<body>(?:(?!(?P=q)).|(?P=q)(?P=q))*)(?P=q))"""
    r"""|(?P<num>\d+(?:\.\d+)?(?![A-Za-z0-9-]*[A-Za-z-])|\.\d+)"""
    r"""|(?P<word>[A-Za-z0-9][A-Za-z0-9_-]*[A-Za-z0-9_]|[A-Za-z0-9])"""
    r"""|(?P<op>\*\*|>=|<=|<>|[-+*/=<>&])"""
    r"""|(?P<lp>\()|(?P<rp>\))|(?P<colon>:)"""
    r"""|(?P<period>\.(?=\s|$))"""
)
_SEPARATORS = re.compile(r"[\s,;]+")


class LexError(ValueError):
    """Raised for a character that starts no token, with its position."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def tokenize(text: str, first_line: int = 1) -> list[Token]:
    """Split ``text`` into tokens; line numbers start at ``first_line``."""
    tokens: list[Token] = []
    for offset, line in enumerate(text.split("\n")):
        tokens.extend(_tokenize_line(line, first_line + offset))
    return tokens


def _tokenize_line(line: str, number: int) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    spaced = True
    while pos < len(line):
        gap = _SEPARATORS.match(line, pos)
        if gap:
            pos = gap.end()
            spaced = True
            continue
        if line.startswith("*>", pos):
            break
        match = _TOKEN.match(line, pos)
        if match is None:
            raise LexError(f"invalid character {line[pos]!r}", number, pos + 1)
        tokens.append(_make_token(match, number, pos + 1, spaced))
        pos = match.end()
        spaced = False
    return tokens


def _make_token(match: re.Match[str], line: int, column: int, spaced: bool) -> Token:
    kind = match.lastgroup
    if match.group("hex") is not None:
        text = bytes.fromhex(match.group("hexbody")).decode("latin-1")
        return Token(TokenKind.STRING, text, line, column, spaced)
    if match.group("str") is not None:
        quote = match.group("q")
        text = match.group("body").replace(quote * 2, quote)
        return Token(TokenKind.STRING, text, line, column, spaced)
    simple = {
        "num": TokenKind.NUMBER,
        "word": TokenKind.WORD,
        "op": TokenKind.OPERATOR,
        "lp": TokenKind.LPAREN,
        "rp": TokenKind.RPAREN,
        "colon": TokenKind.COLON,
        "period": TokenKind.PERIOD,
    }
    token_kind = simple[kind or "word"]
    text = match.group(0)
    if token_kind is TokenKind.WORD:
        text = text.upper()
    return Token(token_kind, text, line, column, spaced)
