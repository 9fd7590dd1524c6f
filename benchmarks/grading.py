"""Grading 100 submissions of the supermarket exercise with ``crm-grade``, against a naive grader.

Makes ``--submissions`` notebooks from the exercise (70% model answers, 20% wrong
answers, 10% left unanswered) and runs the real command, ``crm.grading.cli.main``, on
them: data variant, warm kernel template, confined kernels, ``--jobs`` at a time,
gradebook. The baseline, in the same run, is what a grader without the template
would do: a fresh ordinary kernel per submission (``crm.grading.runner.execute_notebook``),
timed on ``--baseline`` submissions one after another and scaled to the same count
and the same number of cores.

Targets: all 100 graded in < 180 s (issue 4), end to end; per-submission time
against the naive grader < 1 (the template must pay for itself); with ``--before REV``,
the same submissions graded by the grader of an earlier commit (checked out into a
temporary folder and run from there, in the same run, right before ours): ours within
1.2x of it (issue 14: the isolation may cost at most 20%).

Run ``python benchmarks/grading.py`` (``--before 8acdd05`` for the grader before issue 14).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_DIR, Target, exit_code, table, targets_table, write_results  # noqa: E402

sys.path.insert(0, str(REPO_DIR))
from crm.grading.runner import execute_notebook, fill_answers  # noqa: E402
from crm.grading.cli import main as grade_main
from tests.solutions.supermarket import ANSWERS, WRONG  # noqa: E402

MAX_TOTAL_S = 180.0  # issue 4: 100 submissions of one exercise in under 3 minutes
MAX_VS_BEFORE = 1.2  # issue 14: isolation may cost at most 20% over the grader before it
EXERCISE = REPO_DIR / "exercises" / "supermarket.ipynb"


def make_submissions(folder: Path, n: int) -> dict[str, str]:
    """Write ``n`` submissions; returns the kind of each student's notebook."""
    nb = nbformat.read(EXERCISE, as_version=4)
    kinds = {}
    for i in range(n):
        kind = "right" if i % 10 < 7 else ("wrong" if i % 10 < 9 else "blank")
        answers = {"right": ANSWERS, "wrong": WRONG, "blank": {}}[kind]
        nbformat.write(fill_answers(nb, answers), folder / f"student{i:03d}.ipynb")
        kinds[f"student{i:03d}"] = kind
    return kinds


def grade_with_checkout(checkout: Path, subs: Path, out: Path, seed: int) -> float:
    """Seconds for ``crm-grade`` as the code in ``checkout`` has it, run from there."""
    code = ("import sys\ntry:\n    from crm.grading.cli import main\n"
            "except ImportError:  # a commit before the grader had its own package\n    from crm.grading.runner import main\n"
            "sys.exit(main(sys.argv[1:]))")
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(subs), "--seed", str(seed), "--out", str(out)],
                   cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--baseline", type=int, default=3, help="submissions timed with the naive grader")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--before", metavar="REV", help="also time the grader of this earlier commit, same run")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    load_before = os.getloadavg()

    tmp = Path(tempfile.mkdtemp(prefix="crm-bench-grading-"))
    try:
        subs, out = tmp / "submissions", tmp / "gradebook"
        subs.mkdir()
        kinds = make_submissions(subs, args.submissions)
        before_s = None
        if args.before:
            checkout = tmp / "before"
            subprocess.run(["git", "-C", str(REPO_DIR), "worktree", "add", "--detach", str(checkout), args.before],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                before_s = grade_with_checkout(checkout, subs, tmp / "gradebook-before", args.seed)
            finally:
                subprocess.run(["git", "-C", str(REPO_DIR), "worktree", "remove", "--force", str(checkout)],
                               check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        start = time.perf_counter()
        code = grade_main([str(subs), "--seed", str(args.seed), "--out", str(out)])
        total_s = time.perf_counter() - start
        summary = pd.read_csv(out / "summary.csv", encoding="utf-8-sig")
        grades = pd.read_csv(out / "grades.csv", encoding="utf-8-sig")
        # (the written answers wait for the instructor's marks: a model student is one whose every
        # automatic answer is right)
        automatic = grades[grades["kind"] != "written"]
        right = automatic.groupby("student")["status"].apply(lambda s: bool((s == "correct").all())).to_dict()
        assert code == 0 and len(summary) == args.submissions, "not every submission was graded"
        assert (grades["kind"] == "written").any(), "the written answers were not collected"
        assert all(right[s] == (k == "right") for s, k in kinds.items()), "a grade is wrong"

        naive = []
        one = nbformat.read(subs / "student000.ipynb", as_version=4)
        for _ in range(args.baseline):
            t = time.perf_counter()
            execute_notebook(one, EXERCISE.parent)
            naive.append(time.perf_counter() - t)
        naive_s = sorted(naive)[len(naive) // 2]
        naive_total = naive_s * args.submissions / cores
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    per_sub = total_s / args.submissions
    ratio = total_s / naive_total
    targets = [Target(f"{args.submissions} submissions graded, end to end", total_s, MAX_TOTAL_S, "s", "<"),
               Target("crm-grade / naive grader (same count and cores)", ratio, 1.0, "x", "<")]
    if before_s is not None:
        targets.append(Target(f"crm-grade / crm-grade at {args.before}", total_s / before_s, MAX_VS_BEFORE, "x", "<"))
    print(f"{args.submissions} submissions ({sum(k == 'right' for k in kinds.values())} right, "
          f"{sum(k == 'wrong' for k in kinds.values())} wrong, {sum(k == 'blank' for k in kinds.values())} blank) "
          f"on {cores} cores; load average (1, 5, 15 min) before {load_before[0]:.1f} {load_before[1]:.1f} "
          f"{load_before[2]:.1f}, after {os.getloadavg()[0]:.1f} (absolute times on a shared machine vary)")
    print(table(["grader", "per submission (s)", f"for {args.submissions} (s)"],
                [("crm-grade (template, confined, parallel)", f"{per_sub:.2f}", f"{total_s:.1f}"),
                 (f"naive: fresh kernel each (median of {args.baseline}, /{cores} cores)",
                  f"{naive_s / cores:.2f}", f"{naive_total:.1f}")]
                + ([(f"crm-grade at {args.before} (same submissions, same run)",
                     f"{before_s / args.submissions:.2f}", f"{before_s:.1f}")] if before_s is not None else [])))
    print(targets_table(targets))
    write_results("grading", targets, {"submissions": args.submissions, "cores": cores, "total_s": total_s,
                                       "naive_runs_s": naive, "naive_total_s": naive_total, "ratio": ratio,
                                       "before": args.before, "before_s": before_s})
    return exit_code(targets)


if __name__ == "__main__":
    sys.exit(main())
