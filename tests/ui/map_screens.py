"""Helpers for the map's screen tests: what a user sees of the names and titles, in pixels."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem, QGraphicsTextItem, QGraphicsView


def text_of(item: QGraphicsItem) -> str:
    if isinstance(item, QGraphicsTextItem):
        return item.toPlainText()
    if isinstance(item, QGraphicsSimpleTextItem):
        return item.text()
    return ""


def rect_on_view(view: QGraphicsView, item: QGraphicsItem) -> QRectF:
    """Where an item is drawn in the view, in pixels, whether or not it ignores the zoom."""
    if item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations:
        at = view.mapFromScene(item.scenePos())
        return item.boundingRect().translated(at.x(), at.y())
    return QRectF(view.mapFromScene(item.sceneBoundingRect()).boundingRect())


def name_and_title_rects(view: QGraphicsView, names: set[str], titles: set[str]) -> dict[str, list[QRectF]]:
    """The view rectangles of the person names and sector titles drawn (by their text,
    spaces and line breaks ignored), so the test holds whatever items draw them."""
    def plain(text: str) -> str:
        return " ".join(text.split())

    found: dict[str, list[QRectF]] = {"names": [], "titles": []}
    for item in view.scene().items():
        text = plain(text_of(item))
        if not text or not item.isVisible():
            continue
        if text in {plain(t) for t in titles}:
            found["titles"].append(rect_on_view(view, item))
        elif text in {plain(n) for n in names} or any(plain(n).startswith(text.rstrip("…")) for n in names
                                                       if text.endswith("…")):
            found["names"].append(rect_on_view(view, item))
    return found


def overlaps(rects: list[QRectF], others: list[QRectF] | None = None) -> list[tuple[QRectF, QRectF]]:
    """Pairs that share area (touching edges do not count)."""
    def meet(a: QRectF, b: QRectF) -> bool:
        return a.left() < b.right() and b.left() < a.right() and a.top() < b.bottom() and b.top() < a.bottom()
    if others is None:
        return [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if meet(a, b)]
    return [(a, b) for a in rects for b in others if meet(a, b)]
