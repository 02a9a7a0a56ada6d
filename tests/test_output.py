"""The one output writer: complete files or none, never through a link, never over an input, streams left streams."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimcheck import output
from claimcheck.errors import ClaimcheckError
from claimcheck.output import Input, Outputs, refuse_inputs, write_text


def strays(folder: Path) -> list[str]:
    """Temporary files left in `folder` (the writer's are hidden `.NAME.RANDOM.tmp`)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- regular files ---------------------------------------------------------------------------------


def test_new_file_is_written_whole_with_the_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    old = os.umask(0o027)
    try:
        write_text(str(target), "{}\n", "report")
    finally:
        os.umask(old)
    assert target.read_text(encoding="utf-8") == "{}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert strays(tmp_path) == []


def test_replacing_keeps_the_files_permission_bits(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_text(str(target), "new", "report")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_temporary_names_are_unpredictable_and_exclusive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writes use two different temporary names, each created with O_EXCL|O_NOFOLLOW."""
    created: list[tuple[str, int]] = []
    real_open = os.open

    def recording(path, flags, *args):  # type: ignore[no-untyped-def]
        created.append((os.fspath(path), flags))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", recording)
    for _ in range(2):
        write_text(str(tmp_path / "report.json"), "x", "report")
    temps = [(path, flags) for path, flags in created if path.endswith(".tmp")]
    assert len(temps) == 2 and temps[0][0] != temps[1][0]
    for path, flags in temps:
        assert Path(path).parent == tmp_path and Path(path).name.startswith(".report.json.")
        assert flags & os.O_CREAT and flags & os.O_EXCL and flags & os.O_NOFOLLOW


@pytest.mark.parametrize("planted", ["link-to-file", "dangling-link", "regular-file"])
def test_something_planted_at_the_temporary_name_is_never_followed_or_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, planted: str) -> None:
    """An attacker who guesses the temporary name gains nothing: that name is skipped, the write goes elsewhere."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    tokens = iter(["guessed", "fresh"])
    monkeypatch.setattr(output, "temp_token", lambda: next(tokens))
    trap = tmp_path / ".report.json.guessed.tmp"
    if planted == "link-to-file":
        trap.symlink_to(victim)
    elif planted == "dangling-link":
        trap.symlink_to(tmp_path / "created-through-link.txt")
    else:
        trap.write_text("planted", encoding="utf-8")
    write_text(str(tmp_path / "report.json"), "report", "report")
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "report"
    assert victim.read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "created-through-link.txt").exists()
    assert trap.is_symlink() == (planted != "regular-file")  # left as it was
    assert strays(tmp_path) == [trap.name]


@pytest.mark.parametrize("link", ["victim.txt", "missing.txt", "sub"])
def test_a_link_as_the_target_is_refused(tmp_path: Path, link: str) -> None:
    """A link to a file, a dangling link, a link to a folder: refused; the link and what it points to unchanged."""
    (tmp_path / "victim.txt").write_text("keep", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    target = tmp_path / "report.json"
    target.symlink_to(link)
    with pytest.raises(ClaimcheckError, match="symbolic link; claimcheck never writes through a link") as info:
        write_text(str(target), "report", "report")
    assert info.value.file == str(target)
    assert target.is_symlink() and os.readlink(target) == link
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "missing.txt").exists() and list((tmp_path / "sub").iterdir()) == []
    assert strays(tmp_path) == []


def test_a_link_planted_while_the_run_works_is_refused_at_commit(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    target = tmp_path / "report.json"
    outputs = Outputs()
    outputs.add(str(target), "report", "report")
    target.symlink_to(victim)
    with pytest.raises(ClaimcheckError, match="symbolic link"):
        outputs.commit()
    assert target.is_symlink() and victim.read_text(encoding="utf-8") == "keep"
    assert strays(tmp_path) == []


def test_a_folder_and_a_missing_folder_are_errors(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(ClaimcheckError, match="is a folder"):
        write_text(str(tmp_path / "folder"), "x", "report")
    with pytest.raises(ClaimcheckError, match="cannot write report: No such file or directory"):
        write_text(str(tmp_path / "missing" / "report.json"), "x", "report")
    with pytest.raises(ClaimcheckError, match=r"the folder .*missing does not exist"):
        refuse_inputs({"--output": str(tmp_path / "missing" / "report.json")}, [])


# --- several outputs: all or nothing ---------------------------------------------------------------


def test_a_failure_while_preparing_leaves_every_output_untouched(tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    first.write_text("old", encoding="utf-8")
    with pytest.raises(ClaimcheckError), Outputs() as outputs:
        outputs.add(str(first), "new", "report")
        outputs.add(str(tmp_path / "missing" / "second.json"), "new", "baseline")
    assert first.read_text(encoding="utf-8") == "old"
    assert strays(tmp_path) == []


def test_an_interrupt_while_preparing_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync
    calls = 0

    def interrupted(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # the second output's fsync: the first is already a complete temporary file
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt), Outputs() as outputs:
        outputs.add(str(tmp_path / "a.json"), "a", "report")
        outputs.add(str(tmp_path / "b.json"), "b", "baseline")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# --- streams ---------------------------------------------------------------------------------------


def test_a_fifo_receives_the_report_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    text = "line\n" * 50_000  # larger than a pipe's buffer: the writer must keep writing
    write_text(str(fifo), text, "report")
    reader.join(timeout=30)
    assert received == [text.encode("utf-8")]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert strays(tmp_path) == []


def test_a_fifo_without_a_reader_waits_and_a_closed_reader_is_an_error(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def read_one_byte() -> None:
        with open(fifo, "rb") as handle:
            handle.read(1)

    reader = threading.Thread(target=read_one_byte)
    reader.start()
    with pytest.raises(ClaimcheckError, match="cannot write report: Broken pipe"):
        write_text(str(fifo), "x" * 1_000_000, "report")
    reader.join(timeout=30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device node of the memory driver made in `tmp_path` (3: null, 7: full), or a skip.

    Never the real /dev entries: a writer that wrongly replaced its target would replace them for the
    whole machine when the tests run as root.
    """
    node = tmp_path / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot make a device node here")
    return node


def test_a_character_device_is_written_in_place(tmp_path: Path) -> None:
    node = device(tmp_path, "null", 3)
    write_text(str(node), "report", "report")
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert strays(tmp_path) == []


def test_a_full_device_is_an_error_not_a_silent_loss(tmp_path: Path) -> None:
    node = device(tmp_path, "full", 7)
    with pytest.raises(ClaimcheckError, match="cannot write report: No space left on device"):
        write_text(str(node), "report", "report")
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert strays(tmp_path) == []


def test_a_link_to_a_device_is_written_through(tmp_path: Path) -> None:
    """The one kind of link written through: one to a stream, as /dev/stdout is (the device is not a file to protect)."""
    link = tmp_path / "to-null"
    link.symlink_to("/dev/null")
    write_text(str(link), "report", "report")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def stdout_link(tmp_path: Path) -> Path:
    """A link made as /dev/stdout is (to /proc/self/fd/1), in `tmp_path` so a faulty writer can harm only the copy."""
    if not Path("/proc/self/fd/1").exists():
        pytest.skip("no /proc/self/fd here")
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    return link


def test_dev_stdout_writes_to_this_process_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = stdout_link(tmp_path)
    write_text(str(link), "the report\n", "report")
    assert capsys.readouterr().out == "the report\n"
    assert link.is_symlink()


def test_dev_stdout_redirected_to_a_file_writes_the_file(tmp_path: Path) -> None:
    """`-o /dev/stdout > file`: /dev/stdout then leads to a regular file, which is this process's stdout."""
    link = stdout_link(tmp_path)
    script = f"from claimcheck.output import write_text; write_text({str(link)!r}, 'the report\\n', 'report')"
    with open(tmp_path / "out.txt", "wb") as out:
        completed = subprocess.run([sys.executable, "-c", script], check=False, stdout=out, stderr=subprocess.PIPE, timeout=60)
    assert completed.returncode == 0, completed.stderr.decode()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "the report\n"
    assert link.is_symlink()


# --- refusing to write over inputs -----------------------------------------------------------------


@pytest.fixture
def inputs(tmp_path: Path) -> list[Input]:
    for name in ("claims.yaml", "draft.md", "baseline.json", ".claimcheck.toml"):
        (tmp_path / name).write_text("input", encoding="utf-8")
    (tmp_path / "src" / "deep").mkdir(parents=True)
    (tmp_path / "src" / "a.txt").write_text("source", encoding="utf-8")
    return [
        Input(str(tmp_path / "claims.yaml"), ""),
        Input(str(tmp_path / "draft.md"), ""),
        Input(str(tmp_path / "baseline.json"), "baseline"),
        Input(str(tmp_path / ".claimcheck.toml"), "config file"),
        Input(str(tmp_path / "src"), "sources folder"),
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("claims.yaml", r"refusing to write --output over .*claims\.yaml, an input of this run"),
        ("sub/../claims.yaml", r"refusing to write --output over .*claims\.yaml, an input"),
        ("draft.md", r"refusing to write --output over .*draft\.md, an input"),
        ("baseline.json", r"refusing to write --output over the baseline .*baseline\.json"),
        (".claimcheck.toml", r"refusing to write --output over the config file"),
        ("src/a.txt", r"refusing to write --output into the sources folder"),
        ("src/new.json", r"refusing to write --output into the sources folder"),
        ("src/deep/new.json", r"refusing to write --output into the sources folder"),
        ("linked-src/new.json", r"refusing to write --output into the sources folder"),
        ("hard-link.yaml", r"refusing to write --output over .*claims\.yaml"),
        ("link-to-source.txt", r"refusing to write --output into the sources folder"),
    ],
)
def test_every_kind_of_input_is_refused(tmp_path: Path, inputs: list[Input], name: str, message: str) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "linked-src").symlink_to("src")
    os.link(tmp_path / "claims.yaml", tmp_path / "hard-link.yaml")
    (tmp_path / "link-to-source.txt").symlink_to("src/a.txt")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()}
    with pytest.raises(ClaimcheckError, match=message) as info:
        refuse_inputs({"--output": str(tmp_path / name)}, inputs)
    assert "\n" not in str(info.value)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()} == before


def test_outputs_elsewhere_pass_and_two_outputs_may_not_share_a_file(tmp_path: Path, inputs: list[Input]) -> None:
    refuse_inputs({"--output": str(tmp_path / "report.json"), "--write-baseline": str(tmp_path / "new-baseline.json"), "--annotate": None}, inputs)
    (tmp_path / "sub").mkdir()
    with pytest.raises(ClaimcheckError, match="--annotate and --output name the same file"):
        refuse_inputs({"--output": str(tmp_path / "out.md"), "--annotate": str(tmp_path / "sub" / ".." / "out.md")}, inputs)
    refuse_inputs({"--output": "/dev/null", "--annotate": "/dev/null"}, inputs)  # a device is no file to clash over


# --- concurrent writers ----------------------------------------------------------------------------


def test_concurrent_threads_leave_one_complete_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    texts = [f'{{"writer": {n}, "body": "{"x" * 100_000}"}}\n' for n in range(6)]
    errors: list[BaseException] = []
    torn: list[str] = []
    done = threading.Event()

    def writer(text: str) -> None:
        try:
            for _ in range(20):
                write_text(str(target), text, "report")
        except BaseException as exc:
            errors.append(exc)

    def reader() -> None:
        while not done.is_set():
            try:
                seen = target.read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            if seen not in texts:
                torn.append(seen[:80])

    watcher = threading.Thread(target=reader)
    watcher.start()
    threads = [threading.Thread(target=writer, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    watcher.join()
    assert errors == [] and torn == []
    assert target.read_text(encoding="utf-8") in texts
    assert strays(tmp_path) == []


def test_concurrent_processes_leave_one_complete_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    script = (
        "import sys\nfrom claimcheck.output import write_text\n"
        "text = sys.argv[2] * 200_000 + '\\n'\n"
        "for _ in range(30):\n    write_text(sys.argv[1], text, 'report')\n"
    )
    runs = [subprocess.Popen([sys.executable, "-c", script, str(target), letter], stderr=subprocess.PIPE) for letter in "abcd"]
    results = [(run.wait(timeout=120), run.stderr.read().decode() if run.stderr else "") for run in runs]
    for run in runs:
        if run.stderr:
            run.stderr.close()
    assert all(code == 0 for code, _ in results), results
    assert target.read_text(encoding="utf-8") in {letter * 200_000 + "\n" for letter in "abcd"}
    assert strays(tmp_path) == []


def test_pieces_are_written_in_order_and_never_joined(tmp_path: Path) -> None:
    """A report given as pieces (a claim at a time) is written piece by piece to the temporary file and lands whole."""
    pieces = [f"piece {n}\n" for n in range(1000)]
    target = tmp_path / "report.txt"
    consumed: list[str] = []

    def generate() -> Iterator[str]:
        for piece in pieces:
            consumed.append(piece)
            yield piece

    with Outputs() as outputs:
        outputs.add(str(target), generate(), "report")
        assert len(consumed) == len(pieces)  # a file's pieces go to its temporary file at once
        assert not target.exists()  # …and the target appears only on commit
    assert target.read_text(encoding="utf-8") == "".join(pieces)
