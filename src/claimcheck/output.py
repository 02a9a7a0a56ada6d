"""The one writer for every file the tool writes: the report, an annotated draft, a baseline.

Rules (DESIGN: the tool never modifies an input and never writes through a link):

- A regular file is replaced whole: the text goes to a new file with an unpredictable name in the target's
  folder, created with O_CREAT|O_EXCL|O_NOFOLLOW (so nothing planted at that name is followed or reused),
  fsynced, then renamed over the target. Readers and concurrent runs see the old file or a complete new one,
  never part of one; the last rename wins. A new file gets the usual mode (0666 less the umask); a replaced
  file keeps its permission bits, so a report the user made private stays private.
- A symbolic link as the target is refused (renaming over it would silently turn it into a file, writing
  through it would change a file the user did not name). The one exception is a link to a stream (below):
  `/dev/stdout` is such a link on Linux.
- A FIFO or character device (a named pipe, `/dev/null`, a terminal) is opened and written as a stream,
  never replaced by a regular file; a link leading to this process's own stdout or stderr writes there.
- Writing over an input of the run (claims file, draft, baseline being read, config file, any file under a
  sources root) or into a sources root is refused before any work is done (`refuse_inputs`).
- Several outputs of one run are all prepared first and renamed into place together at the end, and every
  temporary file is removed on error or interrupt, so a failed or interrupted run leaves no half-written or
  stray file behind.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TextIO

from .errors import ClaimcheckError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def temp_token() -> str:
    """A random part for a temporary file's name (os.urandom, as `secrets` does, without importing it and `random`)."""
    return os.urandom(8).hex()


@dataclass(frozen=True)
class Input:
    """A file or folder the run reads; `kind` names it in messages ("baseline", "sources folder"; "" for none)."""

    path: str
    kind: str


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _own_stream(info: os.stat_result) -> TextIO | None:
    """This process's stdout or stderr when `info` is the file behind it (`/dev/stdout`, `/dev/fd/2`, …)."""
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        try:
            if _same_file(info, os.fstat(fd)):
                return stream
        except OSError:
            continue
    return None


def _kind(path: str, flag: str) -> str:
    """What the target is now: "new", "file", "stream", "stdout" or "stderr"; anything else is refused.

    `flag` names the output in messages: the option ("--output") or what it holds ("report").
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "new"
    except OSError as exc:
        raise ClaimcheckError(f"cannot write {flag}: {exc.strerror or exc}", path) from None
    if stat.S_ISLNK(info.st_mode):
        try:
            followed = os.stat(path)
        except OSError:
            followed = None
        own = _own_stream(followed) if followed else None
        if own is not None:
            return "stdout" if own is sys.stdout else "stderr"
        if followed and (stat.S_ISFIFO(followed.st_mode) or stat.S_ISCHR(followed.st_mode)):
            return "stream"
        raise ClaimcheckError(f"{flag} is a symbolic link; claimcheck never writes through a link (name the real file, or remove the link)", path)
    if stat.S_ISREG(info.st_mode):
        return "file"
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return "stream"
    if stat.S_ISDIR(info.st_mode):
        raise ClaimcheckError(f"{flag} is a folder; name a file", path)
    raise ClaimcheckError(f"{flag} is not a regular file, pipe or character device; not written", path)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def refuse_inputs(outputs: dict[str, str | None], inputs: Iterable[Input]) -> None:
    """Refuse (exit 2) before any work when an output would replace an input, land in a sources folder, or be a link.

    `outputs` maps each option ("--output") to the path given (None when not given). Paths are compared after
    resolving links, and by inode, so `./x/../claims.yaml` or a hard link to the draft is caught too.
    """
    inputs = list(inputs)
    resolved_inputs = [(item, os.path.realpath(item.path)) for item in inputs]
    seen: dict[str, str] = {}
    for flag, path in outputs.items():
        if not path:
            continue
        target = os.path.realpath(path)
        try:
            target_info: os.stat_result | None = os.stat(path)
        except OSError:
            target_info = None
        for item, resolved in resolved_inputs:
            if os.path.isdir(resolved):
                if _inside(target, resolved):
                    raise ClaimcheckError(f"refusing to write {flag} into the {item.kind} {item.path}, an input of this run; choose a file elsewhere", path)
                continue
            same = target == resolved
            if not same and target_info is not None and stat.S_ISREG(target_info.st_mode):
                try:
                    same = _same_file(target_info, os.stat(resolved))
                except OSError:
                    pass
            if same:
                what = f"the {item.kind} {item.path}" if item.kind else item.path
                raise ClaimcheckError(f"refusing to write {flag} over {what}, an input of this run; choose another file", path)
        kind = _kind(path, flag)
        if kind == "new" and not os.path.isdir(os.path.dirname(path) or "."):
            raise ClaimcheckError(f"{flag}: the folder {os.path.dirname(path)} does not exist", path)  # said now, not after a long run
        if kind in ("new", "file"):
            if target in seen:
                raise ClaimcheckError(f"{flag} and {seen[target]} name the same file; give each its own", path)
            seen[target] = flag


@dataclass
class _Pending:
    path: str
    chunks: Iterable[str] | None  # for a stream, the text still to write; a file's is written to `temp` at once
    what: str
    kind: str
    temp: str | None = None


class Outputs:
    """Outputs of one run: `add` prepares each (a complete temporary file), `commit` puts them all in place.

    Used as a context manager: leaving it by an exception (an error, Ctrl-C) removes every temporary file
    and changes nothing; leaving it normally commits.
    """

    def __init__(self) -> None:
        self._pending: list[_Pending] = []

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    def add(self, path: str, text: str | Iterable[str], what: str) -> None:
        """Prepare `text` (a string, or pieces written in order and never joined) for `path`; `what` names it in messages."""
        chunks = [text] if isinstance(text, str) else text
        item = _Pending(path, chunks, what, _kind(path, what))
        self._pending.append(item)
        if item.kind in ("new", "file"):
            item.chunks = None
            try:
                item.temp = write_temp(path, (chunk.encode("utf-8") for chunk in chunks), item.kind == "file")
            except OSError as exc:
                raise ClaimcheckError(f"cannot write {what}: {exc.strerror or exc}", path) from None

    def commit(self) -> None:
        """Rename every prepared file into place, then write the streams."""
        try:
            for item in self._pending:
                if item.temp is not None:
                    # Checked again at the last moment: a link planted since `add` is refused, never replaced.
                    if _kind(item.path, item.what) not in ("new", "file"):
                        raise ClaimcheckError(f"{item.what} target changed while the run worked (now a link or not a regular file); not written", item.path)
                    try:
                        os.replace(item.temp, item.path)
                    except OSError as exc:
                        raise ClaimcheckError(f"cannot write {item.what}: {exc.strerror or exc}", item.path) from None
                    item.temp = None
                    _sync_folder(item.path)
            for item in self._pending:
                if item.kind in ("stdout", "stderr"):
                    stream = sys.stdout if item.kind == "stdout" else sys.stderr
                    for chunk in item.chunks or ():
                        stream.write(chunk)
                    stream.flush()
                elif item.kind == "stream":
                    _write_stream(item.path, item.chunks or (), item.what)
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove every temporary file not yet renamed into place."""
        for item in self._pending:
            if item.temp is not None:
                try:
                    os.unlink(item.temp)
                except OSError:
                    pass
                item.temp = None
        self._pending = []


def write_text(path: str, text: str, what: str) -> None:
    """Write one output by the rules above (complete or not at all)."""
    with Outputs() as outputs:
        outputs.add(path, text, what)


def write_temp(path: str, data: Iterable[bytes], replacing: bool) -> str:
    """A new, fsynced file holding the pieces of `data` in the folder of `path`, under a name nobody could predict.

    Created with O_EXCL|O_NOFOLLOW, so nothing planted at that name is followed or reused; removed again if
    writing fails. The caller renames it over `path` (`replacing`: keep the permission bits of the file there).
    """
    folder, name = os.path.split(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
    for _ in range(100):
        # Hidden, and tied to the target's name so a stray one (after SIGKILL) says what it was.
        temp = os.path.join(folder, f".{name}.{temp_token()}.tmp")
        try:
            fd = os.open(temp, flags, 0o666)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 100 collisions of 64 random bits
        raise FileExistsError(17, "could not create a temporary file", folder)
    try:
        if replacing:
            try:
                os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode) & 0o777)  # permission bits only, never setuid
            except (OSError, AttributeError):
                pass  # the target vanished meanwhile, or no fchmod here: the new file keeps the umask's mode
        for piece in data:
            _write_all(fd, piece)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(temp)
        raise
    os.close(fd)
    return temp


def _sync_folder(path: str) -> None:
    """Make the rename durable (best effort: not every system lets a folder be opened)."""
    try:
        fd = os.open(os.path.dirname(path) or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_stream(path: str, chunks: Iterable[str], what: str) -> None:
    """Write to a FIFO or device in place: opened for writing (a FIFO waits for its reader), never created or truncated."""
    followed = os.path.islink(path)
    try:
        # O_NOFOLLOW unless the target was a link to a stream: a link planted since then is not followed.
        fd = os.open(path, os.O_WRONLY | _CLOEXEC | _BINARY | getattr(os, "O_NOCTTY", 0) | (0 if followed else _NOFOLLOW))
    except OSError as exc:
        raise ClaimcheckError(f"cannot write {what}: {exc.strerror or exc}", path) from None
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            raise ClaimcheckError(f"{what} target changed while the run worked (no longer a pipe or device); not written", path)
        for chunk in chunks:
            _write_all(fd, chunk.encode("utf-8"))
    except OSError as exc:
        raise ClaimcheckError(f"cannot write {what}: {exc.strerror or exc}", path) from None
    finally:
        os.close(fd)


__all__: Sequence[str] = ("Input", "Outputs", "refuse_inputs", "write_text")
