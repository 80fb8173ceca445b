"""The unlock / create-study window, driven as a researcher would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.unlock_dialog import UnlockDialog
from tests.conftest import PASSPHRASE


def test_creating_a_study(qtbot, study_path: Path) -> None:
    dialog = UnlockDialog(study_path)
    qtbot.addWidget(dialog)
    assert dialog.go.text() == "Create study"
    qtbot.keyClicks(dialog.study_name, "Family support study")
    qtbot.keyClicks(dialog.researcher, "R07 Sam")
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase_again, PASSPHRASE + "x")
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "The two passphrases are not the same."
    assert not study_path.exists()
    dialog.passphrase_again.clear()
    qtbot.keyClicks(dialog.passphrase_again, PASSPHRASE)
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    dialog.store.close()
    reopened = StudyStore.open(study_path, PASSPHRASE)
    assert reopened.study().name == "Family support study"
    assert [r.name for r in reopened.researchers()] == ["R07 Sam"]
    reopened.close()


def test_a_wrong_passphrase_is_said_plainly(qtbot, store: StudyStore, study_path: Path) -> None:
    store.close()
    dialog = UnlockDialog(study_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.go.text() == "Unlock"
    qtbot.keyClicks(dialog.passphrase, "a wrong passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.problem.isVisible()
    assert "passphrase is not right" in dialog.problem.text()
    assert dialog.passphrase.text() == ""
    assert dialog.store is None
    assert not dialog.go.isEnabled()  # a wrong passphrase makes the next try wait
    qtbot.waitUntil(dialog.go.isEnabled, timeout=3000)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.store is not None
    dialog.store.close()


def test_a_damaged_study_offers_its_newest_good_backup(qtbot, store: StudyStore, study_path: Path) -> None:
    from fieldwork.storage.backups import make_backup

    family = store.add_family(notes="safe in the backup")
    make_backup(store)
    store.close()
    data = bytearray(study_path.read_bytes())
    data[4096 * 2 + 10 : 4096 * 2 + 300] = bytes(290)
    study_path.write_bytes(bytes(data))
    dialog = UnlockDialog(study_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.go, Qt.MouseButton.LeftButton)
    assert "damaged" in dialog.problem.text()
    assert dialog.restore.isVisible() and dialog.restore.text().startswith("Restore the backup of")
    qtbot.mouseClick(dialog.restore, Qt.MouseButton.LeftButton)
    assert dialog.store.family(family.key).notes == "safe in the backup"
    dialog.store.close()
    [aside] = study_path.parent.glob("study.db.replaced-*")
    assert aside.read_bytes() == bytes(data)
