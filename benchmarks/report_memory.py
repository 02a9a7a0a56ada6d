"""Peak memory of writing a large report: the JSON and JSONL reports streamed a claim at a time against one string.

    python benchmarks/report_memory.py [--claims 10000 100000]

Verdicts are synthetic (each claim with five quoted passages of ~250 characters, as a real report has); each
measurement runs in a fresh process and reports the growth of peak RSS while the report is written to a file.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import resource, sys
sys.path.insert(0, {src!r})
from claimcheck.models import Claim, Evidence, Label, Passage, Stance, Verdict
from claimcheck.output import Outputs
from claimcheck.report import ReportContext, render, render_chunks
count, format_name, mode, path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
quote = "The agency signed a contract worth about forty-one million dollars with the vendor in the spring of that year, " * 2
passages = [Passage(f"doc{{n % 50}}.txt", "src", quote, n * 300, n * 300 + len(quote), n + 1, n + 1) for n in range(500)]
verdicts = [
    Verdict(Claim(f"claim-{{n}}", f"Claim {{n}}: the agency paid $41 million in 2014."), Label.SUPPORTED, 0.9, "source says it",
            tuple(Evidence(passages[(n + k) % 500], Stance.SUPPORTS, 0.8) for k in range(5)))
    for n in range(count)
]
context = ReportContext()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with Outputs() as outputs:
    outputs.add(path, render_chunks(verdicts, format_name, context) if mode == "streamed" else render(verdicts, format_name, context), "report")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(before, after)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print("| claims | format | written as | peak RSS before writing | growth while writing | report size |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for count in args.claims:
            for format_name in ("json", "jsonl"):
                for mode in ("one string", "streamed"):
                    path = Path(folder) / f"report-{count}-{format_name}-{mode[0]}.out"
                    probe = PROBE.format(src=str(ROOT / "src"))
                    result = subprocess.run(
                        [sys.executable, "-c", probe, str(count), format_name, mode.split()[0], str(path)], capture_output=True, text=True, check=True
                    )
                    before, after = (int(v) for v in result.stdout.split())
                    size = path.stat().st_size
                    print(f"| {count:,} | {format_name} | {mode} | {before / 1024:.0f} MB | {(after - before) / 1024:.0f} MB | {size / 1e6:.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
