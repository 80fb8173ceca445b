"""Speed and memory measurements: `python -m benchmarks` prints a table (see __main__)."""
