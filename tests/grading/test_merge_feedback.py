"""One gradebook and the feedback files, checked against what was marked; hostile text stays inert."""
import html
import re

import pandas as pd
import pytest

from crm.grading.feedback import feedback_name, student_feedback
from crm.grading.marks import MarkStore, read_marks
from crm.grading.merge import load_round, merge_marks, save_round, write_merged
from tests.grading.written_round import HOSTILE, answers_of, make_round

STUDENTS = {"ann": "Ann Li", "bo": "Bo Wu", "cy": None, "dee": "Dee"}


@pytest.fixture()
def round_(tmp_path):
    folder = tmp_path / "gradebook"
    questions = make_round(folder, tmp_path, STUDENTS, hostile="dee")
    return folder, questions


MARKS = {("ann", "d1"): ({"numbers", "cost"}, "=1+1 很好 <b>"), ("ann", "d2"): ({"data"}, ""),
         ("bo", "d1"): (set(), "请引用 q3 的数字。"), ("dee", "d1"): ({"numbers", "priority"}, "@SUM(1) </pre><script>x</script>"),
         ("cy", "d1"): ({"numbers"}, "cy 没有作答")}  # cy gave no answer: the mark cannot count


def mark_all(folder):
    with MarkStore(folder) as store:
        for (student, qid), (met, comment) in MARKS.items():
            store.save(student, qid, met, comment)


def test_the_merged_gradebook_is_what_was_marked(round_):
    folder, questions = round_
    mark_all(folder)
    write_merged(folder)
    grades = pd.read_csv(folder / "grades.csv", encoding="utf-8-sig", keep_default_na=False)
    rows, *_ = load_round(folder)
    for (student, qid), (met, comment) in MARKS.items():
        got = grades[(grades["student"] == student) & (grades["question"] == qid)].iloc[0]
        if student == "cy":
            assert got["status"] == "unanswered" and got["points"] == 0 and got["comment"] == ""
            continue
        assert got["status"] == "marked" and got["kind"] == "written"
        assert got["points"] == sum(c.points for c in questions[qid].rubric if c.cid in met)
        assert got["comment"] == ("'" + comment if comment and comment[0] in "=+-@" else comment)  # inert in a spreadsheet
        assert set(filter(None, got["met"].split(";"))) == met
    summary = pd.read_csv(folder / "summary.csv", encoding="utf-8-sig", keep_default_na=False).set_index("student")
    auto = {s: sum(r.points for r in rows if r.student == s and r.kind == "auto") for s in STUDENTS}
    written = {s: sum(questions[q].points_for(m) for (s_, q), (m, _) in MARKS.items() if s_ == s and s != "cy")
               for s in STUDENTS}
    for s in STUDENTS:
        assert summary.loc[s, "auto_points"] == auto[s] and summary.loc[s, "written_points"] == written[s]
        assert summary.loc[s, "points"] == auto[s] + written[s]
    assert summary.loc["ann", "to_mark"] == 0 and summary.loc["bo", "to_mark"] == 1 and summary.loc["cy", "to_mark"] == 0
    canvas = pd.read_csv(folder / "canvas.csv", keep_default_na=False)
    assert float(canvas.loc[canvas["Student"] == "Ann Li", "crm-supermarket"].iloc[0]) == auto["ann"] + written["ann"]
    moodle = pd.read_csv(folder / "moodle.csv", keep_default_na=False).set_index("Identifier")
    assert "请引用 q3 的数字。" in moodle.loc["bo", "Feedback comments"]
    assert "<script>" not in moodle.loc["dee", "Feedback comments"]
    assert "&lt;script&gt;" in moodle.loc["dee", "Feedback comments"]


def test_no_cell_of_a_merged_file_starts_like_a_formula(round_):
    folder, _ = round_
    mark_all(folder)
    for path in write_merged(folder):
        if path.suffix == ".csv":
            cells = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False, header=None)
            assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells.to_numpy().ravel()), path


def test_re_grading_keeps_every_mark(round_, tmp_path):
    """A second crm-grade round rewrites rows.json and written.json; marks.sqlite is never written by it."""
    folder, questions = round_
    mark_all(folder)
    before = (folder / "marks.sqlite").read_bytes()
    rows, written, info, people = load_round(folder)
    make_round(folder, tmp_path / "again", STUDENTS, hostile="dee")  # the automatic grading, re-run
    assert read_marks(folder).keys() == MARKS.keys() and (folder / "marks.sqlite").read_bytes() == before
    write_merged(folder)
    grades = pd.read_csv(folder / "grades.csv", encoding="utf-8-sig", keep_default_na=False)
    assert (grades["status"] == "marked").sum() == len(MARKS) - 1


def test_a_mark_counts_only_the_rubric_lines(round_):
    folder, questions = round_
    with MarkStore(folder) as store:
        store.save("ann", "d1", {"numbers", "not-a-line", "cost"}, "")
    rows, *_ = load_round(folder)
    merged = {(r.student, r.question): r for r in merge_marks(rows, questions, read_marks(folder))}
    assert merged[("ann", "d1")].points == 3 and merged[("ann", "d1")].met == "cost;numbers"


def test_each_feedback_file_holds_its_student_only(round_):
    folder, questions = round_
    mark_all(folder)
    write_merged(folder)
    files = sorted((folder / "feedback").glob("*.html"))
    assert len(files) == 2 * len(STUDENTS)
    for student in STUDENTS:
        for lang in ("zh", "en"):
            page = (folder / "feedback" / f"{feedback_name(student)}.{lang}.html").read_text(encoding="utf-8")
            others = [s for s in STUDENTS if s != student]
            for other in others:  # no answer, comment, automatic feedback or id of anyone else
                assert f"marker-{other}" not in page and f"{other} auto" not in page and f"{other} 自动" not in page
                assert f'class="student">{other}<' not in page
                for (s, _q), (_m, comment) in MARKS.items():
                    if s == other and comment:
                        assert html.escape(comment) not in page
            if STUDENTS[student] is not None and student != "dee":
                assert f"marker-{student}-one" in page
            assert f'class="student">{student}<' in page


def test_feedback_shows_points_rubric_lines_and_comment_as_marked(round_):
    folder, questions = round_
    mark_all(folder)
    write_merged(folder)
    page = (folder / "feedback" / "ann.en.html").read_text(encoding="utf-8")
    met, comment = MARKS[("ann", "d1")]
    d1 = page.split('id="d1"')[1].split("</section>")[0]
    assert f"{questions['d1'].points_for(met):g} / {questions['d1'].points:g}" in d1
    for c in questions["d1"].rubric:
        line = f"({c.points:g}): {html.escape(c.en)}"
        assert (f"✔ met {line}" in d1) == (c.cid in met) and (f"✘ missed {line}" in d1) == (c.cid not in met)
    assert html.escape(comment) in d1
    q1 = page.split('id="q1"')[1].split("</section>")[0]
    assert "What was checked" in q1 and "seed 7" in q1 and "answer_q1" in q1 and "within 0.1%" in q1
    zh = (folder / "feedback" / "ann.zh.html").read_text(encoding="utf-8")
    assert "检查了什么" in zh and "老师的评语" in zh and 'lang="zh-CN"' in zh
    bo = (folder / "feedback" / "bo.en.html").read_text(encoding="utf-8")
    assert "not marked yet" not in bo.split('id="d1"')[1].split("</section>")[0]
    assert "waiting to be marked" in bo.split('id="d2"')[1].split("</section>")[0]


def test_hostile_answers_and_comments_are_inert_in_feedback(round_):
    folder, _ = round_
    mark_all(folder)
    write_merged(folder)
    page = (folder / "feedback" / "dee.en.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and "</pre></section><h1>fake" not in page
    assert html.escape(HOSTILE) in page
    assert "script-src" not in page and "default-src 'none'" in page  # the page may run no script at all
    assert page.count("<section") == page.count("</section>")


@pytest.mark.parametrize("student", ["../../etc/passwd", "a/b", ".hidden", "名字", "x" * 300, "<b>", "CON"])
def test_feedback_file_names_stay_in_the_folder(student):
    name = feedback_name(student)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", name) and len(name) <= 80 and not name.startswith(".")
    assert feedback_name(student) != feedback_name(student + "_") or student.endswith("_")


def test_feedback_refuses_another_students_rows(round_):
    folder, _ = round_
    rows, written, info, _ = load_round(folder)
    with pytest.raises(ValueError):
        student_feedback("ann", rows, {}, written["questions"], {}, info, "en")


def test_the_report_ranks_automatic_questions_and_counts_the_written(round_):
    folder, _ = round_
    mark_all(folder)
    write_merged(folder)
    report = (folder / "report.md").read_text(encoding="utf-8")
    assert "hardest question: q" in report
    # d1: ann, bo, dee marked (cy gave no answer); d2: ann marked, bo and dee to mark.
    assert "| d1 | 0 | 3 |" in report and "| d2 | 2 | 1 |" in report
