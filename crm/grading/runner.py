"""The grading command: run every submitted exercise notebook and write a gradebook.

``crm-grade SUBMISSIONS --seed N`` regenerates the exercise's case from the grader's
seed (a data variant no student has seen), then runs each submission in its own
confined kernel (:mod:`crm.grading.kernels`, :mod:`crm.grading.sandbox`) with time and memory limits,
reads the ``answer_qN`` values back and checks them here, in the grader's process,
against answers computed from the variant. Nothing a notebook prints about itself
is trusted; a broken or hostile notebook loses only its own points, with a reason.

The smaller pieces also serve the tests: :func:`fill_answers`, :func:`execute_notebook`
and :func:`check_results` run a notebook as a student would.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Mapping, Protocol, Sequence

import nbformat
from nbclient import NotebookClient

from crm.core.exercise import Text
from crm.core.io import ENV_DATA_DIR
from crm.grading.sandbox import Limits, processes_in_namespace, uids_in_use
from crm.grading.results import GradeRow, Run, _cell_outcome, _death_reason, grade_rows


_ANSWER_LINE = re.compile(r"^(answer_(q\w+))\s*=.*$", re.MULTILINE)
_COLLECT_SECONDS = 10.0  # for the grader's own last cell (0.05 s normally), beyond the notebook's limit
_UID_BASE, _UID_RANGE = 61000, 4000  # unprivileged user ids for submissions when the grader runs as root
MAX_CELL_OUTPUT = 2 * 2**20  # characters of output kept per cell; a flood must not fill our memory
MAX_NOTEBOOK_OUTPUT = 16 * 2**20  # characters of output kept per notebook
#: Largest message the grader accepts from a kernel, checked by ZeroMQ before anything is decoded;
#: a larger one is dropped unread. With at most _QUEUED messages waiting per socket, what one
#: kernel can make the grader hold is bounded.
MAX_MESSAGE_BYTES = 8 * 2**20
_QUEUED = 64



class Advances(Protocol):
    """What :meth:`Grader.grade_all` tells of its progress (the command's progress bar)."""

    def advance(self) -> None: ...


class CappedClient(NotebookClient):
    """A NotebookClient that keeps at most :data:`MAX_CELL_OUTPUT` characters of output per cell
    and :data:`MAX_NOTEBOOK_OUTPUT` per notebook.

    A submission that prints in a loop would otherwise pile its output up in the
    grader's memory (the kernel's memory limit does not cover what it sends). Errors
    are kept while the notebook's budget lasts: they are the reasons in the gradebook.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._output_used: dict[int, int] = {}  # characters seen so far, per cell index
        self._notebook_used = 0
        self._cut: set[int] = set()  # cells whose output was cut (noted once each)

    def output(self, outs, msg, display_id, cell_index):  # noqa: D102 (nbclient's signature)
        size = len(str(msg.get("content", "")))
        used = self._output_used.get(cell_index, 0) + size
        self._output_used[cell_index] = used
        self._notebook_used += size
        over_cell = used > MAX_CELL_OUTPUT and msg["msg_type"] != "error"
        if over_cell or self._notebook_used > MAX_NOTEBOOK_OUTPUT:
            if cell_index not in self._cut:
                self._cut.add(cell_index)
                outs.append(nbformat.v4.new_output("stream", name="stderr", text=(
                    f"[评分程序：输出超过 {MAX_CELL_OUTPUT:,} 个字符，其余省略 / grader: output past "
                    f"{MAX_CELL_OUTPUT:,} characters left out]\n")))
            return None
        return super().output(outs, msg, display_id, cell_index)


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


def fill_written(nb: nbformat.NotebookNode, answers: Mapping[str, str]) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose statement assigning ``answer_<qid>`` (a written question) assigns the given source.

    ``answers`` maps a written question id (``"d1"``) to Python source for the right-hand side,
    e.g. ``repr(text)`` or an f-string quoting ``answer_q3``; the rest of the cell is kept.
    """
    import ast

    out = nbformat.from_dict(nb)
    for cell in out.cells:
        if cell.cell_type != "code" or "answer_d" not in cell.source:
            continue
        lines = cell.source.split("\n")
        for node in reversed(ast.parse(cell.source).body):
            if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and node.targets[0].id.startswith("answer_") and node.targets[0].id[7:] in answers):
                qid = node.targets[0].id[7:]
                lines[node.lineno - 1:node.end_lineno] = [f"answer_{qid} = {answers[qid]}"]
        cell.source = "\n".join(lines)
    return out


def execute_notebook(nb: nbformat.NotebookNode, cwd: Path, data_dir: Path | None = None,
                     timeout: int = 120) -> nbformat.NotebookNode:
    """Execute ``nb`` in a fresh, ordinary kernel in ``cwd`` (data from ``data_dir`` if given).

    Errors in cells do not stop the run (a student's broken cell must not hide the
    checks after it); they stay in the outputs.
    """
    env = dict(os.environ)
    if data_dir is not None:
        env[ENV_DATA_DIR] = str(data_dir)
    out = nbformat.from_dict(nb)
    client = NotebookClient(out, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(env=env)  # keyword arguments reach the kernel manager's start_kernel
    return out


def _package_folder(name: str) -> list[Path]:
    from importlib.util import find_spec

    spec = find_spec(name)
    if spec is None:
        return []
    if spec.submodule_search_locations:
        return [Path(p).resolve() for p in spec.submodule_search_locations]
    return [Path(spec.origin).resolve()] if spec.origin else []


class _LimitedKernelManager:
    """Makes an AsyncKernelManager whose client sockets refuse oversized messages unread."""

    _context = None

    @classmethod
    def make(cls, **kwargs):
        import zmq
        import zmq.asyncio
        from jupyter_client.manager import AsyncKernelManager

        if cls._context is None:
            ctx = zmq.asyncio.Context()
            ctx.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
            ctx.setsockopt(zmq.RCVHWM, _QUEUED)
            cls._context = ctx

        class Manager(AsyncKernelManager):
            def client(self, **kw):
                kw.setdefault("context", self.context)
                return super().client(**kw)

        return Manager(context=cls._context, **kwargs)


class Grader:
    """Grades submissions of one exercise on one data variant.

    Parameters
    ----------
    case : str
        The exercise's case.
    seed : int
        The grader's seed for the data variant.
    limits : Limits
        Per-submission time, memory and process limits.
    jobs : int
        Submissions run at the same time (default: one per core).
    hide : sequence of Path
        Further paths to cover wherever they fall inside a kernel's view. A kernel sees
        only an allow-list anyway (:mod:`crm.grading.sandbox`): the Python installation, the
        package code but the answer key, the data variant and its own folder.
    """

    def __init__(self, case: str, seed: int, limits: Limits = Limits(), jobs: int | None = None,
                 hide: Sequence[Path] = ()) -> None:
        from crm.answer_key import KEY_PACKAGE
        from crm.cases import load_case, questions_for, write_case
        from crm.grading.kernels import Template

        self.case, self.seed, self.limits = case, seed, limits
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.template = Template(case)
        self._work = Path(tempfile.mkdtemp(prefix="crm-grade-work-"))
        self._sandboxes = Path(tempfile.mkdtemp(prefix="crm-grade-"))
        os.chmod(self._sandboxes, 0o711)  # others may enter their own folder, not list the rest
        self.measures: Counter[str] = Counter()
        self.checked = 0  # submissions checked for processes left behind
        self.survivors = 0  # processes found (and killed) after their submission ended
        self._next_uid = 0
        self._live: dict[int, int | None] = {}  # kernel pid -> its user id, while it runs
        self._cleanups: set[asyncio.Task] = set()
        try:
            self.data_dir = write_case(case, seed, self._work / "variant").parent
            self.template.preload(self.data_dir)  # in the template's process, meanwhile:
            build = questions_for(case)
            self.qids = tuple(build.qids)
            tables = load_case(case, self.data_dir)
            self.questions = build(tables)
            for q in self.questions.values():
                _ = q._answer_key  # computed once, here, before any submission runs
            self.written_questions, self.specs = self._written(case, tables)
            self.written: dict[str, dict] = {}  # student -> qid -> WrittenAnswer, as collected
            self.written_rows: dict[str, list[GradeRow]] = {}  # student -> the rows of the written answers
            self.readable = [p for name in ("crm", "widgets") for p in _package_folder(name)]
            self.covered = [*_package_folder(KEY_PACKAGE), *(Path(p).resolve() for p in hide)]
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _written(case: str, tables: Mapping) -> tuple[dict, dict[str, dict]]:
        """The case's written questions on the variant, and their specs (rubric, numbers on both data)."""
        from crm.cases import load_case, written_for
        from crm.grading.merge import question_spec

        build = written_for(case)
        if build is None:
            return {}, {}
        questions = build(tables)
        on_students = build(load_case(case))  # the data the students were given
        specs = {qid: question_spec(q, on_students[qid].numbers(), q.numbers()) for qid, q in questions.items()}
        return questions, specs

    def close(self) -> None:
        """Stop every kernel still running, the kernel template, and remove every temporary folder."""
        import signal as _signal

        for pid in list(self._live):
            try:
                os.kill(pid, _signal.SIGKILL)
            except OSError:
                pass
        self.template.close()
        shutil.rmtree(self._work, ignore_errors=True)
        shutil.rmtree(self._sandboxes, ignore_errors=True)

    def __enter__(self) -> "Grader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _free_uid(self) -> int:
        """An unprivileged user id that owns no process now and no running kernel of ours."""
        busy = uids_in_use() | {u for u in self._live.values() if u is not None}
        for _ in range(_UID_RANGE):
            uid = _UID_BASE + self._next_uid % _UID_RANGE
            self._next_uid += 1
            if uid not in busy:
                return uid
        raise RuntimeError("no free user id for a submission")

    def _sandbox(self) -> tuple[Path, dict]:
        token = secrets.token_hex(8)
        workdir = self._sandboxes / token
        workdir.mkdir()
        root = self._work / "roots" / token  # where the kernel's own root is mounted
        root.mkdir(parents=True)
        uid = self._free_uid() if os.geteuid() == 0 else None
        if uid is not None:
            os.chown(workdir, uid, uid)
        os.chmod(workdir, 0o700)
        bindir = str(Path(sys.executable).parent)
        env = {"PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin", "HOME": str(workdir), "TMPDIR": str(workdir),
               "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "MPLCONFIGDIR": str(workdir),
               ENV_DATA_DIR: str(workdir / "data")}
        request = {"workdir": str(workdir), "root": str(root), "readable": [str(p) for p in self.readable],
                   "covered": [str(p) for p in self.covered], "data": str(self.data_dir), "uid": uid,
                   "env": env, "limits": vars(self.limits), "status_file": str(self._work / "roots" / f"{token}.status")}
        return workdir, request

    async def run(self, nb: nbformat.NotebookNode) -> Run:
        """Execute ``nb`` (already made runnable) in a fresh confined kernel."""
        from nbclient.exceptions import DeadKernelError

        from crm.grading.kernels import ForkProvisioner

        start = time.monotonic()
        workdir, request = self._sandbox()
        # IPC sockets in the kernel's own folder: a kernel in its own network namespace has no
        # address the grader could reach, and no other kernel can reach these.
        km = _LimitedKernelManager.make(kernel_name="python3", transport="ipc", ip=str(workdir / "kernel"))
        km.kernel_id = secrets.token_hex(8)
        km.provisioner = ForkProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km)
        km.provisioner.template, km.provisioner.request = self.template, request
        client = CappedClient(nb, km=km, timeout=int(self.limits.cell_seconds), allow_errors=True,
                              interrupt_on_timeout=True, startup_timeout=120, iopub_timeout=10,
                              error_on_timeout={"ename": "CellTimeoutError", "evalue": "time limit",
                                                "traceback": []})
        run = Run(cells=["skipped"] * (len(nb.cells) - 1))
        deadline = start + self.limits.notebook_seconds
        current: int | None = None
        try:
            async with client.async_setup_kernel():
                started = km.provisioner.started
                self._live[int(started["pid"])] = request["uid"]
                for i, cell in enumerate(nb.cells[:-1]):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    current = i
                    client.timeout = max(1, int(min(self.limits.cell_seconds, remaining)))
                    began = time.monotonic()
                    await client.async_execute_cell(cell, i)
                    run.cells[i] = _cell_outcome(cell, time.monotonic() - began, client.timeout)
                current = None
                client.timeout = int(_COLLECT_SECONDS)
                began = time.monotonic()
                await client.async_execute_cell(nb.cells[-1], len(nb.cells) - 1)
                if _cell_outcome(nb.cells[-1], time.monotonic() - began, client.timeout) == "timeout":
                    mib = MAX_MESSAGE_BYTES / 2**20
                    run.problem = Text(f"笔记本停不下来（可能是无法中断的死循环），或发出了超过 {mib:g} MiB 的消息，"
                                       "评分程序读不到答案。",
                                       "The notebook would not stop (an uninterruptible loop?) or sent a message "
                                       f"larger than {mib:g} MiB, so its answers could not be read.")
        except DeadKernelError:
            run.problem = _death_reason(await self._status(request), current, self.limits)
            if current is not None and current < len(run.cells):
                run.cells[current] = "died"
        except Exception as err:  # the kernel would not start or answer: this submission only
            run.problem = Text(f"内核出错：{type(err).__name__}: {str(err)[:300]}",
                               f"The kernel failed: {type(err).__name__}: {str(err)[:300]}")
        finally:
            import atexit

            atexit.unregister(client._cleanup_kernel)  # nbclient leaves it registered when a start fails
            run.measures = list(km.provisioner.started.get("measures", []))
            # Stopping the kernel and removing its folder need not hold up the next submission.
            task = asyncio.ensure_future(self._clean_up(client, km, workdir, request))
            self._cleanups.add(task)
            task.add_done_callback(self._cleanups.discard)
        run.executed = nb
        self.measures.update(run.measures)
        return run

    @staticmethod
    async def _status(request: dict, wait: float = 2.0) -> dict:
        """How the kernel ended, as its supervisor wrote it (outside the kernel's view)."""
        path = Path(request["status_file"])
        deadline = time.monotonic() + wait
        while not path.exists() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            return {"signal": "?"}

    async def _clean_up(self, client, km, workdir: Path, request: dict) -> None:
        """Stop the kernel, check that nothing of the submission survives it, remove its folder."""
        import signal as _signal

        if client.kc is not None:
            client.kc.stop_channels()
        try:
            await km.shutdown_kernel(now=True)
        except Exception:  # already gone
            pass
        started = km.provisioner.started if km.provisioner is not None else {}
        pid, ns = started.get("pid"), getattr(km.provisioner, "namespace", None)
        if pid is not None:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    os.kill(int(pid), 0)
                except ProcessLookupError:
                    break
                await asyncio.sleep(0.05)
            self._live.pop(int(pid), None)
            left = processes_in_namespace(ns) if ns is not None else []
            if ns is not None:
                os.close(ns)
            for other in left:
                try:
                    os.kill(other, _signal.SIGKILL)
                except OSError:
                    pass
            self.checked += 1
            self.survivors += len(left)
        if os.environ.get("CRM_GRADE_KEEP_LOGS"):
            keep = Path(os.environ["CRM_GRADE_KEEP_LOGS"])
            shutil.copy(workdir / ".kernel.log", keep / f"{workdir.name}.log")
            status = Path(request["status_file"])
            (keep / f"{workdir.name}.status").write_text(
                (status.read_text() if status.exists() else "none") + json.dumps(started))
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(request["root"], ignore_errors=True)
        Path(request["status_file"]).unlink(missing_ok=True)

    async def grade_one(self, path: Path, folder: Path) -> list[GradeRow]:
        """Read, run and check one submitted file; whatever it holds, it returns its rows."""
        from crm.grading.submission import read_answers, read_submission, runnable, student_id

        file = str(Path(path).relative_to(folder))
        student = student_id(path, folder)
        try:
            sub = read_submission(path, folder, self.case)
            student = sub.student
            if sub.problem is not None or sub.notebook is None:
                self._keep_written(student, file, None, None, sub.problem)
                return grade_rows(sub.student, file, self.questions, None, sub.problem, None, self.limits)
            nb = runnable(sub.notebook, self.qids + tuple(self.written_questions))
            run = await self.run(nb)
            answers = read_answers(run.executed, list(self.written_questions)) if run.executed is not None else None
            gave_nothing = run.problem or Text("评分程序没能读出答案：笔记本没有运行完。",
                                               "The grader could not read the answers: the notebook did not finish.")
            self._keep_written(student, file, answers, sub.notebook, gave_nothing if answers is None else None,
                               "not run")
            return grade_rows(sub.student, file, self.questions, run, None, nb, self.limits)
        except Exception as err:  # never the whole run: this submission gets rows that say so
            why = Text(f"评分程序无法处理这个提交：{type(err).__name__}",
                       f"The grader could not process this submission: {type(err).__name__}")
            self._keep_written(student, file, None, None, why)
            return grade_rows(student, file, self.questions, None, why, None, self.limits)

    def _keep_written(self, student: str, file: str, answers: Mapping | None, notebook, problem: Text | None,
                      problem_status: str = "invalid") -> None:
        """Collect one submission's written answers (:mod:`crm.grading.written`) and their rows, kept apart
        from the automatic rows :meth:`grade_one` returns."""
        from crm.grading.merge import written_rows
        from crm.grading.written import collect_written

        self.written[student] = collect_written(student, self.written_questions, answers, notebook)
        self.written_rows[student] = written_rows(student, file, self.written_questions, self.written[student],
                                                  problem, problem_status)

    async def grade_all(self, folder: Path, paths: Sequence[Path], progress: Advances | None = None
                        ) -> list[GradeRow]:
        """Grade every path, ``jobs`` at a time; rows come back in the order of ``paths``."""
        gate = asyncio.Semaphore(self.jobs)

        async def one(path: Path) -> list[GradeRow]:
            async with gate:
                rows = await self.grade_one(path, folder)
            if progress is not None:
                progress.advance()
            return rows

        results = await asyncio.gather(*(one(p) for p in paths))
        await asyncio.gather(*list(self._cleanups))
        return [row for rows in results for row in rows]
