"""`migrate doctor`: the external tools and the sandbox on this machine."""

from __future__ import annotations

from migrate.console import output
from migrate.errors import ToolMissingError
from migrate.judge.sandbox import Isolation, detect_isolation, namespace_problem
from migrate.judge.tools import OPTIONAL_TOOLS, REQUIRED_TOOLS, ToolStatus, probe_tool


def doctor_command() -> None:
    """List each tool migrate needs with its version, or how to install it,
    and how the judge's sandbox isolates programs here. Exits 3 when a
    required tool is missing."""
    missing = []
    for spec in (*REQUIRED_TOOLS, *OPTIONAL_TOOLS):
        status = probe_tool(spec)
        _say(_tool_line(status))
        if spec.required and not status.found:
            missing.append(spec)
    if detect_isolation() is Isolation.NAMESPACES:
        line = (
            "sandbox: network, mount and pid namespaces (no network, writes "
            "only in the work folder)"
        )
    else:
        line = (
            f"sandbox: no namespaces ({namespace_problem()}); Java runs under a "
            "JVM security policy, COBOL with resource limits only"
        )
    _say(line)
    if missing:
        names = ", ".join(spec.command for spec in missing)
        hints = "; ".join(sorted({spec.install_hint for spec in missing}))
        raise ToolMissingError(f"required tools missing: {names}", hint=hints)


def _tool_line(status: ToolStatus) -> str:
    spec = status.spec
    label = "required" if spec.required else "optional"
    if status.found:
        return f"ok       {spec.command:8} {status.version} ({status.path})"
    return (
        f"missing  {spec.command:8} {label}: {spec.purpose}; "
        f"install with: {spec.install_hint}"
    )


def _say(text: str) -> None:
    output.print(text, markup=False, highlight=False, soft_wrap=True)
