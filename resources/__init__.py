"""The data files fieldwork ships: consent forms, instruments and map prompts, one JSON file
per form or instrument and language.

This folder sits at the top of the repository so the people who prepare and translate the
files find it at once; an install maps it to the package ``fieldwork.resources``
(``pyproject.toml``), and ``fieldwork.resource_files.resource_root()`` finds it in a
checkout, an installed wheel and the desktop app alike. No code lives here.
"""
