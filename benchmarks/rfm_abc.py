"""RFM + ABC on 1,000,000 till transactions: crm (pandas/numpy) against the same SQL in DuckDB.

Ours is ``crm.core.rfm.rfm_table`` → ``crm.core.segment.abc_classes(monetary, (0.65, 0.85))``
→ ``crm.core.rfm.rfm_scores(rfm, 5)``. The baseline is one DuckDB query over the same
DataFrame (GROUP BY customer, then window functions), fetched with ``.df()``.
Both results are checked against each other before anything is timed.

Targets: time ours / DuckDB ≤ 1.5; extra peak memory of ours < 1 GB (1,024 MB).

Run ``python benchmarks/rfm_abc.py`` (``--help`` for a smaller data set or ``--profile``).
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import pstats
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (Target, best_of, exit_code, peak_rss_mb, reset_peak_rss, table,  # noqa: E402
                     targets_table, write_results)

from crm.core.rfm import rfm_scores, rfm_table  # noqa: E402
from crm.core.segment import abc_classes  # noqa: E402

CUTOFFS = (0.65, 0.85)
BINS = 5
MAX_RATIO = 1.5  # ours may take at most 1.5× DuckDB's time (house target)
MAX_PEAK_MB = 1024.0  # ours must stay under 1 GB on top of the data


def make_transactions(n_rows: int = 1_000_000, n_customers: int = 100_000, seed: int = 20240601) -> pd.DataFrame:
    """Deterministic till transactions: ``customer_id`` ("C000001"…), ``date`` (datetime64[ns]), ``amount``.

    Every customer buys at least once; the other visits go to customers in
    proportion to a gamma-distributed activity (a few regulars, many occasional
    buyers). Times fall uniformly over 2024; amounts are lognormal (median ≈ 55),
    rounded to cents.
    """
    rng = np.random.default_rng(seed)
    activity = rng.gamma(0.8, 1.0, n_customers)
    extra = rng.choice(n_customers, size=n_rows - n_customers, p=activity / activity.sum())
    customer = rng.permutation(np.concatenate([np.arange(n_customers), extra]))
    ids = pd.Series([f"C{i:06d}" for i in range(1, n_customers + 1)], dtype="str")
    seconds = rng.integers(0, 366 * 86_400, n_rows).astype("timedelta64[s]")
    return pd.DataFrame({
        "customer_id": ids.take(customer).reset_index(drop=True),
        "date": (np.datetime64("2024-01-01T00:00:00") + seconds).astype("datetime64[ns]"),
        "amount": np.round(rng.lognormal(4.0, 0.9, n_rows), 2),
    })


def rfm_abc_ours(tx: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ABC classes (largest spender first) and RFM scores (by customer id) with crm."""
    rfm = rfm_table(tx)
    return abc_classes(rfm["monetary"], CUTOFFS), rfm_scores(rfm, BINS)


# Mirrors crm exactly: days are calendar days (times dropped), recency counts from the
# day after the last purchase in the table; customers ranked by spend descending, ties by
# id; a customer is A while the share held by those ranked above him is below the A/B
# line; score = 1 + floor((min-rank - 1) / n * bins), ties sharing the lowest rank.
SQL = """
WITH per_customer AS (
    SELECT customer_id, count(*) AS frequency, sum(amount) AS monetary,
           date_trunc('day', min(date)) AS first_purchase,
           date_trunc('day', max(date)) AS last_purchase
    FROM tx GROUP BY customer_id
), with_recency AS (
    SELECT *, date_diff('day', last_purchase, max(last_purchase) OVER () + INTERVAL 1 DAY) AS recency_days
    FROM per_customer
), ranked AS (
    SELECT *,
           (sum(monetary) OVER (ORDER BY monetary DESC, customer_id ROWS UNBOUNDED PRECEDING) - monetary)
               / sum(monetary) OVER () AS share_before,
           rank() OVER (ORDER BY recency_days DESC) AS r_rank,
           rank() OVER (ORDER BY frequency) AS f_rank,
           rank() OVER (ORDER BY monetary) AS m_rank,
           count(*) OVER () AS n
    FROM with_recency
)
SELECT customer_id, recency_days, frequency, monetary, first_purchase, last_purchase,
       CASE WHEN share_before < $a THEN 'A' WHEN share_before < $b THEN 'B' ELSE 'C' END AS abc_class,
       least(1 + floor((r_rank - 1) / n * $bins), $bins)::INTEGER AS r_score,
       least(1 + floor((f_rank - 1) / n * $bins), $bins)::INTEGER AS f_score,
       least(1 + floor((m_rank - 1) / n * $bins), $bins)::INTEGER AS m_score
FROM ranked ORDER BY customer_id
"""


def rfm_abc_duckdb(tx: pd.DataFrame, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The same RFM table, ABC class and scores in one DuckDB query (default threads)."""
    con.register("tx", tx)
    return con.execute(SQL, {"a": CUTOFFS[0], "b": CUTOFFS[1], "bins": BINS}).df()


def check_agreement(abc: pd.DataFrame, scores: pd.DataFrame, duck: pd.DataFrame) -> dict:
    """Assert both sides agree (ABC class counts, spend totals, per-customer RFM and scores)."""
    ours_counts = abc["abc_class"].value_counts().reindex(list("ABC")).tolist()
    duck_counts = duck["abc_class"].value_counts().reindex(list("ABC")).tolist()
    assert ours_counts == duck_counts, f"ABC class counts differ: ours {ours_counts}, duckdb {duck_counts}"
    ours_spend = abc.groupby("abc_class", observed=False)["value"].sum().reindex(list("ABC")).to_numpy()
    duck_spend = duck.groupby("abc_class")["monetary"].sum().reindex(list("ABC")).to_numpy()
    assert np.allclose(ours_spend, duck_spend, rtol=1e-9), f"spend per class differs: {ours_spend} vs {duck_spend}"
    assert (scores.index.to_numpy() == duck["customer_id"].to_numpy()).all(), "customer ids differ"
    for col in ("recency_days", "frequency", "first_purchase", "last_purchase"):
        assert (scores[col].to_numpy() == duck[col].to_numpy()).all(), f"{col} differs"
    assert np.allclose(scores["monetary"], duck["monetary"], rtol=1e-9), "monetary differs"
    # Sums in another order may break a tie in monetary, so scores need not match bit for bit.
    score_agreement = {c: float((scores[c].to_numpy() == duck[c].to_numpy()).mean())
                       for c in ("r_score", "f_score", "m_score")}
    assert min(score_agreement.values()) >= 0.999, f"scores differ: {score_agreement}"
    return {"abc_counts": dict(zip("ABC", ours_counts)), "spend_by_class": dict(zip("ABC", ours_spend.tolist())),
            "score_agreement": score_agreement}


def child(side: str, rows: int, customers: int) -> None:
    """Build the data, run one side once, print this process's peak memory as JSON.

    The peak is restarted after the data is built (where the OS allows), so the
    generator's scratch arrays do not mask the side's own use.
    """
    tx = make_transactions(rows, customers)
    gc.collect()
    reset = reset_peak_rss()
    result = None  # kept alive until the peak is read, as a caller would keep it
    if side == "ours":
        result = rfm_abc_ours(tx)
    elif side == "duckdb":
        result = rfm_abc_duckdb(tx, duckdb.connect())
    print(json.dumps({"side": side, "peak_mb": peak_rss_mb(), "peak_reset": reset}))


def child_peak(side: str, rows: int, customers: int) -> dict:
    """``peak_mb`` of a fresh interpreter that builds the data and runs ``side`` ("data" = nothing)."""
    cmd = [sys.executable, __file__, "--child", side, "--rows", str(rows), "--customers", str(customers)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def profile_ours(tx: pd.DataFrame, lines: int = 12) -> str:
    """cProfile of one run of ours, the top ``lines`` by own time."""
    prof = cProfile.Profile()
    prof.runcall(rfm_abc_ours, tx)
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(lines)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of ours even if on target")
    parser.add_argument("--child", choices=["data", "ours", "duckdb"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.rows, args.customers)
        return 0

    tx = make_transactions(args.rows, args.customers)
    con = duckdb.connect()
    checks = check_agreement(*rfm_abc_ours(tx), rfm_abc_duckdb(tx, con))
    t_ours, _ = best_of(lambda: rfm_abc_ours(tx), args.repeats)
    t_duck, _ = best_of(lambda: rfm_abc_duckdb(tx, con), args.repeats)
    children = {side: child_peak(side, args.rows, args.customers) for side in ("data", "ours", "duckdb")}
    peak = {side: c["peak_mb"] for side, c in children.items()}
    extra = {side: peak[side] - peak["data"] for side in ("ours", "duckdb")}
    targets = [Target("time ours / duckdb", t_ours / t_duck, MAX_RATIO, "x"),
               Target("peak memory ours (above data)", extra["ours"], MAX_PEAK_MB, "MB", "<")]

    print(f"RFM + ABC on {len(tx):,} transactions, {tx['customer_id'].nunique():,} customers "
          f"(best of {args.repeats} after 1 warm-up; memory = child peak minus a child that only builds the data)")
    print(table(["side", "time (s)", "peak (MB)", "peak above data (MB)"],
                [("ours (crm)", f"{t_ours:.3f}", f"{peak['ours']:.0f}", f"{extra['ours']:.0f}"),
                 (f"duckdb {duckdb.__version__}", f"{t_duck:.3f}", f"{peak['duckdb']:.0f}", f"{extra['duckdb']:.0f}"),
                 ("data only", "", f"{peak['data']:.0f}", "")]))
    print(f"agreement: ABC counts {checks['abc_counts']}, scores equal for "
          + ", ".join(f"{k} {v:.4%}" for k, v in checks["score_agreement"].items()))
    print(targets_table(targets))
    details = {"rows": len(tx), "customers": int(tx["customer_id"].nunique()), "time_ours_s": t_ours,
               "time_duckdb_s": t_duck, "peak_mb": peak,
               "peak_reset_after_data": all(c["peak_reset"] for c in children.values()), "peak_above_data_mb": extra,
               "duckdb_threads": con.execute("SELECT current_setting('threads')").fetchone()[0], **checks}
    if args.profile or not targets[0].passed:
        details["profile"] = profile_ours(tx)
        print("\ncProfile of ours (top by own time):\n" + details["profile"])
    print(f"results: {write_results('rfm_abc', targets, details)}")
    return exit_code(targets)


if __name__ == "__main__":
    sys.exit(main())
