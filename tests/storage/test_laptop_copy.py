"""Caseloads on laptops: a copy holds only its families, and checks back in exactly.

Real encrypted study files in a temp folder; the copy's pages are decrypted and scanned.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fieldwork.cli import main
from fieldwork.storage.laptop_copy import (
    LaptopCopyError,
    check_in_copy,
    choose_families,
    copy_origin,
    make_laptop_copy,
)
from fieldwork.storage.merge_conflicts import conflicts
from fieldwork.storage.study_merge import create_team_database, open_source
from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.support.sqlcipher_pages import decrypted_pages

COPY_PASSPHRASE = "laptop copy passphrase 42"
CHOSEN = ("F001", "F009")


def _family_keys(store: StudyStore) -> dict[str, str]:
    return dict(store.db.execute("SELECT code, key FROM families").fetchall())


@pytest.fixture
def copied(demo_store: StudyStore, tmp_path: Path) -> tuple[StudyStore, Path]:
    keys = choose_families(demo_store.db, codes=CHOSEN)
    make_laptop_copy(demo_store, tmp_path / "laptop.db", COPY_PASSPHRASE, keys, "Anna's laptop")
    return demo_store, tmp_path / "laptop.db"


def test_a_copy_holds_only_its_families_not_a_page_of_another(copied) -> None:
    team, path = copied
    pages = decrypted_pages(path, COPY_PASSPHRASE)
    codes = _family_keys(team)
    notes = dict(team.db.execute("SELECT code, notes FROM families").fetchall())
    for code, key in codes.items():
        if code in CHOSEN:
            assert key.encode() in pages, f"{code} should be in the copy"
            continue
        assert key.encode() not in pages, f"{code}'s key is in the copy's pages"
        if notes[code] and len(notes[code]) >= 8:
            assert notes[code].encode() not in pages, f"{code}'s case notes are in the copy's pages"
    assert b"Health visitor" not in pages  # only F008's map has one


def test_a_copy_carries_every_wave_of_its_families_and_says_where_it_came_from(copied) -> None:
    team, path = copied
    copy = StudyStore.open(path, COPY_PASSPHRASE)
    try:
        waves = copy.db.execute("SELECT f.code, i.wave FROM interviews i JOIN families f ON "
                                "f.key = i.family_key ORDER BY 1, 2").fetchall()
        team_waves = team.db.execute("SELECT f.code, i.wave FROM interviews i JOIN families f ON "
                                     "f.key = i.family_key WHERE f.code IN (?, ?) ORDER BY 1, 2",
                                     list(CHOSEN)).fetchall()
        assert waves == team_waves and ("F001", 1) in waves and ("F001", 2) in waves
        wave1_map = copy.db.execute("SELECT count(*) FROM map_people p JOIN interviews i ON "
                                    "i.key = p.interview_key JOIN families f ON f.key = i.family_key "
                                    "WHERE f.code = 'F001' AND i.wave = 1").fetchone()[0]
        assert wave1_map > 0
        origin = copy_origin(copy.db)
        team_key = team.db.execute("SELECT key FROM study").fetchone()[0]
        assert origin is not None and origin["team_study_key"] == team_key
        assert origin["label"] == "Anna's laptop"
    finally:
        copy.close()
    handed_out = team.db.execute("SELECT label, checked_in_at FROM laptop_copies").fetchall()
    assert handed_out == [("Anna's laptop", None)]


def _edit(store: StudyStore, sql: str, params: list) -> None:
    with store.edit("test edit") as db:
        db.execute(sql, params)


def _person(store: StudyStore, code: str, wave: int, label: str) -> tuple[str, str]:
    return store.db.execute(
        "SELECT p.interview_key, p.person_key FROM map_people p JOIN interviews i ON i.key = "
        "p.interview_key JOIN families f ON f.key = i.family_key WHERE f.code = ? AND i.wave = ? "
        "AND p.label = ?", [code, wave, label]).fetchone()


def test_check_in_brings_edits_carries_removals_and_reports_conflicts(copied) -> None:
    team, path = copied
    keys = _family_keys(team)
    copy = StudyStore.open(path, COPY_PASSPHRASE)
    friend = _person(copy, "F001", 2, "Friend N")
    aunt = _person(copy, "F001", 1, "Great-aunt")
    _edit(copy, "UPDATE families SET notes = 'Moved to a new flat in May' WHERE key = ?", [keys["F001"]])
    _edit(copy, "DELETE FROM map_ties WHERE interview_key = ? AND (person_a = ? OR person_b = ?)",
          [friend[0], friend[1], friend[1]])
    _edit(copy, "DELETE FROM map_people WHERE interview_key = ? AND person_key = ?", list(friend))
    _edit(copy, "UPDATE map_people SET note = 'on the laptop' WHERE interview_key = ? AND person_key = ?",
          list(aunt))
    copy.close()
    _edit(team, "UPDATE map_people SET note = 'in the office' WHERE interview_key = ? AND person_key = ?",
          list(aunt))
    _edit(team, "UPDATE families SET notes = 'Office note' WHERE key = ?", [keys["F008"]])

    source = open_source(path, COPY_PASSPHRASE)
    try:
        report = check_in_copy(team, source, "laptop.db")
        again = check_in_copy(team, source, "laptop.db")
    finally:
        source.close()

    notes = dict(team.db.execute("SELECT code, notes FROM families").fetchall())
    assert notes["F001"] == "Moved to a new flat in May"
    assert notes["F008"] == "Office note"  # not in the copy: untouched
    assert _person(team, "F001", 2, "Friend N") is None
    assert [c.table for c in report.conflicts] == ["map_people"]
    kept = team.db.execute("SELECT note FROM map_people WHERE interview_key = ? AND person_key = ?",
                           list(aunt)).fetchone()[0]
    assert kept == "in the office"
    assert [c for c in conflicts(team.db) if (c.other_value or {}).get("note") == "on the laptop"]
    assert not any(again.added.values()) and not any(again.updated.values()) and not again.conflicts
    assert team.db.execute("SELECT checked_in_at FROM laptop_copies").fetchone()[0] is not None


def test_a_copy_of_another_study_or_a_plain_study_is_refused(copied, tmp_path: Path) -> None:
    team, path = copied
    other = create_team_database(tmp_path / "other.db", PASSPHRASE, "Another study")
    try:
        source = open_source(path, COPY_PASSPHRASE)
        try:
            with pytest.raises(LaptopCopyError, match="another study"):
                check_in_copy(other, source, "laptop.db")
        finally:
            source.close()
        plain = open_source(tmp_path / "other.db", PASSPHRASE)
        try:
            with pytest.raises(LaptopCopyError, match="not a laptop copy"):
                check_in_copy(team, plain, "other.db")
        finally:
            plain.close()
    finally:
        other.close()


def test_families_are_chosen_by_code_site_or_researcher_and_unknown_names_are_errors(demo_store) -> None:
    codes = {key: code for code, key in _family_keys(demo_store).items()}
    by_site = choose_families(demo_store.db, site="Borough B")
    at_b = [c for (c,) in demo_store.db.execute("SELECT code FROM families WHERE site = 'Borough B' ORDER BY code")]
    assert sorted(codes[k] for k in by_site) == at_b and "F002" in at_b and "F001" not in at_b
    by_researcher = choose_families(demo_store.db, researcher="R01 Demo Researcher")
    assert "F001" in {codes[k] for k in by_researcher}
    with pytest.raises(LaptopCopyError, match="no family F999"):
        choose_families(demo_store.db, codes=["F999"])
    with pytest.raises(LaptopCopyError, match="site 'Nowhere'"):
        choose_families(demo_store.db, site="Nowhere")


def test_an_existing_file_is_never_replaced(demo_store, tmp_path: Path) -> None:
    target = tmp_path / "laptop.db"
    target.write_bytes(b"someone's file")
    with pytest.raises(LaptopCopyError, match="already exists"):
        make_laptop_copy(demo_store, target, COPY_PASSPHRASE, choose_families(demo_store.db, codes=["F001"]),
                         "x")
    assert target.read_bytes() == b"someone's file"
    assert demo_store.db["laptop_copies"].count == 0


def test_the_commands_copy_and_check_in(demo_store, tmp_path: Path, monkeypatch, capsys) -> None:
    team_path = demo_store.path
    demo_store.close()
    monkeypatch.setenv("FIELDWORK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FIELDWORK_COPY_PASSPHRASE", COPY_PASSPHRASE)
    out = tmp_path / "anna.db"
    assert main(["laptop-copy", "--db", str(team_path), "--out", str(out), "--families", "F001,F004"]) == 0
    said = capsys.readouterr().out
    assert "2 families (F001, F004)" in said and out.is_file()
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"
    assert main(["check-in", "--into", str(team_path), str(out)]) == 0
    assert "already in the team database" in capsys.readouterr().out
    assert main(["laptop-copy", "--db", str(team_path), "--out", str(out), "--families", "F001"]) == 2
    assert "already exists" in capsys.readouterr().err


def test_a_copy_is_refused_while_another_process_writes_to_the_team_study(demo_store, tmp_path: Path) -> None:
    """The app (here: this process, which has the team study open) holds the writer lock: a
    `laptop-copy` run in a second process says so in one line and writes nothing."""
    import subprocess
    import sys

    env = {**os.environ, "FIELDWORK_PASSPHRASE": PASSPHRASE, "FIELDWORK_COPY_PASSPHRASE": COPY_PASSPHRASE}
    out = tmp_path / "anna.db"
    before = demo_store.db["laptop_copies"].count
    result = subprocess.run([sys.executable, str(Path(__file__).parents[2] / "main.py"), "laptop-copy",
                             "--db", str(demo_store.path), "--out", str(out), "--families", "F001"],
                            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("fieldwork: ") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "open" in result.stderr, result.stderr
    assert not out.exists() and not out.with_name(out.name + ".partial").exists()
    assert demo_store.db["laptop_copies"].count == before


def test_the_team_records_a_copy_before_the_file_takes_its_name(demo_store, tmp_path, monkeypatch) -> None:
    """A copy that exists is always one the team handed out, whenever the command is killed:
    recorded after the rename, a kill in between left a copy whose check-in was refused."""
    from fieldwork.storage import laptop_copy

    seen_at_rename: list[int] = []
    real_replace = laptop_copy.os.replace

    def rename(source, target) -> None:
        seen_at_rename.append(demo_store.db.execute("SELECT count(*) FROM laptop_copies").fetchone()[0])
        real_replace(source, target)

    monkeypatch.setattr(laptop_copy.os, "replace", rename)
    keys = choose_families(demo_store.db, codes=CHOSEN)
    make_laptop_copy(demo_store, tmp_path / "laptop.db", COPY_PASSPHRASE, keys, "Anna's laptop")
    assert seen_at_rename == [1]


def test_a_copy_that_cannot_take_its_name_leaves_no_record(demo_store, tmp_path, monkeypatch) -> None:
    from fieldwork.storage import laptop_copy

    def refuse(source, target) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(laptop_copy.os, "replace", refuse)
    with pytest.raises(LaptopCopyError, match="could not be named"):
        make_laptop_copy(demo_store, tmp_path / "laptop.db", COPY_PASSPHRASE,
                         choose_families(demo_store.db, codes=CHOSEN), "Anna's laptop")
    assert demo_store.db.execute("SELECT count(*) FROM laptop_copies").fetchone()[0] == 0
    assert not list(tmp_path.glob("laptop.db*"))  # neither the copy nor its .partial
