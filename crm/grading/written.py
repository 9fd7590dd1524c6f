"""Collecting written answers: ``answer_dN = \"\"\"...\"\"\"`` out of a submission, bounded and clean.

Why a string in a code cell rather than a markdown answer cell: the answer is found by its
name, as the automatic ones are (a markdown cell would need a cell id or tag that JupyterLab
loses when a student splits, copies or re-creates the cell); it is read by the same
collector in the same confined kernel, so no new path carries student data into the grader;
and a student may quote the numbers of the own run with an f-string, which then shows the
grading variant's numbers in the grader's run.

Two ways in, neither runs student code in the grader's process:

- the collector cell of the grading run (:mod:`crm.grading.submission`) reads the value in
  the student's confined kernel, bounded to :data:`crm.core.written.MAX_WRITTEN` characters;
- if the run did not reach the answer (an error, a time limit), the answer's own cell is
  parsed (never executed) and a plain string literal assigned to ``answer_dN`` is taken.

Whatever comes in is text to show, never markup: :func:`clean_text` drops control
characters and unpaired surrogates (which no UTF-8 file can hold); every place that shows it
escapes it (the marking app, the feedback files, the CSV exports).
"""
from __future__ import annotations

import ast
import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any, Mapping, Sequence

from nbformat import NotebookNode

from crm.core.written import MAX_WRITTEN, WrittenQuestion

MAX_SOURCE = 200_000  # characters of a cell parsed for a literal; a longer cell is not looked into
_ASSIGNS = re.compile(r"^answer_(d\w{1,30})\s*=", re.MULTILINE)


@dataclass(frozen=True)
class WrittenAnswer:
    """One student's written answer to one question, as collected.

    ``status`` is ``answered``, ``unanswered`` (no text, or the placeholder), ``too long`` or
    ``unreadable`` (not text); ``text`` is the cleaned text ("" unless answered).
    """

    student: str
    question: str
    status: str
    text: str = ""
    source: str = ""  # "kernel" or "cell" (read from the cell without running it)

    def to_json(self) -> dict:
        return asdict(self)


def clean_text(text: str) -> str:
    """``text`` without control characters (newlines and tabs kept) and unpaired surrogates."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # unpaired surrogates become "?"
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def literal_answers(nb: NotebookNode, qids: Sequence[str]) -> dict[str, str]:
    """For each ``qid``, the plain string literal the notebook assigns to ``answer_<qid>``, parsed, not run.

    The last assignment wins (as it would when run); an f-string, a name, a cell that does
    not parse or is longer than :data:`MAX_SOURCE` gives nothing.
    """
    wanted, found = set(qids), {}
    for cell in nb.get("cells", []):
        source = cell.get("source", "")
        if cell.get("cell_type") != "code" or not isinstance(source, str) or len(source) > MAX_SOURCE:
            continue
        if not set(_ASSIGNS.findall(source)) & wanted:
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in tree.body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and node.targets[0].id.startswith("answer_") and node.targets[0].id[7:] in wanted
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                found[node.targets[0].id[7:]] = node.value.value
    return found


def _one(student: str, qid: str, value: Any, source: str) -> WrittenAnswer:
    if isinstance(value, dict) and "unreadable" in value:
        detail = str(value["unreadable"])
        return WrittenAnswer(student, qid, "too long" if "characters" in detail else "unreadable", "", source)
    if value is None or value is Ellipsis:
        return WrittenAnswer(student, qid, "unanswered", "", source)
    if not isinstance(value, str):
        return WrittenAnswer(student, qid, "unreadable", "", source)
    if len(value) > MAX_WRITTEN:
        return WrittenAnswer(student, qid, "too long", "", source)
    text = clean_text(value).strip()
    return WrittenAnswer(student, qid, "answered" if text else "unanswered", text, source)


def collect_written(student: str, questions: Mapping[str, WrittenQuestion], answers: Mapping[str, Any] | None,
                    notebook: NotebookNode | None) -> dict[str, WrittenAnswer]:
    """Each written question's answer: from the grading run's ``answers``, else the notebook's literal.

    Parameters
    ----------
    answers : mapping or None
        What the collector read in the student's kernel (None when the run gave nothing).
    notebook : NotebookNode or None
        The submitted notebook (None when it could not be read).
    """
    literals = literal_answers(notebook, list(questions)) if notebook is not None else {}
    out = {}
    for qid in questions:
        if answers is not None and qid in answers:
            out[qid] = _one(student, qid, answers[qid], "kernel")
        elif qid in literals:
            out[qid] = _one(student, qid, literals[qid], "cell")
        else:
            out[qid] = WrittenAnswer(student, qid, "unanswered")
    return out
