"""The ``migrate`` command line: one typer app, one module per subcommand
under :mod:`migrate.commands`, and one place that maps errors to exit
codes."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import signal
import sqlite3
import sys
import types
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import click
import typer

from migrate.console import console, output, setup_logging
from migrate.errors import ExitCode, MigrateError

# gitpython raises ImportError at import time when no git executable is
# found; deferring that check lets `migrate doctor` report the missing tool.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

_typer_click: types.ModuleType
try:  # typer 0.29 raises the exceptions of its own copy of click.
    from typer._click import exceptions as _typer_click
except ImportError:  # pragma: no cover - other typer versions
    _typer_click = click.exceptions

_EXIT = (click.exceptions.Exit, typer.Exit)
_ABORT = (click.exceptions.Abort, typer.Abort)
_CLICK_ERROR = (click.exceptions.ClickException, _typer_click.ClickException)


EXIT_CODES = (
    "Exit codes: 0 success; 1 some slices failed verification (or, for "
    "plan --strict, something is unresolved); 2 usage or input error; "
    "3 a required tool is missing; 130 interrupted; 141 the reader of "
    "stdout closed it early, as 'head' does."
)
# The exit code shells give a process that SIGPIPE ended: 128 + 13.
BROKEN_PIPE_EXIT = 128 + int(signal.SIGPIPE)

_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")

app = typer.Typer(
    help="Migrate a COBOL estate to verified Java, slice by slice, with many "
    "agents at once.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_debug = False
logger = logging.getLogger(__name__)


@app.callback()
def _global_options(
    debug: bool = typer.Option(
        False, "--debug", help="Show tracebacks and debug logs."
    ),
) -> None:
    global _debug
    _debug = debug
    setup_logging(debug)


def _register() -> None:
    from migrate.commands import demo, doctor, plan, review, run, status

    app.command("plan", epilog=EXIT_CODES)(_pipe_safe(plan.plan_command))
    app.command("run", epilog=EXIT_CODES)(_pipe_safe(run.run_command))
    app.command("status", epilog=EXIT_CODES)(_pipe_safe(status.status_command))
    app.command("review", epilog=EXIT_CODES)(_pipe_safe(review.review_command))
    app.command("doctor", epilog=EXIT_CODES)(_pipe_safe(doctor.doctor_command))
    app.command("demo", epilog=EXIT_CODES)(_pipe_safe(demo.demo_command))


def _pipe_safe(command: Callable[_Params, _Result]) -> Callable[_Params, _Result]:
    """Wrap a command so that a closed stdout ends it with exit code 141.

    Both rich and typer turn a broken pipe into exit code 1, the code of
    failed slices, so the command's own frame must catch it first. rich
    (15.0, ``Console.on_broken_pipe``) marks its console quiet and raises
    SystemExit, so a quiet console marks that exit apart from any other.
    """

    @functools.wraps(command)
    def wrapper(*args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(BROKEN_PIPE_EXIT) from None
        except SystemExit:
            if not (output.quiet or console.quiet):
                raise
            _silence_stdout()
            raise typer.Exit(BROKEN_PIPE_EXIT) from None

    return wrapper


def _silence_stdout() -> None:
    """Point stdout at the null device after its reader closed the pipe.

    Python flushes stdout once more at exit, which would raise again and
    print a traceback. After the redirection, that flush writes nowhere.
    """
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(null, sys.stdout.fileno())
    finally:
        os.close(null)


def report_error(error: MigrateError) -> None:
    """Print a user error as one line, and its hint on the next."""
    console.print(
        f"error: {error}", style="red", markup=False, highlight=False, soft_wrap=True
    )
    if error.hint:
        console.print(
            f"hint: {error.hint}", markup=False, highlight=False, soft_wrap=True
        )


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with a documented exit code."""
    _register()
    try:
        # Without standalone mode, click returns the code of a typer.Exit
        # instead of raising it.
        code = app(args=argv, standalone_mode=False)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(BROKEN_PIPE_EXIT)
    except MigrateError as error:
        if _debug:
            logger.exception("failed")
        report_error(error)
        sys.exit(int(error.exit_code))
    except _EXIT as stop:
        sys.exit(stop.exit_code)
    except (*_ABORT, KeyboardInterrupt):
        console.print("interrupted")
        sys.exit(int(ExitCode.INTERRUPTED))
    except _CLICK_ERROR as error:
        error.show(file=sys.stderr)
        sys.exit(int(ExitCode.USAGE))
    except sqlite3.DatabaseError as error:
        if _debug:
            logger.exception("failed")
        report_error(
            MigrateError(
                f"the run journal in .migrate/ is unreadable: {error}",
                hint="move .migrate/journal.sqlite away and run again; verified "
                "slices keep their branches",
            )
        )
        sys.exit(int(ExitCode.USAGE))
    sys.exit(code if isinstance(code, int) else int(ExitCode.OK))
