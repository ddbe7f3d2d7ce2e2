"""The one console for human output, and the logging set-up.

Everything meant for a person goes to stderr through :data:`console`;
stdout carries only machine output such as ``--json``.
"""

from __future__ import annotations

import logging
import os
import sys

from rich.console import Console
from rich.logging import RichHandler

console = Console(stderr=True, no_color="NO_COLOR" in os.environ or None)


def is_interactive() -> bool:
    """True when stderr is a terminal and no CI variable is set."""
    return console.is_terminal and not os.environ.get("CI")


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
