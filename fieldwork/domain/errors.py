"""The errors the domain raises when input is wrong: each says what is wrong and where.

The UI and the command line show ``str(error)`` to a person as it is, so messages are
whole sentences in plain words, never a traceback or a Python type name.
"""

from __future__ import annotations


class FieldworkError(Exception):
    """Base of every error fieldwork raises on purpose; its text is shown to people."""


class InvalidInput(FieldworkError):
    """A value a person typed or a program passed is not acceptable.

    ``field`` names the thing that is wrong in the researcher's words (e.g. 'family code').
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Made again from its parts, as it crosses from an export's worker process.
        return type(self), (self.field, self.problem)


class ResourceFileError(FieldworkError):
    """A data file shipped with or added to the app (consent form, instrument) is wrong.

    Says which file and which field, so whoever prepared the file can mend it.
    """

    def __init__(self, path: str, field: str, problem: str) -> None:
        self.path = path
        self.field = field
        self.problem = problem
        super().__init__(f"{path}: {field}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        return type(self), (self.path, self.field, self.problem)
