"""Conflicts a merge found, kept in the team study until a researcher chooses.

A conflict is one record (a family's notes, an interview's closing notes, a person on a
map, a questionnaire answer, ...) changed in two copies of the study since they last
agreed. The team study keeps one version in the record itself and the other copy's
version here, with when and by whom each was made. ``MergeConflict`` describes one in the
researcher's words; ``keep_team_value`` and ``take_other_value`` settle it as an ordinary
edit (one transaction, audit-logged, heard as 'saved'), and record in the history that the
other copy's version was seen, so merging that copy again does not raise it again. Qt-free.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from fieldwork.domain.errors import InvalidInput
from fieldwork.storage.change_log import (
    KEEP_TEAM,
    TAKE_OTHER,
    add_merge_change,
    now_utc,
    tracking_paused,
)
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.tables_change_log import IGNORED_FIELDS

WHAT = {"families": "family", "interviews": "interview", "network_maps": "map",
        "map_people": "map person", "map_ties": "tie", "instrument_answers": "answer to",
        "instrument_administrations": "questionnaire", "interview_steps": "interview step",
        "sites": "site", "researchers": "researcher", "safeguarding_reports": "safeguarding report",
        "consent_records": "consent record", "consent_answers": "consent answer",
        "withdrawals": "withdrawal", "conversations": "conversation",
        "conversation_themes": "conversation theme", "conversation_services": "service",
        "conversation_quotes": "quote"}


def row_to_json(row: dict[str, Any] | None) -> str | None:
    if row is None:
        return None
    return json.dumps({k: {"$hex": v.hex()} if isinstance(v, bytes) else v for k, v in row.items()},
                      ensure_ascii=False)


def row_from_json(text: str | None) -> dict[str, Any] | None:
    if text is None:
        return None
    return {k: bytes.fromhex(v["$hex"]) if isinstance(v, dict) and "$hex" in v else v
            for k, v in json.loads(text).items()}


def differing_fields(a: dict[str, Any] | None, b: dict[str, Any] | None) -> tuple[str, ...]:
    if a is None or b is None:
        return ()
    return tuple(k for k in a if k not in IGNORED_FIELDS and a.get(k) != b.get(k))


def record_row(db: sqlite_utils.Database, table: str, key: str) -> dict[str, Any] | None:
    pks = db[table].pks
    values = json.loads(key)
    where = " AND ".join(f"[{pk}] = ?" for pk in pks)
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE {where}", values)
    found = cursor.fetchone()
    return None if found is None else dict(zip([d[0] for d in cursor.description], found, strict=True))


@dataclass(frozen=True)
class MergeConflict:
    """One record two copies changed differently: the team's version and the other one."""

    id: int
    table: str
    row_key: str
    source: str
    family_code: str
    wave: int | None
    what: str
    fields: tuple[str, ...]
    team_value: dict[str, Any] | None
    team_at: str
    team_by: str
    other_value: dict[str, Any] | None
    other_at: str
    other_by: str
    settled_at: str | None = None
    choice: str | None = None

    def value_text(self, value: dict[str, Any] | None) -> str:
        if value is None:
            return "(removed)"
        shown = self.fields or tuple(k for k in value if k not in IGNORED_FIELDS)
        return "; ".join(f"{name.replace('_', ' ')}: {_plain(value.get(name))}" for name in shown)

    @property
    def team_text(self) -> str:
        return self.value_text(self.team_value)

    @property
    def other_text(self) -> str:
        return self.value_text(self.other_value)

    @property
    def interview_text(self) -> str:
        return f"wave {self.wave}" if self.wave is not None else ""

    def lines(self) -> list[str]:
        """The conflict as the merge command prints it."""
        where = ", ".join(p for p in (self.family_code, self.interview_text) if p)
        return [f"CONFLICT {self.id}: {where + ': ' if where else ''}{self.what}",
                f"    team study keeps: {self.team_text}  ({self.team_at}, {self.team_by})",
                f"    other version:    {self.other_text}  ({self.other_at}, {self.other_by}; "
                f"from {self.source})"]


def _when(at: str | None) -> str:
    """A change's time as people read it ('2026-12-01 20:12 UTC')."""
    if not at:
        return "time not known"
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    return repr(value) if isinstance(value, str) else str(value)


def conflicts(db: sqlite_utils.Database, *, settled: bool = False) -> list[MergeConflict]:
    """The conflicts waiting for a choice (or, with ``settled``, every one), oldest first."""
    names = dict(db.execute("SELECT key, name FROM researchers").fetchall())
    where = "" if settled else "WHERE settled_at IS NULL"
    cursor = db.execute(f"SELECT * FROM merge_conflicts {where} ORDER BY id")
    columns = [d[0] for d in cursor.description]
    return [_describe(db, dict(zip(columns, values, strict=True)), names) for values in cursor.fetchall()]


def _describe(db: sqlite_utils.Database, row: dict[str, Any], names: dict[str, str]) -> MergeConflict:
    table, key = row["table_name"], row["row_key"]
    team = record_row(db, table, key)
    other = row_from_json(row["other_value"])
    head = db.execute("SELECT c.at, c.researcher_key FROM row_heads h JOIN row_changes c ON "
                      "c.change_id = h.change_id WHERE h.table_name = ? AND h.row_key = ?",
                      [table, key]).fetchone() or (None, None)
    code = db.execute("SELECT code FROM families WHERE key = ? UNION ALL SELECT family_code FROM "
                      "withdrawals WHERE family_key = ? LIMIT 1",
                      [row["family_key"], row["family_key"]]).fetchone()
    wave = db.execute("SELECT wave FROM interviews WHERE key = ?", [row["interview_key"]]).fetchone()
    fields = differing_fields(other, team) if other and team else ()
    return MergeConflict(
        id=row["id"], table=table, row_key=key, source=row["source"] or "",
        family_code=code[0] if code else "", wave=wave[0] if wave else None,
        what=_what(db, table, team or other or {}, fields), fields=fields,
        team_value=team, team_at=_when(head[0]), team_by=names.get(head[1] or "", "unknown researcher"),
        other_value=other, other_at=_when(row["other_at"]),
        other_by=names.get(row["other_researcher"] or "", "unknown researcher"),
        settled_at=row["settled_at"], choice=row["choice"])


def _what(db: sqlite_utils.Database, table: str, value: dict[str, Any], fields: tuple[str, ...]) -> str:
    what = WHAT.get(table, table)
    if table == "map_people":
        what += f" {value.get('label', '')}"
    elif table == "instrument_answers":
        found = db.execute("SELECT instrument_id FROM instrument_administrations WHERE key = ?",
                           [value.get("administration_key")]).fetchone()
        what += f" {found[0] if found else 'questionnaire'} item {value.get('item_id', '')}"
    elif table == "interview_steps":
        what += f" {value.get('step', '')}"
    changed = ", ".join(f.replace("_", " ") for f in fields)
    return f"{what}: {changed}" if changed else what


def _open_conflict(db: sqlite_utils.Database, conflict_id: int) -> dict[str, Any]:
    found = list(db["merge_conflicts"].rows_where("id = ?", [conflict_id]))
    if not found:
        raise InvalidInput("merge conflict", f"there is no conflict {conflict_id}.")
    if found[0]["settled_at"]:
        raise InvalidInput("merge conflict", f"conflict {conflict_id} was already settled.")
    return found[0]


def _head(db: sqlite_utils.Database, table: str, key: str) -> str | None:
    found = db.execute("SELECT change_id FROM row_heads WHERE table_name = ? AND row_key = ?",
                       [table, key]).fetchone()
    return found[0] if found else None


def _settle(db: sqlite_utils.Database, conflict_id: int, choice: str, researcher: str | None) -> None:
    db["merge_conflicts"].update(conflict_id, {"settled_at": now_utc(), "settled_by": researcher,
                                               "choice": choice})


def keep_team_value(store: StudyStore, conflict_id: int) -> None:
    """Settle a conflict by keeping the team study's version (the record does not change)."""
    conflict = _open_conflict(store.db, conflict_id)
    table, key = conflict["table_name"], conflict["row_key"]
    with store.edit("merge conflict settled: team version kept", keys=[key]) as db:
        with tracking_paused(db, "settle"):
            add_merge_change(db, table, key, _head(db, table, key), conflict["other_change"],
                             KEEP_TEAM, store.researcher_key)
            _settle(db, conflict_id, "team", store.researcher_key)


def take_other_value(store: StudyStore, conflict_id: int) -> None:
    """Settle a conflict by writing the other copy's version, as an ordinary edit."""
    conflict = _open_conflict(store.db, conflict_id)
    table, key = conflict["table_name"], conflict["row_key"]
    other = row_from_json(conflict["other_value"])
    pks = store.db[table].pks
    with store.edit("merge conflict settled: other version taken", keys=[key]) as db:
        before = _head(db, table, key)
        if other is None:
            where = " AND ".join(f"[{pk}] = ?" for pk in pks)
            db.execute(f"DELETE FROM [{table}] WHERE {where}", json.loads(key))
        else:
            db[table].upsert(other, pk=pks[0] if len(pks) == 1 else tuple(pks))
        after = _head(db, table, key)
        with tracking_paused(db, "settle"):
            if after != before:
                # The edit's own change also says it took in the other copy's version.
                db.execute("UPDATE row_changes SET merged_id = ?, kind = ? WHERE change_id = ?",
                           [conflict["other_change"], TAKE_OTHER, after])
            else:
                add_merge_change(db, table, key, before, conflict["other_change"], TAKE_OTHER,
                                 store.researcher_key)
            _settle(db, conflict_id, "other", store.researcher_key)
