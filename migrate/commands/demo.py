"""`migrate demo [DEST]`: migrate a copy of the bundled bank estate."""

from __future__ import annotations

import shutil
from pathlib import Path

import typer

import migrate
from migrate.commands.run import exit_on_failures, run_options
from migrate.commit import init_repository
from migrate.console import console
from migrate.errors import UsageError
from migrate.schedule.summary import print_summary


def bank_fixture() -> Path:
    """Return the bank estate that ships next to the package."""
    return Path(migrate.__file__).resolve().parent.parent / "fixtures" / "bank"


def demo_command(
    dest: Path = typer.Argument(
        Path("migrate-demo"), help="New or empty folder for the demo estate."
    ),
    agents: int = typer.Option(4, "--agents", "-n", help="Number of parallel agents."),
) -> None:
    """Copy the bank estate into DEST, commit it in a new git repository,
    and migrate it as 'migrate run' would."""
    source = bank_fixture()
    if not source.is_dir():
        raise UsageError(
            f"the bank estate is not installed (looked in {source})",
            hint="run the demo from a source checkout of migrate, "
            "which has fixtures/bank",
        )
    target = dest.resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(
            f"{target} exists and is not an empty folder",
            hint="give a new folder, for example 'migrate demo ./bank-demo'",
        )
    # Run state of a migration inside the fixture itself stays behind.
    ignore = shutil.ignore_patterns(".migrate", ".git")
    shutil.copytree(source, target, dirs_exist_ok=True, ignore=ignore)
    commit = init_repository(target, "Add the bank estate")
    console.print(
        f"copied the bank estate to {target} and committed it as {commit[:12]}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    from migrate.schedule.runner import run_estate

    report = run_estate(target, run_options(agents=agents))
    print_summary(report, console)
    console.print(
        f"The demo estate is {target}. List its branches with:\n"
        f"  git -C {target} branch --list 'migrate/*'\n"
        "and read one slice, the nightly posting program, with:\n"
        f"  migrate review posttran {target}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    exit_on_failures(report)
