"""The analysts' report: the evaluation's family tables from a study's data, in one command.

``python main.py report --db STUDY --out DIR`` (or ``--bundle BUNDLE``) writes ``report.html``
(one self-contained file, figures embedded as PNG) and ``report.pdf`` (the same tables and
figures). The package is Qt-free: ``sources`` reads the rows (from a study file, as the
bundle would write them, or from a bundle's CSV files), ``tables`` and its siblings compute
the tables, ``suppression`` hides small numbers, ``figures`` draws with matplotlib, ``html``
and ``pdf`` write the two files, and ``command`` is the command line.
"""

from fieldwork.export.report.writer import ReportResult, build_report, write_report

__all__ = ["ReportResult", "build_report", "write_report"]
