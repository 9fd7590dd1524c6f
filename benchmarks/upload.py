"""Uploads: reading a student's workbook against reading the same table as CSV, before and after calamine.

Data (deterministic): 70,000 purchases by 23,570 customers (the size of the public
transaction log the issue was tried on), written as CSV and as an .xlsx by openpyxl
(shared strings, real date cells: what Excel writes). Then two files of the upload
corpus (tests/uploads/corpus.py): a full Excel sheet (1,048,575 purchases) and the
crafted zip bomb (1 MB of zip, a 1 GB sheet).

Measured, best of ``--repeats`` after a warm-up, in this process:

* ``read_upload`` of the CSV: the **baseline**;
* ``read_upload`` of the .xlsx (python-calamine, after the zip check);
* the reader before this change on the same .xlsx: ``pd.read_excel(engine="openpyxl",
  dtype=object)`` then the same schema check;
* ``read_upload`` of the full sheet (once), with the progress callback's calls;
* the refusal of the zip bomb and of two far-apart cells (A1, XFD1048576).

Targets: xlsx / CSV <= 30 (was ~120); ours / openpyxl <= 0.25; the full sheet read per
row at most 2x the 70,000-row workbook's (it scales, no stage blows up); the longest
gap between progress calls <= 40 % of the full sheet's load; the bomb refused within
10x the CSV baseline. Peak memory and the load average are reported. Run
``python benchmarks/upload.py``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _common import (Target, best_of, exit_code, peak_rss_mb, reset_peak_rss, table, targets_table,  # noqa: E402
                     write_results)

import openpyxl  # noqa: E402
import pandas as pd  # noqa: E402

from crm.core.io import read_upload  # noqa: E402
from crm.core.schemas import UPLOAD_TRANSACTIONS, DataError  # noqa: E402
from tests.uploads.corpus import BY_NAME  # noqa: E402

MAX_XLSX_OVER_CSV = 30.0
MIN_OPENPYXL_OVER_OURS = 4.0
MAX_FULL_SHEET_PER_ROW = 2.0
MAX_PROGRESS_GAP = 0.40
MAX_BOMB_OVER_CSV = 10.0


def make_table(rows: int = 70_000, customers: int = 23_570, seed: int = 15) -> list[list]:
    rng = np.random.default_rng(seed)
    ids = np.concatenate([np.arange(customers), rng.integers(0, customers, rows - customers)])
    rng.shuffle(ids)
    days = rng.integers(0, 365, rows)
    amounts = np.round(rng.lognormal(3.5, 1.0, rows), 2)
    start = dt.date(2011, 1, 1)
    return [[f"{17850 + i:06d}", start + dt.timedelta(days=int(d)), float(a)] for i, d, a in zip(ids, days, amounts)]


def as_csv(rows: list[list]) -> bytes:
    lines = ["customer_id,date,amount"] + [f"{c},{d.isoformat()},{a:.2f}" for c, d, a in rows]
    return ("\n".join(lines) + "\n").encode()


def as_xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("transactions")
    sheet.append(["customer_id", "date", "amount"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def old_reader(data: bytes) -> pd.DataFrame:
    """What read_upload did with an .xlsx before: openpyxl through pandas, then the schema."""
    return UPLOAD_TRANSACTIONS.validate(pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=object,
                                                      engine="openpyxl"), file="old.xlsx")


def refusal_s(data: bytes, name: str) -> float:
    start = time.perf_counter()
    try:
        read_upload(data, name)
    except DataError:
        return time.perf_counter() - start
    raise AssertionError(f"{name} was not refused")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-full-sheet", action="store_true", help="skip the 1,048,576-row sheet")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()

    rows = make_table()
    csv_bytes, xlsx_bytes = as_csv(rows), as_xlsx(rows)
    csv_s, csv_df = best_of(lambda: read_upload(csv_bytes, "t.csv"), args.repeats)
    xlsx_s, xlsx_df = best_of(lambda: read_upload(xlsx_bytes, "t.xlsx"), args.repeats)
    old_s, old_df = best_of(lambda: old_reader(xlsx_bytes), max(1, args.repeats - 1))
    # The same table three ways (ids kept as text with their zeros, dates, cents).
    for df in (xlsx_df, old_df):
        pd.testing.assert_frame_equal(df[["customer_id", "date", "amount"]], csv_df[["customer_id", "date", "amount"]])

    bomb_s = min(refusal_s(BY_NAME["zip_bomb.xlsx"].build(), "bomb.xlsx") for _ in range(args.repeats))
    far_s = min(refusal_s(BY_NAME["far_apart_cells.xlsx"].build(), "far.xlsx") for _ in range(args.repeats))

    full = {}
    if not args.no_full_sheet:
        data = BY_NAME["full_sheet.xlsx"].build()
        reset_peak_rss()
        rss_before = peak_rss_mb()
        calls: list[tuple[float, float]] = []
        start = time.perf_counter()
        df = read_upload(data, "full.xlsx", progress=lambda f: calls.append((time.perf_counter(), f)))
        full_s = time.perf_counter() - start
        assert len(df) == 1_048_575
        stamps = [start] + [t for t, _ in calls]
        full = {"seconds": full_s, "rows": len(df), "peak_rss_above_mb": peak_rss_mb() - rss_before,
                "progress_calls": len(calls), "longest_gap_s": float(np.diff(stamps).max()),
                "fractions": [round(f, 3) for _, f in calls]}

    per_row = (full["seconds"] / full["rows"]) / (xlsx_s / len(rows)) if full else None
    gap = full["longest_gap_s"] / full["seconds"] if full else None
    targets = [
        Target("xlsx / csv (70,000 rows)", xlsx_s / csv_s, MAX_XLSX_OVER_CSV, "x"),
        Target("ours / openpyxl reader (xlsx)", xlsx_s / old_s, 1 / MIN_OPENPYXL_OVER_OURS, "x"),
        Target("full sheet per row / 70,000-row xlsx per row", per_row, MAX_FULL_SHEET_PER_ROW, "x"),
        Target("longest progress gap / full sheet load", gap, MAX_PROGRESS_GAP, "x"),
        Target("zip bomb refused / csv read", bomb_s / csv_s, MAX_BOMB_OVER_CSV, "x"),
        Target("full sheet load", full.get("seconds"), None, "s"),
        Target("full sheet peak memory above start", full.get("peak_rss_above_mb"), None, "MB"),
    ]
    load_after = os.getloadavg()
    print(f"70,000 purchases by {csv_df['customer_id'].nunique():,} customers: CSV {len(csv_bytes) / 2**20:.1f} MB, "
          f"xlsx {len(xlsx_bytes) / 2**20:.1f} MB; load average {load_before[0]:.1f} -> {load_after[0]:.1f} "
          f"(shared machine: absolute times vary, ratios less)")
    print(table(["read", "seconds"], [
        ("CSV (baseline)", f"{csv_s:.3f}"), ("xlsx, ours (calamine)", f"{xlsx_s:.3f}"),
        ("xlsx, before (openpyxl)", f"{old_s:.3f}"), ("zip bomb refused", f"{bomb_s:.4f}"),
        ("far-apart cells refused", f"{far_s:.4f}"),
        *([("full sheet (1,048,575 rows)", f"{full['seconds']:.2f}")] if full else [])]))
    if full:
        print(f"full sheet: {full['progress_calls']} progress calls, longest gap {full['longest_gap_s']:.2f} s, "
              f"peak memory +{full['peak_rss_above_mb']:.0f} MB")
    print(targets_table(targets))
    details = {"csv_s": csv_s, "xlsx_s": xlsx_s, "openpyxl_s": old_s, "bomb_refused_s": bomb_s,
               "far_cells_refused_s": far_s, "full_sheet": full, "loadavg_before": load_before,
               "loadavg_after": load_after}
    print(f"results: {write_results('upload', targets, details)}")
    return exit_code(targets)


if __name__ == "__main__":
    sys.exit(main())
