"""The laptop copy in the app: tick families (one by one or by site), write, check back in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui import laptop_copy_dialog
from fieldwork.ui.laptop_copy_dialog import LaptopCopyDialog, check_in_laptop_copy
from fieldwork.ui.main_window import MainWindow

COPY_PASSPHRASE = "laptop copy passphrase 42"


def _ticked(dialog: LaptopCopyDialog) -> list[str]:
    return [dialog.families.item(r).text().split(" · ")[0] for r in range(dialog.families.count())
            if dialog.families.item(r).checkState() == Qt.CheckState.Checked]


def test_a_site_is_ticked_and_the_copy_written_holds_those_families(qtbot, demo_store, tmp_path: Path) -> None:
    dialog = LaptopCopyDialog(demo_store)
    qtbot.addWidget(dialog)
    listed = " ".join(dialog.families.item(r).text() for r in range(dialog.families.count()))
    notes = [n for (n,) in demo_store.db.execute("SELECT notes FROM families WHERE notes != ''")]
    assert notes and not any(note in listed for note in notes)  # codes and sites only
    dialog.sites.setCurrentText("Borough B")
    dialog._tick(site="Borough B")
    at_b = [c for (c,) in demo_store.db.execute("SELECT code FROM families WHERE site = 'Borough B' ORDER BY code")]
    assert _ticked(dialog) == at_b and "F001" not in at_b
    dialog.file.setText(str(tmp_path / "anna.db"))
    dialog.label.setText("Anna, wave 2")
    dialog.passphrase.setText(COPY_PASSPHRASE)
    dialog.again.setText(COPY_PASSPHRASE)
    dialog._write()
    assert dialog.made is not None and dialog.made.family_codes == tuple(at_b)
    copy = StudyStore.open(tmp_path / "anna.db", COPY_PASSPHRASE)
    try:
        assert sorted(c for (c,) in copy.db.execute("SELECT code FROM families")) == at_b
    finally:
        copy.close()


def test_passphrases_that_differ_write_nothing(qtbot, demo_store, tmp_path: Path, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    dialog = LaptopCopyDialog(demo_store)
    qtbot.addWidget(dialog)
    dialog.families.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.file.setText(str(tmp_path / "anna.db"))
    dialog.passphrase.setText(COPY_PASSPHRASE)
    dialog.again.setText(COPY_PASSPHRASE + "x")
    dialog._write()
    assert said == ["The two passphrases are not the same."]
    assert not (tmp_path / "anna.db").exists()


def test_check_in_from_the_app_brings_the_laptops_edit(qtbot, demo_store, tmp_path: Path, monkeypatch) -> None:
    from fieldwork.storage.laptop_copy import choose_families, make_laptop_copy

    copy_path = tmp_path / "anna.db"
    make_laptop_copy(demo_store, copy_path, COPY_PASSPHRASE, choose_families(demo_store.db, codes=["F003"]), "a")
    copy = StudyStore.open(copy_path, COPY_PASSPHRASE)
    with copy.edit("test") as db:
        db.execute("UPDATE families SET notes = 'Seen at the children''s centre' WHERE code = 'F003'")
    copy.close()
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    monkeypatch.setattr(laptop_copy_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy_path), ""))
    monkeypatch.setattr(laptop_copy_dialog.QInputDialog, "getText", lambda *a, **k: (COPY_PASSPHRASE, True))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    check_in_laptop_copy(window)
    assert shown and "brought up to date: 1 families" in shown[0]
    notes = demo_store.db.execute("SELECT notes FROM families WHERE code = 'F003'").fetchone()[0]
    assert notes == "Seen at the children's centre"


def test_the_study_menu_offers_the_laptop_copy_and_its_check_in(qtbot, demo_store) -> None:
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    texts = [action.text().replace("&", "") for action in window.menus.study.actions()]
    assert "Laptop copy of chosen families…" in texts and "Check in a laptop copy…" in texts
