"""The CI gate: which verdicts fail a run, and the exit status."""

from __future__ import annotations

from enum import Enum, IntEnum

from .baseline import is_known
from .errors import ClaimcheckError
from .models import Citation, Label, Verdict


class GateCheck(str, Enum):
    """A `--fail-on` value that is not a verdict."""

    MISCITED = "miscited"  # the claim cites a source, and that source does not bear its verdict out


FailOn = tuple[Label | GateCheck, ...]
DEFAULT_FAIL_ON: FailOn = (Label.CONFLICTING, Label.UNSOURCED)


class ExitStatus(IntEnum):
    """Process exit codes (DESIGN.md): 0 clean, 1 the gate failed, 2 usage, input or configuration error."""

    CLEAN = 0
    GATE_FAILED = 1
    ERROR = 2


def parse_fail_on(value: str) -> FailOn:
    """A comma list of verdicts and `miscited`, or `none`."""
    items = [item.strip().lower() for item in value.split(",") if item.strip()]
    if items == ["none"]:
        return ()
    labels: list[Label | GateCheck] = []
    for item in items:
        try:
            labels.append(GateCheck(item) if item in {check.value for check in GateCheck} else Label(item))
        except ValueError:
            allowed = ", ".join([label.value for label in Label] + [check.value for check in GateCheck])
            raise ClaimcheckError(f"--fail-on: unknown verdict '{item}' (use {allowed}, or none)") from None
    if not labels:
        raise ClaimcheckError("--fail-on: give a comma list of verdicts, or none")
    return tuple(labels)


def miscited(verdict: Verdict, fail_on: FailOn) -> bool:
    """Whether the gate checks citations and this claim's cited source does not bear its verdict out."""
    return GateCheck.MISCITED in fail_on and verdict.citation is Citation.WRONG_SOURCE


def fails_gate(verdict: Verdict, fail_on: FailOn, baseline: dict[str, Label] | None = None) -> bool:
    """A claim with `expect` fails when its verdict differs; one without, when its verdict is in `fail_on`; either, with
    `miscited` in `fail_on`, when its citation is `wrong-source`; none fails when a baseline records the same verdict for it."""
    if baseline and is_known(verdict, baseline):
        return False
    # An `expect` states the verdict, not the source: a right verdict from the wrong source is still a miscitation.
    if miscited(verdict, fail_on):
        return True
    if verdict.claim.expect is not None:
        return verdict.label is not verdict.claim.expect
    return verdict.label in fail_on


def exit_status(verdicts: list[Verdict], fail_on: FailOn, baseline: dict[str, Label] | None = None) -> ExitStatus:
    """The run's exit status; an empty run is an error, never a pass."""
    if not verdicts:
        raise ClaimcheckError("no claims were checked")
    return ExitStatus.GATE_FAILED if any(fails_gate(v, fail_on, baseline) for v in verdicts) else ExitStatus.CLEAN
