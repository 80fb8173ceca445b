"""The conversation in the analysts' bundle: services as codes always; notes and quotes only
with free text; a quote only while the family's consent to quotes stands; codebook rows."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from fieldwork.export.bundle import ExportOptions, write_bundle
from fieldwork.export.conversation_files import CONVERSATION_FILES
from fieldwork.storage.study_store import StudyStore
from fieldwork.storage.withdrawal_store import record_withdrawal


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _family_x(store: StudyStore) -> str:
    return next(s.family.key for s in store.family_summaries() if s.family.code == "F001")


def test_family_x_services_are_exported_as_codes_at_both_waves(full_demo: StudyStore, tmp_path: Path) -> None:
    write_bundle(full_demo.db, tmp_path / "b")
    rows = [r for r in _read(tmp_path / "b", "services.csv") if r["family_code"] == "F001"]
    by_wave = {wave: {r["service"]: (r["use"], r["frequency"]) for r in rows if r["wave"] == wave}
               for wave in ("1", "2")}
    assert by_wave["1"] == {
        "nursery_school": ("used", "daily_weekly"), "gp": ("used", ""),
        "speech_language_therapy": ("used", "daily_weekly"), "legal": ("used", ""),
        "adult_education": ("used", ""), "housing": ("wanted_not_got", "")}
    assert by_wave["2"]["housing"] == ("used", "")  # the place of her own she wanted at time 1
    themes = _read(tmp_path / "b", "conversation_themes.csv")
    assert {(r["wave"], r["theme_id"], r["state"]) for r in themes if r["family_code"] == "F001"} >= {
        ("1", "social_worker", "discussed"), ("1", "anything_else", "skipped"),
        ("2", "what_changed", "discussed")}


def test_the_default_export_holds_no_note_or_quote_text(full_demo: StudyStore, tmp_path: Path) -> None:
    texts = [r[0] for r in full_demo.db.execute("SELECT notes FROM conversation_themes WHERE notes != '' "
                                                "UNION SELECT passage FROM conversation_quotes")]
    assert len(texts) >= 10
    write_bundle(full_demo.db, tmp_path / "plain")
    assert not (tmp_path / "plain" / "conversation_notes.csv").exists()
    assert not (tmp_path / "plain" / "quotes.csv").exists()
    blobs = [p.read_bytes() for p in (tmp_path / "plain").rglob("*") if p.is_file()]
    # Scan for a distinctive stretch of every note and quote, in every file of the bundle.
    for text in texts:
        for piece in {text[:40], text[-40:]}:
            assert not any(piece.encode() in blob for blob in blobs), piece
    write_bundle(full_demo.db, tmp_path / "free", ExportOptions(include_free_text=True))
    notes = {r["notes"] for r in _read(tmp_path / "free", "conversation_notes.csv")}
    assert {t for t in texts if t in notes}  # the same text is there when asked for


def test_a_quote_carries_its_consent_and_goes_when_that_consent_is_withdrawn(full_demo: StudyStore,
                                                                             tmp_path: Path) -> None:
    options = ExportOptions(include_free_text=True)
    write_bundle(full_demo.db, tmp_path / "before", options)
    quotes = _read(tmp_path / "before", "quotes.csv")
    assert {q["quote"] for q in quotes if q["family_code"] == "F001"} == {
        "She listens to me, and she asked my mum what she thought.", "I feel more in control of things now."}
    consent = {(r["consent_key"], r["component"], r["agreed"])
               for r in _read(tmp_path / "before", "consent.csv")}
    assert all((q["consent_key"], "anonymous_quotes", "1") in consent for q in quotes)
    # Withdrawn, data kept: the notes stay, the quotes leave every later bundle.
    record_withdrawal(full_demo, _family_x(full_demo), date(2016, 3, 1), "anonymous_quotes", "telephone",
                      "keep_collected")
    write_bundle(full_demo.db, tmp_path / "after", options)
    assert [q for q in _read(tmp_path / "after", "quotes.csv") if q["family_code"] == "F001"] == []
    assert any(r["family_code"] == "F001" for r in _read(tmp_path / "after", "conversation_notes.csv"))
    assert full_demo.db["conversation_quotes"].count == 2  # kept in the study, as the policy says


def test_every_column_is_in_the_codebook_with_a_short_name(full_demo: StudyStore, tmp_path: Path) -> None:
    write_bundle(full_demo.db, tmp_path / "b", ExportOptions(include_free_text=True))
    codebook = {(r["file"], r["column"]): r for r in _read(tmp_path / "b", "codebook.csv")}
    for spec in CONVERSATION_FILES:
        header = list(_read(tmp_path / "b", spec.name)[0])
        assert header == [c.name for c in spec.columns]
        for name in header:
            assert len(name) <= 32 and (spec.name, name) in codebook
    assert "wanted_not_got = Wanted but not got" in codebook[("services.csv", "use")]["allowed_codes"]
    assert codebook[("quotes.csv", "quote")]["identifying"] == "yes"


def test_a_quote_goes_when_a_correction_records_no_to_quotes(full_demo: StudyStore, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from fieldwork.demo.consent import english_consent_form
    from fieldwork.domain.consent import HowGiven, answers_from_choices, confirm_consent
    from fieldwork.storage.consent_store import current_consent, save_consent

    family = _family_x(full_demo)
    first = next(i for i in full_demo.interviews_of(family) if i.wave == 1)
    form = english_consent_form()
    choices = {s.statement_id: str(s.component) not in ("audio_recording", "anonymous_quotes")
               for s in form.statements}
    save_consent(full_demo, confirm_consent(
        form, interview_id=first.key, answers=answers_from_choices(form, choices), how_given=HowGiven.VERBAL,
        researcher_confirmation="R01", confirmed_at=datetime.now(UTC),
        corrects=current_consent(full_demo, first.key)))
    write_bundle(full_demo.db, tmp_path / "b", ExportOptions(include_free_text=True))
    waves = {q["wave"] for q in _read(tmp_path / "b", "quotes.csv") if q["family_code"] == "F001"}
    assert waves == {"2"}  # wave 1's consent in force now says no; wave 2's still says yes
