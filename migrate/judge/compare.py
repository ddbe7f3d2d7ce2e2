"""Compare a job's COBOL run with its Java run, byte for byte, and describe
every difference as a unified diff."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from migrate.judge.jobs import JobRun, StepRun

# Lines of diff kept as evidence, over all differences of one job.
MAX_DIFF_LINES = 200
# Lines of a failing Java step's stderr kept, usually a stack trace.
MAX_STDERR_LINES = 20


def compare_runs(expected: JobRun, actual: JobRun) -> str:
    """Return the differences between the COBOL run ``expected`` and the
    Java run ``actual`` of one job, or an empty string when they match."""
    sections = [
        *_step_differences(expected, actual),
        *_stdout_difference(expected, actual),
        *_file_differences(expected, actual),
    ]
    if not sections:
        return ""
    lines = [f"job {expected.job}: the Java run differs from the COBOL run"]
    for section in sections:
        lines.extend(section)
    lines.extend(_java_errors(actual))
    if len(lines) > MAX_DIFF_LINES:
        dropped = len(lines) - MAX_DIFF_LINES
        lines = lines[:MAX_DIFF_LINES] + [f"... {dropped} more lines"]
    return "\n".join(lines)


def _step_differences(expected: JobRun, actual: JobRun) -> Iterator[list[str]]:
    for cobol, java in zip(expected.steps, actual.steps, strict=False):
        left, right = _step_exit(cobol), _step_exit(java)
        if left != right:
            yield [f"step {cobol.step} ({cobol.program}): COBOL {left}, Java {right}"]


def _step_exit(step: StepRun) -> str:
    if step.outcome is None:
        return step.skipped
    return step.outcome.describe_exit()


def _stdout_difference(expected: JobRun, actual: JobRun) -> Iterator[list[str]]:
    left, right = _stdout(expected), _stdout(actual)
    if left != right:
        yield diff_bytes(left, right, "cobol/stdout", "java/stdout")


def _stdout(run: JobRun) -> bytes:
    return b"".join(s.outcome.stdout for s in run.steps if s.outcome is not None)


def _file_differences(expected: JobRun, actual: JobRun) -> Iterator[list[str]]:
    left, right = dict(expected.files), dict(actual.files)
    for name in sorted(left.keys() | right.keys()):
        if name not in right:
            yield [f"file {name}: written by COBOL, not by Java"]
        elif name not in left:
            yield [f"file {name}: written by Java, not by COBOL"]
        elif left[name] != right[name]:
            yield diff_bytes(left[name], right[name], f"cobol/{name}", f"java/{name}")


def diff_bytes(left: bytes, right: bytes, left_name: str, right_name: str) -> list[str]:
    """Return a unified diff of two byte strings, line by line."""
    # Latin-1 maps every byte to one character, so the diff loses nothing;
    # repr shows trailing spaces and control bytes that a plain line hides.
    old = [repr(line)[1:-1] for line in left.decode("latin-1").splitlines()]
    new = [repr(line)[1:-1] for line in right.decode("latin-1").splitlines()]
    lines = list(difflib.unified_diff(old, new, left_name, right_name, lineterm=""))
    if not lines:
        # Same lines, so the bytes differ in line endings only.
        return [f"{left_name} and {right_name} differ in line endings"]
    return lines


def _java_errors(actual: JobRun) -> list[str]:
    lines: list[str] = []
    for step in actual.steps:
        outcome = step.outcome
        if outcome is None or not outcome.stderr.strip():
            continue
        if outcome.returncode == 0 and not outcome.timed_out:
            continue
        text = outcome.stderr.decode("latin-1").strip().splitlines()
        lines.append(f"stderr of Java step {step.step} ({step.program}):")
        lines.extend(f"  {line}" for line in text[:MAX_STDERR_LINES])
    return lines
