"""`python -m benchmarks [--json PATH]`: run every benchmark, print the table."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import export, fieldwork_progress, foundation, laptop_copy, network_map, report
from benchmarks.table import as_table, write_json


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    arguments = parser.parse_args()
    rows = (foundation.rows() + network_map.rows() + export.rows() + fieldwork_progress.rows()
            + laptop_copy.rows() + report.rows())
    print(as_table(rows))
    if arguments.json:
        write_json(rows, arguments.json)


if __name__ == "__main__":
    main()
