"""Written questions: rubrics, points, what check shows, and numbers computed on each data variant."""
import pytest

from crm.cases import CASES, load_case, questions_for, write_case, written_for
from crm.core.exercise import RESULT_MIME, AnswerKeyHidden
from crm.core.written import Criterion, WrittenQuestion, written_set


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    return request.param


def test_every_exercise_has_two_or_three_written_questions_with_bilingual_rubrics(case):
    written = written_for(case)({})
    auto = questions_for(case)({})
    assert 2 <= len(written) <= 3 and list(written) == [f"d{i + 1}" for i in range(len(written))]
    for qid, q in written.items():
        assert q.prompt.zh and q.prompt.en and q.prompt.zh != q.prompt.en
        assert len(q.rubric) >= 3 and all(c.zh and c.en and c.points > 0 for c in q.rubric), qid
        assert q.points == sum(c.points for c in q.rubric)
        assert set(q.uses) <= set(auto), f"{qid} quotes a question the exercise does not ask"
        for label in q.uses.values():
            assert label.zh and label.en


def test_numbers_are_the_answer_keys_on_each_variant(case, tmp_path):
    """The numbers a good answer quotes are computed on the tables the question was built on."""
    shipped = load_case(case)
    variant = load_case(case, write_case(case, 11, tmp_path).parent)
    for data in (shipped, variant):
        auto = questions_for(case)(data)
        for qid, q in written_for(case)(data).items():
            numbers = q.numbers()
            assert set(numbers) == set(q.uses)
            for used, value in numbers.items():
                assert value == auto[used].expected(), (qid, used)


def test_points_count_only_ticked_lines_of_the_rubric():
    class Q(WrittenQuestion):
        qid = "d1"
        rubric = (Criterion("a", 2, "甲", "A"), Criterion("b", 1.5, "乙", "B"))
    q = written_set("_none", Q)({})["d1"]
    assert q.points == 3.5 and q.points_for({"a"}) == 2 and q.points_for({"a", "b", "zzz"}) == 3.5
    assert q.points_for(set()) == 0 and q.criterion("b").en == "B"


def test_a_rubric_needs_distinct_lines_and_a_d_id():
    class Twice(WrittenQuestion):
        qid = "d1"
        rubric = (Criterion("a", 1, "甲", "A"), Criterion("a", 1, "乙", "B"))

    class Named(WrittenQuestion):
        qid = "q9"
        rubric = (Criterion("a", 1, "甲", "A"),)
    for cls in (Twice, Named):
        with pytest.raises(ValueError):
            written_set("_none", cls)


def test_check_records_and_judges_nothing():
    q = written_for("fuel")({})["d1"]
    blank, given = q.check('\n\n'), q.check("周期预警 <b>每周</b> 太多")
    assert blank.characters == 0 and "Not answered" in str(blank)
    assert given.characters == len("周期预警 <b>每周</b> 太多") and "marked by hand" in str(given)
    bundle = given._repr_mimebundle_()
    assert RESULT_MIME not in bundle  # nothing about a written answer is an automatic result
    assert "<b>每周</b>" not in bundle["text/html"]  # the rubric is escaped; the answer is not echoed
    assert q.check(42).characters == 0


def test_numbers_are_hidden_without_the_answer_key(monkeypatch):
    q = written_for("fuel")({})["d1"]
    monkeypatch.setattr(type(q), "case", "_no_such_case")
    with pytest.raises(AnswerKeyHidden):
        q.numbers()
