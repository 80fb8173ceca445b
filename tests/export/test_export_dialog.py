"""File → Export…, driven as a data manager would (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fieldwork.ui.export_dialog import ExportDialog


def test_exporting_from_the_dialog(qtbot, full_demo, tmp_path: Path) -> None:
    dialog = ExportDialog(full_demo)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.folder.setText(str(tmp_path))
    dialog.bundle_name.setText("bundle")
    assert not dialog.warning.isVisible()
    dialog.zip.click()
    dialog.spss.click()
    dialog.stata.click()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == ""
    assert (tmp_path / "bundle" / "manifest.json").is_file()
    assert (tmp_path / "bundle" / "datapackage.json").is_file()
    assert (tmp_path / "bundle" / "spss" / "families.sav").is_file()
    assert (tmp_path / "bundle" / "stata" / "score15_wide.dta").is_file()
    assert (tmp_path / "bundle.zip").is_file()
    assert dialog.progress.value() == dialog.progress.maximum() > 1
    assert "families.csv: 23 rows" in dialog.summary.toPlainText()
    assert dialog.result_ is not None and not dialog.result_.notes
    from fieldwork.storage.audit import audit_entries

    assert audit_entries(full_demo.db, limit=1)[0].action == "export"


def test_names_warn_and_a_used_folder_is_refused_in_the_dialog(qtbot, full_demo, tmp_path: Path) -> None:
    (tmp_path / "bundle").mkdir()
    (tmp_path / "bundle" / "old.csv").write_text("x")
    dialog = ExportDialog(full_demo)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.names.click()
    assert dialog.warning.isVisible() and "identify" in dialog.warning.text()
    assert dialog.options().include_names
    assert dialog.options().formats == ("csv",)  # SPSS and Stata only when ticked
    dialog.folder.setText(str(tmp_path))
    dialog.bundle_name.setText("bundle")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "not empty" in dialog.problem.text()
    assert dialog.result_ is None
    assert sorted(p.name for p in (tmp_path / "bundle").iterdir()) == ["old.csv"]
