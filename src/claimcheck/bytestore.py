"""The checksummed byte store every cache uses: entries by key, verified on every load, written atomically.

Every entry holds its full key, a description of its payload and the payload, all covered by one SHA-256
verified on every load, so a flipped bit, a zeroed block, a truncated file or an entry filed under the wrong
name is detected, warned about once and rebuilt, never trusted. It needs neither numpy nor a model, so a run
that finds its results cached (`memo`) opens it without importing either.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import struct
from collections.abc import Callable, Mapping
from pathlib import Path

from .output import write_temp

# 2: checksummed entries (format 1 was bare `.npy` files, which damage could not be told from data).
CACHE_FORMAT = 2
MAGIC = b"CLAIMCHK"
_LENGTH = struct.Struct("<I")
_DIGEST = 32  # SHA-256


def default_cache_dir() -> Path:
    """`$CLAIMCHECK_CACHE_DIR`, else the platform's user cache folder."""
    if os.environ.get("CLAIMCHECK_CACHE_DIR"):
        return Path(os.environ["CLAIMCHECK_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimcheck"))


class Damaged(Exception):
    """An entry whose bytes fail their checksum or layout."""


class Mismatch(Exception):
    """A sound entry that holds another key's data, or data of another shape."""


def encode_entry(key: Mapping[str, str], meta: Mapping[str, object], payload: bytes) -> bytes:
    """An entry's bytes: magic, header length, JSON header (key, meta, payload size), payload, SHA-256 of all before it."""
    header = json.dumps({"format": CACHE_FORMAT, "key": dict(key), "meta": dict(meta), "size": len(payload)}, sort_keys=True).encode("utf-8")
    body = MAGIC + _LENGTH.pack(len(header)) + header + payload
    return body + hashlib.sha256(body).digest()


def decode_entry(data: bytes, key: Mapping[str, str]) -> tuple[dict[str, object], bytes]:
    """The meta and payload of an entry's bytes, after checking checksum, layout and key; raises Damaged or Mismatch."""
    if len(data) < len(MAGIC) + _LENGTH.size + _DIGEST or not data.startswith(MAGIC):
        raise Damaged("not a cache entry")
    body, digest = data[:-_DIGEST], data[-_DIGEST:]
    if hashlib.sha256(body).digest() != digest:
        raise Damaged("checksum mismatch")
    (length,) = _LENGTH.unpack_from(body, len(MAGIC))
    start = len(MAGIC) + _LENGTH.size
    try:
        header = json.loads(body[start : start + length])
    except ValueError:
        raise Damaged("unreadable header") from None
    payload = body[start + length :]
    if not isinstance(header, dict) or header.get("size") != len(payload) or not isinstance(header.get("meta"), dict):
        raise Damaged("inconsistent header")
    if header.get("format") != CACHE_FORMAT or header.get("key") != dict(key):
        raise Mismatch("another key")
    return header["meta"], payload


class ByteStore:
    """Checksummed entries by key; atomic, concurrency-safe writes; an unusable folder costs one warning and is then left alone."""

    def __init__(self, directory: Path | None, warn: Callable[[str], None], *, quiet_when_unusable: bool = False) -> None:
        self.directory = directory
        self.warn = warn
        self.quiet_when_unusable = quiet_when_unusable  # another store on the same folder says it once

    def path(self, key: Mapping[str, str]) -> Path:
        """Where an entry lives: under its kind, named by the hash of its whole key."""
        assert self.directory is not None
        name = hashlib.sha256(json.dumps(dict(key), sort_keys=True).encode("utf-8")).hexdigest()
        return self.directory / f"v{CACHE_FORMAT}" / key.get("kind", "bytes") / name[:2] / f"{name}.entry"

    def get_bytes(self, key: Mapping[str, str]) -> tuple[dict[str, object], bytes] | None:
        """An entry's meta and payload, or None when missing, damaged (warned) or the cache unreadable (warned once)."""
        if self.directory is None:
            return None
        path = self.path(key)
        try:
            # No link is followed into the cache: a planted link reads as a damaged entry.
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except PermissionError as exc:
            self._disable("readable", exc)
            return None
        except OSError:  # a link (ELOOP) or another oddity where an entry should be
            self.warn(f"{path}: damaged cache entry; rebuilding it")
            return None
        try:
            with open(descriptor, "rb", closefd=True) as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise Damaged("not a regular file")
                data = handle.read()
            return decode_entry(data, key)
        except PermissionError as exc:
            self._disable("readable", exc)
        except (Damaged, OSError):
            self.warn(f"{path}: damaged cache entry; rebuilding it")
        except Mismatch:
            self.warn(f"{path}: cache entry does not match; rebuilding it")
        return None

    def put_bytes(self, key: Mapping[str, str], payload: bytes, meta: Mapping[str, object] | None = None) -> None:
        """Store an entry: written whole under a fresh exclusive name in the same folder, then renamed into place."""
        if self.directory is None:
            return
        path = self.path(key)
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The output writer's temporary file: an unpredictable name created exclusively, renamed when whole;
            # concurrent writers each write their own file and the last rename wins with a whole entry. Not fsynced:
            # an entry ends with the SHA-256 of all before it, so bytes a power cut loses make it fail its check
            # (warned, recomputed), never read as another value, and a check writing a thousand window vectors
            # spent seconds waiting on the disk (the corpus index's generations, hours of work, are synced).
            temporary = write_temp(os.fspath(path), [encode_entry(key, meta or {}, payload)], replacing=False, sync=False)
            os.replace(temporary, path)
            temporary = None
        except OSError as exc:
            self._disable("writable", exc)
        finally:
            if temporary is not None:  # a failed rename leaves no stray file behind
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def _disable(self, what: str, exc: OSError) -> None:
        """Warn once and run on without the cache."""
        if not self.quiet_when_unusable:
            self.warn(f"{self.directory}: cache not {what} ({exc.strerror or exc}); continuing without it")
        self.directory = None
