"""A grading round kept on disk without running any kernel: automatic rows, written answers, people.

Shared by the merge, feedback, marking-app and browser tests: the supermarket exercise's real
written questions (rubrics and numbers computed on the case data and on a variant), a class
of students with distinct answers (some hostile), rows as ``crm-grade`` writes them.
"""
from __future__ import annotations

import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from crm.cases import load_case, questions_for, write_case, written_for
from crm.grading.merge import question_spec, save_round, written_rows
from crm.grading.results import GradeRow
from crm.grading.submission import Identity
from crm.grading.written import WrittenAnswer, clean_text

CASE, SEED = "supermarket", 7
HOSTILE = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
           '=HYPERLINK("http://evil.example","click") </pre></section><h1>fake</h1>')


def answers_of(student: str) -> dict[str, str]:
    """Each student's own answers: text nobody else wrote (the marker string is the student's)."""
    return {"d1": f"{student}-d1: A 类客户有很多，门店负担不起一对一服务；先服务消费最高的 10 位。marker-{student}-one",
            "d2": f"{student}-d2: 没有对照组，不能证明会员日提高忠诚度。marker-{student}-two"}


@lru_cache(maxsize=1)
def _written() -> tuple[dict, dict]:
    """The written questions on the grading variant and their specs (computed once per test run)."""
    where = Path(tempfile.mkdtemp(prefix="crm-written-round-"))
    try:
        variant = load_case(CASE, write_case(CASE, SEED, where / "variant").parent)
    finally:
        shutil.rmtree(where, ignore_errors=True)
    build = written_for(CASE)
    questions, on_students = build(variant), build(load_case(CASE))
    return questions, {qid: question_spec(q, on_students[qid].numbers(), q.numbers()) for qid, q in questions.items()}


def make_round(out: Path, tmp: Path, students: dict[str, str | None], hostile: str | None = None) -> dict:
    """Write a round for ``students`` (id -> name; None means the student answered nothing) into ``out``.

    ``hostile`` names a student whose d1 answer is :data:`HOSTILE`. Returns the written questions.
    """
    questions, specs = _written()
    auto = questions_for(CASE)({})
    rows, written, people = [], {}, {}
    for i, (student, name) in enumerate(sorted(students.items())):
        file = f"{student}.ipynb"
        for j, (qid, q) in enumerate(auto.items()):
            right = (i + j) % 2 == 0
            rows.append(GradeRow(student, file, qid, q.points if right else 0.0, q.points,
                                 "correct" if right else "wrong", f"{student} 自动 {qid}", f"{student} auto {qid}"))
        texts = answers_of(student) if name is not None else {}
        if student == hostile:
            texts["d1"] = HOSTILE
        written[student] = {qid: (WrittenAnswer(student, qid, "answered", clean_text(texts[qid]), "kernel")
                                  if qid in texts else WrittenAnswer(student, qid, "unanswered"))
                            for qid in questions}
        rows += written_rows(student, file, questions, written[student])
        people[student] = Identity(student, name or student)
    info = {"case": CASE, "seed": SEED, "submissions": len(students), "jobs": 1, "seconds": 1.0,
            "assignment": "crm-supermarket", "max_points": sum(q.points for q in [*auto.values(), *questions.values()])}
    save_round(out, rows, written, specs, info, people)
    return questions
