"""`make bench` works: its harness, run small (N = 10, a second of load), writes the table,
the posting figures (every accepted comment stored) and the chart."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).with_name("benchmark.py")

pytestmark = [pytest.mark.slow, pytest.mark.live]


def test_the_benchmark_writes_its_results_and_chart(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DEBUG")
    }
    result = subprocess.run(
        [sys.executable, str(BENCHMARK), "--smoke"],
        env={**environment, "BENCH_OUTPUT": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    results = (tmp_path / "RESULTS.md").read_text()
    rows = re.findall(r"^\| 10 \| (all|50) \| (\d+) \|", results, re.MULTILINE)
    assert [per_page for per_page, _queries in rows] == ["all", "50"]
    assert all(int(queries) > 0 for _per_page, queries in rows)
    posting = re.search(
        r"^\| sqlite \| 1 \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|", results, re.M
    )
    assert posting, results
    accepted, stored = int(posting.group(2)), int(posting.group(5))
    assert accepted > 0 and stored == accepted
    assert (tmp_path / "results.png").stat().st_size > 10_000
