"""Warm kernels for the published apps: every visitor's kernel forked from a template process.

Starting a Python kernel, importing pandas, plotly and the views, and loading a case
take seconds, and each kernel then holds its own copy of all of it. The *app template*
(``python -m widgets.app.fork_kernels CASES_DIR``) does that once: it imports the libraries
and every module the case notebooks import (read from their code cells, so a new case
is warm with no code here), runs each notebook once and drops the views it built
(:func:`warm_up`: what a first run imports and caches stays), loads every case's tables
(:func:`crm.core.io.preload_case`), freezes the heap against the garbage collector, and
then forks one IPython kernel per request. A visit then costs only running the notebook's cells, which build that
visitor's views; the libraries and the tables stay shared copy-on-write.

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
                "IPython.core.completerlib", "crm", "widgets.figure", "widgets.i18n")
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

    IPKernelApp.launch_instance(argv=["-f", request["connection_file"], "--HistoryManager.enabled=False",
                                      "--IPKernelApp.log_level=WARN"])
    os._exit(0)


def _serve(cases_dir: Path) -> None:
    start = time.perf_counter()
    for module in (*WARM_MODULES, *notebook_imports(cases_dir)):
        try:
            importlib.import_module(module)
        except ImportError:  # the notebook will say so itself
            pass
    from crm.cases import preload_case

    warm_up(cases_dir)
    for case in notebook_cases(cases_dir):  # after the warm-up: the kernels' first load_case takes these
        preload_case(case)
    # Children share the template's memory copy-on-write; a collection in a child would
    # write to every object's header and copy the heap. Frozen objects are never collected.
    gc.collect()
    gc.freeze()
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
