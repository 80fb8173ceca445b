"""`fieldwork self-check`: the demo study in the app window, an interview, an export."""

from __future__ import annotations

import pytest

from fieldwork import cli


def test_self_check_opens_the_demo_goes_through_an_interview_and_exports(
    qapp, capsys: pytest.CaptureFixture[str],
) -> None:
    shown_before = {id(w) for w in qapp.topLevelWidgets() if w.isVisible()}
    assert cli.main(["self-check"]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == "Opened the demo study (23 families) in the app window."
    assert said[1].startswith("Opened F001's interview: 7 of 7 steps open (visit_details, consent,")
    assert said[2].startswith("Exported ") and said[2].endswith(" files and 24 map pictures.")
    assert said[3] == "fieldwork works here (Qt platform: offscreen)."
    # Nothing the self-check opened is left on screen (windows other tests left are theirs).
    left = [w for w in qapp.topLevelWidgets() if w.isVisible() and id(w) not in shown_before]
    assert left == []
