"""Statistical disclosure control for the report: small counts hidden, and what would give
them away hidden too.

Owns ``Cell`` (one value of a report table: a label, a count, a total of counts, or a
statistic of a group), ``ReportTable`` and ``suppress``, which applies the rules to every
table of a report at once:

- primary: a count (totals included) from 1 to ``threshold − 1`` is shown as "<threshold";
  zero is shown as 0;
- secondary: a total is hidden (shown "x") when any count it adds up is suppressed or hidden,
  so no suppressed count can be recovered by subtraction; this is repeated until nothing
  changes, and a count that appears in several tables (the same ``key``) is hidden in all
  of them when it is hidden in one;
- statistics (mean, SD, median, range) of a group are shown only when the group has at
  least ``threshold`` members (its ``group`` key names the count of the group).

Qt-free, no matplotlib.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

HIDDEN = "x"
NOT_SHOWN_STAT = "n<{k}"
DEFAULT_THRESHOLD = 5


@dataclass
class Cell:
    """One value. ``kind``: 'label', 'count', 'total' (with ``parts``), 'stat' (with ``group``)."""

    value: float | int | str | None
    kind: str = "count"
    key: str = ""
    parts: tuple[str, ...] = ()
    group: str = ""
    digits: int = 1
    shown: str = ""
    suppressed: bool = False
    hidden: bool = False

    @property
    def withheld(self) -> bool:
        return self.suppressed or self.hidden


def label(text: str) -> Cell:
    return Cell(text, "label")


def count(value: int, key: str = "") -> Cell:
    return Cell(value, "count", key)


def total(value: int, parts: Iterable[str], key: str = "") -> Cell:
    return Cell(value, "total", key, tuple(parts))


def stat(value: float | str | None, group: str, digits: int = 1) -> Cell:
    return Cell(value, "stat", group=group, digits=digits)


@dataclass
class ReportTable:
    """A table as computed: a header, rows of cells, the evaluation's words it mirrors."""

    key: str
    title: str
    header: list[str]
    rows: list[list[Cell]]
    source: str = ""
    note: str = ""
    figure: str = ""  # the key of the figure drawn from it, if any
    extra: dict[str, object] = field(default_factory=dict)

    def cell(self, row_label: str, column: str) -> Cell:
        """The cell in the row whose first cell is ``row_label``, under ``column``."""
        index = self.header.index(column)
        for row in self.rows:
            if row[0].value == row_label:
                return row[index]
        raise KeyError(f"{self.key}: no row {row_label!r}")

    def row_labels(self) -> list[str]:
        return [str(row[0].value) for row in self.rows]


def _format(cell: Cell) -> str:
    value = cell.value
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return f"{value:.{cell.digits}f}"
    return str(value)


def suppress(tables: Sequence[ReportTable], threshold: int = DEFAULT_THRESHOLD) -> dict[str, Cell]:
    """Apply the rules (module docstring) to every cell; returns the counts by key."""
    if threshold < 1:
        raise ValueError("the suppression threshold is at least 1 (1 = nothing suppressed)")
    cells = [c for table in tables for row in table.rows for c in row]
    by_key: dict[str, list[Cell]] = {}
    for c in cells:
        if c.key:
            by_key.setdefault(c.key, []).append(c)
    for c in cells:
        c.suppressed = c.hidden = False
        if c.kind in ("count", "total") and isinstance(c.value, int) and 0 < c.value < threshold:
            c.suppressed = True
    for same in by_key.values():  # a count is the same number wherever it appears
        if any(c.suppressed for c in same):
            for c in same:
                c.suppressed = True
    withheld = {key for key, same in by_key.items() if any(c.withheld for c in same)}
    changed = True
    while changed:
        changed = False
        for c in cells:
            if c.kind == "total" and not c.withheld and withheld.intersection(c.parts):
                c.hidden = changed = True
                if c.key:
                    withheld.add(c.key)
                    for other in by_key[c.key]:
                        other.hidden = not other.suppressed
    group_sizes = {key: same[0].value for key, same in by_key.items()}
    for c in cells:
        if c.suppressed:
            c.shown = f"<{threshold}"
        elif c.hidden:
            c.shown = HIDDEN
        elif c.kind == "stat":
            size = group_sizes.get(c.group)
            # Any statistic of a small group is withheld, even an undefined one: an SD shown
            # as "–" would tell that the group has one member.
            if isinstance(size, int) and 0 < size < threshold:
                c.shown = NOT_SHOWN_STAT.format(k=threshold)
            else:
                c.shown = _format(c)
        else:
            c.shown = _format(c)
    return {key: same[0] for key, same in by_key.items()}


def shown_value(cells: dict[str, Cell], key: str) -> str:
    """What the report shows for the count ``key`` (for figures drawn from the tables)."""
    found = cells.get(key)
    return "" if found is None else found.shown
