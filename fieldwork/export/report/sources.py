"""Where the report reads its rows from: a study file or an exported bundle.

Owns ``ReportSource`` (the bundle files the report needs, every value as the text the CSV
holds, so both ways in give the same report) and its two readers: ``source_from_study``
builds the rows with the bundle's own row functions (pseudonymised: no names, no free text)
without writing any file, and ``source_from_bundle`` reads a bundle's CSV files. Map
pictures come from the study (drawn with person codes) or from the bundle's ``maps/``
pictures when it was exported with them and is pseudonymised; families that withdrew
(from anything) are counted as the study's policy keeps them, but their maps are not
pictured. Qt-free.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.score15 import DEFAULT_RELIABLE_CHANGE, ReliableChangeSettings

REPORT_FILES = ("families.csv", "interviews.csv", "withdrawals.csv", "network_members.csv",
                "network_summary.csv", "network_changes.csv", "responses.csv",
                "score15_scores.csv", "recruitment_flow.csv")
Rows = list[dict[str, str]]


class ReportSourceError(FieldworkError):
    """The report cannot be made from what was given."""


@dataclass
class MapPicture:
    """One pseudonymised map picture: which map, and how to get its PNG bytes."""

    family_code: str
    wave: str
    png: Callable[[], bytes]


@dataclass
class ReportSource:
    study_name: str
    origin: str
    tables: dict[str, Rows]
    reliable_change: ReliableChangeSettings = DEFAULT_RELIABLE_CHANGE
    maps: list[MapPicture] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def rows(self, name: str) -> Rows:
        return self.tables[name]


def _text(value: Any) -> str:
    # What csv.writer writes for the value: the report reads both ways in as the CSV's text.
    return "" if value is None else str(value)


def _as_text(rows: list[dict[str, Any]]) -> Rows:
    return [{name: _text(value) for name, value in row.items()} for row in rows]


def source_from_study(db: Any, map_pictures: int = 4, origin: str = "the study file") -> ReportSource:
    """The report's rows from an open study database, pseudonymised, nothing written."""
    from fieldwork.export import answer_files, case_files, network_files
    from fieldwork.export.bundle import _load_instruments
    from fieldwork.export.flow_figure import flow_table
    from fieldwork.export.study_reader import Pseudonyms, read_study
    from fieldwork.storage.progress_store import progress_of

    data = read_study(db)
    codes = Pseudonyms(data, shift_dates=False)
    instruments = _load_instruments(db)
    scores, problems = answer_files.score15_rows(data, instruments, codes, False)
    tables = {
        "families.csv": case_files.family_rows(data, False),
        "interviews.csv": case_files.interview_rows(data, codes, False, False),
        "withdrawals.csv": case_files.withdrawal_rows(data, codes),
        "network_members.csv": network_files.member_rows(data, codes, False, False),
        "network_summary.csv": network_files.summary_rows(data, codes, {}, False),
        "network_changes.csv": network_files.change_rows(data, codes, False),
        "responses.csv": answer_files.response_rows(data, instruments, False),
        "score15_scores.csv": scores,
        "recruitment_flow.csv": flow_table(progress_of(db)),
    }
    pictures = []
    withdrawn = _withdrawn_families(tables["families.csv"])
    for key in [k for k in network_files.map_interviews(data)
                if data.interview_by_key[k]["family_key"] not in withdrawn][:max(map_pictures, 0)]:
        interview = data.interview_by_key[key]
        family = data.family_by_key[interview["family_key"]]
        shown = network_files.presented_map(data.maps[key].network, family["key"], codes,
                                            free_text=False, names=False)
        pictures.append(MapPicture(family["code"], str(interview["wave"]),
                                   lambda shown=shown: _draw_map(shown)))
    return ReportSource(str(data.study.get("name", "")), origin,
                        {name: _as_text(rows) for name, rows in tables.items()},
                        data.reliable_change, pictures, list(problems))


def _withdrawn_families(families: list[dict[str, Any]]) -> set[str]:
    # A family that withdrew (from anything) is counted in the tables as the study's policy
    # keeps its data, but its map is never shown as a picture of its own.
    return {str(f["family_key"]) for f in families if str(f["withdrawn"]) == "1"}


def _draw_map(network: Any) -> bytes:
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from fieldwork.export.map_picture import draw_map_figure

    figure = draw_map_figure(network)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80)
    return buffer.getvalue()


def read_csv_rows(path: Path) -> Rows:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def source_from_bundle(folder: Path, map_pictures: int = 4) -> ReportSource:
    """The report's rows from a bundle folder written by ``export``."""
    folder = Path(folder)
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise ReportSourceError(f"{folder} is not an exported bundle (no manifest.json).")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        raise ReportSourceError(f"{manifest_path} cannot be read ({error}).") from None
    missing = [name for name in REPORT_FILES if not (folder / name).is_file()]
    if missing:
        raise ReportSourceError(f"{folder} lacks {', '.join(missing)}; export the study again "
                                "with this version.")
    tables = {name: read_csv_rows(folder / name) for name in REPORT_FILES}
    scores = tables["score15_scores.csv"]
    reliable = DEFAULT_RELIABLE_CHANGE
    if scores and scores[0].get("reliable_change_threshold"):
        first = scores[0]
        reliable = ReliableChangeSettings(float(first["reliable_change_threshold"]),
                                          float(first["clinical_cutoff"]),
                                          first.get("reliable_change_source") or "the bundle")
    notes = list(manifest.get("notes", []))
    pictures: list[MapPicture] = []
    maps_folder = folder / "maps"
    if maps_folder.is_dir() and manifest.get("pseudonymised") is True:
        withdrawn = _withdrawn_families(tables["families.csv"])
        for summary in tables["network_summary.csv"]:
            if len(pictures) >= map_pictures:
                break
            if summary["family_key"] in withdrawn:
                continue
            picture = maps_folder / f"{Path(summary.get('graphml_file', '')).stem}.png"
            if picture.is_file():
                pictures.append(MapPicture(summary["family_code"], summary["wave"],
                                           lambda picture=picture: picture.read_bytes()))
    elif maps_folder.is_dir():
        notes.append("The bundle holds names or free text, so its map pictures are not shown.")
    else:
        notes.append("The bundle was exported without map pictures (export --maps), so none "
                     "are shown.")
    return ReportSource(str(manifest.get("study", "")), f"bundle {folder}", tables, reliable,
                        pictures, notes)
