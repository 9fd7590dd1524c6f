"""A submitted exercise notebook: reading it, knowing its case, reading its answers back.

Everything here is plain data handling, testable without a kernel. The grader
(:mod:`crm.grade`) runs the notebook; this module decides what was submitted, adds
the cell that reads the ``answer_qN`` values out of the kernel, and turns what came
back (or did not) into answers and reasons a student can understand.
"""
from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from crm.exercise import Text

#: The output type of the grader's own last cell: ``{qid: answer}`` as plain JSON.
ANSWERS_MIME = "application/vnd.crm-casebook.answers+json"
#: Notebook metadata naming the exercise's case: ``{"crm_casebook": {"case": ...}}``.
METADATA_KEY = "crm_casebook"
MAX_ITEMS = 100_000  # a longer collection is not an answer to any question here
_ASSIGN = re.compile(r"^answer_(q\w+)\s*=", re.MULTILINE)
_CASE_IN_SOURCE = re.compile(r"""(?:load_case\(\s*["'](\w+)["']|crm\.questions\.(\w+))""")

# Runs in the student's kernel after all their cells: reads every answer_qN as plain JSON.
# Each answer is read on its own, so one odd value cannot hide the others.
COLLECTOR_SOURCE = f'''\
def __crm_collect():
    import numbers
    from IPython.display import display

    def plain(v, depth=0):
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, numbers.Integral):
            return int(v)
        if isinstance(v, numbers.Real):
            v = float(v)
            return v if v == v and abs(v) != float("inf") else {{"float": repr(v)}}
        if getattr(v, "ndim", None) == 0 and hasattr(v, "item"):
            return plain(v.item(), depth)
        if depth == 0 and (isinstance(v, (set, frozenset, list, tuple)) or
                           type(v).__name__ in ("ndarray", "Series", "Index")):
            if len(v) > {MAX_ITEMS}:
                return {{"unreadable": "more than {MAX_ITEMS:,} items"}}
            return [plain(x, 1) for x in v]
        return {{"unreadable": type(v).__name__}}

    answers = {{}}
    for name, value in list(globals().items()):
        if name.startswith("answer_q"):
            try:
                answers[name[len("answer_"):]] = plain(value)
            except Exception as err:
                answers[name[len("answer_"):]] = {{"unreadable": type(err).__name__}}
    display({{"{ANSWERS_MIME}": answers}}, raw=True)

__crm_collect()
'''


@dataclass
class Submission:
    """One submitted file, read and checked before anything runs.

    Attributes
    ----------
    student : str
        The student's id: the file name without ``.ipynb`` (or the folder name for
        ``<student>/<anything>.ipynb``).
    path : Path
        Where it was read from.
    notebook : NotebookNode or None
        The parsed notebook, or None when it cannot be run.
    case : str or None
        The case the notebook is an exercise for, when it can be told.
    problem : Text or None
        Why the submission cannot be run (empty, not a notebook, another case).
    """

    student: str
    path: Path
    notebook: NotebookNode | None = None
    case: str | None = None
    problem: Text | None = None


def find_submissions(folder: Path) -> list[Path]:
    """Every ``*.ipynb`` in ``folder`` and in its direct subfolders, sorted."""
    folder = Path(folder)
    found = [p for p in folder.glob("*.ipynb") if p.is_file()]
    found += [p for p in folder.glob("*/*.ipynb") if p.is_file() and ".ipynb_checkpoints" not in p.parts]
    return sorted(found)


def student_id(path: Path, folder: Path) -> str:
    """The student's id for a submission path inside ``folder``."""
    rel = Path(path).relative_to(folder)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def notebook_case(nb: NotebookNode) -> str | None:
    """The case an exercise notebook belongs to: its metadata, else what its code loads."""
    meta = nb.get("metadata", {}).get(METADATA_KEY, {})
    if isinstance(meta, dict) and isinstance(meta.get("case"), str):
        return meta["case"]
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and (m := _CASE_IN_SOURCE.search(cell.get("source", ""))):
            return m.group(1) or m.group(2)
    return None


def read_submission(path: Path, folder: Path, case: str | None) -> Submission:
    """Read one submitted file and say whether it can be graded for ``case``."""
    sub = Submission(student_id(path, folder), Path(path))
    data = Path(path).read_bytes()
    if not data.strip():
        sub.problem = Text("提交的文件是空的。", "The submitted file is empty.")
        return sub
    try:
        nb = nbformat.reads(data.decode("utf-8-sig"), as_version=4)
        nbformat.validate(nb)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError,
            nbformat.ValidationError) as err:
        detail = str(err).splitlines()[0][:200] if str(err) else type(err).__name__
        sub.problem = Text(f"这不是一个有效的 Jupyter 笔记本（.ipynb）：{detail}",
                           f"This is not a valid Jupyter notebook (.ipynb): {detail}")
        return sub
    sub.notebook, sub.case = nb, notebook_case(nb)
    if case is not None and sub.case not in (None, case):
        sub.problem = Text(f"这是“{sub.case}”案例的练习，而本次批改的是“{case}”。",
                           f"This is the exercise for the '{sub.case}' case; this assignment is '{case}'.")
    elif case is not None and sub.case is None:
        sub.problem = Text(f"看不出这是哪个案例的练习：请提交“{case}”练习笔记本。",
                           f"This does not look like an exercise notebook: submit the '{case}' exercise.")
    return sub


def _does_something(source: str) -> bool:
    """False for a cell of only comments and blank lines (the commented-out hint calls)."""
    try:
        return bool(ast.parse(source).body)
    except SyntaxError:  # IPython syntax (magics, !shell) or a real error: run it and see
        return True


def runnable(nb: NotebookNode) -> NotebookNode:
    """The notebook to execute: code cells that do something, without old outputs, then the collector."""
    out = nbformat.v4.new_notebook(metadata=nb.get("metadata", {}))
    for cell in nb.cells:
        if cell.cell_type == "code" and _does_something(cell.source):
            out.cells.append(nbformat.v4.new_code_cell(cell.source))
    out.cells.append(nbformat.v4.new_code_cell(COLLECTOR_SOURCE))
    return out


def read_answers(executed: NotebookNode) -> dict[str, Any] | None:
    """The answers the collector cell (the last cell) reported, or None if it did not."""
    if not executed.cells:
        return None
    for output in executed.cells[-1].get("outputs", []):
        answers = output.get("data", {}).get(ANSWERS_MIME)
        if isinstance(answers, dict):
            return {str(k): _revive(v) for k, v in answers.items()}
    return None


def _revive(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"float"}:
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}.get(value["float"], math.nan)
    return value


def unreadable(value: Any) -> str | None:
    """The type name of an answer the collector could not read, else None."""
    if isinstance(value, dict) and "unreadable" in value:
        return str(value["unreadable"])
    return None


def answer_cells(nb: NotebookNode) -> dict[str, int]:
    """For each question id, the index of the last code cell that assigns ``answer_<qid>``."""
    where: dict[str, int] = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for qid in _ASSIGN.findall(cell.source):
                where[qid] = i
    return where
