"""The signature pad: a family member signs on screen with a mouse, a finger or a pen.

Owns the drawing surface and the strokes as drawn: each stroke a list of (x, y, ms)
points, ms counted from the first touch of the signature, in the pad's own pixels. It
also renders strokes to a PNG picture (``signature_png``) that is stored beside them,
so the signature can be shown and printed without this widget.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QElapsedTimer,
    QEvent,
    QIODevice,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from fieldwork.domain.consent import SignatureStroke

INK = QColor("#102a43")
PAPER = QColor("#ffffff")
_PEN_WIDTH = 2.6
_MARGIN = 12


def _stroke_path(stroke: Sequence[Sequence[float]]) -> QPainterPath:
    path = QPainterPath(QPointF(stroke[0][0], stroke[0][1]))
    if len(stroke) == 1:  # a dot: a tiny line so it shows
        path.lineTo(stroke[0][0] + 0.5, stroke[0][1] + 0.5)
    for x, y, _ms in stroke[1:]:
        path.lineTo(x, y)
    return path


def draw_strokes(painter: QPainter, strokes: Sequence[Sequence[Sequence[float]]]) -> None:
    pen = QPen(INK, _PEN_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for stroke in strokes:
        if stroke:
            painter.drawPath(_stroke_path(stroke))


def signature_png(strokes: Sequence[Sequence[Sequence[float]]], size: QSize | None = None) -> bytes:
    """The strokes drawn in ink on white paper, as PNG bytes.

    The picture covers ``size`` (the pad as it was) and at least every point drawn.
    """
    points = [p for stroke in strokes for p in stroke]
    width = max([size.width() if size else 0] + [int(p[0]) + _MARGIN for p in points] + [1])
    height = max([size.height() if size else 0] + [int(p[1]) + _MARGIN for p in points] + [1])
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(PAPER)
    painter = QPainter(image)
    draw_strokes(painter, strokes)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class SignaturePad(QWidget):
    """Where the signature is drawn. ``changed`` fires when a stroke ends or the pad is cleared."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[list[tuple[float, float, float]]] = []
        self._drawing = False
        self._clock = QElapsedTimer()
        self._offset = 0.0  # ms already used by strokes loaded from a record
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(360, 180)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setToolTip(self.tr("Sign here with a finger, a pen or the mouse"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(620, 200)

    # -- what was drawn ------------------------------------------------------------------

    @property
    def strokes(self) -> tuple[SignatureStroke, ...]:
        return tuple(tuple(stroke) for stroke in self._strokes if stroke)

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    def set_strokes(self, strokes: Sequence[Sequence[Sequence[float]]]) -> None:
        """Show strokes drawn before (a correction starts from the record it corrects)."""
        self._strokes = [[(float(x), float(y), float(t)) for x, y, t in s] for s in strokes if s]
        self._drawing = False
        self._clock.invalidate()
        self.update()
        self.changed.emit()

    def picture(self) -> bytes:
        return signature_png(self.strokes, self.size())

    # -- drawing -------------------------------------------------------------------------

    def _elapsed_ms(self) -> float:
        """Milliseconds since the first touch of this signature (continuing after corrections)."""
        if self.is_empty() and not self._drawing:
            self._clock.start()
            self._offset = 0.0
            return 0.0
        if not self._clock.isValid():  # strokes were loaded, not drawn here: carry on after them
            self._offset = max((p[2] for s in self._strokes for p in s), default=0.0) + 1.0
            self._clock.start()
        return float(self._clock.elapsed()) + self._offset

    def _begin(self, position: QPointF) -> None:
        time = self._elapsed_ms()
        self._drawing = True
        self._strokes.append([(position.x(), position.y(), time)])
        self.update()

    def _extend(self, position: QPointF) -> None:
        if self._drawing:
            self._strokes[-1].append((position.x(), position.y(), self._elapsed_ms()))
            self.update()

    def _end(self, position: QPointF | None = None) -> None:
        if self._drawing:
            if position is not None:
                self._extend(position)
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        # Accepting the pen's events stops Qt from also sending them as mouse events.
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:  # one finger signs; others resting on the screen are ignored
                position = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(position)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(position)
                else:
                    self._end(position)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._end()
            event.accept()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), PAPER)
        painter.setPen(QPen(QColor("#9fb3c8"), 1, Qt.PenStyle.DashLine))
        baseline = self.height() - 40
        painter.drawLine(24, baseline, self.width() - 24, baseline)
        painter.setPen(QPen(QColor("#829ab1"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        if self.is_empty():
            painter.setPen(QColor("#829ab1"))
            painter.drawText(28, baseline - 8, "×")
        draw_strokes(painter, self._strokes)
        painter.end()
