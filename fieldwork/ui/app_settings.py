"""Where the app keeps its own settings (QSettings): the organisation and application names.

Set once at start (``name_application``) so every ``QSettings()`` lands in one known place
(``~/.config/fieldwork/fieldwork.conf`` on Linux, the registry key
``HKEY_CURRENT_USER\\Software\\fieldwork\\fieldwork`` on Windows,
``~/Library/Preferences/com.fieldwork.fieldwork.plist`` on macOS) instead of
``Unknown Organization``. Settings hold preferences only (e.g. the lock time), never study data.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

ORGANISATION_NAME = "fieldwork"
APPLICATION_NAME = "fieldwork"


def name_application(app: QCoreApplication) -> None:
    """Give ``app`` the names QSettings files its settings under."""
    app.setOrganizationName(ORGANISATION_NAME)
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationDisplayName(APPLICATION_NAME)
