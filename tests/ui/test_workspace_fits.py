"""The workspace never makes the window grow: pages scroll inside it, banners wrap, the
navigator keeps one readable width, the title is cut rather than pushing."""

from __future__ import annotations

from fieldwork.domain.casebook import InterviewStatus
from fieldwork.storage.study_store import StudyStore
from fieldwork.ui.interview.workspace import InterviewWorkspace
from fieldwork.ui.save_status import SaveReporter

# What a 1024x600 screen leaves for the workspace under the menu, toolbar and status line.
ROOM_WIDTH, ROOM_HEIGHT = 1000, 440


def _interviews(store: StudyStore) -> list[str]:
    keys = []
    for summary in store.family_summaries():
        keys += [i.key for i in store.interviews_of(summary.family.key)]
    return keys


def test_every_demo_interview_fits_a_small_screen_on_every_step(qtbot, demo_store: StudyStore) -> None:
    keys = _interviews(demo_store)
    assert any(demo_store.interview(k).status is InterviewStatus.TERMINATED for k in keys)
    widths = set()
    for key in keys:
        workspace = InterviewWorkspace(demo_store, SaveReporter(demo_store), key)
        qtbot.addWidget(workspace)
        workspace.resize(ROOM_WIDTH, ROOM_HEIGHT)
        workspace.show()
        for row in range(len(workspace.steps)):
            workspace.navigator.setCurrentRow(row)
            needed = workspace.minimumSizeHint()
            assert needed.width() <= ROOM_WIDTH and needed.height() <= ROOM_HEIGHT, (
                demo_store.interview(key).wave, workspace.steps[row], needed)
            widths.add(workspace.navigator.width())
        workspace.close()
    assert len(widths) == 1  # one fixed navigator width, whatever the step or its state


def test_a_long_title_and_banner_do_not_widen_the_workspace(qtbot, demo_store: StudyStore) -> None:
    key = next(k for k in _interviews(demo_store)
               if demo_store.interview(k).status is InterviewStatus.TERMINATED)
    workspace = InterviewWorkspace(demo_store, SaveReporter(demo_store), key)
    qtbot.addWidget(workspace)
    workspace.show()
    before = workspace.minimumSizeHint().width()
    workspace.family_code = "F" + "0" * 120
    workspace.ended_early.setText("Stopped early: " + "a very long note " * 40)
    workspace.refresh()
    assert workspace.minimumSizeHint().width() == before
    assert workspace.title.toolTip().startswith("F000")
