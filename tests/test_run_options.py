"""The numeric options of `migrate run`, checked before anything runs: a
bad value ends with exit code 2, one error line and no traceback, and no
branch is written. The agents option drives the judge's JVM pool, which
stays at one server per core."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import migrate
from test_bad_input_run import committed_estate, git, program

from migrate.config import Config
from migrate.judge.sandbox import Isolation, Sandbox
from migrate.judge.verify import Judge


@pytest.fixture(scope="module")
def estate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return committed_estate(
        tmp_path_factory.mktemp("options") / "estate", {"HELLO.cbl": program("HELLO")}
    )


# (option, value, part of the error line)
BAD_OPTIONS = [
    ("--run-timeout", "nan", "--run-timeout must be a finite number of seconds"),
    ("--run-timeout", "inf", "above 0, not inf"),
    ("--run-timeout", "-1", "above 0, not -1.0"),
    ("--run-timeout", "0", "above 0, not 0.0"),
    ("--run-timeout", "1e308", "--run-timeout must be at most 86,400 seconds"),
    ("--request-timeout", "nan", "--request-timeout must be a finite number"),
    ("--request-timeout", "0", "above 0, not 0.0"),
    ("--request-timeout", "1e9", "--request-timeout must be at most 86,400"),
    ("--budget-usd", "-1", "--budget-usd must be a finite amount of 0 or more"),
    ("--budget-usd", "nan", "0 or more, not nan"),
    ("--budget-usd", "inf", "0 or more, not inf"),
    ("--rpm", "-1", "--rpm must be 0 or more, not -1"),
    ("--tpm", "-5", "--tpm must be 0 or more, not -5"),
    ("--interrupt-grace", "nan", "--interrupt-grace must be a finite number"),
]


@pytest.mark.parametrize(("option", "value", "message"), BAD_OPTIONS)
def test_run_bad_number_rejected(
    estate: Path, option: str, value: str, message: str
) -> None:
    result = migrate("run", str(estate), option, value)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 1
    assert message in errors[0]
    assert git(estate, "branch", "--list", "migrate/*") == ""
    assert not (estate / ".migrate").exists()


def test_jvm_pool_capped_at_cores(tmp_path: Path) -> None:
    config = Config(agents=50)
    judge = Judge(tmp_path, config, None, Sandbox(Isolation.JVM_POLICY), tmp_path)
    try:
        # Creating the pool starts no server, because the first request does.
        assert judge._jvm_pool().size == min(50, os.cpu_count() or 1)
    finally:
        judge.close()
