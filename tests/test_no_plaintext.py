"""Nothing of a family leaves the encrypted database unless a person exports it.

A whole demo session runs in a child process with its own home, data, config and temp
folders; afterwards every file in them (Qt settings included) is scanned for the demo's
strings: family notes, closing notes, interpreters' names, and a sentence typed during the
session.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPED = "Typed during the scan session: Auntie Wanjiru"
DEMO_STRINGS = [
    TYPED, "Auntie Wanjiru", "Referred by the hospital", "INT-07", "Friend N supportive",
    "Respondent became upset", "Arabic-speaking family", "Family X",
]


def test_a_demo_session_leaves_no_plaintext_behind(tmp_path: Path) -> None:
    folders = {name: tmp_path / name for name in ("home", "data", "config", "cache", "tmp")}
    for folder in folders.values():
        folder.mkdir()
    env = {
        **os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(folders["home"]),
        "XDG_DATA_HOME": str(folders["data"]), "XDG_CONFIG_HOME": str(folders["config"]),
        "XDG_CACHE_HOME": str(folders["cache"]), "TMPDIR": str(folders["tmp"]),
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "support" / "demo_session.py"), TYPED],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    files = [p for folder in folders.values() for p in folder.rglob("*") if p.is_file()]
    settings = [p for p in files if p.suffix == ".conf"]
    assert settings, "the session should have written its Qt settings (the lock time)"
    assert "lock_after_minutes=7" in settings[0].read_text()
    found = {}
    for path in files:
        data = path.read_bytes()
        hits = [s for s in DEMO_STRINGS if s.encode() in data or s.encode("utf-16-le") in data]
        if hits:
            found[str(path.relative_to(tmp_path))] = hits
    assert found == {}
    # The throwaway demo copy was deleted when the app closed.
    assert not list(folders["tmp"].rglob("*.db"))
