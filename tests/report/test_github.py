"""`--format github`: workflow commands in the syntax GitHub Actions documents."""

from __future__ import annotations

import re

from claimcheck.models import Claim, Label, Verdict
from claimcheck.report import render
from claimcheck.report.base import gate_failures
from claimcheck.report.github import escape_data, escape_property
from claimcheck.reporting import with_verdicts

# ::command key=value,key=value::message — values and message escaped, so no raw line breaks, and no
# raw `:` or `,` inside a value.
PROPERTY = r"(?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*"
COMMAND = re.compile(rf"^::(error|warning|notice)(?: {PROPERTY}(?:,{PROPERTY})*)?::[^\r\n]*$")


def _commands(output: str) -> list[re.Match]:
    lines = output.split("\n")
    assert lines[-1] == ""
    matches = [COMMAND.match(line) for line in lines[:-1]]
    assert all(matches), [line for line, m in zip(lines, matches) if not m]
    return matches


def test_syntax_and_levels(run):
    verdicts, context = run
    matches = _commands(render(verdicts, "github", context))
    kinds = [m.group(1) for m in matches]
    assert kinds.count("error") == len(gate_failures(verdicts, context))
    unsupported = [v for v in verdicts if v.label is not Label.SUPPORTED]
    assert kinds.count("error") + kinds.count("warning") == len(set(map(id, unsupported + gate_failures(verdicts, context))))
    assert kinds[-1] == "notice"


def test_annotations_point_at_claims(verdicts, context):
    output = render(verdicts, "github", context)
    for verdict in verdicts:
        if verdict.label is Label.SUPPORTED:
            continue
        assert f"file={verdict.claim.file},line={verdict.claim.line},title=claimcheck%3A {verdict.label.value} claim " in output


def test_draft_annotations_carry_columns(draft_verdicts, draft_context):
    output = render(draft_verdicts, "github", draft_context)
    for verdict in draft_verdicts:
        if verdict.label is not Label.SUPPORTED:
            assert re.search(
                rf"file=drafts/story.md,line={verdict.claim.line},col=\d+,title=claimcheck%3A {verdict.label.value} claim L{verdict.claim.line}%3A", output
            )


def test_nothing_fails_without_a_gate(verdicts, context):

    output = render(verdicts, "github", with_verdicts(context, verdicts, fail_on=()))
    assert "::error" not in output
    assert "::warning" in output


def test_escaping():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_hostile_text_stays_one_command(context):
    claim = Claim("id:with,commas", "Line one\n::error::injected\r\n100%", file="dir/c,1:x.yaml", line=2)
    hostile = [Verdict(claim, Label.CONFLICTING, 0.9, "a\nb")]
    output = render(hostile, "github", with_verdicts(context, hostile))
    matches = _commands(output)
    assert len(matches) == 2
    assert output.startswith("::error file=dir/c%2C1%3Ax.yaml,line=2,title=claimcheck%3A conflicting claim id%3Awith%2Ccommas::")


def test_baseline_known_verdicts_do_not_fail(verdicts, context):

    from claimcheck.baseline import fingerprint

    known = {fingerprint(v.claim): v.label for v in verdicts}
    output = render(verdicts, "github", with_verdicts(context, verdicts, baseline=known))
    assert "::error" not in output
    assert output.count("::warning") == sum(1 for v in verdicts if v.label is not Label.SUPPORTED)
