"""One gradebook: the automatic rows and the manual marks merged, per student and question.

``crm-grade`` keeps what a grading round found beside the gradebook: ``rows.json`` (every
row, the written answers as ``to mark``), ``written.json`` (the written questions with their
rubrics and numbers, and every collected answer) and ``round.json`` (the run's facts and
who handed what in). The marking app adds ``marks.sqlite`` (:mod:`crm.grading.marks`).
:func:`write_merged` reads all four and writes the gradebook files and the feedback files;
``crm-grade --merge FOLDER`` runs it after marking, and every ``crm-grade`` run ends with it,
so re-running the automatic grading keeps every mark (it never writes ``marks.sqlite``).
"""
from __future__ import annotations

import hashlib
import json
import numbers
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, Mapping, Sequence

from crm.core.exercise import Text
from crm.core.written import WrittenQuestion
from crm.grading.marks import Mark, read_marks
from crm.grading.results import GradeRow
from crm.grading.written import WrittenAnswer

ROWS_FILE, WRITTEN_FILE, ROUND_FILE = "rows.json", "written.json", "round.json"

_STATUS_TEXT = {
    "to mark": Text("书面答案已收到，等待老师批改。", "Written answer received; waiting to be marked."),
    "unanswered": Text("没有书面答案。", "No written answer."),
    "too long": Text("书面答案超过 10,000 个字符，无法批改。", "The written answer is longer than 10,000 characters and "
                     "cannot be marked."),
    "unreadable": Text("answer 变量不是文字，无法批改。", "The answer variable is not text and cannot be marked."),
}


def written_rows(student: str, file: str, questions: Mapping[str, WrittenQuestion],
                 collected: Mapping[str, WrittenAnswer], problem: Text | None = None,
                 problem_status: str = "invalid") -> list[GradeRow]:
    """The gradebook rows of one submission's written answers, before marking (0 points each).

    ``problem`` (why the submission could not be run, or why its run gave nothing) is the
    reason of every written answer not collected anyway, with ``problem_status``.
    """
    rows = []
    for qid, q in questions.items():
        answer = collected.get(qid)
        if problem is not None and (answer is None or answer.status != "answered"):
            status, text = problem_status, problem
        else:
            status = "to mark" if answer is not None and answer.status == "answered" else (
                answer.status if answer is not None else "unanswered")
            text = _STATUS_TEXT[status]
        rows.append(GradeRow(student, file, qid, 0.0, q.points, status, text.zh, text.en, kind="written"))
    return rows


def merge_marks(rows: Sequence[GradeRow], questions: Mapping[str, WrittenQuestion],
                marks: Mapping[tuple[str, str], Mark]) -> list[GradeRow]:
    """``rows`` with each marked written answer's points, rubric lines and comment.

    A mark counts only for an answer that is there to mark (``to mark``); its points are the
    sum of the ticked lines of the question's rubric, whatever else the mark holds.
    """
    out = []
    for r in rows:
        mark = marks.get((r.student, r.question))
        if r.kind == "written" and r.status == "to mark" and mark is not None and r.question in questions:
            q = questions[r.question]
            met = sorted(c.cid for c in q.rubric if c.cid in mark.met)
            r = replace(r, points=q.points_for(met), status="marked", comment=mark.comment, met=";".join(met),
                        feedback_zh=f"已批改：满足 {len(met)}/{len(q.rubric)} 条评分标准。",
                        feedback_en=f"Marked: {len(met)} of {len(q.rubric)} rubric lines met.")
        out.append(r)
    return out


def anonymous_numbers(students: Sequence[str], seed: int) -> dict[str, int]:
    """A paper number per student (1, 2, ...) in an order that tells nothing of names or files."""
    order = sorted(students, key=lambda s: hashlib.sha256(f"{seed}:{s}".encode()).hexdigest())
    return {s: i + 1 for i, s in enumerate(order)}


def _shown(value: Any) -> str:
    """A number as a reader reads it (thousands separators, four significant digits), a set as a list."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return f"{float(value):,.4g}"
    if isinstance(value, (set, frozenset, list, tuple)):
        items = sorted(map(str, value))
        return ", ".join(items[:12]) + (f", … ({len(items)})" if len(items) > 12 else "")
    return str(value)


def question_spec(q: WrittenQuestion, on_students: Mapping[str, Any], on_variant: Mapping[str, Any]) -> dict:
    """What the marking app and the feedback need of a written question, as JSON."""
    return {"prompt": asdict(q.prompt), "points": q.points,
            "rubric": [asdict(c) for c in q.rubric],
            "numbers": [{"qid": qid, "zh": label.zh, "en": label.en, "students": _shown(on_students.get(qid, "")),
                         "variant": _shown(on_variant.get(qid, ""))} for qid, label in q.uses.items()]}


def save_round(out: Path, rows: Sequence[GradeRow], written: Mapping[str, Mapping[str, WrittenAnswer]],
               specs: Mapping[str, dict], info: dict[str, Any], people: Mapping[str, Any]) -> None:
    """Keep what a grading round found (``rows.json``, ``written.json``, ``round.json``) in ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    students = sorted({r.student for r in rows})
    (out / ROWS_FILE).write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False), encoding="utf-8")
    (out / WRITTEN_FILE).write_text(json.dumps({
        "case": info.get("case"), "seed": info.get("seed"), "questions": dict(specs),
        "papers": anonymous_numbers(students, int(info.get("seed") or 0)),
        "answers": {s: {qid: a.to_json() for qid, a in by_q.items()} for s, by_q in written.items()},
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / ROUND_FILE).write_text(json.dumps({
        "info": info, "people": {s: asdict(p) for s, p in people.items()}}, ensure_ascii=False, default=str),
        encoding="utf-8")


def load_round(out: Path) -> tuple[list[GradeRow], dict, dict[str, Any], dict[str, Any]]:
    """``rows``, the written record, ``info`` and ``people`` of the round kept in ``out``."""
    from crm.grading.submission import Identity

    out = Path(out)
    rows = [GradeRow(**r) for r in json.loads((out / ROWS_FILE).read_text(encoding="utf-8"))]
    written = json.loads((out / WRITTEN_FILE).read_text(encoding="utf-8"))
    kept = json.loads((out / ROUND_FILE).read_text(encoding="utf-8"))
    people = {s: Identity(**p) for s, p in kept["people"].items()}
    return rows, written, kept["info"], people


def write_merged(out: Path) -> list[Path]:
    """Merge the round kept in ``out`` with its marks; write the gradebook and one feedback file per student and
    language. Returns the files written."""
    from crm.cases import written_for
    from crm.grading.feedback import write_feedback
    from crm.grading.gradebook import write_gradebook

    rows, written, info, people = load_round(out)
    build = written_for(str(info["case"]))
    questions = build({}) if build is not None else {}
    merged = merge_marks(rows, questions, read_marks(out))
    paths = write_gradebook(merged, out, info, people)
    paths += write_feedback(merged, written, info, Path(out))
    return paths
