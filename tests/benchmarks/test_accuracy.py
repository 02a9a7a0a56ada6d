"""The accuracy benchmark's pure helpers: supported-vs-not figures, deterministic samples, corpus discovery, cite scopes."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    """benchmarks/accuracy.py is a script, not a package module: load it from its path."""
    spec = importlib.util.spec_from_file_location("accuracy_benchmark", ROOT / "benchmarks" / "accuracy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


accuracy = _load()


def test_balanced_accuracy_and_false_support_rate() -> None:
    gold = ["supported"] * 4 + ["conflicting"] * 2 + ["unsourced"] * 4
    predicted = ["supported", "supported", "supported", "unsourced", "supported", "conflicting", "supported", "unsourced", "unsourced", "conflicting"]
    figures = accuracy.binary_scores(gold, predicted)
    # Supported recall 3/4; of the 6 not-supported claims 2 were called supported.
    assert figures["supported_recall"] == pytest.approx(0.75)
    assert figures["false_support_rate"] == pytest.approx(2 / 6)
    assert figures["false_support"] == 2 and figures["not_supported"] == 6
    assert figures["balanced_accuracy"] == pytest.approx((0.75 + 4 / 6) / 2)


def test_balanced_accuracy_is_undefined_without_both_sides() -> None:
    figures = accuracy.binary_scores(["supported", "supported"], ["supported", "unsourced"])
    assert figures["balanced_accuracy"] is None and figures["false_support_rate"] is None
    assert accuracy.fmt(figures["balanced_accuracy"]) == "n/a"


def test_scores_keep_per_label_figures_and_add_binary_ones() -> None:
    table = accuracy.scores(["supported", "conflicting", "unsourced"], ["supported", "supported", "unsourced"])
    assert table["supported"]["precision"] == pytest.approx(0.5)
    assert table["conflicting"]["recall"] == 0.0
    assert table["false_support_rate"] == pytest.approx(0.5)
    assert table["balanced_accuracy"] == pytest.approx(0.75)


def test_rule_tally_counts_right_conflicts_and_withheld_supports_by_group() -> None:
    def row(rule: str | None, gold: str, predicted: str, blind: bool = False) -> dict[str, object]:
        return {"rule": rule, "gold": gold, "predicted": predicted, "blind": blind}

    rows = [
        row("figure", "conflicting", "conflicting"),
        row("figure", "supported", "conflicting"),
        row("figure", "conflicting", "conflicting", blind=True),
        row("missing_name", "supported", "unsourced"),
        row("missing_name", "unsourced", "unsourced"),
        row("missing_name", "conflicting", "unsourced"),
        row(None, "supported", "unsourced"),  # no rule decided: not tallied
        row("figure", "supported", "supported"),  # a passage's rule on a supported verdict decided nothing
    ]
    tally = accuracy.rule_tally(rows)
    assert tally == {("dev", "figure"): [2, 1, 0, 0], ("blind", "figure"): [1, 1, 0, 0], ("dev", "missing_name"): [0, 0, 3, 1]}


def test_subsample_is_deterministic_ordered_and_sized() -> None:
    records = [{"id": f"c{n}"} for n in range(50)]
    first = accuracy.subsample(records, 10)
    assert first == accuracy.subsample(list(records), 10)
    assert len(first) == 10
    positions = [records.index(r) for r in first]
    assert positions == sorted(positions)
    # Not simply the head of the file (which may be sorted by label).
    assert first != records[:10]


def test_recall_counts_line_spans(tmp_path: Path) -> None:
    from claimcheck.models import Passage
    from claimcheck.retrieve import Candidate

    def candidate(line: int) -> Candidate:
        return Candidate(Passage("a.txt", str(tmp_path), "x", 0, 1, line, line), 0.5, 0.5, 0.5)

    found = [[candidate(3), candidate(9)], [candidate(1)], [candidate(2)]]
    spans = [[("a.txt", 9, 9)], [("a.txt", 2, 2)], []]
    assert accuracy.recall_at(found, spans, unit="line") == pytest.approx(0.5)
    assert accuracy.recall_at(found, spans, k=1, unit="line") == 0.0


def _corpus(folder: Path, *, draft: bool = True, expected: bool = True) -> None:
    """A tiny dev corpus: one source, a claims file with gold labels, optionally a draft and its labels."""
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "guide.md").write_text(
        "# Widget guide\n\nThe widget tool keeps its input files unchanged. It was first released in 2019.\n", encoding="utf-8"
    )
    (folder / "claims.yaml").write_text(
        "sources: sources\nclaims:\n"
        "  - id: keeps\n    text: The widget tool leaves its input files unchanged.\n    expect: supported\n"
        "  - id: year\n    text: The widget tool was first released in 2015.\n    expect: conflicting\n"
        "  - id: free\n    text: The widget tool is free of charge.\n    expect: unsourced\n",
        encoding="utf-8",
    )
    if draft:
        (folder / "draft.md").write_text("# Notes\n\nThe widget tool was first released in 2019. It is written in Rust.\n", encoding="utf-8")
    if expected:
        (folder / "draft.expected.yaml").write_text(
            '- text: "The widget tool was first released in 2019."\n  expect: supported\n- text: "A sentence that is not in the draft."\n  expect: unsourced\n',
            encoding="utf-8",
        )


def test_corpus_discovery_finds_claims_and_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _corpus(tmp_path / "widgets")
    _corpus(tmp_path / "gadgets", expected=False)
    (tmp_path / "empty").mkdir()
    datasets, skipped = accuracy.corpus_sets(tmp_path, set())
    assert [d.name for d in datasets] == ["gadgets", "widgets", "widgets-draft"]
    widgets = datasets[1]
    assert widgets.sources == tmp_path / "widgets" / "sources"
    assert widgets.gold == ["supported", "conflicting", "unsourced"]
    draft = datasets[2]
    assert [c.text for c in draft.claims] == ["The widget tool was first released in 2019."]
    assert draft.gold == ["supported"] and draft.sources == widgets.sources
    # Corpora outside benchmarks/heldout are dev sets.
    assert not any(d.blind for d in datasets)
    # The missing labels file and the folder without claims are named, not silently dropped.
    assert any("gadgets" in m and "draft.expected.yaml" in m for m in skipped)
    assert any("empty" in m for m in skipped)
    # An expected sentence that the draft does not hold is reported.
    assert "1 of 2 expected sentences" in capsys.readouterr().err


def test_corpus_discovery_honours_only_and_bad_files(tmp_path: Path) -> None:
    _corpus(tmp_path / "widgets")
    datasets, _ = accuracy.corpus_sets(tmp_path, {"widgets-draft"})
    assert [d.name for d in datasets] == ["widgets-draft"]
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "claims.yaml").write_text("claims: [unclosed\n", encoding="utf-8")
    datasets, skipped = accuracy.corpus_sets(tmp_path, set())
    assert "broken" not in [d.name for d in datasets]
    assert any("broken" in m and "skipped" in m for m in skipped)
    assert accuracy.corpus_sets(tmp_path / "absent", set()) == ([], [])


def test_cite_scopes_group_claims_by_cited_documents(tmp_path: Path) -> None:
    from claimcheck.models import Claim
    from claimcheck.sources import load_corpus

    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Document {name} says one thing.\n", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    claims = [Claim("1", "x", cite=("a.txt",)), Claim("2", "y"), Claim("3", "z", cite=("a.txt",)), Claim("4", "w", cite=("gone.txt",))]
    scopes, lost = accuracy.cite_scopes(corpus, claims)
    assert dict(scopes) == {("a.txt",): [0, 2], (): [1, 3]}
    assert lost == [3]


def test_bench_set_reads_cites_and_gold_lines(tmp_path: Path) -> None:
    folder = tmp_path / "mini"
    (folder / "sources").mkdir(parents=True)
    records = [
        {"id": "x1", "claim": "One.", "label": "supported", "cite": ["x1.txt"], "gold_lines": [2, 3]},
        {"id": "x2", "claim": "Two.", "label": "unsourced", "cite": ["x2.txt"], "gold_lines": []},
    ]
    (folder / "claims.dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    dataset = accuracy.bench_set(folder)
    assert dataset.scoped and dataset.span_unit == "line"
    assert dataset.gold_spans == [[("x1.txt", 2, 2), ("x1.txt", 3, 3)], []]
    assert [c.cite for c in dataset.claims] == [("x1.txt",), ("x2.txt",)]
    assert not accuracy.bench_set(folder, use_cite=False).scoped
    assert accuracy.bench_set(folder, sample=1).note.startswith("deterministic sample of 1 of 2")


def test_script_runs_a_discovered_corpus_and_names_missing_sets(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpora" / "widgets")
    out = tmp_path / "claims.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "accuracy.py"),
            "--corpora",
            str(tmp_path / "corpora"),
            "--bench-dir",
            str(tmp_path / "no-bench"),
            "--only",
            "widgets,widgets-draft,wice",
            "--per-claim",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "### widgets (3 claims" in result.stdout and "### widgets-draft (1 claims" in result.stdout
    assert "balanced accuracy" in result.stdout and "false-support rate" in result.stdout
    assert "no benchmark folder" in result.stderr and "wice" in result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["dataset"], r["id"], r["gold"]) for r in rows[:3]] == [
        ("widgets", "keeps", "supported"),
        ("widgets", "year", "conflicting"),
        ("widgets", "free", "unsourced"),
    ]
    assert all(r["predicted"] in ("supported", "conflicting", "unsourced") and "explanation" in r for r in rows)
