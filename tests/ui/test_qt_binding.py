"""The installed Qt binding keeps Python's reference counts right.

PySide6 6.12.0 under Python 3.11 returns None from void methods without a reference, so a
few thousand calls (seconds of dragging on the map) abort the interpreter; pyproject.toml
pins below it. This test fails at once if such a binding is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_lose_references_to_none(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert abs(sys.getrefcount(None) - before) < 100
