"""Watch mode: one process keeps the model and index, re-checks only what a save changed, and redraws the report."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import claimcheck.watch
from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

DRAFT = (
    "# Story\n\n"
    "ICE awarded Palantir a $14 million contract in 2014.\n\n"
    "Amazon did not respond to requests for comment.\n\n"
    "More than two dozen protesters made their way inside the conference.\n"
)


def _invoke(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run the CLI in-process from `cwd`: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(args)
            except SystemExit as exc:
                code = exc.code
    assert isinstance(code, int), err.getvalue()
    return code, out.getvalue(), err.getvalue()


def _verdicts(report: Path) -> dict[str, tuple[str, str]]:
    """id → (text, verdict) from a JSON report."""
    return {c["id"]: (c["text"], c["verdict"]) for c in json.loads(report.read_text(encoding="utf-8"))["claims"]}


def _save(path: Path, text: str) -> None:
    """Save as editors do: a new file renamed over the old one."""
    fresh = path.with_name(path.name + ".tmp")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


def test_draft_watch_rechecks_only_what_changed_through_two_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real re-check path, in-process: the change source (injected) saves two edits, each redraw is read back."""
    draft = tmp_path / "story.md"
    draft.write_text(DRAFT, encoding="utf-8")
    report = tmp_path / "report.json"
    seen: list[dict[str, tuple[str, str]]] = []
    watched: list[tuple[list[Path], list[Path]]] = []

    def changes(files: list[Path], folders: list[Path]) -> Iterator[set[Path]]:
        watched.append(([p.resolve() for p in files], [p.resolve() for p in folders]))  # resolved here, in the run's folder
        seen.append(_verdicts(report))  # the first report, drawn before watching starts
        _save(draft, DRAFT.replace("$14 million", "$41 million"))  # edit 1: fix the figure
        yield {draft}
        seen.append(_verdicts(report))
        # edit 2: a new sentence above the others (every later id moves down two lines) that no source states
        _save(draft, DRAFT.replace("# Story\n\n", "# Story\n\nThe vendor's chief executive resigned last spring.\n\n").replace("$14", "$41"))
        yield {draft}
        seen.append(_verdicts(report))
        raise KeyboardInterrupt  # Ctrl-C

    monkeypatch.setattr(claimcheck.watch, "file_changes", changes)
    code, out, err = _invoke(["draft", "story.md", "--sources", str(SEEDS), "--watch", "--format", "json", "--output", "report.json"], tmp_path)
    assert code == 130 and out == ""
    assert err.splitlines()[-1] == "claimcheck: interrupted" and "Traceback" not in err
    # The draft is watched, and the sources folder; nothing else.
    assert watched == [([draft.resolve()], [SEEDS.resolve()])]
    first, second, third = seen
    assert first["L3:1"] == ("ICE awarded Palantir a $14 million contract in 2014.", "conflicting")
    assert second["L3:1"] == ("ICE awarded Palantir a $41 million contract in 2014.", "supported")
    assert {k: v for k, v in second.items() if k != "L3:1"} == {k: v for k, v in first.items() if k != "L3:1"}
    assert third["L3:1"] == ("The vendor's chief executive resigned last spring.", "unsourced")
    assert [third[k] for k in ("L5:1", "L7:1", "L9:1")] == [second[k] for k in ("L3:1", "L5:1", "L7:1")]
    status = [line for line in err.splitlines() if line.startswith("claimcheck: checked")]
    # Only the changed sentence is checked again; the moved ones keep their verdicts.
    assert [line.split(" in ")[0] for line in status] == [
        "claimcheck: checked 3 of 3 sentences",
        "claimcheck: checked 1 of 3 sentences",
        "claimcheck: checked 1 of 4 sentences",
    ]


def test_check_watch_rechecks_an_edited_claims_file_and_survives_a_bad_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claims = tmp_path / "claims.yaml"
    one = {"id": "contract", "text": "ICE awarded Palantir a $14 million contract in 2014."}
    claims.write_text(yaml.safe_dump({"claims": [one]}), encoding="utf-8")
    report = tmp_path / "report.json"
    seen: list[dict[str, tuple[str, str]]] = []

    def changes(files: list[Path], folders: list[Path]) -> Iterator[set[Path]]:
        seen.append(_verdicts(report))
        _save(claims, "claims: [unclosed\n")  # a half-written save: reported, the watch goes on
        yield {claims}
        seen.append(_verdicts(report))
        two = {"id": "responded", "text": "Amazon responded to requests for comment."}
        _save(claims, yaml.safe_dump({"claims": [one, two]}))
        yield {claims}
        seen.append(_verdicts(report))
        raise KeyboardInterrupt

    monkeypatch.setattr(claimcheck.watch, "file_changes", changes)
    args = ["check", "claims.yaml", "--sources", str(SEEDS), "--watch", "--format", "json", "--output", "report.json"]
    code, _, err = _invoke(args, tmp_path)
    assert code == 130, err
    assert seen[0] == seen[1] == {"contract": ("ICE awarded Palantir a $14 million contract in 2014.", "conflicting")}
    assert seen[2] == seen[0] | {"responded": ("Amazon responded to requests for comment.", "conflicting")}
    assert any(line.startswith("claims.yaml:") and line.endswith("(watching for the next save)") for line in err.splitlines())
    assert "claimcheck: checked 1 of 2 claims" in err


def test_watch_does_not_go_with_write_baseline(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(DRAFT, encoding="utf-8")
    code, out, err = _invoke(["draft", "story.md", "--sources", str(SEEDS), "--watch", "--write-baseline", "b.json"], tmp_path)
    assert (code, out) == (2, "") and len(err.splitlines()) == 1 and "--watch" in err
    assert not (tmp_path / "b.json").exists()


def test_a_moved_sentence_keeps_its_verdict_under_its_new_id() -> None:
    from claimcheck.models import Claim, Label, Verdict
    from claimcheck.watch import VerdictMemo

    class Counting:
        def __init__(self) -> None:
            self.calls: list[list[str]] = []

        def check(self, claims: list[Claim]) -> list[Verdict]:
            self.calls.append([c.text for c in claims])
            return [Verdict(c, Label.UNSOURCED, 0.5, f"checked {c.text}") for c in claims]

    memo, checker = VerdictMemo(), Counting()
    memo.check(checker, [Claim("L1:1", "A."), Claim("L3:1", "B.")])  # type: ignore[arg-type]
    verdicts, checked = memo.check(checker, [Claim("L1:1", "New."), Claim("L3:1", "A."), Claim("L5:1", "B.")])  # type: ignore[arg-type]
    assert checked == 1 and checker.calls == [["A.", "B."], ["New."]]
    assert [(v.claim.id, v.explanation) for v in verdicts] == [("L1:1", "checked New."), ("L3:1", "checked A."), ("L5:1", "checked B.")]


def _wait_for(stream: list[str], needle: str, process: subprocess.Popen[bytes], timeout: float = 180, times: int = 1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sum(needle in line for line in stream) >= times:
            return
        assert process.poll() is None, "".join(stream)
        time.sleep(0.05)
    raise AssertionError(f"never saw {needle!r}: {''.join(stream)}")


def test_a_real_watch_process_sees_two_saves_and_exits_130_on_sigint(tmp_path: Path) -> None:
    """End to end with the real file watcher: two saves, two redraws, then SIGINT → exit 130, one line, no traceback."""
    import threading

    draft = tmp_path / "story.md"
    draft.write_text(DRAFT, encoding="utf-8")
    report = tmp_path / "report.json"
    # A cache of its own: with the session's, an earlier test's identical run would serve the first check whole.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]), CLAIMCHECK_CACHE_DIR=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "claimcheck", "draft", "story.md", "-s", str(SEEDS), "--watch", "-f", "json", "-o", "report.json"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    lines: list[str] = []
    assert process.stderr is not None
    reader = threading.Thread(target=lambda: lines.extend(line.decode() for line in process.stderr), daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        _wait_for(lines, "checked 3 of 3 sentences", process)
        assert _verdicts(report)["L3:1"][1] == "conflicting"
        _wait_for(lines, "claimcheck: watching story.md and the sources for changes", process)
        _save(draft, DRAFT.replace("$14 million", "$41 million"))
        _wait_for(lines, "checked 1 of 3 sentences", process, timeout=60)
        assert _verdicts(report)["L3:1"] == ("ICE awarded Palantir a $41 million contract in 2014.", "supported")
        # Back to $14 (its verdict remembered, not checked again) and a new negation flip: one sentence checked.
        _save(draft, DRAFT.replace("did not respond", "responded"))
        _wait_for(lines, "checked 1 of 3 sentences", process, timeout=60, times=2)
        after = _verdicts(report)
        assert after["L3:1"][1] == "conflicting" and after["L5:1"] == ("Amazon responded to requests for comment.", "conflicting")
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    finally:
        process.kill()
    reader.join(timeout=10)
    assert process.returncode == 130, "".join(lines)
    assert lines[-1] == "claimcheck: interrupted\n" and not any("Traceback" in line for line in lines)


def test_a_changed_source_is_read_again_and_every_claim_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save under a sources folder: the checker for that folder is rebuilt and no verdict is reused."""
    sources = tmp_path / "sources"
    sources.mkdir()
    # Invented text.
    (sources / "budget.md").write_text("The council approved a $41 million budget for roads in 2024.\n", encoding="utf-8")
    draft = tmp_path / "story.md"
    draft.write_text("# Story\n\nThe council approved a $14 million budget for roads in 2024.\n", encoding="utf-8")
    report = tmp_path / "report.json"
    seen: list[dict[str, tuple[str, str]]] = []

    def changes(files: list[Path], folders: list[Path]) -> Iterator[set[Path]]:
        assert [f.resolve() for f in folders] == [sources.resolve()]
        seen.append(_verdicts(report))
        _save(sources / "budget.md", "The council approved a $14 million budget for roads in 2024.\n")
        yield {sources / "budget.md"}
        seen.append(_verdicts(report))
        raise KeyboardInterrupt

    monkeypatch.setattr(claimcheck.watch, "file_changes", changes)
    code, _, err = _invoke(["draft", "story.md", "--sources", "sources", "--watch", "--format", "json", "--output", "report.json"], tmp_path)
    assert code == 130, err
    assert [s["L3:1"][1] for s in seen] == ["conflicting", "supported"]
    assert [line.split(" in ")[0] for line in err.splitlines() if line.startswith("claimcheck: checked")] == [
        "claimcheck: checked 1 of 1 sentences",
        "claimcheck: checked 1 of 1 sentences",
    ]


def test_a_sentence_opening_on_a_pronoun_is_checked_again_when_what_it_refers_to_changes():
    from claimcheck.models import Claim
    from claimcheck.watch import claim_key

    it = Claim(id="L3:1", text="It opened in 1994.", previous=("The museum is on Mill Lane.",))
    moved = Claim(id="L4:1", text="It opened in 1994.", previous=("The library is on Mill Lane.",))
    assert claim_key(it) != claim_key(moved)
    # A sentence with its own subject depends on its own words only.
    plain = Claim(id="L3:2", text="The museum opened in 1994.", previous=("One.",))
    assert claim_key(plain) == claim_key(Claim(id="L9:1", text="The museum opened in 1994.", previous=("Two.",)))
    # A list item under another lead-in is another claim.
    item = Claim(id="L5:1", text="Sales growth of 4%.", frame="Targets for 2025:")
    assert claim_key(item) != claim_key(Claim(id="L5:1", text="Sales growth of 4%.", frame="Targets for 2026:"))
