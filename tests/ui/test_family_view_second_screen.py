"""With a second screen (a projector, or a monitor turned to the family), the family's
windows go full screen there and leave the laptop to the researcher; Esc closes them.
Run in a real child process: Qt's offscreen platform is given two screens from a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENS = {"screens": [
    {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    {"name": "projector", "x": 1366, "y": 0, "width": 1920, "height": 1080,
     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
]}


def test_family_windows_fill_the_second_screen_and_close_with_escape(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.support.two_screens_worker"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["screens"] == ["laptop", "projector"]
    for window in ("score15", "map"):
        assert found[window]["screen"] == "projector", found
        assert found[window]["full_screen"] is True, found
        assert found[window]["size"] == [1920, 1080], found
        assert found[window]["closed_by_escape"] is True, found
