"""Writing a gradebook: rows per question, a summary per student, a short report, LMS imports.

The files are plain and import anywhere: UTF-8 CSV with a byte-order mark (so Excel
shows the Chinese feedback), a Markdown report, an SVG histogram, and ``canvas.csv`` /
``moodle.csv`` in the formats Canvas's gradebook import and Moodle's grading worksheet
upload read as they are. Every text cell is safe to open in a spreadsheet: one that
starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) is prefixed
with an apostrophe, whatever a student named a file or printed.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from crm.grading.results import GradeRow

GRADES_FILE, SUMMARY_FILE, REPORT_FILE, HISTOGRAM_FILE = "grades.csv", "summary.csv", "report.md", "histogram.svg"
CANVAS_FILE, MOODLE_FILE = "canvas.csv", "moodle.csv"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value a spreadsheet will not run: text starting like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_table(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell, and every column name, made safe by :func:`safe_cell`."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    return out.rename(columns=safe_cell)


def grades_table(rows: Sequence[GradeRow]) -> pd.DataFrame:
    """One row per student and question, in the order graded."""
    columns = list(GradeRow.__dataclass_fields__)
    return pd.DataFrame([vars(r) for r in rows], columns=columns)


def summary_table(grades: pd.DataFrame) -> pd.DataFrame:
    """One row per submission: points, maximum, percent and how many answers were right.

    ``status`` is ``graded`` when the notebook ran, else the reason it could not
    (``invalid`` or ``not run`` on every question). ``points`` are the automatic and the
    manual points together (``auto_points`` + ``written_points``); ``to_mark`` counts the
    written answers not marked yet.
    """
    def status(s: pd.Series) -> str:
        kinds = set(s)
        return next(iter(kinds)) if kinds <= {"invalid"} or kinds <= {"not run"} else "graded"

    grades = grades.assign(
        written=(grades["kind"] == "written") if "kind" in grades else False,
        to_mark=(grades["status"] == "to mark"))
    grades = grades.assign(auto_points=grades["points"].where(~grades["written"], 0.0),
                           written_points=grades["points"].where(grades["written"], 0.0))
    g = grades.groupby(["student", "file"], sort=True)
    out = pd.DataFrame({
        "points": g["points"].sum(),
        "max_points": g["max_points"].sum(),
        "auto_points": g["auto_points"].sum(),
        "written_points": g["written_points"].sum(),
        "to_mark": g["to_mark"].sum().astype(int),
        "comments": g.apply(_comments, include_groups=False) if len(grades) else pd.Series(dtype=object),
        "correct": g["status"].apply(lambda s: int((s == "correct").sum())),
        "questions": g["question"].count(),
        "status": g["status"].apply(status),
    }).reset_index()
    out["percent"] = (100 * out["points"] / out["max_points"]).round(1)
    return out[["student", "file", "points", "max_points", "percent", "correct", "questions", "status",
                "auto_points", "written_points", "to_mark", "comments"]]


def _comments(rows: pd.DataFrame) -> str:
    """The grader's comments of one submission: ``d1 3/5: text | d2 ...`` (one line)."""
    if "comment" not in rows:
        return ""
    parts = [f"{r.question} {r.points:g}/{r.max_points:g}: " + " ".join(str(r.comment).split())
             for r in rows.itertuples() if isinstance(r.comment, str) and r.comment.strip()]
    return " | ".join(parts)


def question_table(grades: pd.DataFrame) -> pd.DataFrame:
    """Per automatic question: the share of submissions that got it right, hardest first."""
    if "kind" in grades:
        grades = grades[grades["kind"] != "written"]
    g = grades.groupby("question", sort=False)
    out = pd.DataFrame({"right": g["status"].apply(lambda s: float((s == "correct").mean())),
                        "not_run": g["status"].apply(lambda s: int(s.isin(["not run", "invalid"]).sum()))})
    return out.sort_values("right", kind="stable").reset_index()


def histogram_svg(percents: Sequence[float], title: str = "") -> str:
    """An SVG histogram of scores in ten 10-point bins (100 falls in the last)."""
    counts = [0] * 10
    for p in percents:
        counts[min(int(p // 10), 9)] += 1
    w, h, left, bottom, top = 520, 300, 50, 50, 40
    plot_w, plot_h = w - left - 20, h - bottom - top
    peak = max(counts + [1])
    bar = plot_w / 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
             'font-family="Noto Sans CJK SC, Noto Sans SC, sans-serif" font-size="12">',
             f'<rect width="{w}" height="{h}" fill="white"/>',
             f'<text x="{w / 2}" y="22" text-anchor="middle" font-size="14">{html.escape(title)}</text>']
    for i, c in enumerate(counts):
        bh = plot_h * c / peak
        x, y = left + i * bar, top + plot_h - bh
        parts.append(f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{bar - 4:.1f}" height="{bh:.1f}" fill="#1f77b4">'
                     f'<title>{i * 10}–{i * 10 + 10}%: {c}</title></rect>')
        if c:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{c}</text>')
        parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{i * 10}</text>')
    parts.append(f'<text x="{left + plot_w:.1f}" y="{top + plot_h + 16}" text-anchor="middle">100</text>')
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="black"/>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{h - 12}" text-anchor="middle">得分 / score (%)</text>')
    parts.append(f'<text x="14" y="{top + plot_h / 2}" text-anchor="middle" '
                 f'transform="rotate(-90 14 {top + plot_h / 2})">人数 / students</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def written_table(grades: pd.DataFrame) -> pd.DataFrame:
    """Per written question: answers to mark, answers marked, and the mean share of points of the marked."""
    w = grades[grades["kind"] == "written"] if "kind" in grades else grades.iloc[:0]
    g = w.groupby("question", sort=False)
    marked = w[w["status"] == "marked"]
    share = (marked["points"] / marked["max_points"]).groupby(marked["question"]).mean()
    return pd.DataFrame({"to_mark": g["status"].apply(lambda s: int((s == "to mark").sum())),
                         "marked": g["status"].apply(lambda s: int((s == "marked").sum())),
                         "mean_share": share}).reset_index()


def report_markdown(summary: pd.DataFrame, questions: pd.DataFrame, info: dict[str, Any],
                    written: pd.DataFrame | None = None) -> str:
    """The short report: class average, hardest question, per-question success, how it ran."""
    graded = summary[summary["status"] == "graded"]
    hardest = questions.iloc[0] if len(questions) else None
    lines = [f"# 成绩报告 / Grading report: {info.get('case', '')}", "",
             f"- 提交 / submissions: {len(summary)} (运行 / ran: {len(graded)}; "
             f"无法运行 / could not run: {len(summary) - len(graded)})",
             f"- 全班平均 / class average: {summary['percent'].mean():.1f}% "
             f"(中位数 / median {summary['percent'].median():.1f}%)" if len(summary) else "- no submissions",
             ]
    if hardest is not None:
        lines.append(f"- 最难的题 / hardest question: {hardest['question']} "
                     f"({100 * hardest['right']:.0f}% 答对 / right)")
    lines += [f"- 数据变体种子 / data variant seed: {info.get('seed')}",
              f"- 用时 / time: {info.get('seconds')} s with {info.get('jobs')} at a time", "",
              f"![histogram]({HISTOGRAM_FILE})", "",
              "| 题 / question | 答对 / right | 未运行 / not run |", "|---|---|---|"]
    lines += [f"| {r.question} | {100 * r.right:.0f}% | {r.not_run} |" for r in questions.itertuples()]
    if written is not None and len(written):
        lines += ["", "## 书面题 / Written questions", "",
                  "| 题 / question | 待批改 / to mark | 已批改 / marked | 已批改的平均得分率 / mean share of points |",
                  "|---|---|---|---|"]
        lines += [f"| {r.question} | {r.to_mark} | {r.marked} | "
                  + ("–" if pd.isna(r.mean_share) else f"{100 * r.mean_share:.0f}%") + " |" for r in written.itertuples()]
    lines += ["", "## 运行条件 / How submissions ran", "",
              f"- limits: `{json.dumps(info.get('limits', {}))}`",
              f"- isolation (submissions per measure): `{json.dumps(info.get('isolation', {}), ensure_ascii=False)}`"]
    if "checked" in info:
        lines.append(f"- 提交结束后残留的进程 / processes left after their submission ended: "
                     f"{info.get('survivors', 0)} (checked after each of {info['checked']} submissions"
                     + (", and killed" if info.get("survivors") else "") + ")")
    left_out = info.get("left_out") or {}
    lines += ["", "## 每位学生一份 / One notebook per student", "",
              "A student who handed in several notebooks is graded on one: a notebook of this exercise "
              "first, then the one modified last, then the last by name. "
              f"{len(left_out)} file(s) left out" + (":" if left_out else ".")]
    lines += [f"- `{_md(k)}` (graded instead: `{_md(v)}`)" for k, v in sorted(left_out.items())]
    return "\n".join(lines + [""])


def _md(text: str) -> str:
    """A file name as inert Markdown code text."""
    return str(text).replace("`", "'").replace("\n", " ").replace("\r", " ")


def canvas_table(summary: pd.DataFrame, assignment: str, max_points: float) -> pd.DataFrame:
    """Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then the assignment.

    ``ID`` is the Canvas user id from the download's file names; a student without one
    keeps an empty ID (Canvas then skips the row and says so).
    """
    rows = [{"Student": "Points Possible", "ID": "", "SIS User ID": "", "SIS Login ID": "", "Section": "",
             assignment: max_points}]
    for r in summary.itertuples():
        rows.append({"Student": r.name or r.student, "ID": r.lms_id if r.lms == "canvas" else "",
                     "SIS User ID": "", "SIS Login ID": "", "Section": "", assignment: r.points})
    return pd.DataFrame(rows, columns=["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment])


def moodle_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Moodle's grading worksheet (Assignment ▸ Upload grading worksheet): matched on "Participant N".

    "Feedback comments" carries the grader's comments on the written answers, HTML-escaped
    (Moodle shows feedback comments as HTML). Canvas's gradebook import has no comment
    column: there the comments reach students in the feedback files.
    """
    return pd.DataFrame({
        "Identifier": [f"Participant {r.lms_id}" if r.lms == "moodle" else r.student for r in summary.itertuples()],
        "Full name": [r.name or r.student for r in summary.itertuples()],
        "Grade": summary["points"].to_numpy(),
        "Maximum Grade": summary["max_points"].to_numpy(),
        "Feedback comments": [html.escape(f"{r.correct}/{r.questions} 答对 / right; {r.percent:g}%"
                                          + (f"; {r.comments}" if getattr(r, "comments", "") else ""))
                              for r in summary.itertuples()],
    })


def write_gradebook(rows: Sequence[GradeRow], out: Path, info: dict[str, Any],
                    people: dict[str, Any] | None = None) -> list[Path]:
    """Write ``grades.csv``, ``summary.csv``, ``report.md``, ``histogram.svg``, ``canvas.csv``
    and ``moodle.csv`` into ``out``.

    Parameters
    ----------
    people : dict, optional
        Student id -> :class:`crm.grading.submission.Identity` (name and LMS id), for the summary
        and the LMS files.

    Returns
    -------
    list of Path
        The files written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    grades = grades_table(rows)
    summary = summary_table(grades)
    people = people or {}
    summary.insert(1, "name", [getattr(people.get(s), "name", s) for s in summary["student"]])
    summary.insert(2, "lms", [getattr(people.get(s), "lms", "") for s in summary["student"]])
    summary.insert(3, "lms_id", [getattr(people.get(s), "lms_id", "") for s in summary["student"]])
    questions = question_table(grades)
    paths = [out / GRADES_FILE, out / SUMMARY_FILE, out / REPORT_FILE, out / HISTOGRAM_FILE,
             out / CANVAS_FILE, out / MOODLE_FILE]
    safe_table(grades).to_csv(paths[0], index=False, encoding="utf-8-sig", lineterminator="\n")
    safe_table(summary).to_csv(paths[1], index=False, encoding="utf-8-sig", lineterminator="\n")
    paths[2].write_text(report_markdown(summary, questions, info, written_table(grades)), encoding="utf-8")
    title = f"{info.get('case', '')}: {len(summary)} submissions"
    paths[3].write_text(histogram_svg(summary["percent"].tolist(), title), encoding="utf-8")
    max_points = float(info.get("max_points", summary["max_points"].max() if len(summary) else 0))
    safe_table(canvas_table(summary, str(info.get("assignment", "crm")), max_points)).to_csv(
        paths[4], index=False, encoding="utf-8", lineterminator="\n")
    safe_table(moodle_table(summary)).to_csv(paths[5], index=False, encoding="utf-8", lineterminator="\n")
    return paths
