"""Small pieces of Java text: literals, constants and indented blocks."""

from __future__ import annotations

import re
from decimal import Decimal

INDENT = "    "


def java_string(text: str) -> str:
    """Return a Java string literal for ISO-8859-1 ``text``."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 32 <= code < 127:
            out.append(char)
        else:
            out.append(f"\\u{code:04x}")
    out.append('"')
    return "".join(out)


def indent(lines: list[str], levels: int = 1) -> list[str]:
    """Indent every non-empty line by ``levels`` steps."""
    prefix = INDENT * levels
    return [prefix + line if line else line for line in lines]


def block(header: str, body: list[str], footer: str = "}") -> list[str]:
    """Return ``header {``, the indented body and the closing brace."""
    return [header + " {"] + indent(body) + [footer]


def normalize_number(text: str) -> str:
    """Return a COBOL numeric literal as Java's BigDecimal reads it,
    keeping the scale as written (``+12.50`` is ``12.50``)."""
    text = text.lstrip("+")
    if text.startswith("-."):
        text = "-0" + text[1:]
    elif text.startswith("."):
        text = "0" + text
    Decimal(text)  # raises for text that is no number
    return text


def moved_digits(text: str) -> str:
    """Return the characters that MOVE and VALUE store in an alphanumeric item
    for the numeric literal ``text``: as written, without its sign
    (GnuCOBOL 3.1.2 stores ``-007`` as ``007``)."""
    return text.lstrip("+-")


def compared_digits(text: str) -> str:
    """Return the characters that GnuCOBOL 3.1.2 compares with an
    alphanumeric operand for the numeric literal ``text``: the sign as
    written and the digits without the decimal point (``-1.5`` is ``-15``)."""
    return text.replace(".", "")


class ConstantPool:
    """Named ``BigDecimal`` constants for the numeric literals of a class."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def number(self, text: str) -> str:
        """Return the constant's name for the numeric literal ``text``."""
        value = normalize_number(text)
        if value in self._names:
            return self._names[value]
        body = re.sub(
            r"[^0-9A-Za-z]", "_", value.replace("-", "MINUS_").replace(".", "_")
        )
        name = f"N_{body}"
        self._names[value] = name
        return name

    def declarations(self) -> list[str]:
        """Return the field declarations of every constant used."""
        return [
            f"private static final BigDecimal {name} = "
            f"new BigDecimal({java_string(value)});"
            for value, name in self._names.items()
        ]
