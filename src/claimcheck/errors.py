"""Errors a user can act on: each renders as one `file:line: message` line."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """An input, usage or configuration problem; the CLI prints it on one line and exits 2."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        message = " ".join(self.message.split())  # always exactly one line
        if self.file and self.line:
            return f"{self.file}:{self.line}: {message}"
        if self.file:
            return f"{self.file}: {message}"
        return message
