"""The analysts' bundle: a folder (and optionally a .zip) of CSVs, codebook, datapackage.json,
GraphML, manifest, and SPSS/Stata copies of the CSVs when asked.

Owns ``ExportOptions``, ``write_bundle`` and the rules of the folder: it is written beside
the chosen folder under a temporary name and renamed into place only when complete, so a
failed export leaves nothing behind and an existing bundle is never mixed with a new
one. The bundle holds families' data, so its files and the .zip are owner-only (0600,
folders 0700) on POSIX, like the study itself. CSVs are UTF-8 with a byte-order mark
(``utf-8-sig``: Excel then reads Arabic, Polish or Somali names correctly; pandas, R and
Stata read it too), one header row, ISO dates, empty cell = missing, written with the
``csv`` module, a block of families at a time (``bundle_tables``). Qt-free.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from json.encoder import encode_basestring as encode_text
from pathlib import Path
from typing import Any

import sqlite_utils

import fieldwork
from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.instrument_files import INSTRUMENTS_KIND
from fieldwork.domain.instruments import Instrument
from fieldwork.domain.resource_library import load_resource_library
from fieldwork.export import fieldwork_files, network_files
from fieldwork.export.block_files import Reader
from fieldwork.export.bundle_tables import write_tables
from fieldwork.export.columns import CODEBOOK, FileSpec, codebook_rows
from fieldwork.export.csv_tables import CsvTable
from fieldwork.export.datapackage import DATAPACKAGE, write_datapackage
from fieldwork.export.network_columns import GRAPHML
from fieldwork.export.statistical_files import FORMATS, write_statistical_files
from fieldwork.export.study_reader import Pseudonyms, StudyData, read_outline
from fieldwork.storage.private_files import create_private, make_private_tree
from fieldwork.storage.study_resources import resources_folder_in

ENCODING = "utf-8-sig"
ENCODING_NOTE = (
    "UTF-8 with a byte-order mark (utf-8-sig), so Excel shows Arabic, Polish and Somali text "
    "correctly; pandas: read_csv(path, encoding='utf-8-sig'); R: readr::read_csv or "
    "read.csv(fileEncoding='UTF-8-BOM'); Stata: import delimited, encoding(utf-8)."
)
BUNDLE_FORMAT = 1

Progress = Callable[[int, int, str], None]
"""Called as (steps done, steps in all, what is being written)."""


class ExportError(FieldworkError):
    """The bundle cannot be written where asked; nothing was written."""


@dataclass(frozen=True)
class ExportOptions:
    """What the analyst asked for; the defaults give a pseudonymised bundle."""

    include_free_text: bool = False
    include_names: bool = False
    shift_dates: bool = False
    maps: bool = False
    zip: bool = False
    formats: tuple[str, ...] = ("csv",)
    """csv always; sav (SPSS) and dta (Stata) beside it when asked."""


@dataclass
class ExportResult:
    folder: Path
    zip_path: Path | None
    row_counts: dict[str, int]
    files: list[str]
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """A few lines for the command line and the dialog."""
        lines = [f"Wrote {len(self.files)} files to {self.folder}"
                 + (f" and {self.zip_path}" if self.zip_path else "") + "."]
        lines += [f"  {name}: {n} {'files' if name.endswith('/') else 'rows'}"
                  for name, n in self.row_counts.items()]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)


def check_destination(out: Path, options: ExportOptions) -> None:
    """Refuse a destination that is a file, a folder already in use, or under no folder,
    and formats this export cannot write."""
    unknown = sorted(set(options.formats) - set(FORMATS))
    if unknown or "csv" not in options.formats:
        raise ExportError(f"Unknown export format '{', '.join(unknown) or ','.join(options.formats)}': "
                          f"the formats are {', '.join(FORMATS)}, csv always included "
                          "(e.g. --formats csv,sav,dta).")
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file; give a folder to write the bundle to.")
    if out.is_dir() and any(out.iterdir()):
        raise ExportError(f"{out} is not empty; choose a new folder so an older bundle is "
                          "never mixed with this one.")
    if not out.parent.is_dir():
        raise ExportError(f"The folder {out.parent} does not exist.")
    if options.zip and out.with_name(out.name + ".zip").exists():
        raise ExportError(f"{out.name}.zip already exists in {out.parent}; move it away first.")


def write_csv(path: Path, spec: FileSpec, rows: Iterable[dict[str, Any]],
              options: ExportOptions) -> int:
    """Write ``rows`` under the declared header; a row with other columns is a bug, refused."""
    with CsvTable(path, spec, options.include_free_text, options.include_names) as table:
        table.write(rows)
    return table.count


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _load_instruments(db: sqlite_utils.Database) -> list[Instrument]:
    return _instruments_and_problems(db)[0]


def _instruments_and_problems(db: sqlite_utils.Database) -> tuple[list[Instrument], list[str]]:
    # The study's own instruments too: its answers may be to a questionnaire the app does not
    # ship, or to items it added (SCORE-15's ratings from its copy of the form). A folder
    # missing on this laptop, or a file of it that cannot be used, is said in the manifest:
    # the codebook would otherwise lack the study's wording without a word.
    library = load_resource_library(None, resources_folder_in(db), kinds=[INSTRUMENTS_KIND])
    problems = [f"The study's own questionnaire files could not all be read, so answers to their "
                f"items are described without their wording: {error}"
                for error in library.errors_of(INSTRUMENTS_KIND)]
    return library.instruments, problems


def write_bundle(db: sqlite_utils.Database, out: Path | str, options: ExportOptions = ExportOptions(),
                 progress: Progress | None = None, *,
                 instruments: list[Instrument] | None = None, reader: Reader | None = None,
                 workers: int | None = None) -> ExportResult:
    """Write the bundle of the study in ``db`` to the new folder ``out``.

    ``reader`` opens the study again: with it, on Linux, the families are written by worker
    processes (``workers``, or one per processor), each with its own connection
    (``block_files``); the bundle is the same either way."""
    out = Path(out)
    check_destination(out, options)
    tell = progress or (lambda done, total, what: None)
    data = read_outline(db)
    loading_notes: list[str] = []
    if instruments is None:
        instruments, loading_notes = _instruments_and_problems(db)
    codes = Pseudonyms(data, options.shift_dates)
    # An export cut off by a crash leaves its hidden staging folder; clear those first.
    for stale in out.parent.glob(f".{out.name}.partial-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        result = _write_all(db, data, instruments, codes, staging, options, tell, loading_notes,
                            reader, workers)
        make_private_tree(staging)  # before it gets its name: never readable by others
        if out.is_dir():
            out.rmdir()
        os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.folder = out
    if options.zip:
        result.zip_path = _zip(out)
    return result


def _write_all(db: sqlite_utils.Database, outline: StudyData, instruments: list[Instrument],
               codes: Pseudonyms, folder: Path, options: ExportOptions,
               tell: Progress, first_notes: Iterable[str] = (), reader: Reader | None = None,
               workers: int | None = None) -> ExportResult:
    free, names = options.include_free_text, options.include_names
    notes: list[str] = list(first_notes)
    (folder / "graphml").mkdir()
    pictures = _Pictures(folder, options, notes) if options.maps else None
    written = write_tables(db, outline, instruments, codes, folder, free, names, notes, tell,
                           steps_after=3, pictures=pictures, reader=reader, workers=workers)
    specs, counts, steps = written.specs, written.counts, written.steps
    if options.maps:  # pictures were asked for: the recruitment flow diagram too
        fieldwork_files.write_flow_picture(db, outline, folder)
    tell(steps, steps + 3, CODEBOOK.name)
    described = (*specs, GRAPHML)
    with CsvTable(folder / CODEBOOK.name, CODEBOOK, free, names) as table:
        table.write(codebook_rows(described, free, names))
    counts[CODEBOOK.name] = table.count
    tell(steps + 1, steps + 3, DATAPACKAGE)
    write_datapackage(folder / DATAPACKAGE, outline.study.get("name", ""), (*specs, CODEBOOK),
                      free, names)
    statistical = [f for f in options.formats if f != "csv"]
    if statistical:
        tell(steps + 2, steps + 3, " and ".join(f".{f}" for f in statistical))
        write_statistical_files(folder, (*specs, CODEBOOK), statistical, free, names)
    tell(steps + 3, steps + 3, "manifest.json")
    _readme(folder, outline, (*described, CODEBOOK), options, counts)
    files = _manifest(db, outline, folder, options, counts, notes, written.hashed)
    tell(steps + 3, steps + 3, "done")
    return ExportResult(folder, None, counts, files, notes)


class _Pictures:
    """The map pictures of an export, drawn block by block into maps/."""

    def __init__(self, folder: Path, options: ExportOptions, notes: list[str]) -> None:
        self.folder, self.options = folder, options
        try:  # owned by the map picture's own work; an export without it still succeeds
            self.module = importlib.import_module("fieldwork.export.map_picture")
        except ImportError:
            self.module = None
            notes.append("Map pictures were asked for, but this version cannot draw them "
                         "(fieldwork.export.map_picture is missing); maps/ was not written.")
            return
        (folder / "maps").mkdir()

    def draw(self, block: StudyData, codes: Pseudonyms, files: dict[str, str]) -> None:
        if self.module is None:
            return
        for key, graphml_name in files.items():
            interview = block.interview_by_key[key]
            shown = network_files.presented_map(block.maps[key].network, interview["family_key"], codes,
                                                self.options.include_free_text, self.options.include_names)
            self.module.save_map_picture(shown, self.folder / f"maps/{Path(graphml_name).stem}.png")


def _readme(folder: Path, data: StudyData, specs: tuple[FileSpec, ...], options: ExportOptions,
            counts: dict[str, int]) -> None:
    """README.txt: what an analyst opening the folder needs first."""
    lines = [f"fieldwork analysts' bundle: {data.study.get('name', '')}", "",
             "Files (every column and code is described in codebook.csv):"]
    for spec in specs:
        rows = counts.get(spec.name, counts.get("graphml/"))
        lines.append(f"  {spec.name:<22} one row per {spec.one_row_per} ({rows})")
    lines += [
        "", "Joining: family_key is in every file; interview_key in every interview-level "
        "file; person_key in network_members.csv, network_ties.csv and as the GraphML node "
        "id; administration_key joins responses.csv and score15_scores.csv; consent_key joins "
        "consent.csv (each statement's answer) and consent_components.csv (each component the "
        "form declared, with the answer to it). Keys are UUIDs "
        "that stay the same in every export; the codes beside them (F001, P001, R01, I01) "
        "are for reading. Person codes are per family: P001 in F001 is not P001 in F002.",
        "", "Values: raw codes (labels in codebook.csv); 0/1 for yes/no; an empty cell is "
        "missing; dates are ISO (YYYY-MM-DD)" + (", each family's moved by its own random "
        "number of days (intervals within a family are kept)" if options.shift_dates else "")
        + ".",
        "", "SCORE-15: responses.csv holds the answers as given (1-5); score15_scores.csv "
        "the scores (items 2, 4, 5, 7, 8, 9, 11, 12, 13, 14 scored 6 - answer; higher = "
        "more difficulty). A total is given only when all items were answered; pro-rated "
        "values are only in the *_prorated columns. score15_wide.csv puts the 15 answers side "
        "by side, then the form's open questions and ratings (item_16 on: never scored; their "
        "wording, and whether it is the study's own, in codebook.csv).",
        "", "Missing values: an empty cell is missing. Where a score or metric can be empty, "
        "its <name>_missing column says why (declined, not_asked, not_answered, "
        "not_applicable, withdrawn, not_scored, not_rated; codebook.csv).",
        "", "Types: datapackage.json (Frictionless Data Package) declares every column's type, "
        "codes with labels, and keys. Read the CSVs typed with frictionless, R's frictionless "
        "package, or pandas: dtype {integer: 'Int64', number: 'Float64', string: 'string'} "
        "per field and keep_default_na=False, na_values=[''] (so version '1.0' stays text and "
        "whole numbers with gaps stay whole).",
        "", "SPSS/Stata (export --formats csv,sav,dta): spss/*.sav and stata/*.dta hold the same "
        "rows with variable labels; coded columns are numbers with value labels (the numbers "
        "are in codebook.csv spss_stata_codes and are the same in every export); a score's "
        "missing reason is a user-missing value (SPSS -1 declined, -2 not_asked, ...; Stata "
        ".a, .b, ... in the same order).",
        "", "Encoding: " + ENCODING_NOTE,
        "", ("Pseudonymised: names are replaced by codes and free text is left out."
             if not (options.include_names or options.include_free_text) else
             "NOT pseudonymised: this bundle holds names and/or free text that can identify "
             "people. Keep it encrypted and share it only as the study's data agreement allows."),
        "", "Families erased after withdrawing appear only in withdrawals.csv.",
        "manifest.json lists every file with its SHA-256, the options used and the versions.",
    ]
    (folder / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _manifest(db: sqlite_utils.Database, data: StudyData, folder: Path, options: ExportOptions,
              counts: dict[str, int], notes: list[str], known: dict[str, tuple[int, str]]) -> list[str]:
    """manifest.json; ``known``: (bytes, SHA-256) of files whose writer hashed them already."""
    files = files_in(folder)
    listed = []
    for name in files:
        size, digest = known.get(name) or ((folder / name).stat().st_size, _sha256(folder / name))
        listed.append({"path": name, "bytes": size, "sha256": digest, "rows": counts.get(name)})
    schema_version = db.execute("PRAGMA user_version").fetchone()[0]
    manifest = {
        "bundle": "fieldwork analysts' bundle", "bundle_format": BUNDLE_FORMAT,
        "app": "fieldwork", "app_version": fieldwork.__version__, "schema_version": schema_version,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "study": data.study.get("name", ""),
        "options": {**asdict(options), "dates": "shifted" if options.shift_dates else "as recorded"},
        "pseudonymised": not (options.include_names or options.include_free_text),
        "csv": {"encoding": ENCODING, "encoding_note": ENCODING_NOTE, "delimiter": ",",
                "header_rows": 1, "missing": "empty cell; why a score or metric is empty: its "
                "<name>_missing column", "types": "datapackage.json (Frictionless Table Schemas)",
                "dates": "ISO 8601, YYYY-MM-DD",
                "codes": "raw codes in the data; labels in codebook.csv"},
        "row_counts": counts,
        "files": listed,
        "notes": notes,
    }
    (folder / "manifest.json").write_text(manifest_text(manifest), encoding="utf-8")
    return files + ["manifest.json"]


def files_in(folder: Path) -> list[str]:
    """Every file under ``folder``, its path relative to it with '/' between folders, sorted:
    one ``scandir`` per folder (``rglob`` and a ``stat`` per file took 0.4 s of a
    10,000-map export). Folders reached through a symbolic link are not walked."""
    found: list[str] = []

    def walk(path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file():
                    found.append(prefix + entry.name)

    walk(os.fspath(folder), "")
    return sorted(found)


_FILES_HERE = "\0files\0"


def manifest_text(manifest: dict[str, Any]) -> str:
    """``json.dumps(manifest, indent=2, ensure_ascii=False)`` and a newline, its ``files``
    (a dict of path, bytes, sha256 and rows per file) written entry by entry: with an
    indent, json writes in Python, and the 10,000 entries of a large study took it a
    quarter of a second. The text is the same (the tests compare)."""
    entries = manifest["files"]
    text = json.dumps({**manifest, "files": _FILES_HERE}, indent=2, ensure_ascii=False)
    if not entries:
        return text.replace(json.dumps(_FILES_HERE), "[]") + "\n"
    encode = json.JSONEncoder(ensure_ascii=False).encode
    listed = ",\n".join(_entry_text(entry, encode) for entry in entries)
    return text.replace(json.dumps(_FILES_HERE), "[\n" + listed + "\n  ]") + "\n"


_ENTRY_KEYS = ("path", "bytes", "sha256", "rows")
_ENTRY = '    {\n      "path": %s,\n      "bytes": %d,\n      "sha256": %s,\n      "rows": %s\n    }'


def _entry_text(entry: dict[str, Any], encode: Callable[[Any], str]) -> str:
    """One entry of the manifest's file list as json writes it: an entry of the usual shape
    (text path and hash, whole bytes, whole or no rows) by one template, its texts escaped
    as json escapes them; any other, value by value."""
    if tuple(entry) == _ENTRY_KEYS:
        path, size, digest, rows = entry.values()
        if type(path) is str and type(size) is int and type(digest) is str and (rows is None or type(rows) is int):
            return _ENTRY % (encode_text(path), size, encode_text(digest), "null" if rows is None else rows)
    return "    {\n" + ",\n".join(f"      {encode(name)}: {encode(value)}" for name, value in entry.items()) + "\n    }"


def _zip(folder: Path) -> Path:
    target = folder.with_name(folder.name + ".zip")
    partial = folder.with_name(f".{folder.name}.zip.partial")
    try:
        # Owner-only from the first byte; a partial file of a killed export is emptied.
        with os.fdopen(create_private(partial, replace=True), "wb") as raw, \
                zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
