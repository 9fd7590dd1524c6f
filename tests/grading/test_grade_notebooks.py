"""``crm-grade`` on a class of submissions, honest, careless and hostile, in one run.

Each submission below is a real notebook: the student version of the exercise with
answers filled in, plus whatever that student did wrong. The grader runs them all on
a fresh data variant (seed 7) with tight limits, and the gradebook must give each
exactly what it earned, with a reason, while every other row stays intact.
"""
from pathlib import Path
from xml.etree import ElementTree

import nbformat
import pandas as pd
import pytest

from crm.grading.runner import fill_answers
from crm.grading.cli import main
from crm.cases import load_case, questions_for, written_for
from tests.solutions.supermarket import ANSWERS, WRONG

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "exercises" / "supermarket.ipynb"
pytestmark = pytest.mark.grading
SEED = 7
LIMITS = ["--cell-timeout", "6", "--notebook-timeout", "45", "--memory", "1G"]


def with_cell_before(nb, qid, source):
    """A copy of ``nb`` with a code cell inserted just before the cell assigning answer_<qid>."""
    out = nbformat.from_dict(nb)
    i = next(i for i, c in enumerate(out.cells) if f"answer_{qid} =" in c.source)
    out.cells.insert(i, nbformat.v4.new_code_cell(source))
    return out


def with_lines_before(nb, qid, source):
    """A copy of ``nb`` whose cell assigning answer_<qid> starts with ``source``."""
    out = nbformat.from_dict(nb)
    cell = next(c for c in out.cells if f"answer_{qid} =" in c.source)
    cell.source = source + "\n" + cell.source
    return out


def literal_answers(tables):
    """The right answers on the *default* data, typed in as numbers (what a copier submits)."""
    expected = {qid: q.expected() for qid, q in questions_for("supermarket")(tables).items()}
    return {qid: repr(sorted(v) if isinstance(v, set) else v) for qid, v in expected.items()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory, supermarket):
    subs = tmp_path_factory.mktemp("submissions")
    out = tmp_path_factory.mktemp("gradebook")
    nb = nbformat.read(EXERCISE, as_version=4)
    good = fill_answers(nb, ANSWERS)
    hostile_paths = f"subs, out = {str(subs)!r}, {str(out)!r}\n"
    notebooks = {
        "good": good,
        "wrong": fill_answers(nb, WRONG),
        "blank": nb,
        "copier": fill_answers(nb, literal_answers(supermarket)),
        "looper": with_lines_before(good, "q3", "while True:\n    pass"),
        "stubborn": with_cell_before(good, "q1", (
            "import time\nwhile True:\n    try:\n        time.sleep(0.5)\n    except KeyboardInterrupt:\n        pass")),
        "raiser": with_lines_before(good, "q2", "1 / 0"),
        "flooder": with_cell_before(good, "q1", "for i in range(60_000):\n    print('x' * 100)"),
        "hog": fill_answers(nb, {**ANSWERS, "q5": "len(bytearray(3 * 2**30))"}),
        "deleter": with_cell_before(good, "q1", hostile_paths + (
            "import glob, os, shutil\n"
            "for path in glob.glob(subs + '/*') + glob.glob(out + '/*') + ['..', os.path.expanduser('~') + '/..']:\n"
            "    shutil.rmtree(path, ignore_errors=True)\n"
            "    try:\n        os.remove(path)\n    except OSError:\n        pass\n"
            "shutil.rmtree('data', ignore_errors=True)  # its own copy: allowed, and tables are loaded already")),
        "reader": fill_answers(with_cell_before(good, "q1", hostile_paths), {
            "q1": 'q["q1"].expected()',
            "q2": f"float(open({str(ROOT / 'tests' / 'solutions' / 'supermarket.py')!r}).read()[:3])",
            "q3": "len(open(subs + '/good.ipynb').read())",
            "q8": "sorted(os.listdir('..'))",  # the folder holding every submission's own folder
        }),
    }
    notebooks["reader"].cells.insert(1, nbformat.v4.new_code_cell("import os"))
    for name, notebook in notebooks.items():
        nbformat.write(notebook, subs / f"{name}.ipynb")
    other = nbformat.from_dict(good)
    other.metadata["crm_casebook"] = {"case": "fuel", "kind": "exercise"}
    nbformat.write(other, subs / "othercase.ipynb")
    (subs / "empty.ipynb").write_bytes(b"")
    (subs / "broken.ipynb").write_text((subs / "good.ipynb").read_text()[:500])
    before = {p.name: p.read_bytes() for p in subs.iterdir()}

    assert main([str(subs), "--seed", str(SEED), "--out", str(out), *LIMITS]) == 0
    book = pd.read_csv(out / "grades.csv", encoding="utf-8-sig")
    summary = pd.read_csv(out / "summary.csv", encoding="utf-8-sig").set_index("student")
    # The automatic rows here; the written ones (none answered in this class) in their own test.
    return {"subs": subs, "out": out, "before": before, "grades": book[book["kind"] == "auto"],
            "written": book[book["kind"] == "written"], "summary": summary,
            "students": sorted(p.stem for p in subs.iterdir())}


def rows(graded, student):
    return graded["grades"][graded["grades"]["student"] == student].set_index("question")


def test_every_submission_has_a_row_per_question(graded, supermarket):
    qids = list(questions_for("supermarket")(supermarket))
    g = graded["grades"]
    assert sorted(g["student"].unique()) == graded["students"]
    assert len(g) == len(graded["students"]) * len(qids)
    assert (g.groupby("student")["question"].apply(list) == pd.Series({s: qids for s in graded["students"]})).all()
    assert g["feedback_zh"].str.len().gt(0).all() and g["feedback_en"].str.len().gt(0).all()


def full_automatic_marks(graded, student):
    """All the automatic points; the written questions (not answered in this class) add nothing."""
    s = graded["summary"].loc[student]
    auto = len(questions_for("supermarket")({}))
    return (s["auto_points"] == auto and s["written_points"] == 0 and s["to_mark"] == 0
            and s["percent"] == round(100 * auto / s["max_points"], 1))


def test_every_submission_has_its_written_rows_with_a_reason(graded):
    written = list(written_for("supermarket")({}))
    w = graded["written"]
    assert (w.groupby("student")["question"].apply(list) == pd.Series({s: written for s in graded["students"]})).all()
    assert (w["points"] == 0).all() and w["feedback_en"].str.len().gt(0).all()
    by = w.set_index(["student", "question"])
    for student in graded["students"]:
        status = by.loc[(student, written[0]), "status"]
        if student in ("empty", "broken", "othercase"):
            assert status == "invalid"
        elif student == "stubborn":
            assert status == "not run" and "would not stop" in by.loc[(student, written[0]), "feedback_en"]
        else:
            assert status == "unanswered", student


def test_right_answers_get_full_marks_on_the_variant(graded):
    assert full_automatic_marks(graded, "good")
    assert (rows(graded, "good")["status"] == "correct").all()


def test_numbers_copied_from_the_students_own_data_fail_on_the_variant(graded):
    r = rows(graded, "copier")
    assert (r["status"] == "wrong").all() and r["points"].sum() == 0
    assert r["feedback_en"].str.contains("Not yet").all()


def test_wrong_and_blank_answers_score_zero_with_a_reason(graded):
    assert (rows(graded, "wrong")["status"] == "wrong").all()
    blank = rows(graded, "blank")
    assert (blank["status"] == "unanswered").all() and blank["feedback_en"].str.contains("Not answered").all()


def test_an_infinite_loop_costs_only_its_own_answer(graded):
    r = rows(graded, "looper")
    assert r.loc["q3", "status"] == "not run" and "limit" in r.loc["q3", "feedback_en"]
    assert (r.drop(index="q3")["status"] == "correct").all()


def test_an_uninterruptible_loop_is_stopped_and_explained(graded):
    r = rows(graded, "stubborn")
    assert r["points"].sum() == 0
    assert r["feedback_en"].str.contains("would not stop").all()
    assert full_automatic_marks(graded, "good")


def test_an_exception_costs_only_the_answer_it_stopped(graded):
    r = rows(graded, "raiser")
    assert r.loc["q2", "status"] == "not run" and "ZeroDivisionError" in r.loc["q2", "feedback_en"]
    assert (r.drop(index="q2")["status"] == "correct").all()


def test_a_flood_of_output_is_cut_and_costs_nothing(graded):
    assert (rows(graded, "flooder")["status"] == "correct").all()


def test_running_out_of_memory_costs_only_that_answer(graded):
    r = rows(graded, "hog")
    assert r.loc["q5", "status"] == "not run" and "MemoryError" in r.loc["q5", "feedback_en"]
    assert (r.drop(index="q5")["status"] == "correct").all()


def test_a_deleting_cell_harms_nothing_but_its_own_folder(graded):
    assert {p.name: p.read_bytes() for p in graded["subs"].iterdir()} == graded["before"]
    assert (rows(graded, "deleter")["status"] == "correct").all()  # it loaded its tables first
    assert (graded["out"] / "grades.csv").exists()


def test_the_answer_key_solutions_and_other_submissions_are_out_of_reach(graded):
    r = rows(graded, "reader")
    assert r.loc["q1", "status"] == "not run" and "AnswerKeyHidden" in r.loc["q1", "feedback_en"]
    assert r.loc["q2", "status"] == "not run" and "FileNotFoundError" in r.loc["q2", "feedback_en"]
    # Another student's notebook: not there at all, or behind a folder it may not enter.
    assert r.loc["q3", "status"] == "not run"
    assert "FileNotFoundError" in r.loc["q3", "feedback_en"] or "PermissionError" in r.loc["q3", "feedback_en"]
    assert r.loc["q8", "status"] == "wrong"  # it saw only its own folder
    assert (r.drop(index=["q1", "q2", "q3", "q8"])["status"] == "correct").all()


@pytest.mark.parametrize("student, reason", [
    ("empty", "empty"), ("broken", "not a valid Jupyter notebook"), ("othercase", "'fuel' case")])
def test_unrunnable_files_get_zero_and_say_why(graded, student, reason):
    r = rows(graded, student)
    assert (r["status"] == "invalid").all() and r["points"].sum() == 0
    assert r["feedback_en"].str.contains(reason, regex=False).all()
    assert graded["summary"].loc[student, "status"] == "invalid"


def test_report_and_histogram(graded):
    report = (graded["out"] / "report.md").read_text(encoding="utf-8")
    summary = graded["summary"]
    assert f"{summary['percent'].mean():.1f}%" in report
    hardest = graded["grades"].assign(right=graded["grades"]["status"] == "correct") \
        .groupby("question", sort=False)["right"].mean().idxmin()
    assert f"hardest question: {hardest} " in report
    assert f"seed: {SEED}" in report
    for measure in ("allow-listed file system view", "own network (loopback only)", "own process namespace",
                    "own user id"):
        assert f'"{measure}": {len(summary) - 3}' in report  # every submission that ran (3 could not)
    assert "processes left after their submission ended: 0 (checked after each of" in report
    svg = ElementTree.parse(graded["out"] / "histogram.svg").getroot()
    bars = [e for e in svg.iter("{http://www.w3.org/2000/svg}rect") if e.find("{http://www.w3.org/2000/svg}title") is not None]
    counts = [int(b.find("{http://www.w3.org/2000/svg}title").text.split(": ")[1]) for b in bars]
    assert len(bars) == 10 and sum(counts) == len(summary)
