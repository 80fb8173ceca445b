"""The demo study, as the export tests read it: it must hold every kind of record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE


@pytest.fixture
def full_demo(tmp_path: Path) -> Iterator[StudyStore]:  # noqa: F821
    """The demo study; the tests rely on its maps, SCORE-15, free text and withdrawals."""
    from fieldwork.demo import write_demo_study

    store = write_demo_study(tmp_path / "demo.db", PASSPHRASE)
    for table in ("network_maps", "instrument_administrations", "withdrawals"):
        assert store.db[table].count, f"the demo study has no {table}"
    yield store
    store.close()
