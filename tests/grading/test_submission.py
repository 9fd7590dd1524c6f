"""Reading submissions: what was handed in, which case it is, and the answers read back."""
import math
import os
from pathlib import Path

import nbformat
import pytest

from crm.cases import questions_for
from crm.grading.submission import (ANSWERS_MIME, MAX_DEPTH, answer_cells, choose_submissions, collector_source,
                                    find_submissions, identity, notebook_case, read_answers, read_submission, runnable,
                                    student_id, unreadable)

QIDS = list(questions_for("supermarket")({}))  # the exercise's questions, q1 ...

EXERCISE = Path(__file__).resolve().parents[2] / "exercises" / "supermarket.ipynb"


@pytest.fixture
def exercise():
    return nbformat.read(EXERCISE, as_version=4)


def test_finds_notebooks_in_the_folder_and_one_level_down(tmp_path):
    (tmp_path / "alice.ipynb").write_text("{}")
    (tmp_path / "bob").mkdir()
    (tmp_path / "bob" / "exercise.ipynb").write_text("{}")
    (tmp_path / "bob" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "notes.txt").write_text("x")
    found = find_submissions(tmp_path)
    assert [student_id(p, tmp_path) for p in found] == ["alice", "bob"]


def test_the_case_comes_from_metadata_else_from_the_code(exercise):
    assert notebook_case(exercise) == "supermarket"
    del exercise.metadata["crm_casebook"]
    assert notebook_case(exercise) == "supermarket"  # load_case("supermarket") in its code
    exercise.cells = [c for c in exercise.cells if c.cell_type == "markdown"]
    assert notebook_case(exercise) is None


@pytest.mark.parametrize("content, words", [
    (b"", "empty"), (b"  \n", "empty"), (b"{not json", "not a valid"), (b'{"cells": 3}', "not a valid"),
    (b"\xff\xfe\x00", "not a valid")])
def test_files_that_are_not_notebooks_say_why(tmp_path, content, words):
    path = tmp_path / "x.ipynb"
    path.write_bytes(content)
    sub = read_submission(path, tmp_path, "supermarket")
    assert sub.notebook is None and words in sub.problem.en and sub.problem.zh


def test_another_cases_exercise_and_a_notebook_of_no_case_are_refused(tmp_path, exercise):
    exercise.metadata["crm_casebook"]["case"] = "fuel"
    nbformat.write(exercise, tmp_path / "a.ipynb")
    assert "'fuel' case" in read_submission(tmp_path / "a.ipynb", tmp_path, "supermarket").problem.en
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), tmp_path / "b.ipynb")
    assert "does not look like an exercise" in read_submission(tmp_path / "b.ipynb", tmp_path, "supermarket").problem.en
    assert read_submission(tmp_path / "b.ipynb", tmp_path, None).problem is None


def test_runnable_keeps_code_drops_outputs_and_ends_with_the_collector(exercise):
    exercise.cells.append(nbformat.v4.new_code_cell("%time 1 + 1"))
    nb = runnable(exercise, QIDS)
    assert all(c.cell_type == "code" and not c.outputs for c in nb.cells)
    assert nb.cells[-1].source == collector_source(QIDS)
    code = [c.source for c in exercise.cells if c.cell_type == "code"]
    commented = [s for s in code if all(not line.strip() or line.lstrip().startswith("#") for line in s.splitlines())]
    assert commented and "%time 1 + 1" in code  # the hint/solution cells; a magic
    assert [c.source for c in nb.cells[:-1]] == [s for s in code if s not in commented]
    where = answer_cells(nb)
    assert sorted(where) == sorted(QIDS)
    assert all(f"answer_{q} =" in nb.cells[i].source for q, i in where.items())


def test_the_collector_reads_plain_values_and_names_the_rest():
    import numpy as np
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    ns = {"answer_q1": np.float64(0.5), "answer_q2": np.int64(7), "answer_q3": {"b", "a"},
          "answer_q4": pd.Series([1, 2]), "answer_q5": float("nan"), "answer_q6": pd.DataFrame({"a": [1]}),
          "answer_q7": None, "answer_q8": "A", "answer_q9": list(range(200_000)), "other": 1,
          "answer_q10": ["x" * 5000] * 99_000, "answer_q11": 3, "answer_q99": 1}
    shown = []
    import IPython.display

    real = IPython.display.display
    IPython.display.display = lambda obj, raw=False: shown.append(obj)
    try:
        exec(collector_source([f"q{i}" for i in range(1, 12)]), ns)
    finally:
        IPython.display.display = real
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data=shown[0])]
    answers = read_answers(nb, [f"q{i}" for i in range(1, 12)])
    assert "too large" in unreadable(answers["q10"]) or "characters" in unreadable(answers["q10"])
    assert answers["q11"] == 3 and "q99" not in answers  # one oversized answer costs only itself
    assert answers["q1"] == 0.5 and answers["q2"] == 7 and sorted(answers["q3"]) == ["a", "b"]
    assert answers["q4"] == [1, 2] and math.isnan(answers["q5"]) and answers["q7"] is None
    assert unreadable(answers["q6"]) == "DataFrame" and "100,000" in unreadable(answers["q9"])
    assert answers["q8"] == "A" and "other" not in answers and ANSWERS_MIME in shown[0]


def test_no_collector_output_means_no_answers():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    assert read_answers(nb) is None


def with_record(record):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={ANSWERS_MIME: record})]
    return nb


@pytest.mark.parametrize("value", [
    {"float": [1]}, {"float": {"x": 1}}, {"unreadable": ["x"]}, {"a": 1, "b": 2}, [[1, 2]], [{"float": 5}],
    {"nested": {"deeper": [1]}}, 10**400, "x" * 20_000, [1] * 200_000, float("inf")])
def test_a_forged_answer_of_the_wrong_shape_costs_that_answer_only(value):
    answers = read_answers(with_record({"q1": value, "q2": 0.5}), QIDS)
    assert unreadable(answers["q1"]) == "malformed answer record"
    assert answers["q2"] == 0.5


@pytest.mark.parametrize("record", [[1, 2], "answers", 3, None, {"q1": 1, 5: 2, "__proto__": 1, "q" * 99: 1}])
def test_a_forged_record_is_not_an_answer_record(record):
    answers = read_answers(with_record(record), QIDS)
    assert answers is None or set(answers) <= {"q1"}


def test_a_deeply_nested_file_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "deep.ipynb"
    path.write_bytes(b"[" * 50_000 + b"]" * 50_000)
    sub = read_submission(path, tmp_path, "supermarket")
    assert sub.notebook is None and "nested" in sub.problem.en and str(MAX_DEPTH) in sub.problem.en
    path.write_bytes(b'{"cells": [], "a": "' + b"[" * 50_000 + b'"}')  # brackets inside a string are text
    assert "nested" not in read_submission(path, tmp_path, "supermarket").problem.en


def test_lms_downloads_give_one_id_per_student(tmp_path):
    canvas = tmp_path / "smithjohn_LATE_12345_67890_supermarket.ipynb"
    moodle = tmp_path / "Li Lei_4711_assignsubmission_file_" / "exercise.ipynb"
    plain = tmp_path / "alice.ipynb"
    for p in (canvas, moodle, plain):
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("{}")
    assert identity(canvas, tmp_path) == identity(canvas, tmp_path).__class__("canvas-12345", "smithjohn", "canvas",
                                                                               "12345")
    assert (identity(moodle, tmp_path).student, identity(moodle, tmp_path).lms_id) == ("moodle-4711", "4711")
    assert identity(plain, tmp_path).student == "alice" and identity(plain, tmp_path).lms == ""


def test_one_notebook_per_student_by_a_stated_rule(tmp_path, exercise):
    folder = tmp_path / "bob"
    folder.mkdir()
    nbformat.write(exercise, folder / "a_old.ipynb")
    nbformat.write(exercise, folder / "b_new.ipynb")
    (folder / "c_broken.ipynb").write_text("{not json")
    os.utime(folder / "a_old.ipynb", (1_000, 1_000))
    os.utime(folder / "b_new.ipynb", (2_000, 2_000))
    nbformat.write(exercise, tmp_path / "carol.ipynb")
    chosen, left_out = choose_submissions(find_submissions(tmp_path), tmp_path, "supermarket")
    assert sorted(p.name for p in chosen) == ["b_new.ipynb", "carol.ipynb"]  # the last hand-in, not the broken one
    assert {p.name: v.name for p, v in left_out.items()} == {"a_old.ipynb": "b_new.ipynb",
                                                             "c_broken.ipynb": "b_new.ipynb"}


def test_a_link_is_not_read_whatever_it_points_to(tmp_path, exercise):
    secret = tmp_path / "secret.ipynb"
    nbformat.write(exercise, secret)  # a readable notebook: only the link stands in the way
    folder = tmp_path / "subs"
    (folder / "bob").mkdir(parents=True)
    (folder / "alice.ipynb").symlink_to(secret)
    (folder / "carol").symlink_to(tmp_path)  # a folder link: carol/secret.ipynb
    for path in (folder / "alice.ipynb", folder / "carol" / "secret.ipynb"):
        sub = read_submission(path, folder, "supermarket")
        assert sub.notebook is None and "link" in sub.problem.en
    os.mkfifo(folder / "bob" / "pipe.ipynb")  # would block a plain read
    assert "regular file" in read_submission(folder / "bob" / "pipe.ipynb", folder, "supermarket").problem.en
