"""How an action's words and keys are shown: without mnemonic marks, and the keys in the tooltip.

Shared by the actions, the menus and the keyboard shortcuts list (``help_dialogs``), so none
of them imports another for it.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def plain_text(text: str) -> str:
    """An action's words without its mnemonic marks ("&Back up now" -> "Back up now")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def say_shortcut_in_tooltip(action: QAction, tip: str | None = None) -> None:
    """The tooltip names the keys: 'Lock the study … (Ctrl+L)'."""
    tip = tip or plain_text(action.text())
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({keys})" if keys and keys not in tip else tip)
