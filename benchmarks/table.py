"""A benchmark result row, the printed table and the JSON file."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    name: str
    value: float
    unit: str
    target: str

    def met(self) -> str:
        if not self.target.startswith("<="):
            return ""
        return "yes" if self.value <= float(self.target[2:].strip().replace(",", "")) else "NO"


def as_table(rows: list[Row]) -> str:
    width = max(len(r.name) for r in rows)
    lines = [f"{'benchmark':<{width}}  {'value':>10}  unit  {'target':<10}  met"]
    lines.append("-" * len(lines[0]))
    for r in rows:
        lines.append(f"{r.name:<{width}}  {r.value:>10.4g}  {r.unit:<4}  {r.target:<10}  {r.met()}")
    return "\n".join(lines)


def write_json(rows: list[Row], path: Path) -> None:
    path.write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n", encoding="utf-8")
