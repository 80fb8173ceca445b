"""The command line, run as a newcomer would: real processes, real files, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3

from fieldwork.storage.schema import SCHEMA_VERSION
from tests.conftest import PASSPHRASE

MAIN = Path(__file__).resolve().parent.parent / "main.py"


def run(*args: str, passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FIELDWORK_PASSPHRASE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if passphrase is not None:
        env["FIELDWORK_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, str(MAIN), *args], capture_output=True, text=True, env=env,
        stdin=subprocess.DEVNULL, timeout=120,
    )


def _one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for word in ("demo", "info", "--db", "--demo", "FIELDWORK_PASSPHRASE"):
        assert word in result.stdout


def test_demo_then_info(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    written = run("demo", "--db", str(path))
    assert written.returncode == 0, written.stderr
    assert "23 families, 31 interviews" in written.stdout
    info = run("info", "--db", str(path))
    assert info.returncode == 0, info.stderr
    assert "Families: 23" in info.stdout
    assert "Withdrawals: 2 (1 with the family's data erased)" in info.stdout
    assert f"Schema version: {SCHEMA_VERSION}" in info.stdout
    assert "wave 1: 18 (completed 15, in progress 1, planned 1, stopped 1)" in info.stdout
    assert "wave 2: 13 (completed 12, planned 1)" in info.stdout


def test_every_failure_is_one_line_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    assert run("demo", "--db", str(path)).returncode == 0
    assert "passphrase is not right" in _one_clear_line(run("info", "--db", str(path), passphrase="wrong one here"))
    assert "no study database" in _one_clear_line(run("info", "--db", str(tmp_path / "none.db")))
    assert "already exists" in _one_clear_line(run("demo", "--db", str(path)))
    assert "at least 10" in _one_clear_line(run("demo", "--db", str(tmp_path / "new.db"), passphrase="short"))
    assert not (tmp_path / "new.db").exists()
    assert "No passphrase" in _one_clear_line(run("info", "--db", str(path), passphrase=None))
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n")
    assert "text file" in _one_clear_line(run("info", "--db", str(text)))
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(path.read_bytes()[:-100])
    assert "damaged" in _one_clear_line(run("info", "--db", str(damaged)))
    assert "folder" in _one_clear_line(run("demo", "--db", str(tmp_path / "no" / "such" / "x.db")))


def test_a_newer_schema_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    assert run("demo", "--db", str(path)).returncode == 0
    raw = sqlcipher3.connect(str(path), isolation_level=None)
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    before = path.read_bytes()
    assert "newer version of fieldwork" in _one_clear_line(run("info", "--db", str(path)))
    assert path.read_bytes() == before


@pytest.mark.parametrize("args", [["info", "--bogus"], ["nonsense"]])
def test_bad_arguments_are_refused(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage:" in result.stderr
