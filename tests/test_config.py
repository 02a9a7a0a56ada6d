"""Tests for settings files: discovery, validation, path resolution, and precedence under the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.cli import main
from claimcheck.config import SETTINGS, find_config, load_config
from claimcheck.errors import ClaimcheckError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(args)
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def settings_lines(out: str) -> dict[str, tuple[str, str]]:
    """`key = value  [origin]` lines → {key: (value, origin)}."""
    found = {}
    for line in out.splitlines():
        match = re.fullmatch(r"(\S+) = (.*)  \[(.*)\]", line)
        if match:
            found[match.group(1)] = (match.group(2), match.group(3))
    return found


# --- discovery ------------------------------------------------------------------------------------


def test_dedicated_file_found_walking_up(tmp_path: Path) -> None:
    config = write(tmp_path / ".claimcheck.toml", 'format = "json"\n')
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    found = find_config(deep)
    assert found is not None
    assert found[0] == config and found[1] == {"format": "json"}
    loaded = load_config(deep)
    assert loaded.file == config
    assert loaded.get("format") == "json"
    assert loaded.origins["format"] == str(config)


def test_pyproject_tool_table(tmp_path: Path) -> None:
    pyproject = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.claimcheck]\nfail-on = ["conflicting"]\nmax-file-size = 1000\n')
    (tmp_path / "sub").mkdir()
    config = load_config(tmp_path / "sub")
    assert config.file == pyproject
    assert config.get("fail-on") == "conflicting"  # a list becomes the comma list --fail-on takes
    assert config.get("max-file-size") == 1000
    assert config.origins["max-file-size"] == str(pyproject)


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    parent = write(tmp_path / ".claimcheck.toml", 'format = "markdown"\n')
    write(tmp_path / "sub" / "pyproject.toml", "[tool.black]\nline-length = 100\n")
    config = load_config(tmp_path / "sub")
    assert config.file == parent
    assert config.get("format") == "markdown"


def test_nearest_file_wins_and_dedicated_file_beats_pyproject(tmp_path: Path) -> None:
    write(tmp_path / ".claimcheck.toml", 'format = "markdown"\n')
    near = write(tmp_path / "sub" / "pyproject.toml", '[tool.claimcheck]\nformat = "html"\n')
    assert load_config(tmp_path / "sub").file == near
    dedicated = write(tmp_path / "sub" / ".claimcheck.toml", 'format = "json"\n')
    config = load_config(tmp_path / "sub")
    assert config.file == dedicated and config.get("format") == "json"


def test_no_config_gives_empty_settings(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    if config.file is not None:  # pragma: no cover - a config above the temp folder on this machine
        pytest.skip(f"a config file above the temp folder: {config.file}")
    assert config.values == {} and config.origins == {}


# --- validation -------------------------------------------------------------------------------------


def test_unknown_key_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / ".claimcheck.toml", 'format = "json"\nfromat = "json"\n')
    with pytest.raises(ClaimcheckError) as info:
        load_config(tmp_path)
    assert info.value.file == str(path)
    assert "fromat" in info.value.message


def test_unknown_key_in_pyproject_table_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.claimcheck]\ncolour = true\n")
    with pytest.raises(ClaimcheckError) as info:
        load_config(tmp_path)
    assert info.value.file == str(path) and "colour" in info.value.message


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / ".claimcheck.toml", 'format = "json"\n\nfail-on = \n')
    with pytest.raises(ClaimcheckError) as info:
        load_config(tmp_path)
    assert info.value.file == str(path)
    assert "TOML" in info.value.message


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / ".claimcheck.toml", 'format = "json"\n\nfail-on = \n')
    with pytest.raises(ClaimcheckError) as info:
        load_config(tmp_path)
    assert info.value.line == 3
    assert str(info.value).startswith(f"{path}:3: ")


def test_invalid_pyproject_is_an_error_too(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.claimcheck\n")
    with pytest.raises(ClaimcheckError) as info:
        load_config(tmp_path)
    assert info.value.file == str(path)


@pytest.mark.parametrize(
    "body",
    [
        "sources = 3\n",
        "sources = [1, 2]\n",
        "model = 1\n",
        'cache-dir = ["a"]\n',
        "fail-on = 3\n",
        "format = 1\n",
        "max-file-size = 0\n",
        "max-file-size = -5\n",
        "max-file-size = true\n",
        'max-file-size = "big"\n',
        "thresholds = 0.5\n",
        "max-files = 0\n",
        "max-files = 1.5\n",
        "max-total-size = -1\n",
        "max-passages = false\n",
        'max-passages = "many"\n',
        "jobs = 0\n",
        'jobs = "all"\n',
        "allow-sources-outside = 1\n",
        'allow-sources-outside = [""]\n',
        "allow-sources-outside = [3]\n",
    ],
)
def test_wrong_types_are_errors_naming_the_file(tmp_path: Path, body: str) -> None:
    path = write(tmp_path / ".claimcheck.toml", body)
    with pytest.raises(ClaimcheckError) as info:
        load_config(tmp_path)
    assert info.value.file == str(path)
    assert body.split(" =")[0] in info.value.message


# --- relative paths ------------------------------------------------------------------------------------


@pytest.mark.parametrize("cwd", ["project", "project/sub/deeper", "elsewhere"])
def test_relative_paths_resolve_against_the_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cwd: str) -> None:
    project = tmp_path / "project"
    write(project / ".claimcheck.toml", 'sources = ["seeds", "more/docs"]\nmodel = "models/mini"\ncache-dir = ".cache"\nnli-model = "../nli"\n')
    (tmp_path / cwd).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(tmp_path / cwd)
    config = load_config(project / "sub" / "deeper" if cwd == "elsewhere" else None)

    def where(value: object) -> Path:
        return (Path.cwd() / str(value)).resolve()

    assert [where(v) for v in config.get("sources")] == [(project / "seeds").resolve(), (project / "more" / "docs").resolve()]  # type: ignore[union-attr]
    assert where(config.get("model")) == (project / "models" / "mini").resolve()
    assert where(config.get("cache-dir")) == (project / ".cache").resolve()
    assert where(config.get("nli-model")) == (tmp_path / "nli").resolve()


def test_single_source_string_becomes_a_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".claimcheck.toml", 'sources = "seeds"\n')
    monkeypatch.chdir(tmp_path)
    assert [Path(v).resolve() for v in load_config().get("sources")] == [(tmp_path / "seeds").resolve()]  # type: ignore[union-attr]


def test_absolute_paths_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "absolute" / "seeds"
    write(tmp_path / "project" / ".claimcheck.toml", f"sources = [{str(target)!r}]\n".replace("'", '"'))
    monkeypatch.chdir(tmp_path / "project")
    assert [Path(v).resolve() for v in load_config().get("sources")] == [target.resolve()]  # type: ignore[union-attr]


def test_limits_and_allowed_folders_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path / "project" / ".claimcheck.toml",
        'max-files = 7\nmax-total-size = 1000\nmax-passages = 50\nallow-sources-outside = ["../archive", "/srv/news"]\n',
    )
    monkeypatch.chdir(tmp_path / "project")
    config = load_config()
    assert (config.get("max-files"), config.get("max-total-size"), config.get("max-passages")) == (7, 1000, 50)
    # Relative folders are relative to the config file, as `sources` is.
    assert [Path(v).resolve() for v in config.get("allow-sources-outside")] == [(tmp_path / "archive").resolve(), Path("/srv/news").resolve()]  # type: ignore[union-attr]


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("false", False), ('"/srv/news"', ["/srv/news"])])
def test_allow_sources_outside_takes_a_boolean_or_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, expected: object) -> None:
    write(tmp_path / ".claimcheck.toml", f"allow-sources-outside = {value}\n")
    monkeypatch.chdir(tmp_path)
    assert load_config().get("allow-sources-outside") == expected


# --- through the CLI ------------------------------------------------------------------------------------


def test_config_command_prints_each_setting_with_its_origin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(tmp_path / ".claimcheck.toml", 'format = "json"\nfail-on = "conflicting"\n\n[thresholds]\nsupport = 0.7\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    code, out, err = run(["config"], capsys)
    assert code == 0, err
    assert str(config) in out.splitlines()[0]
    lines = settings_lines(out)
    for key in SETTINGS:
        if key != "thresholds":
            assert key in lines, key
    assert lines["format"] == ("json", str(config))
    assert lines["fail-on"] == ("conflicting", str(config))
    assert lines["model"][1] == "default"
    assert lines["max-file-size"][1] == "default"
    assert lines["max-passages"] == ("100000", "default") and lines["max-files"] == ("10000", "default")
    assert lines["thresholds.support"] == ("0.7", str(config))
    assert lines["thresholds.candidates"][1] == "default"


def test_config_command_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    if load_config().file is not None:  # pragma: no cover
        pytest.skip("a config file above the temp folder")
    code, out, _ = run(["config"], capsys)
    assert code == 0
    lines = settings_lines(out)
    assert lines["format"] == ("text", "default")
    assert lines["fail-on"] == ("conflicting,unsourced", "default")
    assert all(origin == "default" for _, origin in lines.values())
    assert {"max-files", "max-total-size", "max-passages", "allow-sources-outside"} <= set(lines)


def test_config_command_shows_the_limits_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(tmp_path / ".claimcheck.toml", "max-files = 12\nmax-passages = 3000\nallow-sources-outside = true\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["config"], capsys)
    assert code == 0, err
    lines = settings_lines(out)
    assert lines["max-files"] == ("12", str(config)) and lines["max-passages"] == ("3000", str(config))
    assert lines["allow-sources-outside"] == ("True", str(config))
    assert lines["max-total-size"][1] == "default"


@pytest.mark.parametrize(
    ("body", "needle"),
    [("fromat = 'json'\n", "fromat"), ("format = \n", "TOML"), ("[thresholds]\nsuport = 0.5\n", "suport"), ("[thresholds]\nsupport = 'high'\n", "support")],
)
def test_bad_config_exits_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], body: str, needle: str) -> None:
    path = write(tmp_path / ".claimcheck.toml", body)
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(["config"], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(path)) and needle in lines[0]
    assert "Traceback" not in err


def test_command_line_format_beats_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # The format is checked before the claims are read: which error comes out shows which value won.
    write(tmp_path / ".claimcheck.toml", 'format = "bogus"\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["check", "missing.yaml"], capsys)
    assert code == 2 and "bogus" in err
    code, _, err = run(["check", "missing.yaml", "--format", "json"], capsys)
    assert code == 2 and "bogus" not in err and "missing.yaml" in err


def test_command_line_fail_on_beats_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / ".claimcheck.toml", 'fail-on = "bogus"\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["check", "missing.yaml"], capsys)
    assert code == 2 and "bogus" in err
    code, _, err = run(["check", "missing.yaml", "--fail-on", "none"], capsys)
    assert code == 2 and "bogus" not in err and "missing.yaml" in err


def test_command_line_sources_beat_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Writing into a sources folder is refused before any model loads; which folder counts shows which value won.
    write(tmp_path / ".claimcheck.toml", 'sources = "configured"\n')
    (tmp_path / "configured").mkdir()
    claims = write(tmp_path / "claims.yaml", "claims:\n  - id: a\n    text: Something happened.\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["check", str(claims), "--output", "configured/report.json"], capsys)
    assert code == 2 and "refusing" in err
    assert not (tmp_path / "configured" / "report.json").exists()
    # With --sources given, the configured folder is no source: the run gets past the check (and stops at the
    # missing folder named on the command line, before any model is loaded).
    code, _, err = run(["check", str(claims), "--sources", "given", "--output", "configured/report.json"], capsys)
    assert code == 2 and "refusing" not in err and "given" in err
