"""The app's errors survive pickling (an export's worker process hands them back whole)."""

from __future__ import annotations

import pickle

from fieldwork.domain.errors import FieldworkError, InvalidInput, ResourceFileError
from fieldwork.domain.resource_reading import ResourceFileProblems


def test_errors_come_back_whole_after_pickling() -> None:
    errors = [FieldworkError("plain words"), InvalidInput("family code", "is taken."),
              ResourceFileError("forms/en.json", "statements", "is empty."),
              ResourceFileProblems([ResourceFileError("a.json", "title", "missing."),
                                    ResourceFileError("a.json", "items", "empty.")])]
    for error in errors:
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error)
        assert vars(back) == vars(error) or isinstance(back, ResourceFileProblems)
    assert [str(p) for p in pickle.loads(pickle.dumps(errors[3])).problems] == \
        ["a.json: title: missing.", "a.json: items: empty."]
