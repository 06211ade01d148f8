"""One error tree for humanict.

::

    HumanictError            every error a user can cause; ``status`` maps to HTTP
     ├── NotFoundError       404  an economy, index or dataset that does not exist
     ├── InvalidInputError   422  bad user input (a value, an option, a spec)
     │    └── DataFileError  422  a data file at fault, with file, line and field
     └── ConflictError       409  the request contradicts the stored state

Messages start lowercase, name the offending value and say what to do.
"""

from __future__ import annotations

from pathlib import Path


class HumanictError(Exception):
    """Base of every error a user can cause."""

    status = 400


class NotFoundError(HumanictError, LookupError):
    status = 404


class InvalidInputError(HumanictError, ValueError):
    status = 422


class ConflictError(HumanictError):
    status = 409


class DataFileError(InvalidInputError):
    """A data file is at fault: carries the file, the 1-based line and the field."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, problem: str) -> None:
        self.path = Path(path)
        self.line = line
        self.field = field
        self.problem = problem
        where = str(self.path)
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {problem}")
