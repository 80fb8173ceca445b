"""The study's case records in the encrypted database: every edit is its own transaction.

``StudyStore`` is what the app and the command line hold once a study is unlocked: the
study, its researchers and sites, families, interviews and their steps. Each method that
changes something goes through ``StudyFile.edit()`` (study_file.py), which commits before
it returns and tells the truth about saving.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
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
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.interview_steps import InterviewStep, StepState
from fieldwork.storage import database
from fieldwork.storage.rows import (
    family_from_row,
    family_row,
    interview_from_row,
    interview_row,
)
from fieldwork.storage.schema import apply_migrations
from fieldwork.storage.study_file import (  # noqa: F401 (the names every feature store imports from here)
    SaveEvent,
    SaveFailed,
    SaveListener,
    StudyFile,
    StudyLost,
    StudyReadOnly,
    _now,
)
from fieldwork.storage.study_lock import StudyLock


class StudyStore(StudyFile):
    """One unlocked study database: the study, its families and their interviews."""

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
        lock = StudyLock(path, "creating the study")
        lock.acquire()
        try:
            db, key = database.create_with_key(path, passphrase)
        except BaseException:
            lock.discard()
            raise
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
            lock.discard()
            raise database.StorageError(f"Could not create {path}: {error}.") from None
        store = cls(db, Path(path), passphrase, lock, key)
        store.audit("create")
        return store


    # -- the study -----------------------------------------------------------------------

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

    def reopen_for_correction(self, key: str, reason: str) -> Interview:
        """Open a completed or stopped interview again to correct it; audited as 'reopen'.

        The reason is kept on the interview (not in the audit log, which holds no free text
        and outlives a family's erasure); the audit entry names the interview."""
        interview = self.interview(key).reopened_for_correction(reason, datetime.now().astimezone())
        self._write_interview(interview, action="reopen")
        return interview

    def finish_correction(self, key: str) -> Interview:
        """Close a correction: the interview is read-only again, still marked as reopened."""
        interview = self.interview(key).correction_finished()
        self._write_interview(interview)
        return interview

    def _write_interview(self, interview: Interview, action: str = "edit") -> None:
        code = self.family(interview.family_key).code
        with self.edit(f"{code} {interview.wave_label}", action=action, keys=[interview.key]) as db:
            db["interviews"].update(interview.key, {**interview_row(interview), "updated_at": _now()})

    def step_states(self, interview_key: str) -> dict[InterviewStep, StepState]:
        states = {step: StepState.NOT_STARTED for step in InterviewStep}
        for row in self.db["interview_steps"].rows_where("interview_key = ?", [interview_key]):
            states[InterviewStep(row["step"])] = StepState(row["state"])
        return states

    def steps_set_by_hand(self, interview_key: str) -> frozenset[InterviewStep]:
        """The steps whose state the researcher set themselves (kept over the recorded work)."""
        return frozenset(
            InterviewStep(row["step"]) for row in self.db["interview_steps"].rows_where(
                "interview_key = ? AND set_by_hand = 1", [interview_key])
        )

    def set_step_state(self, interview_key: str, step: InterviewStep, state: StepState, *,
                       by_hand: bool = False) -> None:
        """Record where a step stands; ``by_hand`` when the researcher chose it themselves."""
        step, state = InterviewStep(step), StepState(state)
        self.interview(interview_key)
        with self.edit(f"step {step.value}", keys=[interview_key]) as db:
            db["interview_steps"].upsert(
                {"interview_key": interview_key, "step": step.value, "state": state.value,
                 "set_by_hand": int(by_hand), "updated_at": _now()},
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
