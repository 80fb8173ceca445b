"""How fast this machine runs Python at the moment a benchmark is taken.

The machines these benchmarks run on share their processors: the same export has taken from
1.1 s to 2.9 s on the same code within a day, and a plain Python loop from 1.4 s to 2.1 s
within a minute. A row's time alone cannot say whether code or machine changed, so the
export benchmark times this fixed workload just before each of its exports and reports it
beside them: rows taken when the workload was slow were taken on a slow machine.

The workload is what the export does most, in pure Python and the same every time:
formatting values into templates, dict lookups, rounding and joining text.
"""

from __future__ import annotations

import statistics
import time

_TEMPLATE = '    <node id="%s">\n      <data key="d0">%s</data>\n      <data key="d1">%s</data>\n    </node>\n'


def _workload() -> int:
    codes = {f"person-{n}": f"P{n:05d}" for n in range(2000)}
    lines: list[str] = []
    size = 0
    for turn in range(25):
        for n in range(2000):
            key = f"person-{n}"
            lines.append(_TEMPLATE % (key, codes[key], round(n * 1.2345 + turn, 3)))
        size += len("".join(lines))
        lines.clear()
    return size


def python_workload_seconds(runs: int = 3) -> float:
    """The median time of ``runs`` runs of the fixed workload (about 0.1 s each on a quiet
    machine of this class)."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        _workload()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


if __name__ == "__main__":
    print(f"{python_workload_seconds():.3f} s")
