"""File → Export…: write the analysts' bundle from the open study, with a progress bar.

Owns only the window: where to save, the options as checkboxes (pseudonymised unless the
researcher ticks names or free text, with a warning when they do), a progress bar fed by
the bundle writer's progress callback, and the result summary. The bundle itself is
``fieldwork.export.bundle``. The export runs in the GUI thread (a few seconds at most for
a whole study) with the buttons disabled, so nothing else can change the study meanwhile.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError
from fieldwork.export.bundle import ExportOptions, ExportResult, write_bundle
from fieldwork.storage.study_store import StudyStore


class ExportDialog(QDialog):
    """After a successful export ``result`` holds what was written."""

    def __init__(self, store: StudyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.result_: ExportResult | None = None
        self.setWindowTitle(self.tr("Export for analysts"))
        # Wide enough that the wrapped explanations are never cut off.
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        intro = QLabel(self.tr(
            "Writes a folder of CSV files, a codebook, a data package description, one GraphML "
            "file per network map and a manifest. Names are replaced by codes and free text is "
            "left out unless you tick the boxes below."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.folder = QLineEdit(str(Path.home()))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder)
        row.addWidget(browse)
        form.addRow(self.tr("Save in"), row)
        self.bundle_name = QLineEdit(f"fieldwork-export-{date.today().isoformat()}")
        form.addRow(self.tr("Bundle name"), self.bundle_name)
        # The CSVs are always written; SPSS and Stata copies beside them when ticked.
        self.spss = QCheckBox(self.tr("SPSS files (.sav)"))
        self.stata = QCheckBox(self.tr("Stata files (.dta)"))
        formats = QHBoxLayout()
        formats.addWidget(QLabel(self.tr("CSV, and also:")))
        formats.addWidget(self.spss)
        formats.addWidget(self.stata)
        formats.addStretch(1)
        form.addRow(self.tr("Formats"), formats)
        self.zip = QCheckBox(self.tr("Also make a .zip file"))
        self.shift_dates = QCheckBox(self.tr("Shift each family's dates (keeps the intervals)"))
        self.maps = QCheckBox(self.tr("Include a picture of each map"))
        self.free_text = QCheckBox(self.tr("Include free text (notes, closing notes, own words)"))
        self.names = QCheckBox(self.tr("Include names"))
        for box in (self.zip, self.shift_dates, self.maps, self.free_text, self.names):
            form.addRow(box)
            box.toggled.connect(self._update_warning)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b3261e;")
        form.addRow(self.warning)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        form.addRow(self.progress)
        self.step = QLabel()
        form.addRow(self.step)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setMinimumHeight(140)
        self.summary.setVisible(False)
        form.addRow(self.summary)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._update_warning()
        # Tall enough for the wrapped introduction at its width (large text wraps it to
        # three lines, which the first size guess left cut off at the top).
        self.resize(self.minimumWidth(), form.totalHeightForWidth(self.minimumWidth()))

    def options(self) -> ExportOptions:
        return ExportOptions(include_free_text=self.free_text.isChecked(),
                             include_names=self.names.isChecked(),
                             shift_dates=self.shift_dates.isChecked(),
                             maps=self.maps.isChecked(), zip=self.zip.isChecked(),
                             formats=("csv", *(["sav"] if self.spss.isChecked() else []),
                                      *(["dta"] if self.stata.isChecked() else [])))

    def destination(self) -> Path:
        return Path(self.folder.text().strip()).expanduser() / self.bundle_name.text().strip()

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Save the bundle in"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _update_warning(self) -> None:
        identifying = self.free_text.isChecked() or self.names.isChecked()
        self.warning.setText(self.tr(
            "This bundle can identify people: keep it on an encrypted drive and share it only "
            "as your study's data agreement allows.") if identifying else "")
        self.warning.setVisible(identifying)

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.step.setText(what)
        QCoreApplication.processEvents()

    def export(self) -> None:
        """Write the bundle; a problem is shown in the dialog and nothing is left behind."""
        self.problem.clear()
        if not self.bundle_name.text().strip():
            self.problem.setText(self.tr("Give the bundle a name."))
            return
        self.export_button.setEnabled(False)
        self.buttons.setEnabled(False)
        try:
            self.result_ = write_bundle(self.store.db, self.destination(), self.options(),
                                        self._progress)
            self.store.audit("export")
        except FieldworkError as error:
            self.problem.setText(str(error))
            self.progress.setValue(0)
            self.step.clear()
            return
        except OSError as error:
            self.problem.setText(self.tr("The bundle could not be written: {problem}.").format(
                problem=error.strerror or error))
            self.progress.setValue(0)
            self.step.clear()
            return
        finally:
            self.buttons.setEnabled(True)
            self.export_button.setEnabled(True)
        self.step.setText(self.tr("Done."))
        self.summary.setPlainText(self.result_.summary())
        self.summary.setVisible(True)
