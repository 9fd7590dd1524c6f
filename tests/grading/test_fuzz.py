"""Fuzzing the grader: malformed notebooks and forged answer records, through the real grading path.

Whatever a file holds or a kernel sends, grading one submission returns exactly one row per
question, with a status and a reason in both languages, and never raises. The slow half runs
each generated notebook in a real confined kernel (``Grader.grade_one``); the fast half feeds
many more records and files to the same reading and checking code without a kernel.
"""
import asyncio
import json
import os
import string

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from crm.cases import questions_for
from crm.grading.runner import Grader, fill_answers
from crm.grading.results import Run, grade_rows
from crm.core.asyncrun import run_to_end
from crm.grading.sandbox import Limits
from crm.grading.submission import ANSWERS_MIME, read_answers, read_submission, runnable
from tests.solutions.supermarket import ANSWERS
from tests.grading.test_grade_notebooks import EXERCISE

STATUSES = {"correct", "wrong", "unanswered", "not run", "invalid"}
QIDS = list(questions_for("supermarket")({}))  # the exercise's questions, q1 ...

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(string.printable, max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(string.ascii_letters + "_0123456789",
                                                                        max_size=8), inner, max_size=5),
    max_leaves=25)
records = st.one_of(json_values, st.dictionaries(st.sampled_from(QIDS + ["q99", "x", ""]), json_values, max_size=9))


def check_rows(rows):
    assert [r.question for r in rows] == QIDS
    for r in rows:
        assert r.status in STATUSES and r.feedback_zh and r.feedback_en
        assert 0 <= r.points <= r.max_points


@pytest.fixture(scope="module")
def exercise():
    return nbformat.read(EXERCISE, as_version=4)


# ---- fast: no kernel ------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records)
def test_any_answer_record_gives_a_row_per_question(record, supermarket, exercise):
    from crm.cases import questions_for

    qs = questions_for("supermarket")(supermarket)
    nb = runnable(exercise, QIDS)
    nb.cells[-1].outputs = [nbformat.v4.new_output("display_data", data={ANSWERS_MIME: record})]
    answers = read_answers(nb, QIDS)
    assert answers is None or set(answers) <= set(QIDS)
    check_rows(grade_rows("s", "s.ipynb", qs, Run(cells=["ok"] * (len(nb.cells) - 1), executed=nb), None, nb,
                          Limits()))


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_file_is_read_or_refused_with_a_reason(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "x.ipynb"
    path.write_bytes(data)
    sub = read_submission(path, folder, "supermarket")
    assert sub.notebook is not None or sub.problem is not None  # read, or refused
    if sub.problem is not None:
        assert sub.problem.zh and sub.problem.en


# ---- slow: the real grading path, a real confined kernel per example ------------------------------

@pytest.fixture(scope="module")
def grader():
    if os.geteuid() != 0:
        pytest.skip("the grading path is fuzzed as root, as CI and graders run")
    with Grader("supermarket", 5, Limits(cell_seconds=10, notebook_seconds=40, memory_bytes=2**30)) as g:
        yield g


def grade(grader, folder, path):
    async def go():
        rows = await grader.grade_one(path, folder)
        await asyncio.gather(*list(grader._cleanups))
        return rows
    return run_to_end(go())  # also when another test's event loop runs in this thread (playwright)


FORGE = """
import IPython.display
_record = {record!r}
get_ipython().events.register("post_run_cell",
                              lambda result: IPython.display.publish_display_data({{{mime!r}: _record}}))
"""


@pytest.mark.grading
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(record=records)
def test_forged_records_sent_by_a_real_kernel(grader, tmp_path_factory, exercise, record):
    folder = tmp_path_factory.mktemp("forged")
    nb = fill_answers(exercise, ANSWERS)
    nb.cells.insert(2, nbformat.v4.new_code_cell(FORGE.format(record=record, mime=ANSWERS_MIME)))
    nbformat.write(nb, folder / "forger.ipynb")
    rows = grade(grader, folder, folder / "forger.ipynb")
    check_rows(rows)


def mutate(nb_json, path, value):
    """``nb_json`` with the item at ``path`` (a list of choices) replaced by ``value``."""
    node = nb_json
    for step in path[:-1]:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        child = node[keys[step % len(keys)]]
        if not isinstance(child, (dict, list)):
            break
        node = child
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    if keys:
        node[keys[path[-1] % len(keys)]] = value
    return nb_json


@pytest.mark.grading
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(path=st.lists(st.integers(0, 50), min_size=1, max_size=5), value=json_values)
def test_malformed_notebooks_through_the_real_grader(grader, tmp_path_factory, exercise, path, value):
    folder = tmp_path_factory.mktemp("malformed")
    nb_json = mutate(json.loads(nbformat.writes(fill_answers(exercise, ANSWERS))), path, value)
    (folder / "mutant.ipynb").write_text(json.dumps(nb_json))
    check_rows(grade(grader, folder, folder / "mutant.ipynb"))
