"""The external tools the judge needs, their versions and how to install
them."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from migrate.errors import ToolMissingError


@dataclass(frozen=True)
class ToolSpec:
    """An external tool: its command, its version flag and an install hint
    for Debian and Ubuntu."""

    command: str
    version_flag: str
    install_hint: str
    purpose: str
    required: bool = True


REQUIRED_TOOLS = (
    ToolSpec(
        "cobc",
        "--version",
        "apt-get install gnucobol3",
        "compiles the original COBOL",
    ),
    ToolSpec(
        "cobcrun",
        "--version",
        "apt-get install gnucobol3",
        "runs the original COBOL",
    ),
    ToolSpec(
        "javac",
        "-version",
        "apt-get install openjdk-17-jdk-headless",
        "compiles the generated Java",
    ),
    ToolSpec(
        "java",
        "-version",
        "apt-get install openjdk-17-jdk-headless",
        "runs the generated Java",
    ),
)

OPTIONAL_TOOLS = (
    ToolSpec(
        "unshare",
        "--version",
        "apt-get install util-linux",
        "isolates programs in network, mount and pid namespaces",
        required=False,
    ),
    ToolSpec(
        "setpriv",
        "--version",
        "apt-get install util-linux",
        "drops the capabilities of sandboxed programs",
        required=False,
    ),
)


@dataclass(frozen=True)
class ToolStatus:
    """A tool as found on this machine: its path and first version line,
    or no path when it is missing."""

    spec: ToolSpec
    path: str | None
    version: str

    @property
    def found(self) -> bool:
        return self.path is not None


def probe_tool(spec: ToolSpec) -> ToolStatus:
    """Find ``spec`` on PATH and read its version."""
    path = shutil.which(spec.command)
    if path is None:
        return ToolStatus(spec, None, "")
    try:
        done = subprocess.run(
            [path, spec.version_flag],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return ToolStatus(spec, path, f"version unknown ({error})")
    # javac and java print their version on stderr.
    lines = (done.stdout or done.stderr).strip().splitlines()
    return ToolStatus(spec, path, lines[0] if lines else "version unknown")


def tool_prefixes() -> tuple[Path, ...]:
    """Return the install prefix of each required tool found, such as
    ``/usr/lib/jvm/java-17-openjdk-amd64`` for ``bin/java`` inside it."""
    prefixes = []
    for spec in REQUIRED_TOOLS:
        path = shutil.which(spec.command)
        if path is not None:
            prefixes.append(Path(path).resolve().parent.parent)
    return tuple(prefixes)


def require_tools() -> dict[str, str]:
    """Return the path of each required tool by command name; raise
    :class:`ToolMissingError` naming the first missing one."""
    paths: dict[str, str] = {}
    for spec in REQUIRED_TOOLS:
        path = shutil.which(spec.command)
        if path is None:
            raise ToolMissingError(
                f"{spec.command} not found on PATH; it {spec.purpose}",
                hint=f"install it ({spec.install_hint}), then run "
                "'migrate doctor' to check",
            )
        paths[spec.command] = path
    return paths
