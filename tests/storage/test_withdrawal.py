"""Withdrawal: keep-collected blocks new data; erasure leaves no trace, not even in free pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fieldwork.domain.casebook import InterviewStatus
from fieldwork.storage.consent_store import ConsentRequired, require_consent
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import (
    erased_families,
    record_withdrawal,
    withdrawal_summary,
)
from tests.conftest import PASSPHRASE, give_consent
from tests.support.sqlcipher_pages import decrypted_pages

FAMILY_WORDS = ["Zofia Kowalczyk lives upstairs", "Interpreter Halima Warsame", "Grandad Bogdan"]


def _family_with_data(store: StudyStore) -> tuple[str, str]:
    family = store.add_family(site="Borough A", notes=FAMILY_WORDS[0])
    interview = store.add_interview(family.key, language="so", interpreter_present=True,
                                    interpreter=FAMILY_WORDS[1])
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key)
    store.update_interview(interview.key, closing_notes=FAMILY_WORDS[2])
    return family.key, interview.key


def _decrypted_text(path: Path) -> bytes:
    return decrypted_pages(path, PASSPHRASE)


def test_the_page_decryptor_sees_the_families_text(store: StudyStore, study_path: Path) -> None:
    """Guards the erasure test below: the scan must be able to find what is there."""
    _family_with_data(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    plain = _decrypted_text(study_path)
    for words in FAMILY_WORDS:
        assert words.encode() in plain
    assert words.encode() not in study_path.read_bytes()


def test_whole_erasure_leaves_only_a_withdrawal_record(store: StudyStore, study_path: Path) -> None:
    kept_key, _kept_interview = _family_with_data(store)
    store.update_family(kept_key, notes="another family, kept")
    family_key, interview_key = _family_with_data(store)
    code = store.family(family_key).code
    # Make sure the words reached the main file before erasing, not only the log.
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    record_withdrawal(store, family_key, date(2026, 4, 1), "whole", "telephone", "erase")
    assert [s.family.key for s in store.family_summaries()] == [kept_key]
    assert erased_families(store) == [(code, "2026-04-01")]
    assert store.next_family_code() == "F003"  # an erased family's code is never reused
    store.close()
    wal = study_path.with_name(study_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    plain = _decrypted_text(study_path)
    for words in FAMILY_WORDS:
        # the kept family has the same words except its notes, so count the erased copies only
        assert plain.count(words.encode()) <= 1
    assert b"another family, kept" in plain
    reopened = StudyStore.open(study_path, PASSPHRASE)
    rows = reopened.db.execute("SELECT family_code, scope, policy FROM withdrawals").fetchall()
    assert rows == [(code, "whole", "erase")]
    assert reopened.db.execute("SELECT count(*) FROM consent_records WHERE interview_key = ?",
                               [interview_key]).fetchone()[0] == 0
    reopened.close()


def test_erasure_of_a_lone_family_leaves_none_of_its_strings(store: StudyStore, study_path: Path) -> None:
    family_key, _ = _family_with_data(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    record_withdrawal(store, family_key, date(2026, 4, 1), "whole", "in_person", "erase")
    store.close()
    plain = _decrypted_text(study_path)
    assert [w for w in FAMILY_WORDS if w.encode() in plain] == []
    assert b"F001" in plain  # the withdrawal record keeps the code, and nothing else


def test_keep_collected_keeps_old_data_and_blocks_new(store: StudyStore) -> None:
    family_key, interview_key = _family_with_data(store)
    record_withdrawal(store, family_key, date(2026, 4, 1), "whole", "letter_or_email", "keep_collected")
    interview = store.interview(interview_key)
    assert interview.status is InterviewStatus.WITHDRAWN
    assert interview.closing_notes == FAMILY_WORDS[2]
    with pytest.raises(ConsentRequired, match="withdrawn from the study"):
        require_consent(store, interview_key, "network_map")
    assert withdrawal_summary(store, family_key) == [
        "Withdrew from the whole study on 2026-04-01 (earlier data kept, nothing new recorded)."
    ]


def test_withdrawing_one_component_blocks_only_that_part(store: StudyStore) -> None:
    family_key, interview_key = _family_with_data(store)
    record_withdrawal(store, family_key, date(2026, 4, 1), "network_map", "in_person", "keep_collected")
    with pytest.raises(ConsentRequired, match="withdrawn consent for this part"):
        require_consent(store, interview_key, "network_map")
    require_consent(store, interview_key, "score15")
    assert store.interview(interview_key).status is InterviewStatus.IN_PROGRESS


def test_a_bad_withdrawal_changes_nothing(store: StudyStore) -> None:
    from fieldwork.domain.errors import InvalidInput

    family_key, interview_key = _family_with_data(store)
    with pytest.raises(InvalidInput, match="withdrawal scope"):
        record_withdrawal(store, family_key, date(2026, 4, 1), "everything", "in_person", "erase")
    assert store.db["withdrawals"].count == 0
    assert store.interview(interview_key).closing_notes == FAMILY_WORDS[2]


def test_erasing_family_x_removes_its_maps_and_answers_from_every_page(demo_store: StudyStore, tmp_path: Path) -> None:
    from fieldwork.storage.map_store import load_map

    family = next(s.family for s in demo_store.family_summaries() if s.family.code == "F001")
    interviews = demo_store.interviews_of(family.key)
    labels = {p.label for i in interviews for p in load_map(demo_store, i.key).people()}
    free_text = [row[0] for row in demo_store.db.execute(
        "SELECT a.answer_text FROM instrument_answers a JOIN instrument_administrations d ON "
        "d.key = a.administration_key WHERE a.answer_text IS NOT NULL AND d.interview_key IN "
        f"({', '.join('?' for _ in interviews)})", [i.key for i in interviews])]
    assert len(labels) >= 8 and free_text
    # Words only Family X's records hold: "Grandmother" is on other families' maps too.
    elsewhere = {row[0] for row in demo_store.db.execute(
        "SELECT p.label FROM map_people p JOIN interviews i ON i.key = p.interview_key "
        "WHERE i.family_key != ?", [family.key])}
    words = [w for w in labels | set(free_text) | {family.notes, interviews[0].closing_notes}
             if len(w) >= 8 and w not in elsewhere]
    demo_store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = decrypted_pages(demo_store.path, PASSPHRASE)
    assert all(w.encode() in before for w in words)

    record_withdrawal(demo_store, family.key, date(2016, 3, 1), "whole", "telephone", "erase")
    counts = {table: demo_store.db.execute(f"SELECT count(*) FROM {table} WHERE interview_key IN "
                                           f"({', '.join('?' for _ in interviews)})",
                                           [i.key for i in interviews]).fetchone()[0]
              for table in ("network_maps", "map_people", "map_ties", "instrument_administrations",
                            "consent_records", "interview_steps")}
    assert set(counts.values()) == {0}
    after = decrypted_pages(demo_store.path, PASSPHRASE)
    assert [w for w in words if w.encode() in after] == []


def test_erasing_one_component_keeps_the_rest(demo_store: StudyStore) -> None:
    from fieldwork.storage.answer_store import AnswerStore  # noqa: F401  (the tables it owns)
    from fieldwork.storage.map_store import has_map

    family = next(s.family for s in demo_store.family_summaries() if s.family.code == "F001")
    first = demo_store.interviews_of(family.key)[0]
    record_withdrawal(demo_store, family.key, date(2016, 3, 1), "network_map", "in_person", "erase")
    assert not has_map(demo_store, first.key)
    assert demo_store.db.execute("SELECT count(*) FROM instrument_administrations WHERE interview_key = ?",
                                 [first.key]).fetchone()[0] == 2  # SCORE-15 and the other questions
    assert demo_store.interview(first.key).closing_notes
