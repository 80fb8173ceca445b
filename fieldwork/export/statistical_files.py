"""SPSS (.sav) and Stata (.dta) copies of the bundle's CSV files, written with pyreadstat.

Owns ``write_statistical_files``: each CSV, once written, is read back and written again as
``spss/<file>.sav`` and ``stata/<file>.dta`` from the same ``FileSpec``: variable labels
(``Column.short_label``), coded columns as numbers with value labels (numbers from
``columns.numeric_codes``: the declared order, never the data, so a code has the same
number in every export), flags as 0/1 labelled no/yes, dates as dates. A score or metric
with a ``<name>_missing`` column also carries its reason in the cell as a user-missing
value: in SPSS −1, −2, ... (declined, not_asked, ... in ``MISSING_REASONS`` order, declared
missing, labelled), in Stata the extended missing values .a, .b, ... in the same order.
pyreadstat needs pandas, imported only when these formats are asked for. Qt-free.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from fieldwork.domain.errors import FieldworkError
from fieldwork.export.columns import (
    DATE,
    FLAG,
    INTEGER,
    MISSING_REASONS,
    NUMBER,
    Column,
    FileSpec,
    numeric_codes,
)

FORMATS = ("csv", "sav", "dta")
FOLDERS = {"sav": "spss", "dta": "stata"}
REASON_NUMBER = {reason: n for n, reason in enumerate(MISSING_REASONS, 1)}
"""declined = 1, not_asked = 2, ...: −n in SPSS, the n-th letter (.a, .b, ...) in Stata."""
NUMERIC = (INTEGER, NUMBER, FLAG)


class StatisticalFilesUnavailable(FieldworkError):
    """pyreadstat (or pandas) is not installed, so .sav/.dta cannot be written."""


def _reason_columns(spec: FileSpec, names: set[str]) -> dict[str, str]:
    """Numeric column → its ``<name>_missing`` column, where both are written."""
    return {c.name: f"{c.name}_missing" for c in spec.columns
            if c.type in NUMERIC and f"{c.name}_missing" in names}


def _cell(column: Column, text: str, codes: dict[str, int]) -> Any:
    if text == "":
        return None
    if codes:
        if text not in codes:
            raise RuntimeError(f"{column.name}: '{text}' is not one of its declared codes.")
        # A labelled integer (a 1-10 rating) is a number like any other: beside Stata's
        # missing letters a Python int would make pyreadstat want int value labels.
        return float(codes[text]) if column.type == INTEGER else codes[text]
    if column.type in NUMERIC:
        return float(text)
    if column.type == DATE:
        return date.fromisoformat(text)
    return text


def _table(path: Path, spec: FileSpec, free_text: bool,
           names: bool) -> tuple[list[Column], dict[str, list[Any]]]:
    columns = list(spec.included(free_text, names))
    codes = {c.name: numeric_codes(c) for c in columns}
    values: dict[str, list[Any]] = {c.name: [] for c in columns}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header != [c.name for c in columns]:
            raise RuntimeError(f"{spec.name}: header differs from its declared columns.")
        for row in reader:
            for column, text in zip(columns, row, strict=True):
                values[column.name].append(_cell(column, text, codes[column.name]))
    return columns, values


def _labels(column: Column) -> dict[float, str]:
    return {float(n): (column.codes or {}).get(code, code) for code, n in numeric_codes(column).items()}


def write_statistical_files(folder: Path, specs: tuple[FileSpec, ...], formats: list[str],
                            free_text: bool, names: bool) -> list[str]:
    """Write each spec's CSV in ``folder`` as .sav and/or .dta; returns the paths written."""
    try:
        import pandas as pd
        import pyreadstat
    except ImportError as error:
        raise StatisticalFilesUnavailable(
            f"SPSS and Stata files need the pyreadstat and pandas packages ({error.name} is "
            "missing); export with --formats csv, or install them.") from None
    written = []
    for kind in formats:
        (folder / FOLDERS[kind]).mkdir(exist_ok=True)
    for spec in specs:
        columns, values = _table(folder / spec.name, spec, free_text, names)
        names_written = {c.name for c in columns}
        reasons = _reason_columns(spec, names_written)
        labels = {c.name: c.short_label() for c in columns}
        value_labels = {c.name: _labels(c) for c in columns if numeric_codes(c)}
        stem = spec.name.removesuffix(".csv")
        for kind in formats:
            frame: dict[str, Any] = {}
            missing: dict[str, Any] = {}
            kind_labels = {name: dict(found) for name, found in value_labels.items()}
            for column in columns:
                cells = values[column.name]
                if column.name in reasons:
                    why = values[reasons[column.name]]  # numbers of the reason codes
                    reason_of = {REASON_NUMBER[r]: r for r in MISSING_REASONS}
                    if kind == "sav":
                        cells = [(-float(w) if v is None and w is not None else v)
                                 for v, w in zip(cells, why, strict=True)]
                        missing[column.name] = [{"lo": -float(len(MISSING_REASONS)), "hi": -1.0}]
                        kind_labels.setdefault(column.name, {}).update(
                            {-float(n): MISSING_REASONS[r] for n, r in reason_of.items()})
                    else:
                        letters = {n: chr(ord("a") + n - 1) for n in reason_of}
                        cells = [(letters[int(w)] if v is None and w is not None else v)
                                 for v, w in zip(cells, why, strict=True)]
                        missing[column.name] = list(letters.values())
                        kind_labels.setdefault(column.name, {}).update(
                            {letters[n]: MISSING_REASONS[r] for n, r in reason_of.items()})
                frame[column.name] = _series(pd, column, cells, kind)
            data = pd.DataFrame(frame)
            target = folder / FOLDERS[kind] / f"{stem}.{kind}"
            if kind == "sav":
                pyreadstat.write_sav(data, str(target), file_label=spec.one_row_per[:64],
                                     column_labels=labels, variable_value_labels=kind_labels,
                                     missing_ranges=missing or None)
            else:
                pyreadstat.write_dta(data, str(target), file_label=spec.one_row_per[:80],
                                     column_labels=labels, variable_value_labels=kind_labels,
                                     missing_user_values=missing or None)
            written.append(target.relative_to(folder).as_posix())
    return written


def _series(pd: Any, column: Column, cells: list[Any], kind: str) -> Any:
    """A column for pyreadstat: numbers as float64 (NaN = empty), dates as dates, text as
    text (empty string for an empty cell: neither SPSS nor Stata has missing text)."""
    if numeric_codes(column) or column.type in NUMERIC:
        if any(isinstance(v, str) for v in cells):  # Stata's .a, .b, ... letters
            return pd.Series(cells, dtype=object)
        return pd.Series([float("nan") if v is None else v for v in cells], dtype="float64")
    if column.type == DATE:
        return pd.Series(cells, dtype=object)
    return pd.Series(["" if v is None else v for v in cells], dtype=object)
