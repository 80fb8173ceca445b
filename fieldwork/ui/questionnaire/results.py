"""After the last item: SCORE-15's total and subscales against the reference lines, the
change from the earlier wave, or for the other questions a count of what was answered.

Scores come from ``fieldwork.domain.score15`` through the answer store; this module only
draws them. An incomplete scale shows how many items were answered, never a guessed
total; a pro-rated total is shown only as such, labelled.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from fieldwork.domain.score15 import (
    MEAN_TOTAL_AT_START_OF_THERAPY,
    MEAN_TOTAL_NON_CLINICAL,
    ScaleScore,
    Score15Change,
)
from fieldwork.storage.study_settings import reliable_change_settings
from fieldwork.ui.questionnaire.cards import wrapping_label
from fieldwork.ui.questionnaire.session import QuestionnaireSession
from fieldwork.ui.text_sizes import heading

LOWEST, HIGHEST = 15, 75


class TotalScaleBar(QWidget):
    """The 15–75 range with the reference lines 26 and 39 and the family's total(s)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total: float | None = None
        self.earlier: int | None = None
        self.setMinimumHeight(self.fontMetrics().height() * 6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_totals(self, total: float | None, earlier: int | None) -> None:
        self.total, self.earlier = total, earlier
        self.update()

    def _x(self, value: float, bar: QRectF) -> float:
        return bar.left() + (value - LOWEST) / (HIGHEST - LOWEST) * bar.width()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = self.fontMetrics().height()
        bar = QRectF(line, line * 2.2, self.width() - 2 * line, line * 1.2)
        painter.fillRect(bar, QColor("#e8edf3"))
        painter.setPen(QColor("#555"))
        painter.drawText(QRectF(bar.left() - line, bar.bottom() + 2, 3 * line, line),
                         Qt.AlignmentFlag.AlignLeft, str(LOWEST))
        painter.drawText(QRectF(bar.right() - 2 * line, bar.bottom() + 2, 3 * line, line),
                         Qt.AlignmentFlag.AlignRight, str(HIGHEST))
        references = ((MEAN_TOTAL_NON_CLINICAL, self.tr("non-clinical families {n}")),
                      (MEAN_TOTAL_AT_START_OF_THERAPY, self.tr("families starting therapy {n}")))
        for value, words in references:
            x = self._x(value, bar)
            painter.setPen(QPen(QColor("#444"), 2, Qt.PenStyle.DashLine))
            painter.drawLine(int(x), int(bar.top() - line * 0.4), int(x), int(bar.bottom() + 4))
            painter.drawText(QRectF(x - 8 * line, bar.top() - line * 1.6, 16 * line, line),
                             Qt.AlignmentFlag.AlignHCenter, words.format(n=value))
        for value, colour, words in ((self.earlier, "#8a8f98", self.tr("earlier wave")),
                                     (self.total, "#1f5fa8", self.tr("this wave"))):
            if value is None:
                continue
            x = self._x(value, bar)
            painter.setPen(QPen(QColor(colour), 5))
            painter.drawLine(int(x), int(bar.top()), int(x), int(bar.bottom()))
            painter.setPen(QColor(colour))
            painter.drawText(QRectF(x - 6 * line, bar.bottom() + line * 1.1, 12 * line, line),
                             Qt.AlignmentFlag.AlignHCenter, f"{words} {value:g}")
        painter.end()


class ResultsPanel(QWidget):
    """What the researcher sees once the items are done; refreshed from the database."""

    def __init__(self, session: QuestionnaireSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        self.title = heading(self.tr("Results"), 1.4)
        self.total = wrapping_label("", 1.5, bold=True)
        self.total.setObjectName("score15Total")
        self.prorated = wrapping_label("", 1.0)
        self.bar = TotalScaleBar()
        self.subscales = QGridLayout()
        self.change = wrapping_label("", 1.2, bold=True)
        self.change.setObjectName("score15Change")
        self.missing = wrapping_label("", 1.0)
        self.family = wrapping_label("", 1.0)
        self.family.setObjectName("countedAsFamily")
        layout.addWidget(self.title)
        layout.addWidget(self.family)
        layout.addWidget(self.total)
        layout.addWidget(self.prorated)
        layout.addWidget(self.bar)
        layout.addLayout(self.subscales)
        layout.addWidget(self.change)
        layout.addWidget(self.missing)
        layout.addStretch(1)

    def refresh(self) -> None:
        members = ", ".join(member.label for member in self.session.family_members)
        self.family.setText(self.tr("Counted as the family: {members}").format(members=members))
        self.family.setVisible(bool(members))
        if self.session.is_score15:
            self._show_score15()
        else:
            self._show_counts()

    def _show_counts(self) -> None:
        answers = self.session.answers
        answered = sum(1 for a in answers.values() if a.is_answered)
        declined = sum(1 for a in answers.values() if a.declined)
        waiting = len(self.session.items) - answered - declined
        self.title.setText(self.tr("All questions seen"))
        self.total.setText(self.tr("{a} answered, {d} declined, {w} not answered yet").format(
            a=answered, d=declined, w=waiting))
        for widget in (self.prorated, self.bar, self.change, self.missing):
            widget.hide()

    def _show_score15(self) -> None:
        store = self.session.answer_store
        result = store.score(self.session.interview_key, prorate=True)
        if result is None:
            self.total.setText(self.tr("No answers recorded yet."))
            return
        total = result.total
        if total.score is not None:
            self.total.setText(self.tr("Total {score} (from 15 to 75; higher means more "
                                       "difficulty)").format(score=total.score))
        else:
            self.total.setText(self.tr("No total: {n} of {of} items answered").format(
                n=total.answered_count, of=total.item_count))
        self.prorated.setVisible(total.is_prorated)
        if total.prorated_score is not None:
            self.prorated.setText(self.tr("Pro-rated estimate, not a full score: {v:.1f} "
                                          "(mean of the answered items × 15)").format(
                                              v=total.prorated_score))
        change = store.change_from_earlier_wave(self.session.interview_key)
        self.bar.show_totals(total.score if total.score is not None else None,
                             change[1].earlier_total if change else None)
        self._show_subscales(result.subscales)
        self.change.setVisible(change is not None)
        if change is not None:
            wave, found = change
            # Judged by the study's own threshold and cut-off (Study settings), with their source.
            self._show_change(wave, found.with_settings(reliable_change_settings(store.store)))
        notes = {
            self.tr("Declined"): result.declined,
            self.tr("Not yet asked"): result.not_yet_asked,
            self.tr("Interpreted orally"): self._flagged("interpreted_orally"),
            self.tr("Needed explanation"): self._flagged("needed_explanation"),
            self.tr("Respondent unsure"): self._flagged("respondent_unsure"),
        }
        lines = [self.tr("{what}: {items}").format(what=what, items=self._items(item_ids))
                 for what, item_ids in notes.items() if item_ids]
        lines += self._other_items(set(result.item_scores) | set(result.declined)
                                   | set(result.not_yet_asked))
        self.missing.setText("\n".join(lines))
        self.missing.setVisible(bool(lines))

    def _other_items(self, scored: set[str]) -> list[str]:
        """One line on the form's items asked beside the 15 (open questions, ratings): they are
        never in the score, so the notes above do not count them."""
        others = [pair.item.id for pair in self.session.items if pair.item.id not in scored]
        if not others:
            return []
        answers = [self.session.answers.get(item_id) for item_id in others]
        answered = sum(1 for a in answers if a is not None and a.is_answered)
        declined = sum(1 for a in answers if a is not None and a.declined)
        return [self.tr("Not scored, asked beside the 15 ({items}): {a} answered, {d} declined, "
                        "{w} not answered yet").format(
                            items=self._items(tuple(others)), a=answered, d=declined,
                            w=len(others) - answered - declined)]

    def _flagged(self, flag: str) -> tuple[str, ...]:
        return tuple(item_id for item_id, answer in self.session.answers.items() if answer.flag(flag))

    def _items(self, item_ids: tuple[str, ...]) -> str:
        numbers = sorted(self.session.english.item(item_id).number for item_id in item_ids)
        if len(numbers) == len(self.session.items):
            return self.tr("every item")
        if len(numbers) == 1:
            return self.tr("item {n}").format(n=numbers[0])
        return self.tr("items {list}").format(list=", ".join(map(str, numbers)))

    def _show_subscales(self, subscales: tuple[ScaleScore, ...]) -> None:
        while self.subscales.count():
            widget = self.subscales.takeAt(0).widget()
            if widget is not None:
                # Hidden at once: deleteLater waits for the event loop, and a refresh that
                # comes first would leave the old labels drawn over each other meanwhile.
                widget.hide()
                widget.deleteLater()
        for row, score in enumerate(subscales):
            label = self.session.english.subscale(score.id).label
            if score.score is not None:
                value = self.tr("{s} (from 5 to 25)").format(s=score.score)
            else:
                value = self.tr("no score: {n} of {of} answered").format(
                    n=score.answered_count, of=score.item_count)
                if score.prorated_score is not None:
                    value += self.tr("; pro-rated estimate {v:.1f}").format(v=score.prorated_score)
            self.subscales.addWidget(QLabel(label), row, 0)
            cell = QLabel(value)
            cell.setObjectName(f"subscale_{score.id}")
            self.subscales.addWidget(cell, row, 1)

    def _show_change(self, earlier_wave: int, change: Score15Change) -> None:
        directions = {"improved": self.tr("improved"), "worsened": self.tr("worsened"),
                      "unchanged": self.tr("unchanged")}
        text = self.tr("Change from wave {w}: {a} → {b}, {c:+d} points ({d}).").format(
            w=earlier_wave, a=change.earlier_total, b=change.later_total, c=change.change,
            d=directions[change.direction])
        settings = change.settings
        if change.is_reliable:
            text += " " + self.tr("Reliable change: at least {t:g} points.").format(t=settings.threshold)
            self.change.setStyleSheet("background: #fff1c2; padding: 6px;")
        else:
            text += " " + self.tr("Not a reliable change: below {t:g} points.").format(
                t=settings.threshold)
            self.change.setStyleSheet("")
        side = self.tr("above") if change.later_above_cutoff else self.tr("not above")
        text += " " + self.tr("The total is {side} the clinical cut-off of {c:g}{crossed}.").format(
            side=side, c=settings.clinical_cutoff,
            crossed=self.tr(", having crossed it") if change.crossed_cutoff else "")
        text += " " + self.tr("Source: {source}.").format(source=settings.source)
        self.change.setText(text)
