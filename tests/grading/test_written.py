"""Collecting written answers from a submission: bounded, clean, and never run in the grader's process."""
import nbformat
import pytest
from hypothesis import given, strategies as st

from crm.cases import written_for
from crm.core.written import MAX_WRITTEN
from crm.grading.merge import written_rows
from crm.grading.submission import read_answers
from crm.grading.written import MAX_SOURCE, clean_text, collect_written, literal_answers

QUESTIONS = written_for("supermarket")({})


def notebook(*sources):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


def test_the_kernel_value_comes_first_then_the_cells_literal():
    nb = notebook('answer_d1 = """写在这里"""', 'answer_d2 = f"""{x}"""')
    got = collect_written("s", QUESTIONS, {"d1": "算出来的 0.70"}, nb)
    assert got["d1"].text == "算出来的 0.70" and got["d1"].source == "kernel"
    assert got["d2"].status == "unanswered"  # an f-string is not read without running it
    fallback = collect_written("s", QUESTIONS, None, nb)  # the run never reached the answers
    assert fallback["d1"].text == "写在这里" and fallback["d1"].source == "cell"


def test_the_last_assignment_wins_and_placeholders_are_unanswered():
    nb = notebook('answer_d1 = """\n\n"""', 'answer_d1 = "second"\nanswer_d1 = "third"')
    assert literal_answers(nb, ["d1"]) == {"d1": "third"}
    assert collect_written("s", QUESTIONS, {"d1": "  \n\n "}, nb)["d1"].status == "unanswered"


def test_reading_a_cell_runs_none_of_it(tmp_path):
    marker = tmp_path / "ran"
    nb = notebook(f'answer_d1 = "text"\nopen({str(marker)!r}, "w").write("x")\n'
                  f'answer_d2 = __import__("os").system("touch {marker}")')
    assert literal_answers(nb, ["d1", "d2"]) == {"d1": "text"}
    assert not marker.exists()


@pytest.mark.parametrize("source", [
    "answer_d1 = " + "(" * 5000 + '"x"' + ")" * 5000,  # nesting that breaks the parser
    "answer_d1 = '''unterminated",
    "answer_d1 = 'x'\n" + "#" * (MAX_SOURCE + 1),  # too long to look into
    "%%bash\nanswer_d1 = 'x'",
])
def test_cells_that_cannot_be_read_give_no_answer(source):
    assert literal_answers(notebook(source), ["d1"]) == {}


def test_too_long_unreadable_and_odd_values():
    long_text = "很" * (MAX_WRITTEN + 1)
    got = collect_written("s", QUESTIONS, {"d1": {"unreadable": "text of more than 10,000 characters"},
                                           "d2": {"unreadable": "DataFrame"}}, None)
    assert got["d1"].status == "too long" and got["d2"].status == "unreadable"
    assert collect_written("s", QUESTIONS, {"d1": long_text}, None)["d1"].status == "too long"
    assert collect_written("s", QUESTIONS, {"d1": 42}, None)["d1"].status == "unreadable"
    literal = collect_written("s", QUESTIONS, None, notebook(f"answer_d1 = {long_text!r}"))
    assert literal["d1"].status == "too long" and literal["d1"].text == ""


def test_the_collector_record_reads_written_ids_and_bounds_them():
    nb = notebook("")
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.crm-casebook.answers+json": {"d1": "文字", "d2": "x" * 20_000, "dz" * 40: "no", "q1": 1}})]
    answers = read_answers(nb, ["d1", "d2"])
    assert answers["d1"] == "文字" and answers["d2"] == {"unreadable": "malformed answer record"}
    assert set(answers) == {"d1", "d2"}


@given(st.text())
def test_clean_text_can_always_be_written_as_utf8(text):
    out = clean_text(text)
    out.encode("utf-8")  # no unpaired surrogate survives
    assert all(ch in "\n\t" or ch.isprintable() or not ch.isascii() for ch in out)
    assert "\x00" not in out and "\x1b" not in out


def test_control_characters_and_surrogates_are_dropped():
    assert clean_text("a\x00b\x1b[31mc\u202ed\ud800e\n\tf") == "ab[31mcd?e\n\tf"


def test_rows_say_what_is_to_mark():
    got = collect_written("s", QUESTIONS, {"d1": "答"}, None)
    rows = written_rows("s", "s.ipynb", QUESTIONS, got)
    assert [(r.question, r.status, r.points, r.kind) for r in rows] == [
        ("d1", "to mark", 0.0, "written"), ("d2", "unanswered", 0.0, "written")]
    assert rows[0].max_points == QUESTIONS["d1"].points
