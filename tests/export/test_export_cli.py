"""`main.py export` and `main.py merge` as a data manager runs them: real processes, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldwork.storage.study_store import StudyStore
from tests.conftest import PASSPHRASE
from tests.test_cli import _one_clear_line, run

OTHER = "the second laptop's passphrase"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from fieldwork.demo import write_demo_study

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    write_demo_study(path, PASSPHRASE).close()
    return path


@pytest.fixture(scope="module")
def other_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("other") / "other.db"
    store = StudyStore.create(path, OTHER, "Study", "R02")
    store.add_family(code="F201")
    store.close()
    return path


def test_export_writes_the_bundle_and_its_zip(demo_db: Path, tmp_path: Path) -> None:
    result = run("export", "--db", str(demo_db), "--out", str(tmp_path / "b"), "--zip",
                 "--shift-dates")
    assert result.returncode == 0, result.stderr
    assert "families.csv: 23 rows" in result.stdout
    assert (tmp_path / "b.zip").is_file()
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["dates"] == "shifted"


def test_export_writes_spss_and_stata_files_when_asked(demo_db: Path, tmp_path: Path) -> None:
    result = run("export", "--db", str(demo_db), "--out", str(tmp_path / "b"), "--formats", "csv,sav,dta")
    assert result.returncode == 0, result.stderr
    bundle = tmp_path / "b"
    assert sorted(p.stem for p in (bundle / "spss").glob("*.sav")) == sorted(
        p.stem for p in bundle.glob("*.csv"))
    assert sorted(p.stem for p in (bundle / "stata").glob("*.dta")) == sorted(
        p.stem for p in bundle.glob("*.csv"))
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["formats"] == ["csv", "sav", "dta"]
    assert "spss/families.sav" in {f["path"] for f in manifest["files"]}


def test_an_unknown_format_is_one_line_and_writes_nothing(demo_db: Path, tmp_path: Path) -> None:
    line = _one_clear_line(run("export", "--db", str(demo_db), "--out", str(tmp_path / "b"),
                               "--formats", "csv,xlsx"))
    assert line.startswith("fieldwork: ") and "xlsx" in line and "sav" in line
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize("problem", ["wrong passphrase", "missing database", "out is a file"])
def test_export_failures_are_one_line_and_write_nothing(demo_db: Path, tmp_path: Path,
                                                        problem: str) -> None:
    db, out, passphrase = demo_db, tmp_path / "b", PASSPHRASE
    if problem == "wrong passphrase":
        passphrase = "not the passphrase"
    elif problem == "missing database":
        db = tmp_path / "nowhere.db"
    else:
        out.write_text("I am a file")
    before = sorted(p.name for p in tmp_path.iterdir())
    line = _one_clear_line(run("export", "--db", str(db), "--out", str(out), passphrase=passphrase))
    assert line.startswith("fieldwork: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_merge_twice_and_a_source_with_its_own_passphrase_file(demo_db: Path, other_db: Path,
                                                              tmp_path: Path) -> None:
    team = tmp_path / "team.db"
    secret = tmp_path / "other.pass"
    secret.write_text(OTHER + "\n", encoding="utf-8")
    args = ("merge", "--into", str(team), str(demo_db), str(other_db),
            "--passphrase-file", f"{other_db}={secret}")
    first = run(*args)
    assert first.returncode == 0, first.stderr
    assert "added" in first.stdout and "23 families" in first.stdout
    second = run(*args)
    assert second.returncode == 0, second.stderr
    assert second.stdout.count("added nothing new") == 2
    info = run("info", "--db", str(team))
    assert "Families: 24" in info.stdout
    assert OTHER not in first.stdout + first.stderr


def test_merge_refuses_a_source_the_passphrase_does_not_open(demo_db: Path, other_db: Path,
                                                            tmp_path: Path) -> None:
    team = tmp_path / "team.db"
    line = _one_clear_line(run("merge", "--into", str(team), str(demo_db), str(other_db)))
    assert "--passphrase-file" in line and str(other_db) in line
    assert not team.exists()


def test_merge_refuses_a_missing_source(demo_db: Path, tmp_path: Path) -> None:
    team = tmp_path / "team.db"
    line = _one_clear_line(run("merge", "--into", str(team), str(demo_db),
                               str(tmp_path / "lost.db")))
    assert "lost.db" in line
    assert not team.exists()
