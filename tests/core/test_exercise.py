"""Question classes: right, wrong, unanswered, never revealing the answer; the key kept apart."""
import sys
import types

import pandas as pd
import pytest

from crm.answer_key import KEY_PACKAGE, Answer
from crm.core.exercise import (RESULT_MIME, AnswerKeyHidden, ChoiceQuestion, NumberQuestion, SetQuestion, Text,
                               question_set, run_checks)
from crm.cases import CASES, questions_for


class Total(NumberQuestion):
    qid = "t1"
    case = "_toy"
    hint_text = Text("把金额加起来。", "Add up the amounts.")


class Share(NumberQuestion):
    qid = "t2"
    case = "_toy"


class Biggest(SetQuestion):
    qid = "t3"
    case = "_toy"


class Pick(ChoiceQuestion):
    qid = "t4"
    case = "_toy"
    options = ("A", "B", "C")
    hint_text = Text("看消费额。", "Look at spend.")


CALLS = []


def _total(tables):
    CALLS.append(1)
    return float(tables["tx"]["amount"].sum())


TOY_KEY = {"t1": Answer(_total, Text("tx.amount.sum()", "tx.amount.sum()")),
           "t2": Answer(lambda t: 0.25, Text("", "")),
           "t3": Answer(lambda t: {"a", "b"}, Text("", "")),
           "t4": Answer(lambda t: "B", Text("", ""))}


@pytest.fixture(autouse=True)
def toy_key(monkeypatch):
    """The toy questions' answer key, where the grader's process would find a case's key."""
    module = types.ModuleType(f"{KEY_PACKAGE}._toy")
    module.ANSWERS = TOY_KEY
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module


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
    build = question_set("_toy", Total, Biggest)
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


def test_without_the_answer_key_a_question_only_records(monkeypatch):
    """What a grading kernel sees: the key's module cannot be imported, whatever else is done."""
    tables = {"tx": pd.DataFrame({"amount": [1.0, 2.0]})}
    monkeypatch.delitem(sys.modules, f"{KEY_PACKAGE}._toy")
    q = Total(tables)
    fb = q.check(3.0)  # recorded, not judged: the grader judges on its own data
    assert not fb.correct and "recorded" in fb.message_en
    for ask in (q.expected, q.solution, lambda: Total.expected(types.SimpleNamespace(tables=tables))):
        with pytest.raises((AnswerKeyHidden, AttributeError)):
            ask()
    assert q.hint() == Total.hint_text  # hints stay available
    assert not any(callable(v) and getattr(v, "__name__", "") == "_total" for v in vars(Total).values())


def test_question_classes_hold_no_answer_logic(supermarket):
    """Prompts, hints and comparison only: no method text, no expected computation in the class."""
    for case in sorted(CASES):
        build = questions_for(case)
        for cls in {type(q) for q in build({}).values()}:
            own = {name for klass in cls.__mro__ if klass.__module__.startswith("crm.cases.") and klass.__module__.endswith(".questions")
                   for name in vars(klass)}
            assert not own & {"expected", "method", "solution", "_answer", "_answer_key"}, (case, cls)


def test_every_question_has_a_key_entry_and_no_more():
    from crm.answer_key import answers_for

    for case in sorted(CASES):
        assert set(answers_for(case)) == set(questions_for(case).qids), case


def test_the_prompt_modules_do_not_load_the_key():
    import subprocess

    code = ("import sys, crm, widgets\n"
            "from crm.cases import CASES, questions_for\n"
            "from crm.cases import CASES\n"
            "for c in sorted(CASES):\n"
            "    questions_for(c)\n"
            "import crm.grading.kernels, crm.core.io\n"
            f"print(sorted(m for m in sys.modules if m.startswith({KEY_PACKAGE!r})))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_answer_key_is_computed_once():
    CALLS.clear()
    q = Total(TABLES)
    for answer in (10.0, 3.0, 10.0):
        q.check(answer)
    q.solution()
    assert len(CALLS) == 1
