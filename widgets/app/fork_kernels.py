"""Warm kernels for the published apps: every visitor's kernel forked from a template process.

Starting a Python kernel, importing pandas, plotly and the views, and loading a case
take seconds, and each kernel then holds its own copy of all of it. The *app template*
(``python -m widgets.app.fork_kernels CASES_DIR``) does that once: it imports the libraries
and every module the case notebooks import (read from their code cells, so a new case
is warm with no code here), runs each notebook once and drops the views it built
(:func:`warm_up`: what a first run imports and caches stays), loads every case's tables
(:func:`crm.cases.preload_case`), freezes the heap against the garbage collector, and
then forks one IPython kernel per request. The tables are loaded before the warm-up and made
read-only, so that the results of the notebooks' heavy analytics (fitting the supermarket's
models, say) are computed once here and read by every kernel (:mod:`crm.core.shared_results`).
A visit then costs only running the notebook's cells, which build that visitor's views; the
libraries, the tables and those results stay shared copy-on-write.

Shared pages stay shared only while nobody writes to them, and CPython writes to every
object it reads (its reference count). So the template lays its memory out for forking:
the tables hold each distinct string once, in pages of their own (``preload_case``); the
holes the warm-up left in its arenas are filled (:func:`fill_free_blocks`), so that what a
kernel allocates goes to pages it can give back; plotly's front end is read once, here; a
kernel trims its C heap after every cell. ``benchmarks/visitor_memory.py`` measures a
visitor kernel's own pages.

:class:`AppForkProvisioner` (entry point ``casebook-fork`` of the group
``jupyter_client.kernel_provisioners``) lets jupyter_server start such kernels like any
other; ``crm-publish`` makes it the default provisioner of its server (the
``JUPYTER_DEFAULT_PROVISIONER_NAME`` variable of jupyter_client's provisioner factory).

Unlike the grader's template (:mod:`crm.grading.kernels`) the kernels are not confined: a Voila
page can send only widget messages to its kernel, never code.
"""
from __future__ import annotations

import asyncio
import gc
import importlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from crm.grading.kernels import ForkedProcess, stop_template

PROVISIONER_NAME = "casebook-fork"
#: What every kernel imports as it starts, beside the notebooks' own imports.
WARM_MODULES = ("numpy", "pandas", "pyarrow", "plotly.graph_objects", "ipywidgets", "anywidget", "comm",
                "IPython", "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.comm", "ipykernel.debugger",
                "IPython.core.completerlib", "crm", "widgets.figure", "widgets.i18n",
                # what IPKernelApp imports as it starts (the kernel's own copy would cost it memory;
                # tests/widgets/app/test_fork_kernels.py checks that a kernel imports nothing new)
                "IPython.core.debugger", "IPython.core.logger", "IPython.core.oinspect", "IPython.extensions.storemagic",
                "IPython.utils.wildcard", "faulthandler", "pdb", "psutil", "runpy", "tornado.platform.asyncio")
#: The modules the template had imported when it forked its first kernel (set in the template only).
TEMPLATE_MODULES: frozenset[str] = frozenset()
#: The notebooks whose warm-up run failed in the template, with the error (set in the template only).
WARM_UP_FAILED: dict[str, str] = {}
_IMPORT = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))", re.M)


def notebook_imports(cases_dir: Path) -> list[str]:
    """The modules the code cells of the notebooks in ``cases_dir`` import, sorted."""
    modules = set()
    for path in sorted(Path(cases_dir).glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                modules.update(a or b for a, b in _IMPORT.findall(source))
    return sorted(modules)


def notebook_code(path: Path) -> list[str]:
    """The code cells of a notebook, in order."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]


def warm_up(cases_dir: Path) -> dict[str, str]:
    """Run every case notebook's cells once in this process, then drop what they built.

    What stays is what a first run leaves behind in the libraries: plotly's lazily
    imported figure classes and validators, pandas' and numpy's lazily imported parts,
    the crm caches. Each forked kernel then shares those instead of importing them
    again into its own memory. Widgets built here are closed and the notebook-wide
    language forgets their observers, so a kernel starts with no view but its own.
    Returns ``{notebook: error}`` for notebooks that failed (they are only not warm).
    """
    import contextlib
    import io

    import ipywidgets

    from widgets.i18n import LANG

    observers = {name: {kind: list(handlers) for kind, handlers in by_kind.items()}
                 for name, by_kind in LANG._trait_notifiers.items()}
    failed = {}
    for path in sorted(Path(cases_dir).glob("*.ipynb")):
        namespace: dict[str, Any] = {"__name__": "__main__"}
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                for source in notebook_code(path):
                    exec(compile(source, str(path), "exec"), namespace)  # noqa: S102 (our own notebooks)
        except Exception as err:  # noqa: BLE001 (a broken notebook says so in its app)
            failed[path.name] = f"{type(err).__name__}: {err}"
        namespace.clear()
    ipywidgets.Widget.close_all()
    LANG.code = "zh"
    LANG._trait_notifiers.clear()
    LANG._trait_notifiers.update(observers)
    return failed


def notebook_cases(cases_dir: Path) -> list[str]:
    """The cases whose notebooks are in ``cases_dir`` (registered cases only)."""
    from crm.cases import case_catalogue

    return [name for name in case_catalogue().index if (Path(cases_dir) / f"{name}.ipynb").exists()]


class AppTemplate:
    """The running template process of one ``crm-publish`` server (see the module docstring)."""

    _instance: AppTemplate | None = None
    _instance_lock = threading.Lock()

    def __init__(self, cases_dir: Path) -> None:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "widgets.app.fork_kernels", str(cases_dir)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
        self._lock = threading.Lock()
        self.startup_seconds: float | None = None

    @classmethod
    def start(cls, cases_dir: Path) -> AppTemplate:
        """Start the server's template (once); it warms up while the server starts."""
        with cls._instance_lock:
            if cls._instance is None or cls._instance.proc.poll() is not None:
                cls._instance = cls(cases_dir)
            return cls._instance

    @classmethod
    def current(cls) -> AppTemplate:
        if cls._instance is None:
            cls.start(Path(os.environ.get("CRM_CASEBOOK_CASES", Path.cwd())))
        return cls._instance

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the app kernel template exited (code {self.proc.poll()})")
        return json.loads(line)

    def fork(self, request: dict[str, Any]) -> int:
        """Fork one kernel (``connection_file``, ``cwd``, ``env``); returns its process id."""
        with self._lock:
            if self.startup_seconds is None:
                ready = self._read()
                self.startup_seconds = ready["seconds"]
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            reply = self._read()
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return int(reply["pid"])

    def close(self) -> None:
        stop_template(self.proc)


class AppForkProvisioner(LocalProvisioner):
    """A jupyter_client provisioner whose kernels are forked from the :class:`AppTemplate`."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> dict:
        request = {"connection_file": str(self.parent.connection_file),
                   "cwd": str(kwargs.get("cwd") or Path.cwd()),
                   "env": {k: str(v) for k, v in (kwargs.get("env") or os.environ).items()}}
        template = AppTemplate.current()
        pid = await asyncio.get_running_loop().run_in_executor(None, template.fork, request)
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid
        self.cwd = request["cwd"]
        return self.connection_info


# ---- the template process itself (python -m widgets.app.fork_kernels CASES_DIR) --------------------

def _die_with_parent() -> None:
    """Linux: a SIGTERM when the template exits, so a server killed outright leaves no kernel behind."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the server's shutdown stops the kernels
        pass
    if os.getppid() == 1:  # the template died before prctl
        os._exit(1)


def _run_kernel(request: dict[str, Any]) -> None:
    """In the forked child: become an IPython kernel on the given connection file (never returns)."""
    os.setsid()
    _die_with_parent()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, 1024)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(["-f", request["connection_file"], "--HistoryManager.enabled=False", "--IPKernelApp.log_level=WARN"])
    register_kernel_hooks()
    # What a cell frees inside the C heap goes back to the system, not kept for the next cell.
    app.shell.events.register("post_execute", malloc_trim)
    app.start()
    os._exit(0)


def register_kernel_hooks() -> None:
    """In a forked kernel, once its shell exists: what libraries do at import when a kernel runs.

    The template imported them with no kernel, so their import-time hooks found none. ipywidgets
    registers its comm targets then: without ``jupyter.widget.control`` a page's request for
    all widget states at once was refused (the kernel closed the comm), and the page fell back
    to asking for each widget's state in turn, a round trip per widget (about 1.5 s more before
    the first view drew, measured with the supermarket app's 100 widgets).
    """
    import ipywidgets

    ipywidgets.register_comm_target()


_MALLOC_STATS = re.compile(r"^\s*\d+\s+(\d+)\s+\d+\s+\d+\s+(\d+)\s*$", re.M)
_UNUSED_POOLS = re.compile(r"^(\d+) unused pools \* (\d+) bytes", re.M)
#: Objects that fill the template's free pymalloc blocks (see :func:`fill_free_blocks`); never touched.
_FILLER: list = []


def pymalloc_free() -> tuple[dict[int, int], int, int]:
    """CPython's small-object allocator now: ({block size: free blocks in used pools}, unused pools, pool size)."""
    import tempfile

    with tempfile.TemporaryFile("w+") as out:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()  # writes to the C stderr
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read()
    free = {int(size): int(avail) for size, avail in _MALLOC_STATS.findall(text.split("\n#", 1)[0]) if int(avail)}
    unused = _UNUSED_POOLS.search(text)
    return free, int(unused[1]) if unused else 0, int(unused[2]) if unused else 16384


def _block(size: int, i: int) -> object:
    """A new object that takes one pymalloc block of ``size`` bytes and is not tracked by the collector."""
    if size <= 16:
        return object()
    if size <= 32:
        return (1 << 40) + i  # a two-digit int: 32 bytes
    return bytes(size - 33)  # a bytes object takes 33 bytes + its length


def fill_free_blocks(rounds: int = 4) -> int:
    """Take every free block of the template's pymalloc arenas with filler objects; returns the bytes taken.

    The warm-up leaves its freed objects as holes all over the template's arenas. A forked
    kernel allocates into those holes first: each page it writes there becomes its own
    copy and stays so after the kernel frees the object (the template's objects keep the
    arena alive), so every temporary of a view build stayed in the kernel's memory. With
    the holes filled, a kernel's objects go to arenas of its own, which pymalloc gives
    back to the system once they are empty. The filler is never touched again.
    """
    taken = 0
    for _ in range(rounds):
        free, unused_pools, pool_size = pymalloc_free()
        if unused_pools:  # largest blocks first: 31 of them fill a pool
            free[512] = free.get(512, 0) + unused_pools * (pool_size // 512)
        if sum(size * count for size, count in free.items()) < 256 * 1024:
            break
        for size, count in free.items():
            _FILLER.extend(_block(size, i) for i in range(count))
            taken += size * count
    return taken


def malloc_trim() -> None:
    """glibc: give the free pages inside the C heap back to the system (nothing elsewhere)."""
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _serve(cases_dir: Path) -> None:
    import widgets.app.fork_kernels as this  # this module as kernels import it (the template runs as __main__)

    start = time.perf_counter()
    for module in (*WARM_MODULES, *notebook_imports(cases_dir)):
        try:
            importlib.import_module(module)
        except ImportError:  # the notebook will say so itself
            pass
    from crm.cases import preload_case
    from crm.core.shared_results import share_results
    from widgets.figure import plotly_widget_bundle

    plotly_widget_bundle()  # the 5 MB every page asks its kernel for: read once, shared by all kernels
    fill_free_blocks()  # the tables' strings then fill pages of their own (crm.cases.preload_case)
    for case in notebook_cases(cases_dir):  # every load_case of these, here and in the kernels, shares them
        preload_case(case)
    # The notebooks' heavy analytics of those tables (crm.core.shared_results.shared) are then
    # computed once, by the warm-up run, and every kernel reads the template's results.
    share_results()
    this.WARM_UP_FAILED = warm_up(cases_dir)
    # Children share the template's memory copy-on-write; a collection in a child would
    # write to every object's header and copy the heap. Frozen objects are never collected.
    this.TEMPLATE_MODULES = frozenset(sys.modules)
    gc.collect()
    gc.freeze()
    fill_free_blocks()
    malloc_trim()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    out = sys.stdout
    out.write(json.dumps({"ready": True, "seconds": round(time.perf_counter() - start, 3)}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            pid = os.fork()
        except OSError as err:  # out of processes or memory: this visitor fails, the server goes on
            out.write(json.dumps({"error": f"cannot start a kernel: {err}"}) + "\n")
            out.flush()
            continue
        if pid == 0:
            try:
                _run_kernel(request)
            finally:
                os._exit(1)
        out.write(json.dumps({"pid": pid}) + "\n")
        out.flush()


if __name__ == "__main__":
    _serve(Path(sys.argv[1]))
