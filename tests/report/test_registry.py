"""Every format is registered, deterministic and safe on awkward input."""

from __future__ import annotations

import pytest

from claimcheck.report import FORMATS, render

NEW_FORMATS = ("markdown", "html", "jsonl", "line", "github", "junit", "sarif", "claimreview")


def test_formats_registered():
    assert set(NEW_FORMATS) | {"text", "json"} <= set(FORMATS)


@pytest.mark.parametrize("name", NEW_FORMATS)
def test_deterministic(name, run):
    verdicts, context = run
    first = render(verdicts, name, context)
    assert isinstance(first, str)
    assert first == render(list(verdicts), name, context)
    assert first.encode("utf-8")  # no lone surrogates or other unencodable text
    if first:
        assert first.endswith("\n")


@pytest.mark.parametrize("name", NEW_FORMATS)
def test_no_claims(name, context):
    output = render([], name, context)
    assert isinstance(output, str)
