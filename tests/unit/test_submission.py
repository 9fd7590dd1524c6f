"""Reading submissions: what was handed in, which case it is, and the answers read back."""
import math
from pathlib import Path

import nbformat
import pytest

from crm.submission import (ANSWERS_MIME, COLLECTOR_SOURCE, answer_cells, find_submissions, notebook_case,
                            read_answers, read_submission, runnable, student_id, unreadable)

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
    nb = runnable(exercise)
    assert all(c.cell_type == "code" and not c.outputs for c in nb.cells)
    assert nb.cells[-1].source == COLLECTOR_SOURCE
    code = [c.source for c in exercise.cells if c.cell_type == "code"]
    commented = [s for s in code if all(not line.strip() or line.lstrip().startswith("#") for line in s.splitlines())]
    assert commented and "%time 1 + 1" in code  # the hint/solution cells; a magic
    assert [c.source for c in nb.cells[:-1]] == [s for s in code if s not in commented]
    where = answer_cells(nb)
    assert sorted(where) == [f"q{i}" for i in range(1, 9)]
    assert all(f"answer_{q} =" in nb.cells[i].source for q, i in where.items())


def test_the_collector_reads_plain_values_and_names_the_rest():
    import numpy as np
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    ns = {"answer_q1": np.float64(0.5), "answer_q2": np.int64(7), "answer_q3": {"b", "a"},
          "answer_q4": pd.Series([1, 2]), "answer_q5": float("nan"), "answer_q6": pd.DataFrame({"a": [1]}),
          "answer_q7": None, "answer_q8": "A", "answer_q9": list(range(200_000)), "other": 1}
    shown = []
    import IPython.display

    real = IPython.display.display
    IPython.display.display = lambda obj, raw=False: shown.append(obj)
    try:
        exec(COLLECTOR_SOURCE, ns)
    finally:
        IPython.display.display = real
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data=shown[0])]
    answers = read_answers(nb)
    assert answers["q1"] == 0.5 and answers["q2"] == 7 and sorted(answers["q3"]) == ["a", "b"]
    assert answers["q4"] == [1, 2] and math.isnan(answers["q5"]) and answers["q7"] is None
    assert unreadable(answers["q6"]) == "DataFrame" and "100,000" in unreadable(answers["q9"])
    assert answers["q8"] == "A" and "other" not in answers and ANSWERS_MIME in shown[0]


def test_no_collector_output_means_no_answers():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    assert read_answers(nb) is None
