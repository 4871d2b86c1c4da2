"""`lawkit build` to DOCX against pandoc converting the same law from Markdown to DOCX, in the same run.

Prints, for 150 and 1,500 bilingual articles: wall time of each, the ratio pandoc / lawkit, lawkit's
growth from 150 to 1,500 (10 would be linear), and lawkit's peak memory. Run: python benchmarks/docx_build.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.synthetic import make  # noqa: E402

LAWKIT = [sys.executable, "-m", "toolkit"]


def timed(cmd: list[str], repeat: int = 3) -> tuple[float, float]:
    """Best wall time of `repeat` runs, and the peak resident memory (MB) of the process."""
    best, peak = float("inf"), 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            sys.exit(f"failed: {' '.join(cmd)}")
        best = min(best, elapsed)
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak


def main() -> None:
    if not shutil.which("pandoc"):
        sys.exit("pandoc is needed as the peer: apt-get install pandoc")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (150, 1500):
            corpus, template = make(Path(tmp) / f"n{n}", n)
            md = Path(tmp) / f"n{n}.md"
            subprocess.run([*LAWKIT, "build", str(template), "--corpus", str(corpus), "-o", str(md)], check=True,
                           capture_output=True)
            lk, mem = timed([*LAWKIT, "build", str(template), "--corpus", str(corpus), "-o", str(Path(tmp) / "o.docx"),
                             "--layout", "parallel"])
            pd, _ = timed(["pandoc", str(md), "-o", str(Path(tmp) / "p.docx")])
            results[n] = (lk, pd, mem)
            print(f"{n:>5} articles: lawkit {lk:6.2f} s   pandoc {pd:6.2f} s   pandoc/lawkit {pd / lk:5.1f}x   "
                  f"lawkit peak {mem:5.0f} MB")
    growth = results[1500][0] / results[150][0]
    print(f"lawkit 150 → 1,500 articles: {growth:.1f}x the time (10x is linear)")


if __name__ == "__main__":
    main()
