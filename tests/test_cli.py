"""End-to-end tests of the `claimcheck` command: the DESIGN.md contracts on the real seeds."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from claimcheck import __version__
from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CLAIMS = ROOT / "claims"
SEED_CLAIMS = yaml.safe_load((CLAIMS / "seeds.yaml").read_text(encoding="utf-8"))["claims"]

VERDICTS = {"supported", "conflicting", "unsourced"}
STANCES = {"supports", "contradicts", "related"}
CLAIM_KEYS = ["id", "text", "verdict", "citation", "confidence", "explanation", "evidence"]
EVIDENCE_KEYS = {"source", "line_start", "line_end", "char_start", "char_end", "quote", "stance", "score"}
ANSI = re.compile(r"\x1b\[")
ONE_LINE_ERROR = re.compile(r"(?P<path>.+?):(?P<line>\d+): (?P<message>\S.*)")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


class Terminal(io.StringIO):
    """A captured stdout that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def invoke(args: list[str], cwd: Path, env: dict[str, str | None] | None = None, tty: bool = False) -> Result:
    """Run the CLI in-process from `cwd`, capturing stdout and stderr."""
    out, err = (Terminal() if tty else io.StringIO()), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        for key, value in (env or {}).items():
            if value is None:
                patch.delenv(key, raising=False)
            else:
                patch.setenv(key, value)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(args)
            except SystemExit as exc:
                code = exc.code
            else:  # pragma: no cover - main always exits
                code = "main returned"
    assert isinstance(code, int), f"exit code {code!r}; stderr: {err.getvalue()}"
    return Result(code, out.getvalue(), err.getvalue())


def line_of(text: str, offset: int) -> int:
    """1-based line of the character at `offset`; CRLF, LF and CR each end a line."""
    return len(re.findall(r"\r\n|\r|\n", text[:offset])) + 1


def source_text(root: Path, source: str) -> str:
    with open(root / source, encoding="utf-8", newline="") as handle:
        return handle.read()


# --- shared runs (the model loads once per session; each check costs a second or two) --------------


@pytest.fixture(scope="module")
def cache_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | None]:
    """The same isolated cache folder as tests/conftest.py, for module-scoped runs."""
    return {"CLAIMCHECK_CACHE_DIR": str(tmp_path_factory.getbasetemp() / "cache"), "NO_COLOR": None}


@pytest.fixture(scope="module")
def seeds_json(cache_env: dict[str, str | None]) -> Result:
    return invoke(["check", "claims", "--format", "json"], ROOT, cache_env)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seeds and a claims file of the seed claims' texts, with no `expect` (so --fail-on decides)."""
    folder = tmp_path_factory.mktemp("workspace")
    shutil.copytree(SEEDS, folder / "seeds")
    plain = {"sources": "seeds", "claims": [{"id": c["id"], "text": c["text"]} for c in SEED_CLAIMS]}
    (folder / "claims.yaml").write_text(yaml.safe_dump(plain, sort_keys=False), encoding="utf-8")
    few = {"sources": "seeds", "claims": [{"id": c["id"], "text": c["text"]} for c in SEED_CLAIMS[:3]]}
    (folder / "few.yaml").write_text(yaml.safe_dump(few, sort_keys=False), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def plain_conflicting(workspace: Path, cache_env: dict[str, str | None]) -> Result:
    return invoke(["check", "claims.yaml", "--format", "json", "--fail-on", "conflicting"], workspace, cache_env)


# --- the project's own gate ---------------------------------------------------------------------------


def test_check_claims_passes_on_the_seeds(cache_env: dict[str, str | None]) -> None:
    result = invoke(["check", "claims"], ROOT, cache_env)
    assert result.code == 0, result.out[-3000:]


def test_json_exit_code_follows_expectations(seeds_json: Result) -> None:
    expected = {c["id"]: c.get("expect") for c in SEED_CLAIMS}
    mismatched = [c["id"] for c in seeds_json.json()["claims"] if expected[c["id"]] and c["verdict"] != expected[c["id"]]]
    assert seeds_json.code == (1 if mismatched else 0), seeds_json.err


# --- the JSON report ------------------------------------------------------------------------------------


def test_json_shape(seeds_json: Result) -> None:
    assert "Traceback" not in seeds_json.err
    report = seeds_json.json()
    assert list(report) == ["claims", "summary"]
    assert [c["id"] for c in report["claims"]] == [c["id"] for c in SEED_CLAIMS]
    assert [c["text"] for c in report["claims"]] == [" ".join(c["text"].split()) for c in SEED_CLAIMS]
    for claim in report["claims"]:
        # `conflict` (DESIGN.md 2026-11-30) follows the explanation of a conflicting claim and ends a contradicting item.
        # `parts` (likewise) ends the record of a claim that makes several assertions.
        assert [k for k in claim if k not in ("conflict", "parts")] == CLAIM_KEYS and ("conflict" in claim) == (claim["verdict"] == "conflicting")
        for part in claim.get("parts", []):
            assert part["text"] == claim["text"][part["char_start"] : part["char_end"]] and part["verdict"] in VERDICTS
        if claim.get("parts"):  # DESIGN.md: the claim's verdict is its worst part's
            worst = max((p["verdict"] for p in claim["parts"]), key=["supported", "unsourced", "conflicting"].index)
            assert claim["verdict"] == worst, claim["id"]
        assert claim["verdict"] in VERDICTS
        # Every seed claim that cites a source has its citation checked; the others have none.
        cites = next(c.get("cite") for c in SEED_CLAIMS if c["id"] == claim["id"])
        assert (claim["citation"] == "none") is (not cites) and claim["citation"] in {"ok", "wrong-source", "none"}
        assert isinstance(claim["confidence"], (int, float)) and 0 <= claim["confidence"] <= 1
        assert isinstance(claim["explanation"], str) and claim["explanation"].strip()
        assert isinstance(claim["evidence"], list)
        for item in claim["evidence"]:
            assert set(item) - {"conflict"} == EVIDENCE_KEYS and ("conflict" in item) == (item["stance"] == "contradicts"), claim["id"]
            assert item["stance"] in STANCES
            assert isinstance(item["score"], (int, float)) and 0 <= item["score"] <= 1
            for key in ("line_start", "line_end", "char_start", "char_end"):
                assert isinstance(item[key], int) and not isinstance(item[key], bool)
    counts = {verdict: sum(c["verdict"] == verdict for c in report["claims"]) for verdict in VERDICTS}
    assert report["summary"] == counts
    assert list(report["summary"]) == ["supported", "conflicting", "unsourced"]


def test_the_seed_claims_cite_the_sources_that_bear_them_out(seeds_json: Result) -> None:
    """The project's own claims pass `--fail-on miscited`: each cited claim the seeds decide is decided by its cited source."""
    decided = [c for c in seeds_json.json()["claims"] if c["citation"] != "none" and c["verdict"] != "unsourced"]
    assert decided and all(c["citation"] == "ok" for c in decided), [c["id"] for c in decided if c["citation"] != "ok"]


def test_json_quotes_are_exact_and_lines_right(seeds_json: Result) -> None:
    checked = 0
    for claim in seeds_json.json()["claims"]:
        for item in claim["evidence"]:
            text = source_text(SEEDS, item["source"])
            assert 0 <= item["char_start"] < item["char_end"] <= len(text)
            assert text[item["char_start"] : item["char_end"]] == item["quote"]
            assert item["line_start"] == line_of(text, item["char_start"])
            assert item["line_end"] == line_of(text, item["char_end"] - 1)
            checked += 1
    assert checked > 0


def test_json_evidence_order_matches_the_verdict(seeds_json: Result) -> None:
    for claim in seeds_json.json()["claims"]:
        stances = [e["stance"] for e in claim["evidence"]]
        if claim["verdict"] == "conflicting":
            assert stances and stances[0] == "contradicts", claim["id"]
        elif claim["verdict"] == "unsourced":
            assert stances, f"{claim['id']}: an unsourced claim lists its nearest passages"
            assert set(stances) == {"related"}, claim["id"]
        else:
            assert stances and stances[0] == "supports", claim["id"]


def test_json_is_deterministic(seeds_json: Result, cache_env: dict[str, str | None]) -> None:
    again = invoke(["check", str(CLAIMS / "seeds.yaml"), "--sources", "seeds", "--format", "json"], ROOT, cache_env)
    assert again.out == seeds_json.out


# --- the gate -------------------------------------------------------------------------------------------


def test_fail_on_conflicting(plain_conflicting: Result) -> None:
    verdicts = [c["verdict"] for c in plain_conflicting.json()["claims"]]
    assert len(verdicts) == len(SEED_CLAIMS)
    assert plain_conflicting.code == (1 if "conflicting" in verdicts else 0)


def test_fail_on_none_passes(workspace: Path, plain_conflicting: Result) -> None:
    result = invoke(["check", "claims.yaml", "--format", "json", "--fail-on", "none"], workspace)
    assert result.code == 0, result.err
    assert result.out == plain_conflicting.out  # the gate changes the exit status, not the report


def test_fail_on_everything_fails_and_no_fail_overrides_it(workspace: Path) -> None:
    every = "supported,conflicting,unsourced"
    assert invoke(["check", "few.yaml", "--format", "json", "--fail-on", every], workspace).code == 1
    assert invoke(["check", "few.yaml", "--format", "json", "--fail-on", every, "--no-fail"], workspace).code == 0


def test_bad_fail_on_is_a_usage_error(workspace: Path) -> None:
    result = invoke(["check", "few.yaml", "--fail-on", "conflicted"], workspace)
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1 and "conflicted" in result.err


def test_baseline_round_trip_through_the_cli(workspace: Path, tmp_path: Path) -> None:
    every = "supported,conflicting,unsourced"
    baseline = tmp_path / "baseline.json"
    written = invoke(["check", "few.yaml", "--format", "json", "--fail-on", every, "--write-baseline", str(baseline)], workspace)
    assert written.code == 0, written.err  # recording a baseline never fails the run
    assert baseline.is_file()
    # Recording is quiet: no report, one summary line naming the counts and the file.
    assert written.out == ""
    assert len(written.err.splitlines()) == 1 and "wrote baseline of" in written.err and str(baseline) in written.err
    plain = invoke(["check", "few.yaml", "--format", "json", "--fail-on", every], workspace)
    assert plain.code == 1
    known = invoke(["check", "few.yaml", "--format", "json", "--fail-on", every, "--baseline", str(baseline)], workspace)
    assert known.code == 0, known.err
    assert known.out == plain.out


def test_baseline_passes_a_known_conflict_and_fails_a_new_one(tmp_path: Path) -> None:
    """A claims file adopts the gate with one known conflict, and fails when a new conflict is added."""
    claims = tmp_path / "claims.yaml"
    # The claims file names the repository's seeds, outside its own folder: the config allows that folder.
    (tmp_path / ".claimcheck.toml").write_text(f"allow-sources-outside = [{str(SEEDS)!r}]\n", encoding="utf-8")
    known_conflict = {"id": "amazon-responded", "text": "Amazon responded to requests for comment."}
    claims.write_text(yaml.safe_dump({"sources": str(SEEDS), "claims": [known_conflict]}), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert invoke(["check", str(claims), "--format", "json", "--write-baseline", str(baseline)], tmp_path).code == 0
    plain = invoke(["check", str(claims), "--format", "json"], tmp_path)
    assert plain.json()["claims"][0]["verdict"] == "conflicting"
    assert plain.code == 1
    assert invoke(["check", str(claims), "--format", "json", "--baseline", str(baseline)], tmp_path).code == 0

    new_conflict = {"id": "palantir-14-million", "text": "ICE awarded Palantir a $14 million contract in 2014."}
    claims.write_text(yaml.safe_dump({"sources": str(SEEDS), "claims": [known_conflict, new_conflict]}), encoding="utf-8")
    after = invoke(["check", str(claims), "--format", "json", "--baseline", str(baseline)], tmp_path)
    assert [c["verdict"] for c in after.json()["claims"]] == ["conflicting", "conflicting"]
    assert after.code == 1


def test_bad_baseline_is_an_input_error(workspace: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{nope", encoding="utf-8")
    result = invoke(["check", "few.yaml", "--baseline", str(baseline)], workspace)
    assert result.code == 2
    assert len(result.err.splitlines()) == 1 and result.err.startswith(str(baseline))


# --- output files ----------------------------------------------------------------------------------------


def test_output_file(workspace: Path, plain_conflicting: Result, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = invoke(["check", "claims.yaml", "--format", "json", "--fail-on", "conflicting", "--output", str(target)], workspace)
    assert result.out == ""
    assert result.code == plain_conflicting.code
    assert target.read_text(encoding="utf-8") == plain_conflicting.out


@pytest.mark.parametrize("output", ["claims.yaml", "./sub/../claims.yaml", "seeds/report.json", "seeds/new/report.json"])
def test_output_never_overwrites_inputs(workspace: Path, output: str) -> None:
    (workspace / "sub").mkdir(exist_ok=True)
    before = (workspace / "claims.yaml").read_bytes()
    seeds_before = sorted(p.name for p in (workspace / "seeds").rglob("*"))
    result = invoke(["check", "claims.yaml", "--format", "json", "--output", output], workspace)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert (workspace / "claims.yaml").read_bytes() == before
    assert sorted(p.name for p in (workspace / "seeds").rglob("*")) == seeds_before


def test_report_annotation_and_baseline_are_all_written(tmp_path: Path) -> None:
    """`draft` with every output: each file complete, no temporary file left, the draft untouched."""
    draft = tmp_path / "story.md"
    draft.write_text("# Story\n\nICE awarded Palantir a $41 million contract in 2014.\n", encoding="utf-8")
    before = draft.read_bytes()
    args = [
        "draft",
        "story.md",
        "--sources",
        str(SEEDS),
        "--format",
        "json",
        "--no-fail",
        "--output",
        "report.json",
        "--annotate",
        "story.checked.md",
        "--write-baseline",
        "b.json",
    ]
    result = invoke(args, tmp_path)
    assert result.code == 0, result.err
    assert result.out == ""
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["claims"]
    assert "[^" in (tmp_path / "story.checked.md").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["claims"]
    assert draft.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.json", "report.json", "story.checked.md", "story.md"]


def test_output_to_dev_stdout_is_the_report_on_stdout(workspace: Path, plain_conflicting: Result, tmp_path: Path) -> None:
    """A link made as /dev/stdout is (in tmp, so a faulty writer could replace only this link, not /dev/stdout)."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    result = invoke(["check", "claims.yaml", "--format", "json", "--fail-on", "conflicting", "--output", str(link)], workspace)
    assert result.code == plain_conflicting.code, result.err
    assert result.out == plain_conflicting.out
    assert link.is_symlink()


def test_an_interrupt_inside_the_run_exits_130_with_one_line_and_no_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in-process (as a KeyboardInterrupt from inside the pipeline): exit 130, one line, nothing written."""
    import claimcheck.report

    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(claimcheck.report, "render", interrupted)
    claims = tmp_path / "claims.yaml"
    claims.write_text(f"sources: {SEEDS.as_posix()}\nclaims:\n  - id: a\n    text: ICE awarded Palantir a $41 million contract in 2014.\n", encoding="utf-8")
    (tmp_path / ".claimcheck.toml").write_text(f"allow-sources-outside = [{str(SEEDS)!r}]\n", encoding="utf-8")
    result = invoke(["check", "claims.yaml", "--output", "report.json", "--write-baseline", "b.json"], tmp_path)
    assert (result.code, result.out, result.err) == (130, "", "claimcheck: interrupted\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".claimcheck.toml", "claims.yaml"]


def _wait_until_mapped(pid: int, library: str, timeout: float = 120) -> bool:
    """Whether process `pid` has `library` mapped (it is loading the model) within `timeout` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if library in Path(f"/proc/{pid}/maps").read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            return False
        time.sleep(0.02)
    return False


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc to see when the model starts loading")
@pytest.mark.parametrize("entry", ["-m", "main"])
def test_sigint_to_a_real_process_exits_130_and_leaves_nothing(tmp_path: Path, entry: str) -> None:
    """SIGINT while the model loads (once torch is mapped): exit 130, one stderr line, no output or temporary file."""
    import signal

    claims = tmp_path / "claims.yaml"
    claims.write_text(f"sources: {SEEDS.as_posix()}\nclaims:\n  - id: a\n    text: ICE awarded Palantir a $41 million contract in 2014.\n", encoding="utf-8")
    (tmp_path / ".claimcheck.toml").write_text(f"allow-sources-outside = [{str(SEEDS)!r}]\n", encoding="utf-8")
    command = [sys.executable, "-m", "claimcheck"] if entry == "-m" else [sys.executable, "-c", "from claimcheck.cli import main; main()"]
    command += ["check", "claims.yaml", "--output", "report.json", "--write-baseline", "b.json", "--no-cache"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert _wait_until_mapped(process.pid, "libtorch"), "the run never started loading torch"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 130, err.decode()
    assert err.decode() == "claimcheck: interrupted\n"
    assert out == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == [".claimcheck.toml", "claims.yaml"]


def test_four_concurrent_checks_writing_one_output_all_succeed(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Four real `claimcheck check` processes, one --output path: all exit 0, one complete valid JSON report, no strays.

    The old writer's shared temporary name made one of four fail ("No such file or directory") about one
    round in three with a report this size (300 claims, ~190 kB); two rounds here.
    """
    # A one-file source, and a cache warmed here (where the model is loaded once per session): the four
    # processes then run the whole check without loading the model, so they overlap in a few seconds.
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("In 2014, ICE awarded Palantir a $41 million contract.\nThe agency did not respond.\n", encoding="utf-8")
    lines = [f"  - id: c{n}\n    text: The agency paid {n} million dollars to contractor number {n} in 2014.\n" for n in range(300)]
    (tmp_path / "claims.yaml").write_text("sources: src\nclaims:\n" + "".join(lines), encoding="utf-8")
    cache = tmp_path_factory.mktemp("shared-cache")
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(cache), "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    command = [sys.executable, "-m", "claimcheck", "check", "claims.yaml", "--format", "json", "--no-fail", "--output", "report.json"]
    warm = invoke(command[3:], tmp_path, {"CLAIMCHECK_CACHE_DIR": str(cache)})
    assert warm.code == 0, warm.err
    expected = (tmp_path / "report.json").read_bytes()
    assert len(json.loads(expected)["claims"]) == 300
    for _ in range(2):
        (tmp_path / "report.json").write_text("an older report", encoding="utf-8")
        runs = [subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
        results = [run.communicate(timeout=600) for run in runs]
        for run, (out, err) in zip(runs, results):
            assert run.returncode == 0, err.decode()
            assert (out, err) == (b"", b"")
        assert (tmp_path / "report.json").read_bytes() == expected  # one whole report, the same as a lone run's
        assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml", "report.json", "src"]


# --- malformed claims files ---------------------------------------------------------------------------------

MALFORMED = {
    "unknown-key": ("claims:\n  - id: a\n    text: One thing happened.\n    expct: supported\n", 4),
    "duplicate-id": ("claims:\n  - id: a\n    text: One thing happened.\n  - id: a\n    text: Another thing happened.\n", 4),
    "empty-text": ("claims:\n  - id: a\n    text: '   '\n", 3),
    "bad-expect": ("claims:\n  - id: a\n    text: One thing happened.\n    expect: true-ish\n", 4),
    "invalid-yaml": ("claims:\n  - id: a\n    text: One thing happened.\n   - id: b\n", 4),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_claims_file(tmp_path: Path, name: str) -> None:
    content, line = MALFORMED[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"sources: {SEEDS.as_posix()}\n" + content, encoding="utf-8")
    result = invoke(["check", str(path)], tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    match = ONE_LINE_ERROR.fullmatch(lines[0])
    assert match, lines[0]
    assert match.group("path") == str(path)
    assert int(match.group("line")) == line + 1  # +1 for the `sources:` line


def test_empty_claims_list_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(f"sources: {SEEDS.as_posix()}\nclaims: []\n", encoding="utf-8")
    result = invoke(["check", str(path)], tmp_path)
    assert result.code == 2 and len(result.err.splitlines()) == 1


def test_no_claims_files_in_a_folder_is_an_error(tmp_path: Path) -> None:
    result = invoke(["check", str(tmp_path)], tmp_path)
    assert result.code == 2 and len(result.err.splitlines()) == 1


# --- fresh processes: no heavy imports for help, version or input errors ---------------------------------

PROBE = textwrap.dedent(
    """
    import sys
    from claimcheck.cli import main
    try:
        main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
    print("PROBE", code, "torch" in sys.modules, "sentence_transformers" in sys.modules)
    """
)


def probe(args: list[str], cwd: Path) -> tuple[int, bool, bool, str, str]:
    completed = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    last = completed.stdout.strip().splitlines()[-1]
    marker, code, torch, st = last.split()
    assert marker == "PROBE", completed.stdout + completed.stderr
    return int(code), torch == "True", st == "True", completed.stdout, completed.stderr


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["--version"]])
def test_help_and_version_do_not_import_torch(args: list[str], tmp_path: Path) -> None:
    code, torch, st, out, err = probe(args, tmp_path)
    assert code == 0, err
    assert not torch and not st
    if args == ["--version"]:
        assert __version__ in out
    else:
        assert "Usage:" in out and "Traceback" not in err


def test_input_error_exits_before_importing_torch(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims:\n  - id: a\n    text: One.\n    colour: red\n", encoding="utf-8")
    code, torch, st, _, err = probe(["check", str(bad)], tmp_path)
    assert code == 2
    assert not torch and not st
    assert err.strip().splitlines() == [err.strip()] and err.startswith(f"{bad}:4: ")


def test_module_entry_point_version() -> None:
    completed = subprocess.run([sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0
    assert __version__ in completed.stdout


# --- colour ---------------------------------------------------------------------------------------------------


def test_text_on_a_terminal_is_coloured_unless_no_color(workspace: Path) -> None:
    coloured = invoke(["check", "few.yaml", "--no-fail"], workspace, {"NO_COLOR": None}, tty=True)
    assert coloured.code == 0
    assert ANSI.search(coloured.out), "rich text on a terminal (else the NO_COLOR check below proves nothing)"
    plain = invoke(["check", "few.yaml", "--no-fail"], workspace, {"NO_COLOR": "1"}, tty=True)
    assert plain.code == 0
    assert plain.out.strip() and not ANSI.search(plain.out)
    assert "\x1b" not in plain.out


def test_text_when_not_a_terminal_has_no_escapes(workspace: Path) -> None:
    result = invoke(["check", "few.yaml", "--format", "text", "--no-fail"], workspace, {"NO_COLOR": None})
    assert result.code == 0
    assert "\x1b" not in result.out
    for claim in SEED_CLAIMS[:3]:
        assert claim["id"] in result.out


# --- other commands ---------------------------------------------------------------------------------------------


def test_index_reports_documents_and_passages(tmp_path: Path) -> None:
    result = invoke(["index", "--sources", str(SEEDS)], tmp_path)
    assert result.code == 0, result.err
    match = re.search(r"(\d+) documents, (\d+) passages", result.out)
    assert match, result.out
    documents, passages = int(match.group(1)), int(match.group(2))
    assert documents == len([p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md")])
    assert passages > documents


def test_index_without_sources_is_an_error(tmp_path: Path) -> None:
    result = invoke(["index"], tmp_path)
    assert result.code == 2 and len(result.err.splitlines()) == 1


def test_explain_a_claim_id(cache_env: dict[str, str | None]) -> None:
    claim = SEED_CLAIMS[0]
    result = invoke(["explain", claim["id"]], ROOT, cache_env)
    assert result.code == 0, result.err
    assert f"{claim['id']}: {claim['text']}" in result.out
    assert re.search(r"verdict: (supported|conflicting|unsourced) \(", result.out)
    assert re.search(rf"^citation (ok|wrong-source): .*{re.escape(claim['cite'][0])}", result.out, re.MULTILINE)  # the seed claim cites a source
    for column in ("passage", "cosine", "fuzzy", "stance"):
        assert column in result.out
    assert "┃" in result.out or "|" in result.out  # a table was drawn
    assert "\x1b" not in result.out


def test_explain_unknown_id_is_an_error() -> None:
    result = invoke(["explain", "no-such-claim-id"], ROOT)
    assert result.code == 2
    assert len(result.err.splitlines()) == 1 and "no-such-claim-id" in result.err


def test_doctor(tmp_path: Path) -> None:
    result = invoke(["doctor"], tmp_path)
    assert result.code == 0, result.out
    assert "FAIL" not in result.out
    assert result.out.strip().splitlines()[-1] == "all good"
    # The check-time encoder is named, and ONNX Runtime's export is checked against torch.
    assert "ok   claims encoded with ONNX Runtime" in result.out and "cosine to torch 1.0000" in result.out


def test_a_compound_claim_reports_its_parts_and_is_unsourced_when_one_part_is_not_in_the_sources(tmp_path: Path, cache_env) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "mill.txt").write_text(
        "The Harlow mill hired 40 staff in May, its owner said.\n\nThe mill sells most of its flour to bakeries in the county.\n", encoding="utf-8"
    )
    claim = "The Harlow mill hired 40 staff in May and opened a second site in Leeds."
    (tmp_path / "claims.yaml").write_text(yaml.safe_dump({"sources": "sources", "claims": [{"id": "mill", "text": claim}]}), encoding="utf-8")
    result = invoke(["check", "claims.yaml", "--format", "json", "--no-fail"], cwd=tmp_path, env=cache_env)
    assert result.code == 0, result.err
    record = result.json()["claims"][0]
    assert record["verdict"] == "unsourced"
    parts = record["parts"]
    assert len(parts) == 2
    for part in parts:
        assert part["text"] == claim[part["char_start"] : part["char_end"]]
    assert [p["verdict"] for p in parts] == ["supported", "unsourced"]
    assert parts[0]["evidence"][0]["source"] == "mill.txt"
    assert "“opened a second site in Leeds”" in record["explanation"]


def test_explain_a_draft_sentence_by_the_id_the_report_prints(tmp_path: Path, cache_env: dict[str, str | None]) -> None:
    """`explain L<line>:<n> --draft`: the verdict and explanation the draft report gives that sentence."""
    draft = tmp_path / "story.md"
    draft.write_text("# Story\n\nProtesters gathered in Manhattan.\n\nICE awarded Palantir a $14 million contract in 2014.\n", encoding="utf-8")
    report = invoke(["draft", "story.md", "--sources", str(SEEDS), "--format", "json", "--no-fail"], tmp_path, cache_env)
    assert report.code == 0, report.err
    record = next(c for c in report.json()["claims"] if c["id"] == "L5:1")
    result = invoke(["explain", "L5:1", "--draft", "story.md", "--sources", str(SEEDS)], tmp_path, cache_env)
    assert result.code == 0, result.err
    assert result.out.startswith(f"L5:1 (story.md:5): {record['text']}")
    assert f"verdict: {record['verdict']} ({record['confidence']:.2f}) — {record['explanation']}" in result.out
    assert "cosine" in result.out


def test_explain_an_unknown_draft_id_lists_the_nearest(tmp_path: Path) -> None:
    draft = tmp_path / "story.md"
    draft.write_text("# Story\n\nProtesters gathered in Manhattan on Thursday.\n\nICE awarded Palantir a $14 million contract in 2014.\n", encoding="utf-8")
    result = invoke(["explain", "L4:2", "--draft", "story.md", "--sources", str(SEEDS)], tmp_path)
    assert result.code == 2 and result.out == ""
    assert result.err == "story.md: no checked sentence with id 'L4:2' (nearest: L3:1, L5:1)\n"


def test_explain_an_unknown_claim_id_lists_the_nearest() -> None:
    wanted = SEED_CLAIMS[0]["id"]
    result = invoke(["explain", wanted[:-1] + "x"], ROOT)
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert f"(nearest: {wanted}" in result.err


def test_each_command_help_describes_its_own_options() -> None:
    check_help = invoke(["check", "--help"], ROOT).out
    draft_help = invoke(["draft", "--help"], ROOT).out
    sentence = re.compile(r"\bsentence(s|'s)?\b(?!-)")  # not "sentence-transformers"
    assert "claims file" in check_help and "--annotate" not in check_help and not sentence.search(check_help) and "draft" not in check_help
    assert "--annotate" in draft_help and "claims file" not in draft_help and sentence.search(draft_help)
    for text in (check_help, draft_help):
        assert "--watch" in text and "--baseline" in text


@pytest.fixture(scope="module")
def baselined(tmp_path_factory: pytest.TempPathFactory, cache_env: dict[str, str | None]) -> tuple[Path, dict[str, str | None]]:
    """A claims file with one conflict recorded in a baseline and one added after it."""
    folder = tmp_path_factory.mktemp("baselined")
    (folder / ".claimcheck.toml").write_text(f"allow-sources-outside = [{str(SEEDS)!r}]\n", encoding="utf-8")
    known = {"id": "amazon-responded", "text": "Amazon responded to requests for comment."}
    (folder / "claims.yaml").write_text(yaml.safe_dump({"sources": str(SEEDS), "claims": [known]}), encoding="utf-8")
    assert invoke(["check", "claims.yaml", "--write-baseline", "baseline.json"], folder, cache_env).code == 0
    new = {"id": "palantir-14-million", "text": "ICE awarded Palantir a $14 million contract in 2014."}
    (folder / "claims.yaml").write_text(yaml.safe_dump({"sources": str(SEEDS), "claims": [known, new]}), encoding="utf-8")
    return folder, cache_env


@pytest.mark.parametrize("format_name", ["line", "github", "text", "sarif"])
def test_with_a_baseline_reports_mark_which_failures_are_new(baselined: tuple[Path, dict[str, str | None]], format_name: str) -> None:
    folder, env = baselined
    result = invoke(["check", "claims.yaml", "--baseline", "baseline.json", "--format", format_name], folder, env)
    assert result.code == 1, result.err
    if format_name == "sarif":
        states = {r["properties"]["claimId"]: r["baselineState"] for r in result.json()["runs"][0]["results"]}
        assert states == {"amazon-responded": "unchanged", "palantir-14-million": "new"}
        return
    lines = result.out.splitlines()
    if format_name == "line":
        assert len(lines) == 2
        assert lines[0].endswith("[amazon-responded] (in the baseline)") and lines[1].endswith("[palantir-14-million] (new)")
    elif format_name == "github":
        assert [line.split("::")[1].split("title=")[1] for line in lines[:2]] == [
            "claimcheck%3A conflicting claim amazon-responded (in the baseline)",
            "claimcheck%3A conflicting claim palantir-14-million (new)",
        ]
        assert lines[0].startswith("::warning") and lines[1].startswith("::error")
    else:
        assert "NEW" in result.out and "in the baseline" in result.out
        assert lines[-1].endswith("1 fail the gate (1 new or changed since the baseline)")
