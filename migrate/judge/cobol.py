"""The original COBOL, compiled with GnuCOBOL: one loadable module per
program, built once per run and cached by content hash."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from migrate.discover import Estate, read_source
from migrate.model import MemberKind
from migrate.preprocess.reference import detect_free_format

logger = logging.getLogger(__name__)

# Wall-clock limit of one cobc call, in seconds.
COMPILE_TIMEOUT = 300.0
# COPY names are folded to upper case, and every copybook is linked into
# one folder under its upper-case name, so that COPY finds a copybook
# whatever case its file name or the COPY statement uses.
BASE_FLAGS = ("-m", "-ffold-copy=upper")


@dataclass(frozen=True)
class CobolModule:
    """One program's compiled module, or the compiler errors instead."""

    program: str
    member: str
    path: Path | None
    errors: str = ""


class CobolLibrary:
    """The compiled programs of one run, in a folder that ``COB_LIBRARY_PATH``
    can point at. Read-only once built, so workers share it."""

    def __init__(
        self, folder: Path, copy_dir: Path, modules: Mapping[str, CobolModule]
    ) -> None:
        self.folder = folder
        self.copy_dir = copy_dir
        self._modules = dict(modules)

    def module(self, program: str) -> CobolModule | None:
        """Return the module of ``program``, or None when it is not a program
        of the estate."""
        return self._modules.get(program.upper())

    def compile_flags(self) -> tuple[str, ...]:
        """Return the cobc flags that find the estate's copybooks."""
        return (*BASE_FLAGS, "-I", str(self.copy_dir))


def build_library(
    estate: Estate,
    programs: Mapping[str, str],
    cache_dir: Path,
    work_dir: Path,
    *,
    workers: int = 2,
) -> CobolLibrary:
    """Compile each program (name to member path) of ``estate`` with cobc.

    Modules are cached under ``cache_dir`` by a hash of the member, every
    copybook, the flags and the cobc version, and copied into
    ``work_dir/lib`` for this run.
    """
    copy_dir = _link_copybooks(estate, work_dir / "copy")
    lib_dir = work_dir / "lib"
    lib_dir.mkdir(parents=True, exist_ok=True)
    salt = _copybook_digest(estate) + _cobc_version()
    by_member: dict[str, list[str]] = {}
    for program, member in sorted(programs.items()):
        by_member.setdefault(member, []).append(program.upper())

    def build(member: str) -> list[CobolModule]:
        flags = (*BASE_FLAGS, *_format_flags(estate, member), "-I", str(copy_dir))
        cached, errors = _cached_module(estate, member, flags, salt, cache_dir)
        return [
            _install(program, member, cached, errors, lib_dir)
            for program in by_member[member]
        ]

    modules: dict[str, CobolModule] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for built in pool.map(build, sorted(by_member)):
            modules.update((module.program, module) for module in built)
    failed = [m.program for m in modules.values() if m.path is None]
    logger.info(
        "compiled %d COBOL programs with cobc (%d failed)", len(modules), len(failed)
    )
    return CobolLibrary(lib_dir, copy_dir, modules)


def _link_copybooks(estate: Estate, copy_dir: Path) -> Path:
    copy_dir.mkdir(parents=True, exist_ok=True)
    libraries = dict(estate.config.copy_libraries)
    for member in estate.of_kind(MemberKind.COPYBOOK):
        _place(member.path, copy_dir / f"{member.name}.cpy")
        for library, folder in libraries.items():
            if member.relpath.startswith(folder.strip("/") + "/"):
                _place(member.path, copy_dir / library / f"{member.name}.cpy")
    return copy_dir


def _place(source: Path, target: Path) -> None:
    # NOTE: two copybooks of one name in different folders outside any
    # configured library share one slot; the first in path order wins.
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _copybook_digest(estate: Estate) -> str:
    digest = hashlib.sha256()
    for member in estate.of_kind(MemberKind.COPYBOOK):
        digest.update(member.relpath.encode() + b"\0" + member.path.read_bytes())
    return digest.hexdigest()


def _cobc_version() -> str:
    done = subprocess.run(
        ["cobc", "--version"], capture_output=True, text=True, check=False
    )
    return done.stdout.splitlines()[0] if done.stdout else "cobc"


def _format_flags(estate: Estate, relpath: str) -> tuple[str, ...]:
    source_format = estate.config.source_format
    if source_format == "auto":
        text = read_source(estate.member(relpath).path, relpath).text
        width = estate.config.tab_width
        lines = [line.expandtabs(width) for line in text.splitlines()]
        return ("-free",) if detect_free_format(lines) else ()
    return ("-free",) if source_format == "free" else ()


def _cached_module(
    estate: Estate,
    relpath: str,
    flags: tuple[str, ...],
    salt: str,
    cache_dir: Path,
) -> tuple[Path | None, str]:
    source = estate.member(relpath).path
    digest = hashlib.sha256()
    # The copy folder differs per run, so it stays out of the key.
    stable_flags = [flag for flag in flags if not flag.startswith("/")]
    digest.update("\0".join([salt, *stable_flags, relpath]).encode())
    digest.update(source.read_bytes())
    target = cache_dir / digest.hexdigest()[:32] / "module.so"
    if target.is_file():
        return target, ""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".build-") as build:
        output = Path(build, "module.so")
        errors = run_cobc([*flags, "-o", str(output), str(source)])
        if errors is not None:
            logger.warning("cobc failed on %s: %s", relpath, _first_line(errors))
            return None, errors
        # Rename is atomic, so a parallel run finds the whole module or none.
        output.replace(target)
    return target, ""


def run_cobc(arguments: list[str], cwd: Path | None = None) -> str | None:
    """Run cobc; return None on success, else its diagnostics."""
    try:
        done = subprocess.run(
            ["cobc", *arguments],
            capture_output=True,
            text=True,
            cwd=cwd,
            timeout=COMPILE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"cobc timed out after {COMPILE_TIMEOUT:.0f}s"
    if done.returncode == 0:
        return None
    return (done.stderr + done.stdout).strip() or f"cobc exited {done.returncode}"


def _install(
    program: str, member: str, cached: Path | None, errors: str, lib_dir: Path
) -> CobolModule:
    if cached is None:
        return CobolModule(program, member, None, errors)
    # libcob loads module NAME from the file NAME.so and calls its entry
    # NAME, so a member with several programs is copied once per name.
    target = lib_dir / f"{program}.so"
    shutil.copyfile(cached, target)
    return CobolModule(program, member, target)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
