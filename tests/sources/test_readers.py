"""The PDF, HTML and DOCX readers on real files built by real writers: text, offsets, pages, headings, metadata, cache, bounds."""

from __future__ import annotations

from pathlib import Path

import pytest
import source_files as files

from claimcheck.errors import ClaimcheckError
from claimcheck.index import ByteStore
from claimcheck.models import Document
from claimcheck.sources import ReadOptions, load_corpus, load_documents, reader_for, split_passages


class Warnings(list[str]):
    """Collects warnings."""

    def __call__(self, message: str) -> None:
        self.append(message)


def read(path: Path, data: bytes | str, **options: object) -> tuple[Document, Warnings]:
    """The one document read from `data` written at `path`, with the warnings on the way."""
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    warnings = Warnings()
    documents = load_documents(path, warn=warnings, **options)  # type: ignore[arg-type]
    assert len(documents) == 1, warnings
    return documents[0], warnings


def assert_exact(document: Document) -> None:
    """Every passage is the document's text at its offsets, and its page and lines agree with them."""
    passages = split_passages(document)
    assert passages
    for passage in passages:
        assert document.text[passage.char_start : passage.char_end] == passage.text
        assert passage.page == document.page_of(passage.char_start)
        assert passage.line_start == document.text.count("\n", 0, passage.char_start) + 1


# --------------------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def pdf_document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    document, warnings = read(tmp_path_factory.mktemp("pdf") / "report.pdf", files.pdf_bytes())
    assert warnings == []
    return document


def test_pdf_text_page_by_page_without_running_headers_and_footers(pdf_document: Document) -> None:
    text = pdf_document.text
    assert pdf_document.format == "pdf"
    assert files.PDF_HEADER not in text and "Page 1 of 3" not in text and "of 3" not in text
    assert "The dredging contract was awarded to Brightwater Marine in March." in text  # the line-end hyphen joined
    assert len(pdf_document.pages) == 3 and pdf_document.pages[0] == 0
    for number, start in enumerate(pdf_document.pages, start=1):
        assert text[start:].startswith(f"{number}. ")  # each page starts where its offset says
    assert pdf_document.page_of(text.index("Cargo volumes")) == 2
    assert pdf_document.page_of(text.index("container terminal")) == 3
    assert_exact(pdf_document)


def test_pdf_passages_carry_page_title_and_heading(pdf_document: Document) -> None:
    passages = {p.text: p for p in split_passages(pdf_document)}
    cargo = passages["Cargo volumes at Larkfield fell by 12% in the second half of the year."]
    assert cargo.page == 2 and cargo.heading == "2. Cargo" and cargo.title == "Larkfield Port Authority Annual Report 2021"
    assert cargo.place == f"report.pdf:p2:{cargo.line_start}"
    assert [h.text for h in pdf_document.headings] == ["1. Fees", "2. Cargo", "3. Terminal"]


def test_pdf_metadata(pdf_document: Document) -> None:
    assert pdf_document.metadata == {"title": "Larkfield Port Authority Annual Report 2021", "author": "Larkfield Audit Office", "date": "2022-02-14"}
    assert pdf_document.title == pdf_document.metadata["title"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (files.encrypted_pdf_bytes, r"encrypted PDF \(it needs a password\); skipped$"),
        (files.truncated_pdf_bytes, r"damaged or truncated PDF \(.+\); skipped$"),
        (files.corrupt_pdf_bytes, r"damaged or truncated PDF \(.+\); skipped$"),
        (files.scanned_pdf_bytes, r"PDF has no text layer \(a scan of 2 pages\?\); run OCR on it first; skipped$"),
    ],
)
def test_bad_pdfs_are_warned_about_and_skipped(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.pdf").write_bytes(make())
    (tmp_path / "good.txt").write_text("The ferry runs every hour.\n", encoding="utf-8")
    warnings = Warnings()
    corpus = load_corpus([tmp_path], warn=warnings)
    assert [d.path for d in corpus.documents] == ["good.txt"]
    assert len(warnings) == 1 and warnings[0].startswith(f"{tmp_path / 'bad.pdf'}: ")
    assert __import__("re").search(message, warnings[0]), warnings[0]


def test_a_pdf_with_some_pages_scanned_says_which(tmp_path: Path) -> None:
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(files.pdf_bytes())))
    writer.add_blank_page()
    out = BytesIO()
    writer.write(out)
    document, warnings = read(tmp_path / "mixed.pdf", out.getvalue())
    assert warnings == [f"{tmp_path / 'mixed.pdf'}: page 4 of 4 have no text layer (scanned?); not read"]
    assert len(document.pages) == 4


# --------------------------------------------------------------------------- HTML


@pytest.fixture(scope="module")
def news_document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    document, warnings = read(tmp_path_factory.mktemp("html") / "harbour-fees.html", files.NEWS_PAGE)
    assert warnings == []
    return document


def test_html_main_content_without_site_furniture(news_document: Document) -> None:
    text = news_document.text
    assert "The Larkfield harbour board raised berth fees by 33% on Monday, the first rise in six years." in text
    assert "The board will review the fees again in 2024." in text
    for furniture in ("cookies", "Accept all", "Share this", "Facebook", "newsletter", "Related articles", "Ferry timetable", "©", "rights reserved",
                      "Privacy policy", "Advertisement", "Opinion", "Contact us"):  # fmt: skip
        assert furniture not in text
    assert_exact(news_document)


def test_html_metadata_from_meta_tags_and_json_ld(news_document: Document) -> None:
    assert news_document.metadata == {
        "title": "Harbour board raises berth fees by a third",
        "author": "Mara Okafor",
        "date": "2021-05-04",
        "outlet": "The Larkfield Gazette",
        "url": "https://gazette.example/news/harbour-fees",
    }


def test_html_headings_and_passages(news_document: Document) -> None:
    assert [(h.text, h.level) for h in news_document.headings] == [("Harbour board raises berth fees by a third", 1), ("A long-delayed repair", 2)]
    for heading in news_document.headings:
        assert news_document.text[heading.char_start : heading.char_end] == heading.text
    passages = {p.text: p for p in split_passages(news_document)}
    assert passages["The inner basin was last dredged in 2009."].heading == "A long-delayed repair"
    assert passages["About 400 boat owners pay the fee, according to the board."].heading == ""  # under the title only
    assert all(p.page is None for p in passages.values())


@pytest.mark.parametrize("make", [files.deep_html_bytes, files.huge_attribute_html_bytes])
def test_html_bombs_are_warned_about_and_skipped(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bomb.html").write_bytes(make())
    warnings = Warnings()
    with pytest.raises(ClaimcheckError, match=r"no usable .* sources \(1 skipped"):
        load_corpus([tmp_path], warn=warnings)
    assert warnings == [f"{tmp_path / 'bomb.html'}: no main text found in the page; skipped"]


# --------------------------------------------------------------------------- DOCX


@pytest.fixture(scope="module")
def docx_document(tmp_path_factory: pytest.TempPathFactory) -> Document:
    document, warnings = read(tmp_path_factory.mktemp("docx") / "interview.docx", files.docx_bytes())
    assert warnings == []
    return document


def test_docx_paragraphs_tables_insertions_without_deletions_or_comments(docx_document: Document) -> None:
    text = docx_document.text
    assert "Tomas Reyes said the port employs 85 full-time staff." in text
    assert "The tug fleet was renewed in 2019. It cost $2 million." in text  # a tracked insertion is read
    assert "overtime" not in text  # a tracked deletion is not
    assert "bylaws" not in text  # nor a comment
    assert "| Tugboats | 6 |\n\n| Cranes | 4 |" in text  # a table, row by row
    assert_exact(docx_document)


def test_docx_headings_and_core_properties(docx_document: Document) -> None:
    assert [(h.text, h.level) for h in docx_document.headings] == [("Interview with the harbour master", 1), ("Staff", 1), ("Equipment", 1)]
    assert docx_document.metadata == {"title": "Interview with the Larkfield harbour master", "author": "Desk Reporter", "date": "2021-06-01"}
    passages = {p.text: p for p in split_passages(docx_document)}
    assert passages["| Cranes | 4 |"].heading == "Equipment"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (files.docx_bomb_bytes, r"DOCX part word/document\.xml compresses \d[\d,]* to 1 \(a zip bomb\?\); skipped$"),
        (files.not_a_zip_docx_bytes, r"damaged DOCX \(not a readable zip: .+\); skipped$"),
    ],
)
def test_bad_docx_files_are_warned_about_and_skipped(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.docx").write_bytes(make())
    (tmp_path / "good.md").write_text("# Notes\n\nThe ferry runs every hour.\n", encoding="utf-8")
    warnings = Warnings()
    assert [d.path for d in load_corpus([tmp_path], warn=warnings).documents] == ["good.md"]
    assert len(warnings) == 1 and __import__("re").search(message, warnings[0]), warnings


def test_docx_unpacked_size_limit(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(files.docx_bytes())
    warnings = Warnings()
    assert load_documents(tmp_path, warn=warnings, options=ReadOptions(max_unpacked=10_000)) == []
    assert len(warnings) == 1 and "DOCX unpacks to" in warnings[0] and "over the 10,000-byte limit" in warnings[0]


# --------------------------------------------------------------------------- bounds and cache


def test_a_reader_over_its_time_bound_is_stopped(tmp_path: Path) -> None:
    (tmp_path / "big.html").write_bytes(files.huge_attribute_html_bytes())
    warnings = Warnings()
    assert load_documents(tmp_path, warn=warnings, options=ReadOptions(max_seconds=0.001)) == []
    assert warnings == [f"{tmp_path / 'big.html'}: reading took longer than 0.001 s (max-extract-seconds); the file may be damaged or hostile; skipped"]


def test_a_reader_over_its_memory_bound_is_stopped(tmp_path: Path) -> None:
    (tmp_path / "big.html").write_bytes(files.huge_attribute_html_bytes())
    warnings = Warnings()
    assert load_documents(tmp_path, warn=warnings, options=ReadOptions(max_memory=4 * 1024 * 1024)) == []
    assert len(warnings) == 1 and warnings[0].startswith(f"{tmp_path / 'big.html'}: ") and warnings[0].endswith("; skipped")
    assert "memory" in warnings[0] or "MemoryError" in warnings[0], warnings


def test_extracted_text_is_cached_by_content_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "report.pdf").write_bytes(files.pdf_bytes())
    store = ByteStore(tmp_path / "cache", Warnings())
    first = load_documents(tmp_path / "src", store=store)
    reader = reader_for("report.pdf")
    assert reader is not None

    def refuse(*args: object) -> None:
        raise AssertionError("re-extracted an unchanged file")

    monkeypatch.setattr(reader, "read", refuse)
    second = load_documents(tmp_path / "src", store=store)
    assert second == first and second[0].pages == first[0].pages and second[0].headings == first[0].headings
    assert second[0].metadata == first[0].metadata
    # A changed file is read again.
    (tmp_path / "src" / "report.pdf").write_bytes(files.pdf_bytes(title="Another title"))
    with pytest.raises(AssertionError, match="re-extracted"):
        load_documents(tmp_path / "src", store=store)
