"""The scheduler's side of one run: it builds each slice's work item, and
records each result in the journal and in git."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

import migrate
from migrate.commit import (
    INTEGRATION_BRANCH,
    BranchUpdate,
    EstateRepo,
    SliceCommit,
    branch_name,
)
from migrate.convert.rules.names import java_class_name
from migrate.errors import InputError
from migrate.graph import EstateModel
from migrate.judge.jobs import completed_jobs, job_slices
from migrate.judge.verdict import NOT_EXERCISED
from migrate.model import (
    ConversionRequest,
    EntryPoint,
    ExpandedSource,
    JavaSource,
    Job,
    MemberKind,
    Plan,
    Slice,
    SliceKind,
    SliceState,
)
from migrate.preprocess import expand, expand_copybook
from migrate.schedule.journal import Journal, SliceRecord, Usage
from migrate.schedule.scheduler import Finished, Skip
from migrate.schedule.worker import SliceResult, SliceWorker, WorkItem

logger = logging.getLogger(__name__)

# Test-only: seconds to sleep between the steps of a slice's commit, so that
# the crash-safety test can kill a run inside the sequence. Unset in normal
# use.
COMMIT_PAUSE_VARIABLE = "MIGRATE_TEST_COMMIT_PAUSE"


class RunSession:
    """Implements the scheduler's hooks for one run. Every method except
    :meth:`work` runs in the scheduler thread, which owns the journal and
    the refs."""

    def __init__(
        self,
        model: EstateModel,
        plan: Plan,
        journal: Journal,
        repo: EstateRepo,
        worker: SliceWorker,
        *,
        run_id: int,
        base_commit: str,
        converter_label: str,
        runtime: tuple[JavaSource, ...],
    ) -> None:
        self.model = model
        self.estate = model.estate
        self.config = model.estate.config
        self.plan = plan
        self.journal = journal
        self.repo = repo
        self.worker = worker
        self.run_id = run_id
        self.base_commit = base_commit
        self.converter_label = converter_label
        self.runtime = runtime
        self.java_root = f"{self.config.java_dir}/src/main/java"
        self._slices = {item.id: item for item in plan.slices}
        self._commits: dict[str, str] = {}
        self._java: dict[str, tuple[JavaSource, ...]] = {}
        self._java_paths: dict[str, tuple[str, ...]] = {}
        self._hashes: dict[str, str] = {}
        self._data_hashes: dict[str, str] = {}
        self._commit_pause = float(os.environ.get(COMMIT_PAUSE_VARIABLE) or 0)
        # Set by the runner on Ctrl-C: from then on a result that is not
        # accepted may come from a program the interrupt killed, so the slice
        # goes back to pending instead of failing.
        self.interrupted = False
        # Slices that an earlier run verified with the same inputs.
        self.skipped: list[str] = []
        # HEAD, or the base of the journal's commits once HEAD contains them.
        self.base_commit = self._resolve_base(base_commit)

    # Scheduler hooks

    def prepare(self, item: Slice) -> WorkItem | Skip:
        """Build the slice's work item, or skip a slice that an earlier run
        verified with the same inputs."""
        work = self._work_item(item)
        self._hashes[item.id] = work.input_hash
        record = self.journal.slice(item.id)
        if record is not None and self._still_verified(record, work.input_hash):
            self._keep(item, record)
            self.skipped.append(item.id)
            return Skip("already verified")
        return work

    def started(self, item: Slice, agent: int) -> None:
        self.journal.set_running(item.id, self.run_id, agent, self._hashes[item.id])

    def work(self, task: WorkItem, report: Callable[[str], None]) -> SliceResult:
        """Convert and verify, in a worker thread. Once the run is
        interrupted, return at once with no attempt, which :meth:`finish`
        records as pending."""
        # NOTE: the scheduler has no way to stop handing out tasks, so the
        # tasks queued at the interrupt still go out, and return here at once.
        if self.interrupted:
            return SliceResult(task, None, (), self.worker.converter.name)
        return self.worker.work(task, report)

    def finish(self, item: Slice, result: SliceResult) -> Finished:
        """Record a result; commit a verified slice and move its branch."""
        verdict = result.verdict
        accepted = verdict is not None and verdict.accepted
        if self.interrupted and not accepted and not result.budget_exhausted:
            self.journal.set_pending(item.id, self._hashes.get(item.id, ""))
            return Finished(SliceState.PENDING, "interrupted")
        # The attempts and the outcome are one transaction, so a slice whose
        # commit is recorded never runs again, and one whose commit is not
        # recorded runs again with no attempt kept twice.
        with self.journal.transaction():
            self._add_attempts(item, result)
            finished, commit = self._settle(item, result)
        if commit:
            self._move_branch(item, commit)
        return finished

    def _settle(self, item: Slice, result: SliceResult) -> tuple[Finished, str]:
        """Record the outcome; for a verified slice, write its commit and
        return its id too."""
        verdict = result.verdict
        if result.budget_exhausted:
            self._record(
                item,
                result,
                SliceState.PENDING,
                "not converted: the LLM budget is exhausted",
                self._branch_commit(item.id),
            )
            finished = Finished(
                SliceState.PENDING, "budget exhausted", budget_exhausted=True
            )
            return finished, ""
        if verdict is None or not verdict.accepted:
            evidence = verdict.evidence if verdict else "no verdict"
            self._drop_branch(item.id)
            self._record(item, result, SliceState.FAILED, evidence)
            summary = verdict.summary() if verdict else evidence
            return Finished(SliceState.FAILED, summary), ""
        if self._missed_jobs(item, result.item.jobs):
            finished = Finished(
                SliceState.PENDING, "a job became complete while it ran", retry=True
            )
            return finished, ""
        commit = self._commit(item, result)
        return Finished(SliceState.VERIFIED, verdict.summary()), commit

    def crashed(self, item: Slice, error: str) -> Finished:
        if self.interrupted:
            self.journal.set_pending(item.id, self._hashes.get(item.id, ""))
            return Finished(SliceState.PENDING, "interrupted")
        lines = error.strip().splitlines()
        summary = f"internal error: {lines[-1] if lines else 'unknown'}"
        self._drop_branch(item.id)
        self.journal.set_outcome(
            item.id,
            SliceState.FAILED,
            converter=self.converter_label,
            evidence=f"{summary}\n{error}",
            checks=(),
            java_paths=(),
            usage=Usage(),
            attempts=0,
        )
        return Finished(SliceState.FAILED, summary)

    def block(self, item: Slice, failed: str) -> None:
        self._drop_branch(item.id)
        self.journal.set_blocked(
            item.id, self.run_id, f"blocked: slice {failed} failed"
        )

    def needs_converter(self, item: Slice) -> bool:
        return item.kind is not SliceKind.RUNTIME

    # Integration

    def update_integration(self) -> str | None:
        """Join every verified slice in one commit on the integration branch
        and return its id. With no slice verified, delete the branch and
        return None."""
        records = self.journal.slices()
        verified = [
            item.id
            for item in self.plan.slices
            if (record := records.get(item.id)) is not None
            and record.state is SliceState.VERIFIED
            and record.commit_id
        ]
        branch = self.journal.branches().get(INTEGRATION_BRANCH)
        old = branch.commit_id if branch else ""
        if not verified:
            if old:
                self.repo.update_branches([BranchUpdate(INTEGRATION_BRANCH, "", old)])
                self.journal.set_branch(INTEGRATION_BRANCH, "")
            return None
        covered = {dep for sid in verified for dep in self._slices[sid].depends_on}
        tips = [sid for sid in verified if sid not in covered]
        heads = [records[sid].commit_id for sid in tips]
        commit = self.repo.write_integration_commit(heads, verified)
        if commit != old:
            # The same order as a slice's commit: the journal names the new
            # commit before the branch moves to it.
            self.journal.begin_branch(INTEGRATION_BRANCH, commit)
            self.repo.update_branch(INTEGRATION_BRANCH, commit, expected=old)
            self.journal.end_branch(INTEGRATION_BRANCH)
        return commit

    # Work items

    def _work_item(self, item: Slice) -> WorkItem:
        if item.kind is SliceKind.RUNTIME:
            parents: tuple[str, ...] = (self.base_commit,)
        else:
            parents = tuple(self._commits[dep] for dep in item.depends_on)
        jobs: tuple[Job, ...] = ()
        if item.kind is SliceKind.PROGRAM:
            jobs = completed_jobs(self.plan, item, self._commits)
        closure = self._closure(item.id)
        partners = {sid for job in jobs for sid in job_slices(self.plan, job)}
        needed = [
            s.id
            for s in self.plan.slices
            if s.id in closure | partners
            and s.id != item.id
            and s.kind is not SliceKind.RUNTIME
        ]

        problem, sources, copybooks = self._sources(item)
        request = None
        if item.kind is not SliceKind.RUNTIME:
            dependencies = [sid for sid in needed if sid in closure]
            request = self._request(item, sources, dependencies)
        texts = self._hashed_texts(item, sources)
        context, owners = self._context(item, needed)
        return WorkItem(
            slice=item,
            request=request,
            runtime=self.runtime,
            context=context,
            context_owners=owners,
            jobs=jobs,
            copybooks=copybooks,
            input_hash=self._input_hash(item, texts, parents),
            parents=parents,
            problem=problem,
        )

    def _hashed_texts(
        self, item: Slice, sources: Sequence[ExpandedSource]
    ) -> list[str]:
        """Return the texts whose hashes go into the slice's input hash."""
        if item.kind is SliceKind.RUNTIME:
            return [s.text for s in self.runtime]
        return [s.text for s in sources]

    def _context(
        self, item: Slice, needed: list[str]
    ) -> tuple[tuple[JavaSource, ...], tuple[tuple[str, str], ...]]:
        """Return the Java the judge compiles with the slice, and the slice
        that owns each of those files."""
        if item.kind is SliceKind.RUNTIME:
            return (), ()
        context = list(self.runtime)
        owners = [(s.path, "runtime") for s in self.runtime]
        for sid in needed:
            context.extend(self._java_of(sid))
            owners.extend((s.path, sid) for s in self._java_of(sid))
        return tuple(context), tuple(owners)

    def _request(
        self, item: Slice, sources: tuple[ExpandedSource, ...], dependencies: list[str]
    ) -> ConversionRequest:
        return ConversionRequest(
            slice=item,
            sources=sources,
            java_package=self.config.java_package,
            callees=self._callees(item),
            dependency_sources=tuple(
                source for sid in dependencies for source in self._java_of(sid)
            ),
        )

    def _closure(self, slice_id: str) -> set[str]:
        seen: set[str] = set()
        pending = list(self._slices[slice_id].depends_on)
        while pending:
            sid = pending.pop()
            if sid not in seen:
                seen.add(sid)
                pending.extend(self._slices[sid].depends_on)
        return seen

    def _sources(
        self, item: Slice
    ) -> tuple[str, tuple[ExpandedSource, ...], tuple[ExpandedSource, ...]]:
        """Return why the sources cannot be expanded (or ""), the expanded
        sources of the request, and a record slice's expanded copybooks."""
        try:
            if item.kind is SliceKind.RECORD:
                copybooks = tuple(
                    expand_copybook(self.estate, name) for name in item.copybooks
                )
                return "", copybooks, copybooks
            programs = [
                relpath
                for relpath in item.members
                if self.estate.member(relpath).kind is MemberKind.PROGRAM
            ]
            sources = tuple(
                self.model.sources.get(relpath) or expand(self.estate, relpath)
                for relpath in programs
            )
            return "", sources, ()
        except (InputError, KeyError) as error:
            return f"the slice's sources cannot be expanded: {error}", (), ()

    def _callees(self, item: Slice) -> tuple[EntryPoint, ...]:
        programs = self.model.programs
        names = {
            target
            for name in item.programs
            if name in programs
            for site in programs[name].calls
            for target in site.targets
            if target in programs
        }
        return tuple(
            EntryPoint(name, java_class_name(name), programs[name].using)
            for name in sorted(names)
        )

    def _input_hash(
        self, item: Slice, texts: list[str], parents: tuple[str, ...]
    ) -> str:
        # Every job that runs one of the slice's programs counts, complete
        # or not, so that the hash does not depend on which other slices
        # happen to be verified when this one goes out.
        jobs = [job for job in self.plan.jobs if item.id in job_slices(self.plan, job)]
        hashes = dict(self.plan.hashes)
        facts = {
            "migrate": migrate.__version__,
            "slice": [item.id, item.kind.value],
            "sources": [
                hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
                for text in texts
            ],
            "converter": self.converter_label,
            "parents": list(parents),
            "java": [self.config.java_package, self.config.java_dir],
            "jobs": [
                [job.name, hashes.get(job.member, ""), self._job_data_hashes(job)]
                for job in jobs
            ],
        }
        return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()

    def _job_data_hashes(self, job: Job) -> list[str]:
        data_dir = self.estate.root / self.config.data_dir
        names = sorted({dd.dsn for step in job.steps for dd in step.dds if dd.dsn})
        result = []
        for name in names:
            if name not in self._data_hashes:
                path = data_dir / name
                digest = (
                    hashlib.sha256(path.read_bytes()).hexdigest()
                    if path.is_file()
                    else ""
                )
                self._data_hashes[name] = digest
            result.append(f"{name}:{self._data_hashes[name]}")
        return result

    # The base commit

    def _resolve_base(self, head: str) -> str:
        """Return the commit the run builds on. It is HEAD, unless HEAD
        contains the journal's integration commit, because the user merged
        it, and every slice is still verified with the same inputs on the
        base of the journal's commits. Then the run keeps that base and
        writes no commit."""
        base = self._journal_base()
        branch = self.journal.branches().get(INTEGRATION_BRANCH)
        joined = branch.commit_id if branch else ""
        if not base or base == head or not joined:
            return head
        if not self.repo.is_ancestor(joined, head):
            return head

        if not self._verified_on(base):
            logger.info(
                "HEAD %s contains %s at %s, but the inputs of some slices "
                "changed since, so every slice is converted again on HEAD",
                head[:12],
                INTEGRATION_BRANCH,
                joined[:12],
            )
            return head
        logger.info(
            "HEAD %s contains %s at %s and no slice's inputs changed since, "
            "so the branches stay on base %s",
            head[:12],
            INTEGRATION_BRANCH,
            joined[:12],
            base[:12],
        )
        return base

    def _journal_base(self) -> str:
        """Return the base commit of the runtime slice's commit in the
        journal, or "" when it has none."""
        runtime = [s.id for s in self.plan.slices if s.kind is SliceKind.RUNTIME]
        record = self.journal.slice(runtime[0]) if runtime else None
        if record is None or not record.commit_id:
            return ""
        if not self.repo.has_commit(record.commit_id):
            return ""
        parents = self.repo.parents(record.commit_id)
        return parents[0] if parents else ""

    def _verified_on(self, base: str) -> bool:
        """True when every slice of the plan is verified in the journal with
        the inputs it has now, its commits building on ``base``."""
        records = self.journal.slices()
        commits: dict[str, str] = {}
        # The plan lists slices in topological order, so a slice's
        # dependencies are settled before it.
        for item in self.plan.slices:
            record = records.get(item.id)
            if record is None or any(dep not in commits for dep in item.depends_on):
                return False
            if item.kind is SliceKind.RUNTIME:
                parents: tuple[str, ...] = (base,)
            else:
                parents = tuple(commits[dep] for dep in item.depends_on)
            problem, sources, _ = self._sources(item)
            texts = self._hashed_texts(item, sources)
            input_hash = self._input_hash(item, texts, parents)
            if problem or not self._still_verified(record, input_hash):
                return False
            commits[item.id] = record.commit_id
        return True

    def _output_folders(self) -> tuple[str, ...]:
        """Return the estate-relative folders that only generated Java
        fills: the runtime's package and the generated package."""
        packages = {str(PurePosixPath(s.path).parent) for s in self.runtime}
        packages.add(self.config.java_package.replace(".", "/"))
        return tuple(
            f"{self.java_root}/{package}"
            for package in sorted(packages)
            if package not in ("", ".")
        )

    # Results

    def _still_verified(self, record: SliceRecord, input_hash: str) -> bool:
        return (
            record.state is SliceState.VERIFIED
            and record.input_hash == input_hash
            and bool(record.commit_id)
            and self.repo.has_commit(record.commit_id)
        )

    def _keep(self, item: Slice, record: SliceRecord) -> None:
        # The reconciliation at the start of the run has put the branch back
        # at the journal's commit, had someone deleted or moved it.
        self._commits[item.id] = record.commit_id
        self._java_paths[item.id] = record.java_paths

    def _java_of(self, slice_id: str) -> tuple[JavaSource, ...]:
        if slice_id not in self._java:
            self._java[slice_id] = self.repo.read_sources(
                self._commits[slice_id],
                self.java_root,
                self._java_paths.get(slice_id, ()),
            )
        return self._java[slice_id]

    def _missed_jobs(self, item: Slice, ran: tuple[Job, ...]) -> bool:
        """True when a job became complete while the slice ran, because a
        slice it shares the job with was verified meanwhile."""
        if item.kind is not SliceKind.PROGRAM:
            return False
        now = completed_jobs(self.plan, item, self._commits)
        return {job.name for job in now} > {job.name for job in ran}

    def _commit(self, item: Slice, result: SliceResult) -> str:
        """Write the commit of a verified slice and record it as the one its
        branch is about to point at (steps 1 and 2 of the write order that
        :mod:`migrate.schedule.recovery` describes)."""
        verdict = result.verdict
        assert verdict is not None and result.conversion is not None
        notes = () if verdict.exercised else (NOT_EXERCISED,)
        request = SliceCommit(
            slice=item,
            parents=result.item.parents,
            sources=result.conversion.sources,
            converter=result.converter,
            checks=verdict.checks,
            input_hash=result.item.input_hash,
            notes=notes,
            # The runtime's commit is the only one built on the base commit.
            # A base can contain generated Java, because the user merged the
            # integration branch, so the runtime's commit drops the generated
            # packages and each slice writes its own files afresh.
            replaces=self._output_folders() if item.kind is SliceKind.RUNTIME else (),
        )
        commit = self.repo.write_slice_commit(request, self.java_root)
        self._pause_for_tests()

        sources = result.conversion.sources
        self.journal.begin_commit(
            item.id,
            commit,
            converter=result.converter,
            evidence=verdict.evidence,
            checks=verdict.checks,
            java_paths=tuple(s.path for s in sources),
            usage=result.usage,
            attempts=len(result.attempts),
        )
        self._commits[item.id] = commit
        self._java[item.id] = sources
        self._java_paths[item.id] = tuple(s.path for s in sources)
        return commit

    def _move_branch(self, item: Slice, commit: str) -> None:
        """Move the slice's branch from the journal's commit to ``commit``,
        then mark the slice verified (steps 3 and 4)."""
        self._pause_for_tests()
        expected = self._branch_commit(item.id)
        self.repo.update_branch(branch_name(item.id), commit, expected=expected)
        self._pause_for_tests()
        self.journal.end_commit(item.id)

    def _drop_branch(self, slice_id: str) -> None:
        """Delete the branch of a slice that is no longer verified. The
        caller then clears the slice's commit in the journal."""
        old = self._branch_commit(slice_id)
        if old:
            self.repo.update_branches([BranchUpdate(branch_name(slice_id), "", old)])

    def _branch_commit(self, slice_id: str) -> str:
        record = self.journal.slice(slice_id)
        return record.commit_id if record else ""

    def _pause_for_tests(self) -> None:
        if self._commit_pause:
            time.sleep(self._commit_pause)

    def _add_attempts(self, item: Slice, result: SliceResult) -> None:
        for attempt in result.attempts:
            self.journal.add_attempt(
                item.id,
                self.run_id,
                attempt.number,
                attempt.verdict.kind.value,
                attempt.verdict.evidence,
                attempt.usage,
            )

    def _record(
        self,
        item: Slice,
        result: SliceResult,
        state: SliceState,
        evidence: str,
        commit: str = "",
    ) -> None:
        verdict = result.verdict
        sources = result.conversion.sources if result.conversion else ()
        self.journal.set_outcome(
            item.id,
            state,
            converter=result.converter,
            evidence=evidence,
            checks=verdict.checks if verdict else (),
            java_paths=tuple(s.path for s in sources),
            usage=result.usage,
            attempts=len(result.attempts),
            commit_id=commit,
        )
