"""Gradebook files: rows, summary per student, hardest question, histogram, report."""
from xml.etree import ElementTree

import pandas as pd
import pytest

from crm.exercise import NumberQuestion, Text
from crm.grade import GradeRow, Run, grade_rows
from crm.gradebook import histogram_svg, question_table, summary_table, write_gradebook
from crm.sandbox import Limits

SVG = "{http://www.w3.org/2000/svg}"


def row(student, q, points, status="correct"):
    return GradeRow(student, f"{student}.ipynb", q, points, 1.0, status, "zh", "en")


ROWS = [row("ann", "q1", 1), row("ann", "q2", 1), row("bo", "q1", 1), row("bo", "q2", 0, "wrong"),
        row("cy", "q1", 0, "invalid"), row("cy", "q2", 0, "invalid")]


def test_summary_per_student():
    s = summary_table(pd.DataFrame([vars(r) for r in ROWS])).set_index("student")
    assert s.loc["ann", "percent"] == 100 and s.loc["bo", "percent"] == 50 and s.loc["cy", "percent"] == 0
    assert list(s["status"]) == ["graded", "graded", "invalid"] and list(s["correct"]) == [2, 1, 0]


def test_hardest_question_first():
    q = question_table(pd.DataFrame([vars(r) for r in ROWS]))
    assert list(q["question"]) == ["q2", "q1"] and q["right"].tolist() == pytest.approx([1 / 3, 2 / 3])


@pytest.mark.parametrize("scores", [[0, 100, 100, 55.5, 9.99], [], [100] * 7])
def test_histogram_counts_every_score_once(scores):
    svg = ElementTree.fromstring(histogram_svg(scores, "t"))
    titles = [r.find(f"{SVG}title").text for r in svg.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    counts = [int(t.split(": ")[1]) for t in titles]
    assert len(counts) == 10 and sum(counts) == len(scores)
    if scores == [0, 100, 100, 55.5, 9.99]:
        assert counts[0] == 2 and counts[5] == 1 and counts[9] == 2


def test_write_gradebook_files(tmp_path):
    paths = write_gradebook(ROWS, tmp_path / "out", {"case": "supermarket", "seed": 3, "seconds": 1.0, "jobs": 2})
    assert [p.name for p in paths] == ["grades.csv", "summary.csv", "report.md", "histogram.svg"]
    assert paths[0].read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens the Chinese feedback as UTF-8
    assert len(pd.read_csv(paths[0], encoding="utf-8-sig")) == len(ROWS)
    report = paths[2].read_text(encoding="utf-8")
    assert "class average: 50.0%" in report and "hardest question: q2 (33% " in report


class Half(NumberQuestion):
    qid = "q1"
    hint_text = Text("提示", "hint")

    def expected(self):
        return 0.5


def test_rows_say_why_an_answer_is_missing():
    qs = {"q1": Half({})}
    nb = __import__("nbformat").v4.new_notebook(cells=[
        __import__("nbformat").v4.new_code_cell("answer_q1 = f()"), __import__("nbformat").v4.new_code_cell("")])
    nb.cells[1].outputs = [__import__("nbformat").v4.new_output(
        "display_data", data={"application/vnd.crm-casebook.answers+json": {}})]
    for outcome, words in [("timeout", "limit"), ("skipped", "used up"), ("error: NameError: f", "NameError")]:
        rows = grade_rows("s", "s.ipynb", qs, Run(cells=[outcome], executed=nb), None, nb, Limits())
        assert rows[0].status == "not run" and words in rows[0].feedback_en
    nb.cells[1].outputs[0]["data"]["application/vnd.crm-casebook.answers+json"] = {"q1": 0.5}
    assert grade_rows("s", "s.ipynb", qs, Run(cells=["ok"], executed=nb), None, nb, Limits())[0].status == "correct"
    invalid = grade_rows("s", "s.ipynb", qs, None, Text("空", "empty"), None, Limits())
    assert invalid[0].status == "invalid" and invalid[0].feedback_en == "empty"
