"""The consoles for human output, and the logging set-up.

Logs, progress and run summaries go to stderr through :data:`console`. The
main output of a command that exists to show something (the table of
``migrate status``, the report of ``migrate review``) goes to stdout through
:data:`output`. Any other stdout text is machine output such as ``--json``.

Neither console writes an ANSI escape sequence when ``NO_COLOR`` is set or
when its stream is not a terminal. ``FORCE_COLOR`` still turns styles on
for a pipe, unless ``NO_COLOR`` is set too.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TextIO

from rich.console import Console
from rich.logging import RichHandler


def no_color_requested() -> bool:
    """True when ``NO_COLOR`` is set to a non-empty value (no-color.org)."""
    return os.environ.get("NO_COLOR", "") != ""


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False


def _new_console(stderr: bool) -> Console:
    if no_color_requested():
        # rich's own no_color keeps bold, dim and italic. With no colour
        # system rich writes no style at all, and FORCE_COLOR cannot make a
        # pipe a terminal. A real terminal keeps the live view: NO_COLOR is
        # about colour, and the live view's cursor moves are not.
        return Console(
            stderr=stderr,
            color_system=None,
            force_terminal=_is_tty(sys.stderr if stderr else sys.stdout),
        )
    return Console(stderr=stderr)


console = _new_console(stderr=True)
output = _new_console(stderr=False)


def is_interactive() -> bool:
    """True when stderr may show a live display: it is a real terminal, not
    a dumb one, and no CI variable is set.

    ``FORCE_COLOR`` styles a pipe but never makes it live, because the live
    table redraws itself with cursor moves.
    """
    if os.environ.get("CI"):
        return False
    return _is_tty(sys.stderr) and console.is_interactive


def setup_logging(debug: bool = False) -> None:
    """Send logs to stderr: rich on a terminal, plain lines elsewhere."""
    level = logging.DEBUG if debug else logging.INFO
    handler: logging.Handler
    if is_interactive():
        handler = RichHandler(console=console, show_path=False)
        handler.setFormatter(logging.Formatter("%(message)s"))
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
    root = logging.getLogger("migrate")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
