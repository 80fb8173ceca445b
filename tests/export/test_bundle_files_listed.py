"""The manifest lists every file of the bundle: ``files_in`` finds what ``rglob`` found."""

from __future__ import annotations

from pathlib import Path

from fieldwork.export.bundle import files_in


def test_every_file_of_a_folder_is_listed_by_its_relative_path_sorted_as_text(tmp_path: Path) -> None:
    names = ["b.csv", "a.csv", "graphml/F002_wave1.graphml", "graphml/F001_wave2.graphml",
             "graphml-notes.txt", "maps/deep/x.png", "Z.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    (tmp_path / "empty").mkdir()
    found = files_in(tmp_path)
    assert found == sorted(names) == sorted(p.relative_to(tmp_path).as_posix()
                                            for p in tmp_path.rglob("*") if p.is_file())
    assert found.index("graphml-notes.txt") < found.index("graphml/F001_wave2.graphml")  # as text, not by parts


def test_a_folder_reached_through_a_link_is_not_walked(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.txt").write_text("not the bundle's")
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "a.csv").write_text("a")
    (bundle / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert files_in(bundle) == ["a.csv"]
