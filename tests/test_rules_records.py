"""Record classes of the bank copybooks: their level-01 lengths must equal
the lengths GnuCOBOL computes for the same copybooks."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from test_rules_harness import compiled_runtime, javac, tools_missing, write_java

from migrate.config import load_config
from migrate.convert.rules import RulesConverter
from migrate.discover import discover
from migrate.model import ConversionRequest, MemberKind, Slice, SliceKind
from migrate.preprocess import expand_copybook

BANK = Path(__file__).resolve().parent.parent / "fixtures" / "bank"
_ARRAY = re.compile(r"LEVEL1_(NAMES|LENGTHS) = \{(.*?)\};")


@pytest.fixture(scope="session")
def runtime_classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compiled_runtime(tmp_path_factory)


def _level1(text: str) -> list[tuple[str, int]]:
    found = dict(_ARRAY.findall(text))
    names = re.findall(r'"([^"]*)"', found["NAMES"])
    lengths = [int(n) for n in found["LENGTHS"].split(",") if n.strip()]
    return list(zip(names, lengths, strict=True))


def _cobc_lengths(copybook: str, names: list[str], folder: Path) -> list[int]:
    """Compile a program that COPYs ``copybook`` and displays LENGTH OF each
    level-01 item."""
    text = (BANK / "copy" / f"{copybook}.cpy").read_text(encoding="latin-1")
    tags = sorted(set(re.findall(r":([A-Z0-9-]+):", text)))
    replacing = " ".join(f"=={':' + t + ':'}== BY =={t}==" for t in tags)
    copy = f"COPY {copybook}" + (f" REPLACING {replacing}" if replacing else "")
    lines = [
        "IDENTIFICATION DIVISION.",
        "PROGRAM-ID. LENGTHS.",
        "DATA DIVISION.",
        "WORKING-STORAGE SECTION.",
        copy + ".",
        "PROCEDURE DIVISION.",
    ]
    lines += [f"    DISPLAY LENGTH OF {name}" for name in names] + ["    STOP RUN."]
    source = folder / f"{copybook}.cbl"
    source.write_text("".join(" " * 7 + line + "\n" for line in lines))
    binary = folder / copybook
    subprocess.run(
        ["cobc", "-x", "-I", str(BANK / "copy"), "-o", str(binary), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    output = subprocess.run(
        [str(binary)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    return [int(line) for line in output.split()]


COPYBOOKS = (
    sorted(p.stem for p in (BANK / "copy").glob("*.cpy")) if BANK.is_dir() else []
)


@pytest.mark.parametrize("copybook", COPYBOOKS)
def test_record_lengths_match_cobc(copybook: str, tmp_path: Path) -> None:
    if tools_missing():
        pytest.skip(tools_missing())
    estate = discover(BANK, load_config(BANK))
    source = expand_copybook(estate, copybook)
    slice_ = Slice(copybook, SliceKind.RECORD, (), (copybook,), (), (), 0, 0)
    conversion = RulesConverter().convert(
        ConversionRequest(slice_, (source,), "migrated", ())
    )
    assert [str(u) for u in conversion.unsupported] == []
    (java,) = conversion.sources
    level1 = _level1(java.text)
    assert level1, java.text
    names = [name for name, _ in level1]
    assert [length for _, length in level1] == _cobc_lengths(copybook, names, tmp_path)


def test_record_classes_compile(runtime_classes: Path, tmp_path: Path) -> None:
    estate = discover(BANK, load_config(BANK))
    sources = []
    for copybook in COPYBOOKS:
        slice_ = Slice(copybook, SliceKind.RECORD, (), (copybook,), (), (), 0, 0)
        conversion = RulesConverter().convert(
            ConversionRequest(
                slice_, (expand_copybook(estate, copybook),), "migrated", ()
            )
        )
        sources.extend(conversion.sources)
    javac(write_java(sources, tmp_path / "src"), runtime_classes, tmp_path / "out")
    assert estate.of_kind(MemberKind.COPYBOOK)
