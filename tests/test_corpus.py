"""The sources walk, decoding and passages: exact offsets for any text, and a walk that never leaves the root."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Document
from claimcheck.sources import MAX_PASSAGE_CHARS, Limits, decode, load_corpus, load_documents, split_passages
from claimcheck.text import mask_hidden

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_WORDS = st.sampled_from(
    [
        "Palantir",
        "won",
        "a",
        "$41",
        "million",
        "contract.",
        "Mr.",
        "U.S.",
        "e.g.",
        "No.",
        "“Yes,”",
        "she",
        "said.",
        "—",
        "…",
        "中文。",
        "🎉",
        "Ünïcode",
        "x" * 40,
        "!",
        "?",
        "",
    ]
) | st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=8)
_LINES = st.lists(st.lists(_WORDS, max_size=12).map(" ".join), max_size=20)
_ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def source_texts(draw) -> str:  # type: ignore[no-untyped-def]
    """Text as it might sit in a file: lines ended by LF, CRLF, CR or a mix, blank lines, maybe a very long line."""
    lines = draw(_LINES)
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), " ".join(draw(st.lists(_WORDS, min_size=1, max_size=5))) * draw(st.integers(50, 600)))
    mixed = draw(st.booleans())
    ending = draw(_ENDINGS)
    return "".join(line + (draw(_ENDINGS) if mixed else ending) for line in lines)


def line_of(text: str, offset: int) -> int:
    """The 1-based line of `offset`, computed independently: a line ends after CRLF, CR or LF."""
    return 1 + sum(1 for match in re.finditer(r"\r\n|\r|\n", text) if match.end() <= offset)


def assert_exact(text: str, passages) -> None:  # type: ignore[no-untyped-def]
    """Every passage slices back to its quote, on the lines of its first and last characters."""
    for passage in passages:
        assert 0 <= passage.char_start < passage.char_end <= len(text)
        assert text[passage.char_start : passage.char_end] == passage.text
        assert passage.line_start == line_of(text, passage.char_start)
        assert passage.line_end == line_of(text, passage.char_end - 1)
        assert passage.text == passage.text.strip()
        if passage.sentence_count == 1:
            assert len(passage.text) <= MAX_PASSAGE_CHARS


@SETTINGS
@given(source_texts(), st.booleans())
def test_passages_slice_back_to_their_quotes(text: str, bom: bool) -> None:
    """Any text, BOM or not, any line endings: offsets and line numbers are exact in the decoded file text."""
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    try:
        decoded, encoding = decode(data, "a.txt")
    except ClaimcheckError as error:
        # Only text that is mostly control characters (or NULs) is taken for binary.
        assert "binary" in error.message
        assert "\0" in text or sum((ch < " " and ch not in "\t\n\r\f\v") or ch == "\x7f" for ch in text) > 8
    else:
        assert encoding == "utf-8"
        assert decoded == data.decode("utf-8-sig") == text  # what open(encoding="utf-8-sig", newline="") reads
    document = Document("a.txt", "src", text, "0" * 64)
    passages = split_passages(document)
    assert_exact(text, passages)
    singles = [p for p in passages if p.sentence_count == 1]
    assert [(p.char_start, p.char_end) for p in singles] == sorted({(p.char_start, p.char_end) for p in singles})
    # Nothing with a letter or digit is left out of every passage (but what sits inside an escape sequence).
    covered = [False] * len(text)
    for passage in singles:
        covered[passage.char_start : passage.char_end] = [True] * (passage.char_end - passage.char_start)
    visible = mask_hidden(text)
    assert all(covered[i] or not visible[i].isalnum() for i in range(len(text)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source_texts(), st.booleans())
def test_passages_from_real_files_match_the_file(text: str, bom: bool) -> None:
    """Through the real walk and read: the quote is what Python reads at those offsets with newline=''."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.txt"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        documents = load_documents(folder, warn=lambda message: None)
        with open(path, encoding="utf-8-sig", newline="") as handle:
            on_disk = handle.read()
    try:
        decode(text.encode("utf-8"), "a.txt")
    except ClaimcheckError:
        assert documents == []  # taken for binary: skipped with a warning
        return
    if not text.strip():
        assert documents == []
        return
    (document,) = documents
    assert document.text == on_disk
    assert_exact(on_disk, split_passages(document))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decode_returns_text_or_a_clear_error(data: bytes) -> None:
    try:
        text, encoding = decode(data, "a.txt")
    except ClaimcheckError as error:
        assert error.file == "a.txt" and "\n" not in str(error)
    else:
        assert isinstance(text, str) and encoding
        assert not text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"\xef\xbb\xbfHello\r\nworld", "Hello\r\nworld", "utf-8"),
        ("Grüße, café\r".encode(), "Grüße, café\r", "utf-8"),
        ("\ufeffHello there, world.\n".encode("utf-16"), "Hello there, world.\n", "utf_16"),
    ],
)
def test_decode_known_encodings(data: bytes, text: str, encoding: str) -> None:
    assert decode(data, "a.txt") == (text, encoding)


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 20, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 40])
def test_decode_refuses_binary(data: bytes) -> None:
    with pytest.raises(ClaimcheckError, match="binary file"):
        decode(data, "a.bin.txt")


def test_decode_detects_a_legacy_encoding() -> None:
    text = "Le café de la gare a fermé ses portes, a déclaré le maire à la presse régionale."
    decoded, encoding = decode(text.encode("cp1252"), "a.txt")
    assert decoded == text and encoding != "utf-8"


def test_a_stray_bad_byte_is_replaced_not_a_reason_to_switch_code_page() -> None:
    """One bad byte in UTF-8 text: replaced with U+FFFD and counted; the other non-ASCII characters stay as written."""
    good = "The agency’s budget — $41 million — rose in 2014.\n"
    data = good.encode("utf-8") + b"A stray \xff byte and a cut \xe2\x80 sequence.\n" + good.encode("utf-8")
    said = Warnings()
    text, encoding = decode(data, "a.txt", said)
    assert encoding == "utf-8"
    assert text == data.decode("utf-8", errors="replace") and text.count("\ufffd") == 2
    assert text.startswith(good) and text.endswith(good)
    assert said == ["2 invalid UTF-8 byte sequences replaced with U+FFFD"]


def test_a_rare_bad_byte_in_ascii_text_stays_utf_8() -> None:
    data = b"Plain ASCII text with nothing odd in it at all.\n" * 40 + b"One \x92 here.\n"
    said = Warnings()
    assert decode(data, "a.txt", said) == (data.decode("utf-8", errors="replace"), "utf-8")
    assert said == ["1 invalid UTF-8 byte sequence replaced with U+FFFD"]


def test_a_replacement_character_written_in_the_file_is_not_counted() -> None:
    data = "Already \ufffd here, and “quotes”.\n".encode("utf-8") + b"\xff\n"
    said = Warnings()
    decode(data, "a.txt", said)
    assert said == ["1 invalid UTF-8 byte sequence replaced with U+FFFD"]


def test_a_mostly_legacy_file_is_still_detected() -> None:
    """Every accent a bad byte and none well formed: not mostly UTF-8, so the detector reads it."""
    text = "Café society: “In 2014, the résumé’s author won,” said the critic.\n"
    said = Warnings()
    decoded, encoding = decode(text.encode("cp1252"), "a.txt", said)
    assert decoded == text and encoding != "utf-8" and said == []


def test_escape_sequences_in_a_source_are_never_figures_and_offsets_stay_exact() -> None:
    text = "\x1b[1;31mWarning 2019:\x1b[0m The agency paid $41 million.\x1b[0m Then it stopped.\n\x1b]0;title 77\x07\n"
    passages = split_passages(Document("a.txt", "src", text, "0" * 64))
    assert_exact(text, passages)
    from claimcheck.analysis import analyse

    figures = {q.text for p in passages for q in analyse(p.text).figures} | {d.text for p in passages for d in analyse(p.text).dates}
    assert figures == {"$41 million", "2019"}  # 1, 31, 0 and 77 live only in escape sequences
    singles = [p.text for p in passages if p.sentence_count == 1]
    # Passages start and end at visible text; the escape-only last line makes none.
    assert singles == ["Warning 2019:\x1b[0m The agency paid $41 million.", "Then it stopped."]


@pytest.mark.parametrize("mark", ["\u200b", "\u200e", "\u202e", "\u2066", "\ufeff", "\u2060"])
def test_invisible_characters_between_source_sentences_split_them(mark: str) -> None:
    text = f"The agency paid $41 million.{mark} Then it stopped paying.\n"
    passages = split_passages(Document("a.txt", "src", text, "0" * 64))
    assert_exact(text, passages)
    assert [p.text for p in passages if p.sentence_count == 1] == ["The agency paid $41 million.", "Then it stopped paying."]


# --------------------------------------------------------------------------- limits per run


def test_the_files_cap_names_its_key(tmp_path: Path) -> None:
    make(tmp_path, {f"src/{n:02}.txt": f"Document {n} says {n} things.\n" for n in range(6)})
    with pytest.raises(ClaimcheckError) as error:
        load_corpus([tmp_path / "src"], warn=Warnings(), limits=Limits(files=5))
    assert str(error.value) == f"{tmp_path / 'src'}: more than 5 source files (max-files = 5; raise it in .claimcheck.toml if this is really the corpus)"
    assert len(load_corpus([tmp_path / "src"], warn=Warnings(), limits=Limits(files=6)).documents) == 6


def test_the_bytes_cap_counts_every_root(tmp_path: Path) -> None:
    make(tmp_path, {"a/1.txt": TEXT, "b/2.txt": TEXT.replace("41", "42")})
    assert len(load_corpus([tmp_path / "a", tmp_path / "b"], warn=Warnings(), limits=Limits(total_bytes=90)).documents) == 2
    with pytest.raises(ClaimcheckError, match=r"sources larger than 89 bytes in all \(max-total-size = 89;"):
        load_corpus([tmp_path / "a", tmp_path / "b"], warn=Warnings(), limits=Limits(total_bytes=89))


def test_the_passages_cap_stops_inside_a_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten sentences make 19 passages; the cap stops the split early instead of splitting a file whole."""
    make(tmp_path, {"src/a.txt": " ".join(f"Sentence number {n} is here." for n in range(10)) + "\n"})
    assert len(load_corpus([tmp_path / "src"], warn=Warnings(), limits=Limits(passages=19)).passages) == 19
    with pytest.raises(ClaimcheckError, match=r"more than 18 passages in the sources \(max-passages = 18;"):
        load_corpus([tmp_path / "src"], warn=Warnings(), limits=Limits(passages=18))
    make(tmp_path, {"big/a.txt": "Another short sentence is here. " * 100_000})
    seen: list[int] = []
    import claimcheck.sources.passages as passages

    original = passages.pieces

    def counting(text, span, *args):  # type: ignore[no-untyped-def]
        seen.append(span.start)
        return original(text, span, *args)

    monkeypatch.setattr(passages, "pieces", counting)
    with pytest.raises(ClaimcheckError, match="max-passages = 100"):
        load_corpus([tmp_path / "big"], warn=Warnings(), limits=Limits(passages=100))
    assert len(seen) <= 51  # stopped after the 51st sentence of 100,000


# --------------------------------------------------------------------------- the walk


class Warnings(list):
    """A `warn` callback that keeps the messages."""

    def __call__(self, message: str) -> None:
        self.append(message)


def make(root: Path, files: dict[str, object]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple) and content[0] == "link":
            os.symlink(content[1], path)
        elif content == "fifo":
            os.mkfifo(path)
        else:
            path.write_bytes(content if isinstance(content, bytes) else str(content).encode("utf-8"))


TEXT = "Palantir won a $41 million contract in 2014.\n"


def test_links_out_of_the_root_loops_and_dangling_links_are_skipped(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "src/a.txt": TEXT,
            "src/root": ("link", "/"),
            "src/etc": ("link", "/etc"),
            "src/passwd.txt": ("link", "/etc/passwd"),
            "src/up": ("link", ".."),
            "src/self": ("link", "."),
            "src/sub/back": ("link", "../.."),
            "src/sub/loop": ("link", "../sub"),
            "src/x.txt": ("link", "y.txt"),
            "src/y.txt": ("link", "x.txt"),
            "src/gone.txt": ("link", "missing.txt"),
            "src/sheet.xlsx": ("link", "/etc/passwd"),
            "outside.txt": "Outside the root.\n",
            "src/out.txt": ("link", "../outside.txt"),
        },
    )
    warnings = Warnings()
    documents = load_documents(tmp_path / "src", warn=warnings)
    assert [d.path for d in documents] == ["a.txt"]
    joined = "\n".join(warnings)
    for name in ("root", "etc", "passwd.txt", "up", "sub/back", "out.txt"):
        assert f"src/{name}: link leads outside the sources root; not followed" in joined
    for name in ("x.txt", "y.txt", "gone.txt"):
        assert f"src/{name}: broken link or link loop; skipped" in joined
    assert "sheet.xlsx" not in joined  # not a source: no noise about it


def test_a_file_reached_twice_is_indexed_once_under_its_real_name(tmp_path: Path) -> None:
    make(
        tmp_path, {"src/z-real/a.txt": TEXT, "src/a-link": ("link", "z-real"), "src/b-alias.txt": ("link", "c.txt"), "src/c.txt": "Another source entirely.\n"}
    )
    warnings = Warnings()
    documents = load_documents(tmp_path / "src", warn=warnings)
    assert [d.path for d in documents] == ["c.txt", "z-real/a.txt"]
    assert warnings == []


def test_a_link_inside_the_root_to_an_unwalked_folder_is_followed(tmp_path: Path) -> None:
    make(tmp_path, {"src/notes/.archive/old.txt": TEXT, "src/old": ("link", "notes/.archive")})
    assert [d.path for d in load_documents(tmp_path / "src", warn=Warnings())] == ["old/old.txt"]


def test_hidden_and_tool_folders_are_skipped(tmp_path: Path) -> None:
    files = {f"src/{folder}/a.txt": TEXT for folder in (".git", ".hg", ".svn", "node_modules", "__pycache__", "CVS", "_darcs")}
    make(tmp_path, {**files, "src/.hidden.txt": TEXT, "src/kept/b.md": "Kept, and read.\n"})
    assert [d.path for d in load_documents(tmp_path / "src", warn=Warnings())] == ["kept/b.md"]


def test_a_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    make(tmp_path, {"src/a.txt": TEXT, "src/pipe.txt": "fifo"})
    warnings = Warnings()
    result: list = []
    worker = threading.Thread(target=lambda: result.append(load_documents(tmp_path / "src", warn=warnings)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert [d.path for d in result[0]] == ["a.txt"]
    assert any("pipe.txt: not a regular file" in w for w in warnings)


def test_a_device_is_skipped(tmp_path: Path) -> None:
    make(tmp_path, {"src/a.txt": TEXT})
    try:
        os.mknod(tmp_path / "src" / "zero.txt", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero: endless
    except (PermissionError, AttributeError):
        pytest.skip("cannot create a device node here")
    warnings = Warnings()
    assert [d.path for d in load_documents(tmp_path / "src", warn=warnings)] == ["a.txt"]
    assert warnings == [f"{tmp_path / 'src' / 'zero.txt'}: not a regular file (a pipe, socket or device); skipped"]


def test_a_fifo_as_the_root_is_an_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ClaimcheckError, match="sources must be a folder or a text file"):
        load_documents(tmp_path / "pipe", warn=Warnings())


def test_a_very_deep_tree_is_walked_without_recursion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = tmp_path / "src"
    deep.mkdir()
    for _ in range(1200):  # one level at a time: pathlib's own mkdir(parents=True) recurses
        deep = deep / "d"
        deep.mkdir()
    (deep / "a.txt").write_text(TEXT, encoding="utf-8")
    try:
        (document,) = load_documents(tmp_path / "src", warn=Warnings())
        assert document.path == "d/" * 1200 + "a.txt"
    finally:
        # shutil.rmtree recurses too, and a long absolute path costs a lookup per level: remove the
        # tree one relative step at a time from inside it.
        monkeypatch.chdir(deep)
        os.unlink("a.txt")
        for _ in range(1200):
            os.chdir("..")
            os.rmdir("d")


def test_order_is_by_name_not_by_creation(tmp_path: Path) -> None:
    for name in ("m.txt", "b/z.txt", "a.md", "b/a.txt", "c.txt"):
        make(tmp_path, {f"src/{name}": f"Source {name} says something.\n"})
    assert [d.path for d in load_documents(tmp_path / "src", warn=Warnings())] == ["a.md", "c.txt", "m.txt", "b/a.txt", "b/z.txt"]


def test_empty_duplicate_and_binary_sources_are_skipped_with_warnings(tmp_path: Path) -> None:
    make(tmp_path, {"src/a.txt": TEXT, "src/b.txt": TEXT, "src/c.txt": " \r\n\t\n", "src/d.txt": b"\x00\x01" * 10, "src/e.txt": ""})
    warnings = Warnings()
    assert [d.path for d in load_documents(tmp_path / "src", warn=warnings)] == ["a.txt"]
    assert warnings == [
        f"{tmp_path / 'src' / 'b.txt'}: same text as a.txt; indexed once",
        f"{tmp_path / 'src' / 'c.txt'}: empty source; skipped",
        f"{tmp_path / 'src' / 'd.txt'}: binary file, not a text source; skipped",
        f"{tmp_path / 'src' / 'e.txt'}: empty source; skipped",
    ]


def test_file_names_with_newlines_or_undecodable_bytes(tmp_path: Path) -> None:
    make(tmp_path, {"src/a\nb.txt": TEXT})
    (tmp_path / "src" / os.fsdecode(b"bad\xff.txt")).write_text("Another text.\n", encoding="utf-8")
    warnings = Warnings()
    assert [d.path for d in load_documents(tmp_path / "src", warn=warnings)] == ["a\nb.txt"]
    (warning,) = warnings
    assert "file name is not valid UTF-8" in warning


def test_size_limit(tmp_path: Path) -> None:
    make(tmp_path, {"src/a.txt": TEXT})
    with pytest.raises(ClaimcheckError) as error:
        load_documents(tmp_path / "src", max_file_bytes=10, warn=Warnings())
    assert str(error.value) == f"{tmp_path / 'src' / 'a.txt'}: source is 45 bytes, over the 10-byte limit (raise it with max-file-size in .claimcheck.toml)"


def test_an_unreadable_source_is_an_error_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, {"src/a.txt": TEXT})
    original = os.open

    def denied(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(path).endswith("a.txt"):
            raise PermissionError(13, "Permission denied")
        return original(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)  # root ignores chmod 000, so the refusal is simulated
    with pytest.raises(ClaimcheckError, match=r"a\.txt: cannot read source: Permission denied$"):
        load_documents(tmp_path / "src", warn=Warnings())


def test_metadata_keeps_plain_values_and_never_follows_a_link_out(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "src/a.txt": "# The headline\n\nPalantir won a contract.\n",
            "src/b.txt": "Second source.\n",
            "src/sources.yaml": "a.txt: {title: Real title, date: 2019-08-01, url: [not, plain], author: {x: 1}, outlet: 42}\nb.txt: just a string\n",
            "linked/c.txt": "Third source.\n",
            "linked/sources.yaml": ("link", "/etc/passwd"),
        },
    )
    a, b = load_documents(tmp_path / "src", warn=Warnings())
    assert a.metadata == {"title": "Real title", "date": "2019-08-01", "outlet": "42"}
    assert b.metadata == {"title": "Second source."}
    warnings = Warnings()
    (c,) = load_documents(tmp_path / "linked", warn=warnings)
    assert c.metadata == {"title": "Third source."}
    assert any("sources.yaml: link leads outside the sources root; not read" in w for w in warnings)


def test_a_single_file_root(tmp_path: Path) -> None:
    make(tmp_path, {"one.txt": TEXT})
    (document,) = load_documents(tmp_path / "one.txt", warn=Warnings())
    assert document.path == "one.txt"


def test_an_empty_corpus_is_an_error(tmp_path: Path) -> None:
    make(tmp_path, {"src/a.txt": b"\x00" * 20, "src/b.csv": "a,b\n"})
    with pytest.raises(ClaimcheckError, match=r"no usable \.txt, \.md, \.pdf, \.html or \.docx sources \(1 skipped; see the warnings above\)$"):
        load_corpus([tmp_path / "src"], warn=Warnings())


def test_long_sentences_are_cut_into_pieces_with_exact_offsets() -> None:
    text = "Intro. " + " ".join(["word"] * 3000) + " end. " + "y" * 4000 + "\nLast."
    passages = split_passages(Document("a.txt", "src", text, "0" * 64))
    assert_exact(text, passages)
    assert max(len(p.text) for p in passages if p.sentence_count == 1) <= MAX_PASSAGE_CHARS
