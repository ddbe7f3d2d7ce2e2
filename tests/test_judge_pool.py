"""The judge on its two paths: the rules converter's Java verified in the
persistent JVM pool, and the same Java verified in sandboxed processes."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_judge import HELLO_JCL, HELLO_SLICE, estate_root, library  # noqa: F401

from migrate.config import load_config
from migrate.convert.rules import RulesConverter
from migrate.discover import discover
from migrate.judge.cobol import CobolLibrary
from migrate.judge.sandbox import Sandbox, detect_isolation
from migrate.judge.verdict import JudgeTask, Verdict, VerdictKind
from migrate.judge.verify import Judge
from migrate.model import Conversion, ConversionRequest, JavaSource
from migrate.parse.jcl import parse_jcl
from migrate.preprocess import expand
from migrate.runtime import runtime_sources

pytestmark = pytest.mark.skipif(
    shutil.which("javac") is None or shutil.which("java") is None,
    reason="javac and java are not installed",
)

IN_POOL = "verified in the persistent JVM"
IN_PROCESS = "verified in a sandboxed process"


@pytest.fixture
def judge(
    estate_root: Path,  # noqa: F811 - the fixture imported above
    library: CobolLibrary,  # noqa: F811
    tmp_path: Path,
) -> Iterator[Judge]:
    sandbox = Sandbox(detect_isolation(), hide=(estate_root,))
    config = load_config(estate_root)
    with Judge(estate_root, config, library, sandbox, tmp_path) as built:
        yield built


@pytest.fixture(scope="module")
def converted(estate_root: Path) -> Conversion:  # noqa: F811
    estate = discover(estate_root, load_config(estate_root))
    request = ConversionRequest(
        HELLO_SLICE, (expand(estate, "cobol/HELLO.cbl"),), "migrated", ()
    )
    conversion = RulesConverter().convert(request)
    assert conversion.converter == "rules"
    assert not conversion.unsupported
    return conversion


def rules_task(conversion: Conversion, converter: str = "rules") -> JudgeTask:
    jobs = tuple(parse_jcl(HELLO_JCL, "jcl/HELLO.jcl"))
    marked = dataclasses.replace(conversion, converter=converter)
    return JudgeTask(HELLO_SLICE, marked, runtime_sources(), (), jobs)


def changed(conversion: Conversion, old: str, new: str) -> Conversion:
    """Return ``conversion`` with ``old`` replaced in its one Java file."""
    (source,) = conversion.sources
    assert old in source.text
    edited = JavaSource(source.path, source.text.replace(old, new))
    return dataclasses.replace(conversion, sources=(edited,))


def split_path_line(verdict: Verdict) -> tuple[str, str]:
    body, _, path = verdict.evidence.rpartition("\n")
    return body, path


def test_both_paths_equal_evidence(judge: Judge, converted: Conversion) -> None:
    pooled = judge.verify(rules_task(converted))
    process = judge.verify(rules_task(converted, converter="llm"))
    pooled_body, pooled_path = split_path_line(pooled)
    process_body, process_path = split_path_line(process)
    assert pooled.kind is VerdictKind.ACCEPTED, pooled.evidence
    assert pooled.kind is process.kind
    assert pooled.checks == ("compile", "job HELLOJOB")
    assert pooled.checks == process.checks
    assert pooled_body == process_body
    assert pooled_path == IN_POOL
    assert process_path == IN_PROCESS


def test_changed_program_rejected_in_pool(judge: Judge, converted: Conversion) -> None:
    hand_changed = changed(converted, "HELLO ", "HELO ")
    pooled = judge.verify(rules_task(hand_changed))
    process = judge.verify(rules_task(hand_changed, converter="llm"))
    assert pooled.kind is VerdictKind.REJECTED
    assert "--- cobol/stdout" in pooled.evidence
    assert "+++ java/stdout" in pooled.evidence
    assert "+HELO WORLD     !" in pooled.evidence
    assert split_path_line(pooled)[1] == IN_POOL
    assert split_path_line(pooled)[0] == split_path_line(process)[0]


def test_changed_file_rejected_in_pool(judge: Judge, converted: Conversion) -> None:
    hand_changed = changed(
        converted, "AlphaField(outFileRecord, 0, 20)", "AlphaField(outFileRecord, 0, 3)"
    )
    pooled = judge.verify(rules_task(hand_changed))
    process = judge.verify(rules_task(hand_changed, converter="llm"))
    assert pooled.kind is VerdictKind.REJECTED
    assert "--- cobol/HELLO.OUT" in pooled.evidence
    assert split_path_line(pooled)[0] == split_path_line(process)[0]


def test_compile_error_in_pool_has_line(judge: Judge, converted: Conversion) -> None:
    broken = changed(converted, "public final class", "public final clas")
    pooled = judge.verify(rules_task(broken))
    process = judge.verify(rules_task(broken, converter="llm"))
    (source,) = broken.sources
    assert pooled.kind is VerdictKind.REJECTED
    assert pooled.evidence.startswith("javac failed:")
    assert f"{source.path}:" in pooled.evidence
    assert split_path_line(pooled)[0] == split_path_line(process)[0]


def test_pool_uses_runtime_hook_bridge(judge: Judge, tmp_path: Path) -> None:
    runtime = judge.runtime.compiled(runtime_sources())
    assert runtime.ok, runtime.errors
    work = tmp_path / "work"
    work.mkdir()
    pool = judge._jvm_pool()
    probe = JavaSource(
        "probe/Say.java",
        "package probe;\n"
        "public final class Say {\n"
        "    public static void main(String[] args) {\n"
        "        migrate.runtime.RunUnit.runMain(args, () -> "
        'migrate.runtime.Display.line("SAID"));\n'
        "    }\n"
        "}\n",
    )
    compiled = pool.compile([probe], [runtime.classes], tmp_path / "probe")
    assert compiled.success, compiled.output
    result = pool.run("probe.Say", [tmp_path / "probe", runtime.classes], work, {})
    assert result.bridge == "hook"
    assert result.stdout == b"SAID\n"
    assert result.exit_code == 0


def test_judge_close_stops_servers(judge: Judge, converted: Conversion) -> None:
    judge.verify(rules_task(converted))
    pool = judge._jvm_pool()
    assert pool.server_pids()
    judge.close()
    assert pool.server_pids() == []
