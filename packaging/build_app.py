"""Build the desktop app for this platform: one folder with the `fieldwork` program and
everything it needs, Python included (PyInstaller).

    python packaging/build_app.py               # dist/fieldwork/
    python packaging/build_app.py --smoke-test  # ... then run the built app's smoke test

Works the same on Linux, Windows and macOS (PyInstaller builds for the platform it runs
on; there is no cross-building). Makes its own venv in build/app-venv, installs fieldwork
into it from this checkout as a wheel would (not editable) together with PyInstaller,
and freezes packaging/fieldwork_main.py with packaging/fieldwork.spec. Needs Python 3.11+
and the package index (or a pip configured for a mirror); nothing else.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
# PyInstaller 6 lays the app out as fieldwork + _internal/; the spec relies on that.
PYINSTALLER = "pyinstaller>=6.10,<7"


def _venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def _run(*command: str | Path, cwd: Path = ROOT) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=cwd)


def folder_size(folder: Path) -> int:
    """Bytes in every file under ``folder``."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def build(build_folder: Path, dist_folder: Path) -> Path:
    """Build the app; return the folder that holds it."""
    environment = build_folder / "app-venv"
    if environment.exists():
        shutil.rmtree(environment)  # never build from an older install of fieldwork
    venv.EnvBuilder(with_pip=True).create(environment)
    python = _venv_python(environment)
    _run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(python, "-m", "pip", "install", "--quiet", str(ROOT), PYINSTALLER)
    # Run from the build folder: from the checkout, Python would find the checkout's
    # fieldwork (without its data files) before the installed one.
    _run(python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", dist_folder, "--workpath", build_folder / "pyinstaller",
         PACKAGING / "fieldwork.spec", cwd=build_folder)
    app = dist_folder / ("fieldwork.app" if sys.platform == "darwin" else "fieldwork")
    if not app.exists():
        raise SystemExit(f"build_app: PyInstaller wrote no {app}")
    return dist_folder / "fieldwork"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke-test", action="store_true", help="run the built app's smoke test after building")
    parser.add_argument("--build", type=Path, default=ROOT / "build", help="work folder (default: build/)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app goes (default: dist/)")
    arguments = parser.parse_args(argv)
    started = time.monotonic()
    folder = build(arguments.build.resolve(), arguments.dist.resolve())
    print(f"Built {folder} in {time.monotonic() - started:.0f} s: "
          f"{folder_size(folder) / 1e6:.0f} MB in {sum(1 for _ in folder.rglob('*'))} files.", flush=True)
    if arguments.smoke_test:
        from smoke_test import smoke_test  # packaging/ is this script's folder

        return smoke_test(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
