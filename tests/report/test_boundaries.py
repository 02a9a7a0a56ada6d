"""Reports render decisions: no module under `report/` imports the gate, the baseline or the source reader."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import claimcheck.report

REPORT = Path(claimcheck.report.__file__).parent
# Module names (below `claimcheck`) that `report/` may not reach: policy and sources are decided before rendering.
FORBIDDEN = ("gate", "baseline", "corpus", "sources", "reporting", "api", "index", "stance", "verdict")


def _imported(path: Path) -> list[str]:
    """Every module a file imports, relative imports resolved against `claimcheck.report`."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            package = ["claimcheck", "report"][: max(0, 2 - (node.level - 1))] if node.level else []
            base = ".".join(package + ([node.module] if node.module else []))
            # `from .. import gate` names the module in the alias.
            names += [base] + [f"{base}.{alias.name}" for alias in node.names]
    return names


def _forbidden(name: str) -> bool:
    parts = name.split(".")
    return len(parts) >= 2 and parts[0] == "claimcheck" and parts[1] in FORBIDDEN


def test_report_modules_import_no_gate_baseline_or_sources() -> None:
    files = sorted(REPORT.rglob("*.py"))
    assert len(files) >= 10
    offenders = {f.name: [n for n in _imported(f) if _forbidden(n)] for f in files}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_checker_itself_catches_a_forbidden_import(tmp_path: Path) -> None:
    """The rule above is not vacuous: each spelling of a forbidden import is found."""
    sample = tmp_path / "sample.py"
    sample.write_text("from ..gate import fails_gate\nfrom .. import baseline\nimport claimcheck.corpus\nfrom .base import x\n", encoding="utf-8")
    found = {".".join(n.split(".")[:2]) for n in _imported(sample) if _forbidden(n)}
    assert found == {"claimcheck.gate", "claimcheck.baseline", "claimcheck.corpus"}


def test_importing_every_report_loads_none_of_them() -> None:
    """At run time too: rendering needs neither the gate nor the source reader loaded."""
    code = (
        "import sys, claimcheck.report, claimcheck.report.annotate\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[:2][-1] in {FORBIDDEN!r} and m.startswith('claimcheck.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
