"""The claims loader: strict validation, one-line errors naming the file, and a fuzz run that never crashes."""

from __future__ import annotations

import datetime
import os
import random
import re
import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.claims import CLAIM_KEYS, compose_yaml, confine_sources, discover_claims_files, load_claims_file, parse_claims, project_root, safe_yaml
from claimcheck.errors import ClaimcheckError
from claimcheck.models import Label

NAME = "dir/claims file.yaml"
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VALID = """\
sources: ../seeds
claims:
  - id: palantir-icm-2014
    text: ICE awarded Palantir a $41 million contract in 2014.
    expect: supported
    cite: [003_f236ad7aaf1e2402.txt]
    tags: [contracts]
  - id: second
    text: "Amazon has 204 authorizations."
"""


def assert_clean_error(error: ClaimcheckError, name: str = NAME) -> None:
    """One line, naming the file first, with a line number when there is one."""
    rendered = str(error)
    assert "\n" not in rendered and "\r" not in rendered
    assert error.file == name
    assert rendered.startswith(f"{name}:")
    if error.line is not None:
        assert error.line >= 1 and rendered.startswith(f"{name}:{error.line}: ")


def parse_or_error(content: str) -> None:
    """Parse, accepting only success or a clean ClaimcheckError (anything else fails the test)."""
    try:
        parsed = parse_claims(content, NAME)
    except ClaimcheckError as error:
        assert_clean_error(error)
    else:
        assert parsed.claims
        for claim in parsed.claims:
            assert isinstance(claim.id, str) and claim.id and claim.id.isprintable()
            assert isinstance(claim.text, str) and any(ch.isalnum() for ch in claim.text)
            assert all(isinstance(c, str) for c in claim.cite + claim.tags)
            assert claim.line is not None and claim.line >= 1


# --------------------------------------------------------------------------- fuzz


@SETTINGS
@given(st.text(max_size=300))
def test_fuzz_arbitrary_text(content: str) -> None:
    parse_or_error(content)


_YAMLISH = st.sampled_from(
    [
        "claims:",
        "sources:",
        "- ",
        "  ",
        "\n",
        "id: ",
        "text: ",
        "expect: ",
        "cite: ",
        "tags: ",
        "&a ",
        "*a",
        "<<: ",
        "!!python/object ",
        "!x ",
        "[",
        "]",
        "{",
        "}",
        ",",
        ": ",
        "'",
        '"',
        "#",
        "---",
        "...",
        "|",
        ">",
        "\t",
        "?",
        "null",
        "true",
        "123",
        "1e5",
        "2014-01-01",
        "supported",
        "a.txt",
        "../x",
        "/etc/passwd",
        "é",
        "🎉",
        "\x00",
        "\ufeff",
        "\r\n",
    ]
)


@SETTINGS
@given(st.lists(_YAMLISH | st.text(max_size=3), max_size=60).map("".join))
def test_fuzz_yaml_shaped_text(content: str) -> None:
    parse_or_error(content)


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.dates()
    | st.sampled_from(list(CLAIM_KEYS) + ["supported", "SUPPORTED", "", " ", "../../etc/passwd", "/etc/passwd"])
)
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | st.sampled_from(CLAIM_KEYS), inner, max_size=4), max_leaves=20
)
_CLAIMS = st.lists(st.dictionaries(st.sampled_from([*CLAIM_KEYS, "expec", "ID"]), _VALUES, max_size=6) | _VALUES, max_size=5)
_DOCUMENTS = st.fixed_dictionaries({}, optional={"claims": _CLAIMS | _VALUES, "sources": _VALUES, "extra": _VALUES}) | _VALUES


@SETTINGS
@given(_DOCUMENTS, st.booleans())
def test_fuzz_random_structures_dumped_to_yaml(document: object, flow: bool) -> None:
    content = yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow)
    parse_or_error(content)


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, len(VALID)), st.integers(0, 3), st.sampled_from(["", " ", "\n", ":", "-", "'", "\t", "&x", "*x", "[", "é"])), max_size=6)
)
def test_fuzz_mutations_of_a_valid_file(edits: list[tuple[int, int, str]]) -> None:
    content = VALID
    for position, deleted, inserted in edits:
        position = min(position, len(content))
        content = content[:position] + inserted + content[position + deleted :]
    parse_or_error(content)


# --------------------------------------------------------------------------- behaviour


def test_a_valid_file() -> None:
    parsed = parse_claims(VALID, "claims/seeds.yaml")
    first, second = parsed.claims
    assert (first.id, first.expect, first.cite, first.tags, first.line) == (
        "palantir-icm-2014",
        Label.SUPPORTED,
        ("003_f236ad7aaf1e2402.txt",),
        ("contracts",),
        3,
    )
    assert (second.id, second.text, second.expect, second.line) == ("second", "Amazon has 204 authorizations.", None, 8)
    assert parsed.sources == (os.path.normpath("claims/../seeds"),)


def test_unicode_text_and_ids_survive() -> None:
    content = 'claims:\n  - id: „zitat“\n    text: "Palantir erhielt  „41\u00a0Millionen“ –\\n im Jahr 2014 🎉"\n  - id: 日本語\n    text: 契約を獲得した。\n'
    first, second = parse_claims(content, NAME).claims
    assert first.id == "„zitat“" and first.text == "Palantir erhielt „41 Millionen“ – im Jahr 2014 🎉"
    assert second.id == "日本語" and second.text == "契約を獲得した。"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("claims:\n  - id: 123\n    text: x\n", "claims file.yaml:2: 'id' must be a non-empty string, not a number (123)"),
        ("claims:\n  - id: a\n    text: 5\n", "claims file.yaml:3: 'text' must be a string, not a number (5)"),
        ("claims:\n  - id: a\n    text: b\n    cite: 5\n", "claims file.yaml:4: 'cite' must be a string or a list of strings, not a number (5)"),
        (
            "claims:\n  - id: a\n    text: b\n    expect: SUPPORTED\n",
            "claims file.yaml:4: 'expect' must be one of supported, conflicting, unsourced, not 'SUPPORTED' (write it in lower case)",
        ),
        (
            "claims:\n  - id: a\n    text: b\n    cite: /etc/passwd\n",
            "claims file.yaml:4: cite '/etc/passwd' points outside the sources root (cite paths relative to it)",
        ),
        (
            "claims:\n  - id: a\n    text: b\n    cite: [ok.txt, ../../etc/passwd]\n",
            "claims file.yaml:4: cite '../../etc/passwd' points outside the sources root (cite paths relative to it)",
        ),
        ("a: &x [1]\nclaims: *x\n", "claims file.yaml:2: YAML aliases (*name) are not allowed"),
        ("claims: !!python/name:os.system\n", "claims file.yaml:1: YAML tag '!!python/name:os.system' is not allowed"),
        ("claims: " + "[" * 40 + "]" * 40, "claims file.yaml:1: YAML nested more than 32 levels deep"),
    ],
)
def test_messages(content: str, message: str) -> None:
    with pytest.raises(ClaimcheckError) as error:
        parse_claims(content, NAME)
    assert str(error.value) == f"dir/{message}"


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    levels = ["a: &a [" + ",".join(["'lol'"] * 10) + "]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]" for i in range(9)]
    with pytest.raises(ClaimcheckError, match="aliases"):
        parse_claims("\n".join(levels) + "\nclaims: *j\n", NAME)


def test_safe_yaml_returns_plain_data_under_the_same_limits() -> None:
    assert safe_yaml("a.txt: {title: T, date: 2019-08-01}\n", "sources.yaml") == {"a.txt": {"title": "T", "date": datetime.date(2019, 8, 1)}}
    assert safe_yaml("", "sources.yaml") is None
    with pytest.raises(ClaimcheckError, match="aliases"):
        safe_yaml("a: &x 1\nb: *x\n", "sources.yaml")
    assert compose_yaml("# only a comment\n", "x.yaml") is None


def test_thousands_of_claims_parse() -> None:
    body = "".join(
        f"  - id: claim-{n}\n    text: Claim number {n} says the agency paid ${n} million in {1990 + n % 30}.\n    tags: [t{n % 7}]\n" for n in range(5000)
    )
    parsed = parse_claims("claims:\n" + body, NAME)
    assert len(parsed.claims) == 5000 and parsed.claims[-1].id == "claim-4999" and parsed.claims[-1].line == 2 + 3 * 4999


# --------------------------------------------------------------------------- files and folders


def test_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"))
    assert [c.line for c in load_claims_file(path).claims] == [3, 8]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"claims:\n  - id: a\n    text: caf\xe9\n", r"c\.yaml:3: claims file is not UTF-8 \(byte 0xe9 at offset 31\)$"),
        ("claims: []\n".encode("utf-16"), r"c\.yaml: claims file is UTF-16; save it as UTF-8$"),
        (b"\x00\x01\x02", r"c\.yaml:1: invalid YAML: character U\+0000 is not allowed$"),
    ],
)
def test_undecodable_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(data)
    with pytest.raises(ClaimcheckError) as error:
        load_claims_file(path)
    assert re.search(message, str(error.value))


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "c.yaml")
    outcome: list[BaseException] = []

    def load() -> None:
        try:
            load_claims_file(tmp_path / "c.yaml")
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], ClaimcheckError) and "not a regular file" in str(outcome[0])


def test_a_folder_given_as_a_file(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError, match="claims file is a folder, not a file"):
        load_claims_file(tmp_path)


def test_a_file_name_with_a_newline_stays_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad\nname.yaml"
    path.write_text("claims: [\n", encoding="utf-8")
    with pytest.raises(ClaimcheckError) as error:
        load_claims_file(path)
    assert "\n" not in str(error.value) and "bad\\nname.yaml:2: invalid YAML" in str(error.value)


def test_discovery_is_sorted_skips_hidden_and_never_follows_folder_links(tmp_path: Path) -> None:
    for name in ("b.yaml", "a/z.yml", "a/c.yaml", ".hidden/x.yaml", "a/.git/y.yaml", "notes.txt", "d/.e.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("claims: []\n", encoding="utf-8")
    os.symlink("/", tmp_path / "root")
    os.symlink(".", tmp_path / "loop")
    os.mkfifo(tmp_path / "pipe.yaml")
    found = discover_claims_files([str(tmp_path)])
    assert found == [str(tmp_path / n) for n in ("a/c.yaml", "a/z.yml", "b.yaml")]


def test_discovery_errors(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError, match="no such file or folder"):
        discover_claims_files([str(tmp_path / "missing.yaml")])
    with pytest.raises(ClaimcheckError, match=r"no \*\.yaml or \*\.yml claims files in this folder"):
        discover_claims_files([str(tmp_path)])


def test_random_bytes_files_never_crash(tmp_path: Path) -> None:
    generator = random.Random(1234)
    path = tmp_path / "c.yaml"
    for _ in range(300):
        path.write_bytes(bytes(generator.randrange(256) for _ in range(generator.randrange(200))))
        try:
            load_claims_file(path)
        except ClaimcheckError as error:
            assert_clean_error(error, str(path))


# --------------------------------------------------------------------------- where a claims file's sources may be

ROOT = Path(__file__).resolve().parents[1]


def _claims_at(path: Path, sources: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"sources: {sources}\nclaims:\n  - id: a\n    text: Palantir won a contract.\n", encoding="utf-8")
    return path


def test_the_repository_claims_file_names_sources_inside_its_project() -> None:
    """claims/seeds.yaml names ../seeds: the repository (it holds pyproject.toml) is its project."""
    claims_file = load_claims_file(ROOT / "claims" / "seeds.yaml")
    assert project_root(claims_file.path) == ROOT.resolve()
    confine_sources(claims_file)  # no error


@pytest.mark.parametrize("named", ["../../etc", "/", "/etc", "sub/../../outside", "[src, /usr]"])
def test_sources_leading_out_of_the_project_are_refused_with_their_line(tmp_path: Path, named: str) -> None:
    path = _claims_at(tmp_path / "project" / "claims.yaml", named)
    (tmp_path / "project" / "src").mkdir()
    claims_file = load_claims_file(path)
    with pytest.raises(ClaimcheckError) as caught:
        confine_sources(claims_file)
    assert caught.value.file == str(path) and caught.value.line == 1
    assert re.match(
        r"'sources' entry '.+' leads outside the claims file's project \(.+\); pass --sources, or list the folder in allow-sources-outside",
        caught.value.message,
    )


def test_a_link_inside_the_project_leading_out_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "project" / "src").mkdir(parents=True)
    os.symlink(tmp_path / "elsewhere", tmp_path / "project" / "src" / "out")
    os.symlink("../elsewhere", tmp_path / "project" / "linked")
    for named in ("linked", "src/out"):
        with pytest.raises(ClaimcheckError, match="leads outside"):
            confine_sources(load_claims_file(_claims_at(tmp_path / "project" / "claims.yaml", named)))
    os.symlink("src", tmp_path / "project" / "inside")
    confine_sources(load_claims_file(_claims_at(tmp_path / "project" / "claims.yaml", "inside")))  # a link that stays in is fine


def test_the_project_is_marked_by_config_pyproject_or_git(tmp_path: Path) -> None:
    """Without a marker a claims file's tree is its own folder; a marker above widens it to the project."""
    path = _claims_at(tmp_path / "project" / "claims" / "a.yaml", "../seeds")
    with pytest.raises(ClaimcheckError, match="leads outside"):
        confine_sources(load_claims_file(path))
    for marker in (".claimcheck.toml", "pyproject.toml", ".git"):
        (tmp_path / "project" / marker).write_text("", encoding="utf-8")
        assert project_root(path) == (tmp_path / "project").resolve()
        confine_sources(load_claims_file(path))
        (tmp_path / "project" / marker).unlink()


def test_allowed_folders_let_a_source_outside_through(tmp_path: Path) -> None:
    (tmp_path / "archive" / "2019").mkdir(parents=True)
    claims_file = load_claims_file(_claims_at(tmp_path / "project" / "claims.yaml", "../archive/2019"))
    confine_sources(claims_file, [str(tmp_path / "archive")])
    with pytest.raises(ClaimcheckError, match=re.escape("'../archive/2019'")):
        confine_sources(claims_file, [str(tmp_path / "project")])


def test_each_list_entry_is_named_with_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text("sources:\n  - src\n  - ../../etc\nclaims:\n  - id: a\n    text: Palantir won.\n", encoding="utf-8")
    with pytest.raises(ClaimcheckError) as caught:
        confine_sources(load_claims_file(path))
    assert caught.value.line == 3 and "'../../etc'" in caught.value.message
