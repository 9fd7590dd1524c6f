"""The ``crm-grade`` command: grade a folder of submitted exercise notebooks into a gradebook.

``crm-grade SUBMISSIONS --seed N`` regenerates the exercise's case from the grader's seed
(a data variant no student has seen), grades every submission (:mod:`crm.grading.runner`),
collects the written answers (:mod:`crm.grading.written`) and writes the gradebook
(:mod:`crm.grading.gradebook`) merged with the manual marks made so far, and the feedback files
(:mod:`crm.grading.merge`, :mod:`crm.grading.feedback`). ``crm-grade --merge FOLDER`` merges
again after marking, without re-running anything. ``crm-grade --help`` lists every option with
its default.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Sequence

from crm.core.asyncrun import run_to_end
from crm.grading.sandbox import Limits
from crm.grading.runner import Grader


class Progress:
    """A one-line progress bar on stderr (a line per tenth when not on a terminal)."""

    def __init__(self, total: int, stream=sys.stderr) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.start = time.monotonic()
        self._last_tenth = -1
        self._draw()

    def advance(self) -> None:
        self.done += 1
        self._draw()

    def _draw(self) -> None:
        width = 30
        filled = width * self.done // max(self.total, 1)
        elapsed = time.monotonic() - self.start
        line = (f"批改 / grading [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                f"{elapsed:5.0f} s")
        if self.stream.isatty():
            self.stream.write("\r" + line + ("\n" if self.done == self.total else ""))
        elif (tenth := 10 * self.done // max(self.total, 1)) != self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(line + "\n")
        self.stream.flush()


def _parse_size(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*", text.lower())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 2G, 512M)")
    return int(float(m.group(1)) * 1024 ** " kmgt".index(m.group(2) or " "))


def main(argv: Sequence[str] | None = None) -> int:
    """``crm-grade``: grade a folder of submitted exercise notebooks into a gradebook."""
    from crm.grading.merge import save_round, write_merged
    from crm.grading.submission import choose_submissions, find_submissions, identity

    p = argparse.ArgumentParser(prog="crm-grade", description=(
        "批改一个文件夹中提交的练习笔记本，写出成绩册。 / Grade a folder of submitted exercise notebooks "
        "on a fresh data variant and write a gradebook."))
    p.add_argument("submissions", type=Path, nargs="?", help="folder of .ipynb files (or <student>/<file>.ipynb, "
                   "or a Canvas or Moodle download)")
    p.add_argument("--seed", type=int, help="seed of the grading data variant (required unless --merge)")
    p.add_argument("--merge", type=Path, metavar="GRADEBOOK", default=None,
                   help="only merge the marks made in GRADEBOOK (crm-mark) into its gradebook and feedback files")
    p.add_argument("--case", help="the exercise's case (default: told from the notebooks)")
    p.add_argument("--out", type=Path, default=Path("gradebook"), help="output folder (default: gradebook)")
    p.add_argument("--jobs", type=int, default=None, help="submissions at a time (default: one per core)")
    p.add_argument("--notebook-timeout", type=float, default=Limits.notebook_seconds,
                   help=f"seconds per notebook (default: {Limits.notebook_seconds:g})")
    p.add_argument("--cell-timeout", type=float, default=Limits.cell_seconds,
                   help=f"seconds per cell (default: {Limits.cell_seconds:g})")
    p.add_argument("--memory", type=_parse_size, default=Limits.memory_bytes,
                   help=f"memory per notebook, e.g. 2G (default: {Limits.memory_bytes / 2**30:g}G)")
    p.add_argument("--hide", type=Path, action="append", default=[],
                   help="a further path to cover if it lies inside what a kernel may read")
    p.add_argument("--assignment", default=None,
                   help="the assignment's column title in canvas.csv, e.g. 'Exercise 1 (12345)' "
                        "(default: crm-<case>)")
    args = p.parse_args(argv)

    if args.merge is not None:
        if not (args.merge / "round.json").is_file():
            p.error(f"这里没有批改记录 / no grading round in {args.merge} (run crm-grade first)")
        for path in write_merged(args.merge):
            print(path)
        return 0
    if args.submissions is None or args.seed is None:
        p.error("需要提交文件夹和 --seed / give the submissions folder and --seed")
    if not args.submissions.is_dir():
        p.error(f"没有这个文件夹 / no such folder: {args.submissions}")
    found = find_submissions(args.submissions)
    if not found:
        p.error(f"文件夹里没有 .ipynb 文件 / no .ipynb files in {args.submissions}")
    case = args.case or _majority_case(found, args.submissions)
    if case is None:
        p.error("看不出是哪个案例的练习，请用 --case 指定 / cannot tell the case: give --case")
    paths, left_out = choose_submissions(found, args.submissions, case)
    limits = Limits(notebook_seconds=args.notebook_timeout, cell_seconds=args.cell_timeout,
                    memory_bytes=args.memory)
    start = time.monotonic()
    print(f"crm-grade: {len(paths)} submissions, case {case}, seed {args.seed}; "
          "preparing the data variant…", file=sys.stderr)
    with Grader(case, args.seed, limits, args.jobs, args.hide) as grader:
        rows = run_to_end(grader.grade_all(args.submissions, paths, Progress(len(paths))))
        info = {"case": case, "seed": args.seed, "submissions": len(paths), "jobs": grader.jobs,
                "seconds": round(time.monotonic() - start, 1), "limits": vars(limits),
                "isolation": dict(grader.measures), "checked": grader.checked, "survivors": grader.survivors,
                "left_out": {str(k.relative_to(args.submissions)): str(v.relative_to(args.submissions))
                             for k, v in left_out.items()},
                "assignment": args.assignment or f"crm-{case}", "max_points": sum(
                    q.points for q in [*grader.questions.values(), *grader.written_questions.values()])}
        collected, specs = grader.written, grader.specs
        # One gradebook: each submission's automatic rows, then its written ones.
        by_student: dict[str, list] = {}
        for r in rows:
            by_student.setdefault(r.student, []).append(r)
        rows = [r for student, own in by_student.items() for r in [*own, *grader.written_rows.get(student, [])]]
    people = {identity(p_, args.submissions).student: identity(p_, args.submissions) for p_ in paths}
    save_round(args.out, rows, collected, specs, info, people)
    written = write_merged(args.out)
    for path in written:
        print(path)
    return 0


def _majority_case(paths: Sequence[Path], folder: Path) -> str | None:
    from crm.grading.submission import read_submission

    def case_of(path: Path) -> str | None:
        try:
            return read_submission(path, folder, None).case
        except OSError:
            return None

    cases = Counter(c for c in map(case_of, paths) if c)
    return cases.most_common(1)[0][0] if cases else None


if __name__ == "__main__":
    sys.exit(main())
