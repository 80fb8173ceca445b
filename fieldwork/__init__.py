"""fieldwork: offline, encrypted fieldwork for family research visits."""

__version__ = "0.1.0"
