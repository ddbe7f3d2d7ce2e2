"""One judge server process: starting it, sending it a request and reading
the response within a time limit, and stopping it."""

from __future__ import annotations

import contextlib
import logging
import os
import resource
import select
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migrate.judge.java import JVM_FLAGS
from migrate.judge.jvm.build import SERVER_CLASS
from migrate.judge.jvm.protocol import JvmServerError, decode, encode

logger = logging.getLogger(__name__)

MIB = 1024 * 1024
# Time a new server has to respond to its first ping, in seconds.
START_TIMEOUT = 60.0
# Lines of a dead server's stderr log quoted in the error.
LOG_TAIL_LINES = 20


class ServerLost(JvmServerError):
    """The server process ended or stopped responding during a request.
    ``accepted`` is true when it had read the request first, which means a
    run may have happened in part."""

    def __init__(self, message: str, *, accepted: bool) -> None:
        super().__init__(message)
        self.accepted = accepted


@dataclass(frozen=True)
class ServerLimits:
    """Resource limits of a whole server process, set with ``setrlimit``.

    ``file_bytes`` equals the sandbox's limit for one separate program, and
    it limits each file a run writes in the same way. There is no CPU time
    limit, because a server's CPU time adds up over all its runs.
    """

    data_bytes: int = 3072 * MIB
    file_bytes: int = 64 * MIB
    open_files: int = 1024

    def apply(self) -> None:
        """Set the limits on the calling process (between fork and exec)."""
        resource.setrlimit(resource.RLIMIT_DATA, (self.data_bytes, self.data_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (self.file_bytes, self.file_bytes))
        resource.setrlimit(resource.RLIMIT_NOFILE, (self.open_files, self.open_files))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@dataclass(frozen=True)
class ServerOptions:
    """How to start a server: the java command, heap and run thread stack,
    an optional command prefix (such as a namespace wrapper), limits, the
    environment of the server process and extra JVM flags."""

    java: str = "java"
    heap: str = "768m"
    stack_bytes: int = 16 * MIB
    command_prefix: tuple[str, ...] = ()
    limits: ServerLimits | None = ServerLimits()
    env: Mapping[str, str] | None = None
    jvm_flags: tuple[str, ...] = ()


def server_environment(scratch: Path) -> dict[str, str]:
    """Return the environment a server starts with by default: the one the
    judge gives every job step, so the JVM's default locale and time zone
    match those of a separate ``java`` process."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(scratch),
        "LANG": "C",
        "LC_ALL": "C",
        "TZ": "UTC",
    }


class JvmServer:
    """A running judge server. Not thread-safe: the pool lends each server
    to one thread at a time."""

    def __init__(self, classes: Path, options: ServerOptions, scratch: Path) -> None:
        self.scratch = scratch
        self._next_id = 0
        self._buffer = b""
        self._log_path = scratch / "server.log"
        request_read, self._request_write = os.pipe()
        self._response_read, response_write = os.pipe()
        command = _server_command(
            classes, options, scratch, (request_read, response_write)
        )
        limits = options.limits
        try:
            with open(self._log_path, "ab") as log:
                self.process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                    cwd=scratch,
                    env=dict(options.env or server_environment(scratch)),
                    pass_fds=(request_read, response_write),
                    start_new_session=True,
                    preexec_fn=limits.apply if limits is not None else None,
                )
        except OSError as error:
            os.close(self._request_write)
            os.close(self._response_read)
            raise JvmServerError(f"cannot start {options.java}: {error}") from error
        finally:
            os.close(request_read)
            os.close(response_write)

        pong = self.request("ping", {}, START_TIMEOUT)
        self.guarded = bool(pong.get("guard"))
        logger.debug("judge server %d started (guard %s)", self.pid, self.guarded)

    @property
    def pid(self) -> int:
        """The process id of the server (of the command prefix, if any)."""
        return self.process.pid

    def alive(self) -> bool:
        """Return whether the server process is still running."""
        return self.process.poll() is None

    def request(
        self, op: str, fields: Mapping[str, Any], timeout: float
    ) -> dict[str, Any]:
        """Send one request and return the response fields.

        Raise :class:`ServerLost` when the server ends or does not respond
        within ``timeout`` seconds (it is then killed), and
        :class:`JvmServerError` when it rejects the request.
        """
        self._next_id += 1
        request_id = self._next_id
        try:
            _write_all(self._request_write, encode(request_id, op, fields))
        except OSError as error:
            self.kill()
            raise ServerLost(
                self._lost_message(f"{op}: {error}"), accepted=False
            ) from error
        deadline = time.monotonic() + timeout
        accepted = self._read(deadline, op, accepted=False)
        if accepted.get("id") != request_id or not accepted.get("accepted"):
            self.kill()
            raise JvmServerError(
                f"judge server sent a response out of order: {accepted}"
            )
        response = self._read(deadline, op, accepted=True)
        if response.get("restart"):
            # The server exits after this response; reap it now.
            self._wait_gone()
        if not response.get("ok"):
            raise JvmServerError(f"judge server rejected {op}: {response.get('error')}")
        return response

    def _read(self, deadline: float, op: str, *, accepted: bool) -> dict[str, Any]:
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise ServerLost(
                    self._lost_message(f"{op} timed out in the server"),
                    accepted=accepted,
                )
            ready, _, _ = select.select([self._response_read], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self._response_read, 1 << 20)
            if not chunk:
                self.kill()
                raise ServerLost(
                    self._lost_message(f"{op}: server ended"), accepted=accepted
                )
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return decode(line)

    def _lost_message(self, what: str) -> str:
        code = self.process.poll()
        ended = f" with exit status {code}" if code is not None else ""
        return f"judge server {self.pid} lost ({what}){ended}{self._log_tail()}"

    def _log_tail(self) -> str:
        try:
            lines = self._log_path.read_text("utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        tail = lines[-LOG_TAIL_LINES:]
        return "; its log ends:\n" + "\n".join(tail) if tail else ""

    def shutdown(self, timeout: float = 5.0) -> None:
        """Ask the server to exit, and kill it when it does not."""
        if self.alive():
            with contextlib.suppress(JvmServerError):
                self.request("shutdown", {}, timeout)
        self.kill()

    def kill(self) -> None:
        """Kill the server process and close its pipes."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, 9)
        self._wait_gone()
        for fd in (self._request_write, self._response_read):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._request_write = self._response_read = -1

    def _wait_gone(self) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _server_command(
    classes: Path, options: ServerOptions, scratch: Path, fds: tuple[int, int]
) -> list[str]:
    request_fd, response_fd = fds
    return [
        *options.command_prefix,
        options.java,
        *_server_flags(options.heap, scratch),
        *options.jvm_flags,
        "-cp",
        str(classes),
        SERVER_CLASS,
        "--in-fd",
        str(request_fd),
        "--out-fd",
        str(response_fd),
        "--stack-size",
        str(options.stack_bytes),
    ]


def _server_flags(heap: str, scratch: Path) -> Sequence[str]:
    # The same byte encodings as a separate java process of the judge. Only
    # the JIT's first tier: every run loads its classes anew, so little code
    # lives long enough for the second tier to pay, and on a busy machine its
    # compiler threads slowed javac down (benchmarks/verify_benchmark.py).
    encodings = [flag for flag in JVM_FLAGS if flag.startswith("-D")]
    return (
        "-Djava.security.manager=allow",
        f"-Xmx{heap}",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-XX:-UsePerfData",
        "-Xshare:auto",
        f"-Djava.io.tmpdir={scratch}",
        *encodings,
    )
