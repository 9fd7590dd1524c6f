"""A submitted exercise notebook: reading it, knowing its case, reading its answers back.

Everything here is plain data handling, testable without a kernel. The grader
(:mod:`crm.grading.runner`) runs the notebook; this module decides what was submitted, adds
the cell that reads the ``answer_qN`` values out of the kernel, and turns what came
back (or did not) into answers and reasons a student can understand.
"""
from __future__ import annotations

import ast
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

import nbformat
from nbformat import NotebookNode

from crm.core.exercise import Text

#: The output type of the grader's own last cell: ``{qid: answer}`` as plain JSON.
ANSWERS_MIME = "application/vnd.crm-casebook.answers+json"
#: Notebook metadata naming the exercise's case: ``{"crm_casebook": {"case": ...}}``.
METADATA_KEY = "crm_casebook"
MAX_ITEMS = 100_000  # a longer collection is not an answer to any question here
MAX_ANSWER_CHARS = 1_000_000  # one answer's JSON; a larger one costs that answer only
MAX_TEXT = 10_000  # characters of one text answer or list item
MAX_FILE_BYTES = 32 * 2**20  # a submitted .ipynb; exercise notebooks are well under 1 MB
MAX_DEPTH = 100  # JSON nesting of a submitted file (a notebook needs about 6)
MAX_CELLS = 5_000
_ASSIGN = re.compile(r"^answer_(q\w+)\s*=", re.MULTILINE)
_CASE_IN_SOURCE = re.compile(r"""(?:load_case\(\s*["'](\w+)["']|crm\.cases\.(\w+)\.questions)""")
_QID = re.compile(r"[qd]\w{1,30}")  # q: automatic questions; d: written ones

# Runs in the student's kernel after all their cells: reads each known answer_qN as plain JSON.
# Each answer is read and sized on its own, so one odd or oversized value costs only itself.
_COLLECTOR = '''\
def __crm_collect(qids):
    import json, numbers
    from IPython.display import display

    def plain(v, depth=0):
        if isinstance(v, str) and len(v) > {max_text}:
            return {{"unreadable": "text of more than {max_text:,} characters"}}
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
            if len(v) > {max_items}:
                return {{"unreadable": "more than {max_items:,} items"}}
            return [plain(x, 1) for x in v]
        return {{"unreadable": type(v).__name__}}

    answers = {{}}
    for qid in qids:
        if "answer_" + qid in globals():
            try:
                value = plain(globals()["answer_" + qid])
                if len(json.dumps(value)) > {max_chars}:
                    value = {{"unreadable": "more than {max_chars:,} characters"}}
            except Exception as err:
                value = {{"unreadable": type(err).__name__}}
            answers[qid] = value
    display({{"{mime}": answers}}, raw=True)

__crm_collect({qids!r})
'''


def collector_source(qids: Sequence[str]) -> str:
    """The grader's last cell for an exercise with these question ids."""
    return _COLLECTOR.format(max_items=MAX_ITEMS, max_chars=MAX_ANSWER_CHARS, max_text=MAX_TEXT, mime=ANSWERS_MIME,
                             qids=list(qids))


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


# Learning-management downloads: Canvas names each file <name>[_LATE]_<user id>_<submission id>_<file>;
# Moodle puts each student's files in "<full name>_<participant id>_assignsubmission_file_" (or
# prefixes each file with it when downloaded without folders).
_CANVAS = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9-]*)_(?:LATE_|late_)?(?P<id>\d+)_\d+_.+$")
_MOODLE = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_(?:file|onlinetext)_?")


@dataclass(frozen=True)
class Identity:
    """Who handed a file in, as far as its path tells.

    Attributes
    ----------
    student : str
        The id a student is graded under (one row each): the learning-management id
        when the path has one, else the folder name or the file name without ``.ipynb``.
    name : str
        The student's name as the path gives it.
    lms : str
        ``"canvas"``, ``"moodle"`` or ``""``.
    lms_id : str
        Canvas user id or Moodle participant id, or ``""``.
    """

    student: str
    name: str
    lms: str = ""
    lms_id: str = ""


def identity(path: Path, folder: Path) -> Identity:
    """Who handed in ``path`` (inside ``folder``): a plain name, or a Canvas or Moodle download."""
    rel = Path(path).relative_to(folder)
    top = rel.parts[0] if len(rel.parts) > 1 else rel.stem
    if (m := _MOODLE.match(top)) or (m := _MOODLE.match(rel.name)):
        return Identity(f"moodle-{m['id']}", m["name"], "moodle", m["id"])
    if len(rel.parts) == 1 and (m := _CANVAS.match(rel.name)):
        return Identity(f"canvas-{m['id']}", m["name"], "canvas", m["id"])
    return Identity(top, top)


def student_id(path: Path, folder: Path) -> str:
    """The student's id for a submission path inside ``folder`` (see :func:`identity`)."""
    return identity(path, folder).student


def choose_submissions(paths: Sequence[Path], folder: Path, case: str | None
                       ) -> tuple[list[Path], dict[Path, Path]]:
    """One file per student: the rule, when a student handed in several.

    Prefer a notebook of this exercise's case (by its metadata or code) over any other
    file; of those, the one modified last (the last hand-in); of equal times, the last
    by name. Returns the files to grade (in ``paths`` order) and, for every file left
    out, the file chosen instead.
    """
    by_student: dict[str, list[Path]] = {}
    for p in paths:
        by_student.setdefault(student_id(p, folder), []).append(p)
    chosen: list[Path] = []
    left_out: dict[Path, Path] = {}

    def rank(p: Path) -> tuple:
        try:
            sub = read_submission(p, folder, case)
            fits = sub.notebook is not None and sub.problem is None
        except OSError:
            fits = False
        return (fits, os.path.getmtime(p), str(p))

    for files in by_student.values():
        best = max(files, key=rank) if len(files) > 1 else files[0]
        chosen.append(best)
        left_out.update({p: best for p in files if p != best})
    keep = set(chosen)
    return [p for p in paths if p in keep], left_out


def notebook_case(nb: NotebookNode) -> str | None:
    """The case an exercise notebook belongs to: its metadata, else what its code loads."""
    meta = nb.get("metadata", {}).get(METADATA_KEY, {})
    if isinstance(meta, dict) and isinstance(meta.get("case"), str):
        return meta["case"]
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and (m := _CASE_IN_SOURCE.search(cell.get("source", ""))):
            return m.group(1) or m.group(2)
    return None


def _nesting_depth(data: bytes) -> int:
    """How deeply JSON ``data`` nests arrays and objects, counted without parsing it."""
    bare = re.sub(rb'"(?:[^"\\]|\\.)*"', b"", data)  # strings cannot open or close anything
    steps = np.frombuffer(bare, dtype=np.uint8)
    moves = (np.isin(steps, (ord("["), ord("{"))).astype(np.int64)
             - np.isin(steps, (ord("]"), ord("}"))).astype(np.int64))
    return int(np.cumsum(moves).max(initial=0))


def _invalid(sub: Submission, detail: str) -> Submission:
    sub.problem = Text(f"这不是一个有效的 Jupyter 笔记本（.ipynb）：{detail}",
                       f"This is not a valid Jupyter notebook (.ipynb): {detail}")
    return sub


def read_submission(path: Path, folder: Path, case: str | None) -> Submission:
    """Read one submitted file and say whether it can be graded for ``case``.

    The file is untrusted: its size and nesting are bounded before it is parsed, and
    whatever the parser or the validator raises makes it invalid, never stops the run.
    """
    sub = Submission(student_id(path, folder), Path(path))
    # A regular file inside the folder, opened without following links: a link in an unpacked
    # archive must not make the grader (often root) read whatever it points to.
    rel = Path(path).relative_to(folder)
    if any((Path(folder) / Path(*rel.parts[:i])).is_symlink() for i in range(1, len(rel.parts) + 1)):
        return _invalid(sub, "a link, not a file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        return _invalid(sub, f"cannot be opened ({err.strerror})")
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            return _invalid(sub, "not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            return _invalid(sub, f"{info.st_size:,} bytes (at most {MAX_FILE_BYTES:,})")
        data = fh.read(MAX_FILE_BYTES + 1)
    if not data.strip():
        sub.problem = Text("提交的文件是空的。", "The submitted file is empty.")
        return sub
    if (depth := _nesting_depth(data)) > MAX_DEPTH:
        return _invalid(sub, f"nested {depth:,} levels deep (at most {MAX_DEPTH})")
    try:
        nb = nbformat.reads(data.decode("utf-8-sig"), as_version=4)
        nbformat.validate(nb)
        if not isinstance(nb.get("cells"), list) or len(nb.cells) > MAX_CELLS:
            return _invalid(sub, f"more than {MAX_CELLS:,} cells")
        for cell in nb.cells:
            if not isinstance(cell.get("source"), str):
                return _invalid(sub, "a cell without text")
    except Exception as err:  # noqa: BLE001 -- any failure of an untrusted file is "not a notebook"
        detail = str(err).splitlines()[0][:200] if str(err) else type(err).__name__
        return _invalid(sub, detail)
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


def runnable(nb: NotebookNode, qids: Sequence[str]) -> NotebookNode:
    """The notebook to execute: code cells that do something, without old outputs, then the collector."""
    out = nbformat.v4.new_notebook(metadata=nb.get("metadata", {}))
    for cell in nb.cells:
        if cell.cell_type == "code" and _does_something(cell.source):
            out.cells.append(nbformat.v4.new_code_cell(cell.source))
    out.cells.append(nbformat.v4.new_code_cell(collector_source(qids)))
    return out


#: What an answer read back may be; anything else a kernel sends is "unreadable".
MALFORMED = {"unreadable": "malformed answer record"}


def _scalar(v: Any) -> bool:
    if v is None or isinstance(v, bool):
        return True
    if isinstance(v, int):
        return abs(v) < 10**300
    if isinstance(v, float):
        return math.isfinite(v)
    return isinstance(v, str) and len(v) <= MAX_TEXT


def _answer(value: Any) -> Any:
    """One answer as the collector sends it, checked for shape (the kernel is not trusted)."""
    if _scalar(value):
        return value
    if isinstance(value, list):
        return value if len(value) <= MAX_ITEMS and all(_scalar(x) or _answer_special(x) for x in value) \
            else MALFORMED
    return _answer_special(value) or MALFORMED


def _answer_special(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        if value.get("float") in ("nan", "inf", "-inf"):
            return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[value["float"]]
        if isinstance(value.get("unreadable"), str):
            return {"unreadable": value["unreadable"][:200]}
    return None


def read_answers(executed: NotebookNode, qids: Sequence[str] | None = None) -> dict[str, Any] | None:
    """The answers the collector cell (the last cell) reported, or None if it did not.

    Only an object of question ids is an answer record; of it, only the ids asked for
    (all ``q…`` and ``d…`` ids when ``qids`` is None), each of a shape an answer can have, are
    read. A malformed value becomes ``{"unreadable": …}``, costing that answer only.
    """
    if not executed.cells:
        return None
    record = None
    for output in executed.cells[-1].get("outputs", []):
        data = output.get("data") if isinstance(output, dict) else None
        if isinstance(data, dict) and isinstance(data.get(ANSWERS_MIME), dict):
            record = data[ANSWERS_MIME]
    if record is None:
        return None
    wanted = set(qids) if qids is not None else None
    answers: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(key, str) and _QID.fullmatch(key) and (wanted is None or key in wanted):
            answers[key] = _answer(value)
    return answers


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
