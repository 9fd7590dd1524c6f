"""What one graded submission gives: its run, its rows in the gradebook, and why a point was lost.

:class:`Run` is what happened when a submission was executed; :func:`grade_rows` turns it
into one :class:`GradeRow` per question, judged in the grader's process against the answer
key; a question without an answer gets the reason (not run, timed out, the kernel died).
:func:`check_results` reads the check results of a notebook a student ran.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import nbformat

from crm.core.exercise import RESULT_MIME, Question, Text
from crm.grading.sandbox import Limits



def check_results(nb: nbformat.NotebookNode) -> dict[str, dict]:
    """The last check result of every question in an executed notebook, by question id."""
    results: dict[str, dict] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if RESULT_MIME in data:
                result = dict(data[RESULT_MIME])
                result["feedback"] = data.get("text/plain", "")
                results[result["question"]] = result
    return results


@dataclass(frozen=True)
class GradeRow:
    """One student's result on one question: a row of the gradebook."""

    student: str
    file: str
    question: str
    points: float
    max_points: float
    status: str  # correct, wrong, unanswered, not run, invalid; written: to mark, marked, too long, unreadable
    feedback_zh: str
    feedback_en: str
    kind: str = "auto"  # "auto" (checked by the grader) or "written" (marked by hand)
    comment: str = ""  # the grader's comment on a written answer
    met: str = ""  # the rubric lines met, "a;b" (written answers)


@dataclass
class Run:
    """What happened when one submission was executed."""

    cells: list[str] = field(default_factory=list)  # per code cell: ok, error: X, timeout, skipped
    executed: nbformat.NotebookNode | None = None
    problem: Text | None = None  # why the run stopped early, if it did
    measures: list[str] = field(default_factory=list)


def _cell_outcome(cell: nbformat.NotebookNode, seconds: float, timeout: float) -> str:
    # A cell that used its whole time was interrupted by us: its outputs may say
    # KeyboardInterrupt, or nothing at all if the code caught the interrupt.
    if seconds >= timeout:
        return "timeout"
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            if output.get("ename") in ("CellTimeoutError", "KeyboardInterrupt"):
                return "timeout"
            return f"error: {output.get('ename')}: {str(output.get('evalue', ''))[:160]}"
    return "ok"


def _reason_for_missing(qid: str, run: Run, where: int | None, limits: Limits) -> tuple[str, Text]:
    if where is None:
        return "unanswered", Text(f"笔记本里没有 answer_{qid}。", f"The notebook has no answer_{qid}.")
    outcome = run.cells[where] if where < len(run.cells) else "skipped"
    if outcome == "timeout":
        return "not run", Text(f"给 answer_{qid} 赋值的单元格超过了 {limits.cell_seconds:g} 秒的时限，被中断。",
                               f"The cell assigning answer_{qid} ran past the {limits.cell_seconds:g} s limit "
                               "and was interrupted.")
    if outcome == "skipped":
        return "not run", Text(f"笔记本用完了 {limits.notebook_seconds:g} 秒的时限，给 answer_{qid} 赋值的单元格没有运行。",
                               f"The notebook used up its {limits.notebook_seconds:g} s limit before the cell "
                               f"assigning answer_{qid} ran.")
    if outcome.startswith("error"):
        detail = outcome[len("error: "):]
        return "not run", Text(f"给 answer_{qid} 赋值的单元格出错：{detail}",
                               f"The cell assigning answer_{qid} raised {detail}")
    return "unanswered", Text(f"answer_{qid} 没有被赋值。", f"answer_{qid} was never assigned.")


def grade_rows(student: str, file: str, questions: Mapping[str, Question], run: Run | None,
               problem: Text | None, notebook: nbformat.NotebookNode | None, limits: Limits) -> list[GradeRow]:
    """The gradebook rows of one submission, checked here against the grader's questions.

    Parameters
    ----------
    questions : mapping of str to Question
        The exercise's questions built on the grading variant's tables.
    run : Run or None
        The execution, or None when the submission could not be run.
    problem : Text or None
        Why the submission could not be run at all (empty, invalid, another case).
    notebook : NotebookNode or None
        The notebook that was executed (to find the cell of each answer).
    """
    from crm.grading.submission import answer_cells, read_answers, unreadable

    def row(qid: str, q: Question, points: float, status: str, text: Text) -> GradeRow:
        return GradeRow(student, file, qid, points, q.points, status, text.zh, text.en)

    if problem is not None or run is None:
        why = problem or Text("没有运行。", "Not run.")
        return [row(qid, q, 0.0, "invalid", why) for qid, q in questions.items()]
    answers = read_answers(run.executed, list(questions)) if run.executed is not None else None
    where = answer_cells(notebook) if notebook is not None else {}
    rows = []
    for qid, q in questions.items():
        if answers is None:
            why = run.problem or Text("评分程序没能读出答案：笔记本没有运行完。",
                                      "The grader could not read the answers: the notebook did not finish.")
            rows.append(row(qid, q, 0.0, "not run", why))
        elif qid not in answers:
            status, why = _reason_for_missing(qid, run, where.get(qid), limits)
            rows.append(row(qid, q, 0.0, status, why))
        elif (kind := unreadable(answers[qid])) is not None:
            rows.append(row(qid, q, 0.0, "wrong", Text(
                f"answer_{qid} 是一个 {kind}，无法评分：请给出数、文字或列表。",
                f"answer_{qid} is a {kind}, which cannot be graded: give a number, text or list.")))
        else:
            try:
                fb = q.check(answers[qid])
            except Exception as err:  # an answer of a shape no question expects
                rows.append(row(qid, q, 0.0, "wrong", Text(f"答案的形式不对：{type(err).__name__}",
                                                          f"The answer has the wrong form: {type(err).__name__}")))
            else:
                status = "correct" if fb.correct else ("unanswered" if answers[qid] is None else "wrong")
                rows.append(GradeRow(student, file, qid, fb.points, fb.max_points, status,
                                     fb.message_zh, fb.message_en))
    return rows


def _death_reason(status: dict, cell: int | None, limits: Limits) -> Text:
    """Why a kernel died, from how its supervisor saw it end."""
    where_zh = f"（第 {cell + 1} 个代码单元格）" if cell is not None else ""
    where_en = f" (code cell {cell + 1})" if cell is not None else ""
    if "exit_code" in status:
        code = status["exit_code"]
        return Text(f"笔记本自己结束了内核（exit()、quit()、sys.exit() 或 os._exit()，退出码 {code}）{where_zh}，"
                    "之后的单元格和答案都没有运行。",
                    f"The notebook ended its own kernel (exit(), quit(), sys.exit() or os._exit(), exit code {code})"
                    f"{where_en}, so nothing after it ran.")
    sig = status.get("signal", "?")
    if sig == "SIGKILL":
        return Text(f"内核被强制结束（SIGKILL）{where_zh}：可能超出了 {limits.memory_bytes / 2**30:g} GiB 的内存限制，"
                    "或代码结束了它自己。",
                    f"The kernel was killed (SIGKILL){where_en}: perhaps past the {limits.memory_bytes / 2**30:g} GiB "
                    "memory limit, or the code killed itself.")
    return Text(f"内核崩溃了（信号 {sig}）{where_zh}。", f"The kernel crashed (signal {sig}){where_en}.")
