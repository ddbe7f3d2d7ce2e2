"""Preprocess and parse many program members: the plan's hot loop.

Members are parsed in worker processes, because py-tree-sitter 0.26 holds
the GIL while it parses and preprocessing is pure Python, so threads would
not run in parallel. Small batches are parsed in this process, where the
cost of starting a pool would outweigh the gain. Results come back in the
order of the request, and a result's pickle never contains a tree-sitter
tree.

Each result is stored in the parse cache (:mod:`migrate.parse.cache`), and
a valid entry is read back instead of parsing the member again.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from migrate.discover import Estate
from migrate.errors import InputError, UsageError
from migrate.model import Diagnostic, ExpandedSource, Member
from migrate.parse.cache import (
    CopyLookup,
    ParseCache,
    current_resolver,
    member_hashes,
)
from migrate.parse.cobol import ProgramModel, parse_programs
from migrate.preprocess import Preprocessor

logger = logging.getLogger(__name__)

WORKERS_ENV = "MIGRATE_WORKERS"
# Set to 0, "off" or "no" to parse every member, reading and writing no cache.
CACHE_ENV = "MIGRATE_PARSE_CACHE"
# Work is cut into about this many chunks per worker, biggest members first.
# Then no worker is left with one big member at the end while the others
# idle, and results stream back while the rest is parsed.
CHUNKS_PER_WORKER = 8


@dataclass(frozen=True)
class ParsedMember:
    """One program member after preprocessing and parsing. ``source`` is
    None when the member could not be read at all."""

    relpath: str
    source: ExpandedSource | None
    programs: tuple[ProgramModel, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class PoolThreshold:
    """The smallest batch parsed by a pool of workers; smaller ones are
    parsed in this process, where no pool has to start."""

    members: int = 50
    bytes: int = 20_000 * 81  # about 20,000 fixed-format lines


# A pool pays for starting its workers and for pickling every result back.
# benchmarks/pool_threshold.py measures where it starts to pay; the results
# are in benchmarks/README.md. These defaults keep small estates and
# re-plans of a few changed members in this process.
DEFAULT_THRESHOLD = PoolThreshold()


@dataclass(frozen=True)
class BatchStats:
    """Counts and timing of one :func:`parse_members` call, logged at debug
    level as the ``batch_stats`` attribute of the log record."""

    members: int
    from_cache: int
    workers: int
    seconds: float
    # Members that were parsed, not read from the cache, in request order.
    parsed: tuple[str, ...] = ()


class RecordingPreprocessor(Preprocessor):
    """A preprocessor that records every copybook lookup of an expansion, so
    that a cache entry can list the copybooks its result depends on."""

    def __init__(self, estate: Estate) -> None:
        super().__init__(estate)
        self.lookups: dict[tuple[str, str], str] = {}

    def find_copybook(self, name: str, library: str = "") -> Member | None:
        """Find a copybook as the base class does, and record the lookup.
        Expansion looks every COPY up here before it reads the copybook, so
        a copybook that fails to read is still recorded."""
        member = super().find_copybook(name, library)
        self.lookups[(name, library)] = member.relpath if member is not None else ""
        return member


def parse_member(preprocessor: Preprocessor, relpath: str) -> ParsedMember:
    """Expand and parse one member; problems become diagnostics."""
    errors: list[InputError] = []
    try:
        source = preprocessor.expand(relpath, errors)
    except InputError as error:  # unreadable member: reported, the rest goes on
        return ParsedMember(
            relpath, None, (), (Diagnostic(error.pos, error.message, "error"),)
        )
    diagnostics = [Diagnostic(e.pos, e.message, "error") for e in errors]
    programs = tuple(parse_programs(source))
    if not programs:
        diagnostics.append(
            Diagnostic(source.pos(1), "no PROGRAM-ID found in this member", "error")
        )
    return ParsedMember(relpath, source, programs, tuple(diagnostics))


def parse_members(
    estate: Estate,
    relpaths: list[str],
    *,
    workers: int | None = None,
    use_cache: bool | None = None,
    hashes: Mapping[str, str] | None = None,
    threshold: PoolThreshold = DEFAULT_THRESHOLD,
) -> list[ParsedMember]:
    """Parse program members, returning results in the order of
    ``relpaths``.

    ``workers`` overrides the worker count (default: the environment
    variable ``MIGRATE_WORKERS``, else the usable CPUs). ``use_cache``
    False parses every member and leaves the cache alone (default: on,
    unless ``MIGRATE_PARSE_CACHE`` is 0). ``hashes`` are the SHA-256 of
    every member by relpath, when the caller has them already. Batches
    below ``threshold`` are parsed in this process.
    """
    started = time.perf_counter()
    cache = ParseCache.open(estate) if cache_enabled(use_cache) else None
    if cache is not None and hashes is None:
        hashes = member_hashes(estate)
    results: list[ParsedMember | None] = [None] * len(relpaths)
    todo = list(range(len(relpaths)))
    if cache is not None and hashes is not None:
        todo = _load_cached(estate, cache, hashes, relpaths, results)
    setup = _WorkerSetup(estate, cache, hashes or {})
    jobs = [(index, relpaths[index]) for index in todo]
    count = min(worker_count(workers), len(jobs))
    sizes = _pool_sizes(estate, jobs, threshold) if count > 1 else None
    if sizes is not None:
        _parse_in_pool(setup, jobs, count, sizes, results)
    elif jobs:
        count = 1
        parser = _MemberParser(setup)
        for index, relpath in jobs:
            results[index] = parser.parse(relpath)[0]
    stats = BatchStats(
        members=len(relpaths),
        from_cache=len(relpaths) - len(todo),
        workers=count,
        seconds=time.perf_counter() - started,
        parsed=tuple(relpath for _index, relpath in jobs),
    )
    logger.debug(
        "parsed %d members (%d from the parse cache) with %d workers in %.2f s",
        stats.members,
        stats.from_cache,
        stats.workers,
        stats.seconds,
        extra={"batch_stats": stats},
    )
    missing = [relpaths[i] for i, result in enumerate(results) if result is None]
    if missing:
        raise RuntimeError(f"parse_members produced no result for {missing[0]}")
    return results  # type: ignore[return-value]


def cache_enabled(use_cache: bool | None) -> bool:
    """Return whether the parse cache is on: the argument, else the
    environment variable."""
    if use_cache is not None:
        return use_cache
    return os.environ.get(CACHE_ENV, "1").strip().lower() not in ("0", "off", "no")


def worker_count(requested: int | None = None) -> int:
    """Return the number of worker processes: ``requested``, else the
    environment variable, else the CPUs this process may run on."""
    if requested is not None:
        if requested < 1:
            raise UsageError(f"invalid worker count {requested}", hint="give 1 or more")
        return requested
    value = os.environ.get(WORKERS_ENV, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise UsageError(
                f"invalid {WORKERS_ENV} value {value!r}",
                hint=f"set {WORKERS_ENV} to a whole number of 1 or more",
            )
        return int(value)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _load_cached(
    estate: Estate,
    cache: ParseCache,
    hashes: Mapping[str, str],
    relpaths: list[str],
    results: list[ParsedMember | None],
) -> list[int]:
    """Fill ``results`` from valid cache entries; return the indexes still
    to parse."""
    preprocessor = Preprocessor(estate)

    def find(name: str, library: str) -> str:
        member = preprocessor.find_copybook(name, library)
        return member.relpath if member is not None else ""

    resolve = current_resolver(find, hashes)
    todo = []
    with paused_gc():
        for index, relpath in enumerate(relpaths):
            cached = cache.load(relpath, hashes.get(relpath, ""), resolve)
            if isinstance(cached, ParsedMember) and cached.relpath == relpath:
                results[index] = cached
            else:
                todo.append(index)
    return todo


@dataclass(frozen=True)
class _WorkerSetup:
    """Inputs every worker needs, sent once per worker and not with each
    task."""

    estate: Estate
    cache: ParseCache | None
    hashes: Mapping[str, str]


class _MemberParser:
    """Parses members with one preprocessor, so that each copybook is read
    once per process, and stores every result in the cache."""

    def __init__(self, setup: _WorkerSetup) -> None:
        self.setup = setup
        self.preprocessor = RecordingPreprocessor(setup.estate)

    def parse(self, relpath: str) -> tuple[ParsedMember, bytes | None]:
        """Parse one member; return the result and, when it was stored in
        the cache, its pickle."""
        self.preprocessor.lookups.clear()
        try:
            parsed = parse_member(self.preprocessor, relpath)
        except Exception as error:
            error.add_note(f"while parsing {relpath}")
            raise
        cache = self.setup.cache
        if cache is None or parsed.source is None:
            return parsed, None
        payload = pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL)
        cache.store(
            relpath, self.setup.hashes.get(relpath, ""), self._lookups(), payload
        )
        return parsed, payload

    def _lookups(self) -> list[CopyLookup]:
        hashes = self.setup.hashes
        return [
            CopyLookup(
                name, library, relpath, hashes.get(relpath, "") if relpath else ""
            )
            for (name, library), relpath in sorted(self.preprocessor.lookups.items())
        ]


def _pool_sizes(
    estate: Estate, jobs: list[tuple[int, str]], threshold: PoolThreshold
) -> dict[str, int] | None:
    """Return the file sizes of the members to parse when they are enough
    work for a pool, else None."""
    if len(jobs) < threshold.members:
        return None
    sizes = _member_sizes(estate, [relpath for _index, relpath in jobs])
    return sizes if sum(sizes.values()) >= threshold.bytes else None


def _member_sizes(estate: Estate, relpaths: list[str]) -> dict[str, int]:
    paths = {member.relpath: member.path for member in estate.members}
    sizes = {}
    for relpath in relpaths:
        try:
            sizes[relpath] = paths[relpath].stat().st_size
        except (KeyError, OSError):
            sizes[relpath] = 0  # parse_member reports the problem
    return sizes


def chunk_jobs(
    jobs: list[tuple[int, str]], sizes: Mapping[str, int], count: int
) -> list[list[tuple[int, str]]]:
    """Split jobs into about ``count`` chunks of similar total size, biggest
    members first, so that the chunks that run last are the small ones."""
    ordered = sorted(jobs, key=lambda job: sizes.get(job[1], 0), reverse=True)
    target = max(1, sum(sizes.get(relpath, 0) for _i, relpath in jobs) // max(1, count))
    chunks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    weight = 0
    for job in ordered:
        current.append(job)
        weight += sizes.get(job[1], 0)
        if weight >= target:
            chunks.append(current)
            current, weight = [], 0
    if current:
        chunks.append(current)
    return chunks


def _parse_in_pool(
    setup: _WorkerSetup,
    jobs: list[tuple[int, str]],
    workers: int,
    sizes: Mapping[str, int],
    results: list[ParsedMember | None],
) -> None:
    chunks = chunk_jobs(jobs, sizes, workers * CHUNKS_PER_WORKER)
    context = multiprocessing.get_context(_start_method())
    others = set(multiprocessing.active_children())
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(setup,)
    ) as pool:
        futures: list[Future[list[tuple[int, bytes]]]] = [
            pool.submit(_parse_chunk, chunk) for chunk in chunks
        ]
        # The pool starts no worker after the last submit, so these are all.
        mine = [p for p in multiprocessing.active_children() if p not in others]
        try:
            for future in as_completed(futures):
                chunk = future.result()
                with paused_gc():
                    for index, payload in chunk:
                        results[index] = pickle.loads(payload)
        except BaseException:
            # Ctrl-C or a failed member: drop the chunks not started yet and
            # stop the running ones, which would otherwise finish first.
            pool.shutdown(wait=False, cancel_futures=True)
            for process in mine:
                process.terminate()
            raise


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while results are unpickled.

    Unpickling creates many objects without cycles. With the collector on,
    they trigger collections that scan the growing older generations again
    and again. Loading every cache entry of the 1,000,000-line estate of
    benchmarks/plan_benchmark.py took 0.55 to 0.92 s of CPU with the
    collector on, and 0.43 to 0.58 s with it paused (shared 2-CPU machine).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _start_method() -> str:
    """Fork on Linux when this process runs one thread: workers then start
    in milliseconds with the estate already in memory. Forking a process
    with other threads can copy a lock that one of them holds, so then the
    workers come from a fork server (and on macOS, where system libraries
    are not fork-safe, always)."""
    methods = multiprocessing.get_all_start_methods()
    single_thread = threading.active_count() == 1
    if sys.platform.startswith("linux") and single_thread and "fork" in methods:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


_worker_parser: _MemberParser | None = None


def _start_worker(setup: _WorkerSetup) -> None:
    global _worker_parser
    # The parent handles Ctrl-C and cancels the work; a worker finishes its
    # chunk and exits when the pool shuts down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_parser = _MemberParser(setup)


def _parse_chunk(chunk: list[tuple[int, str]]) -> list[tuple[int, bytes]]:
    """Parse one chunk in a worker and return each result as a pickle. The
    pickle the cache stored is reused, so no result is pickled twice."""
    assert _worker_parser is not None, "worker started without _start_worker"
    out = []
    for index, relpath in chunk:
        parsed, payload = _worker_parser.parse(relpath)
        out.append((index, payload or pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL)))
    return out
