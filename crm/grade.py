"""Running exercise notebooks and collecting their checks (the core of grading).

An exercise notebook assigns ``answer_qN = ...`` and calls ``q["qN"].check(answer_qN)``;
each check displays a result under :data:`crm.exercise.RESULT_MIME`. Here a notebook
is executed in a kernel (optionally on another data variant, through the
``CRM_CASEBOOK_DATA`` environment variable) and those results are read back.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Mapping

import nbformat

from crm.exercise import RESULT_MIME
from crm.io import ENV_DATA_DIR

_ANSWER_LINE = re.compile(r"^(answer_(q\w+))\s*=.*$", re.MULTILINE)


def fill_answers(nb: nbformat.NotebookNode, answers: Mapping[str, str]) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose ``answer_<qid> = ...`` lines assign the given code.

    ``answers`` maps a question id (``"q1"``) to Python source for the right-hand
    side (``"0.25"`` or ``"tx['amount'].sum()"``); other answer lines are kept.
    """
    out = nbformat.from_dict(nb)
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.source = _ANSWER_LINE.sub(
                lambda m: f"{m.group(1)} = {answers[m.group(2)]}" if m.group(2) in answers else m.group(0),
                cell.source)
    return out


def execute_notebook(nb: nbformat.NotebookNode, cwd: Path, data_dir: Path | None = None,
                     timeout: int = 120) -> nbformat.NotebookNode:
    """Execute ``nb`` in a fresh kernel in ``cwd`` (data from ``data_dir`` if given).

    Errors in cells do not stop the run (a student's broken cell must not hide the
    checks after it); they stay in the outputs.
    """
    from nbclient import NotebookClient

    env = dict(os.environ)
    if data_dir is not None:
        env[ENV_DATA_DIR] = str(data_dir)
    out = nbformat.from_dict(nb)
    client = NotebookClient(out, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(env=env)  # keyword arguments reach the kernel manager's start_kernel
    return out


def check_results(nb: nbformat.NotebookNode) -> dict[str, dict]:
    """The last check result of every question in an executed notebook, by question id."""
    results: dict[str, dict] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if RESULT_MIME in data:
                result = dict(data[RESULT_MIME])
                text = data.get("text/plain", "")
                result["feedback"] = text
                results[result["question"]] = result
    return results
