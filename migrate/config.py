"""Estate configuration: `migrate.toml` at the estate root, or the
``[tool.migrate]`` table of its `pyproject.toml`. Every setting has a
default, and the command line may override it."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path

from migrate.errors import InputError
from migrate.model import SourcePos

CONFIG_FILE = "migrate.toml"


@dataclass(frozen=True)
class Config:
    """Settings of one estate."""

    # Package of generated Java classes, and the folder of the Java tree in
    # the commits.
    java_package: str = "migrated"
    java_dir: str = "java"
    # Folder, relative to the estate root, that holds input datasets: the
    # dataset BANK.ACCOUNTS is the file <data_dir>/BANK.ACCOUNTS.
    data_dir: str = "data"
    # Column width of a tab in source members.
    tab_width: int = 8
    # "auto" detects free format per member; "fixed" or "free" forces one.
    source_format: str = "auto"
    # Library name of `COPY X OF LIB` to a folder relative to the root.
    copy_libraries: tuple[tuple[str, str], ...] = ()
    # "outer": the REPLACING of a COPY also acts on the text of the COPY
    # statements nested in its copybook, after their own REPLACING (GnuCOBOL
    # 3.1.2, which the judge compiles with). "own": it acts only on the text
    # of its own copybook.
    nested_copy_replacing: str = "outer"
    # COPY and EXEC SQL INCLUDE members that the compiler or middleware
    # supplies: they stay unexpanded, and are not reported as missing.
    builtin_copybooks: tuple[str, ...] = ("SQLCA", "SQLDA")
    # Program name to the member, relative to the root, that defines the
    # variant to plan, for estates that hold two builds of one program.
    variants: tuple[tuple[str, str], ...] = ()
    # Glob patterns, relative to the root, that discovery skips.
    exclude: tuple[str, ...] = ()
    # Default number of parallel agents for `migrate run`.
    agents: int = 4
    # Wall-clock limit, in seconds, for one program run by the judge.
    run_timeout: float = 60.0

    def with_overrides(self, **changes: object) -> Config:
        """Return a copy with the given settings replaced; None keeps one."""
        kept = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **kept)  # type: ignore[arg-type]


# Folders that are never part of the estate's sources.
ALWAYS_EXCLUDED = (".git", ".migrate", "__pycache__")

_FIELDS = {f.name: f for f in dataclasses.fields(Config)}


def load_config(root: Path) -> Config:
    """Read the estate's configuration, or return the defaults."""
    path = root / CONFIG_FILE
    table: dict[str, object] = {}
    if path.is_file():
        table = _read_toml(path)
    elif (root / "pyproject.toml").is_file():
        path = root / "pyproject.toml"
        data = _read_toml(path)
        tool = data.get("tool", {})
        table = tool.get("migrate", {}) if isinstance(tool, dict) else {}
    return _config_from_table(table, path)


def _read_toml(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(
            f"invalid configuration: {error}",
            hint="fix the TOML syntax of this file",
            pos=SourcePos(path.name, _error_line(error)),
        ) from error


def _error_line(error: Exception) -> int:
    return getattr(error, "lineno", 0) or 1


def _config_from_table(table: dict[str, object], path: Path) -> Config:
    values: dict[str, object] = {}
    for key, raw in table.items():
        name = key.replace("-", "_")
        if name not in _FIELDS:
            known = ", ".join(sorted(_FIELDS))
            raise InputError(
                f"unknown setting {key!r} in {path.name}",
                hint=f"known settings: {known}",
            )
        values[name] = _coerce(name, raw, path)
    return Config(**values)  # type: ignore[arg-type]


def _coerce(name: str, raw: object, path: Path) -> object:
    default = getattr(Config(), name)
    if name in ("copy_libraries", "variants") and isinstance(raw, dict):
        return tuple(sorted((str(k).upper(), str(v)) for k, v in raw.items()))
    if name == "nested_copy_replacing" and raw not in ("outer", "own"):
        raise InputError(
            f"setting {name!r} in {path.name} must be 'outer' or 'own', not {raw!r}",
            hint="the default is 'outer', as GnuCOBOL does",
        )
    if isinstance(default, tuple) and isinstance(raw, list):
        return tuple(str(item) for item in raw)
    if isinstance(default, bool) or not isinstance(raw, type(default)):
        if not (isinstance(default, float) and isinstance(raw, int)):
            raise InputError(
                f"setting {name!r} in {path.name} must be a "
                f"{type(default).__name__}, not {raw!r}",
                hint=f"the default is {default!r}",
            )
        return float(raw)
    return raw


def default_config() -> Config:
    return Config()


__all__ = ["Config", "default_config", "load_config"]
