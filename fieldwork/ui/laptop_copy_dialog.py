"""Caseloads on laptops, in the app: hand out a laptop copy of chosen families, check one in.

``LaptopCopyDialog`` lists the study's families by code and site (never anything of the
case), lets the researcher tick them one by one or add a site's or a researcher's families
at once, and writes the copy under a new passphrase typed twice
(``storage.laptop_copy.make_laptop_copy``). ``check_in_laptop_copy`` asks for a copy file
and its passphrase, merges it back and says what came in; conflicts open the merge
conflicts screen. Every failure is shown; nothing is written unless it all succeeds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError
from fieldwork.storage.laptop_copy import LaptopCopy, check_in_copy, choose_families, make_laptop_copy
from fieldwork.storage.merge_conflicts import conflicts as waiting_conflicts
from fieldwork.storage.study_merge import open_source
from fieldwork.storage.study_store import StudyStore

if TYPE_CHECKING:
    from fieldwork.ui.main_window import MainWindow


class LaptopCopyDialog(QDialog):
    """Choose families and write their laptop copy."""

    def __init__(self, store: StudyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.made: LaptopCopy | None = None
        self.setWindowTitle(self.tr("Laptop copy of chosen families"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "The copy holds only the families ticked here, with their earlier waves, under its own "
            "passphrase. No other family is in the file. Check it back in when the visits are done."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        add_row = QHBoxLayout()
        self.sites = QComboBox()
        self.sites.setAccessibleName(self.tr("Site"))
        self.sites.addItems([s for (s,) in store.db.execute(
            "SELECT DISTINCT site FROM families WHERE site IS NOT NULL AND site != '' ORDER BY site")])
        add_site = QPushButton(self.tr("Tick this site's families"))
        add_site.clicked.connect(lambda: self._tick(site=self.sites.currentText()))
        self.researchers = QComboBox()
        self.researchers.setAccessibleName(self.tr("Researcher"))
        self.researchers.addItems([r for (r,) in store.db.execute("SELECT name FROM researchers ORDER BY name")])
        add_researcher = QPushButton(self.tr("Tick this researcher's families"))
        add_researcher.clicked.connect(lambda: self._tick(researcher=self.researchers.currentText()))
        for widget in (self.sites, add_site, self.researchers, add_researcher):
            add_row.addWidget(widget)
        layout.addLayout(add_row)
        self.families = QListWidget()
        self.families.setAccessibleName(self.tr("Families in the copy"))
        for key, code, site in store.db.execute("SELECT key, code, site FROM families ORDER BY code"):
            item = QListWidgetItem(f"{code} · {site}" if site else code)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.families.addItem(item)
        layout.addWidget(self.families, 1)
        form = QFormLayout()
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("e.g. Anna's laptop, wave 2"))
        self.file = QLineEdit()
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.passphrase, self.again = QLineEdit(), QLineEdit()
        for field in (self.passphrase, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Whose laptop, what for"), self.label)
        form.addRow(self.tr("Copy file"), file_row)
        form.addRow(self.tr("&New passphrase for the copy"), self.passphrase)
        form.addRow(self.tr("Passphrase &again"), self.again)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Write the copy"))
        buttons.accepted.connect(self._write)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_keys(self) -> list[str]:
        return [self.families.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.families.count())
                if self.families.item(row).checkState() == Qt.CheckState.Checked]

    def _tick(self, **which: str) -> None:
        try:
            keys = set(choose_families(self.store.db, **which))
        except FieldworkError as error:
            QMessageBox.information(self, self.tr("Laptop copy"), str(error))
            return
        for row in range(self.families.count()):
            item = self.families.item(row)
            if item.data(Qt.ItemDataRole.UserRole) in keys:
                item.setCheckState(Qt.CheckState.Checked)

    def _choose_file(self) -> None:
        start = str(self.store.path.with_name(f"{self.store.path.stem}-laptop-copy.db"))
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Laptop copy file"), start,
                                                      self.tr("Study files (*.db)"))
        if chosen:
            self.file.setText(chosen)

    def _write(self) -> None:
        keys = self.chosen_keys()
        if not keys:
            QMessageBox.information(self, self.tr("Laptop copy"), self.tr("Tick the families the copy holds."))
            return
        if not self.file.text().strip():
            QMessageBox.information(self, self.tr("Laptop copy"), self.tr("Choose the file for the copy."))
            return
        if self.passphrase.text() != self.again.text():
            QMessageBox.warning(self, self.tr("Laptop copy"), self.tr("The two passphrases are not the same."))
            return
        out = Path(self.file.text().strip())
        try:
            self.made = make_laptop_copy(self.store, out, self.passphrase.text(), keys,
                                         self.label.text().strip() or out.name)
        except FieldworkError as error:
            QMessageBox.warning(self, self.tr("No copy was made"), str(error))
            return
        self.accept()


def hand_out_laptop_copy(window: MainWindow) -> None:
    dialog = LaptopCopyDialog(window.store, window)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.made is not None:
        made = dialog.made
        QMessageBox.information(window, window.tr("Laptop copy written"), window.tr(
            "{path}\n\nholds {count} families ({codes}) and no other. Take it to the laptop; "
            "check it back in from the Study menu when the visits are done."
        ).format(path=made.path, count=len(made.family_codes), codes=", ".join(made.family_codes)))


def check_in_laptop_copy(window: MainWindow) -> None:
    chosen, _filter = QFileDialog.getOpenFileName(window, window.tr("Check in a laptop copy"),
                                                  str(window.store.path.parent), window.tr("Study files (*.db)"))
    if not chosen:
        return
    passphrase, ok = QInputDialog.getText(window, window.tr("Check in a laptop copy"),
                                          window.tr("Passphrase of the laptop copy:"), QLineEdit.EchoMode.Password)
    if not ok:
        return
    try:
        copy = open_source(Path(chosen), passphrase)
        try:
            report = check_in_copy(window.store, copy, Path(chosen).name)
        finally:
            copy.close()
    except FieldworkError as error:
        QMessageBox.warning(window, window.tr("Not checked in"), str(error))
        return
    QMessageBox.information(window, window.tr("Laptop copy checked in"), report.summary())
    window.show_families()  # families and interviews may have come in
    if waiting_conflicts(window.store.db):
        window.show_merge_conflicts()
