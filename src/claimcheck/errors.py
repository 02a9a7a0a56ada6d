"""Errors a user can act on: each renders as one `file:line: message` line."""

from __future__ import annotations


def printable(text: str) -> str:
    """`text` safe for one terminal line: control characters, line breaks and undecodable bytes escaped."""
    if text.isprintable():
        return text
    # A file name may hold a newline, an escape sequence or (undecodable bytes as) lone surrogates;
    # each would break the one-line contract or the terminal, so it is shown as a Python escape.
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode("ascii") for ch in text)


class ClaimcheckError(Exception):
    """An input, usage or configuration problem; the CLI prints it on one line and exits 2."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        message = printable(" ".join(self.message.split()))  # always exactly one line
        if self.file and self.line:
            return f"{printable(self.file)}:{self.line}: {message}"
        if self.file:
            return f"{printable(self.file)}: {message}"
        return message
