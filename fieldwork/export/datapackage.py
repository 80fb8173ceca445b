"""``datapackage.json``: the bundle's CSV files as a Frictionless Data Package.

Owns ``datapackage`` and ``write_datapackage``: one tabular resource per CSV file with its
Table Schema, written from the same ``FileSpec`` declarations as the files and
``codebook.csv`` (types, formats, allowed codes as enums with their labels as
``categories``, primary and foreign keys, the empty cell as the missing value). An analyst
loads typed columns from it (frictionless, R's frictionless package, or a few lines of
pandas: README.txt) instead of letting a reader guess "1.0" is a number. Qt-free.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldwork.export.columns import (
    CODE,
    DATE,
    FLAG,
    INTEGER,
    KEY,
    MISSING,
    NUMBER,
    Column,
    FileSpec,
)

DATAPACKAGE = "datapackage.json"
ENCODING = "utf-8-sig"


def resource_name(spec: FileSpec) -> str:
    """families.csv → families (Frictionless names: lower case, digits, - _ .)."""
    return spec.name.removesuffix(".csv")


def field(column: Column) -> dict[str, Any]:
    """One column's Table Schema field."""
    described: dict[str, Any] = {"name": column.name, "title": column.short_label(),
                                 "description": column.meaning}
    if column.type == INTEGER:
        described["type"] = "integer"
        if column.codes:  # a rating: its numbers, with the words the form puts at its ends
            described["constraints"] = {"enum": [int(code) for code in column.codes]}
            described["categories"] = [{"value": int(code), "label": label}
                                       for code, label in column.codes.items()]
    elif column.type == NUMBER:
        described["type"] = "number"
    elif column.type == DATE:
        described["type"] = "date"
    elif column.type == FLAG:
        described.update(type="integer", constraints={"enum": [0, 1]},
                         categories=[{"value": 0, "label": "no"}, {"value": 1, "label": "yes"}])
    else:
        described["type"] = "string"
        if column.type == KEY:
            described["format"] = "uuid"
        if column.type in (CODE, MISSING) and column.codes:
            described["constraints"] = {"enum": list(column.codes)}
            described["categories"] = [{"value": code, "label": label}
                                       for code, label in column.codes.items()]
    return described


def resource(spec: FileSpec, free_text: bool, names: bool) -> dict[str, Any]:
    """One CSV file as a tabular data resource."""
    columns = spec.included(free_text, names)
    written = {c.name for c in columns}
    schema: dict[str, Any] = {"fields": [field(c) for c in columns], "missingValues": [""]}
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    foreign = [{"fields": list(mine), "reference": {"resource": other.removesuffix(".csv"),
                                                    "fields": list(theirs)}}
               for mine, other, theirs in spec.foreign_keys if set(mine) <= written]
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": resource_name(spec), "path": spec.name, "profile": "tabular-data-resource",
        "title": spec.name, "description": f"One row per {spec.one_row_per}.",
        "format": "csv", "mediatype": "text/csv", "encoding": ENCODING,
        "dialect": {"delimiter": ",", "header": True}, "schema": schema,
    }


def datapackage(study: str, specs: tuple[FileSpec, ...], free_text: bool, names: bool) -> dict[str, Any]:
    """The descriptor of a bundle holding ``specs``' files."""
    return {
        "profile": "tabular-data-package",
        "name": "fieldwork-bundle",
        "title": f"fieldwork analysts' bundle: {study}",
        "description": "Every CSV file of the bundle with its columns' types, allowed codes and "
                       "labels, keys and joins (codebook.csv says the same in a table). An empty "
                       "cell is missing; a <name>_missing column says why a score or metric is "
                       "empty. The GraphML files (graphml/) are described in codebook.csv.",
        "resources": [resource(spec, free_text, names) for spec in specs],
    }


def write_datapackage(path: Path, study: str, specs: tuple[FileSpec, ...], free_text: bool,
                      names: bool) -> None:
    path.write_text(json.dumps(datapackage(study, specs, free_text, names), indent=1,
                               ensure_ascii=False) + "\n", encoding="utf-8")
