"""The messages between the client and a judge server, and the results the
client returns.

Each message is one JSON object on one line, in UTF-8. Byte strings
(stdin, stdout, stderr) travel as base64. The server responds to every request
twice: ``{"id": N, "accepted": true}`` once it has read the request, then
the response ``{"id": N, "ok": true, ...}`` or ``{"id": N, "ok": false,
"error": TEXT}``.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migrate.model import JavaSource


class JvmServerError(RuntimeError):
    """A judge server failed: it could not start, rejected a request, broke
    the protocol or died while it handled a request."""


@dataclass(frozen=True)
class Diagnostic:
    """One javac diagnostic. ``file`` is the source path as the request gave
    it. ``line`` and ``column`` are 1-based: a tab counts as one column, and
    the column is 0 when javac showed no caret. ``message`` includes javac's
    extra lines such as ``symbol:``."""

    file: str
    line: int
    column: int
    kind: str
    message: str


@dataclass(frozen=True)
class CompileResult:
    """The outcome of one compilation: whether it succeeded, javac's output
    as the javac command prints it, and its diagnostics one by one."""

    success: bool
    output: str
    diagnostics: tuple[Diagnostic, ...]
    out_dir: Path

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of kind error."""
        return tuple(d for d in self.diagnostics if d.kind == "error")


@dataclass(frozen=True)
class RunResult:
    """The outcome of one run, as a separate ``java`` process would end.

    ``exit_code`` is the process exit status (the low 8 bits of the value
    passed to ``System.exit``), or -9 after a timeout, as for a process the
    sandbox kills with SIGKILL. ``bridge`` is how the server connected the
    runtime library: ``hook``, ``compat`` or ``none``.
    """

    stdout: bytes
    stderr: bytes
    exit_code: int
    timed_out: bool
    elapsed: float = 0.0
    bridge: str = ""


def encode(request_id: int, op: str, fields: Mapping[str, Any]) -> bytes:
    """Return the request line of ``op`` with ``fields``."""
    message = {"id": request_id, "op": op, **fields}
    return json.dumps(message, separators=(",", ":")).encode("utf-8") + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    """Parse one line of the server; raise :class:`JvmServerError` when it is
    not a JSON object."""
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise JvmServerError(
            f"invalid line from the judge server: {line[:200]!r}"
        ) from error
    if not isinstance(message, dict):
        raise JvmServerError(f"invalid line from the judge server: {line[:200]!r}")
    return message


def compile_fields(
    sources: Sequence[JavaSource], classpath: Sequence[Path], out_dir: Path
) -> dict[str, Any]:
    """Return the fields of a compile request."""
    return {
        "sources": [{"path": s.path, "text": s.text} for s in sources],
        "classpath": [str(Path(entry).resolve()) for entry in classpath],
        "out": str(Path(out_dir).resolve()),
    }


def run_fields(
    main_class: str,
    classpath: Sequence[Path],
    cwd: Path,
    env: Mapping[str, str],
    stdin: bytes,
    timeout: float,
    args: Sequence[str],
    output_limit: int,
) -> dict[str, Any]:
    """Return the fields of a run request. ``output_limit`` is the number of
    bytes of stdout, and of stderr, the server keeps before writes fail."""
    return {
        "main": main_class,
        "classpath": [str(Path(entry).resolve()) for entry in classpath],
        "cwd": str(Path(cwd).resolve()),
        "env": dict(env),
        "stdin": base64.b64encode(stdin).decode("ascii"),
        "timeout": timeout,
        "args": list(args),
        "output_limit": output_limit,
    }


def compile_result(response: Mapping[str, Any], out_dir: Path) -> CompileResult:
    """Build the result of a compile response."""
    diagnostics = tuple(
        Diagnostic(
            file=item["file"],
            line=int(item["line"]),
            column=int(item["column"]),
            kind=item["kind"],
            message=item["message"],
        )
        for item in response["diagnostics"]
    )
    return CompileResult(
        bool(response["success"]), response["output"], diagnostics, out_dir
    )


def run_result(response: Mapping[str, Any]) -> RunResult:
    """Build the result of a run response."""
    return RunResult(
        stdout=base64.b64decode(response["stdout"]),
        stderr=base64.b64decode(response["stderr"]),
        exit_code=int(response["exit"]),
        timed_out=bool(response["timed_out"]),
        elapsed=float(response.get("elapsed", 0.0)),
        bridge=str(response.get("bridge", "")),
    )
