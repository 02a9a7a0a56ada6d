"""`--format junit`: JUnit XML, one test case per claim; claims that fail the gate are failures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..models import Citation, Verdict
from .base import ReportContext, citation_note, claim_positions, fails, gate_note, place, quote_groups
from .escape import fold, xml_text

SUITE = "claimcheck"
# Every attribute and text node goes through this: XML 1.0 cannot hold most control characters even escaped.
_clean = xml_text


def _details(verdict: Verdict, context: ReportContext, where: str) -> str:
    """The failure text: verdict, claim, place, explanation and the quotes on each side."""
    lines = [f"{verdict.label.value} (confidence {verdict.confidence:.2f})"]
    note = gate_note(verdict, context)
    if note and (verdict.claim.expect is not None or verdict.citation is Citation.WRONG_SOURCE):
        lines.append(note)
    lines.append(f"claim: {fold(verdict.claim.text)}")
    if where:
        lines.append(f"at: {where}")
    if verdict.explanation:
        lines.append(f"why: {fold(verdict.explanation)}")
    if citation_note(verdict):
        lines.append(citation_note(verdict).replace("citation ", "citation: ", 1))
    for heading, items in quote_groups(verdict):
        lines += ["", f"{heading}:"]
        lines += [f"  {place(item)}: \u201c{fold(item.passage.text)}\u201d" for item in items]
    return "\n".join(lines) + "\n"


def render_junit(verdicts: list[Verdict], context: ReportContext) -> str:
    """A `<testsuites>` document holding one `<testsuite name="claimcheck">`, claims in input order."""
    positions = claim_positions(verdicts, context)
    failures = sum(1 for v in verdicts if fails(v, context))
    counts = {"tests": str(len(verdicts)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    for verdict in verdicts:
        position = positions[id(verdict)]
        classname = position.path or SUITE
        where = f"{position.path}:{position.line}" if position.path and position.line else ""
        case = ET.SubElement(suite, "testcase", {"classname": _clean(classname), "name": _clean(verdict.claim.id)})
        # The citation check as a machine-readable property (the `<properties>` inside a test case that pytest and CI readers use).
        ET.SubElement(ET.SubElement(case, "properties"), "property", {"name": "citation", "value": verdict.citation.value})
        details = _clean(_details(verdict, context, where))
        if fails(verdict, context):
            message = gate_note(verdict, context)
            if verdict.explanation:
                message += f": {fold(verdict.explanation)}"
            failure = ET.SubElement(case, "failure", {"message": _clean(message), "type": verdict.label.value})
            failure.text = details
        else:
            ET.SubElement(case, "system-out").text = details
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False).join(['<?xml version="1.0" encoding="UTF-8"?>\n', "\n"])
