"""Run untrusted programs, the generated Java and the original COBOL, in a
work folder with limits.

Enforced everywhere:

* a wall-clock timeout, after which the whole process group is killed;
* CPU time, data segment size (memory), file size and open file limits,
  set with ``setrlimit`` before the program starts;
* a scrubbed environment: only what the caller passes, so API keys and
  other secrets of the user's environment never reach the program.

Enforced with namespaces (``unshare`` and ``setpriv`` of util-linux), which
:func:`detect_isolation` probes once per process:

* no network: a fresh network namespace whose only interface is a loopback
  that is down, so even 127.0.0.1 is unreachable;
* writes only inside the work folder: every other mount is read-only;
* the estate root and the home folder are hidden under an empty tmpfs;
* a pid namespace, so the program cannot see or signal other processes;
* no capabilities and no new privileges, so it cannot undo the mounts.

Without namespaces, Java runs under a security-manager policy that denies
sockets and file access outside the work folder and the class path, and
COBOL runs with the limits above only.

Not enforced: reading world-readable files outside the hidden folders
(system folders, other users' temporary files), and the number of
processes, because ``RLIMIT_NPROC`` counts every process of the user.
"""

from __future__ import annotations

import contextlib
import enum
import functools
import logging
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

# Runs inside the new namespaces as root of them: $1 is the work folder,
# $2 the number of folders to hide, then those folders, then the command.
_NAMESPACE_SCRIPT = r"""
set -e
work=$1; count=$2; shift 2
mount --make-rprivate /
mount --bind "$work" "$work"
while [ "$count" -gt 0 ]; do
  mount -t tmpfs -o ro,size=4k,mode=0555 migrate-hidden "$1"
  shift; count=$((count - 1))
done
points=$(awk '{print $5}' /proc/self/mountinfo | sort -u)
while IFS= read -r point; do
  point=$(printf '%b' "$point")
  [ "$point" = "$work" ] && continue
  case "$point" in /proc|/proc/*|/sys|/sys/*) lenient=1 ;; *) lenient=0 ;; esac
  if ! mount -o remount,bind,ro "$point" 2>/dev/null && [ "$lenient" = 0 ]; then
    echo "migrate sandbox: cannot make $point read-only" >&2; exit 125
  fi
done <<POINTS
$points
POINTS
cd "$work"
exec setpriv --bounding-set=-all --inh-caps=-all --no-new-privs -- "$@"
"""

MIB = 1024 * 1024


class Isolation(enum.Enum):
    """How far the sandbox can isolate a program on this machine."""

    NAMESPACES = "namespaces"
    JVM_POLICY = "jvm-policy"


@dataclass(frozen=True)
class Limits:
    """Resource limits of one program run."""

    wall_seconds: float
    cpu_seconds: int
    data_bytes: int
    file_bytes: int = 64 * MIB
    open_files: int = 256

    @classmethod
    def for_java(cls, wall_seconds: float) -> Limits:
        # The JVM reserves far more address space than it uses, so the
        # memory limit is on the data segment, which counts only committed
        # writable memory, and the heap is capped by -Xmx (JAVA_HEAP).
        # Its compiler and collector threads add CPU time to the wall time.
        return cls(wall_seconds, int(2 * wall_seconds) + 5, 1536 * MIB)

    @classmethod
    def for_native(cls, wall_seconds: float) -> Limits:
        return cls(wall_seconds, int(wall_seconds) + 2, 512 * MIB)


# Heap cap of a sandboxed JVM, well inside Limits.for_java's data limit.
JAVA_HEAP = "-Xmx256m"


@dataclass(frozen=True)
class RunOutcome:
    """The outcome of one sandboxed program: exit, output and time."""

    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool
    elapsed: float

    def describe_exit(self) -> str:
        """Describe the exit in words: a return code, a signal or a timeout."""
        if self.timed_out:
            return f"timed out after {self.elapsed:.1f}s"
        if self.returncode < 0:
            return f"killed by signal {signal.Signals(-self.returncode).name}"
        return f"return code {self.returncode}"


def _namespace_prefix(work: Path, hidden: Sequence[Path]) -> list[str]:
    unshare = ["unshare", "--net", "--mount", "--pid", "--fork", "--kill-child"]
    if os.geteuid() != 0:
        unshare.append("--map-root-user")
    unshare.append("--mount-proc")
    script = ["sh", "-c", _NAMESPACE_SCRIPT, "migrate-sandbox"]
    return [*unshare, "--", *script, str(work), str(len(hidden)), *map(str, hidden)]


def _limit_resources(limits: Limits) -> None:
    # Runs in the child between fork and exec, so it only calls setrlimit,
    # which takes no locks that another thread could hold.
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
    resource.setrlimit(resource.RLIMIT_DATA, (limits.data_bytes, limits.data_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class Sandbox:
    """Runs commands with the limits and isolation described above."""

    def __init__(
        self,
        isolation: Isolation,
        hide: Sequence[Path] = (),
        keep: Sequence[Path] = (),
    ) -> None:
        self.isolation = isolation
        # Folders to hide from the program, unless it needs something inside.
        self.hide = tuple(path.resolve() for path in hide)
        # Folders every program reads, such as the JDK's, never hidden.
        self.keep = tuple(path.resolve() for path in keep)

    def run(
        self,
        argv: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str],
        limits: Limits,
        stdin: bytes = b"",
        readable: Sequence[Path] = (),
    ) -> RunOutcome:
        """Run ``argv`` in the work folder ``cwd`` and capture its output.

        ``readable`` lists the folders outside ``cwd`` the program reads,
        such as its class path, so that they are never hidden.
        """
        work = cwd.resolve()
        command = list(argv)
        if self.isolation is Isolation.NAMESPACES:
            hidden = self._folders_to_hide(work, readable)
            command = _namespace_prefix(work, hidden) + command
        with tempfile.TemporaryDirectory(prefix="migrate-io-") as io_dir:
            return _run_captured(command, work, env, limits, stdin, Path(io_dir))

    def java_flags(self, work: Path, readable: Sequence[Path]) -> tuple[str, ...]:
        """Return JVM flags that confine the program when no namespace can.

        The policy file goes next to the work folder, not inside it, so it
        never counts as a file the program wrote.
        """
        if self.isolation is Isolation.NAMESPACES:
            return ()
        policy = work.parent / f"{work.name}.policy"
        policy.write_text(_java_policy(work.resolve(), readable), encoding="utf-8")
        return ("-Djava.security.manager", f"-Djava.security.policy=={policy}")

    def _folders_to_hide(self, work: Path, readable: Sequence[Path]) -> list[Path]:
        needed = [work, *self.keep, *(path.resolve() for path in readable)]
        return [
            folder
            for folder in self.hide
            if folder.is_dir() and not any(_inside(path, folder) for path in needed)
        ]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _java_policy(work: Path, readable: Sequence[Path]) -> str:
    def quoted(path: Path) -> str:
        return str(path).replace("\\", "\\\\").replace('"', '\\"')

    grants = [
        f'permission java.io.FilePermission "{quoted(work)}", "read";',
        f'permission java.io.FilePermission "{quoted(work)}/-", "read,write,delete";',
        *(
            f'permission java.io.FilePermission "{quoted(path.resolve())}/-", "read";'
            for path in readable
        ),
        'permission java.util.PropertyPermission "*", "read";',
        'permission java.lang.RuntimePermission "getenv.*";',
        'permission java.lang.RuntimePermission "exitVM.*";',
        'permission java.lang.RuntimePermission "setIO";',
        'permission java.lang.RuntimePermission "accessDeclaredMembers";',
    ]
    body = "\n".join(f"  {grant}" for grant in grants)
    return f"grant {{\n{body}\n}};\n"


def _run_captured(
    command: list[str],
    work: Path,
    env: Mapping[str, str],
    limits: Limits,
    stdin: bytes,
    io_dir: Path,
) -> RunOutcome:
    (io_dir / "stdin").write_bytes(stdin)
    started = time.monotonic()
    with (
        open(io_dir / "stdin", "rb") as stdin_file,
        open(io_dir / "stdout", "wb") as stdout_file,
        open(io_dir / "stderr", "wb") as stderr_file,
    ):
        process = subprocess.Popen(
            command,
            cwd=work,
            env=dict(env),
            stdin=stdin_file,
            stdout=stdout_file,
            stderr=stderr_file,
            start_new_session=True,
            preexec_fn=functools.partial(_limit_resources, limits),
        )
        with _running_lock:
            _running.add(process.pid)
        timed_out = False
        try:
            returncode = process.wait(timeout=limits.wall_seconds)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(process)
            returncode = process.wait()
        finally:
            # Whatever the program left running in its group goes too.
            _kill_group(process)
            with _running_lock:
                _running.discard(process.pid)
    elapsed = time.monotonic() - started
    stdout = _read_capped(io_dir / "stdout", limits.file_bytes)
    stderr = _read_capped(io_dir / "stderr", limits.file_bytes)
    return RunOutcome(returncode, stdout, stderr, timed_out, elapsed)


# Process groups of the programs running now, so that an interrupted run
# can end them: they run in sessions of their own, so Ctrl-C misses them.
_running: set[int] = set()
_running_lock = threading.Lock()


def kill_running() -> None:
    """Kill every sandboxed program that is still running."""
    with _running_lock:
        groups = list(_running)
    for group in groups:
        _kill_group_id(group)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    _kill_group_id(process.pid)


def _kill_group_id(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


def _read_capped(path: Path, limit: int) -> bytes:
    with open(path, "rb") as stream:
        return stream.read(limit)


@functools.cache
def detect_isolation() -> Isolation:
    """Probe once whether namespaces work here; log a warning when not."""
    problem = namespace_problem()
    if problem is None:
        logger.debug("sandbox: network, mount and pid namespaces available")
        return Isolation.NAMESPACES
    logger.warning(
        "sandbox: %s; generated Java runs under a JVM security policy "
        "instead, and COBOL with resource limits only",
        problem,
    )
    return Isolation.JVM_POLICY


@functools.cache
def namespace_problem() -> str | None:
    """Return why namespaces cannot isolate a program, or None if they can."""
    for tool in ("unshare", "setpriv", "mount", "awk"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    with tempfile.TemporaryDirectory(prefix="migrate-probe-") as folder:
        work = Path(folder, "work")
        work.mkdir()
        # The probe must write inside its folder and fail to write beside it.
        probe = ["sh", "-c", "touch inside && ! touch ../outside 2>/dev/null"]
        try:
            outcome = Sandbox(Isolation.NAMESPACES).run(
                probe,
                cwd=work,
                env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
                limits=Limits.for_native(20.0),
            )
        except OSError as error:
            return f"namespaces are not available ({error})"
        if outcome.returncode != 0 or not (work / "inside").exists():
            reason = outcome.stderr.decode(errors="replace").strip().splitlines()
            detail = reason[-1] if reason else outcome.describe_exit()
            return f"namespaces are not available ({detail})"
        if Path(folder, "outside").exists():
            return "the mount namespace did not make other folders read-only"
    return None
