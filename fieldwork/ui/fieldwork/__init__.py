"""Screens for running the fieldwork: recruitment and contact per family, follow-up, progress."""
