"""Written questions: a short analysis in the student's words, marked by hand against a rubric.

The case method lives on discussion: each case notebook ends its sections with "想一想 /
Think" and a "讨论 / Discussion" list. A :class:`WrittenQuestion` turns one of those prompts
into an exercise question with

- a prompt (zh and en);
- a rubric: :class:`Criterion` lines, each worth some points, with a description in both
  languages; a written answer's points are the sum of the lines the grader ticks;
- optionally ``uses``: the automatic questions (``q3``, ...) whose numbers a good answer should
  quote. Their values come from the answer key on whatever tables the question was built on,
  so the grader sees them for each data variant (the students' data and the grading variant);
  a student's notebook never shows them (they are other questions' answers).

The student writes the answer as a Python string, ``answer_d1 = \"\"\"...\"\"\"``, in a code cell
(why a string and not a markdown cell: see :mod:`crm.grading.written`). ``check`` only
records: it says how long the answer is and which rubric lines it will be marked on. It
writes no automatic check result (:data:`crm.core.exercise.RESULT_MIME`): nothing about a
written answer is decided by a machine.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Callable, Mapping

import pandas as pd

from crm.core.exercise import KEY_PACKAGE, AnswerKeyHidden, Text

#: Characters a written answer may have (the grader's collector refuses longer text).
MAX_WRITTEN = 10_000


@dataclass(frozen=True)
class Criterion:
    """One line of a rubric: what a good answer does, worth ``points``."""

    cid: str
    points: float
    zh: str
    en: str

    def text(self, lang: str) -> str:
        """The description in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Recorded:
    """What ``check`` shows for a written answer: recorded, how long, marked by hand."""

    question: str
    characters: int
    rubric: tuple[Criterion, ...]

    @property
    def message_zh(self) -> str:
        if not self.characters:
            return "尚未作答：把你的分析写在三引号之间，再运行这个单元格。"
        return f"已记录 {self.characters} 个字符。书面题由老师按评分标准人工批改。"

    @property
    def message_en(self) -> str:
        if not self.characters:
            return "Not answered yet: write your analysis between the triple quotes, then run the cell."
        return f"Recorded: {self.characters} characters. Written answers are marked by hand against the rubric."

    def __str__(self) -> str:
        return f"{self.message_zh}\n{self.message_en}"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        lines = "".join(f"<li>{html.escape(c.zh)} / {html.escape(c.en)} ({c.points:g})</li>" for c in self.rubric)
        body = f"{html.escape(self.message_zh)}<br>{html.escape(self.message_en)}"
        return {"text/plain": f"[{self.question}] {self}",
                "text/html": f'<div class="crm-written"><b>{self.question}</b> {body}<ul>{lines}</ul></div>'}


class WrittenQuestion:
    """Base class: a written question of a case's exercise (subclasses set the class attributes).

    Attributes
    ----------
    qid : str
        ``d1``, ``d2``, ... (the answer is ``answer_<qid>``).
    prompt : Text
        The question, zh and en.
    rubric : tuple of Criterion
        What the grader ticks; the question is worth the sum of their points.
    uses : mapping of str to Text
        Automatic question id -> what its number is, for the numbers a good answer quotes.
    """

    qid: str = "d"
    case: str = ""
    prompt: Text = Text("", "")
    rubric: tuple[Criterion, ...] = ()
    uses: Mapping[str, Text] = {}

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        self.tables = tables

    @property
    def points(self) -> float:
        """The most the answer can earn: every rubric line met."""
        return float(sum(c.points for c in self.rubric))

    def criterion(self, cid: str) -> Criterion:
        """The rubric line ``cid`` (KeyError if the rubric has none)."""
        for c in self.rubric:
            if c.cid == cid:
                return c
        raise KeyError(cid)

    def points_for(self, met: set[str] | frozenset[str] | list[str]) -> float:
        """The points of an answer meeting the rubric lines ``met`` (unknown ids count nothing)."""
        return float(sum(c.points for c in self.rubric if c.cid in set(met)))

    def numbers(self) -> dict[str, Any]:
        """The values of the ``uses`` questions on ``self.tables`` (raises AnswerKeyHidden while grading)."""
        try:
            answers = import_module(f"{KEY_PACKAGE}.{self.case}").ANSWERS
        except (ImportError, AttributeError):
            raise AnswerKeyHidden() from None
        return {qid: answers[qid].compute(self.tables) for qid in self.uses}

    def check(self, answer: Any) -> Recorded:
        """Record the answer: how long it is; nothing is judged."""
        text = answer if isinstance(answer, str) else ""
        return Recorded(self.qid, len(text.strip()), self.rubric)

    def hint(self) -> Text:
        """The rubric, as the student sees it before answering."""
        return Text("\n".join(f"- {c.zh}（{c.points:g} 分）" for c in self.rubric),
                    "\n".join(f"- {c.en} ({c.points:g} points)" for c in self.rubric))


def written_set(case: str, *classes: type[WrittenQuestion]) -> Callable[[Mapping[str, pd.DataFrame]],
                                                                        dict[str, WrittenQuestion]]:
    """Make ``written(tables) -> {qid: WrittenQuestion}`` for a case's exercise."""
    for cls in classes:
        cls.case = case
        ids = [c.cid for c in cls.rubric]
        if not cls.qid.startswith("d") or len(set(ids)) != len(ids) or not ids:
            raise ValueError(f"{case} {cls.qid}: a written question is d<N> with a rubric of distinct lines")

    def build(tables: Mapping[str, pd.DataFrame]) -> dict[str, WrittenQuestion]:
        return {cls.qid: cls(tables) for cls in classes}
    build.case = case  # type: ignore[attr-defined]
    build.qids = tuple(cls.qid for cls in classes)  # type: ignore[attr-defined]
    return build
