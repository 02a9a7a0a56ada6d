"""`draft --annotate`: footnote citations and flags in a copy; the draft is never touched."""

from __future__ import annotations

import re
from pathlib import Path

from claimcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], capsys) -> int:
    try:
        main(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    finally:
        capsys.readouterr()
    return 0


def test_annotated_copy_cites_every_checked_sentence_and_leaves_the_draft_alone(tmp_path, capsys):
    draft = tmp_path / "story.md"
    draft.write_text(
        "# Story\n\nICE awarded Palantir a $41 million contract in 2014.\n\n"
        "Amazon responded to requests for comment.\n\nThe mayor of Springfield opened a zoo.\n",
        encoding="utf-8",
    )
    before = draft.read_bytes()
    out = tmp_path / "story.checked.md"
    code = _run(["draft", str(draft), "--sources", str(ROOT / "seeds"), "--annotate", str(out), "--format", "json"], capsys)
    assert code == 1  # a conflicting and an unsourced sentence fail the default gate
    assert draft.read_bytes() == before
    annotated = out.read_text(encoding="utf-8")
    assert "2014.[^cc-" in annotated
    assert re.search(r"comment\. \*\*\[⚠ CONFLICTING\]\*\*\[\^cc-\d+\]", annotated)
    assert re.search(r"zoo\. \*\*\[⚠ UNSOURCED\]\*\*\[\^cc-\d+\]", annotated)
    notes = dict(re.findall(r"^\[\^(cc-\d+)\]: (.+)$", annotated, re.MULTILINE))
    refs = set(re.findall(r"\[\^(cc-\d+)\](?!:)", annotated))
    assert refs == set(notes)
    assert any("003_f236ad7aaf1e2402.txt:11" in note and "$41 million" in note for note in notes.values())


def test_the_drafts_own_footnotes_are_kept_apart(tmp_path, capsys):
    draft = tmp_path / "story.md"
    draft.write_text(
        "ICE awarded Palantir a $41 million contract in 2014.[^1] Amazon did not respond to requests for comment.\n\n[^1]: Contract records, 2014.\n",
        encoding="utf-8",
    )
    out = tmp_path / "checked.md"
    _run(["draft", str(draft), "--sources", str(ROOT / "seeds"), "--annotate", str(out), "--fail-on", "none"], capsys)
    annotated = out.read_text(encoding="utf-8")
    assert "[^1]: Contract records, 2014." in annotated  # the writer's note, untouched
    # Both sentences were checked separately (split after the footnote reference) and cited.
    assert re.search(r"2014\.\[\^1\]\[\^cc-\d+\]", annotated)
    assert re.search(r"comment\.\[\^cc-\d+\]", annotated)


def test_annotating_over_the_draft_is_refused(tmp_path, capsys):
    draft = tmp_path / "story.md"
    draft.write_text("ICE awarded Palantir a $41 million contract in 2014.\n", encoding="utf-8")
    before = draft.read_bytes()
    assert _run(["draft", str(draft), "--sources", str(ROOT / "seeds"), "--annotate", str(draft)], capsys) == 2
    assert draft.read_bytes() == before


def test_the_failing_part_of_a_compound_sentence_is_marked_in_the_copy(tmp_path, capsys):
    draft = tmp_path / "story.md"
    sentence = "ICE awarded Palantir a $41 million contract in 2014 and opened an office on the Moon."
    draft.write_text(f"# Story\n\n{sentence}\n", encoding="utf-8")
    out = tmp_path / "story.checked.md"
    _run(["draft", str(draft), "--sources", str(ROOT / "seeds"), "--annotate", str(out), "--fail-on", "none"], capsys)
    annotated = out.read_text(encoding="utf-8")
    marked = re.search(r"<ins>(.+?)</ins>", annotated)
    assert marked is not None and "Moon" in marked.group(1) and "Palantir" not in marked.group(1)
    # Without the marks the sentence is the draft's own, and its flag follows it.
    assert re.sub(r"</?ins>", "", annotated).count(sentence + " **[") == 1
