"""Run every benchmark script and print one summary table (target, measured, pass/fail).

Each script runs in its own interpreter (``python benchmarks/<name>.py``) and
writes ``benchmarks/results/<name>.json``; the summary is read from those files.
Exit code 1 if any target failed or a script crashed.

Run ``python benchmarks/run_all.py`` or name some: ``python benchmarks/run_all.py rfm_abc abc_view``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, REPO_DIR, RESULTS_DIR, table  # noqa: E402

SCRIPTS = ("rfm_abc", "btyd_fit", "btyd_views", "abc_view", "visit_cycle", "routing", "futures_views", "logistics_views", "credit_views", "visits_views", "membership_views", "concepts_views",
           "channel_mix", "scorecard_view", "upload",
           "grading", "voila_tti", "class_arrival", "suite_time", "view_uploads")


def run(name: str) -> list[tuple[str, str, str, str, str]]:
    """Run one script (its report goes to the terminal) and return its summary rows."""
    print(f"\n=== {name} ===", flush=True)
    result_file = RESULTS_DIR / f"{name}.json"
    result_file.unlink(missing_ok=True)  # never report a previous run's numbers
    code = subprocess.run([sys.executable, str(BENCH_DIR / f"{name}.py")], cwd=REPO_DIR).returncode
    if not result_file.exists():
        return [(name, "(script crashed)", "-", f"exit {code}", "FAIL")]
    targets = json.loads(result_file.read_text(encoding="utf-8"))["targets"]
    return [(name, t["name"], t["limit_text"], t["measured_text"], t["verdict"]) for t in targets]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"scripts to run (default all: {', '.join(SCRIPTS)})")
    names = parser.parse_args(argv).names or list(SCRIPTS)
    unknown = sorted(set(names) - set(SCRIPTS))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(SCRIPTS)}")
    rows = [row for name in names for row in run(name)]
    print("\n=== summary ===")
    print(table(["script", "target", "limit", "measured", "result"], rows, left=2))
    return int(any(row[-1] == "FAIL" for row in rows))


if __name__ == "__main__":
    sys.exit(main())
