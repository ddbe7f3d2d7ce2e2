"""Settings in `migrate.toml` or `[tool.migrate]` of `pyproject.toml`, checked
through `migrate plan`. A bad key or value ends with exit code 2 and no
traceback. Its one error names the file, the line of the key and what is
wrong, and its hint gives what to write instead."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import fixed, migrate
from test_bad_input_run import committed_estate, git, program

PROGRAM = """\
IDENTIFICATION DIVISION.
PROGRAM-ID. MAIN1.
PROCEDURE DIVISION.
    GOBACK.
"""


def plan_with(write_estate, name: str, text: str) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM), name: text})
    return migrate("plan", str(root))


def error_lines(result: subprocess.CompletedProcess[str]) -> tuple[str, str]:
    """Return the error line and the hint line of a failed command."""
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    hints = [line for line in lines if line.startswith("hint: ")]
    assert len(errors) == 1
    assert len(hints) == 1
    return errors[0], hints[0]


# (settings text, line of the bad key, part of the error, part of the hint)
BAD_VALUES = [
    (
        "# tabs\n\ntab_width = 0\n",
        3,
        "setting 'tab_width' in migrate.toml must be from 1 to 72 columns, not 0",
        "write tab_width = 8",
    ),
    ("tab_width = -4\n", 1, "must be from 1 to 72 columns, not -4", "tab_width = 8"),
    ("tab_width = 400\n", 1, "must be from 1 to 72 columns, not 400", "tab_width = 8"),
    (
        'tab_width = "8"\n',
        1,
        "setting 'tab_width' in migrate.toml must be an integer, not the string '8'",
        "numbers take no quotes in TOML",
    ),
    ("tab_width = 8.5\n", 1, "must be an integer, not the float 8.5", "tab_width = 8"),
    (
        'agents = 2\njava_dir = "/srv/java"\n',
        2,
        "setting 'java_dir' in migrate.toml must be relative to the estate root, "
        "not the absolute path '/srv/java'",
        'write java_dir = "java"',
    ),
    (
        'java_dir = "../java"\n',
        1,
        "setting 'java_dir' in migrate.toml must stay inside the estate root, "
        "but '../java' leaves it",
        'write java_dir = "java"',
    ),
    (
        'java_dir = "."\n',
        1,
        "must name a folder below the estate root, not '.'",
        'java_dir = "java"',
    ),
    (
        'data_dir = "/data"\n',
        1,
        "setting 'data_dir' in migrate.toml must be relative to the estate root",
        'write data_dir = "data"',
    ),
    (
        'data_dir = "data/../../shared"\n',
        1,
        "setting 'data_dir' in migrate.toml must stay inside the estate root, "
        "but 'data/../../shared' leaves it",
        'write data_dir = "data"',
    ),
    (
        'java_dir = ".git"\n',
        1,
        "setting 'java_dir' in migrate.toml must not name a path in '.git', the "
        "folder of git or of migrate's own state, but '.git' does",
        'write java_dir = "java"',
    ),
    ('java_dir = "out/.GIT/java"\n', 1, "a path in '.GIT'", 'java_dir = "java"'),
    ('java_dir = "./.Migrate"\n', 1, "a path in '.Migrate'", 'java_dir = "java"'),
    (
        'data_dir = "in/.migrate"\n',
        1,
        "setting 'data_dir' in migrate.toml must not name a path in '.migrate'",
        'write data_dir = "data"',
    ),
    (
        'data_dir = "shared"\njava_dir = "shared/"\n',
        2,
        "setting 'java_dir' in migrate.toml must name another folder than "
        "data_dir, but both are 'shared'",
        'write java_dir = "java" and data_dir = "data", two separate folders',
    ),
    (
        'java_dir = "data/java"\n',
        1,
        "setting 'java_dir' in migrate.toml must not lie inside data_dir 'data', "
        "but 'data/java' does",
        "two separate folders",
    ),
    (
        'data_dir = "java/data"\n',
        1,
        "setting 'data_dir' in migrate.toml must not lie inside java_dir 'java', "
        "but 'java/data' does",
        "two separate folders",
    ),
    (
        'data_dir = "out/data"\njava_dir = "out"\n',
        2,
        "setting 'java_dir' in migrate.toml must not contain data_dir 'out/data'",
        "two separate folders",
    ),
    (
        'java_package = "com.example.2nd"\n',
        1,
        "setting 'java_package' in migrate.toml must be a Java package name, but "
        "'com.example.2nd' has the part '2nd', which is not a Java identifier",
        'write java_package = "com.example.bank"',
    ),
    (
        'java_package = "com.new.bank"\n',
        1,
        "'com.new.bank' has the part 'new', which is a Java keyword",
        "none a Java keyword",
    ),
    (
        'java_package = "com..bank"\n',
        1,
        "'com..bank' has an empty part",
        'java_package = "com.example.bank"',
    ),
    (
        'java_package = "my-bank"\n',
        1,
        "'my-bank' has the part 'my-bank', which is not a Java identifier",
        'java_package = "com.example.bank"',
    ),
    (
        'java_package = "migrate.runtime"\n',
        1,
        "is reserved for the JDK or for the runtime library",
        'java_package = "com.example.bank"',
    ),
    (
        "java_package = { name = 'bank' }\n",
        1,
        "setting 'java_package' in migrate.toml must be a string, not a table",
        'java_package = "com.example.bank"',
    ),
    (
        "agents = 0\n",
        1,
        "setting 'agents' in migrate.toml must be at least 1, not 0",
        "write agents = 4",
    ),
    ("agents = true\n", 1, "must be an integer, not the boolean true", "agents = 4"),
    (
        "agents = 10_001\n",
        1,
        "setting 'agents' in migrate.toml must be at most 10,000, not 10,001",
        "write agents = 4",
    ),
    ("agents = 9223372036854775807\n", 1, "must be at most 10,000", "agents = 4"),
    (
        "run_timeout = 0\n",
        1,
        "setting 'run_timeout' in migrate.toml must be a finite number of "
        "seconds above 0, not 0",
        "write run_timeout = 60.0",
    ),
    ("run_timeout = -1.5\n", 1, "above 0, not -1.5", "run_timeout = 60.0"),
    ("run_timeout = inf\n", 1, "above 0, not inf", "run_timeout = 60.0"),
    (
        "run_timeout = 1e308\n",
        1,
        "setting 'run_timeout' in migrate.toml must be at most 86,400 seconds "
        "(one day), not 1e+308",
        "write run_timeout = 60.0",
    ),
    ("run_timeout = 86401\n", 1, "at most 86,400 seconds", "run_timeout = 60.0"),
    (
        'run_timeout = "60"\n',
        1,
        "must be a number of seconds, not the string '60'",
        "numbers take no quotes in TOML",
    ),
    (
        'source_format = "Fixed"\n',
        1,
        "setting 'source_format' in migrate.toml must be one of 'auto', 'fixed', "
        "'free', not 'Fixed'",
        'write source_format = "auto"',
    ),
    (
        "source_format = 1\n",
        1,
        "setting 'source_format' in migrate.toml must be a string, not the integer 1",
        "the choices are 'auto', 'fixed', 'free'",
    ),
    (
        'nested_copy_replacing = "inner"\n',
        1,
        "must be one of 'outer', 'own', not 'inner'",
        'write nested_copy_replacing = "outer"',
    ),
    (
        'exclude = "legacy/**"\n',
        1,
        "setting 'exclude' in migrate.toml must be an array of strings, not the "
        "string 'legacy/**'",
        'write exclude = ["legacy/**"]',
    ),
    (
        'exclude = [\n  "legacy/**",\n  7,\n]\n',
        1,
        "must be an array of strings, but item 2 is the integer 7",
        'write exclude = ["legacy/**"]',
    ),
    (
        'exclude = ["/legacy/**"]\n',
        1,
        "must hold patterns relative to the estate root, not '/legacy/**'",
        'write exclude = ["legacy/**"]',
    ),
    (
        'builtin_copybooks = "SQLCA"\n',
        1,
        "setting 'builtin_copybooks' in migrate.toml must be an array of strings",
        'write builtin_copybooks = ["SQLCA", "SQLDA"]',
    ),
    (
        'copy_libraries = ["copy/syslib"]\n',
        1,
        "setting 'copy_libraries' in migrate.toml must be a table of names to "
        "paths, not an array",
        'write copy_libraries = { SYSLIB = "copy/syslib" }',
    ),
    (
        'agents = 2\n\n[copy_libraries]\nSYSLIB = "copy/syslib"\nPAYLIB = 5\n',
        5,
        "setting 'copy_libraries.PAYLIB' in migrate.toml must be a string, not "
        "the integer 5",
        'write copy_libraries = { SYSLIB = "copy/syslib" }',
    ),
    (
        'copy_libraries.SYSLIB = "../shared/copy"\n',
        1,
        "setting 'copy_libraries.SYSLIB' in migrate.toml must stay inside the "
        "estate root",
        'copy_libraries = { SYSLIB = "copy/syslib" }',
    ),
    (
        "variants = { PAYROLL = 3 }\n",
        1,
        "setting 'variants.PAYROLL' in migrate.toml must be a string",
        'write variants = { PAYROLL = "cobol/v2/PAYROLL.cbl" }',
    ),
]


@pytest.mark.parametrize(("toml", "line", "message", "hint"), BAD_VALUES)
def test_settings_bad_value_rejected(  # type: ignore[no-untyped-def]
    write_estate, toml: str, line: int, message: str, hint: str
) -> None:
    error, hint_line = error_lines(plan_with(write_estate, "migrate.toml", toml))
    assert error.startswith(f"error: migrate.toml:{line}: ")
    assert message in error
    assert hint in hint_line


def test_settings_unknown_key_suggests_match(write_estate) -> None:  # type: ignore[no-untyped-def]
    toml = "agents = 2\ntab_widht = 4\n"
    error, hint = error_lines(plan_with(write_estate, "migrate.toml", toml))
    assert error == "error: migrate.toml:2: unknown setting 'tab_widht' in migrate.toml"
    assert hint.startswith("hint: did you mean 'tab_width'? The known settings are:")
    assert "run_timeout" in hint


def test_settings_unknown_key_without_match(write_estate) -> None:  # type: ignore[no-untyped-def]
    toml = 'agents = 2\n\n[colours]\nerror = "red"\n'
    error, hint = error_lines(plan_with(write_estate, "migrate.toml", toml))
    assert error == "error: migrate.toml:3: unknown setting 'colours' in migrate.toml"
    assert hint.startswith("hint: remove it; the known settings are: agents,")
    assert "did you mean" not in hint


def test_settings_two_spellings_rejected(write_estate) -> None:  # type: ignore[no-untyped-def]
    toml = "tab_width = 4\ntab-width = 4\n"
    error, hint = error_lines(plan_with(write_estate, "migrate.toml", toml))
    assert error.startswith("error: migrate.toml:2: setting 'tab-width'")
    assert "repeats setting 'tab_width' under another spelling" in error
    assert hint == "hint: keep one of the two"


def test_settings_key_in_multiline_string_skipped(write_estate) -> None:  # type: ignore[no-untyped-def]
    # The first "agents = 0" is text inside a string, not a key.
    toml = 'exclude = ["""\nagents = 0\n"""]\nagents = 0\n'
    error, _ = error_lines(plan_with(write_estate, "migrate.toml", toml))
    assert error.startswith("error: migrate.toml:4: setting 'agents'")


def test_settings_syntax_error_line(write_estate) -> None:  # type: ignore[no-untyped-def]
    toml = 'agents = 2\njava_package = "migrated\n'
    error, hint = error_lines(plan_with(write_estate, "migrate.toml", toml))
    assert error.startswith("error: migrate.toml:2: invalid configuration:")
    assert hint == "hint: fix the TOML syntax of this file"


def test_settings_byte_order_mark_accepted(write_estate) -> None:  # type: ignore[no-untyped-def]
    result = plan_with(write_estate, "migrate.toml", "\ufeffagents = 2\n")
    assert result.returncode == 0, result.stderr
    assert "error:" not in result.stderr


def test_settings_byte_order_mark_keeps_lines(write_estate) -> None:  # type: ignore[no-untyped-def]
    toml = "\ufeff# settings\nagents = 0\n"
    error, _ = error_lines(plan_with(write_estate, "migrate.toml", toml))
    assert error.startswith("error: migrate.toml:2: setting 'agents'")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "latin-1"])
def test_settings_not_utf8_rejected(write_estate, encoding: str) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM)})
    text = '# Réglages\njava_package = "migrated"\n'
    (root / "migrate.toml").write_bytes(text.encode(encoding))
    error, hint = error_lines(migrate("plan", str(root)))
    assert error.startswith("error: migrate.toml:1: invalid configuration: ")
    assert "the file is not UTF-8 text" in error
    assert hint == "hint: save the file as UTF-8, the encoding TOML requires"


def test_source_in_java_dir_rejected(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "cobol/MAIN1.cbl": fixed(PROGRAM),
            "cobol/README.txt": "notes\n",
            "migrate.toml": 'java_dir = "cobol"\n',
        }
    )
    error, hint = error_lines(migrate("plan", str(root)))
    assert error == (
        "error: source member cobol/MAIN1.cbl (program) is inside java_dir "
        "'cobol', the folder of the generated Java"
    )
    assert hint.startswith("hint: set java_dir to an empty folder")


def test_java_dir_with_java_accepted(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(PROGRAM),
            "out/java/src/Main1.java": "class Main1 {}\n",
            "migrate.toml": 'java_dir = "out/java"\n',
        }
    )
    result = migrate("plan", str(root))
    assert result.returncode == 0, result.stderr


PYPROJECT_HEAD = '[project]\nname = "bank"\n\n[tool.black]\nline-length = 88\n\n'


@pytest.mark.parametrize(
    ("table", "line", "message"),
    [
        (
            "[tool.migrate]\nagents = 2\nsource_format = 1\n",
            9,
            "setting 'source_format' in [tool.migrate] of pyproject.toml must be "
            "a string, not the integer 1",
        ),
        (
            "[tool.migrate]\ntab-widht = 3\n",
            8,
            "unknown setting 'tab-widht' in [tool.migrate] of pyproject.toml",
        ),
        (
            '[tool.migrate]\nagents = 2\n\n[tool.migrate.copy_libraries]\nA = "/x"\n',
            11,
            "setting 'copy_libraries.A' in [tool.migrate] of pyproject.toml must "
            "be relative to the estate root",
        ),
        (
            "[tool]\nmigrate = 3\n",
            8,
            "'tool.migrate' in pyproject.toml must be a table, not the integer 3",
        ),
    ],
)
def test_pyproject_bad_setting_rejected(  # type: ignore[no-untyped-def]
    write_estate, table: str, line: int, message: str
) -> None:
    text = PYPROJECT_HEAD + table
    error, _ = error_lines(plan_with(write_estate, "pyproject.toml", text))
    assert error.startswith(f"error: pyproject.toml:{line}: ")
    assert message in error


def test_pyproject_without_migrate_table(write_estate) -> None:  # type: ignore[no-untyped-def]
    result = plan_with(write_estate, "pyproject.toml", PYPROJECT_HEAD)
    assert result.returncode == 0
    assert "error:" not in result.stderr


def test_settings_every_key_accepted(write_estate) -> None:  # type: ignore[no-untyped-def]
    toml = """\
java_package = "com.example.bank"
java_dir = "./out/java/"
data_dir = "data"
tab_width = 4
source_format = "fixed"
nested_copy_replacing = "own"
builtin_copybooks = ["SQLCA"]
exclude = ["legacy/**"]
agents = 1
run_timeout = 30
"variants" = { MAIN1 = "./MAIN1.cbl" }

[copy_libraries]
SYSLIB = "copy/syslib/"
"""
    root = write_estate(
        {"MAIN1.cbl": fixed(PROGRAM), "migrate.toml": toml, "legacy/OLD.cbl": "x\n"}
    )
    result = migrate("plan", str(root))
    assert result.returncode == 0, result.stderr
    assert "error:" not in result.stderr
    assert "warning:" not in result.stderr


def test_settings_readme_example_accepted(write_estate) -> None:  # type: ignore[no-untyped-def]
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    section = readme.split("### Configuration", 1)[1]
    toml = section.split("```toml\n", 1)[1].split("```", 1)[0]
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM), "migrate.toml": toml})
    (root / "copy/syslib").mkdir(parents=True)
    result = migrate("plan", str(root))
    assert result.returncode == 0, result.stderr
    assert "error:" not in result.stderr


# --set KEY=VALUE on the command line


def test_set_overrides_settings_file(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(PROGRAM),
            "legacy/OLD1.cbl": fixed(PROGRAM.replace("MAIN1", "OLD1")),
            "migrate.toml": "tab_width = 4\n",
        }
    )
    result = migrate("plan", str(root), "--json", "--set", 'exclude=["legacy/**"]')
    assert result.returncode == 0, result.stderr
    assert '"OLD1"' not in result.stdout
    assert '"MAIN1"' in result.stdout


@pytest.mark.parametrize(
    ("assignment", "error", "hint"),
    [
        (
            "tab_width=0",
            "error: setting 'tab_width' in --set must be from 1 to 72 columns, not 0",
            "write tab_width = 8",
        ),
        (
            "tab_widht=4",
            "error: unknown setting 'tab_widht' in --set",
            "did you mean 'tab_width'?",
        ),
        (
            "java_package",
            "error: invalid --set 'java_package': expected KEY=VALUE",
            "for example --set java_package=com.bank.migrated",
        ),
        (
            "agents=many",
            "error: setting 'agents' in --set must be an integer, not the string",
            "",
        ),
    ],
)
def test_set_rejects_bad_assignment(
    write_estate,  # type: ignore[no-untyped-def]
    assignment: str,
    error: str,
    hint: str,
) -> None:
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM)})
    line, hint_line = error_lines(migrate("plan", str(root), "--set", assignment))
    assert line.startswith(error)
    assert hint in hint_line


def test_set_java_dir_into_data_dir(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {"MAIN1.cbl": fixed(PROGRAM), "migrate.toml": 'data_dir = "in"\n'}
    )
    line, hint = error_lines(migrate("plan", str(root), "--set", "java_dir=in/java"))
    assert line == (
        "error: setting 'java_dir' in --set must not lie inside data_dir 'in', "
        "but 'in/java' does"
    )
    assert "two separate folders" in hint


def test_run_set_java_package(tmp_path: Path) -> None:
    root = committed_estate(tmp_path / "estate", {"HELLO.cbl": program("HELLO")})
    result = migrate(
        "run", str(root), "--agents", "1", "--set", "java_package=com.bank.app"
    )
    assert result.returncode == 0, result.stderr
    files = git(root, "ls-tree", "-r", "--name-only", "migrate/hello")
    assert "java/src/main/java/com/bank/app/Hello.java" in files.splitlines()
