"""Question classes: right, wrong, unanswered, never revealing the answer."""
import pandas as pd
import pytest

from crm.exercise import (RESULT_MIME, ChoiceQuestion, NumberQuestion, SetQuestion, Text,
                          question_set, run_checks)
from crm.questions import questions_for


class Total(NumberQuestion):
    qid = "t1"
    hint_text = Text("把金额加起来。", "Add up the amounts.")
    method = Text("tx.amount.sum()", "tx.amount.sum()")

    def expected(self):
        return float(self.tables["tx"]["amount"].sum())


class Share(NumberQuestion):
    qid = "t2"

    def expected(self):
        return 0.25


class Biggest(SetQuestion):
    qid = "t3"

    def expected(self):
        return {"a", "b"}


class Pick(ChoiceQuestion):
    qid = "t4"
    options = ("A", "B", "C")
    hint_text = Text("看消费额。", "Look at spend.")

    def expected(self):
        return "B"


TABLES = {"tx": pd.DataFrame({"amount": [1.5, 2.5, 6.0]})}


def test_right_answer_scores_full_points_in_both_languages():
    fb = Total(TABLES).check(10.0)
    assert fb.correct and fb.points == fb.max_points == 1.0
    assert "正确" in fb.message_zh and "Correct" in fb.message_en


def test_expected_answer_follows_the_data():
    other = {"tx": pd.DataFrame({"amount": [1.0]})}
    assert Total(TABLES).check(10.0) and not Total(other).check(10.0)


def test_wrong_answer_says_which_side_and_never_the_value():
    fb = Total(TABLES).check(12.0)
    assert not fb.correct and fb.points == 0
    assert "too high" in fb.message_en and "偏大" in fb.message_zh
    assert "10" not in fb.message_en and "10" not in fb.message_zh
    assert "Add up the amounts" in fb.message_en


def test_percentage_instead_of_fraction_is_spotted():
    assert "fractions" in Share(TABLES).check(25).message_en


def test_wrong_types_and_nan_are_explained():
    assert "number is needed" in Total(TABLES).check("ten").message_en
    assert "NaN" in Total(TABLES).check(float("nan")).message_en
    assert "list or set" in Biggest(TABLES).check("a").message_en


def test_unanswered():
    fb = Total(TABLES).check(None)
    assert not fb.correct and "Not answered" in fb.message_en


def test_set_question_counts_missing_and_extra():
    assert Biggest(TABLES).check(["b", "a"]).correct
    fb = Biggest(TABLES).check(["a", "z"])
    assert "1 missing and 1 that should not be there" in fb.message_en


def test_choice_question():
    assert Pick(TABLES).check(" b ").correct
    assert "choose one of" in Pick(TABLES).check("D").message_en
    assert "Look at spend" in Pick(TABLES).check("A").message_en


def test_solution_shows_method_and_value_hint_does_not():
    assert "10" in str(Total(TABLES).solution()) and "tx.amount.sum()" in str(Total(TABLES).solution())
    assert "10" not in str(Total(TABLES).hint())


def test_feedback_carries_a_result_for_the_grader():
    bundle = Total(TABLES).check(10.0)._repr_mimebundle_()
    assert bundle[RESULT_MIME] == {"question": "t1", "correct": True, "points": 1.0, "max_points": 1.0}
    assert "text/html" in bundle and "text/plain" in bundle


def test_question_set_and_run_checks():
    build = question_set(Total, Biggest)
    qs = build(TABLES)
    assert list(qs) == ["t1", "t3"]
    results = run_checks(qs, {"t1": 10.0})
    assert [r.correct for r in results] == [True, False]


def test_supermarket_questions_are_at_least_six_and_computed(supermarket):
    qs = questions_for("supermarket")(supermarket)
    assert len(qs) >= 6
    for qid, q in qs.items():
        assert q.check(q.expected()).correct, qid
        assert q.prompt.zh and q.prompt.en and q.hint_text.zh and q.hint_text.en


def test_a_grading_kernel_seals_the_answer_key(monkeypatch):
    from crm.exercise import GRADING_ENV, AnswerKeyHidden

    tables = {"tx": pd.DataFrame({"amount": [1.0, 2.0]})}
    monkeypatch.setenv(GRADING_ENV, "1")
    q = Total(tables)
    fb = q.check(3.0)  # recorded, not judged: the grader judges on its own data
    assert not fb.correct and "recorded" in fb.message_en
    with pytest.raises(AnswerKeyHidden):
        q.expected()
    with pytest.raises(AnswerKeyHidden):
        q.solution()
    assert q.hint() == Total.hint_text  # hints stay available
    monkeypatch.delenv(GRADING_ENV)
    assert Total(tables).check(3.0).correct


def test_the_answer_key_is_computed_once():
    calls = []

    class Counted(NumberQuestion):
        qid = "c"

        def expected(self):
            calls.append(1)
            return 2.0

    q = Counted({})
    for answer in (2.0, 3.0, 2.0):
        q.check(answer)
    q.solution()
    assert len(calls) == 1
