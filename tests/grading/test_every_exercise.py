"""crm-grade grades every case's exercise with no case-specific code: right answers pass, wrong and copied fail.

Cases are discovered (``crm.cases.CASES``, with their model answers in ``tests/solutions/<case>.py``); the
grader tells the case from each notebook's metadata and regenerates it from its own seed.
"""
from importlib import import_module
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from crm.cases import CASES, load_case, questions_for, written_for
from crm.grading.cli import main
from crm.grading.runner import fill_answers

ROOT = Path(__file__).resolve().parents[2]
SEED = 4711
LIMITS = ["--cell-timeout", "60", "--notebook-timeout", "240", "--memory", "2G"]
pytestmark = pytest.mark.grading


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_grader_grades_the_exercise_on_its_own_variant(case, tmp_path):
    solutions = import_module(f"tests.solutions.{case}")
    nb = nbformat.read(ROOT / "exercises" / f"{case}.ipynb", as_version=4)
    expected = {qid: q.expected() for qid, q in questions_for(case)(load_case(case)).items()}
    copied = {qid: repr(sorted(v) if isinstance(v, set) else v) for qid, v in expected.items()}
    subs, out = tmp_path / "subs", tmp_path / "out"
    subs.mkdir()
    for name, answers in (("good", solutions.ANSWERS), ("wrong", solutions.WRONG), ("copier", copied)):
        nbformat.write(fill_answers(nb, answers), subs / f"{name}.ipynb")
    assert main([str(subs), "--seed", str(SEED), "--out", str(out), *LIMITS]) == 0
    book = pd.read_csv(out / "grades.csv", encoding="utf-8-sig")
    # every student has a row for each written question too (to be marked by hand, no points yet)
    written = list(written_for(case)({})) if written_for(case) else []
    marked_by_hand = book[book["kind"] == "written"]
    assert sorted(marked_by_hand["question"]) == sorted(written * 3) and (marked_by_hand["points"] == 0).all()
    grades = book[book["kind"] == "auto"]
    assert len(grades) == 3 * len(expected)
    status = grades.groupby("student")["status"].apply(set)
    assert status["good"] == {"correct"}, grades[grades["student"] == "good"]
    assert status["wrong"] == {"wrong"} and status["copier"] == {"wrong"}
