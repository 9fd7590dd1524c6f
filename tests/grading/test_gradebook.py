"""Gradebook files: rows, summary per student, hardest question, histogram, report."""
from xml.etree import ElementTree

import pandas as pd
import pytest

from crm.core.exercise import NumberQuestion, Text
from crm.grading.results import GradeRow, Run, grade_rows
from crm.grading.gradebook import histogram_svg, question_table, summary_table, write_gradebook
from crm.grading.sandbox import Limits

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
    assert [p.name for p in paths] == ["grades.csv", "summary.csv", "report.md", "histogram.svg", "canvas.csv",
                                       "moodle.csv"]
    assert paths[0].read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens the Chinese feedback as UTF-8
    assert len(pd.read_csv(paths[0], encoding="utf-8-sig")) == len(ROWS)
    report = paths[2].read_text(encoding="utf-8")
    assert "class average: 50.0%" in report and "hardest question: q2 (33% " in report


class Half(NumberQuestion):
    qid = "q1"
    case = "_half"
    hint_text = Text("提示", "hint")


def test_rows_say_why_an_answer_is_missing(monkeypatch):
    import sys
    import types

    from crm.answer_key import KEY_PACKAGE, Answer

    key = types.ModuleType(f"{KEY_PACKAGE}._half")
    key.ANSWERS = {"q1": Answer(lambda tables: 0.5, Text("", ""))}
    monkeypatch.setitem(sys.modules, key.__name__, key)
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


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_no_cell_of_any_gradebook_file_starts_like_a_formula(tmp_path, start):
    from crm.grading.submission import Identity

    evil = f"{start}HYPERLINK(\"http://x\",\"y\")"
    rows = [GradeRow(evil, f"{evil}.ipynb", "q1", 1.0, 1.0, "correct", evil, evil)]
    people = {evil: Identity(evil, evil, "canvas", "1")}
    paths = write_gradebook(rows, tmp_path, {"case": "supermarket", "assignment": evil}, people)
    for path in paths:
        if path.suffix == ".csv":
            table = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False, header=None)
            cells = [c for c in table.to_numpy().ravel() if c]
            assert cells and not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), path.name
            assert any(c == "'" + evil for c in cells)  # kept, made inert


def test_lms_files_import_as_canvas_and_moodle_expect(tmp_path):
    from crm.grading.submission import Identity

    rows = [row("canvas-12345", "q1", 1), row("canvas-12345", "q2", 0, "wrong"), row("moodle-4711", "q1", 1),
            row("moodle-4711", "q2", 1), row("dora", "q1", 0, "invalid"), row("dora", "q2", 0, "invalid")]
    people = {"canvas-12345": Identity("canvas-12345", "smithjohn", "canvas", "12345"),
              "moodle-4711": Identity("moodle-4711", "Li Lei", "moodle", "4711")}
    write_gradebook(rows, tmp_path, {"case": "supermarket", "assignment": "Ex 1 (99)", "max_points": 2}, people)
    canvas = pd.read_csv(tmp_path / "canvas.csv", dtype=str, keep_default_na=False)
    assert list(canvas.columns) == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Ex 1 (99)"]
    assert canvas.iloc[0]["Student"] == "Points Possible" and float(canvas.iloc[0]["Ex 1 (99)"]) == 2
    john = canvas[canvas["ID"] == "12345"].iloc[0]
    assert john["Student"] == "smithjohn" and float(john["Ex 1 (99)"]) == 1
    moodle = pd.read_csv(tmp_path / "moodle.csv", dtype=str, keep_default_na=False).set_index("Identifier")
    assert list(moodle.columns) == ["Full name", "Grade", "Maximum Grade", "Feedback comments"]
    assert float(moodle.loc["Participant 4711", "Grade"]) == 2 and moodle.loc["Participant 4711", "Full name"] == "Li Lei"
    summary = pd.read_csv(tmp_path / "summary.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert summary["student"].is_unique and set(summary["lms"]) == {"canvas", "moodle", ""}
