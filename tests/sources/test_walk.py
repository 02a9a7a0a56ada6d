"""The safe walk as strings (`walk_names`): the paths pathlib would spell, however the root is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcheck.sources import suffixes
from claimcheck.sources.walk import walk_names


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "news" / "b").mkdir(parents=True)
    (tmp_path / "news" / "a.md").write_text("A.", encoding="utf-8")
    (tmp_path / "news" / "b" / "c.txt").write_text("C.", encoding="utf-8")
    (tmp_path / "news" / "b" / "skip.bin").write_bytes(b"\0")
    (tmp_path / "news" / ".hidden.md").write_text("H.", encoding="utf-8")
    (tmp_path / "news" / "link.md").symlink_to(tmp_path / "news" / "a.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("written", ["news", "./news/", "news//", "{tmp}/news"])
def test_paths_are_spelled_as_pathlib_spells_them(tree: Path, written: str) -> None:
    root = Path(written.format(tmp=tree))
    found = list(walk_names(root, pytest.fail, suffixes()))
    real = os.path.realpath(tree / "news")
    assert found == [
        (str(root / "a.md"), os.path.join(real, "a.md")),
        (str(root / "b" / "c.txt"), os.path.join(real, "b", "c.txt")),
        (str(root / "link.md"), os.path.join(real, "a.md")),  # a link inside the root: after every real path
    ]


def test_the_current_folder_as_root_gives_bare_relative_paths(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree / "news")
    assert [path for path, _ in walk_names(Path("."), pytest.fail, suffixes())] == ["a.md", os.path.join("b", "c.txt"), "link.md"]
