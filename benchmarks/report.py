"""The report's rows: ``main.py report`` on the demo study and on a large generated study.

The large study is the export benchmark's generated study (``benchmarks.export``: maps of
30 people and 40 ties, a complete SCORE-15 at each of two waves) with what the report's
tables read besides: each map's ``ties_meaning``, the researcher's support level on most
maps, the confirmed change summary at wave 2, and the other questions (Tables 3.11–3.13)
at wave 1. Set-up is not measured; ``build_report`` + ``write_report`` (HTML and PDF) is,
wall time, and again under ``tracemalloc`` for its peak memory.
"""

from __future__ import annotations

import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from benchmarks.table import Row

SIZES = (1000,)
_QUESTIONS = {"professionals_dislike_talking": ("disagree", "agree", "not_sure"),
              "professionals_good_at_getting_help": ("disagree", "agree", "not_sure"),
              "professionals_dont_understand_social_workers": ("disagree", "agree", "not_sure"),
              "feelings_about_services": ("positive", "negative", "neutral", "mixed"),
              "agreement_on_priorities": ("yes", "no", "some_disagreement", "not_sure")}


def report_study(path: Path, interviews: int, seed: int = 14):  # noqa: ANN201
    """The export benchmark's study with support levels, change summaries and the other questions."""
    from benchmarks.export import _key, generated_study

    rng = random.Random(seed)
    store = generated_study(path, interviews)
    db = store.db
    now = "2026-01-01T10:00:00+00:00"
    maps = list(db.query("SELECT m.interview_key, i.wave FROM network_maps m "
                         "JOIN interviews i ON i.key = m.interview_key ORDER BY i.family_key, i.wave"))
    administrations, answers = [], []
    with db.atomic():
        db.execute("UPDATE network_maps SET ties_meaning = 'respondent_view' WHERE ties_meaning IS NULL")
        for row in maps:
            level = rng.choice(("strong", "moderate", "low", None))
            change = rng.choice(("no_change", "some_change", "major_change", None)) \
                if row["wave"] == 2 else None
            db.execute("UPDATE network_maps SET researcher_support_level = ?, change_summary = ? "
                       "WHERE interview_key = ?", [level, change, row["interview_key"]])
            if row["wave"] != 1:
                continue
            administration = _key(rng)
            administrations.append({
                "key": administration, "interview_key": row["interview_key"],
                "instrument_id": "family_questions", "instrument_version": "1.0",
                "language_shown": "en", "translation_validated": 1, "mode": "in_person",
                "family_members": "[]", "started_at": now, "completed_at": now})
            for item, codes in _QUESTIONS.items():
                declined = rng.random() < 0.05
                answers.append({
                    "administration_key": administration, "item_id": item,
                    "answer_code": None if declined else rng.choice(codes), "declined": int(declined),
                    "answer_language": "en", "translation_validated": 1, "interpreted_orally": 0,
                    "needed_explanation": 0, "respondent_unsure": 0, "answered_at": now})
        db["instrument_administrations"].insert_all(administrations, batch_size=500)
        db["instrument_answers"].insert_all(answers, batch_size=500)
    return store


def measure_report(db, out: Path, pictures: int = 4) -> tuple[float, float]:  # noqa: ANN001
    """(seconds, peak MiB) of building and writing one report (HTML and PDF) of ``db``."""
    from fieldwork.export.report.sources import source_from_study
    from fieldwork.export.report.writer import build_report, write_report

    began = time.perf_counter()
    write_report(build_report(source_from_study(db, pictures)), out)
    seconds = time.perf_counter() - began
    tracemalloc.start()
    write_report(build_report(source_from_study(db, pictures)), out.with_name(out.name + "-memory"))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20


def rows() -> list[Row]:
    from fieldwork.demo import write_demo_study

    out = []
    with tempfile.TemporaryDirectory(prefix="fieldwork-bench-report-") as name:
        folder = Path(name)
        demo = write_demo_study(folder / "demo.db", "benchmark passphrase, not secret")
        try:
            seconds, peak = measure_report(demo.db, folder / "demo-report")
        finally:
            demo.close()
        out += [Row("report (HTML+PDF), demo study (10 interviews, 2 map pictures)", seconds, "s",
                    "reported"),
                Row("report peak memory (tracemalloc), demo study", peak, "MiB", "reported")]
        for size in SIZES:
            store = report_study(folder / f"study-{size}.db", size)
            try:
                seconds, peak = measure_report(store.db, folder / f"report-{size}")
            finally:
                store.close()
            out += [Row(f"report (HTML+PDF), {size:,} interviews (4 map pictures)", seconds, "s",
                        "reported"),
                    Row(f"report peak memory (tracemalloc), {size:,} interviews", peak, "MiB",
                        "reported")]
    return out


if __name__ == "__main__":
    from benchmarks.table import as_table

    print(as_table(rows()))
