"""Exercise question sets, one module per case: ``questions(tables) -> {qid: Question}``."""
from __future__ import annotations

from importlib import import_module
from typing import Callable

import pandas as pd

from crm.exercise import Question


def questions_for(case: str) -> Callable[[dict[str, pd.DataFrame]], dict[str, Question]]:
    """The ``questions`` builder of a case (``crm.questions.<case>``)."""
    return import_module(f"crm.questions.{case}").questions
