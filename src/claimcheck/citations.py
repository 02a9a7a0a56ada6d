"""The writer's citations: a claims file's `cite:` and a draft's footnotes and links → the loaded sources they name.

How a written path is matched to a source, first rule that finds one wins:

1. its path relative to a sources root (`\\` read as `/`, `./` and `.` steps dropped, a `#fragment` or `?query` of a link cut);
2. in a draft, its path relative to the draft's folder, when that lands inside a sources root (a Markdown link
   `[report](../seeds/a.txt)` from `drafts/story.md` names `a.txt` of the root `seeds`);
3. a bare file name (no folder part), when exactly one source has it.

A file that was not indexed because its text duplicates another file, or because it is a link to a file read
already, resolves to the document indexed in its place (`Corpus.aliases`). Nothing here opens a file: names are
compared with the loaded corpus only, so a hostile path can never make the tool read outside the roots.

A claims file's `cite:` is strict: a path that names no source, or a bare file name several sources share, is an
error (exit 2). A draft's footnotes and links are not: most links lead to web pages, so only what names a
loaded source counts as a citation, and anything else is left alone.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .claims import safe_relative
from .errors import ClaimcheckError
from .models import Citation, Claim, Evidence, Label
from .sources import Corpus

SourceKey = tuple[str, str]  # (root as given, path relative to it)

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _normal(written: str, link: bool) -> str:
    """A written path with `\\` as `/`, a link's fragment or query cut, and `.` steps dropped ("" when nothing is left)."""
    text = written.strip().replace("\\", "/")
    if link:
        text = re.split(r"[#?]", text, maxsplit=1)[0]
    if not text:
        return ""
    return PurePosixPath(text).as_posix().removeprefix("./") if text not in (".", "./") else ""


class SourceNames:
    """Every loaded source under each name a writer may cite it by."""

    def __init__(self, corpus: Corpus) -> None:
        self.paths: dict[str, list[SourceKey]] = {}
        self.names: dict[str, set[SourceKey]] = {}
        loaded = {(d.root, d.path) for d in corpus.documents}
        named = [(key, key) for key in sorted(loaded)]
        named += [(alias, target) for alias, target in sorted(corpus.aliases.items()) if target in loaded]
        for (_, path), target in named:
            if target not in self.paths.setdefault(path, []):
                self.paths[path].append(target)
            self.names.setdefault(PurePosixPath(path).name, set()).add(target)
        # Where each root's relative paths start, for links written relative to the draft (a root may be a single file).
        roots = dict.fromkeys(d.root for d in corpus.documents)
        self.bases = [(root, os.path.abspath(Path(root).parent if Path(root).is_file() else root)) for root in roots]

    def resolve(self, written: str, relative_to: str | None = None) -> tuple[SourceKey, ...]:
        """The sources a written path names, by the rules in the module docstring; () when it names none (or is ambiguous)."""
        keys, _ = self._match(written, relative_to)
        return keys

    def _match(self, written: str, relative_to: str | None) -> tuple[tuple[SourceKey, ...], tuple[SourceKey, ...]]:
        """(the sources named, the sources a bare file name could mean when it is ambiguous)."""
        if _SCHEME.match(written.strip()) and not re.match(r"[A-Za-z]:[\\/]", written.strip()):
            return (), ()  # a URL (http:, mailto:, …), never a source file
        path = _normal(written, link=relative_to is not None)
        if not path:
            return (), ()
        if safe_relative(path) and path in self.paths:
            return tuple(self.paths[path]), ()
        if relative_to is not None:
            absolute = os.path.normpath(os.path.join(os.path.abspath(relative_to), path))
            for root, base in self.bases:
                if absolute.startswith(base.rstrip(os.sep) + os.sep):
                    inside = PurePosixPath(Path(os.path.relpath(absolute, base)).as_posix()).as_posix()
                    found = [key for key in self.paths.get(inside, []) if key[0] == root]
                    if found:
                        return tuple(found), ()
        if "/" not in path:
            holders = self.names.get(path, set())
            if len(holders) == 1:
                return tuple(holders), ()
            return (), tuple(sorted(holders))
        return (), ()

    def cited(self, claim: Claim) -> tuple[SourceKey, ...]:
        """The sources a claim cites: its `cite:` paths (each must name one) and its draft references that name one."""
        keys: list[SourceKey] = []
        for written in claim.cite:
            if not safe_relative(written):
                raise ClaimcheckError(f"claim '{claim.id}' cites '{written}', which points outside the sources root", claim.file, claim.line)
            found, ambiguous = self._match(written, None)
            if ambiguous:
                paths = ", ".join(path for _, path in ambiguous)
                raise ClaimcheckError(
                    f"claim '{claim.id}' cites '{written}', a file name several sources share ({paths}); cite its path", claim.file, claim.line
                )
            if not found:
                raise ClaimcheckError(f"claim '{claim.id}' cites '{written}', which is not among the sources", claim.file, claim.line)
            keys.extend(found)
        folder = os.path.dirname(claim.file) if claim.file else None
        for written in claim.references:
            keys.extend(self.resolve(written, folder))
        return tuple(dict.fromkeys(keys))


def citation(label: Label, supporting: Iterable[Evidence], contradicting: Iterable[Evidence], cited: Iterable[SourceKey]) -> Citation:
    """Whether a cited source bears the verdict out.

    `ok`: a supported claim has a supporting passage in a cited source; a conflicting one has a passage on either
    side of the disagreement there (the writer's source saying it, or saying otherwise, is the source that matters).
    `wrong-source`: the claim cites sources, and none of them bears the verdict out: only other sources do, or, for an
    unsourced claim, none does (the cited source does not say what the writer relies on it for). `none`: no citation.
    """
    cited = set(cited)
    if not cited:
        return Citation.NONE
    if label is Label.SUPPORTED:
        decisive = list(supporting)
    elif label is Label.CONFLICTING:
        decisive = [*contradicting, *supporting]
    else:
        decisive = []
    return Citation.OK if any((e.passage.root, e.passage.source) in cited for e in decisive) else Citation.WRONG_SOURCE
