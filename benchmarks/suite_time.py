"""Wall time of the test suite: nbval over every notebook, and the rest of the tests.

Runs, from the repository root, each in a fresh interpreter (pytest settings
come from pyproject.toml, which adds ``--nbval``):

* ``python -m pytest cases exercises -p no:cacheprovider -q``: every case and
  exercise notebook re-executed and compared by nbval. Target ≤ 90 s.
* ``python -m pytest tests -q -p no:cacheprovider``: unit, widget and browser
  tests, reported for information.

A run whose tests fail counts as FAIL whatever its time. With no notebooks yet
the nbval row reads ``n/a``. Run ``python benchmarks/suite_time.py``.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_DIR, Target, exit_code, table, targets_table, write_results  # noqa: E402

MAX_NBVAL_S = 90.0  # house target for nbval over all notebooks
NOTEBOOK_DIRS = ("cases", "exercises")
NO_TESTS_COLLECTED = 5  # pytest's exit code


def notebooks() -> list[Path]:
    """The notebooks nbval would collect (checkpoints excluded)."""
    found = (p for d in NOTEBOOK_DIRS for p in (REPO_DIR / d).rglob("*.ipynb"))
    return sorted(p for p in found if ".ipynb_checkpoints" not in p.parts)


def timed_pytest(args: list[str], timeout: float) -> dict:
    """Run ``python -m pytest <args>`` in the repository root; wall time, exit code and pytest's last line."""
    cmd = [sys.executable, "-m", "pytest", *args]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=REPO_DIR, capture_output=True, text=True, timeout=timeout)
        code, output = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as err:
        partial = err.stdout or b""
        partial = partial.decode(errors="replace") if isinstance(partial, bytes) else partial
        code, output = None, f"{partial}\ntimed out after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    lines = [line for line in output.splitlines() if line.strip()]
    return {"command": " ".join(["python", *cmd[1:]]), "seconds": seconds, "exit_code": code,
            "summary": lines[-1] if lines else "", "tail": lines[-15:]}


def suite_target(name: str, run: dict | None, limit: float | None) -> Target:
    """A target row for one pytest run (``None`` = not run)."""
    if run is None:
        return Target(name, None, limit, "s", note="no notebooks yet")
    if run["exit_code"] == NO_TESTS_COLLECTED:
        return Target(name, None, limit, "s", note="no tests collected")
    failed = run["exit_code"] != 0
    return Target(name, run["seconds"], limit, "s", failed_run=failed,
                  note=f"tests failed: {run['summary']}" if failed else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds allowed for each pytest run")
    args = parser.parse_args(argv)

    found = notebooks()
    nbval = (timed_pytest([*NOTEBOOK_DIRS, "-p", "no:cacheprovider", "-q"], args.timeout) if found else None)
    rest = timed_pytest(["tests", "-q", "-p", "no:cacheprovider"], args.timeout)
    targets = [suite_target(f"nbval, {len(found)} notebooks", nbval, MAX_NBVAL_S),
               suite_target("tests/ (everything else)", rest, None)]

    print(f"Test suite wall time ({len(found)} notebooks under {', '.join(NOTEBOOK_DIRS)})")
    print(table(["run", "time (s)", "exit", "pytest says"],
                [(r["command"], f"{r['seconds']:.1f}", r["exit_code"], r["summary"][:70])
                 for r in (nbval, rest) if r is not None], left=1))
    print(targets_table(targets))
    details = {"notebooks": [str(p.relative_to(REPO_DIR)) for p in found], "nbval": nbval, "tests": rest}
    print(f"results: {write_results('suite_time', targets, details)}")
    return exit_code(targets)


if __name__ == "__main__":
    sys.exit(main())
