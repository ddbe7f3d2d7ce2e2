"""Estate configuration: `migrate.toml` at the estate root, or the
``[tool.migrate]`` table of its `pyproject.toml`. Every setting has a
default, and the command line may override it."""

from __future__ import annotations

import dataclasses
import difflib
import math
import posixpath
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from migrate.errors import InputError, UsageError
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


@dataclass(frozen=True)
class SettingsFile:
    """The file the settings come from: its name relative to the estate
    root, its text, and the keys of the table that contains the settings."""

    name: str
    text: str
    table: tuple[str, ...] = ()
    # True for the KEY=VALUE options of the command line, which have no
    # file and line.
    command_line: bool = False

    @property
    def where(self) -> str:
        """The file, and the table in it, as messages name them."""
        if not self.table:
            return self.name
        return f"[{'.'.join(self.table)}] of {self.name}"

    def position(self, keys: tuple[str, ...]) -> SourcePos | None:
        """Return the position of the line that sets ``keys``."""
        if self.command_line:
            return None
        return SourcePos(self.name, key_line(self.text, (*self.table, *keys)))

    def invalid(self, keys: tuple[str, ...], problem: str, hint: str) -> InputError:
        """Build the error for a bad value, with ``problem`` after its name."""
        return InputError(
            f"setting {'.'.join(keys)!r} in {self.where} {problem}",
            hint=hint,
            pos=self.position(keys),
        )


def load_config(root: Path) -> Config:
    """Read and validate the estate's configuration, or return the defaults.

    Raises :class:`InputError` at the line of the first bad key or value.
    """
    path = root / CONFIG_FILE
    if path.is_file():
        text, data = _read_toml(path)
        return _config_from_table(data, SettingsFile(path.name, text))
    path = root / "pyproject.toml"
    if not path.is_file():
        return Config()
    text, data = _read_toml(path)
    source = SettingsFile(path.name, text, ("tool", "migrate"))
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise InputError(
            f"'tool' in {path.name} must be a table, not {_describe(tool)}",
            hint="write the settings under a [tool.migrate] header",
            pos=SettingsFile(path.name, text).position(("tool",)),
        )
    table = tool.get("migrate", {})
    if not isinstance(table, dict):
        raise InputError(
            f"'tool.migrate' in {path.name} must be a table, not {_describe(table)}",
            hint="write the settings under a [tool.migrate] header",
            pos=source.position(()),
        )
    return _config_from_table(table, source)


def apply_settings(config: Config, assignments: Sequence[str]) -> Config:
    """Return ``config`` with each ``KEY=VALUE`` of ``--set`` applied.

    VALUE is read as a TOML value (``4``, ``true``, ``["a/**"]``,
    ``{SYSLIB = "copy"}``), or taken as a string when it is not one. Each
    setting is checked as in the settings file.
    """
    if not assignments:
        return config
    table: dict[str, object] = {}
    for assignment in assignments:
        key, equals, value = assignment.partition("=")
        key = key.strip()
        if not equals or not key:
            raise UsageError(
                f"invalid --set {assignment!r}: expected KEY=VALUE",
                hint="for example --set java_package=com.bank.migrated",
            )
        table[key] = _toml_value(value.strip())
    source = SettingsFile("--set", "", command_line=True)
    overrides = _config_from_table(table, source)
    changed = {name.replace("-", "_"): name for name in table}
    merged = dataclasses.replace(
        config, **{name: getattr(overrides, name) for name in changed}
    )
    _check_folders(merged, source, changed)
    return merged


def _toml_value(text: str) -> object:
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except tomllib.TOMLDecodeError:
        return text


def _read_toml(path: Path) -> tuple[str, dict[str, object]]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            f"failed to read the settings file: {error.strerror}",
            hint="make the file readable, or remove it to use the defaults",
            pos=SourcePos(path.name, 1),
        ) from error
    text = _decode_settings(path, data)
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(
            f"invalid configuration: {error}",
            hint="fix the TOML syntax of this file",
            pos=SourcePos(path.name, _error_line(error)),
        ) from error


def _decode_settings(path: Path, data: bytes) -> str:
    """Decode a settings file as UTF-8, without a leading byte-order mark.

    TOML files are UTF-8. A NUL byte is taken as a sign of UTF-16 too,
    because UTF-16 text of ASCII characters is also valid UTF-8.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problem = f"byte 0x{data[error.start]:02x} at offset {error.start}"
    else:
        if "\0" not in text:
            return text
        line, problem = 1, "a NUL byte"
    raise InputError(
        f"invalid configuration: the file is not UTF-8 text ({problem})",
        hint="save the file as UTF-8, the encoding TOML requires",
        pos=SourcePos(path.name, line),
    )


def _error_line(error: Exception) -> int:
    # tomllib of Python 3.11 gives the position only inside its message.
    found = re.search(r"at line (\d+)", str(error))
    return int(found.group(1)) if found else getattr(error, "lineno", 0) or 1


def _config_from_table(table: dict[str, object], source: SettingsFile) -> Config:
    values: dict[str, object] = {}
    spellings: dict[str, str] = {}
    for key, raw in table.items():
        name = key.replace("-", "_")
        check = _CHECKS.get(name)
        if check is None:
            raise _unknown_setting(key, source)
        if name in spellings:
            raise source.invalid(
                (key,),
                f"repeats setting {spellings[name]!r} under another spelling",
                hint="keep one of the two",
            )
        spellings[name] = key
        values[name] = check(source, key, raw)
    config = Config(**values)  # type: ignore[arg-type]
    _check_folders(config, source, spellings)
    return config


def _check_folders(
    config: Config, source: SettingsFile, spellings: dict[str, str]
) -> None:
    """Raise :class:`InputError` when java_dir and data_dir are one folder or
    one lies inside the other. The error names whichever of the two keys
    ``spellings`` (setting name to the key as written) has, java_dir first."""
    if "java_dir" in spellings:
        name, other = "java_dir", "data_dir"
    elif "data_dir" in spellings:
        name, other = "data_dir", "java_dir"
    else:
        return
    value, other_value = getattr(config, name), getattr(config, other)
    parts = tuple(part.casefold() for part in value.split("/"))
    other_parts = tuple(part.casefold() for part in other_value.split("/"))
    if parts == other_parts:
        problem = f"must name another folder than {other}, but both are {value!r}"
    elif parts[: len(other_parts)] == other_parts:
        problem = f"must not lie inside {other} {other_value!r}, but {value!r} does"
    elif other_parts[: len(parts)] == parts:
        problem = f"must not contain {other} {other_value!r}, but {value!r} does"
    else:
        return
    raise source.invalid(
        (spellings[name],),
        problem,
        'write java_dir = "java" and data_dir = "data", two separate folders',
    )


def _unknown_setting(key: str, source: SettingsFile) -> InputError:
    known = sorted(_CHECKS)
    close = difflib.get_close_matches(key.replace("-", "_"), known, n=1)
    listing = f"known settings are: {', '.join(known)}"
    hint = (
        f"did you mean {close[0]!r}? The {listing}"
        if close
        else f"remove it; the {listing}"
    )
    return InputError(
        f"unknown setting {key!r} in {source.where}",
        hint=hint,
        pos=source.position((key,)),
    )


# -- value checks -------------------------------------------------------------
#
# Each check takes the settings file, the key as written and the value that
# tomllib read, and returns the value for Config or raises InputError.

Check = Callable[[SettingsFile, str, object], object]

# Keywords and literals of Java 17, which no part of a package name may
# be. Contextual keywords such as `record` are allowed.
_JAVA_RESERVED = frozenset(
    "abstract assert boolean break byte case catch char class const continue "  # noqa: SIM905
    "default do double else enum extends final finally float for goto if "
    "implements import instanceof int interface long native new package "
    "private protected public return short static strictfp super switch "
    "synchronized this throw throws transient try void volatile while _ "
    "true false null".split()
)
_JAVA_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
# A tab wider than areas A and B together (columns 8 to 72) would push all
# text after it past column 72.
_MAX_TAB_WIDTH = 72
# Folders of git and of migrate's state, which no setting may point into.
_RESERVED_FOLDERS = frozenset({".git", ".migrate"})
# Upper bounds that keep a typing mistake from hanging a run. A run with
# more agents than this would never keep them all busy.
MAX_AGENTS = 10_000
# One day, in seconds. setrlimit fails on limits far beyond it.
MAX_RUN_TIMEOUT = 86_400.0


def _describe(raw: object) -> str:
    """Name a TOML value with its type, for messages."""
    if isinstance(raw, bool):
        return f"the boolean {str(raw).lower()}"
    if isinstance(raw, int):
        return f"the integer {raw}"
    if isinstance(raw, float):
        return f"the float {raw}"
    if isinstance(raw, str):
        return f"the string {raw!r}"
    if isinstance(raw, list):
        return "an array"
    if isinstance(raw, dict):
        return "a table"
    return f"the date or time {raw}"


def _string(source: SettingsFile, keys: tuple[str, ...], raw: object, hint: str) -> str:
    if not isinstance(raw, str):
        raise source.invalid(keys, f"must be a string, not {_describe(raw)}", hint)
    return raw


def _integer(source: SettingsFile, key: str, raw: object, hint: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        problem = f"must be an integer, not {_describe(raw)}"
        raise source.invalid((key,), problem, hint + _quotes_note(raw))
    return raw


def _quotes_note(raw: object) -> str:
    """Return the end of a hint for a number written as a string, or ''."""
    return "; numbers take no quotes in TOML" if isinstance(raw, str) else ""


def _check_java_package(source: SettingsFile, key: str, raw: object) -> str:
    hint = (
        'write java_package = "com.example.bank": Java identifiers joined '
        "by dots, none a Java keyword"
    )
    name = _string(source, (key,), raw, hint)
    problem = _java_package_problem(name)
    if problem:
        raise source.invalid(
            (key,), f"must be a Java package name, but {name!r} {problem}", hint
        )
    return name


def _java_package_problem(name: str) -> str:
    """Return why ``name`` is not a usable package name, or ''."""
    if name in ("java", "migrate.runtime") or name.startswith(
        ("java.", "migrate.runtime.")
    ):
        return "is reserved for the JDK or for the runtime library"
    for part in name.split("."):
        if not part:
            return "has an empty part"
        if not _JAVA_IDENTIFIER.fullmatch(part):
            return (
                f"has the part {part!r}, which is not a Java identifier "
                "(ASCII letters, digits, '_' and '$', not starting with a digit)"
            )
        if part in _JAVA_RESERVED:
            return f"has the part {part!r}, which is a Java keyword"
    return ""


def _relative_path(
    source: SettingsFile, keys: tuple[str, ...], raw: object, hint: str
) -> str:
    """Check a path relative to the estate root and return it normalized."""
    path = _string(source, keys, raw, hint)
    if path.startswith(("/", "\\")) or re.match(r"[A-Za-z]:[\\/]", path):
        problem = f"must be relative to the estate root, not the absolute path {path!r}"
        raise source.invalid(keys, problem, hint)
    normal = posixpath.normpath(path) if path else "."
    if normal == ".." or normal.startswith("../"):
        raise source.invalid(
            keys, f"must stay inside the estate root, but {path!r} leaves it", hint
        )
    if normal == ".":
        raise source.invalid(
            keys, f"must name a folder below the estate root, not {path!r}", hint
        )
    reserved = _reserved_part(normal)
    if reserved:
        problem = (
            f"must not name a path in {reserved!r}, the folder of git or of "
            f"migrate's own state, but {path!r} does"
        )
        raise source.invalid(keys, problem, hint)
    return normal


def _reserved_part(path: str) -> str:
    """Return the part of ``path`` that is `.git` or `.migrate`, or ''.

    The test ignores case, because on case-insensitive file systems `.GIT`
    is the folder `.git`.
    """
    for part in re.split(r"[\\/]", path):
        if part.casefold() in _RESERVED_FOLDERS:
            return part
    return ""


def _check_java_dir(source: SettingsFile, key: str, raw: object) -> str:
    return _relative_path(source, (key,), raw, 'write java_dir = "java"')


def _check_data_dir(source: SettingsFile, key: str, raw: object) -> str:
    return _relative_path(source, (key,), raw, 'write data_dir = "data"')


def _check_tab_width(source: SettingsFile, key: str, raw: object) -> int:
    hint = "write tab_width = 8, or the columns per tab your editor used"
    width = _integer(source, key, raw, hint)
    if not 1 <= width <= _MAX_TAB_WIDTH:
        problem = f"must be from 1 to {_MAX_TAB_WIDTH} columns, not {width}"
        raise source.invalid((key,), problem, hint)
    return width


def _check_agents(source: SettingsFile, key: str, raw: object) -> int:
    hint = "write agents = 4, or another number of parallel agents"
    agents = _integer(source, key, raw, hint)
    if agents < 1:
        raise source.invalid((key,), f"must be at least 1, not {agents}", hint)
    if agents > MAX_AGENTS:
        problem = f"must be at most {MAX_AGENTS:,}, not {agents:,}"
        raise source.invalid((key,), problem, hint)
    return agents


def _check_run_timeout(source: SettingsFile, key: str, raw: object) -> float:
    hint = "write run_timeout = 60.0, a number of seconds"
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        problem = f"must be a number of seconds, not {_describe(raw)}"
        raise source.invalid((key,), problem, hint + _quotes_note(raw))
    if not math.isfinite(raw) or raw <= 0:
        problem = f"must be a finite number of seconds above 0, not {raw}"
        raise source.invalid((key,), problem, hint)
    if raw > MAX_RUN_TIMEOUT:
        problem = f"must be at most {MAX_RUN_TIMEOUT:,.0f} seconds (one day), not {raw}"
        raise source.invalid((key,), problem, hint)
    return float(raw)


def _choice(*choices: str) -> Check:
    listed = ", ".join(repr(choice) for choice in choices)

    def check(source: SettingsFile, key: str, raw: object) -> str:
        name = key.replace("-", "_")
        hint = f'write {name} = "{choices[0]}"; the choices are {listed}'
        value = _string(source, (key,), raw, hint)
        if value not in choices:
            problem = f"must be one of {listed}, not {value!r}"
            raise source.invalid((key,), problem, hint)
        return value

    return check


def _string_list(
    source: SettingsFile, key: str, raw: object, hint: str
) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise source.invalid(
            (key,), f"must be an array of strings, not {_describe(raw)}", hint
        )
    for number, item in enumerate(raw, 1):
        if not isinstance(item, str):
            problem = (
                f"must be an array of strings, but item {number} is {_describe(item)}"
            )
            raise source.invalid((key,), problem, hint)
    return tuple(raw)


def _check_exclude(source: SettingsFile, key: str, raw: object) -> tuple[str, ...]:
    hint = 'write exclude = ["legacy/**"], glob patterns relative to the estate root'
    patterns = _string_list(source, key, raw, hint)
    for pattern in patterns:
        if pattern.startswith("/"):
            problem = f"must hold patterns relative to the estate root, not {pattern!r}"
            raise source.invalid((key,), problem, hint)
    return patterns


def _check_builtin_copybooks(
    source: SettingsFile, key: str, raw: object
) -> tuple[str, ...]:
    hint = 'write builtin_copybooks = ["SQLCA", "SQLDA"]'
    return _string_list(source, key, raw, hint)


def _path_table(
    source: SettingsFile, key: str, raw: object, hint: str
) -> tuple[tuple[str, str], ...]:
    """Check a table of names to relative paths. Names are upper-cased."""
    if not isinstance(raw, dict):
        problem = f"must be a table of names to paths, not {_describe(raw)}"
        raise source.invalid((key,), problem, hint)
    pairs = []
    for name, value in raw.items():
        path = _relative_path(source, (key, name), value, hint)
        pairs.append((name.upper(), path))
    return tuple(sorted(pairs))


def _check_copy_libraries(
    source: SettingsFile, key: str, raw: object
) -> tuple[tuple[str, str], ...]:
    hint = 'write copy_libraries = { SYSLIB = "copy/syslib" }, library to folder'
    return _path_table(source, key, raw, hint)


def _check_variants(
    source: SettingsFile, key: str, raw: object
) -> tuple[tuple[str, str], ...]:
    hint = 'write variants = { PAYROLL = "cobol/v2/PAYROLL.cbl" }, program to member'
    return _path_table(source, key, raw, hint)


_CHECKS: dict[str, Check] = {
    "java_package": _check_java_package,
    "java_dir": _check_java_dir,
    "data_dir": _check_data_dir,
    "tab_width": _check_tab_width,
    "source_format": _choice("auto", "fixed", "free"),
    "copy_libraries": _check_copy_libraries,
    "nested_copy_replacing": _choice("outer", "own"),
    "builtin_copybooks": _check_builtin_copybooks,
    "variants": _check_variants,
    "exclude": _check_exclude,
    "agents": _check_agents,
    "run_timeout": _check_run_timeout,
}


# -- key positions ------------------------------------------------------------
#
# tomllib returns no positions, so the line of a key is found in the text:
# each table header and key/value line is read as a path of keys. The text
# has already parsed, so only the start of each line needs reading.

_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED_KEY = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_TABLE_HEADER = re.compile(rf"\s*\[\[?\s*({_DOTTED_KEY})\s*\]")
_KEY_VALUE = re.compile(rf"\s*({_DOTTED_KEY})\s*=")
_MULTILINE_QUOTES = ('"""', "'''")


def key_line(text: str, keys: tuple[str, ...]) -> int:
    """Return the 1-based line that sets ``keys`` (a table's keys, then the
    key), or of the nearest enclosing key that does. Return 1 when none is found."""
    table: tuple[str, ...] = ()
    nearest = (0, 1)  # (keys matched, line) of the best enclosing key so far
    open_quotes = ""
    for number, line in enumerate(text.splitlines(), 1):
        if open_quotes:
            if open_quotes in line:
                open_quotes = ""
            continue
        header = _TABLE_HEADER.match(line)
        assignment = None if header else _KEY_VALUE.match(line)
        if header:
            table = _key_parts(header.group(1))
            path = table
        elif assignment:
            path = (*table, *_key_parts(assignment.group(1)))
            open_quotes = _opened_quotes(line[assignment.end() :])
        else:
            continue
        if path[: len(keys)] == keys:
            return number
        if keys[: len(path)] == path and len(path) > nearest[0]:
            nearest = (len(path), number)
    return nearest[1]


def _key_parts(dotted: str) -> tuple[str, ...]:
    parts = []
    for part in re.findall(_KEY, dotted):
        if part.startswith('"'):
            part = tomllib.loads(f"key = {part}")["key"]
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)


def _opened_quotes(value: str) -> str:
    """Return the quotes of a multi-line string that ``value`` starts but
    does not end, or ''."""
    for quotes in _MULTILINE_QUOTES:
        start = value.find(quotes)
        if start >= 0 and value.find(quotes, start + 3) < 0:
            return quotes
    return ""


def default_config() -> Config:
    """Return the settings of an estate without a settings file."""
    return Config()


__all__ = ["Config", "SettingsFile", "default_config", "key_line", "load_config"]
