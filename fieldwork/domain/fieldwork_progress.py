"""Where the fieldwork stands: counts by stage per site and wave, rates, and who is due.

The one place the stages are decided (``family_stages``), used by the Fieldwork view, the
``progress`` command and the follow-up list alike. It works on ``FamilyFacts``, plain
facts the storage layer reads in a few bulk queries, so it is fast for thousands of
families and testable without a database. Qt-free.

Stages of a family at a wave (a family can be at several: approached ⊇ agreed ⊇ interviewed):

- approached: at wave 1 its recruitment has a date approached or an outcome; at any wave,
  a contact attempt or an interview at that wave;
- agreed: at wave 1 the recruitment outcome 'agreed'; at any wave, an attempt that made an
  appointment, or an interview at that wave that was started;
- interviewed: an interview at that wave completed; stopped: one stopped and none completed;
- withdrew: an interview at that wave marked withdrawn, or the wave's outcome 'withdrew';
- declined: at wave 1 the recruitment outcome 'declined' or 'gatekeeper declined'; the wave's
  outcome 'refused' or 'case closed and declined'; or, not interviewed, its latest attempt
  at that wave 'declined';
- uncontactable: at wave 1 'not contactable'; the wave's outcome 'uncontactable' or 'moved away';
- not eligible: at wave 1 the recruitment outcome 'not eligible'.

Response rate: interviewed ÷ (approached − not eligible). Retention (wave 2 on): interviewed
at the wave ÷ interviewed at wave 1, for the same site.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

STAGES = ("approached", "agreed", "interviewed", "stopped", "withdrew", "declined",
          "uncontactable", "not_eligible")
STAGE_LABELS = {
    "approached": "Approached", "agreed": "Agreed", "interviewed": "Interviewed",
    "stopped": "Stopped", "withdrew": "Withdrew", "declined": "Declined",
    "uncontactable": "Uncontactable", "not_eligible": "Not eligible",
}
ALL_SITES = "All sites"
NO_SITE = "(no site)"
DEFAULT_FOLLOW_UP_MONTHS = 6


@dataclass(slots=True)
class FamilyFacts:
    """What the stages of one family are decided from (codes as stored)."""

    family_key: str
    code: str
    site: str
    recruitment_outcome: str | None = None
    approached_on: date | str | None = None  # only whether there is one matters here
    # wave → statuses of the family's interviews at that wave
    interviews: dict[int, list[str]] = field(default_factory=dict)
    # wave → the date of the first completed interview at that wave
    interviewed_on: dict[int, date] = field(default_factory=dict)
    # wave → (date, outcome) of each attempt, oldest first; the date may be left as its ISO
    # text (the storage layer does, for speed: only the last attempt's is ever read)
    attempts: dict[int, list[tuple[date | str, str]]] = field(default_factory=dict)
    # wave → (outcome, attrition reason or None)
    outcomes: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    # wave → dates of booked appointments
    booked: dict[int, list[date]] = field(default_factory=dict)


def family_stages(facts: FamilyFacts, wave: int) -> set[str]:
    """The stages the family has reached at ``wave`` (see the module's description)."""
    stages: set[str] = set()
    statuses = facts.interviews.get(wave, [])
    attempts = facts.attempts.get(wave, [])
    outcome, reason = facts.outcomes.get(wave, (None, None))
    recruited = facts.recruitment_outcome if wave == 1 else None
    if (wave == 1 and (facts.approached_on or facts.recruitment_outcome)) or attempts or statuses:
        stages.add("approached")
    started = {"in_progress", "completed", "terminated"} & set(statuses)
    if recruited == "agreed" or started or any(o == "appointment_made" for _d, o in attempts):
        stages.add("agreed")
    if "completed" in statuses:
        stages.add("interviewed")
    elif "terminated" in statuses:
        stages.add("stopped")
    if "withdrawn" in statuses or reason == "withdrew":
        stages.add("withdrew")
    if (recruited in ("declined", "gatekeeper_declined") or reason in ("refused", "case_closed_declined")
            or ("interviewed" not in stages and attempts and attempts[-1][1] == "declined")):
        stages.add("declined")
    if recruited == "not_contactable" or reason in ("uncontactable", "moved_away"):
        stages.add("uncontactable")
    if recruited == "not_eligible":
        stages.add("not_eligible")
    return stages


@dataclass(frozen=True)
class ProgressRow:
    wave: int
    site: str
    counts: dict[str, int]

    @property
    def response_rate(self) -> float | None:
        base = self.counts["approached"] - self.counts["not_eligible"]
        return self.counts["interviewed"] / base if base > 0 else None


@dataclass(frozen=True)
class Progress:
    rows: list[ProgressRow]
    retention: dict[tuple[int, str], float | None]
    erased_families: int
    due_this_week: list[DueFamily]
    overdue: int = 0  # due before this week and still open (all of them are in the follow-up list)

    def row(self, wave: int, site: str = ALL_SITES) -> ProgressRow:
        return next(r for r in self.rows if r.wave == wave and r.site == site)


def compute_progress(families: list[FamilyFacts], erased_families: int = 0,
                     due_this_week: list[DueFamily] | None = None, sites: tuple[str, ...] = (),
                     overdue: int = 0) -> Progress:
    """Counts by stage for every wave (at least waves 1 and 2) and site, with 'All sites' last."""
    waves = {1, 2}
    for f in families:
        waves |= set(f.interviews) | set(f.attempts) | set(f.outcomes)
    site_names = list(sites) + sorted({f.site or NO_SITE for f in families} - set(sites))
    counts: dict[tuple[int, str], Counter[str]] = {
        (wave, site): Counter() for wave in waves for site in [*site_names, ALL_SITES]}
    for f in families:
        site = f.site or NO_SITE
        for wave in waves:
            if wave > 1 and wave not in f.interviews and wave not in f.attempts and wave not in f.outcomes:
                continue  # nothing at this wave: no stage (the common case in a big study)
            here, everywhere = counts[wave, site], counts[wave, ALL_SITES]
            for stage in family_stages(f, wave):
                here[stage] += 1
                everywhere[stage] += 1
    rows, retention = [], {}
    for wave in sorted(waves):
        for site in [*site_names, ALL_SITES]:
            counted = counts[wave, site]
            rows.append(ProgressRow(wave, site, {stage: counted[stage] for stage in STAGES}))
            if wave > 1:
                first = counts[1, site]["interviewed"]
                retention[(wave, site)] = counted["interviewed"] / first if first else None
    return Progress(rows, retention, erased_families, due_this_week or [], overdue)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def format_progress(progress: Progress, today: date | None = None) -> str:
    """The progress table as plain text (what `progress` prints; the view shows the same rows)."""
    head = ["Wave", "Site", *(STAGE_LABELS[s] for s in STAGES), "Response", "Retention"]
    table = [head]
    for row in progress.rows:
        retention = progress.retention.get((row.wave, row.site)) if row.wave > 1 else None
        table.append([str(row.wave), row.site, *(str(row.counts[s]) for s in STAGES),
                      _percent(row.response_rate), "" if row.wave == 1 else _percent(retention)])
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) if i < 2 else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(r, widths, strict=True))).rstrip()
             for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if progress.erased_families:
        lines.append(f"Erased after withdrawing: {progress.erased_families} "
                     "(their site and waves were erased with them; not in the counts above)")
    week = f" (week of {week_start(today or date.today()):%d %b %Y})"
    if progress.due_this_week:
        lines.append(f"Due for wave 2 this week{week}:")
        lines += [f"  {d.code}  {d.site or NO_SITE}  due {d.due_on.isoformat()}  "
                  f"{d.attempts} attempt(s)  next: {d.next_step}" for d in progress.due_this_week]
    else:
        lines.append(f"Nobody is due for wave 2 this week{week}.")
    if progress.overdue:
        lines.append(f"Overdue for wave 2 (due before this week, still open): {progress.overdue}")
    return "\n".join(lines)


# -- wave-2 follow-up ------------------------------------------------------------------------------

def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day if it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class DueFamily:
    family_key: str
    code: str
    site: str
    interviewed_on: date
    due_on: date
    attempts: int
    last_attempt: tuple[date, str] | None
    next_step: str

    def due_by(self, day: date) -> bool:
        return self.due_on <= day


ATTEMPTS_BEFORE_ANOTHER_CHANNEL = 4


def next_step(due_on: date, attempts: list[tuple[date | str, str]], booked: list[date], today: date) -> str:
    """What the researcher should do next for a family due for wave 2, in plain words."""
    coming = [d for d in booked if d >= today]
    if coming:
        return f"Visit booked for {min(coming):%d %b %Y}"
    if not attempts:
        return "First contact" if due_on <= today + timedelta(days=6 - today.weekday()) \
            else f"Not due until {due_on:%d %b %Y}"
    last = attempts[-1][1]
    unanswered = sum(1 for _d, o in attempts if o in ("no_answer", "left_message"))
    return {
        "appointment_made": "Book the appointment",
        "declined": "Record the outcome (declined)",
        "moved_away": "Ask the social worker for the new address, or record the outcome (moved away)",
        "wrong_number": "Ask the social worker for a new number, or write",
        "call_back": "Call back as asked",
    }.get(last, "Try another way (letter, visit, via the social worker)"
          if unanswered >= ATTEMPTS_BEFORE_ANOTHER_CHANNEL else "Try again")


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def families_due(families: list[FamilyFacts], months: int, today: date) -> list[DueFamily]:
    """Families interviewed at wave 1 whose wave 2 is still open, soonest due first.

    Open: no wave-2 interview completed, stopped or withdrawn, no wave-2 outcome recorded,
    and the family has not withdrawn at wave 1.
    """
    due = []
    for f in families:
        first = f.interviewed_on.get(1)
        if first is None or f.outcomes.get(2) or "withdrew" in family_stages(f, 1):
            continue
        if {"completed", "terminated", "withdrawn"} & set(f.interviews.get(2, [])):
            continue
        attempts = f.attempts.get(2, [])
        due_on = add_months(first, months)
        due.append(DueFamily(f.family_key, f.code, f.site, first, due_on, len(attempts),
                             (_day(attempts[-1][0]), attempts[-1][1]) if attempts else None,
                             next_step(due_on, attempts, f.booked.get(2, []), today)))
    return sorted(due, key=lambda d: (d.due_on, d.code))


def due_this_week(due: list[DueFamily], today: date) -> list[DueFamily]:
    """Those due this week, Monday to Sunday (the overdue are counted by ``overdue``)."""
    start = week_start(today)
    return [d for d in due if start <= d.due_on <= start + timedelta(days=6)]


def overdue(due: list[DueFamily], today: date) -> list[DueFamily]:
    """Those due before this week whose wave 2 is still open."""
    start = week_start(today)
    return [d for d in due if d.due_on < start]
