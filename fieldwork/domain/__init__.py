"""The study's concepts in plain Python: families, interviews, consent, the map, instruments.

Never imports Qt: the storage, export and UI layers build on it.
"""
