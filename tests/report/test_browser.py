"""The HTML report of the example draft in a real headless Chromium: marks and expandable paragraphs are there.

Chromium is the Debian package (`.ci/run` installs it on a clean machine). Where it is missing the test is skipped,
except in CI (`CI=true`), where a missing browser is a failure, never a silent pass. The screenshot is kept in
pytest's temporary folder (printed with `-s`), never in the tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Runs in the page after load and writes what it found into the DOM, which --dump-dom returns.
PROBE = """
<script>
(function () {
  const details = Array.from(document.querySelectorAll("details.context"));
  const first = details[0];
  const body = first ? first.querySelector("p") : null;
  const closedHeight = first ? first.getBoundingClientRect().height : -1;
  const closedVisible = body ? body.checkVisibility() : null;
  if (first) first.open = true;
  const openHeight = first ? first.getBoundingClientRect().height : -1;
  const openVisible = body ? body.checkVisibility() : null;
  const marks = Array.from(document.querySelectorAll("mark.diff"));
  const result = {
    details: details.length,
    closedHeight: closedHeight,
    openHeight: openHeight,
    closedVisible: closedVisible,
    openVisible: openVisible,
    quotedInParagraph: body ? body.querySelectorAll(".quoted").length : 0,
    paragraphText: body ? body.textContent : "",
    marksInClaims: document.querySelectorAll(".claim-text mark.diff").length,
    marksInQuotes: document.querySelectorAll("blockquote.stance-contradicts > p mark.diff").length,
    markText: marks.map(m => m.textContent),
    markBackground: marks.length ? getComputedStyle(marks[0]).backgroundColor : "",
  };
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
</script>
"""


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("chromium is not installed: .ci/run installs it (apt-get install -y chromium)")
    pytest.skip("chromium is not installed (apt-get install -y chromium); CI=true makes this a failure")


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # A fresh profile per run; a timeout so that a wedged browser fails the test instead of hanging `make test`.
    command = [browser, *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def example_report(checker, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML report of examples/draft.md against the seeds, rendered by the real pipeline."""
    from claimcheck.draft import load_draft
    from claimcheck.report import render
    from claimcheck.reporting import report_context

    draft = load_draft(ROOT / "examples" / "draft.md")
    verdicts = checker.check(draft.claims())
    context = report_context(
        verdicts, mode="draft", roots=(str(ROOT / "seeds"),), documents=checker.corpus.documents, draft_path="examples/draft.md", draft_text=draft.text
    )
    page = tmp_path_factory.mktemp("browser-artifacts") / "report.html"
    page.write_text(render(verdicts, "html", context), encoding="utf-8")
    return page


def test_the_report_in_chromium_shows_marks_and_expandable_paragraphs(example_report: Path, tmp_path: Path) -> None:
    browser = _chromium()
    probed = tmp_path / "probed.html"
    probed.write_text(example_report.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    result = _run(browser, tmp_path / "profile-dom", "--dump-dom", probed.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.split('<pre id="probe">', 1)[1].split("</pre>", 1)[0].replace("&quot;", '"').replace("&amp;", "&"))
    assert found["details"] >= 5
    # Closed, the paragraph is hidden under its summary line; opened, it shows and the box grows.
    assert found["closedVisible"] is False and found["openVisible"] is True
    assert 0 < found["closedHeight"] < found["openHeight"]
    assert found["quotedInParagraph"] == 1 and len(found["paragraphText"]) > 40
    # The example draft's conflicts: the opposed words marked on both sides, in a colour of their own.
    assert found["marksInClaims"] >= 2 and found["marksInQuotes"] >= 2
    assert "2023" in found["markText"] and "2021" in found["markText"]
    assert found["markBackground"] not in ("", "rgba(0, 0, 0, 0)", "transparent")

    shot = example_report.with_name("report.png")
    taken = _run(browser, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1200,1800", "--hide-scrollbars", example_report.as_uri())
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"browser artifacts: {example_report} and {shot}")
