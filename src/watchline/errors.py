"""Errors that carry the message a user should read and where the problem is.

Every layer raises these instead of bare exceptions so that the CLI can print one line
and the API can answer with a JSON body and the right status, without either of them
knowing where the error came from.
"""

from __future__ import annotations


class WatchlineError(Exception):
    """Base class: a problem the user can act on (bad input, unknown name, conflict)."""

    status = 400

    def __init__(self, message: str, *, location: str | None = None) -> None:
        self.message = message
        self.location = location
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.location:
            return f"{self.location}: {self.message}"
        return self.message

    def to_dict(self) -> dict[str, str | None]:
        return {"error": type(self).__name__, "message": self.message, "location": self.location}


class InputError(WatchlineError):
    """A file or record could not be read; `location` names file and line, element or field."""

    @classmethod
    def at(
        cls,
        message: str,
        *,
        path: object,
        line: int | None = None,
        field: str | None = None,
    ) -> InputError:
        parts = [str(path)]
        if line is not None:
            parts.append(f"line {line}")
        if field is not None:
            parts.append(f"field {field!r}")
        return cls(message, location=", ".join(parts))


class NotFoundError(WatchlineError):
    status = 404


class ConflictError(WatchlineError):
    """The stored state moved on (stale version, out-of-order delta, concurrent decision)."""

    status = 409


class FetchError(WatchlineError):
    status = 502
