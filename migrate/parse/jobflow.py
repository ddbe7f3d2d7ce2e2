"""The JCL side of the estate graph: where procedure members are found,
what each job step runs, and the graph edges of jobs.

The edges are ``runs`` (job to each program a step runs), ``reads`` and
``writes`` (program to dataset, one per DD statement with a dataset), and
``dataflow`` (program to program). A ``dataflow`` edge joins the writer of
a dataset to each reader in a later step of the same job or in any step of
another job.

Dataset node ids are the dataset names, with two changes. A temporary
dataset ``&&NAME`` belongs to its job, so its id is ``JOBNAME.&&NAME``. A
generation data group keeps its base name (``A.B(+1)`` and ``A.B(0)`` are
both ``A.B``), so that a generation written by one job and read by the next
is one node.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from migrate.model import DDStatement, Edge, EdgeKind, Job, JobStep, NodeKind, node_id

TSO_BATCH = frozenset({"IKJEFT01", "IKJEFT1A", "IKJEFT1B"})
IMS_REGION = "DFSRRC00"
# System programs a step may run, which the estate does not convert: the
# common IBM utilities, sort products and DB2 batch programs.
# NOTE: a system program missing here is not marked as a utility, but it
# still becomes an external node unless a member of the estate defines it.
UTILITIES = frozenset(
    "ADRDSSU AMASPZAP ASMA90 BPXBATCH DFHCSDUP DFSORT DFSRRC00 DSNTEP2 DSNTEP4 "  # noqa: SIM905
    "DSNTIAD DSNTIAUL DSNUTILB DSN1COPY FTP HEWL ICEGENER ICEMAN ICETOOL ICKDSF "
    "IDCAMS IEBCOMPR IEBCOPY IEBDG IEBEDIT IEBGENER IEBPTPCH IEBUPDTE IEFBR14 "
    "IEHLIST IEHMOVE IEHPROGM IEWBLINK IEWL IGYCRCTL IKJEFT01 IKJEFT1A "
    "IKJEFT1B IRXJCL SORT SYNCSORT SYNCTOOL".split()
)
# IMS region types whose PARM names the application program second.
_IMS_BATCH_REGIONS = ("DLI", "DBB", "BMP")
# DD names of program libraries and catalogs, which every program of a
# job "reads": they carry no data from one program to another.
_LIBRARY_DDS = frozenset({"STEPLIB", "JOBLIB", "STEPCAT", "JOBCAT"})
_GENERATION = re.compile(r"\([+-]?\d+\)$")
_JOB_STATEMENT = re.compile(r"^//\S+\s+JOB\b", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class StepProgram:
    """The programs a step runs: the program, its PARM, the system utility
    that runs it (or that it is), and any further programs."""

    program: str
    parm: str
    utility: str = ""
    also_runs: tuple[str, ...] = ()


def step_program(program: str, parm: str, dds: Sequence[DDStatement]) -> StepProgram:
    """Find what a step of ``EXEC PGM=program`` runs.

    A TSO batch step runs the programs of the RUN and CALL commands in its
    in-stream SYSTSIN, the first with the command's PARMS as its PARM. An
    IMS batch region runs the program its PARM names. Without them, and
    for every other utility, the step runs the utility itself.
    """
    if program in TSO_BATCH:
        commands = "".join(dd.instream or "" for dd in dds if dd.ddname == "SYSTSIN")
        runs = tso_programs(commands)
        if runs:
            others = tuple(name for name, _parm in runs[1:])
            return StepProgram(runs[0][0], runs[0][1], program, others)
    if program == IMS_REGION and ims_program(parm):
        return StepProgram(ims_program(parm), parm, program)
    if program in UTILITIES:
        return StepProgram(program, parm, program)
    return StepProgram(program, parm)


_TSO_COMMENT = re.compile(r"/\*.*?(\*/|$)")
_TSO_RUN = re.compile(r"^\s*RUN\b", re.IGNORECASE)
_TSO_PROGRAM = re.compile(
    r"\bPROG[RAM]*\s*\(\s*'?([A-Z0-9@#$]{1,8})'?\s*\)", re.IGNORECASE
)
_TSO_PARMS = re.compile(
    r"\bPARMS?\s*\(\s*(?:'((?:[^']|'')*)'|([^)]*))\s*\)", re.IGNORECASE
)
_TSO_CALL = re.compile(
    r"^\s*CALL\s+(?:'[^'(]*\(([A-Z0-9@#$]{1,8})\)'|\*\(([A-Z0-9@#$]{1,8})\))"
    r"(?:\s+'((?:[^']|'')*)')?",
    re.IGNORECASE,
)


def tso_commands(text: str) -> list[str]:
    """Join TSO command lines: a line ending in ``-`` continues with the next
    line as it is, one ending in ``+`` with its leading blanks removed."""
    commands: list[str] = []
    pending, strip_next = "", False
    for raw in text.splitlines():
        line = _TSO_COMMENT.sub("", raw[:72]).rstrip()
        line = line.lstrip() if strip_next else line
        if line.endswith(("-", "+")):
            pending, strip_next = pending + line[:-1], line.endswith("+")
            continue
        commands.append(pending + line)
        pending, strip_next = "", False
    if pending:
        commands.append(pending)
    return [command for command in commands if command.strip()]


def tso_programs(text: str) -> list[tuple[str, str]]:
    """Return (program, parm) of each ``RUN PROGRAM(...)`` (under the DSN
    command of DB2) and ``CALL`` command of a SYSTSIN text, in order."""
    runs: list[tuple[str, str]] = []
    for command in tso_commands(text):
        if _TSO_RUN.match(command) and (found := _TSO_PROGRAM.search(command)):
            runs.append(
                (found.group(1).upper(), _tso_parms(_TSO_PARMS.search(command)))
            )
        elif call := _TSO_CALL.match(command):
            name = call.group(1) or call.group(2)
            runs.append((name.upper(), (call.group(3) or "").replace("''", "'")))
    return runs


def _tso_parms(found: re.Match[str] | None) -> str:
    if found is None:
        return ""
    if found.group(1) is not None:
        return found.group(1).replace("''", "'")
    return found.group(2).strip()


def ims_program(parm: str) -> str:
    """Return the application program of an IMS batch region's PARM
    (``DLI,PROGRAM,PSB,...``, or ``BMP``/``DBB``), or empty."""
    items = [item.strip().strip("'") for item in parm.split(",")]
    if len(items) >= 2 and items[0].upper() in _IMS_BATCH_REGIONS and items[1]:
        return items[1].upper()
    return ""


# --- procedure libraries --------------------------------------------------


class MemberLibrary:
    """Finds procedure and INCLUDE members among an estate's JCL members:
    a :data:`migrate.parse.jcl.ProcedureLookup`.

    A member's name is its file stem, matched case-insensitively. A JCLLIB
    library ``PROD.PROCLIB`` is the folder named ``PROD.PROCLIB`` or
    ``prod/proclib``, compared case-insensitively, or when the estate has no
    such folder, every folder named ``proclib``, its last qualifier. The
    libraries are searched in order, then the whole estate, the way z/OS
    searches the system procedure libraries after JCLLIB. A member that
    contains a JOB statement is a job, never a procedure.
    """

    def __init__(self, relpaths: Iterable[str], read: Callable[[str], str]) -> None:
        relpaths = list(relpaths)
        self._read = read
        self._by_stem: dict[str, list[str]] = {}
        self._folders = sorted({str(PurePosixPath(p).parent).upper() for p in relpaths})
        for relpath in sorted(relpaths, key=_member_rank):
            self._by_stem.setdefault(PurePosixPath(relpath).stem.upper(), []).append(
                relpath
            )
        self._texts: dict[str, str | None] = {}
        self._libraries: dict[str, set[str]] = {}

    def __call__(self, name: str, libraries: tuple[str, ...]) -> tuple[str, str] | None:
        candidates = self._by_stem.get(name.upper(), [])
        for library in libraries:
            folders = self._library_folders(library)
            for relpath in candidates:
                text = self._text(relpath)
                if (
                    str(PurePosixPath(relpath).parent).upper() in folders
                    and text is not None
                ):
                    return relpath, text
        for relpath in candidates:
            text = self._text(relpath)
            if text is not None:
                return relpath, text
        return None

    def _library_folders(self, library: str) -> set[str]:
        name = library.upper()
        if name not in self._libraries:
            self._libraries[name] = self._match_folders(name)
        return self._libraries[name]

    def _match_folders(self, name: str) -> set[str]:
        exact = {
            folder
            for folder in self._folders
            if folder == name
            or PurePosixPath(folder).name == name
            or f"/{folder}".endswith("/" + name.replace(".", "/"))
        }
        if exact:
            return exact
        last = name.rsplit(".", 1)[-1]
        return {
            folder for folder in self._folders if PurePosixPath(folder).name == last
        }

    def _text(self, relpath: str) -> str | None:
        if relpath not in self._texts:
            text = self._read(relpath)
            self._texts[relpath] = None if _JOB_STATEMENT.search(text) else text
        return self._texts[relpath]


def _member_rank(relpath: str) -> tuple[int, str]:
    # Procedure members first when several files share a stem.
    suffix = PurePosixPath(relpath).suffix.lower()
    order = {".prc": 0, ".proc": 0, "": 1, ".jcl": 2}
    return order.get(suffix, 3), relpath


# --- graph edges ----------------------------------------------------------


def step_reference(step: JobStep) -> str:
    """Return the step's name as JCL refers to it: ``STEP01`` for a job
    step, ``STEP01.SORT`` for step SORT of a procedure that STEP01 calls."""
    return ".".join(step.invoked_by + (step.name,))


def dataset_name(job: Job, dd: DDStatement) -> str:
    """Return the name of the dataset node of a DD statement with a DSN."""
    name = f"{job.name}.{dd.dsn}" if dd.temporary else dd.dsn
    return _GENERATION.sub("", name)


def program_ids(step: JobStep, programs: Collection[str]) -> list[str]:
    """Return the node ids of the programs a step runs: a utility, and a
    program no member defines, are external nodes."""
    ids = []
    for name in (step.program,) + step.also_runs:
        is_program = name in programs and name != step.utility
        ids.append(node_id(NodeKind.PROGRAM if is_program else NodeKind.EXTERNAL, name))
    return ids


def job_edges(jobs: Sequence[Job], programs: Collection[str]) -> list[Edge]:
    """Return every ``runs``, ``reads``, ``writes`` and ``dataflow`` edge of
    ``jobs``; ``programs`` are the names of the estate's programs.

    A ``runs`` edge is at the step's EXEC statement and a ``reads`` or
    ``writes`` edge at its DD statement, in the member that contains it.
    A ``dataflow`` edge is at the reading DD statement.
    """
    edges: list[Edge] = []
    for job in jobs:
        job_id = node_id(NodeKind.JOB, job.name)
        for step in job.steps:
            reference = step_reference(step)
            ids = program_ids(step, programs)
            for program_id in ids:
                edges.append(
                    Edge(
                        job_id,
                        program_id,
                        EdgeKind.RUNS,
                        step.pos,
                        (("step", reference),),
                    )
                )
            for dd in step.dds:
                if not dd.dsn:
                    continue
                dataset = node_id(NodeKind.DATASET, dataset_name(job, dd))
                kind = EdgeKind.WRITES if dd.writes else EdgeKind.READS
                attrs = (("job", job.name), ("step", reference), ("dd", dd.ddname))
                edges.extend(Edge(p, dataset, kind, dd.pos, attrs) for p in ids)
    edges.extend(dataflow_edges(jobs, programs))
    return edges


def job_nodes(jobs: Iterable[Job], edges: Iterable[Edge]) -> dict[str, NodeKind]:
    """Return the kind of every node of ``edges``, and of each job's node
    (a job with no steps has no edges)."""
    nodes = {node_id(NodeKind.JOB, job.name): NodeKind.JOB for job in jobs}
    for edge in edges:
        for node in (edge.source, edge.target):
            nodes.setdefault(node, NodeKind(node.partition(":")[0]))
    return nodes


@dataclass(frozen=True)
class _Use:
    """One DD statement of a step that reads or writes a dataset."""

    job_index: int
    step_index: int
    job: Job
    step: JobStep
    dd: DDStatement


def dataflow_edges(jobs: Sequence[Job], programs: Collection[str]) -> list[Edge]:
    """Return an edge from each program that writes a dataset to each
    program that reads it afterwards: in a later step of the same job, or
    in any step of another job. A dataset deleted at the end of the step
    that writes it (DISP=(NEW,DELETE)) reaches no one."""
    writers: dict[str, list[_Use]] = {}
    readers: list[tuple[str, _Use]] = []
    for job_index, job in enumerate(jobs):
        for step_index, step in enumerate(job.steps):
            for dd in step.dds:
                if not dd.dsn or dd.ddname in _LIBRARY_DDS:
                    continue
                use = _Use(job_index, step_index, job, step, dd)
                name = dataset_name(job, dd)
                if dd.writes and dd.normal_disp != "DELETE":
                    writers.setdefault(name, []).append(use)
                elif not dd.writes:
                    readers.append((name, use))
    edges: list[Edge] = []
    seen: set[tuple[str, ...]] = set()
    for name, reader in readers:
        for writer in writers.get(name, ()):
            if not _flows(writer, reader):
                continue
            for edge in _flow(name, writer, reader, programs):
                key = (edge.source, edge.target) + tuple(
                    value for _key, value in edge.attrs
                )
                if key not in seen:
                    seen.add(key)
                    edges.append(edge)
    return edges


def _flows(writer: _Use, reader: _Use) -> bool:
    """Tell whether the reader reads what the writer wrote. In one job the
    reader must come later, and a relative generation refers to one
    generation through the whole job: (0) is the one current when the job
    began, never the (+1) that the job writes."""
    if writer.job_index != reader.job_index:
        return True
    if writer.step_index >= reader.step_index:
        return False
    written = _GENERATION.search(writer.dd.dsn)
    read = _GENERATION.search(reader.dd.dsn)
    return not (written and read) or written.group() == read.group()


def _flow(
    name: str, writer: _Use, reader: _Use, programs: Collection[str]
) -> list[Edge]:
    attrs = (
        ("dataset", name),
        ("writer_job", writer.job.name),
        ("writer_step", step_reference(writer.step)),
        ("reader_job", reader.job.name),
        ("reader_step", step_reference(reader.step)),
    )
    return [
        Edge(source, target, EdgeKind.DATAFLOW, reader.dd.pos, attrs)
        for source in program_ids(writer.step, programs)
        for target in program_ids(reader.step, programs)
    ]
