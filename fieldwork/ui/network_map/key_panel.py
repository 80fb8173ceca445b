"""The map's key, beside the map: what the rings ask and what each kind of line means.

Owns ``MapKey`` (the ring prompts, in the interview's language with the English beneath
where they differ, and the legend of ties and marks) and ``RingPrompts`` (the prompts
alone, large, for the family's window). Ordinary widgets at the system font size, so they
follow the desktop's text size and scaling, unlike text drawn into the zoomed map.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from fieldwork.domain.map_geometry import CONVOY_RING_PROMPTS, MapSettings
from fieldwork.domain.network_codes import CLOSENESS
from fieldwork.ui.network_map.style import tie_path, tie_pen
from fieldwork.ui.text_sizes import scaled_font


def prompts_html(settings: MapSettings, heading: str) -> str:
    english = list(CONVOY_RING_PROMPTS)
    rows = []
    for n, text in enumerate(settings.ring_prompts or (), start=1):
        extra = ""
        if n <= len(english) and text and text != english[n - 1]:
            extra = f"<br/><i>{escape(english[n - 1])}</i>"
        rows.append(f"<p style='margin-top:3px'><b>{n}</b>&nbsp; {escape(text)}{extra}</p>")
    return f"<b>{escape(heading)}</b>" + "".join(rows)


def _line_sample(closeness: str, height: int) -> QPixmap:
    width = 3 * height
    picture = QPixmap(width, height)
    picture.fill(QColor(0, 0, 0, 0))
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(tie_pen(closeness))
    painter.drawPath(tie_path(QPointF(2, height / 2), QPointF(width - 2, height / 2), closeness))
    painter.end()
    return picture


class RingPrompts(QLabel):
    """The ring prompts as text that wraps; ``scale`` > 1 for the family."""

    def __init__(self, settings: MapSettings, scale: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ringPrompts")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if scale != 1.0:
            self.setFont(scaled_font(scale))
        self.show_settings(settings)

    def show_settings(self, settings: MapSettings) -> None:
        self.setText(prompts_html(settings, self.tr("The rings")))


class MapKey(QGroupBox):
    """Prompts and legend for the researcher, in the side panel."""

    def __init__(self, settings: MapSettings, with_earlier: bool, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Key"), parent)
        box = QVBoxLayout(self)
        self.prompts = RingPrompts(settings)
        box.addWidget(self.prompts)
        grid = QGridLayout()
        height = max(self.fontMetrics().height(), 12)
        for row, (code, label) in enumerate(CLOSENESS.items()):
            sample = QLabel()
            sample.setPixmap(_line_sample(code, height))
            grid.addWidget(sample, row, 0)
            grid.addWidget(QLabel(self.tr(label)), row, 1)
        grid.setColumnStretch(1, 1)
        box.addLayout(grid)
        notes = self.tr("Thick outline: the respondent. Second circle: lives in the household.")
        if with_earlier:
            notes += " " + self.tr("Dashed grey: where people were at the earlier wave.")
        self.notes = QLabel(notes)
        self.notes.setWordWrap(True)
        box.addWidget(self.notes)
