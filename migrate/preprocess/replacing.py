"""REPLACING pairs of COPY, and the REPLACE statement.

A pair is ``pattern BY replacement``; ``LEADING`` and ``TRAILING`` replace
part of a word. GnuCOBOL 3.1.2 compares words without regard to case,
leaves literals alone unless the pattern is that literal, replaces a whole
word that equals a LEADING or TRAILING pattern, and replaces a text-word at
most once: the first pair that matches wins (all checked with cobc).

``REPLACE pairs.`` acts on the text after it, COPY text included, up to the
next REPLACE statement or ``REPLACE OFF.``
"""

from __future__ import annotations

from dataclasses import dataclass

from migrate.errors import InputError
from migrate.preprocess.sourcemap import Mapped
from migrate.preprocess.tokens import Token, find_keywords, split_pseudo_text, tokenize

# An edit of one line: (line index, start column, end column, new text).
Edit = tuple[int, int, int, str]


@dataclass(frozen=True)
class Replacement:
    """One ``pattern BY replacement`` pair.

    ``mode`` is ``full`` (match whole text-words), ``leading`` or
    ``trailing`` (match part of one word), or ``tag`` (a pattern like
    ``:PFX:`` that replaces that part of any word holding it).
    """

    pattern: tuple[str, ...]
    replacement: str
    mode: str = "full"


def parse_operand(tokens: list[Token], index: int) -> tuple[list[Token], int]:
    """Read one operand: pseudo-text, a literal or a word."""
    if tokens[index].kind == "pseudo":
        inner, after = split_pseudo_text(tokens, index)
        if after < 0:
            raise ValueError("pseudo-text is not closed by ==")
        return inner, after
    return [tokens[index]], index + 1


def parse_pairs(tokens: list[Token], index: int, out: list[Replacement]) -> int:
    """Parse ``[LEADING|TRAILING] a BY b`` pairs up to the ending period;
    return the index of the period (or of the end of ``tokens``)."""
    try:
        while index < len(tokens) and tokens[index].kind != "period":
            mode = "full"
            if tokens[index].is_word("LEADING", "TRAILING"):
                mode = tokens[index].text.lower()
                index += 1
            pattern, index = parse_operand(tokens, index)
            if index >= len(tokens) or not tokens[index].is_word("BY"):
                raise ValueError("BY expected after the text to replace")
            replacement, index = parse_operand(tokens, index + 1)
            out.append(make_replacement(pattern, replacement, mode))
    except (ValueError, IndexError) as error:
        raise InputError(
            f"invalid REPLACING phrase: {error}",
            hint="write pairs as ==old== BY ==new==",
        ) from error
    return index


def make_replacement(
    pattern: list[Token], replacement: list[Token], mode: str
) -> Replacement:
    keys = tuple(token.key for token in pattern)
    text = " ".join(token.text for token in replacement)
    if mode == "full" and len(keys) == 1 and _is_tag(keys[0]):
        mode = "tag"
    return Replacement(keys, text, mode)


def _is_tag(key: str) -> bool:
    # IBM-style tags such as :PFX: replace part of a word.
    return len(key) > 2 and key[0] == key[-1] == ":"


def apply_replacing(text: Mapped, pairs: tuple[Replacement, ...]) -> Mapped:
    """Apply REPLACING pairs to ``text``; lines and positions stay."""
    if not pairs or not text.lines:
        return text
    tokens = tokenize(text.lines)
    edits: list[Edit] = []
    index = 0
    while index < len(tokens):
        matched = _match_at(tokens, index, pairs, edits)
        index = matched if matched > index else index + 1
    return Mapped(_edit_lines(text.lines, edits), text.runs)


def _edit_lines(lines: list[str], edits: list[Edit]) -> list[str]:
    out = list(lines)
    for line, start, end, new in sorted(edits, reverse=True):
        out[line] = out[line][:start] + new + out[line][end:]
    return out


def _match_at(
    tokens: list[Token], index: int, pairs: tuple[Replacement, ...], edits: list[Edit]
) -> int:
    token = tokens[index]
    text = token.text
    for pair in pairs:
        if pair.mode == "full":
            count = len(pair.pattern)
            window = tokens[index : index + count]
            if (
                count
                and text == token.text
                and [t.key for t in window] == list(pair.pattern)
            ):
                edits.append((token.line, token.start, token.end, pair.replacement))
                edits.extend((t.line, t.start, t.end, "") for t in window[1:])
                return index + count
        elif pair.mode == "tag":
            # GnuCOBOL reads a tag such as :P: as a text-word of its own, so
            # every tag of a word is replaced.
            text = _replace_tag(text, pair) if token.kind == "word" else text
        elif text == token.text:
            new = _partial(token, pair)
            if new is not None:
                text = new
                break
    if text == token.text:
        return index
    edits.append((token.line, token.start, token.end, text))
    return index + 1


def _replace_tag(text: str, pair: Replacement) -> str:
    key = pair.pattern[0]
    upper = text.upper()
    start = upper.find(key)
    while start >= 0:
        text = text[:start] + pair.replacement + text[start + len(key) :]
        upper = text.upper()
        start = upper.find(key, start + len(pair.replacement))
    return text


def _partial(token: Token, pair: Replacement) -> str | None:
    if token.kind != "word" or not pair.pattern:
        return None
    key, text = pair.pattern[0], token.text
    upper = text.upper()
    if pair.mode == "leading" and upper.startswith(key):
        return pair.replacement + text[len(key) :]
    if pair.mode == "trailing" and upper.endswith(key):
        return text[: len(text) - len(key)] + pair.replacement
    return None


def apply_replace_statements(text: Mapped, errors: list[InputError] | None) -> Mapped:
    """Carry out the REPLACE statements of an expanded member and blank
    them out; a member without one is returned as it is."""
    if not find_keywords(text.lines, "REPLACE"):
        return text
    tokens = tokenize(text.lines)
    edits: list[Edit] = []
    # REPLACE ALSO stacks pairs on the active ones, REPLACE LAST OFF pops them.
    stack: list[tuple[Replacement, ...]] = []
    active: tuple[Replacement, ...] = ()
    index = 0
    in_exec = False  # REPLACE inside EXEC SQL is the SQL function
    while index < len(tokens):
        token = tokens[index]
        if token.is_word("EXEC", "END-EXEC"):
            in_exec = token.is_word("EXEC")
        if token.is_word("REPLACE") and not in_exec:
            index = _replace_statement(tokens, index, text, edits, errors, stack)
            active = tuple(pair for pairs in reversed(stack) for pair in pairs)
            continue
        matched = _match_at(tokens, index, active, edits) if active else index
        index = matched if matched > index else index + 1
    return Mapped(_edit_lines(text.lines, edits), text.runs)


def _replace_statement(
    tokens: list[Token],
    index: int,
    text: Mapped,
    edits: list[Edit],
    errors: list[InputError] | None,
    stack: list[tuple[Replacement, ...]],
) -> int:
    """Parse the REPLACE statement at ``index``, update ``stack``, blank the
    statement, and return the index after it."""
    pos = text.pos(tokens[index].line)
    end = index + 1
    words = [t.text.upper() for t in tokens[end : end + 2]]
    if words[:1] == ["OFF"]:
        stack.clear()
        end += 1
    elif words == ["LAST", "OFF"]:
        if stack:
            stack.pop()
        end += 2
    else:
        also = words[:1] == ["ALSO"]
        pairs: list[Replacement] = []
        try:
            end = parse_pairs(tokens, end + 1 if also else end, pairs)
        except InputError as error:
            _report(InputError(error.message, hint=error.hint, pos=pos), errors)
            end = index + 1
        if not also:
            stack.clear()
        stack.append(tuple(pairs))
    if end >= len(tokens) or tokens[end].kind != "period":
        problem = InputError(
            "REPLACE statement is not ended by a period",
            hint="end the REPLACE statement with a period",
            pos=pos,
        )
        _report(problem, errors)
        end = min(end, len(tokens) - 1)
    edits.extend((t.line, t.start, t.end, "") for t in tokens[index : end + 1])
    return end + 1


def _report(error: InputError, errors: list[InputError] | None) -> None:
    if errors is None:
        raise error
    errors.append(error)
