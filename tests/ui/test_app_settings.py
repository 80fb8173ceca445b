"""The app files its settings under its own names, and tests never write the real ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings


def test_tests_write_settings_only_in_a_throwaway_folder(qapp) -> None:
    where = Path(QSettings().fileName())
    assert where.is_relative_to(os.environ["XDG_CONFIG_HOME"])


def test_the_app_is_named_at_start_so_its_settings_have_one_home(tmp_path: Path) -> None:
    script = ("from fieldwork.ui.application import make_application\n"
              "from PySide6.QtCore import QSettings\n"
              "make_application()\n"
              "settings = QSettings()\n"
              "print(settings.organizationName(), settings.applicationName(), settings.fileName())")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path)})
    organisation, application, file_name = result.stdout.split()
    assert (organisation, application) == ("fieldwork", "fieldwork")
    assert Path(file_name) == tmp_path / "fieldwork" / "fieldwork.conf"
