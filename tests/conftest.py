"""Shared test set-up: Qt runs offscreen, never on a real display; studies live in tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def study_path(tmp_path: Path) -> Path:
    return tmp_path / "study.db"


@pytest.fixture
def store(study_path: Path) -> Iterator["StudyStore"]:  # noqa: F821
    from fieldwork.storage.study_store import StudyStore

    opened = StudyStore.create(study_path, PASSPHRASE, "Test study", "R01 Test Researcher")
    opened.add_site("Borough A")
    opened.add_site("Borough B")
    yield opened
    opened.close()


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator["StudyStore"]:  # noqa: F821
    from fieldwork.demo_study import write_demo_study

    opened = write_demo_study(tmp_path / "demo.db", PASSPHRASE)
    yield opened
    opened.close()
