"""Judging in batches on this machine's cores (forked workers): the verdicts of one process, in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.api import CLAIMS_PER_BATCH, Checker
from claimcheck.batches import ForkPool
from claimcheck.claims import load_claims_file
from claimcheck.errors import ClaimcheckError

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not ForkPool.usable(), reason="forked workers need Linux")


def _square_unless_seven(offset: int, item: int) -> int:
    if item == 7:
        raise ClaimcheckError("seven is refused", "numbers.txt", 7)
    return offset + item * item


def test_a_fork_pool_keeps_order_reports_each_result_and_shares_one_value() -> None:
    seen: list[int] = []
    assert ForkPool(2).map_shared(_square_unless_seven, 100, [3, 1, 2, 5], seen.append) == [109, 101, 104, 125]
    assert seen == [109, 101, 104, 125]


def test_a_workers_one_line_error_comes_back_whole() -> None:
    with pytest.raises(ClaimcheckError) as raised:
        ForkPool(2).map_shared(_square_unless_seven, 0, [1, 7, 2], None)
    assert (raised.value.message, raised.value.file, raised.value.line) == ("seven is refused", "numbers.txt", 7)


def test_claims_judged_on_two_cores_get_the_verdicts_of_one(tmp_path: Path) -> None:
    claims = load_claims_file(str(ROOT / "claims" / "seeds.yaml")).claims
    assert len(claims) > CLAIMS_PER_BATCH  # so the two-worker checker really forks
    one = Checker(str(ROOT / "seeds"), cache_dir=tmp_path, judge_workers=1)
    two = Checker(str(ROOT / "seeds"), cache_dir=tmp_path, judge_workers=2)
    steps: list[tuple[str, int, int]] = []
    two.progress = lambda stage, done, total: steps.append((stage, done, total))
    assert two.check(claims) == one.check(claims)
    # Progress comes a batch at a time (one process reports every 50 claims): the batches really ran.
    assert [done for _, done, _ in steps] == [*range(CLAIMS_PER_BATCH, len(claims), CLAIMS_PER_BATCH), len(claims)]


def test_claims_parsed_aside_have_the_shapes_parsed_here_and_this_process_never_loads_the_parser() -> None:
    """In a fresh process (the test process may have spaCy loaded already): the child parses, the parent does not."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from claimcheck.batches import parse_aside\n"
        "from claimcheck.language.parts import claim_shapes\n"
        "texts = ['The mayor, a former teacher, opened the bridge in May and closed it in June.', 'Fares rose 4%.']\n"
        "aside = parse_aside(texts, None)\n"
        "assert aside is not None\n"
        "shapes = aside.get()\n"
        "assert 'spacy' not in sys.modules, 'the parser was loaded here'\n"
        "assert shapes == claim_shapes(texts, None)\n"
        "assert 'spacy' in sys.modules and parse_aside(texts, None) is None  # loaded now: parse here\n"
        "print(len(shapes[0].parts))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= 2  # the compound sentence really was decomposed by the child's parser
