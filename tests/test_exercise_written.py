"""The written questions in the exercise notebooks: current prompt and rubric shown, an answer cell
the grader reads, and a check that records without judging."""
from pathlib import Path

import nbformat
import pytest

from crm.cases import CASES, written_for
from crm.core.exercise import RESULT_MIME
from crm.grading.runner import execute_notebook, fill_written
from crm.grading.written import literal_answers

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    return request.param


def _notebook(case):
    return nbformat.read(ROOT / "exercises" / f"{case}.ipynb", as_version=4)


def test_every_written_question_shows_its_prompt_and_rubric(case):
    questions = written_for(case)({})
    cells = _notebook(case).cells
    for qid, q in questions.items():
        md = [c.source for c in cells if c.cell_type == "markdown" and c.source.startswith(f"## {qid}\n")]
        assert len(md) == 1, qid
        assert md[0].startswith(f"## {qid}\n{q.prompt.zh}\n\n*{q.prompt.en}*"), qid
        for c in q.rubric:
            assert c.zh in md[0] and c.en in md[0] and f"{c.points:g}" in md[0], (qid, c.cid)
        code = "\n".join(c.source for c in cells if c.cell_type == "code")
        assert f'answer_{qid} = """' in code and f'w["{qid}"].check(answer_{qid})' in code
    assert f"from crm.cases.{case}.written import written" in "\n".join(c.source for c in cells)


def test_the_blank_notebook_answers_nothing_and_a_filled_one_is_read_without_running(case):
    nb = _notebook(case)
    qids = list(written_for(case)({}))
    assert all(not text.strip() for text in literal_answers(nb, qids).values())
    filled = fill_written(nb, {qid: repr(f"答案 {qid} / answer {qid}") for qid in qids})
    assert literal_answers(filled, qids) == {qid: f"答案 {qid} / answer {qid}" for qid in qids}


def test_running_a_written_answer_records_it_and_writes_no_check_result():
    nb = fill_written(_notebook("supermarket"), {"d1": repr("会员日的折扣给了本来就会来的会员。")})
    ran = execute_notebook(nb, ROOT / "exercises")
    cell = next(c for c in ran.cells if c.cell_type == "code" and c.source.startswith("answer_d1"))
    data = cell.outputs[0]["data"]
    assert "Recorded: 17 characters" in data["text/plain"] and RESULT_MIME not in data
    errors = [o for c in ran.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
