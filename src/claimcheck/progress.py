"""Progress on stderr: a Rich bar per stage (rate and time left) on a terminal, and the line saying what an index run reused.

The library reports progress through one callback, `progress(stage, done, total)`, with the stages
"reading sources", "embedding passages", "parsing claims" and "checking claims". `ProgressBars` draws them;
nothing is drawn when stderr is not a terminal (a log, a pipe, CI) or with `--quiet`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .models import IndexReport

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

# What each stage counts, for its rate ("passages/s").
UNITS = {"reading sources": "files", "embedding passages": "passages", "parsing claims": "claims", "checking claims": "claims"}


class ProgressBars:
    """A bar per stage while it runs; a stage's bar goes when it completes, and the display with the last one."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        """The `progress(stage, done, total)` callback."""
        progress = self._progress or self._start()
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = progress.add_task(stage, total=max(total, 1), unit=UNITS.get(stage, "items"))
        progress.update(task, completed=done, total=max(total, 1), refresh=True)  # calls are seconds apart: draw each now
        if done >= total:
            progress.remove_task(task)
            del self._tasks[stage]
            if not self._tasks:
                self.close()

    def _start(self) -> Progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
        from rich.text import Text

        class RateColumn(ProgressColumn):
            """The stage's rate in its own unit ("412 passages/s"); Rich's own says "it/s"."""

            def render(self, task: Task) -> Text:
                speed = task.finished_speed or task.speed
                return Text("" if speed is None else f"{speed:,.0f} {task.fields.get('unit', 'items')}/s", style="progress.data.speed")

        self._progress = Progress(
            TextColumn("claimcheck: {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,  # the closing line says what was done; finished bars would only repeat it
            refresh_per_second=4,
        )
        self.console.file.write("\r\033[K")  # over a status line ("loading sources…") the bars replace
        self._progress.start()
        return self._progress

    def close(self) -> None:
        """Stop drawing (and clear the bars); safe to call twice, or when nothing was drawn."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
            self._tasks.clear()


def progress_bars(quiet: bool, console: Console | None = None) -> ProgressBars | None:
    """Bars on `console` (by default stderr), or None when quiet or when it is not a terminal."""
    if quiet:
        return None
    if console is None:
        if not sys.stderr.isatty():
            return None
        from rich.console import Console

        console = Console(file=sys.stderr)
    return ProgressBars(console) if console.is_terminal else None


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def closing_line(report: IndexReport) -> str:
    """What opening or building the index reused and what it computed, in one line."""
    documents = f"{_plural(report.documents, 'document')} ({report.documents_reused:,} unchanged, {report.documents_read:,} read"
    documents += f", {report.documents_removed:,} removed)" if report.documents_removed else ")"
    from_cache = report.passages - report.passages_reused - report.passages_encoded
    passages = f"{_plural(report.passages, 'passage')} ({report.passages_reused:,} reused, {report.passages_encoded:,} encoded"
    passages += f", {from_cache:,} from the embedding cache)" if from_cache > 0 else ")"
    return f"claimcheck: index: {documents}, {passages} in {report.seconds:.1f} s"
