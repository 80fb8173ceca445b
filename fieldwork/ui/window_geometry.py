"""The main window on the screen: where it opens, how big, and that it stays inside the screen.

The window opens at its remembered place and size (or 1100×720 the first time), shrunk and
moved to lie inside the available area of today's screen: a laptop that was docked to a large
monitor yesterday may have a 1024×600 screen today, or 150 % scaling. The size is
remembered when the window closes (``app_settings``). What keeps the content from growing
the window (a scroll area around the pages) is the main window's own doing.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from fieldwork.ui.app_settings import remember_window_geometry, remembered_window_geometry

DEFAULT_WIDTH, DEFAULT_HEIGHT = 1100, 720
# Room for the window manager's title bar and borders before the window is first shown and
# its real frame is known (afterwards ``fit_on_screen`` measures the frame itself).
FRAME_ALLOWANCE = QMargins(4, 34, 4, 6)


def fit_inside(frame: QRect, area: QRect) -> QRect:
    """``frame`` made no larger than ``area`` and moved (as little as needed) to lie inside it."""
    width, height = min(frame.width(), area.width()), min(frame.height(), area.height())
    x = min(max(frame.x(), area.left()), area.left() + area.width() - width)
    y = min(max(frame.y(), area.top()), area.top() + area.height() - height)
    return QRect(x, y, width, height)


def screen_of(window: QWidget, point: QPoint | None = None) -> QScreen:
    """The screen at ``point`` if one is there (a remembered place), else the window's own."""
    found = QGuiApplication.screenAt(point) if point is not None else None
    return found or window.screen() or QGuiApplication.primaryScreen()


def available_area(window: QWidget, point: QPoint | None = None) -> QRect:
    """Where the window may be: its screen less the task bar and docks."""
    return screen_of(window, point).availableGeometry()


def _frame_margins(window: QWidget) -> QMargins:
    if not window.isVisible():
        return FRAME_ALLOWANCE
    frame, inner = window.frameGeometry(), window.geometry()
    return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                    frame.right() - inner.right(), frame.bottom() - inner.bottom())


def place_on_screen(window: QWidget) -> None:
    """Before the first show: the remembered place and size, or the default size centred,
    fitted inside the available area. A window that was maximised opens maximised."""
    remembered, maximised = remembered_window_geometry()
    margins = _frame_margins(window)
    if remembered is not None:
        inner = QRect(*remembered)
        area = available_area(window, inner.center())
    else:
        area = available_area(window)
        inner = QRect(0, 0, DEFAULT_WIDTH, DEFAULT_HEIGHT)
        inner.moveCenter(area.center())
    frame = fit_inside(inner.marginsAdded(margins), area)
    window.setGeometry(frame.marginsRemoved(margins))
    if maximised:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def fit_on_screen(window: QWidget) -> None:
    """After showing (the real frame known) or whenever asked: pull the window back inside
    its screen's available area if any part of it is outside."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = available_area(window, window.frameGeometry().center())
    frame = window.frameGeometry()
    if area.contains(frame):
        return
    margins = _frame_margins(window)
    window.setGeometry(fit_inside(frame, area).marginsRemoved(margins))


def remember_on_close(window: QWidget) -> None:
    """Keep the window's normal (not maximised) place and size for the next start."""
    normal = window.normalGeometry() if window.isMaximized() else window.geometry()
    remember_window_geometry(normal.x(), normal.y(), normal.width(), normal.height(), window.isMaximized())
