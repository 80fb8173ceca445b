"""Fieldwork progress speed (issue 11's rows): 5,000 families and 20,000 contact attempts.

Every family has a recruitment row and a wave-1 interview, about half a wave-2 interview
or outcome; the attempts are spread over both waves. The study is generated with direct
SQL inserts in one transaction (set-up, not measured). Timed, best of 5: the figures behind
`progress` (reading the facts and deciding the stages), the text `progress` prints, the
Fieldwork view filled on screen (offscreen Qt), and (reported) the follow-up list filled.
"""

from __future__ import annotations

import random
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from benchmarks.table import Row

PASSPHRASE = "benchmark passphrase, not secret"
FAMILIES, ATTEMPTS = 5000, 20000
TODAY = date(2026, 6, 1)


def generated_study(path: Path, seed: int = 11):  # noqa: ANN201
    from fieldwork.storage.study_store import StudyStore

    rng = random.Random(seed)
    store = StudyStore.create(path, PASSPHRASE, "Benchmark fieldwork", "R01")
    for site in ("Borough A", "Borough B", "Borough C"):
        store.add_site(site)
    researcher = store.researchers()[0].key

    def key() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    families, interviews, recruitment, attempts, outcomes = [], [], [], [], []
    for n in range(FAMILIES):
        family = key()
        families.append({"key": family, "code": f"F{n + 1:04d}", "site": rng.choice(
            ["Borough A", "Borough B", "Borough C"]), "case_type": "child_in_need",
            "created_at": "2025-01-01", "updated_at": "2025-01-01"})
        approached = date(2025, 1, 1) + timedelta(days=rng.randint(0, 200))
        said = rng.choice(["agreed"] * 6 + ["declined", "not_contactable", "gatekeeper_declined", None])
        recruitment.append({"family_key": family, "route": "social_worker_nomination",
                            "approached_on": approached.isoformat(), "approached_by": researcher,
                            "outcome": said, "consent_to_contact": 1, "note": "", "updated_at": "x"})
        if said != "agreed":
            continue
        first = approached + timedelta(days=rng.randint(7, 40))
        interviews.append({"key": key(), "family_key": family, "wave": 1, "interview_date": first.isoformat(),
                           "mode": "in_person", "status": rng.choice(["completed"] * 8 + ["terminated"]),
                           "created_at": "x", "updated_at": "x"})
        fate = rng.random()
        if fate < 0.5:
            interviews.append({"key": key(), "family_key": family, "wave": 2,
                               "interview_date": (first + timedelta(days=190)).isoformat(),
                               "mode": "telephone", "status": "completed", "created_at": "x",
                               "updated_at": "x"})
        elif fate < 0.7:
            outcomes.append({"family_key": family, "wave": 2, "outcome": "not_interviewed",
                             "reason": rng.choice(["refused", "uncontactable", "moved_away"]),
                             "note": "", "recorded_at": "x"})
    for _ in range(ATTEMPTS):
        family = rng.choice(families)["key"]
        attempts.append({"key": key(), "family_key": family, "wave": rng.choice([1, 2]),
                         "attempted_on": (date(2025, 1, 1) + timedelta(days=rng.randint(0, 500))).isoformat(),
                         "channel": rng.choice(["phone", "text", "letter"]),
                         "outcome": rng.choice(["no_answer", "left_message", "appointment_made", "declined"]),
                         "note": "", "researcher_key": researcher, "created_at": "x"})
    with store.writing() as db:
        for table, rows in (("families", families), ("interviews", interviews),
                            ("recruitment", recruitment), ("contact_attempts", attempts),
                            ("fieldwork_outcomes", outcomes)):
            db[table].insert_all(rows, batch_size=1000)
    return store


def _best(run, times: int = 5) -> float:  # noqa: ANN001
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def rows() -> list[Row]:
    from fieldwork.domain.fieldwork_progress import format_progress
    from fieldwork.storage.progress_store import study_progress

    with tempfile.TemporaryDirectory(prefix="fieldwork-bench-progress-") as name:
        store = generated_study(Path(name) / "study.db")
        try:
            figures = _best(lambda: study_progress(store, TODAY))
            command = _best(lambda: format_progress(study_progress(store, TODAY), TODAY))
            view, follow_up = _view_ms(store)
        finally:
            store.close()
    label = f"{FAMILIES:,} families, {ATTEMPTS:,} attempts"
    return [Row(f"progress figures, {label}", figures, "ms", "<= 200"),
            Row(f"progress command table, {label}", command, "ms", "<= 200"),
            Row(f"Fieldwork view filled, {label}", view, "ms", "<= 200"),
            Row(f"wave-2 follow-up list filled, {label}", follow_up, "ms", "reported")]


def _view_ms(store) -> tuple[float, float]:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    from fieldwork.ui.fieldwork.follow_up import FollowUpPanel
    from fieldwork.ui.fieldwork.progress_view import ProgressView
    from fieldwork.ui.save_status import SaveReporter

    app = QApplication.instance() or QApplication([])
    view = ProgressView(store, TODAY)
    follow_up = FollowUpPanel(store, SaveReporter(store), TODAY)
    results = _best(view.refresh), _best(follow_up.refresh, 3)
    for widget in (view, follow_up):
        widget.deleteLater()
    app.processEvents()
    return results


if __name__ == "__main__":
    from benchmarks.table import as_table

    print(as_table(rows()))
