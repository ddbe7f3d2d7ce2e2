"""A pool of judge servers that many threads share."""

from __future__ import annotations

import atexit
import logging
import os
import queue
import shutil
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from migrate.judge.java import COMPILE_TIMEOUT
from migrate.judge.jvm.build import server_classes
from migrate.judge.jvm.protocol import (
    CompileResult,
    JvmServerError,
    RunResult,
    compile_fields,
    compile_result,
    run_fields,
    run_result,
)
from migrate.judge.jvm.server import JvmServer, ServerLimits, ServerLost, ServerOptions
from migrate.model import JavaSource

logger = logging.getLogger(__name__)

# Seconds a run may take beyond its own timeout before the client gives up
# on the server: the server's grace after an interrupt and the response.
RUN_MARGIN = 30.0


class _Slot:
    """A place for one server in the pool; its server starts on first use."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.server: JvmServer | None = None


class JvmPool:
    """Judge servers, one per core by default, started when first needed.

    :meth:`compile` and :meth:`run` may be called from many threads at once.
    Each call takes an idle server, or waits for one. A server that died is
    started again before the next call that needs it. A request the server
    never read is retried once on a new server, and so is a compilation. A
    run that was under way when its server died raises
    :class:`JvmServerError`, because its files may be half written.
    """

    def __init__(
        self,
        size: int | None = None,
        *,
        cache_dir: Path | None = None,
        scratch_root: Path | None = None,
        java: str = "java",
        javac: str = "javac",
        heap: str = "768m",
        stack_bytes: int = 16 * 1024 * 1024,
        command_prefix: Sequence[str] = (),
        limits: ServerLimits | None = ServerLimits(),
        server_env: Mapping[str, str] | None = None,
        jvm_flags: Sequence[str] = (),
    ) -> None:
        self.size = size or os.cpu_count() or 1
        self._cache_dir = cache_dir
        self._javac = javac
        self._options = ServerOptions(
            java,
            heap,
            stack_bytes,
            tuple(command_prefix),
            limits,
            server_env,
            tuple(jvm_flags),
        )
        self._scratch_root = scratch_root
        self._classes: Path | None = None
        self._build_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._all = [_Slot(index) for index in range(self.size)]
        # Last in, first out, so that a light load keeps reusing warm servers.
        self._idle: queue.LifoQueue[_Slot] = queue.LifoQueue()
        for slot in reversed(self._all):
            self._idle.put(slot)
        self._closed = False
        atexit.register(self.close)

    def compile(
        self, sources: Sequence[JavaSource], classpath: Sequence[Path], out_dir: Path
    ) -> CompileResult:
        """Compile ``sources`` against ``classpath`` into ``out_dir``."""
        fields = compile_fields(sources, classpath, out_dir)
        response = self._call("compile", fields, COMPILE_TIMEOUT, retry_accepted=True)
        return compile_result(response, Path(out_dir))

    def run(
        self,
        main_class: str,
        classpath: Sequence[Path],
        cwd: Path,
        env: Mapping[str, str],
        stdin: bytes = b"",
        timeout: float = 60.0,
        args: Sequence[str] = (),
    ) -> RunResult:
        """Run ``main_class`` as a separate ``java`` process would, in the
        existing folder ``cwd``, with exactly the variables ``env``."""
        limit = (self._options.limits or ServerLimits()).file_bytes
        fields = run_fields(
            main_class, classpath, cwd, env, stdin, timeout, args, limit
        )
        response = self._call("run", fields, timeout + RUN_MARGIN, retry_accepted=False)
        return run_result(response)

    def ping(self) -> dict[str, Any]:
        """Ping one server (starting it if needed); return its pid as the
        JVM sees it (in a pid namespace, not the pid :meth:`server_pids`
        returns), its Java version and whether its security manager guards
        runs."""
        return self._call("ping", {}, 30.0, retry_accepted=True)

    def server_pids(self) -> list[int]:
        """Return the process ids of the servers running now."""
        with self._state_lock:
            return [
                slot.server.pid
                for slot in self._all
                if slot.server is not None and slot.server.alive()
            ]

    def _call(
        self,
        op: str,
        fields: Mapping[str, Any],
        timeout: float,
        *,
        retry_accepted: bool,
    ) -> dict[str, Any]:
        slot = self._idle.get()
        try:
            for attempt in (1, 2):
                server = self._server(slot)
                try:
                    return server.request(op, fields, timeout)
                except ServerLost as lost:
                    logger.warning("judge server %d: %s", server.pid, lost)
                    self._discard(slot)
                    if attempt == 2 or (lost.accepted and not retry_accepted):
                        raise
                finally:
                    if slot.server is not None and not slot.server.alive():
                        self._discard(slot)
            raise AssertionError("unreachable")
        finally:
            self._idle.put(slot)

    def _server(self, slot: _Slot) -> JvmServer:
        with self._state_lock:
            if self._closed:
                raise JvmServerError("the judge server pool is closed")
            server = slot.server
        if server is not None and server.alive():
            return server
        if server is not None:
            logger.info("judge server %d ended; starting another", server.pid)
            self._discard(slot)
        scratch = Path(
            tempfile.mkdtemp(
                prefix=f"migrate-jvm-{slot.index}-", dir=self._scratch_root
            )
        )
        try:
            started = JvmServer(self._server_classes(), self._options, scratch)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        with self._state_lock:
            slot.server = started
        return started

    def _server_classes(self) -> Path:
        with self._build_lock:
            if self._classes is None:
                self._classes = server_classes(self._cache_dir, self._javac)
            return self._classes

    def _discard(self, slot: _Slot) -> None:
        with self._state_lock:
            server, slot.server = slot.server, None
        if server is not None:
            server.kill()
            shutil.rmtree(server.scratch, ignore_errors=True)

    def close(self) -> None:
        """Shut every server down; later calls raise :class:`JvmServerError`."""
        with self._state_lock:
            if self._closed:
                return
            self._closed = True
            servers = [slot.server for slot in self._all if slot.server is not None]
            for slot in self._all:
                slot.server = None
        atexit.unregister(self.close)
        for server in servers:
            server.shutdown()
            shutil.rmtree(server.scratch, ignore_errors=True)

    def __enter__(self) -> JvmPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
