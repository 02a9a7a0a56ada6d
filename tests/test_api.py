"""Tests for the library API: `check(...)` and `Checker` against the seed sources."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimcheck.api as api
from claimcheck.api import Checker, as_claims, check
from claimcheck.errors import ClaimcheckError
from claimcheck.language.parts import Part
from claimcheck.models import Claim, Evidence, Label, PartVerdict, Stance, Verdict
from claimcheck.text import LineMap

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

SOURCE = "003_f236ad7aaf1e2402.txt"  # a file among the seeds, named as a citation would name it

# Plain sentences about the sources (and one about nothing in them); the tests assert structure, not verdicts.
TEXTS = [
    "ICE awarded Palantir a $41 million contract in 2014.",
    "Amazon did not respond to requests for comment.",
    "The moon landing was filmed in a studio in Nevada.",
    "More than 100 Microsoft employees signed a letter.",
]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.getbasetemp() / "cache"


@pytest.fixture(scope="module")
def checker(cache_dir: Path) -> Checker:
    return Checker(str(SEEDS), cache_dir=cache_dir)


@pytest.fixture(scope="module")
def verdicts(cache_dir: Path) -> list[Verdict]:
    return check(TEXTS, SEEDS, cache_dir=cache_dir)


def file_text(source: str) -> str:
    with open(SEEDS / source, encoding="utf-8", newline="") as handle:
        return handle.read()


def test_one_verdict_per_claim_in_order(verdicts: list[Verdict]) -> None:
    assert len(verdicts) == len(TEXTS)
    assert [v.claim.text for v in verdicts] == TEXTS
    assert [v.claim.id for v in verdicts] == [f"claim-{n}" for n in range(1, len(TEXTS) + 1)]


def test_verdicts_are_well_formed(verdicts: list[Verdict]) -> None:
    for verdict in verdicts:
        assert isinstance(verdict.label, Label)
        assert 0.0 <= verdict.confidence <= 1.0
        assert verdict.explanation.strip()
        assert verdict.evidence, "every claim lists at least its nearest passages"
        for item in verdict.evidence:
            assert isinstance(item.stance, Stance)
            assert 0.0 <= item.score <= 1.0
        stances = {e.stance for e in verdict.evidence}
        if verdict.label is Label.UNSOURCED:
            assert stances == {Stance.RELATED}
        if verdict.label is Label.SUPPORTED:
            assert verdict.evidence[0].stance is Stance.SUPPORTS
        if verdict.label is Label.CONFLICTING:
            assert verdict.evidence[0].stance is Stance.CONTRADICTS


def test_evidence_quotes_are_exact_slices_of_the_source(verdicts: list[Verdict], checker: Checker) -> None:
    documents = {d.path: d for d in checker.corpus.documents}
    for verdict in verdicts:
        for item in verdict.evidence:
            p = item.passage
            document = documents[p.source]
            assert p.text == document.text[p.char_start : p.char_end]
            text = file_text(p.source)
            assert p.text == text[p.char_start : p.char_end]
            lines = LineMap(text)
            assert p.line_start == lines.line_of(p.char_start)
            assert p.line_end == lines.line_of(p.char_end - 1)


def test_documents_are_the_source_files_as_written(checker: Checker) -> None:
    on_disk = sorted(p.name for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))
    assert sorted(d.path for d in checker.corpus.documents) == on_disk
    for document in checker.corpus.documents:
        assert document.text == file_text(document.path)
    assert checker.index.vectors.shape[0] == len(checker.corpus.passages)


def test_claim_objects_pass_through_unchanged(checker: Checker) -> None:
    claims = [Claim(id="b", text=TEXTS[1], tags=("x",)), Claim(id="a", text=TEXTS[0], cite=(SOURCE,))]
    result = checker.check(claims)
    assert [v.claim for v in result] == claims


def test_checker_matches_the_one_shot_function(checker: Checker, verdicts: list[Verdict]) -> None:
    again = checker.check(TEXTS)
    assert [(v.label, v.evidence[0].passage.key) for v in again] == [(v.label, v.evidence[0].passage.key) for v in verdicts]


def test_mixed_strings_and_claims() -> None:
    items = as_claims(["first", Claim(id="own", text="second"), "third"])
    assert [c.id for c in items] == ["claim-1", "own", "claim-3"]
    assert [c.text for c in items] == ["first", "second", "third"]


def test_citing_a_file_outside_the_sources_is_an_error(checker: Checker) -> None:
    claim = Claim(id="cites-missing", text=TEXTS[0], cite=("no-such-article.txt",), file="claims.yaml", line=7)
    with pytest.raises(ClaimcheckError) as info:
        checker.check([claim])
    assert "no-such-article.txt" in info.value.message
    assert (info.value.file, info.value.line) == ("claims.yaml", 7)


def test_citing_a_loaded_source_is_accepted(checker: Checker) -> None:
    for cite in (SOURCE, f"./{SOURCE}"):
        assert len(checker.check([Claim(id="ok", text=TEXTS[0], cite=(cite,))])) == 1


def test_citing_a_path_above_the_root_is_an_error(checker: Checker) -> None:
    with pytest.raises(ClaimcheckError):
        checker.check([Claim(id="up", text=TEXTS[0], cite=(f"../{SOURCE}",))])


def test_no_claims_is_an_error(checker: Checker) -> None:
    with pytest.raises(ClaimcheckError):
        checker.check([])


def test_check_reuses_the_index(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = []
    real_build = api.open_corpus_index

    def counting_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        builds.append(1)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(api, "open_corpus_index", counting_build)
    fresh = Checker(SEEDS, cache_dir=cache_dir)
    assert len(builds) == 1  # the corpus index opened (and brought up to date) once
    index = fresh.index
    first = fresh.check(TEXTS[:2])
    second = fresh.check(TEXTS[2:])
    assert len(builds) == 1, "checking claims must not reload the corpus or rebuild the index"
    assert fresh.index is index
    assert len(first) == 2 and len(second) == 2


def _counting(function, calls: list[int]):  # type: ignore[no-untyped-def]
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return function(*args, **kwargs)

    return wrapper


def test_missing_sources_folder_is_an_error(tmp_path: Path, cache_dir: Path) -> None:
    with pytest.raises(ClaimcheckError):
        check(["anything"], tmp_path / "nowhere", cache_dir=cache_dir)


def test_rechecking_unchanged_claims_and_sources_needs_no_model(tmp_path):
    """Claim vectors are cached like passage vectors: a repeat run imports no model runtime, and new claims no torch."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from claimcheck.cli import main\n"
        "try:\n"
        f"    main(['check', {str(SEEDS.parent / 'claims')!r}, '--format', 'json', '--output', {str(tmp_path / 'r.json')!r}])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "print(code, *(m in sys.modules for m in ('torch', 'spacy', 'onnxruntime')))\n"
    )
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    # The first run encodes (exporting the model for ONNX Runtime) and parses; the second finds vectors and parses cached.
    assert first.stdout.split() == ["0", "True", "True", "True"]
    assert second.stdout.split() == ["0", "False", "False", "False"]
    # New claims against the indexed seeds: encoded on ONNX Runtime from the cached export, with no torch at all.
    claims = tmp_path / "new.yaml"
    claims.write_text("claims:\n  - id: new\n    text: Amazon sold face recognition software to the police.\n", encoding="utf-8")
    anew = script.replace(repr(str(SEEDS.parent / "claims")), f"{str(claims)!r}, '--sources', {str(SEEDS)!r}")
    third = subprocess.run([sys.executable, "-c", anew], capture_output=True, text=True, env=env, check=True)
    code, torch, _, onnxruntime = third.stdout.split()
    assert (code, torch, onnxruntime) == ("0", "False", "True"), third.stderr


def test_a_draft_pronoun_is_checked_as_about_what_it_refers_to(tmp_path: Path, cache_dir: Path) -> None:
    from claimcheck.draft import parse_draft

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "alpha.md").write_text("# Alpha server\n\nThe Alpha server handles at most 32 clients at a time.\n", encoding="utf-8")
    (sources / "beta.md").write_text("# Beta server\n\nThe Beta server handles at most 64 clients at a time.\n", encoding="utf-8")
    draft = parse_draft("Alpha is a server written in Go. It handles at most 64 clients at a time.\n")
    claim = draft.claims()[1]
    assert claim.previous == ("Alpha is a server written in Go.",)
    verdict = Checker(sources, cache_dir=cache_dir).check([claim])[0]
    # "It" is Alpha: Beta's 64 clients do not bear it out, and Alpha's 32 says otherwise.
    assert verdict.label is Label.CONFLICTING, verdict.explanation
    assert verdict.evidence[0].passage.source == "alpha.md"
    # The sentence alone, about nothing named, is not called supported by Beta's figure either way.
    alone = Checker(sources, cache_dir=cache_dir).check([Claim(id="alone", text=claim.text)])[0]
    assert not (alone.label is Label.SUPPORTED and alone.evidence[0].passage.source == "alpha.md")


def test_a_claim_whose_object_the_source_gives_otherwise_is_not_supported(tmp_path: Path, cache_dir: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    passage = "Built in 1931, the Pell dam on the river Kell supplies electricity to the town of Arno and its villages."
    (sources / "dam.md").write_text(f"# The Pell dam\n\n{passage}\n", encoding="utf-8")
    checker = Checker(sources, cache_dir=cache_dir)
    claims = [
        Claim(id="water", text="The Pell dam on the river Kell supplies water to the town of Arno and its villages."),
        Claim(id="electricity", text="The Pell dam on the river Kell supplies electricity to the town of Arno and its villages."),
    ]
    # The parse the checker hands to judging names what the claim says the dam supplies, and to whom.
    assert checker.retrieve(claims)[0].heads == ("water", "town")
    water, electricity = checker.check(claims)
    assert water.label is Label.UNSOURCED, water.explanation
    assert "'water'" in water.explanation
    assert electricity.label is Label.SUPPORTED, electricity.explanation


def test_transcript_and_minutes_labels_give_a_paragraph_to_its_speaker(tmp_path: Path, cache_dir: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "show.md").write_text(
        "# Morning show\n\n"
        "HOST: The depot flooded again last week. Dana, what happened?\n\n"
        "DANA WHITLOCK: The water came in overnight. The depot has flooded three times since 2020, and we paid for the pumps ourselves.\n\n"
        "The show then went to the news.\n",
        encoding="utf-8",
    )
    (sources / "minutes.txt").write_text(
        "MINUTES OF THE DEPOT MEETING\n\n"
        "Present: Dana Whitlock, depot manager (DW); Owen Reyes, councillor (OR)\n\n"
        "DW: The pumps were bought in 2021.\n\n"
        "XY: The gates were repainted.\n",
        encoding="utf-8",
    )
    checker = Checker(sources, cache_dir=cache_dir)
    speakers = {p.text: checker.speaker(p) for p in checker.corpus.passages if p.sentence_count == 1}
    assert speakers["The depot has flooded three times since 2020, and we paid for the pumps ourselves."] == "Dana Whitlock"
    # A blank line ends the label's reach: the closing paragraph is nobody's words.
    assert speakers["The show then went to the news."] == ""
    # Minutes' initials stand for whom their list of those present says; initials it does not define name nobody.
    assert speakers["DW: The pumps were bought in 2021."] == "Dana Whitlock"
    assert speakers["XY: The gates were repainted."] == ""
    claims = [
        Claim(id="right", text="Whitlock said the depot had flooded three times since 2020."),
        Claim(id="wrong", text="Councillor Reyes said the depot had flooded three times since 2020."),
    ]
    right, wrong = checker.check(claims)
    assert right.label is Label.SUPPORTED, right.explanation
    assert wrong.label is not Label.SUPPORTED, wrong.explanation


def test_part_claim_is_framed_by_its_whole_sentence() -> None:
    """A part of a compound claim is read in its sentence ("in 2024" in one clause dates the other); a list item keeps its lead-in."""
    text = "The ferry company carried 2.4 million passengers in 2024, and its fleet grew to 15 vessels."
    part = Part("its fleet grew to 15 vessels", 61, 89, "clause")
    assert api.part_claim(Claim(id="c", text=text), part).frame == text
    assert api.part_claim(Claim(id="c", text=text, frame="Results for 2024:"), part).frame == "Results for 2024:"


def test_a_part_the_supporting_passage_has_only_in_another_mood_is_not_borne_out(tmp_path: Path, cache_dir: Path) -> None:
    """A part unsourced on its own counts as stated with the rest of the claim, unless the passage has it only as possible."""
    (tmp_path / "port.txt").write_text("The port opened Berth 4 in 2027. It believes the berth may cut waiting times by a fifth.\n", encoding="utf-8")
    checker = Checker(str(tmp_path), cache_dir=cache_dir)
    text = "The port opened Berth 4 in 2027, and the berth will cut waiting times by a fifth."
    passage = checker.check([Claim(id="c", text=text)])[0].evidence[0].passage
    assert "may cut" in passage.text
    whole = Verdict(Claim(id="c", text=text), Label.SUPPORTED, 0.9, "source says so", (Evidence(passage, Stance.SUPPORTS, 0.9),))
    cut = Part("the berth will cut waiting times by a fifth", 36, 81, "clause", slots=("the berth", "waiting times", "a fifth"))
    for rule, borne_out in (("possibility", False), ("missing_verb", True)):
        own = PartVerdict(cut.text, cut.start, cut.end, Label.UNSOURCED, "no source says this", (Evidence(passage, Stance.RELATED, 0.8, rule=rule),), cut.slots)
        assert (checker._borne_out(cut, own, whole, checker.thresholds).label is Label.SUPPORTED) is borne_out, rule


def test_a_relative_clause_describing_the_subject_is_borne_out_only_where_the_subject_is_named(tmp_path: Path, cache_dir: Path) -> None:
    """ "Lowry, who managed the trial, agreed" is not borne out by a passage where Lowry only agrees, with "trial" in its title."""
    (tmp_path / "notice.txt").write_text(
        "Professor Aldous, Dr Fenn and Dr Lowry agree with this retraction. Dr Fenn managed the trial day to day.\n", encoding="utf-8"
    )
    (tmp_path / "sources.yaml").write_text('notice.txt: {title: "Retraction notice: the Keston vitamin trial"}\n', encoding="utf-8")
    checker = Checker(str(tmp_path), cache_dir=cache_dir)
    passage = next(p for p in checker.corpus.passages if p.text.startswith("Professor Aldous") and p.sentence_count == 1)
    # Named in the passage, but not said to have managed anything.
    for subject in ("Lowry", "Fenn"):
        text = f"{subject}, who managed the trial day to day, agreed to the retraction."
        whole = Verdict(Claim(id="c", text=text), Label.SUPPORTED, 0.9, "source says so", (Evidence(passage, Stance.SUPPORTS, 0.9),))
        cut = Part(f"{subject} managed the trial day to day", text.index("who"), text.index(", agreed"), "relative", slots=(subject, "the trial day", "day"))
        own = PartVerdict(cut.text, cut.start, cut.end, Label.UNSOURCED, "no source says this", (), cut.slots)
        assert checker._borne_out(cut, own, whole, checker.thresholds).label is Label.UNSOURCED, subject
    # Where the passage names the subject with the description's words, the description is borne out.
    both = next(p for p in checker.corpus.passages if p.text.startswith("Professor Aldous") and p.sentence_count == 2)
    text = "Fenn, who managed the trial day to day, agreed to the retraction."
    whole = Verdict(Claim(id="c", text=text), Label.SUPPORTED, 0.9, "source says so", (Evidence(both, Stance.SUPPORTS, 0.9),))
    cut = Part("Fenn managed the trial day to day", text.index("who"), text.index(", agreed"), "relative", slots=("Fenn", "the trial day", "day"))
    own = PartVerdict(cut.text, cut.start, cut.end, Label.UNSOURCED, "no source says this", (), cut.slots)
    assert checker._borne_out(cut, own, whole, checker.thresholds).label is Label.SUPPORTED
    # A restrictive relative picks out its subject, and one on a thing may be told naming the thing otherwise: neither is held to it.
    assert not api._describes(Part("who return a seat", 10, 27, "relative"), "Customers who return a seat get a gift card.")
    assert not api._describes(Part("which overstated it", 23, 42, "relative"), "It corrected its report, which overstated it.")
