"""One writer per study, with real processes: the app (a child process holding the study as
the app does), the command line run beside it, a kill, and reads while it writes.

Issue 15, points 1, 5 and 6: a `passphrase` run while the app had the study open re-keyed
it under the app, which went on saying 'Saved'; two windows wrote over each other; `info`,
`export` and `backup` run while the app saved ended in tracebacks (33 of 45 runs).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldwork.storage.study_lock import StudyInUse
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.test_cli import run

HOLDER = Path(__file__).resolve().parent.parent / "support" / "study_holder.py"
ROOT = HOLDER.parent.parent.parent


class Holder:
    """Another fieldwork process with the study open; stopped by ``stop()`` or a kill."""

    def __init__(self, mode: str, path: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, str(HOLDER), mode, str(path)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
        )
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        assert first.strip() == "READY", first + self.process.stderr.read()  # type: ignore[union-attr]

    def stop(self) -> str:
        out, err = self.process.communicate("stop\n", timeout=120)
        assert self.process.returncode == 0, err
        return out

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.communicate(timeout=60)


@pytest.fixture
def closed_study(study_path: Path) -> Path:
    store = StudyStore.create(study_path, PASSPHRASE, "Study", "R01")
    store.add_family(code="F001", notes="before")
    store.close()
    return study_path


@pytest.fixture
def app_elsewhere(closed_study: Path) -> Iterator[Holder]:
    holder = Holder("hold", closed_study)
    yield holder
    if holder.process.poll() is None:
        holder.stop()


def test_a_second_window_is_refused_in_one_line_that_says_where(app_elsewhere: Holder,
                                                                closed_study: Path) -> None:
    with pytest.raises(StudyInUse) as refused:
        StudyStore.open(closed_study, PASSPHRASE)
    message = str(refused.value)
    assert "open in another fieldwork window or command" in message
    assert f"process {app_elsewhere.process.pid}" in message
    assert str(closed_study) in message


def test_passphrase_while_the_app_is_open_is_refused_and_changes_nothing(app_elsewhere: Holder,
                                                                         closed_study: Path) -> None:
    before = closed_study.read_bytes()
    env_new = {"FIELDWORK_NEW_PASSPHRASE": "a completely new passphrase"}
    os.environ.update(env_new)
    try:
        result = run("passphrase", "--db", str(closed_study))
    finally:
        os.environ.pop("FIELDWORK_NEW_PASSPHRASE")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "open in another fieldwork window" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert closed_study.read_bytes() == before
    app_elsewhere.stop()
    assert StudyStore.open(closed_study, PASSPHRASE, read_only=True).family_summaries()[0].family.notes == "before"


def test_a_lock_left_by_a_killed_app_is_taken_over(app_elsewhere: Holder, closed_study: Path) -> None:
    app_elsewhere.kill()
    store = StudyStore.open(closed_study, PASSPHRASE)
    family = store.family_summaries()[0].family
    store.update_family(family.key, notes="after the crash")
    store.close()
    assert StudyStore.open(closed_study, PASSPHRASE, read_only=True).family(family.key).notes == "after the crash"


def test_read_only_commands_work_while_the_app_saves(closed_study: Path, tmp_path: Path) -> None:
    typing = Holder("edit", closed_study)
    try:
        outcomes = []
        for n in range(4):
            outcomes.append(run("info", "--db", str(closed_study)))
            outcomes.append(run("export", "--db", str(closed_study), "--out", str(tmp_path / f"out{n}")))
            outcomes.append(run("backup", "--db", str(closed_study)))
    finally:
        edits = int(typing.stop().split()[-1])
    assert edits > 0
    for result in outcomes:
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stderr


def test_a_study_open_for_reading_makes_no_edit(closed_study: Path) -> None:
    reader = StudyStore.open(closed_study, PASSPHRASE, read_only=True)
    family = reader.family_summaries()[0].family
    with pytest.raises(Exception, match="opened for reading only"):
        reader.update_family(family.key, notes="from the export")
    reader.close()
