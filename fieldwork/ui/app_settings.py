"""Where the app keeps its own settings (QSettings): the organisation and application names.

Set once at start (``name_application``) so every ``QSettings()`` lands in one known place
(``~/.config/fieldwork/fieldwork.conf`` on Linux, the registry key
``HKEY_CURRENT_USER\\Software\\fieldwork\\fieldwork`` on Windows,
``~/Library/Preferences/com.fieldwork.fieldwork.plist`` on macOS) instead of
``Unknown Organization``. Settings hold preferences only (e.g. the lock time), never study data.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings

ORGANISATION_NAME = "fieldwork"
APPLICATION_NAME = "fieldwork"
# Minutes without use before the app locks (Study → Lock after…).
LOCK_MINUTES_SETTING = "lock_after_minutes"


def name_application(app: QCoreApplication) -> None:
    """Give ``app`` the names QSettings files its settings under."""
    app.setOrganizationName(ORGANISATION_NAME)
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationDisplayName(APPLICATION_NAME)


# Where the main window was and how big, as the researcher left it: a preference of this
# laptop, restored (and fitted to today's screen) when the app opens again.
WINDOW_GEOMETRY_SETTING = "main_window/geometry"
WINDOW_MAXIMISED_SETTING = "main_window/maximised"


def remembered_window_geometry() -> tuple[tuple[int, int, int, int] | None, bool]:
    """The main window's last (x, y, width, height) and whether it was maximised; None if never saved
    or unreadable (a settings file edited by hand must not stop the app opening)."""
    settings = QSettings()
    raw = settings.value(WINDOW_GEOMETRY_SETTING)
    maximised = str(settings.value(WINDOW_MAXIMISED_SETTING, "false")).lower() == "true"
    try:
        values = [int(v) for v in (raw if isinstance(raw, (list, tuple)) else str(raw).split(","))]
    except (TypeError, ValueError):
        return None, maximised
    if len(values) != 4 or values[2] <= 0 or values[3] <= 0:
        return None, maximised
    return (values[0], values[1], values[2], values[3]), maximised


def remember_window_geometry(x: int, y: int, width: int, height: int, maximised: bool) -> None:
    settings = QSettings()
    settings.setValue(WINDOW_GEOMETRY_SETTING, f"{x},{y},{width},{height}")
    settings.setValue(WINDOW_MAXIMISED_SETTING, "true" if maximised else "false")


def forget_window_geometry() -> None:
    settings = QSettings()
    settings.remove(WINDOW_GEOMETRY_SETTING)
    settings.remove(WINDOW_MAXIMISED_SETTING)
