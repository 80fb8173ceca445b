"""Stages, counts, rates and who is due for wave 2: decided in one place, from plain facts."""

from __future__ import annotations

from datetime import date

from fieldwork.domain.fieldwork_progress import (
    ALL_SITES,
    FamilyFacts,
    add_months,
    compute_progress,
    due_this_week,
    families_due,
    family_stages,
    format_progress,
)

TODAY = date(2026, 9, 2)  # a Wednesday


def _f(code: str, site: str = "A", **facts) -> FamilyFacts:
    return FamilyFacts(code.lower(), code, site, **facts)


def test_stages_at_wave_1_from_recruitment_and_interviews() -> None:
    assert family_stages(_f("F1"), 1) == set()
    assert family_stages(_f("F1", recruitment_outcome="gatekeeper_declined",
                            approached_on=date(2026, 1, 1)), 1) == {"approached", "declined"}
    interviewed = _f("F2", recruitment_outcome="agreed", interviews={1: ["completed"]})
    assert family_stages(interviewed, 1) == {"approached", "agreed", "interviewed"}
    stopped = _f("F3", interviews={1: ["terminated"]})
    assert family_stages(stopped, 1) == {"approached", "agreed", "stopped"}
    unreached = _f("F4", recruitment_outcome="not_contactable")
    assert family_stages(unreached, 1) == {"approached", "uncontactable"}


def test_stages_at_wave_2_from_attempts_and_outcome() -> None:
    f = _f("F1", interviews={1: ["completed"]},
           attempts={2: [(date(2026, 7, 1), "no_answer"), (date(2026, 7, 3), "declined")]})
    assert family_stages(f, 2) == {"approached", "declined"}
    f.outcomes[2] = ("not_interviewed", "moved_away")
    assert "uncontactable" in family_stages(f, 2)
    withdrew = _f("F2", interviews={1: ["completed"], 2: ["withdrawn"]})
    assert family_stages(withdrew, 2) == {"approached", "withdrew"}


def test_counts_rates_and_retention_by_site() -> None:
    families = [
        _f("F1", "A", recruitment_outcome="agreed", interviews={1: ["completed"], 2: ["completed"]}),
        _f("F2", "A", recruitment_outcome="agreed", interviews={1: ["completed"]},
           outcomes={2: ("not_interviewed", "refused")}),
        _f("F3", "B", recruitment_outcome="not_eligible", approached_on=date(2026, 1, 2)),
        _f("F4", "B", recruitment_outcome="agreed", interviews={1: ["completed"]}),
        _f("F5", "B", recruitment_outcome="declined", approached_on=date(2026, 1, 2)),
    ]
    progress = compute_progress(families, erased_families=1, sites=("A", "B", "C"))
    assert [r.site for r in progress.rows if r.wave == 1] == ["A", "B", "C", ALL_SITES]
    a1, b1, all1 = progress.row(1, "A"), progress.row(1, "B"), progress.row(1)
    assert (a1.counts["approached"], a1.counts["interviewed"]) == (2, 2)
    assert b1.counts == {"approached": 3, "agreed": 1, "interviewed": 1, "stopped": 0, "withdrew": 0,
                         "declined": 1, "uncontactable": 0, "not_eligible": 1}
    assert b1.response_rate == 0.5  # 1 interviewed of 3 approached, one not eligible
    assert all1.counts["interviewed"] == 3 and progress.row(1, "C").response_rate is None
    assert progress.retention[(2, "A")] == 0.5 and progress.retention[(2, ALL_SITES)] == 1 / 3
    assert progress.row(2).counts["declined"] == 1
    text = format_progress(progress, TODAY)
    assert "Erased after withdrawing: 1" in text and "Nobody is due for wave 2 this week" in text
    assert text.splitlines()[0].split()[:3] == ["Wave", "Site", "Approached"]


def test_add_months_keeps_to_the_month() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 15), 6) == date(2026, 9, 15)


def test_who_is_due_and_what_to_do_next() -> None:
    families = [
        _f("F1", interviews={1: ["completed"]}, interviewed_on={1: date(2026, 3, 1)}),
        _f("F2", interviews={1: ["completed"]}, interviewed_on={1: date(2026, 3, 3)},
           attempts={2: [(date(2026, 8, d), "no_answer") for d in (20, 22, 25, 28)]}),
        _f("F3", interviews={1: ["completed"]}, interviewed_on={1: date(2026, 3, 6)},
           booked={2: [date(2026, 9, 10)]}),
        _f("F4", interviews={1: ["completed"]}, interviewed_on={1: date(2026, 5, 1)}),
        _f("F5", interviews={1: ["completed"], 2: ["completed"]}, interviewed_on={1: date(2026, 3, 1)}),
        _f("F6", interviews={1: ["completed"]}, interviewed_on={1: date(2026, 3, 1)},
           outcomes={2: ("not_interviewed", "uncontactable")}),
        _f("F7", interviews={1: ["terminated"]}),
    ]
    due = families_due(families, 6, TODAY)
    assert [d.code for d in due] == ["F1", "F2", "F3", "F4"]
    steps = {d.code: d.next_step for d in due}
    assert steps["F1"] == "First contact"
    assert steps["F2"].startswith("Try another way")
    assert steps["F3"] == "Visit booked for 10 Sep 2026"
    assert steps["F4"] == "Not due until 01 Nov 2026"
    assert [d.code for d in due_this_week(due, TODAY)] == ["F1", "F2", "F3"]
    assert due[1].attempts == 4 and due[1].last_attempt == (date(2026, 8, 28), "no_answer")


def test_overdue_families_are_counted_apart_from_this_week() -> None:
    from fieldwork.domain.fieldwork_progress import overdue

    families = [_f("F1", interviews={1: ["completed"]}, interviewed_on={1: date(2026, 2, 27)}),
                _f("F2", interviews={1: ["completed"]}, interviewed_on={1: date(2026, 3, 2)})]
    due = families_due(families, 6, TODAY)
    assert [d.code for d in due_this_week(due, TODAY)] == ["F2"]  # due Wed 2 Sep
    assert [d.code for d in overdue(due, TODAY)] == ["F1"]  # due Thu 27 Aug, last week
    progress = compute_progress(families, 0, due_this_week(due, TODAY), overdue=1)
    assert "Overdue for wave 2 (due before this week, still open): 1" in format_progress(progress, TODAY)
