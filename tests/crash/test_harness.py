"""The crash harness hears every line its worker wrote, however the lines arrive.

A check that every acknowledged edit survived a kill is only as good as the parent's
record of what was acknowledged: a line lost between the pipe and the record is an edit
the check never looks for.
"""

from __future__ import annotations

import signal

from tests.support.eager_worker import LINES
from tests.support.killed_worker import KilledWorker, acknowledged


def test_lines_written_together_with_ready_are_all_heard() -> None:
    worker = KilledWorker("tests.support.eager_worker")
    worker.wait_for("READY")
    assert worker.kill() == -signal.SIGKILL
    acks, pending = acknowledged(worker.lines)
    assert [a["n"] for a in acks] == list(range(LINES))
    assert pending is None
