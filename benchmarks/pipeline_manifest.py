"""Regenerate the sha256 manifest of the parser pipeline's files (src/claimcheck/data/) from the installed package.

Run after changing the pinned pipeline version, and only from a trusted install:
    python benchmarks/pipeline_manifest.py
"""

from __future__ import annotations

from pathlib import Path

from claimcheck.language.parser import MANIFEST, locate_pipeline, write_manifest

if __name__ == "__main__":
    pipeline = locate_pipeline()
    destination = Path(__file__).resolve().parents[1] / "src" / "claimcheck" / "data" / MANIFEST
    write_manifest(pipeline, destination)
    print(f"wrote {destination} for {pipeline.package} {pipeline.version} ({pipeline.path})")
