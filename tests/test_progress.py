"""Progress bars on a terminal's stderr only, `--quiet`, and the closing line saying what an index run reused."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import time
from pathlib import Path

import pytest
from rich.console import Console
from test_cli import SEEDS, Terminal, invoke

from claimcheck.cli import main
from claimcheck.models import IndexReport
from claimcheck.progress import ProgressBars, closing_line, progress_bars

CLOSING = re.compile(r"^claimcheck: index: (\d+) documents \((\d+) unchanged, (\d+) read(?:, (\d+) removed)?\), (\d+) passages \((\d+) reused, (\d+) encoded")


def on_terminal(args: list[str], cwd: Path, err: io.StringIO) -> int:
    """Run the CLI in-process with `err` as stderr (a `Terminal` says it is one); the exit code."""
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        patch.chdir(cwd)
        try:
            main(args)
        except SystemExit as exc:
            return int(exc.code or 0)
    return -1


def terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=120, color_system=None), out


def test_bars_draw_each_stage_with_its_rate_and_clear_when_done() -> None:
    console, out = terminal()
    bars = ProgressBars(console)
    bars("embedding passages", 0, 3000)
    time.sleep(0.05)
    bars("embedding passages", 1024, 3000)
    time.sleep(0.05)
    bars("embedding passages", 2048, 3000)
    drawn = out.getvalue()
    bars("embedding passages", 3000, 3000)
    assert "claimcheck: embedding passages" in drawn
    assert "2048/3000" in drawn
    assert re.search(r"[\d,]+ passages/s", drawn)
    assert bars._progress is None  # the last stage done: the display stopped (transient: the bars are cleared)
    bars("checking claims", 1, 2)
    assert "claimcheck: checking claims" in out.getvalue()
    bars.close()
    bars.close()  # twice is harmless


def test_no_bars_when_quiet_or_not_a_terminal() -> None:
    assert progress_bars(quiet=True, console=terminal()[0]) is None
    assert progress_bars(quiet=False, console=Console(file=io.StringIO(), force_terminal=False)) is None
    assert isinstance(progress_bars(quiet=False, console=terminal()[0]), ProgressBars)


def test_closing_line_wording() -> None:
    line = closing_line(IndexReport(5, 4, 1, 0, 120, 100, 20, 1.234))
    assert line == "claimcheck: index: 5 documents (4 unchanged, 1 read), 120 passages (100 reused, 20 encoded) in 1.2 s"
    line = closing_line(IndexReport(1, 0, 1, 2, 30, 0, 10, 0.5))
    assert line == "claimcheck: index: 1 document (0 unchanged, 1 read, 2 removed), 30 passages (0 reused, 10 encoded, 20 from the embedding cache) in 0.5 s"


def test_index_says_what_it_reused_and_quiet_silences_it(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SEEDS, sources)
    cache = str(tmp_path / "cache")
    first = invoke(["index", "--sources", str(sources), "--cache-dir", cache], tmp_path)
    assert first.code == 0, first.err
    lines = [line for line in first.err.splitlines() if line.startswith("claimcheck: index:")]
    assert len(lines) == 1, first.err
    match = CLOSING.match(lines[0])
    assert match, lines[0]
    assert int(match.group(3)) == int(match.group(1)) and int(match.group(7)) > 0  # everything read and encoded
    (sources / "added.txt").write_text("The harbour opened a second ferry berth in 2019. It cost four million euros.\n", encoding="utf-8")
    second = invoke(["index", "--sources", str(sources), "--cache-dir", cache], tmp_path)
    match = CLOSING.match(next(line for line in second.err.splitlines() if line.startswith("claimcheck: index:")))
    assert match
    assert int(match.group(3)) == 1  # only the new file read
    assert int(match.group(7)) == 3  # and only its passages encoded: two sentences and their window
    quiet = invoke(["--quiet", "index", "--sources", str(sources), "--cache-dir", cache], tmp_path)
    assert quiet.code == 0 and quiet.err == "" and "passages" in quiet.out


def test_check_draws_bars_on_a_terminal_only(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    claims = tmp_path / "claims.yaml"
    shutil.copytree(SEEDS, tmp_path / "sources")
    claims.write_text("sources: sources\nclaims:\n  - id: one\n    text: Amazon has 204 authorizations to hold government data.\n", encoding="utf-8")
    plain = invoke(["check", str(claims), "--cache-dir", cache, "--no-fail", "--format", "json"], tmp_path)
    assert plain.code == 0 and "\x1b" not in plain.err and "claimcheck: index:" not in plain.err
    err = Terminal()
    shutil.rmtree(cache)
    assert on_terminal(["check", str(claims), "--cache-dir", cache, "--no-fail", "--format", "json"], tmp_path, err) == 0
    assert "embedding passages" in err.getvalue() and "claimcheck: index:" in err.getvalue()
    quiet = Terminal()
    assert on_terminal(["--quiet", "check", str(claims), "--cache-dir", cache, "--no-fail", "--format", "json"], tmp_path, quiet) == 0
    assert quiet.getvalue() == ""
