"""Shared test set-up: Qt runs offscreen, never on a real display; studies live in tmp_path."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch the researcher's own settings: Qt files QSettings under
# XDG_CONFIG_HOME on Linux, here a throwaway folder (child processes inherit it).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="fieldwork-test-settings-")

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def study_path(tmp_path: Path) -> Path:
    return tmp_path / "study.db"


@pytest.fixture
def store(study_path: Path) -> Iterator[StudyStore]:  # noqa: F821
    from fieldwork.storage.study_store import StudyStore

    opened = StudyStore.create(study_path, PASSPHRASE, "Test study", "R01 Test Researcher")
    opened.add_site("Borough A")
    opened.add_site("Borough B")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo study written once per test run (closed); each test gets its own copy."""
    from fieldwork.demo import write_demo_study

    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    write_demo_study(path, PASSPHRASE).close()
    return path


@pytest.fixture
def demo_store(tmp_path: Path, demo_template: Path) -> Iterator[StudyStore]:  # noqa: F821
    from fieldwork.storage.study_store import StudyStore

    # A copy of the file, not the demo written again: the same study, made in a fraction
    # of the time (the file is closed, so it is whole without its -wal).
    shutil.copyfile(demo_template, tmp_path / "demo.db")
    opened = StudyStore.open(tmp_path / "demo.db", PASSPHRASE)
    yield opened
    opened.close()


def give_consent(store: StudyStore, interview_key: str, refuse: tuple[str, ...] = ()) -> ConsentRecord:  # noqa: F821
    """Record verbal consent on the shipped English wave-1 form: yes to all but ``refuse`` components."""
    from datetime import datetime

    from fieldwork.domain.consent import HowGiven, answers_from_choices, confirm_consent
    from fieldwork.domain.consent_forms import CONSENT_FORMS_FOLDER, newest_form
    from fieldwork.domain.resource_loading import load_consent_forms
    from fieldwork.storage.consent_store import save_consent

    forms, _errors = load_consent_forms(CONSENT_FORMS_FOLDER)
    form = newest_form(forms, "family-interview")
    assert form is not None
    choices = {s.statement_id: s.component not in refuse for s in form.statements}
    record = confirm_consent(
        form, interview_id=interview_key, answers=answers_from_choices(form, choices),
        how_given=HowGiven.VERBAL, researcher_confirmation="R01 Test Researcher",
        confirmed_at=datetime.now(UTC),
    )
    save_consent(store, record)
    return record


@pytest.fixture
def consented_interview(store: StudyStore) -> tuple[StudyStore, str]:  # noqa: F821
    """A family's wave-1 interview, in progress, with consent to every component."""
    family = store.add_family(site="Borough A")
    interview = store.add_interview(family.key)
    store.change_status(interview.key, "in_progress")
    give_consent(store, interview.key)
    return store, interview.key
