"""Every widget of the app. The only package that imports PySide6."""
