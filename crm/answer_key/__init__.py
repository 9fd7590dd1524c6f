"""The answer keys of the exercises: one module per case, ``ANSWERS = {qid: Answer}``.

The question objects a notebook builds (:mod:`crm.cases.questions`) hold prompts and hints
only; how an answer is computed, and the method a solution shows, live here. In a
student's own notebook ``check()`` and ``solution()`` load this package to judge on
the student's data. The grader's own process loads it to judge submissions; a grading
kernel never does: the kernel template does not import it, and a grading kernel's
file view covers this folder (:data:`KEY_PACKAGE` names it for the grader), so a
submission cannot import, read or rebuild it, whatever it does to its own objects.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any, Callable, Mapping

import pandas as pd

from crm.core.exercise import KEY_PACKAGE, Text

assert KEY_PACKAGE == __name__  # the grader covers the folder of the package the questions load
#: The tables of a case, by name.
Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class Answer:
    """How one question's answer is found: a function of the tables, and the method shown."""

    compute: Callable[[Tables], Any]
    method: Text


def answers_for(case: str) -> Mapping[str, Answer]:
    """The answer key of a case's exercise (``crm.answer_key.<case>.ANSWERS``)."""
    return import_module(f"{KEY_PACKAGE}.{case}").ANSWERS
