"""The study's case records in the encrypted database: every edit is its own transaction.

``StudyStore`` is what the app and the command line hold once a study is unlocked. Each
method that changes something commits before it returns, then tells its listeners
'saved at 14:02:31'; a write that fails is rolled back, reported to the listeners as
failed and raised as ``SaveFailed``, so nothing is ever shown as saved that is not.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3
import sqlite_utils

import fieldwork
from fieldwork.domain.casebook import (
    Family,
    FamilySummary,
    Interview,
    InterviewStatus,
    Researcher,
    StopReason,
    Study,
    new_key,
    next_family_code,
)
from fieldwork.domain.errors import FieldworkError, InvalidInput
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage import database
from fieldwork.storage.audit import write_audit
from fieldwork.storage.rows import (
    family_from_row,
    family_row,
    interview_from_row,
    interview_row,
)
from fieldwork.storage.schema import SCHEMA_VERSION, apply_migrations


class SaveFailed(FieldworkError):
    """A change could not be written; it was not saved and the database is as before."""


@dataclass(frozen=True)
class SaveEvent:
    """What listeners hear after each write: when, what, and whether it reached the disk."""

    saved: bool
    at: datetime
    what: str
    problem: str = ""


SaveListener = Callable[[SaveEvent], None]


_PLAIN_WORDS = {
    "database or disk is full": "the disk is full; free some space and try again",
    "disk I/O error": "the study file could not be written (the disk may be full, or the "
                      "drive was removed); free some space and try again",
    "attempt to write a readonly database": "the study file or its folder is read-only",
}


def _plain_words(problem: str) -> str:
    """SQLite's reason for a failed write, in words a researcher can act on."""
    return _PLAIN_WORDS.get(problem, f"the database could not be written ({problem})")


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class StudyStore:
    """One unlocked study database."""

    def __init__(self, db: sqlite_utils.Database, path: Path, passphrase: str) -> None:
        self.db = db
        self.path = path
        # Kept in memory (as SQLCipher keeps the key) to write encrypted backups under the
        # same passphrase and to check it again when the locked app is unlocked.
        self._passphrase = passphrase
        self._researcher_key: str | None = None
        self._listeners: list[SaveListener] = []

    def backup_passphrase(self) -> str:
        """The passphrase this study's backups are encrypted with (its own), and that a
        restored copy opens with; for storage's backup functions, never shown."""
        return self._passphrase

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, passphrase: str) -> StudyStore:
        """Unlock an existing study, bringing an older schema up to date."""
        db = database.open_encrypted(path, passphrase, schema_version=SCHEMA_VERSION)
        try:
            apply_migrations(db)
        except sqlcipher3.Error as error:
            db.close()
            raise database.StorageError(
                f"{path} could not be brought up to date ({error}); it was left as it was."
            ) from None
        store = cls(db, Path(path), passphrase)
        store.audit("unlock")
        return store

    @classmethod
    def create(
        cls, path: Path | str, passphrase: str, study_name: str, researcher_name: str
    ) -> StudyStore:
        """Create a new encrypted study with its first researcher."""
        study_name, researcher_name = study_name.strip(), researcher_name.strip()
        if not study_name:
            raise InvalidInput("study name", "give the study a name")
        if not researcher_name:
            raise InvalidInput("researcher", "give your name or researcher ID")
        db = database.create_encrypted(path, passphrase)
        try:
            apply_migrations(db)
            with db.atomic():
                db["study"].insert(
                    {
                        "key": new_key(),
                        "name": study_name,
                        "created_at": _now(),
                        "created_by_version": fieldwork.__version__,
                    }
                )
                db["researchers"].insert(
                    {"key": new_key(), "name": researcher_name, "created_at": _now()}
                )
        except sqlcipher3.Error as error:
            db.close()
            Path(path).unlink(missing_ok=True)
            raise database.StorageError(f"Could not create {path}: {error}.") from None
        store = cls(db, Path(path), passphrase)
        store.audit("create")
        return store

    def close(self) -> None:
        self.db.close()

    def passphrase_is(self, passphrase: str) -> bool:
        """True when ``passphrase`` opens this study (checked the slow way, by the key)."""
        try:
            database.open_encrypted(self.path, passphrase, schema_version=SCHEMA_VERSION).close()
        except database.StorageError:
            return False
        return True

    def change_passphrase(self, old: str, new: str, repeated: str | None = None) -> None:
        """Re-encrypt the whole study under a new passphrase (SQLCipher rekey)."""
        if old != self._passphrase:
            raise database.WrongPassphrase("The current passphrase is not right; nothing was changed.")
        database.check_new_passphrase(new, repeated)
        try:
            self.db.execute(f"PRAGMA rekey = {database.quoted(new)}")
        except sqlcipher3.Error as error:
            raise database.StorageError(f"The passphrase could not be changed: {error}.") from None
        self._passphrase = new
        self.audit("passphrase")
        self._tell(SaveEvent(True, datetime.now(), "passphrase changed"))

    # -- telling the truth about saving ------------------------------------------------

    def add_save_listener(self, listener: SaveListener) -> None:
        self._listeners.append(listener)

    def remove_save_listener(self, listener: SaveListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _tell(self, event: SaveEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    @property
    def researcher_key(self) -> str | None:
        """Who is working: the study's first researcher until someone else is chosen."""
        if self._researcher_key is None:
            row = self.db.execute("SELECT key FROM researchers ORDER BY created_at, name LIMIT 1").fetchone()
            self._researcher_key = row[0] if row else None
        return self._researcher_key

    def audit(self, action: str, keys: Sequence[str] = ()) -> None:
        """Log an event that is not an edit (unlock, export, backup) in its own transaction."""
        with self.db.atomic():
            write_audit(self.db, self.researcher_key, action, keys)

    @contextmanager
    def edit(self, what: str, *, action: str = "edit", keys: Sequence[str] = ()) -> Iterator[sqlite_utils.Database]:
        """One edit = one committed transaction; listeners hear 'saved' only after COMMIT.

        The audit log gets the event and the record keys in the same transaction.
        """
        try:
            with self.db.atomic():
                yield self.db
                write_audit(self.db, self.researcher_key, action, keys)
        except sqlcipher3.IntegrityError as error:
            self._tell(SaveEvent(False, datetime.now(), what, str(error)))
            raise SaveFailed(f"Not saved ({what}): {error}.") from None
        except sqlcipher3.Error as error:
            problem = _plain_words(str(error))
            self._tell(SaveEvent(False, datetime.now(), what, problem))
            raise SaveFailed(f"Not saved ({what}): {problem}.") from None
        self._tell(SaveEvent(True, datetime.now(), what))

    # -- the study -----------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def study(self) -> Study:
        row = next(self.db["study"].rows)
        sites = tuple(r["name"] for r in self.db["sites"].rows_where(order_by="position, name"))
        return Study(key=row["key"], name=row["name"], sites=sites)

    def researchers(self) -> list[Researcher]:
        return [
            Researcher(key=r["key"], name=r["name"])
            for r in self.db["researchers"].rows_where(order_by="created_at, name")
        ]

    def add_researcher(self, name: str) -> Researcher:
        name = name.strip()
        if not name:
            raise InvalidInput("researcher", "give a name or researcher ID")
        researcher = Researcher(key=new_key(), name=name)
        with self.edit("new researcher", keys=[researcher.key]) as db:
            db["researchers"].insert({"key": researcher.key, "name": name, "created_at": _now()})
        return researcher

    def add_site(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise InvalidInput("site", "give the site a name, such as a borough")
        if name in self.study().sites:
            raise InvalidInput("site", f"'{name}' is already a site of this study")
        position = self.db["sites"].count
        with self.edit(f"site {name}") as db:
            db["sites"].insert({"key": new_key(), "name": name, "position": position})

    # -- families ------------------------------------------------------------------------

    def family_codes(self) -> list[str]:
        """Every code in use, including those of families erased after withdrawing."""
        return [row[0] for row in self.db.execute(
            "SELECT code FROM families UNION SELECT family_code FROM withdrawals"
        )]

    def next_family_code(self) -> str:
        return next_family_code(self.family_codes())

    def add_family(
        self, code: str | None = None, site: str = "", case_type: str = "child_in_need", notes: str = ""
    ) -> Family:
        code = (code or self.next_family_code()).strip().upper()
        family = Family(key=new_key(), code=code, site=site, case_type=case_type, notes=notes)
        self._check_code_free(family.code, family.key)
        now = _now()
        with self.edit(f"family {family.code}", keys=[family.key, family.code]) as db:
            db["families"].insert({**family_row(family), "created_at": now, "updated_at": now})
        return family

    def _check_code_free(self, code: str, key: str) -> None:
        clash = self.db.execute(
            "SELECT 1 FROM families WHERE code = ? AND key != ? "
            "UNION SELECT 1 FROM withdrawals WHERE family_code = ? AND family_key != ?",
            [code, key, code, key],
        ).fetchone()
        if clash:
            raise InvalidInput("family code", f"{code} is already used by another family")

    def family(self, key: str) -> Family:
        try:
            return family_from_row(self.db["families"].get(key))
        except sqlite_utils.db.NotFoundError:
            raise InvalidInput("family", f"no family has the key {key}") from None

    def update_family(self, key: str, **changes: Any) -> Family:
        family = dataclasses.replace(self.family(key), **changes)
        self._check_code_free(family.code, family.key)
        with self.edit(f"family {family.code}", keys=[family.key, family.code]) as db:
            db["families"].update(key, {**family_row(family), "updated_at": _now()})
        return family

    def family_summaries(self) -> list[FamilySummary]:
        """Every family with its number of interviews and where the latest stands."""
        latest: dict[str, tuple[int, str]] = {}
        counts: Counter[str] = Counter()
        waves: dict[str, set[int]] = {}
        for family_key, wave, status in self.db.execute(
            "SELECT family_key, wave, status FROM interviews ORDER BY wave, created_at"
        ):
            counts[family_key] += 1
            latest[family_key] = (wave, status)
            waves.setdefault(family_key, set()).add(wave)
        summaries = []
        for row in self.db["families"].rows_where(order_by="code"):
            family = family_from_row(row)
            wave, status = latest.get(family.key, (None, None))
            summaries.append(
                FamilySummary(
                    family=family,
                    interviews=counts[family.key],
                    latest_wave=wave,
                    latest_status=InterviewStatus(status) if status else None,
                    waves=tuple(sorted(waves.get(family.key, ()))),
                )
            )
        return summaries

    # -- interviews ----------------------------------------------------------------------

    def interviews_of(self, family_key: str) -> list[Interview]:
        return [
            interview_from_row(row)
            for row in self.db["interviews"].rows_where(
                "family_key = ?", [family_key], order_by="wave, created_at"
            )
        ]

    def interview(self, key: str) -> Interview:
        try:
            return interview_from_row(self.db["interviews"].get(key))
        except sqlite_utils.db.NotFoundError:
            raise InvalidInput("interview", f"no interview has the key {key}") from None

    def next_wave(self, family_key: str) -> int:
        waves = [i.wave for i in self.interviews_of(family_key)]
        return max(waves) + 1 if waves else 1

    def add_interview(self, family_key: str, wave: int | None = None, **details: Any) -> Interview:
        family = self.family(family_key)
        interview = Interview(
            key=new_key(),
            family_key=family.key,
            wave=wave if wave is not None else self.next_wave(family.key),
            **details,
        )
        now = _now()
        with self.edit(f"{family.code} {interview.wave_label}", keys=[interview.key]) as db:
            db["interviews"].insert({**interview_row(interview), "created_at": now, "updated_at": now})
        return interview

    def update_interview(self, key: str, **changes: Any) -> Interview:
        """Change an interview's details; its status changes go through ``change_status``."""
        if {"status", "stop_reason"} & changes.keys():
            raise InvalidInput("status", "use change_status to start, finish or stop an interview")
        interview = dataclasses.replace(self.interview(key), **changes)
        self._write_interview(interview)
        return interview

    def change_status(
        self, key: str, status: InterviewStatus | str, stop_reason: StopReason | str | None = None,
        stop_note: str = "",
    ) -> Interview:
        interview = self.interview(key).moved_to(status, stop_reason, stop_note)
        self._write_interview(interview)
        return interview

    def _write_interview(self, interview: Interview) -> None:
        code = self.family(interview.family_key).code
        with self.edit(f"{code} {interview.wave_label}", keys=[interview.key]) as db:
            db["interviews"].update(interview.key, {**interview_row(interview), "updated_at": _now()})

    def step_states(self, interview_key: str) -> dict[InterviewStep, StepState]:
        states = {step: StepState.NOT_STARTED for step in InterviewStep}
        for row in self.db["interview_steps"].rows_where("interview_key = ?", [interview_key]):
            states[InterviewStep(row["step"])] = StepState(row["state"])
        return states

    def set_step_state(self, interview_key: str, step: InterviewStep, state: StepState) -> None:
        step, state = InterviewStep(step), StepState(state)
        self.interview(interview_key)
        with self.edit(f"step {step.value}", keys=[interview_key]) as db:
            db["interview_steps"].upsert(
                {"interview_key": interview_key, "step": step.value, "state": state.value,
                 "updated_at": _now()},
                pk=("interview_key", "step"),
            )

    # -- what the database holds, for 'info' -----------------------------------------------

    def counts(self) -> dict[str, Any]:
        by_wave: dict[int, Counter[str]] = {}
        for wave, status, n in self.db.execute(
            "SELECT wave, status, count(*) FROM interviews GROUP BY wave, status ORDER BY wave"
        ):
            by_wave.setdefault(wave, Counter())[status] = n
        erased = self.db.execute("SELECT count(*) FROM withdrawals WHERE erased = 1").fetchone()[0]
        return {
            "withdrawals": {"erased": erased, "kept": self.db["withdrawals"].count - erased},
            "families": self.db["families"].count,
            "interviews": self.db["interviews"].count,
            "by_wave": by_wave,
            "schema_version": self.schema_version,
        }
