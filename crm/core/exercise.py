"""Exercise questions: ``check(answer)``, ``hint()``, ``solution()`` in Chinese and English.

Modelled on Kaggle learntools (one small class hierarchy; each question is a small
declarative subclass) with two differences that matter for grading:

- the expected answer is always *computed* from the tables the notebook loaded, so a
  grader can re-run a submission on another data variant (another seed) and an answer
  typed in as a number from the student's own run fails there;
- a question holds its prompt, hint and how an answer is compared, never how the
  answer is computed: that lives in the case's answer key (:mod:`crm.answer_key`),
  which ``check`` and ``solution`` load when they need it. A grading kernel cannot
  load it (its file view does not have it), so there a question only records.

A wrong answer is told what is wrong in terms the student can act on (too high,
wrong type, missing items), never the expected value; ``solution()`` shows it.
Each check displays a machine-readable result (:data:`RESULT_MIME`) for the
student's own record. The grader does not trust it: it reads the ``answer_qN``
values out of the submission's kernel and checks them itself, on its own data variant.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from typing import Any, Callable, Iterable, Mapping

import pandas as pd

#: The output type a check writes into the notebook for the grader.
RESULT_MIME = "application/vnd.crm-casebook.check+json"
#: The package of the answer keys (``<KEY_PACKAGE>.<case>.ANSWERS``), kept out of every grading kernel's view.
KEY_PACKAGE = "crm.answer_key"


class AnswerKeyHidden(RuntimeError):
    """Raised when code in a grading kernel asks for an expected answer."""

    def __init__(self) -> None:
        super().__init__("评分时不提供标准答案：请用你自己的代码计算。 / "
                         "The answer key is hidden while grading: compute the answer with your own code.")


@dataclass(frozen=True)
class Feedback:
    """The result of one check, shown in the notebook in both languages."""

    question: str
    correct: bool
    points: float
    max_points: float
    message_zh: str
    message_en: str

    def __str__(self) -> str:
        return f"{self.message_zh}\n{self.message_en}"

    def __bool__(self) -> bool:
        return self.correct

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        colour = "#2e7d32" if self.correct else "#c62828"
        body = f"{html.escape(self.message_zh)}<br>{html.escape(self.message_en)}"
        return {
            "text/plain": f"[{self.question}] {self}",
            "text/html": f'<div class="crm-check" style="color:{colour}"><b>{self.question}</b> {body}</div>',
            RESULT_MIME: {"question": self.question, "correct": self.correct,
                          "points": self.points, "max_points": self.max_points},
        }


@dataclass(frozen=True)
class Text:
    """A bilingual text (hint, solution, prompt)."""

    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh}\n{self.en}"

    def _repr_html_(self) -> str:
        return f"<div>{html.escape(self.zh)}<br>{html.escape(self.en)}</div>"


class Question:
    """Base class: a question on a case's tables, worth ``points``.

    Subclasses set ``qid``, ``prompt`` and ``hint_text`` and inherit how an answer is
    compared (:meth:`_judge`); ``case`` is set by :func:`question_set`. The expected
    answer and the method the solution shows come from the case's answer key.
    """

    qid: str = "q"
    case: str = ""
    points: float = 1.0
    prompt: Text = Text("", "")
    hint_text: Text = Text("", "")

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        self.tables = tables

    def _answer(self) -> Any:
        """This question's entry in the answer key (:class:`crm.answer_key.Answer`)."""
        try:  # by name: nothing here imports the key unless a check or a solution asks for it
            return import_module(f"{KEY_PACKAGE}.{self.case}").ANSWERS[self.qid]
        except (ImportError, KeyError, AttributeError):  # a grading kernel: the key is not in its view
            raise AnswerKeyHidden() from None

    @cached_property
    def _answer_key(self) -> Any:
        # Computed once: the grader checks a hundred submissions against one question object.
        return self._answer().compute(self.tables)

    def expected(self) -> Any:
        """The right answer on ``self.tables`` (raises :class:`AnswerKeyHidden` while grading)."""
        return self._answer_key

    def _judge(self, answer: Any, expected: Any) -> tuple[bool, str, str]:
        raise NotImplementedError

    def check(self, answer: Any) -> Feedback:
        """Say whether ``answer`` is right and, if not, what to look at."""
        if answer is None or answer is Ellipsis:
            return Feedback(self.qid, False, 0.0, self.points, "尚未作答：请把答案赋给变量后再运行检查。",
                            "Not answered yet: assign your answer, then run the check.")
        try:
            expected = self._answer_key
        except AnswerKeyHidden:
            return Feedback(self.qid, False, 0.0, self.points, "答案已记录，评分程序会在它自己的数据上检查。",
                            "Answer recorded; the grader checks it on its own data.")
        try:
            ok, zh, en = self._judge(answer, expected)
        except (TypeError, ValueError) as err:
            ok, zh, en = False, f"答案的形式不对：{err}", f"The answer has the wrong form: {err}"
        if ok:
            return Feedback(self.qid, True, self.points, self.points, "✔ 正确！" + zh, "✔ Correct! " + en)
        return Feedback(self.qid, False, 0.0, self.points, "✘ 还不对：" + zh, "✘ Not yet: " + en)

    def hint(self) -> Text:
        """A nudge towards the method, without the answer."""
        return self.hint_text

    def solution(self) -> Text:
        """The method and the expected answer on the loaded data (from the answer key)."""
        method, value = self._answer().method, self._answer_key
        return Text(f"{method.zh}\n答案：{self._show(value)}", f"{method.en}\nAnswer: {self._show(value)}")

    @staticmethod
    def _show(value: Any) -> str:
        if isinstance(value, float):
            return f"{value:,.4g}"
        if isinstance(value, (set, frozenset)):
            return ", ".join(sorted(map(str, value)))
        return str(value)


class NumberQuestion(Question):
    """A number, right within a relative tolerance ``rtol`` (or absolute ``atol``).

    The default 0.1 % is loose enough for any correct computation and tight enough
    that a number copied from another data variant fails.
    """

    rtol: float = 0.001
    atol: float = 0.0

    def _judge(self, answer: Any, expected: Any) -> tuple[bool, str, str]:
        if isinstance(answer, bool) or not isinstance(answer, (int, float)) and not hasattr(answer, "__float__"):
            return False, f"需要一个数，收到的是 {type(answer).__name__}。", f"a number is needed; got a {type(answer).__name__}."
        a, e = float(answer), float(expected)
        if math.isnan(a):
            return False, "答案是 NaN：检查是否有空值参与了计算。", "the answer is NaN: check for missing values in your computation."
        if math.isclose(a, e, rel_tol=self.rtol, abs_tol=self.atol):
            return True, "", ""
        if e != 0 and math.isclose(a, e * 100, rel_tol=self.rtol):
            return False, "数值大了 100 倍：答案要用小数表示比例（如 0.25），不是百分数。", \
                "the answer is 100 times too large: give shares as fractions (0.25), not percentages."
        if e != 0 and math.isclose(a * 100, e, rel_tol=self.rtol):
            return False, "数值小了 100 倍：这里要的是百分数，还是比例？请对照题目。", \
                "the answer is 100 times too small: check whether the question asks for a percentage."
        side_zh, side_en = ("偏大", "too high") if a > e else ("偏小", "too low")
        return False, f"结果{side_zh}。{self.hint_text.zh}", f"the result is {side_en}. {self.hint_text.en}"


class ChoiceQuestion(Question):
    """One of ``options`` (strings), compared without case or surrounding spaces."""

    options: tuple[str, ...] = ()

    def _judge(self, answer: Any, expected: Any) -> tuple[bool, str, str]:
        given = str(answer).strip().lower()
        allowed = [o.lower() for o in self.options]
        if allowed and given not in allowed:
            opts = ", ".join(self.options)
            return False, f"请从这些选项中选择：{opts}。", f"choose one of: {opts}."
        if given == str(expected).strip().lower():
            return True, "", ""
        return False, self.hint_text.zh, self.hint_text.en


class SetQuestion(Question):
    """A collection of labels (e.g. customer ids); says how many are missing or extra."""

    def _judge(self, answer: Any, expected: Any) -> tuple[bool, str, str]:
        if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
            return False, "需要一个列表或集合。", "a list or set is needed."
        given, want = set(map(str, answer)), set(map(str, expected))
        if given == want:
            return True, "", ""
        missing, extra = len(want - given), len(given - want)
        return (False, f"少了 {missing} 个，多了 {extra} 个。{self.hint_text.zh}",
                f"{missing} missing and {extra} that should not be there. {self.hint_text.en}")


def run_checks(questions: dict[str, Question], answers: dict[str, Any]) -> list[Feedback]:
    """Check every question against ``answers[qid]`` (missing answers count as unanswered)."""
    return [q.check(answers.get(qid)) for qid, q in questions.items()]


def question_set(case: str, *classes: type[Question]) -> Callable[[Mapping[str, pd.DataFrame]],
                                                                   dict[str, Question]]:
    """Make ``questions(tables) -> {qid: Question}`` for a case's exercise from its question classes."""
    for cls in classes:
        cls.case = case

    def build(tables: Mapping[str, pd.DataFrame]) -> dict[str, Question]:
        return {cls.qid: cls(tables) for cls in classes}
    build.case = case  # type: ignore[attr-defined]
    build.qids = tuple(cls.qid for cls in classes)  # type: ignore[attr-defined]
    return build
