"""The CI gate: which verdicts fail a run, and the exit status."""

from __future__ import annotations

from enum import IntEnum

from .baseline import is_known
from .errors import ClaimcheckError
from .models import Label, Verdict

DEFAULT_FAIL_ON = (Label.CONFLICTING, Label.UNSOURCED)


class ExitStatus(IntEnum):
    """Process exit codes (DESIGN.md): 0 clean, 1 the gate failed, 2 usage, input or configuration error."""

    CLEAN = 0
    GATE_FAILED = 1
    ERROR = 2


def parse_fail_on(value: str) -> tuple[Label, ...]:
    """A comma list of verdicts, or `none`."""
    items = [item.strip().lower() for item in value.split(",") if item.strip()]
    if items == ["none"]:
        return ()
    labels = []
    for item in items:
        try:
            labels.append(Label(item))
        except ValueError:
            allowed = ", ".join(label.value for label in Label)
            raise ClaimcheckError(f"--fail-on: unknown verdict '{item}' (use {allowed}, or none)") from None
    if not labels:
        raise ClaimcheckError("--fail-on: give a comma list of verdicts, or none")
    return tuple(labels)


def fails_gate(verdict: Verdict, fail_on: tuple[Label, ...], baseline: dict[str, Label] | None = None) -> bool:
    """A claim with `expect` fails when its verdict differs; one without, when its verdict is in `fail_on`;
    neither fails when a baseline records the same verdict for it."""
    if baseline and is_known(verdict, baseline):
        return False
    if verdict.claim.expect is not None:
        return verdict.label is not verdict.claim.expect
    return verdict.label in fail_on


def exit_status(verdicts: list[Verdict], fail_on: tuple[Label, ...], baseline: dict[str, Label] | None = None) -> ExitStatus:
    """The run's exit status; an empty run is an error, never a pass."""
    if not verdicts:
        raise ClaimcheckError("no claims were checked")
    return ExitStatus.GATE_FAILED if any(fails_gate(v, fail_on, baseline) for v in verdicts) else ExitStatus.CLEAN
