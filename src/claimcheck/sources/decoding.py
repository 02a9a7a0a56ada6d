"""Source bytes → text: UTF-8 (a BOM removed, a few bad bytes replaced) or a detected encoding; binary data refused."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..errors import ClaimcheckError

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # control characters other than white space


def _looks_binary(text: str) -> bool:
    """Whether decoded text is mostly not text: control characters other than white space."""
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)


def decode(data: bytes, name: str, warn: Callable[[str], None] | None = None) -> tuple[str, str]:
    """Bytes → (text, encoding): UTF-8 (BOM removed; a few bad bytes replaced) or a detected encoding; binary data is refused.

    A file that is mostly UTF-8 stays UTF-8 with each bad byte sequence replaced by U+FFFD (and `warn`
    told how many): reading the whole file as a legacy code page because of one stray byte would turn
    every other non-ASCII character into mojibake. "Mostly UTF-8": no more bad sequences than well-formed
    non-ASCII characters, or at most one per 1,000 bytes. Anything else (a cp1252 or Latin-1 file, whose
    every accent is a bad byte) goes to encoding detection.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data[:8192] and not utf16:
        raise ClaimcheckError("binary file, not a text source", file=name)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = "", ""
        if not utf16:
            replaced = data.decode("utf-8", errors="replace")
            bad = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # U+FFFD written in the file is no error
            valid = len(replaced) - len(replaced.encode("ascii", "ignore")) - bad  # well-formed non-ASCII characters
            if bad > 0 and (bad <= valid or bad * 1000 <= len(data)):
                text, encoding = replaced, "utf-8"
                if warn is not None:
                    warn(f"{bad:,} invalid UTF-8 byte sequence{'s' if bad > 1 else ''} replaced with U+FFFD")
        if not encoding:
            from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

            best = from_bytes(data).best()
            if best is None:
                raise ClaimcheckError("cannot detect the text encoding (save it as UTF-8)", file=name) from None
            text, encoding = str(best), best.encoding
            if text.startswith("\ufeff"):
                text = text[1:]
    # A detector will "decode" almost anything; text that is mostly control characters was not text.
    if _looks_binary(text):
        raise ClaimcheckError("binary file, not a text source", file=name)
    return text, encoding
