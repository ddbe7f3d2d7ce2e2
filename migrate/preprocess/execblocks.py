"""Lift ``EXEC ... END-EXEC`` blocks out of the text before parsing.

The grammar does not read embedded SQL, CICS or DLI, so each block is cut
out into a side table with its position. In the PROCEDURE DIVISION the block
leaves ``CONTINUE`` behind, so that the statement it was keeps its place in
an IF or a paragraph; elsewhere it leaves blanks.
"""

from __future__ import annotations

from migrate.preprocess.tokens import Token, tokenize


def lift_exec_blocks(lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """Return the lines without EXEC blocks, and each block as (index of its
    first line, its text)."""
    if not any("EXEC" in line.upper() for line in lines):
        return lines, []
    out = list(lines)
    blocks: list[tuple[int, str]] = []
    tokens = tokenize(lines)
    in_procedure = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.is_word("DIVISION") and index and tokens[index - 1].is_word("PROCEDURE"):
            in_procedure = True
        if not token.is_word("EXEC", "EXECUTE"):
            index += 1
            continue
        end = index + 1
        while end < len(tokens) and not tokens[end].is_word("END-EXEC"):
            end += 1
        last = tokens[min(end, len(tokens) - 1)]
        blocks.append((token.line, _block_text(lines, token, last)))
        _blank(out, token, last, "CONTINUE" if in_procedure else "")
        index = end + 1
    return out, blocks


def _block_text(lines: list[str], first: Token, last: Token) -> str:
    if first.line == last.line:
        return lines[first.line][first.start : last.end]
    parts = [lines[first.line][first.start :]]
    parts += lines[first.line + 1 : last.line]
    parts.append(lines[last.line][: last.end])
    return "\n".join(part.strip() for part in parts)


def _blank(out: list[str], first: Token, last: Token, filler: str) -> None:
    for line in range(first.line, last.line + 1):
        text = out[line]
        start = first.start if line == first.line else 0
        end = last.end if line == last.line else len(text)
        fill = filler if line == first.line else ""
        out[line] = text[:start] + fill.ljust(end - start) + text[end:]
