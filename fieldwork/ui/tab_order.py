"""Tab moves through a form in the order it reads.

Qt chains Tab focus in the order widgets joined the window, not the order they are laid
out; a form that builds some fields with their parent and others without sends Tab from
the name straight past the relationship (seen in the person dialog under X11). Owns
``tab_in_layout_order``: re-chain a window's focusable widgets in its layout's order.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QWidget


def _in_layout_order(layout: QLayout) -> list[QWidget]:
    widgets: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget = item.widget()
        if widget is not None:
            widgets.append(widget)
            if widget.layout() is not None:
                widgets.extend(_in_layout_order(widget.layout()))
        elif item.layout() is not None:
            widgets.extend(_in_layout_order(item.layout()))
    return widgets


def tab_in_layout_order(window: QWidget) -> None:
    """Chain Tab through ``window``'s focusable widgets in the order its layout shows them."""
    layout = window.layout()
    if layout is None:
        return
    focusable = [w for w in _in_layout_order(layout) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    for first, second in pairwise(focusable):
        QWidget.setTabOrder(first, second)
