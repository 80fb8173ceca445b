"""The panels beside the map: numbers and ratings, the off-the-map tray, the change list.

Owns ``MetricsPanel`` (the metrics, the suggested support level and the researcher's
own rating, both kept), ``OffMapTray`` (who was named but kept off the map, and why)
and ``ChangesPanel`` (wave 2: what changed since the earlier map, the proposed summary,
and the summary the researcher confirms or overrides). Each reads the document and asks
it to save; none writes to the database itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.map_changes import CHANGE_SUMMARIES, MAJOR_REASONS
from fieldwork.domain.network_codes import CLOSENESS, OFF_MAP_REASONS
from fieldwork.domain.network_metrics import (
    SUGGESTED_SUPPORT_LEVELS,
    SUPPORT_LEVELS,
    SUPPORT_REASONS,
)
from fieldwork.ui.network_map.document import MapDocument
from fieldwork.ui.wrapped_label import WrappedLabel


class MetricsPanel(QGroupBox):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("The map in numbers"), parent)
        self.document = document
        layout = QVBoxLayout(self)
        self.numbers = WrappedLabel()
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.numbers)
        form = QFormLayout()
        self.rating = QComboBox()
        self.rating.addItem(self.tr("Not rated yet"), None)
        for code, label in SUPPORT_LEVELS.items():
            self.rating.addItem(self.tr(label), code)
        self.rating.setAccessibleName(self.tr("Your rating of the support"))
        self.rating_note = QLineEdit()
        self.rating_note.setPlaceholderText(self.tr("Why (optional)"))
        form.addRow(self.tr("Your &rating"), self.rating)
        form.addRow(self.tr("Wh&y"), self.rating_note)
        layout.addLayout(form)
        self.rating.activated.connect(self._save_rating)
        self.rating_note.editingFinished.connect(self._save_rating)
        document.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        m = self.document.metrics()
        share = "–" if m.professionals_share is None else f"{m.professionals_share:.0%}"
        rings = " · ".join(f"{n}: {count}" for n, count in enumerate(m.per_ring, start=1))
        suggested = self.tr(SUGGESTED_SUPPORT_LEVELS[m.support_level])
        self.numbers.setText(self.tr(
            "<b>{named}</b> named, <b>{on}</b> on the map, {off} off it<br/>"
            "By ring: {rings}<br/>"
            "Professionals: {share} · household: {household}<br/>"
            "Difficult ties: {difficult} · informal support: {informal}<br/>"
            "Ties between people: {ties} (density {density:.2f})<br/>"
            "Suggested from the map (your rating below is the one that counts): "
            "<b>{suggested}</b>"
        ).format(named=m.people_named, on=m.people_on_map, off=m.off_map_total, rings=rings,
                 share=share, household=m.household_members,
                 difficult=m.difficult_ties_to_centre + m.difficult_ties_between,
                 informal=m.informal_support, ties=m.ties_between, density=m.density,
                 suggested=suggested))
        # The reason quotes the report's sentence the suggestion rests on (3.2.6).
        self.numbers.setToolTip(self.tr(SUPPORT_REASONS[m.support_reason]))
        j = self.document.judgements()
        self.rating.setCurrentIndex(max(0, self.rating.findData(j.support_level)))
        if not self.rating_note.hasFocus():
            self.rating_note.setText(j.support_note)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.rating, self.rating_note):
            widget.setEnabled(not read_only)

    def _save_rating(self) -> None:
        j = self.document.judgements()
        level, note = self.rating.currentData(), self.rating_note.text().strip()
        if (level, note) != (j.support_level, j.support_note):
            self.document.rate_support(level, note)


class OffMapTray(QGroupBox):
    """People named but not placed; who is absent matters."""

    keep_off_requested = Signal()
    name_off_requested = Signal()
    put_back_requested = Signal(str)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Off the map"), parent)
        self.document = document
        self.read_only = False
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("People named but kept off the map"))
        self.list.setMaximumHeight(76)
        self.list.setWordWrap(True)
        layout.addWidget(self.list)
        row = QVBoxLayout()
        self.keep_off = QPushButton(self.tr("Keep selected &off…"))
        self.keep_off.setToolTip(self.tr("Take the person selected on the map off it, with a reason"))
        self.name_off = QPushButton(self.tr("Name someone o&ff the map…"))
        self.put_back = QPushButton(self.tr("Put &back"))
        for button in (self.keep_off, self.name_off, self.put_back):
            row.addWidget(button)
        layout.addLayout(row)
        self.keep_off.clicked.connect(self.keep_off_requested)
        self.name_off.clicked.connect(self.name_off_requested)
        self.put_back.clicked.connect(self._put_back)
        document.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for p in self.document.network.people_off_map():
            reason = self.tr(OFF_MAP_REASONS.get(p.off_map_reason or "", ""))
            text = f"{p.label} — {reason}" + (f": {p.off_map_note}" if p.off_map_note else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, p.key)
            self.list.addItem(item)
        self.put_back.setEnabled(not self.read_only and self.list.count() > 0)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for button in (self.keep_off, self.name_off):
            button.setEnabled(not read_only)
        self.put_back.setEnabled(not read_only and self.list.count() > 0)

    def _put_back(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        if item is not None:
            self.put_back_requested.emit(item.data(Qt.ItemDataRole.UserRole))


class ChangesPanel(QGroupBox):
    """Wave 2: what changed since the earlier map, and the summary the researcher confirms."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Since the earlier wave"), parent)
        self.document = document
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(150)
        self.list.setAccessibleName(self.tr("Changes since the earlier map"))
        layout.addWidget(self.list)
        self.proposal = QLabel()
        self.proposal.setWordWrap(True)
        layout.addWidget(self.proposal)
        row = QHBoxLayout()
        self.summary = QComboBox()
        for code, label in CHANGE_SUMMARIES.items():
            self.summary.addItem(self.tr(label), code)
        self.summary.setAccessibleName(self.tr("Change summary"))
        self.confirm = QPushButton(self.tr("&Confirm summary"))
        row.addWidget(self.summary, 1)
        row.addWidget(self.confirm)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.confirm.clicked.connect(self._confirm)
        document.changed.connect(self.refresh)
        self.refresh()

    def _name(self, key: str) -> str:
        network, earlier = self.document.network, self.document.earlier
        if key in network:
            return network.person(key).label
        if earlier is not None and key in earlier:
            return earlier.person(key).label
        return key

    def lines(self) -> list[str]:
        c = self.document.changes()
        if c is None:
            return []
        rows = [self.tr("Added: {name}").format(name=self._name(k)) for k in c.added]
        rows += [self.tr("Gone from the map: {name}").format(name=self._name(k)) for k in c.removed]
        rows += [self.tr("{name}: ring {a} → {b}").format(name=self._name(m.key), a=m.before, b=m.after)
                 for m in c.ring_moves]
        sectors = {s.code: s.label for s in self.document.network.settings.sectors}
        rows += [self.tr("{name}: {a} → {b}").format(
            name=self._name(m.key), a=self.tr(sectors.get(m.before, m.before)),
            b=self.tr(sectors.get(m.after, m.after))) for m in c.sector_moves]
        rows += [self.tr("{name}: {a} → {b}").format(
            name=self._name(m.key), a=self.tr(CLOSENESS.get(m.before or "", "not asked")),
            b=self.tr(CLOSENESS.get(m.after or "", "not asked"))) for m in c.closeness_changes]
        return rows or [self.tr("No change yet")]

    def refresh(self) -> None:
        c = self.document.changes()
        self.setVisible(c is not None)
        if c is None:
            return
        self.list.clear()
        self.list.addItems(self.lines())
        why = "; ".join(self.tr(MAJOR_REASONS[r]) for r in c.major_reasons)
        self.proposal.setText(self.tr("Proposed: <b>{summary}</b>{why}").format(
            summary=self.tr(CHANGE_SUMMARIES[c.summary]), why=f" ({why})" if why else ""))
        j = self.document.judgements()
        shown = j.change_summary or c.summary
        self.summary.setCurrentIndex(max(0, self.summary.findData(shown)))
        if j.change_summary is None:
            self.status.setText(self.tr("Not confirmed yet."))
        else:
            self.status.setText(self.tr("Confirmed: {summary}").format(
                summary=self.tr(CHANGE_SUMMARIES[j.change_summary])))

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.summary, self.confirm):
            widget.setEnabled(not read_only)

    def _confirm(self) -> None:
        c = self.document.changes()
        if c is not None:
            self.document.confirm_change_summary(self.summary.currentData(), c.summary)
