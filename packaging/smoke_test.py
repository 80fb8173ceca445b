"""Smoke test of the built desktop app: run it as a researcher would, with no Python of
ours on the path, offscreen, and check what each command says.

    python packaging/smoke_test.py dist/fieldwork

Runs `fieldwork --help`, writes the demo study, `info`, `export` (with map pictures), a
missing study (one line, exit 2), and `self-check` (opens the demo in the app window, goes
through an interview, exports, closes). Exits 0 only when every one worked.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

PASSPHRASE = "smoke-test-only-passphrase"


def _program(app_folder: Path) -> Path:
    return app_folder / ("fieldwork.exe" if sys.platform == "win32" else "fieldwork")


def smoke_test(app_folder: Path) -> int:
    """Run the checks against the app in ``app_folder``; 0 when all pass."""
    program = _program(app_folder)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="fieldwork-smoke-") as scratch:
        work = Path(scratch)
        # No PYTHONPATH, no venv, settings and data in the scratch folder.
        environment = {key: value for key, value in os.environ.items()
                       if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
        environment.update(FIELDWORK_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen",
                           XDG_CONFIG_HOME=str(work / "config"), XDG_DATA_HOME=str(work / "data"))

        def check(name: str, arguments: list[str], expect_code: int, expect_text: str) -> None:
            nonlocal failures
            result = subprocess.run([str(program), *arguments], cwd=work, env=environment,
                                    capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
            said = result.stdout + result.stderr
            ok = result.returncode == expect_code and expect_text in said and "Traceback" not in said
            print(f"{'ok  ' if ok else 'FAIL'} {name}: exit {result.returncode}", flush=True)
            if not ok:
                failures += 1
                print(said, flush=True)

        check("--help", ["--help"], 0, "usage: fieldwork")
        check("demo", ["demo", "--db", "demo.db"], 0, "Wrote the demo study to demo.db: 23 families")
        check("info", ["info", "--db", "demo.db"], 0, "Families: 23")
        check("export", ["export", "--db", "demo.db", "--out", "bundle", "--maps"], 0, "families.csv: 23 rows")
        check("a missing study", ["info", "--db", "missing.db"], 2, "fieldwork: ")
        check("self-check (app window, offscreen)", ["self-check"], 0, "fieldwork works here")
        exported = sorted(path.name for path in (work / "bundle").glob("*.csv"))
        pictures = sorted(path.name for path in (work / "bundle" / "maps").glob("*"))
        # One picture per map: as many as the per-map GraphML files (all_maps.graphml is not one).
        maps = [p for p in (work / "bundle" / "graphml").glob("*.graphml") if p.name != "all_maps.graphml"]
        if "codebook.csv" not in exported or not pictures or len(pictures) != len(maps):
            failures += 1
            print(f"FAIL the bundle lacks files: {exported}, maps {pictures}", flush=True)
    print(f"smoke test of {program}: {'passed' if failures == 0 else f'{failures} check(s) failed'}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/smoke_test.py APP_FOLDER")
    sys.exit(smoke_test(Path(sys.argv[1])))
