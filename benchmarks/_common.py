"""Helpers shared by the benchmark scripts: timing, targets, report tables and result files.

Every script measures a baseline in the same run and states its targets as
:class:`Target` rows; ``run_all.py`` reads them back from ``results/<name>.json``.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"  # git-ignored

UNIT_FORMATS = {"x": "{:.2f}×", "ms": "{:.1f} ms", "MB": "{:,.0f} MB", "s": "{:.1f} s"}


@dataclass(frozen=True)
class Target:
    """One performance target: ``measured`` must be ``op`` ``limit``.

    ``measured=None`` means not measurable in this run (``n/a``); ``limit=None``
    a number reported for information only; ``failed_run`` a measurement whose
    run itself failed (e.g. a test suite with failures), which never passes.
    """

    name: str
    measured: float | None
    limit: float | None
    unit: str  # a key of UNIT_FORMATS
    op: str = "<="  # "<=" or "<"
    note: str = ""
    failed_run: bool = False

    @property
    def passed(self) -> bool | None:
        if self.failed_run:
            return False
        if self.measured is None or self.limit is None:
            return None
        return self.measured <= self.limit if self.op == "<=" else self.measured < self.limit

    @property
    def verdict(self) -> str:
        """``pass``, ``FAIL``, ``n/a`` (not measured) or ``info`` (no limit)."""
        if self.passed is None:
            return "n/a" if self.measured is None else "info"
        return "pass" if self.passed else "FAIL"

    @property
    def limit_text(self) -> str:
        return "-" if self.limit is None else f"{self.op} {fmt(self.limit, self.unit)}"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed, "verdict": self.verdict,
                "measured_text": fmt(self.measured, self.unit), "limit_text": self.limit_text}


def fmt(value: float | None, unit: str) -> str:
    """A number with its unit, or ``n/a``."""
    return "n/a" if value is None else UNIT_FORMATS.get(unit, "{:g} " + unit).format(value)


def best_of(fn: Callable[[], Any], repeats: int = 5, warmup: int = 1) -> tuple[float, Any]:
    """Best wall time in seconds of ``repeats`` calls after ``warmup`` calls; also the last result."""
    result = None
    for _ in range(warmup):
        result = fn()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB.

    On Linux this is ``VmHWM`` from /proc: ``ru_maxrss`` of a child started by
    fork + exec keeps the parent's peak if that was larger (the kernel carries
    the pre-exec high-water mark over), which would hide the child's own use.
    Elsewhere ``ru_maxrss`` (KiB on Linux, bytes on macOS).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**10
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def reset_peak_rss() -> bool:
    """Restart the peak count at the current resident memory (Linux ≥ 4.0); False if not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], left: int = 1) -> str:
    """A plain-text table, the first ``left`` columns left-aligned, the rest right-aligned."""
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) if i < left else c.rjust(w)  # noqa: E731
                               for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(cells[0]), "  ".join("-" * w for w in widths), *map(line, cells[1:])])


def targets_table(targets: Sequence[Target]) -> str:
    """The target / measured / verdict table every script ends its report with."""
    notes = any(t.note for t in targets)
    return table(["target", "limit", "measured", "result"] + (["note"] if notes else []),
                 [(t.name, t.limit_text, fmt(t.measured, t.unit), t.verdict) + ((t.note,) if notes else ())
                  for t in targets])


def exit_code(targets: Sequence[Target]) -> int:
    """1 if any target failed, else 0 (``n/a`` and ``info`` rows do not fail)."""
    return int(any(t.verdict == "FAIL" for t in targets))


def write_results(name: str, targets: Sequence[Target], details: dict[str, Any]) -> Path:
    """Write ``results/<name>.json``: the targets (as run_all reads them) and the raw numbers."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    payload = {"benchmark": name, "python": sys.version.split()[0],
               "targets": [t.as_dict() for t in targets], "details": details}
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    return path
