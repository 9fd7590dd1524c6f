"""Every case's exercise run as a student and a grader would: right, wrong, another variant.

Cases are discovered: a case with a model-answer file ``tests/solutions/<case>.py``
(``ANSWERS`` and ``WRONG``: answer cells' source by question id) is tested here.
"""
from importlib import import_module
from pathlib import Path

import nbformat
import pytest

from crm.cases import CASES, load_case, questions_for, write_case
from crm.grading.results import check_results
from crm.grading.runner import execute_notebook, fill_answers

ROOT = Path(__file__).resolve().parents[1]
SOLVED = [case for case in CASES if (ROOT / "tests" / "solutions" / f"{case}.py").exists()]


@pytest.fixture(scope="module", params=SOLVED)
def case(request):
    return request.param


@pytest.fixture(scope="module")
def solutions(case):
    return import_module(f"tests.solutions.{case}")


@pytest.fixture(scope="module")
def tables(case):
    return load_case(case)


@pytest.fixture(scope="module")
def exercise(case):
    return nbformat.read(ROOT / "exercises" / f"{case}.ipynb", as_version=4)


@pytest.fixture(scope="module")
def variant(case, tmp_path_factory):
    """A second data variant: the same case generated from another seed."""
    return write_case(case, seed=7, data_dir=tmp_path_factory.mktemp("variant")).parent


def run(nb, answers, data_dir=None):
    return check_results(execute_notebook(fill_answers(nb, answers), ROOT / "exercises", data_dir))


def test_every_case_has_an_exercise_with_model_answers():
    assert set(SOLVED) == set(CASES)


def test_the_notebook_asks_every_question(case, exercise, tables):
    qids = list(questions_for(case)(tables))
    assert len(qids) >= 6
    source = "\n".join(c.source for c in exercise.cells if c.cell_type == "code")
    for qid in qids:
        assert f"answer_{qid} = None" in source and f'q["{qid}"].check(answer_{qid})' in source


def test_model_answers_pass_on_the_case_data_and_on_another_variant(exercise, solutions, variant):
    for data_dir in (None, variant):
        results = run(exercise, solutions.ANSWERS, data_dir)
        assert set(results) == set(solutions.ANSWERS)
        failed = {q: r["feedback"] for q, r in results.items() if not r["correct"]}
        assert not failed


# The unanswered notebook is checked by nbval: its committed outputs say "Not answered yet".


def test_wrong_answers_all_fail_with_a_helpful_message(exercise, solutions):
    results = run(exercise, solutions.WRONG)
    assert set(results) == set(solutions.WRONG)
    for qid, r in results.items():
        assert not r["correct"] and r["points"] == 0, qid
        assert "Not yet" in r["feedback"] and "还不对" in r["feedback"], qid


def test_numbers_copied_from_one_variant_fail_on_another(case, exercise, tables, variant):
    expected = {qid: q.expected() for qid, q in questions_for(case)(tables).items()}
    literals = {qid: repr(sorted(v) if isinstance(v, set) else v) for qid, v in expected.items()}
    assert all(r["correct"] for r in run(exercise, literals).values())
    on_variant = run(exercise, literals, variant)
    assert set(on_variant) == set(literals)
    assert not any(r["correct"] for r in on_variant.values()), on_variant
