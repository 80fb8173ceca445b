"""The whole study read out of the database in a few bulk queries, for one export.

Owns ``StudyData`` (every table the bundle is written from, as plain rows, with each
interview's ``NetworkMap`` rebuilt and checked by the model) and ``Pseudonyms`` (the
readable codes written beside the keys: person codes per family, researcher and
interpreter codes, and the per-family date shift). An export reads the study's outline
once (``read_outline``: families, interviews, withdrawals, no maps or answers) for the
codes, then the full records a block of families at a time (``read_study`` with
``family_keys``, ``family_blocks``): a handful of queries per block, and memory that does
not grow with the study. Qt-free.
"""

from __future__ import annotations

import contextlib
import json
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Any

import sqlite_utils

from fieldwork.domain.map_geometry import MapSettings
from fieldwork.domain.map_people import Person
from fieldwork.domain.network_map import NetworkMap
from fieldwork.domain.network_map_io import add_checked_person
from fieldwork.domain.score15 import DEFAULT_RELIABLE_CHANGE, ReliableChangeSettings
from fieldwork.storage.map_store import PERSON_COLUMNS, person_from_values
from fieldwork.storage.study_settings import RELIABLE_CHANGE

Row = dict[str, Any]


def tie_triples(network: NetworkMap) -> list[tuple[str, str, Any]]:
    """``(a, b, closeness)`` of ``network.ties()`` in the same order, a < b, without
    building a ``Tie`` per tie (the export reads every map's ties several times)."""
    out = []
    seen: set[str] = set()
    # networkx's own EdgeView walk: each node's neighbours, skipping nodes already walked.
    for node, neighbours in network._graph._adj.items():  # noqa: SLF001 - see docstring
        for other, data in neighbours.items():
            if other not in seen:
                out.append((other, node, data.get("closeness")) if other < node
                           else (node, other, data.get("closeness")))
        seen.add(node)
    return out


@dataclass
class StoredNetwork:
    """One interview's map: its stored head row (judgements, settings) and the model.

    An export never changes a map it read, and asks each one for its people and its ties
    several times (codes, GraphML, members, ties, metrics): ``people`` and ``ties`` walk
    the map once each and keep what they found."""

    head: Row
    network: NetworkMap
    _people: list[Person] | None = field(default=None, repr=False, compare=False)
    _ties: list[tuple[str, str, Any]] | None = field(default=None, repr=False, compare=False)

    def people(self) -> list[Person]:
        """``network.people()``, walked once."""
        if self._people is None:
            self._people = self.network.people()
        return self._people

    def ties(self) -> list[tuple[str, str, Any]]:
        """``tie_triples(network)``: (a, b, closeness), a < b, walked once."""
        if self._ties is None:
            self._ties = tie_triples(self.network)
        return self._ties


@dataclass
class StudyData:
    study: Row
    researchers: list[Row]
    families: list[Row]
    interviews: list[Row]
    consent_records: list[Row]
    consent_answers: dict[str, list[Row]]
    withdrawals: list[Row]
    maps: dict[str, StoredNetwork]
    administrations: list[Row]
    answers: dict[str, list[Row]]
    reliable_change: ReliableChangeSettings = DEFAULT_RELIABLE_CHANGE
    family_by_key: dict[str, Row] = field(default_factory=dict)
    interview_by_key: dict[str, Row] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.family_by_key = {f["key"]: f for f in self.families}
        self.interview_by_key = {i["key"]: i for i in self.interviews}


def _rows(db: sqlite_utils.Database, sql: str, params: Sequence[str] = ()) -> list[Row]:
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


class _Filter:
    """The WHERE clauses that restrict each table to some families ('' and no parameters
    for the whole study)."""

    def __init__(self, family_keys: Sequence[str] | None) -> None:
        self.keys = list(family_keys or [])
        self.on = family_keys is not None
        marks = ", ".join("?" * len(self.keys))
        self.families = f"family_key IN ({marks})"
        self.family_table = f"key IN ({marks})"
        self.interviews = f"interview_key IN (SELECT key FROM interviews WHERE {self.families})"

    def where(self, clause: str, joined: str = "WHERE") -> tuple[str, list[str]]:
        return (f" {joined} {clause}", self.keys) if self.on else ("", [])


@lru_cache(maxsize=64)
def _settings(stored: str) -> MapSettings:
    """A map's settings from their stored JSON (a study's maps share a few: read once each)."""
    return MapSettings.from_dict(json.loads(stored))


_POSITION = itemgetter(1)


def _maps(db: sqlite_utils.Database, check: bool = False,
          only: _Filter | None = None) -> dict[str, StoredNetwork]:
    only = only or _Filter(None)
    where, params = only.where(only.interviews)
    # Plain values, not a dict per row: 70,000 people and ties for 1,000 maps. In the
    # primary key's order, each map's people then put in map order here: SQLite sorting
    # every row by position took a fifth of the query.
    people: dict[str, list[Sequence[Any]]] = defaultdict(list)
    for values in db.execute(f"SELECT interview_key, position, {', '.join(PERSON_COLUMNS)} FROM map_people"
                             f"{where} ORDER BY interview_key, person_key", params).fetchall():
        people[values[0]].append(values)
    for rows in people.values():
        rows.sort(key=_POSITION)  # stable: by position, then person key
    ties: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for values in db.execute(f"SELECT interview_key, person_a, person_b, closeness FROM map_ties{where} "
                             "ORDER BY interview_key, person_a, person_b", params).fetchall():
        ties[values[0]].append(values[1:])
    maps = {}
    for head in _rows(db, f"SELECT * FROM network_maps{where}", params):
        key = head["interview_key"]
        network = NetworkMap(head["centre_label"], centre_role=head["centre_role"],
                             centre_key=head["centre_key"], ties_meaning=head["ties_meaning"],
                             settings=_settings(head["settings"]))
        if check:
            for values in people[key]:
                add_checked_person(network, person_from_values(values[2:]))
            for a, b, closeness in ties[key]:
                network.add_tie(a, b, closeness)
        else:
            # The map store checked every person and tie when it wrote them; going through
            # the model's checks again cost over a second for 1,000 maps.
            network.fill_as_stored((person_from_values(values[2:]) for values in people[key]), ties[key])
        maps[key] = StoredNetwork(head, network)
    return maps


def _grouped(rows: list[Row], key: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return dict(grouped)


_CONSENT_RECORDS = ("SELECT key, interview_key, form_id, form_version, language, how_given, "
                    "signature_strokes IS NOT NULL AND signature_strokes != '[]' AS signed, "
                    "interpreter_present, interpreter_confirmation, researcher_confirmation, "
                    "confirmed_at, replaces FROM consent_records")


def read_study(db: sqlite_utils.Database, family_keys: Sequence[str] | None = None) -> StudyData:
    """Everything an export needs, ordered so that codes come out the same every time; with
    ``family_keys``, only those families' records (their withdrawals included).

    Read as one snapshot (a read transaction): a save the app makes while an export runs
    is in all of a family's records or in none, never in its map and not its interview."""
    db.execute("SAVEPOINT read_study")  # a transaction of its own, or a part of the caller's
    try:
        data = _read_study(db, family_keys)
    except BaseException:
        with contextlib.suppress(Exception):  # the read's own error is the one to tell
            db.execute("RELEASE read_study")
        raise
    db.execute("RELEASE read_study")
    return data


def _read_study(db: sqlite_utils.Database, family_keys: Sequence[str] | None) -> StudyData:
    only = _Filter(family_keys)
    study = _rows(db, "SELECT * FROM study LIMIT 1")
    by_family, params = only.where(only.families)
    by_interview, _params = only.where(only.interviews)
    administrations = f"SELECT key FROM instrument_administrations{by_interview}"
    records = f"SELECT key FROM consent_records{by_interview}"
    return StudyData(
        study=study[0] if study else {},
        researchers=_rows(db, "SELECT * FROM researchers ORDER BY created_at, key"),
        families=_rows(db, f"SELECT * FROM families{only.where(only.family_table)[0]} ORDER BY code",
                       params),
        interviews=_rows(db, "SELECT i.* FROM interviews i JOIN families f ON f.key = i.family_key"
                             f"{only.where('i.' + only.families)[0]} ORDER BY f.code, i.wave, "
                             "i.created_at, i.key", params),
        consent_records=_rows(db, f"{_CONSENT_RECORDS}{by_interview} ORDER BY interview_key, "
                                  "confirmed_at, rowid", params),
        consent_answers=_grouped(_rows(db, "SELECT * FROM consent_answers" + (
            f" WHERE record_key IN ({records})" if only.on else "") + " ORDER BY record_key, rowid",
            params), "record_key"),
        withdrawals=_rows(db, f"SELECT * FROM withdrawals{by_family} ORDER BY family_code, "
                              "withdrawn_on, recorded_at, key", params),
        maps=_maps(db, only=only),
        administrations=_rows(db, f"SELECT * FROM instrument_administrations{by_interview} ORDER BY "
                                  "interview_key, instrument_id", params),
        answers=_grouped(_rows(db, "SELECT * FROM instrument_answers" + (
            f" WHERE administration_key IN ({administrations})" if only.on else "")
            + " ORDER BY administration_key, item_id", params), "administration_key"),
        reliable_change=_reliable_change(db),
    )


def read_outline(db: sqlite_utils.Database) -> StudyData:
    """The whole study without maps, consent statements or answers: what the codes, the
    fieldwork files and withdrawals.csv need (small even for thousands of interviews)."""
    study = _rows(db, "SELECT * FROM study LIMIT 1")
    return StudyData(
        study=study[0] if study else {},
        researchers=_rows(db, "SELECT * FROM researchers ORDER BY created_at, key"),
        families=_rows(db, "SELECT key, code, site FROM families ORDER BY code"),
        interviews=_rows(db, "SELECT i.key, i.family_key, i.wave, i.interpreter FROM interviews i "
                             "JOIN families f ON f.key = i.family_key ORDER BY f.code, i.wave, "
                             "i.created_at, i.key"),
        # Who confirmed each consent, in the order consent.csv lists them, so that a name
        # not among the study's researchers or interpreters has its code before any block
        # of families is written (blocks may be written at once, in worker processes).
        consent_records=_rows(db, "SELECT c.interpreter_confirmation, c.researcher_confirmation "
                                  "FROM consent_records c JOIN interviews i ON i.key = c.interview_key "
                                  "JOIN families f ON f.key = i.family_key ORDER BY f.code, i.wave, "
                                  "i.created_at, i.key, c.confirmed_at, c.rowid"),
        consent_answers={}, maps={}, administrations=[], answers={},
        withdrawals=_rows(db, "SELECT * FROM withdrawals ORDER BY family_code, withdrawn_on, "
                              "recorded_at, key"),
        reliable_change=_reliable_change(db),
    )


def family_blocks(outline: StudyData, size: int = 100, tail: int = 0) -> Iterator[list[str]]:
    """The study's family keys in bundle order (by code), ``size`` at a time; the last
    ``tail`` families a quarter of ``size`` at a time (at least one)."""
    keys = [f["key"] for f in outline.families]
    head = max(0, len(keys) - tail)
    for start in range(0, head, size):
        yield keys[start:min(start + size, head)]
    small = max(1, size // 4)
    for start in range(head, len(keys), small):
        yield keys[start:start + small]


def sector_codes(db: sqlite_utils.Database) -> list[str]:
    """Every sector code of the study's maps in map order (as ``network_files.sector_codes``
    finds them in loaded maps), read from the maps' settings alone."""
    found: list[str] = []
    seen: set[str] = set()
    for (settings,) in db.execute("SELECT settings FROM network_maps").fetchall():
        if settings in seen:
            continue
        seen.add(settings)
        for code in MapSettings.from_dict(json.loads(settings)).sector_codes:
            if code not in found:
                found.append(code)
    return found


def _reliable_change(db: sqlite_utils.Database) -> ReliableChangeSettings:
    """The study's reliable change rule (study_settings), the published default until set."""
    rows = _rows(db, f"SELECT value FROM study_settings WHERE name = '{RELIABLE_CHANGE}'")
    if not rows:
        return DEFAULT_RELIABLE_CHANGE
    return ReliableChangeSettings.from_dict(json.loads(rows[0]["value"]))


class Pseudonyms:
    """The readable codes of one export, and the date shift.

    Person codes: P001, P002, ... per family, in the order the family first named people
    (its maps by wave, the centre first, then people in the order they were added), so a
    person keeps their code across waves and, as long as the data do not change, across
    exports. Researcher codes follow the order researchers were added to the study;
    interpreter codes the order interpreters first appear (by family code and wave).
    """

    def __init__(self, data: StudyData, shift_dates: bool, seed: int | None = None) -> None:
        self.person: dict[tuple[str, str], str] = {}
        self._counters: dict[str, int] = defaultdict(int)
        self.add_people(data)
        self.researcher_by_key = {r["key"]: f"R{n:02d}" for n, r in enumerate(data.researchers, 1)}
        self._researcher_by_name = {r["name"].strip(): self.researcher_by_key[r["key"]]
                                    for r in data.researchers}
        self._interpreters: dict[str, str] = {}
        for interview in data.interviews:
            self.interpreter(interview["interpreter"])
        for record in data.consent_records:
            self.interpreter(record["interpreter_confirmation"])
            self.researcher(record.get("researcher_confirmation"))
        rng = random.Random(seed) if seed is not None else random.SystemRandom()
        self._shift: dict[str, int] = {}
        if shift_dates:
            family_keys = sorted({f["key"] for f in data.families}
                                 | {w["family_key"] for w in data.withdrawals})
            for key in family_keys:
                self._shift[key] = rng.choice([-1, 1]) * rng.randint(30, 365)

    def add_people(self, data: StudyData) -> None:
        """Give codes to the people on the maps in ``data`` (a block of whole families: a
        family's codes depend only on its own maps)."""
        for interview in data.interviews:
            stored = data.maps.get(interview["key"])
            if stored is None:
                continue
            family = interview["family_key"]
            keys = [stored.network.centre.key] + [p.key for p in stored.people()]
            for key in keys:
                if (family, key) not in self.person:
                    self._counters[family] += 1
                    self.person[family, key] = f"P{self._counters[family]:03d}"

    def forget_people(self) -> None:
        """Drop the person codes of the block just written (never needed again: a family is
        in one block), so memory does not grow with the study."""
        self.person.clear()

    def person_code(self, family_key: str, person_key: str) -> str:
        return self.person.get((family_key, person_key), "")

    def researcher(self, name: str | None) -> str:
        """The code of a researcher named in a record (a name not in the study gets a new code)."""
        if not name or not name.strip():
            return ""
        name = name.strip()
        if name not in self._researcher_by_name:
            self._researcher_by_name[name] = f"R{len(self._researcher_by_name) + 1:02d}"
        return self._researcher_by_name[name]

    def interpreter(self, text: str | None) -> str:
        if not text or not text.strip():
            return ""
        text = text.strip()
        if text not in self._interpreters:
            self._interpreters[text] = f"I{len(self._interpreters) + 1:02d}"
        return self._interpreters[text]

    def date(self, family_key: str, value: str | None) -> str:
        """An ISO date (the date part of a date-time), moved by the family's shift if any."""
        if not value:
            return ""
        day = date.fromisoformat(value[:10])
        return (day + timedelta(days=self._shift.get(family_key, 0))).isoformat()
