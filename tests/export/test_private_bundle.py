"""An analysts' bundle and its zip hold families' data: owner-only (0600, folders 0700) on POSIX."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from fieldwork.demo import write_demo_study
from tests.conftest import PASSPHRASE
from tests.test_cli import run

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def test_export_zip_writes_only_owner_readable_files(tmp_path: Path) -> None:
    study = tmp_path / "study.db"
    write_demo_study(study, PASSPHRASE).close()
    out = tmp_path / "bundle"
    before = os.umask(0o022)  # the usual umask, under which a careless file is 0644
    try:
        result = run("export", "--db", str(study), "--out", str(out), "--zip", "--maps")
    finally:
        os.umask(before)
    assert result.returncode == 0, result.stderr
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode)
             for p in (out, *out.rglob("*"), tmp_path / "bundle.zip")}
    loose = {name for name, m in modes.items() if m != (0o700 if (tmp_path / name).is_dir() else 0o600)}
    assert loose == set()
    assert "bundle/graphml" in modes and "bundle.zip" in modes
    with zipfile.ZipFile(tmp_path / "bundle.zip") as archive:
        assert archive.testzip() is None
