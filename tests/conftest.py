"""Shared helpers of the test suite: writing small estates to disk and
running the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# litellm fetches its price list at import time unless told not to; no test
# may reach the network.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"


def fixed(text: str) -> str:
    """Turn area A/B text into fixed format: 7 columns of sequence area and
    indicator in front of each line. A line starting with ``*`` becomes a
    comment line; ``-`` in front makes a continuation line."""
    lines = []
    for number, line in enumerate(textwrap.dedent(text).strip("\n").splitlines(), 1):
        if line.startswith(("*", "/", "-", "D ")):
            lines.append(f"{number:06d}{line[0]}{line[1:]}")
        else:
            lines.append(f"{number:06d} {line}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def write_estate(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write files given as {relpath: text} under a new estate folder."""

    def write(files: dict[str, str], root: Path | None = None) -> Path:
        base = root or tmp_path / "estate"
        for relpath, text in files.items():
            path = base / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return base

    return write


def migrate(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m migrate ARGS`` and return its exit code and output.
    The terminal is wide enough that rich never wraps a message line."""
    environment = {**os.environ, "COLUMNS": "250"} if env is None else env
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
