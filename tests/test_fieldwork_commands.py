"""`progress` and `clear-contacts`, run as real commands on a real study."""

from __future__ import annotations

from pathlib import Path

from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.test_cli import run


def test_progress_prints_the_table_of_the_demo(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    assert run("demo", "--db", str(path)).returncode == 0
    result = run("progress", "--db", str(path), "--today", "2016-02-03")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Fieldwork progress of Focus on Practice")
    assert lines[1].split() == ["Wave", "Site", "Approached", "Agreed", "Interviewed", "Stopped", "Withdrew",
                                "Declined", "Uncontactable", "Not", "eligible", "Response", "Retention"]
    rows = {tuple(line.split()[:3]): line.split() for line in lines[3:] if line[:1].isdigit()}
    # Wave 1, all sites: 23 approached, 18 agreed, 15 interviewed, 1 stopped (see fieldwork/demo:
    # study_flow.py gives the demo the evaluation's flow; the withdrawn family is erased).
    assert rows[("1", "All", "sites")][3:7] == ["23", "18", "15", "1"]
    assert rows[("2", "Borough", "A")][-2:] == ["100%", "100%"]
    assert "F002  Borough B  due 2016-02-03" in result.stdout and "F008" not in result.stdout
    assert "Overdue for wave 2 (due before this week, still open): 1" in result.stdout


def test_progress_on_a_missing_file_is_one_line(tmp_path: Path) -> None:
    result = run("progress", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_clear_contacts_needs_confirmation_then_clears(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    assert run("demo", "--db", str(path)).returncode == 0
    refused = run("clear-contacts", "--db", str(path))
    assert refused.returncode == 2 and "--yes" in refused.stderr
    done = run("clear-contacts", "--db", str(path), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Cleared 9 contact details")  # 7 numbers and addresses, 2 places
    store = StudyStore.open(path, PASSPHRASE, read_only=True)
    try:
        assert store.db["contact_details"].count == 0
        assert store.db["contact_attempts"].count > 0
    finally:
        store.close()
    assert "holds no contact details" in run("clear-contacts", "--db", str(path), "--yes").stdout


def test_progress_draws_the_flow_diagram(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    assert run("demo", "--db", str(path)).returncode == 0
    result = run("progress", "--db", str(path), "--figure", str(tmp_path / "flow.pdf"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "flow.pdf").read_bytes()[:5] == b"%PDF-"
    wrong = run("progress", "--db", str(path), "--figure", str(tmp_path / "flow.svg"))
    assert wrong.returncode == 2 and "written as .png or .pdf" in wrong.stderr
