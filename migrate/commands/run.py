"""`migrate run PATH --agents N`: convert, verify and commit every slice."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from migrate.config import MAX_RUN_TIMEOUT
from migrate.console import console
from migrate.convert import CONVERTER_NAMES, ConverterOptions
from migrate.errors import ExitCode, UsageError
from migrate.schedule.interrupt import DEFAULT_GRACE_SECONDS
from migrate.schedule.summary import print_summary

if TYPE_CHECKING:
    from migrate.schedule.runner import RunOptions, RunReport

# The same bound as for a program run: one day.
MAX_REQUEST_TIMEOUT = MAX_RUN_TIMEOUT


def run_command(
    path: Path = typer.Argument(
        ..., help="Folder of the COBOL estate, inside a git work tree."
    ),
    agents: int = typer.Option(
        None,
        "--agents",
        "-n",
        help="Number of parallel agents (default: the estate's 'agents' setting, 4).",
    ),
    converter: str = typer.Option(
        "rules", "--converter", help=f"Converter: {', '.join(CONVERTER_NAMES)}."
    ),
    model: str = typer.Option(
        "", "--model", help="LLM model for llm and hybrid, as litellm names it."
    ),
    api_base: str = typer.Option(
        "", "--api-base", help="Base URL of the LLM provider's API."
    ),
    max_attempts: int = typer.Option(
        3,
        "--max-attempts",
        help="Conversions per slice, the first plus repairs with the judge's evidence.",
    ),
    rpm: int = typer.Option(
        0, "--rpm", help="LLM requests per minute at most; 0 for no limit."
    ),
    tpm: int = typer.Option(
        0, "--tpm", help="LLM tokens per minute at most; 0 for no limit."
    ),
    budget_usd: float = typer.Option(
        0.0,
        "--budget-usd",
        help="LLM spending limit of this run in US dollars; 0 for none.",
    ),
    request_timeout: float = typer.Option(
        120.0, "--request-timeout", help="Seconds to wait for one LLM response."
    ),
    run_timeout: float = typer.Option(
        None,
        "--run-timeout",
        help="Seconds one program may run in the judge (default 60).",
    ),
    interrupt_grace: float = typer.Option(
        DEFAULT_GRACE_SECONDS,
        "--interrupt-grace",
        help="Seconds the running slices get to finish after Ctrl-C before "
        "they are cancelled; a second Ctrl-C cancels them at once.",
    ),
    schedule: str = typer.Option(
        "topological",
        "--schedule",
        help="Scheduling policy: 'topological' converts a slice once every "
        "slice it depends on is verified; 'contract' converts each program "
        "against interface stubs of its callees as soon as its record "
        "slices are verified, and verifies it once its callees are.",
    ),
    settings: list[str] = typer.Option(
        [],
        "--set",
        help="Override a setting of migrate.toml for this run, as KEY=VALUE "
        "with a TOML value; repeat for more.",
    ),
) -> None:
    """Convert every slice of the estate at PATH to Java, verify it against
    the original COBOL, and commit it on its branch migrate/<slice>."""
    options = run_options(
        agents=agents,
        converter=converter,
        model=model,
        api_base=api_base,
        max_attempts=max_attempts,
        rpm=rpm,
        tpm=tpm,
        budget_usd=budget_usd,
        request_timeout=request_timeout,
        run_timeout=run_timeout,
        interrupt_grace=interrupt_grace,
        schedule=schedule,
        settings=tuple(settings),
    )
    # The pipeline loads on first use, so that the other commands start
    # fast and work even where it cannot load.
    from migrate.schedule.runner import run_estate

    finish(run_estate(path, options))


def run_options(
    *,
    agents: int | None,
    converter: str = "rules",
    model: str = "",
    api_base: str = "",
    max_attempts: int = 3,
    rpm: int = 0,
    tpm: int = 0,
    budget_usd: float = 0.0,
    request_timeout: float = 120.0,
    run_timeout: float | None = None,
    interrupt_grace: float = DEFAULT_GRACE_SECONDS,
    schedule: str = "topological",
    settings: tuple[str, ...] = (),
) -> RunOptions:
    """Check the options of ``migrate run`` and bundle them."""
    from migrate.schedule.policy import Schedule
    from migrate.schedule.runner import RunOptions

    if agents is not None and agents < 1:
        raise UsageError(f"--agents must be at least 1, not {agents}")
    if run_timeout is not None:
        _check_seconds("--run-timeout", run_timeout, MAX_RUN_TIMEOUT)
    _check_seconds("--request-timeout", request_timeout, MAX_REQUEST_TIMEOUT)
    if not math.isfinite(budget_usd) or budget_usd < 0:
        raise UsageError(
            f"--budget-usd must be a finite amount of 0 or more, not {budget_usd}",
            hint="give the spending limit in US dollars, or 0 for none",
        )
    for flag, limit in (("--rpm", rpm), ("--tpm", tpm)):
        if limit < 0:
            raise UsageError(
                f"{flag} must be 0 or more, not {limit}", hint="0 sets no limit"
            )
    if not math.isfinite(interrupt_grace) or interrupt_grace < 0:
        raise UsageError(
            "--interrupt-grace must be a finite number of seconds, 0 or more, "
            f"not {interrupt_grace}"
        )
    if max_attempts < 1:
        raise UsageError(f"--max-attempts must be at least 1, not {max_attempts}")
    if converter not in CONVERTER_NAMES:
        raise UsageError(
            f"unknown converter {converter!r}",
            hint=f"choose one of: {', '.join(CONVERTER_NAMES)}",
        )
    schedules = [kind.value for kind in Schedule]
    if schedule not in schedules:
        raise UsageError(
            f"unknown schedule {schedule!r}",
            hint=f"choose one of: {', '.join(schedules)}",
        )
    return RunOptions(
        agents=agents,
        converter=ConverterOptions(
            name=converter,
            model=model,
            api_base=api_base,
            max_attempts=max_attempts,
            requests_per_minute=rpm,
            tokens_per_minute=tpm,
            budget_usd=budget_usd,
            request_timeout=request_timeout,
        ),
        run_timeout=run_timeout,
        interrupt_grace=interrupt_grace,
        schedule=Schedule(schedule),
        settings=settings,
    )


def _check_seconds(flag: str, seconds: float, maximum: float) -> None:
    """Raise :class:`UsageError` unless ``seconds`` is finite, above 0 and
    at most ``maximum``."""
    hint = f"give a number of seconds, such as {flag} 60"
    if not math.isfinite(seconds) or seconds <= 0:
        raise UsageError(
            f"{flag} must be a finite number of seconds above 0, not {seconds}",
            hint=hint,
        )
    if seconds > maximum:
        raise UsageError(
            f"{flag} must be at most {maximum:,.0f} seconds (one day), not {seconds}",
            hint=hint,
        )


def finish(report: RunReport) -> None:
    """Print the summary; exit 130 when interrupted, or 1 unless every slice
    is verified."""
    print_summary(report, console)
    exit_on_failures(report)


def exit_on_failures(report: RunReport) -> None:
    """Exit 130 when the run was interrupted, or 1 unless every slice of the
    run is verified."""
    if report.interrupted:
        console.print(
            f"interrupted: run 'migrate run {report.root}' again to go on; "
            "verified slices are not done again",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(int(ExitCode.INTERRUPTED))
    if not report.ok:
        raise typer.Exit(int(ExitCode.SLICES_FAILED))
