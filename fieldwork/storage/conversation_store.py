"""The conversation step in the study database: the guide used, notes per theme, services, quotes.

Owns reading and writing the tables of ``tables_conversation``. Every write is its own
committed edit through ``StudyStore.edit`` and first asks the consent gate: the interview
component for the guide, notes, themes and services; the anonymous-quotes component as
well for marking a quote, which records the consent record in force that allowed it.
A quote is a passage of its theme's notes: when the notes no longer hold it, it goes in the
same edit. Audit entries name the theme or service, never the notes' text. Never imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fieldwork.domain.casebook import Interview, new_key
from fieldwork.domain.conversation import (
    NOTES_COMPONENT,
    QUOTES_COMPONENT,
    SERVICES,
    THEME_FLAGS,
    THEME_STATES,
    ServiceAnswer,
    check_theme_flag,
    quote_problem,
)
from fieldwork.domain.errors import InvalidInput
from fieldwork.domain.topic_guides import GuidePair, TopicGuide, choose_guide
from fieldwork.storage.consent_store import current_consent, recording_permission, require_consent
from fieldwork.storage.study_store import StudyStore


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class ThemeRecord:
    """What is recorded for one theme reached (no record: not reached yet)."""

    theme_id: str
    state: str | None = None  # 'discussed', 'skipped', or None while only notes were typed
    notes: str = ""
    flags: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Quote:
    """A passage of a theme's notes marked as a quote, and the consent record that allowed it."""

    key: str
    interview_key: str
    theme_id: str
    passage: str
    consent_record_key: str
    marked_at: str


@dataclass(frozen=True)
class EarlierWave:
    """What an earlier wave's conversation recorded, shown read-only beside the later guide."""

    interview: Interview
    guide: TopicGuide | None
    services: dict[str, ServiceAnswer]
    themes: dict[str, ThemeRecord]


def started_guide(store: StudyStore, interview_key: str) -> dict[str, Any] | None:
    """The ``conversations`` row of an interview whose conversation started, else None."""
    rows = list(store.db["conversations"].rows_where("interview_key = ?", [interview_key]))
    return rows[0] if rows else None


def guide_for(store: StudyStore, interview_key: str, guides: Sequence[TopicGuide]) -> GuidePair | None:
    """The guide an interview uses: the one its conversation started with, else the wave's default."""
    interview = store.interview(interview_key)
    started = started_guide(store, interview_key)
    if started is not None:
        return choose_guide(guides, interview.wave, started["language_shown"],
                            guide_id=started["guide_id"], version=started["guide_version"])
    return choose_guide(guides, interview.wave, interview.language)


def start_conversation(store: StudyStore, interview_key: str, pair: GuidePair) -> None:
    """Record which guide, in which language, the conversation uses (once; later calls keep it)."""
    if started_guide(store, interview_key) is not None:
        return
    require_consent(store, interview_key, NOTES_COMPONENT)
    shown = pair.shown
    with store.edit("conversation started", keys=[interview_key]) as db:
        db["conversations"].insert({
            "interview_key": interview_key, "guide_id": shown.guide_id, "guide_version": shown.version,
            "language_shown": shown.language, "translation_validated": int(shown.translation_validated),
            "started_at": _now()})


def themes(store: StudyStore, interview_key: str) -> dict[str, ThemeRecord]:
    """Every theme reached in this interview, by theme id."""
    return {row["theme_id"]: _theme_from_row(row) for row in store.db["conversation_themes"].rows_where(
        "interview_key = ?", [interview_key], order_by="position, theme_id")}


def _theme_row(store: StudyStore, interview_key: str, theme_id: str, position: int) -> dict[str, Any]:
    rows = list(store.db["conversation_themes"].rows_where(
        "interview_key = ? AND theme_id = ?", [interview_key, theme_id]))
    return rows[0] if rows else {
        "interview_key": interview_key, "theme_id": theme_id, "position": position, "state": None,
        "notes": "", **{flag: 0 for flag in THEME_FLAGS}}


def _write_theme(store: StudyStore, interview_key: str, theme_id: str, position: int,
                 changes: dict[str, Any], what: str) -> None:
    if not theme_id.strip():
        raise InvalidInput("theme", "is required.")
    require_consent(store, interview_key, NOTES_COMPONENT)
    row = {**_theme_row(store, interview_key, theme_id, position), **changes, "updated_at": _now()}
    with store.edit(f"conversation: {what} ({theme_id})", keys=[interview_key]) as db:
        db["conversation_themes"].upsert(row, pk=("interview_key", "theme_id"))
        if "notes" in changes:
            # A quote is words of the notes: a passage typed away takes its quote with it.
            for quote in _quotes(store, interview_key, theme_id):
                if quote.passage not in row["notes"]:
                    db["conversation_quotes"].delete(quote.key)


def save_notes(store: StudyStore, interview_key: str, theme_id: str, notes: str, position: int = 0) -> None:
    """The researcher's notes on a theme, as typed so far (replacing the earlier text)."""
    _write_theme(store, interview_key, theme_id, position, {"notes": notes}, "notes")


def set_theme_state(store: StudyStore, interview_key: str, theme_id: str, state: str | None,
                    position: int = 0) -> None:
    """Mark a theme discussed or skipped (None: neither, e.g. a skip taken back)."""
    if state is not None and state not in THEME_STATES:
        raise InvalidInput("theme", f"'{state}' is not one of {', '.join(THEME_STATES)}.")
    _write_theme(store, interview_key, theme_id, position, {"state": state}, state or "state cleared")


def set_theme_flag(store: StudyStore, interview_key: str, theme_id: str, flag: str, on: bool,
                   position: int = 0) -> None:
    """Tick or untick an interpreter flag on a theme (as on SCORE-15 items)."""
    check_theme_flag(flag)
    words = f"{flag.replace('_', ' ')} {'ticked' if on else 'unticked'}"
    _write_theme(store, interview_key, theme_id, position, {flag: int(on)}, words)


def services(store: StudyStore, interview_key: str) -> dict[str, ServiceAnswer]:
    """The services asked about in this interview, by service code, in checklist order."""
    found = {row["service"]: ServiceAnswer(row["service"], row["use"], row["frequency"])
             for row in store.db["conversation_services"].rows_where("interview_key = ?", [interview_key])}
    return {code: found[code] for code in SERVICES if code in found}


def set_service(store: StudyStore, interview_key: str, service: str, use: str | None,
                frequency: str | None = None) -> None:
    """Record one service of the checklist (``use`` None: not asked after all, the row goes)."""
    answer = None if use is None else ServiceAnswer(service, use, frequency)
    if answer is None and service not in SERVICES:
        raise InvalidInput("service", f"'{service}' is not one of the codes ({', '.join(SERVICES)}).")
    require_consent(store, interview_key, NOTES_COMPONENT)
    with store.edit(f"conversation: service {service}", keys=[interview_key]) as db:
        if answer is None:
            db.execute("DELETE FROM conversation_services WHERE interview_key = ? AND service = ?",
                       [interview_key, service])
        else:
            db["conversation_services"].upsert(
                {"interview_key": interview_key, "service": service, "use": answer.use,
                 "frequency": answer.frequency, "updated_at": _now()}, pk=("interview_key", "service"))


def quotes_allowed(store: StudyStore, interview_key: str) -> bool:
    """True when the family's consent in force allows quoting them (and the interview)."""
    return bool(recording_permission(store, interview_key, QUOTES_COMPONENT))


def _quotes(store: StudyStore, interview_key: str, theme_id: str | None = None) -> list[Quote]:
    where, params = "interview_key = ?", [interview_key]
    if theme_id is not None:
        where, params = where + " AND theme_id = ?", [*params, theme_id]
    return [Quote(r["key"], r["interview_key"], r["theme_id"], r["passage"], r["consent_record_key"],
                  r["marked_at"])
            for r in store.db["conversation_quotes"].rows_where(where, params, order_by="marked_at, rowid")]


def quotes(store: StudyStore, interview_key: str, theme_id: str | None = None) -> list[Quote]:
    """The passages marked as quotes in this interview (of one theme, when given)."""
    return _quotes(store, interview_key, theme_id)


def mark_quote(store: StudyStore, interview_key: str, theme_id: str, passage: str) -> Quote:
    """Mark words of a theme's notes as a quote; ``ConsentRequired`` without consent to quotes."""
    require_consent(store, interview_key, NOTES_COMPONENT)
    require_consent(store, interview_key, QUOTES_COMPONENT)
    notes = themes(store, interview_key).get(theme_id, ThemeRecord(theme_id)).notes
    problem = quote_problem(passage, notes)
    if problem:
        raise InvalidInput("quote", problem)
    record = current_consent(store, interview_key)
    assert record is not None  # require_consent has just found it
    quote = Quote(new_key(), interview_key, theme_id, passage.strip(), record.record_id, _now())
    with store.edit(f"conversation: quote marked ({theme_id})", keys=[interview_key, quote.key]) as db:
        db["conversation_quotes"].insert({
            "key": quote.key, "interview_key": interview_key, "theme_id": theme_id,
            "passage": quote.passage, "consent_record_key": quote.consent_record_key,
            "marked_at": quote.marked_at})
    return quote


def unmark_quote(store: StudyStore, interview_key: str, quote_key: str) -> None:
    """Take the quote mark off a passage (the notes stay as they are)."""
    require_consent(store, interview_key, NOTES_COMPONENT)
    with store.edit("conversation: quote unmarked", keys=[interview_key, quote_key]) as db:
        db.execute("DELETE FROM conversation_quotes WHERE key = ? AND interview_key = ?",
                   [quote_key, interview_key])


def earlier_wave(store: StudyStore, interview_key: str, guides: Sequence[TopicGuide]) -> EarlierWave | None:
    """The family's latest earlier wave with a conversation recorded, or None."""
    interview = store.interview(interview_key)
    earlier = sorted((i for i in store.interviews_of(interview.family_key) if i.wave < interview.wave),
                     key=lambda i: i.wave, reverse=True)
    for candidate in earlier:
        found_services, found_themes = services(store, candidate.key), themes(store, candidate.key)
        if found_services or found_themes:
            pair = guide_for(store, candidate.key, guides)
            guide = None if pair is None else pair.english
            return EarlierWave(candidate, guide, found_services, found_themes)
    return None


def _theme_from_row(row: dict[str, Any]) -> ThemeRecord:
    return ThemeRecord(row["theme_id"], row["state"], row["notes"] or "",
                       frozenset(flag for flag in THEME_FLAGS if row[flag]))
