"""Real PDF, HTML and DOCX files for the source-reader tests, built with real writers (fpdf2, pypdf, python-docx).

All content is invented for these fixtures: a fictional harbour town, its port authority and its paper.
"""

from __future__ import annotations

import copy
import io
import zipfile

# Three pages, each with a running header and a page-number footer that the reader must drop, and a
# hyphenated line end ("award-" / "ed") that it must join.
PDF_PAGES = (
    "1. Fees\n\nThe Larkfield Port Authority collected $4.2 million in mooring fees in 2021. The dredging contract was award-\ned to Brightwater Marine in March.",
    "2. Cargo\n\nCargo volumes at Larkfield fell by 12% in the second half of the year. Most of the fall came from coal shipments.",
    "3. Terminal\n\nThe board approved a new container terminal in November. Construction starts in 2023 and should end in 2025.",
)
PDF_HEADER = "Larkfield Port Authority - Annual Report 2021"


def pdf_bytes(pages: tuple[str, ...] = PDF_PAGES, title: str = "Larkfield Port Authority Annual Report 2021", author: str = "Larkfield Audit Office") -> bytes:
    """A text PDF: one page per item, a running header and a 'Page N of M' footer on each."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)  # the footer is placed by hand at the bottom of its own page
    pdf.set_font("Helvetica", size=11)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creation_date(__import__("datetime").datetime(2022, 2, 14, tzinfo=__import__("datetime").timezone.utc))
    for number, body in enumerate(pages, start=1):
        pdf.add_page()
        pdf.cell(0, 8, PDF_HEADER, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, body)
        pdf.set_y(-20)
        pdf.cell(0, 8, f"Page {number} of {len(pages)}")
    return bytes(pdf.output())


def scanned_pdf_bytes() -> bytes:
    """A PDF with pages but no text layer (drawings only, as a scan without OCR would have)."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def encrypted_pdf_bytes() -> bytes:
    """A text PDF that needs a user password to open."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="harbour", owner_password="master", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf_bytes() -> bytes:
    """A text PDF cut off after its first 40% (a download that stopped)."""
    data = pdf_bytes()
    return data[: len(data) * 2 // 5]


def corrupt_pdf_bytes() -> bytes:
    """A PDF header followed by noise."""
    return b"%PDF-1.7\n" + bytes((n * 37 + 11) % 256 for n in range(4000))


# A news page as saved from a browser: navigation, a cookie banner, share buttons, a newsletter box,
# related links, an advertisement and a footer around the article, with meta tags and JSON-LD.
NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Harbour board raises berth fees by a third | The Larkfield Gazette</title>
<meta name="description" content="Boat owners face the first rise in six years.">
<meta name="author" content="Mara Okafor">
<meta property="og:site_name" content="The Larkfield Gazette">
<meta property="og:url" content="https://gazette.example/news/harbour-fees">
<link rel="canonical" href="https://gazette.example/news/harbour-fees">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour board raises berth fees by a third",
 "datePublished": "2021-05-04T09:30:00+01:00", "author": {"@type": "Person", "name": "Mara Okafor"},
 "publisher": {"@type": "Organization", "name": "The Larkfield Gazette"}}
</script>
<style>.banner { color: red; }</style>
</head>
<body>
<header>
  <nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
  <div class="cookie-banner" id="cookie-consent">We use cookies to improve your experience. <button>Accept all</button> <button>Reject all</button></div>
</header>
<main>
<article class="story">
  <h1>Harbour board raises berth fees by a third</h1>
  <p class="byline">By Mara Okafor, May 4, 2021</p>
  <div class="share"><a href="#">Share this article</a> <a href="#">Facebook</a> <a href="#">Twitter</a></div>
  <p>The Larkfield harbour board raised berth fees by 33% on Monday, the first rise in six years.
  The board said the extra money would pay for dredging the inner basin.</p>
  <p>About 400 boat owners pay the fee, according to the board. Several of them told the Gazette they would move their boats to Southcove.</p>
  <h2>A long-delayed repair</h2>
  <p>The inner basin was last dredged in 2009. Silt has since reduced its depth by almost a metre, the harbour master said.</p>
  <div class="ad">Advertisement</div>
  <p>The board will review the fees again in 2024.</p>
  <aside class="newsletter"><h3>Sign up for our newsletter</h3><p>Get the day's top stories in your inbox every morning.</p></aside>
</article>
<section class="related"><h2>Related articles</h2><ul><li><a href="/a">Ferry timetable changes</a></li><li><a href="/b">Lifeboat crew honoured</a></li></ul></section>
</main>
<footer><p>© 2021 The Larkfield Gazette. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> | <a href="/contact">Contact us</a></p></footer>
</body>
</html>
"""


def deep_html_bytes(depth: int = 200_000) -> bytes:
    """An HTML bomb: elements nested far deeper than any page."""
    return ("<html><body>" + "<div>" * depth + "Deep text." + "</div>" * depth + "</body></html>").encode("ascii")


def huge_attribute_html_bytes(size: int = 12_000_000) -> bytes:
    """An HTML bomb: one attribute of millions of characters and no article."""
    return ('<html><body><div data-x="' + "a" * size + '"></div></body></html>').encode("ascii")


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_bytes() -> bytes:
    """An interview transcript: title, headings, paragraphs, a table, a comment, a tracked insertion and a tracked deletion."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    properties = document.core_properties
    properties.title = "Interview with the Larkfield harbour master"
    properties.author = "Desk Reporter"
    properties.created = __import__("datetime").datetime(2021, 6, 1, 10, 0)
    document.add_heading("Interview with the harbour master", 0)
    document.add_heading("Staff", 1)
    document.add_paragraph("Tomas Reyes said the port employs 85 full-time staff.")
    edited = document.add_paragraph("The tug fleet was renewed in 2019.")
    # A tracked deletion (its text must not be read) and a tracked insertion (its text must be).
    deletion = OxmlElement("w:del")
    deletion.set(qn("w:id"), "1")
    deletion.set(qn("w:author"), "Editor")
    run = OxmlElement("w:r")
    deleted = OxmlElement("w:delText")
    deleted.text = " Nobody was ever paid overtime."
    run.append(deleted)
    deletion.append(run)
    edited._p.append(deletion)
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "2")
    insertion.set(qn("w:author"), "Editor")
    run = OxmlElement("w:r")
    inserted = OxmlElement("w:t")
    inserted.set(qn("xml:space"), "preserve")
    inserted.text = " It cost $2 million."
    run.append(inserted)
    insertion.append(run)
    edited._p.append(insertion)
    commented = document.add_paragraph("The harbour opens at six in the morning.")
    document.add_comment(commented.runs, text="Check this against the bylaws.", author="Editor")
    document.add_heading("Equipment", 1)
    table = document.add_table(rows=2, cols=2)
    for row, (name, count) in zip(table.rows, (("Tugboats", "6"), ("Cranes", "4"))):
        row.cells[0].text = name
        row.cells[1].text = count
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_bomb_bytes(size: int = 30_000_000) -> bytes:
    """A DOCX whose document part unpacks from kilobytes into tens of megabytes (a zip bomb)."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<!--" + b" " * size + b"-->" + b"</w:body>")
            archive.writestr(copy.copy(item), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def not_a_zip_docx_bytes() -> bytes:
    """A file named .docx that is no zip at all."""
    return b"This was never a Word file.\n" * 10
