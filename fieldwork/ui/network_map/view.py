"""The map's view: the whole scene scaled to any window size, and fluid while dragging.

Owns ``MapView``. The scene is never re-laid out for the window; the view scales it.
While a person is dragged, the view paints everything else once into a picture and
shows that, so a mouse move repaints one person and their lines, not 150 people and
300 ties.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from fieldwork.ui.network_map.items import top_level


class MapView(QGraphicsView):
    """Shows the whole map at any window size (the scene is scaled, never re-laid out)."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        scene.sceneRectChanged.connect(lambda _rect: self.fit())
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        # Small enough that the whole map fits a 1024x600 screen or a 768-pixel one at 150 %
        # (at 240 the page scrolled and cut the bottom sector off); the map scales to fit.
        self.setMinimumSize(320, 180)
        self.setAccessibleName(self.tr("Family network map"))

        self._snapshot: QPixmap | None = None
        self._frozen: list[QGraphicsItem] = []

    def fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        # Names keep their size in pixels: the scene places them again for this zoom.
        scene = self.scene()
        set_scale = getattr(scene, "set_label_scale", None)
        if set_scale is not None:
            set_scale(self.transform().m11(), self)

    def freeze_all_but(self, live: set[QGraphicsItem]) -> None:
        """Paint the rest of the scene once into a picture and hide it until ``unfreeze``."""
        scene = self.scene()
        if scene is None or self._snapshot is not None:
            return
        # Opacity, not visibility: hiding the pressed person would drop its mouse grab.
        for item in live:
            item.setOpacity(0.0)
        size, ratio = self.viewport().size(), self.devicePixelRatioF()
        picture = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        picture.setDevicePixelRatio(ratio)
        picture.fill(QColor("#ffffff"))
        painter = QPainter(picture)
        painter.setRenderHints(self.renderHints())
        self.render(painter, QRectF(0, 0, size.width(), size.height()), self.viewport().rect())
        painter.end()
        for item in live:
            item.setOpacity(1.0)
        self._snapshot = picture
        self._frozen = [i for i in top_level(scene.items()) if i.isVisible() and i not in live]
        for item in self._frozen:
            item.setVisible(False)

    def unfreeze(self) -> None:
        for item in self._frozen:
            item.setVisible(True)
        self._frozen, self._snapshot = [], None
        self.viewport().update()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        if self._snapshot is None:
            super().drawBackground(painter, rect)
            return
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(0, 0, self._snapshot)
        painter.restore()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self.unfreeze()
        super().resizeEvent(event)
        self.fit()
