"""crm-grade with written answers, end to end: collected beside the automatic ones on a fresh variant,
honest and hostile; marked; graded again without losing a mark; merged into one gradebook and the
feedback files."""
import html
import json

import nbformat
import pandas as pd
import pytest

from crm.cases import load_case, questions_for, write_case, written_for
from crm.grading.cli import main
from crm.grading.marks import MarkStore
from crm.grading.runner import fill_answers, fill_written
from tests.grading.test_grade_notebooks import EXERCISE, LIMITS, with_lines_before
from tests.solutions.supermarket import ANSWERS

pytestmark = pytest.mark.grading
SEED = 7
HOSTILE = '<script>alert(1)</script>=HYPERLINK("http://x","y")\x00\x1b[2J'
GOOD = "A 类客户太多，门店负担不起；先服务消费最高的 10 位。"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    subs = tmp_path_factory.mktemp("submissions")
    out = tmp_path_factory.mktemp("gradebook")
    nb = fill_answers(nbformat.read(EXERCISE, as_version=4), ANSWERS)
    notebooks = {
        "writer": fill_written(nb, {"d1": repr(GOOD), "d2": 'f"""不亏需要提升 {answer_q6:.4f}；A 类 {answer_q3} 位。"""'}),
        "crasher": with_lines_before(fill_written(nb, {"d1": repr("这段写好了，但上一行出错。")}), "d1", "1 / 0"),
        "hostile": fill_written(nb, {"d1": repr(HOSTILE), "d2": "'很' * 20_000"}),
        "object": fill_written(nb, {"d1": "load_case", "d2": "None"}),
        "blank": nb,
    }
    for name, notebook in notebooks.items():
        nbformat.write(notebook, subs / f"{name}.ipynb")
    assert main([str(subs), "--seed", str(SEED), "--out", str(out), "--jobs", "2", *LIMITS]) == 0
    return subs, out


def written(out):
    return json.loads((out / "written.json").read_text(encoding="utf-8"))


def test_written_answers_are_collected_beside_the_automatic_ones(graded, tmp_path):
    _, out = graded
    record = written(out)["answers"]
    assert record["writer"]["d1"]["text"] == GOOD and record["writer"]["d1"]["source"] == "kernel"
    variant = questions_for("supermarket")(load_case("supermarket", write_case("supermarket", SEED, tmp_path).parent))
    # The f-string ran in the student's confined kernel on the grading variant: its numbers are the variant's.
    assert record["writer"]["d2"]["text"] == (f"不亏需要提升 {variant['q6'].expected():.4f}；"
                                               f"A 类 {variant['q3'].expected()} 位。")
    assert record["crasher"]["d1"] == {"student": "crasher", "question": "d1", "status": "answered",
                                       "text": "这段写好了，但上一行出错。", "source": "cell"}
    assert record["hostile"]["d1"]["text"] == '<script>alert(1)</script>=HYPERLINK("http://x","y")[2J'
    assert record["hostile"]["d2"]["status"] == "too long"
    assert record["object"]["d1"]["status"] == "unreadable" and record["object"]["d2"]["status"] == "unanswered"
    assert record["blank"]["d1"]["status"] == "unanswered"
    grades = pd.read_csv(out / "grades.csv", encoding="utf-8-sig", keep_default_na=False)
    auto = grades[grades["kind"] == "auto"]
    assert (auto[auto["student"] == "writer"]["status"] == "correct").all()
    d = grades[grades["kind"] == "written"].set_index(["student", "question"])["status"]
    assert d[("writer", "d1")] == "to mark" and d[("hostile", "d2")] == "too long" and d[("blank", "d2")] == "unanswered"
    spec = written(out)["questions"]["d1"]
    assert [n["qid"] for n in spec["numbers"]] == ["q3", "q2"] and spec["numbers"][0]["variant"] == (
        f'{int(variant["q3"].expected()):,}')  # (a count, with its thousands separator)


def test_marks_survive_grading_again_and_reach_gradebook_lms_and_feedback(graded):
    subs, out = graded
    with MarkStore(out) as store:
        store.save("writer", "d1", {"numbers", "priority"}, "数字引用得好。")
        store.save("crasher", "d1", {"cost"}, "-注意单元格的错误")
        store.save("hostile", "d1", set(), "<img src=x onerror=alert(1)>")
    assert main([str(subs), "--seed", str(SEED), "--out", str(out), "--jobs", "2", *LIMITS]) == 0  # graded again
    assert main(["--merge", str(out)]) == 0
    grades = pd.read_csv(out / "grades.csv", encoding="utf-8-sig", keep_default_na=False)
    d1 = grades[grades["question"] == "d1"].set_index("student")
    assert d1.loc["writer", "status"] == "marked" and d1.loc["writer", "points"] == 3
    assert d1.loc["crasher", "points"] == 1 and d1.loc["crasher", "comment"] == "'-注意单元格的错误"
    assert d1.loc["hostile", "status"] == "marked" and d1.loc["hostile", "points"] == 0
    summary = pd.read_csv(out / "summary.csv", encoding="utf-8-sig", keep_default_na=False).set_index("student")
    assert summary.loc["writer", "written_points"] == 3 and summary.loc["writer", "to_mark"] == 1
    assert summary.loc["writer", "points"] == summary.loc["writer", "auto_points"] + 3
    # every automatic question's points and every written question's rubric (the supermarket's two)
    auto_max = sum(q.points for q in questions_for("supermarket")({}).values())
    written_max = sum(w.points for w in written_for("supermarket")({}).values())
    assert written_max == 4 + 4 and summary.loc["writer", "max_points"] == auto_max + written_max
    moodle = pd.read_csv(out / "moodle.csv", keep_default_na=False).set_index("Identifier")
    assert "数字引用得好。" in moodle.loc["writer", "Feedback comments"]
    page = (out / "feedback" / "hostile.en.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and html.escape("<img src=x onerror=alert(1)>") in page
    mine = (out / "feedback" / "writer.zh.html").read_text(encoding="utf-8")
    assert GOOD in mine and "数字引用得好。" in mine and "注意单元格的错误" not in mine and "这段写好了" not in mine
