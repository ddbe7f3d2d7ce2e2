"""Errors a user can cause, each mapped to a documented exit code.

The command line catches :class:`MigrateError` once, prints its message and
hint on one line each, and exits with its code; a traceback appears only
with ``--debug``.
"""

from __future__ import annotations

import enum

from migrate.model import SourcePos


class ExitCode(enum.IntEnum):
    OK = 0
    SLICES_FAILED = 1
    USAGE = 2
    TOOL_MISSING = 3
    INTERRUPTED = 130


class MigrateError(Exception):
    """Base of all errors the user can cause and fix."""

    exit_code = ExitCode.USAGE

    def __init__(
        self, message: str, *, hint: str = "", pos: SourcePos | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.pos = pos

    def __str__(self) -> str:
        where = f"{self.pos}: " if self.pos else ""
        return f"{where}{self.message}"


class InputError(MigrateError):
    """Bad source input: a missing copybook, a COPY cycle, an unreadable
    member, an empty folder."""


class UsageError(MigrateError):
    """A bad path, option or repository state."""


class ToolMissingError(MigrateError):
    """A required external tool (cobc, javac, java) is not installed."""

    exit_code = ExitCode.TOOL_MISSING
