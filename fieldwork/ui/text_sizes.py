"""Type sizes relative to the system font, so text follows the user's font size setting."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel


def scaled_font(factor: float, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def heading(text: str, factor: float = 1.6) -> QLabel:
    label = QLabel(text)
    label.setFont(scaled_font(factor, bold=True))
    label.setWordWrap(True)
    return label
