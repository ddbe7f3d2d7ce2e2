"""The parse cache: one pickled entry per program member under
``.migrate/cache/parse/``, so that a re-plan skips preprocessing and parsing
of members that did not change.

An entry is valid while four things are unchanged: the member's SHA-256,
the copybooks its expansion looked up, the settings that change
preprocessing, and the code that preprocesses and parses. Each lookup is
stored as the name, the library, the member it resolved to and that
member's SHA-256. Checking an entry costs one file read and a few
dictionary lookups, because the hashes of all members are computed once per
run.

The entries are pickles that migrate writes and reads itself. Like ``.pyc``
files, they are trusted: anyone who can write to ``.migrate/cache`` can
make migrate run code.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib
import importlib.metadata
import io
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from migrate.config import Config
from migrate.discover import Estate
from migrate.planjson import STATE_DIR, state_dir

logger = logging.getLogger(__name__)

# Bump when the layout of an entry or of what it stores changes in a way the
# code fingerprint below does not see.
PARSE_CACHE_VERSION = 1
CACHE_FOLDER = Path(STATE_DIR) / "cache" / "parse"
# Modules whose source text is part of the code fingerprint: everything that
# reads a member and turns it into a parsed result.
# NOTE: a module outside these that preprocessing or parsing comes to import
# must be added here, or its changes will not invalidate the cache.
_FINGERPRINT_PACKAGES = ("migrate.preprocess", "migrate.parse")
_FINGERPRINT_MODULES = ("migrate.model", "migrate.discover", "migrate.errors")
_FINGERPRINT_DISTRIBUTIONS = ("tree-sitter", "tree-sitter-language-pack")
# Settings that cannot change a parse result; every other setting, present
# or added later, is part of the key.
_IGNORED_SETTINGS = frozenset({"java_package", "java_dir", "agents", "run_timeout"})

# Returns (relpath, SHA-256) of the member a copybook name and library
# resolve to now, or ("", "") when none does.
Resolver = Callable[[str, str], "tuple[str, str]"]


@dataclass(frozen=True)
class CopyLookup:
    """One copybook lookup of an expansion and what it found: ``relpath`` and
    ``sha256`` are empty when no member matched."""

    name: str
    library: str
    relpath: str
    sha256: str


def member_hashes(estate: Estate) -> dict[str, str]:
    """Return the SHA-256 of every member's bytes, by relative path. A
    member that cannot be read gets an empty string, so it matches no entry
    written while it could be read."""
    hashes = {}
    for member in estate.members:
        try:
            hashes[member.relpath] = hashlib.sha256(
                member.path.read_bytes()
            ).hexdigest()
        except OSError:
            hashes[member.relpath] = ""
    return hashes


@functools.cache
def code_fingerprint() -> str:
    """Hash the source of the preprocessing and parsing code, the grammar
    queries and the tree-sitter versions, so that any change to them
    invalidates every entry."""
    digest = hashlib.sha256(f"{PARSE_CACHE_VERSION}:{sys.version_info[:2]}".encode())
    for path in sorted(_fingerprint_files()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for name in _FINGERPRINT_DISTRIBUTIONS:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=missing".encode())
    return digest.hexdigest()


def _fingerprint_files() -> list[Path]:
    files: list[Path] = []
    for package in _FINGERPRINT_PACKAGES:
        files += Path(str(resources.files(package))).rglob("*.py")
    for name in _FINGERPRINT_MODULES:
        module_file = importlib.import_module(name).__file__
        if module_file is not None:
            files.append(Path(module_file))
    files += Path(str(resources.files("migrate.grammars"))).rglob("*.scm")
    return files


def settings_fingerprint(config: Config) -> str:
    """Hash the settings that can change how a member is preprocessed."""
    relevant = {
        f.name: getattr(config, f.name)
        for f in dataclasses.fields(config)
        if f.name not in _IGNORED_SETTINGS
    }
    return hashlib.sha256(repr(sorted(relevant.items())).encode()).hexdigest()


class ParseCache:
    """Entries of one estate, one file per member, named by a hash of its
    relative path so that a changed member overwrites its old entry.

    NOTE: the entries of members that leave the estate stay on disk until
    ``.migrate/cache`` is deleted.
    """

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self._folder = str(folder)
        self._write_failed = False

    @classmethod
    def open(cls, estate: Estate) -> ParseCache | None:
        """Open the cache of ``estate``; return None when its folder cannot
        be created."""
        folder = estate.root / CACHE_FOLDER
        try:
            # state_dir also writes the .gitignore that keeps git status clean.
            state_dir(estate.root)
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            logger.warning("parse cache disabled: cannot create %s: %s", folder, error)
            return None
        fingerprint = hashlib.sha256(
            f"{code_fingerprint()}:{settings_fingerprint(estate.config)}".encode()
        ).hexdigest()
        return cls(folder, fingerprint)

    def entry_path(self, relpath: str) -> Path:
        """Return the path of ``relpath``'s entry."""
        return Path(self._entry_file(relpath))

    def _entry_file(self, relpath: str) -> str:
        # A string, not a Path: a re-plan builds one per member.
        name = hashlib.sha256(relpath.encode("utf-8")).hexdigest()[:32]
        return os.path.join(self._folder, f"{name}.pickle")

    def _key(self, relpath: str, member_hash: str) -> str:
        return f"{self.fingerprint}:{member_hash}:{relpath}"

    def load(self, relpath: str, member_hash: str, resolve: Resolver) -> object | None:
        """Return the cached result of ``relpath``, or None when there is no
        valid entry. A corrupt entry counts as missing."""
        path = self._entry_file(relpath)
        try:
            with open(path, "rb") as entry:
                data = entry.read()
        except FileNotFoundError:
            return None
        except OSError as error:
            logger.debug("cannot read parse cache entry %s: %s", path, error)
            return None
        stream = io.BytesIO(data)
        header = _unpickle(stream, path)
        if not _valid_header(header, self._key(relpath, member_hash), resolve):
            return None
        return _unpickle(stream, path)

    def store(
        self,
        relpath: str,
        member_hash: str,
        lookups: Iterable[CopyLookup],
        payload: bytes,
    ) -> None:
        """Write the entry of ``relpath``: its key, its copybook lookups and
        ``payload``, a pickle of the result. A crash leaves the old entry or
        the new one, and a failed write only costs a parse next time."""
        # Plain tuples, because they unpickle several times faster than
        # dataclass instances and every re-plan reads every header.
        rows = tuple((u.name, u.library, u.relpath, u.sha256) for u in lookups)
        header = (self._key(relpath, member_hash), rows)
        data = pickle.dumps(header, pickle.HIGHEST_PROTOCOL) + payload
        path = self.entry_path(relpath)
        try:
            _write_atomic(path, data)
        except OSError as error:
            if not self._write_failed:
                logger.warning("cannot write parse cache entry %s: %s", path, error)
            self._write_failed = True


def _valid_header(header: object, key: str, resolve: Resolver) -> bool:
    if not isinstance(header, tuple) or len(header) != 2 or header[0] != key:
        return False
    for row in header[1]:
        if not isinstance(row, tuple) or len(row) != 4:
            return False
        name, library, relpath, sha256 = row
        if resolve(name, library) != (relpath, sha256):
            return False
    return True


def _unpickle(stream: io.BytesIO, path: str) -> object | None:
    try:
        return pickle.load(stream)
    # Unpickling damaged bytes can raise UnpicklingError, EOFError,
    # ValueError, AttributeError, ImportError, IndexError and more. Any of
    # them means the entry is unusable, so it is parsed and written again.
    except Exception as error:  # noqa: BLE001
        logger.debug("ignoring corrupt parse cache entry %s: %r", path, error)
        return None


def _write_atomic(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def current_resolver(
    find: Callable[[str, str], str], hashes: Mapping[str, str]
) -> Resolver:
    """Build the resolver that :meth:`ParseCache.load` checks lookups with,
    from a function returning the relpath a name and library resolve to.
    Each name and library is resolved once, however many members copy it."""

    @functools.cache
    def resolve(name: str, library: str) -> tuple[str, str]:
        relpath = find(name, library)
        return relpath, (hashes.get(relpath, "") if relpath else "")

    return resolve
