"""Fast, confined kernels for grading: forked from a warm template process.

Starting a Python kernel and importing pandas takes several seconds here, and
loading a case as long again; a hundred submissions would spend most of their time
on that. A *template* process (``python -m crm.kernels``) imports the libraries and
loads the grading data once, then forks one kernel per submission on request. Each
child confines itself (:func:`crm.sandbox.confine`) before it starts the IPython
kernel, so no student code ever runs unconfined. :class:`ForkProvisioner` lets
jupyter_client (and so nbclient) use such a kernel like any other.
"""
from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from crm.sandbox import Limits, confine

_WARM_MODULES = ("numpy", "pandas", "pyarrow", "crm", "IPython", "ipykernel.kernelapp", "ipykernel.ipkernel",
                 "ipykernel.debugger", "IPython.core.completerlib")  # what a kernel imports as it starts


class Template:
    """The warm template process that forks grading kernels (one per grader run).

    Parameters
    ----------
    case : str
        The case whose modules and (after :meth:`preload`) tables the kernels inherit.
    """

    def __init__(self, case: str) -> None:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "PYTHONDONTWRITEBYTECODE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        # Started at once: it imports the libraries while the grader generates the data.
        self._proc = subprocess.Popen([sys.executable, "-m", "crm.kernels", case],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
        self._lock = threading.Lock()
        self.startup_seconds: float | None = None

    def preload(self, data_dir: Path) -> None:
        """Start loading the grading data in the template; the first :meth:`fork` waits for it."""
        with self._lock:
            self._proc.stdin.write(json.dumps({"preload": str(data_dir)}) + "\n")
            self._proc.stdin.flush()

    def _wait_ready(self) -> None:
        if self.startup_seconds is None:
            ready = self._read()
            if not ready.get("ready"):
                raise RuntimeError(f"the kernel template did not start: {ready}")
            self.startup_seconds = ready["seconds"]

    def _read(self) -> dict:
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the kernel template exited (code {self._proc.poll()})")
        return json.loads(line)

    def fork(self, request: dict[str, Any]) -> int:
        """Fork one confined kernel; returns its process id."""
        with self._lock:
            self._wait_ready()
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
            reply = self._read()
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return int(reply["pid"])

    def close(self) -> None:
        """Stop the template (kernels already forked are stopped by their managers)."""
        if self._proc.poll() is None:
            self._proc.stdin.close()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()


class ForkedProcess:
    """A ``Popen``-like handle on a kernel forked by the template (not our child)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)  # the template reaps its children, so a dead one is gone
            except ProcessLookupError:
                self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        try:
            os.killpg(self.pid, signum)  # the kernel leads its own session: its children too
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkProvisioner(LocalProvisioner):
    """A jupyter_client provisioner whose kernel comes from a :class:`Template`.

    Set ``template`` and ``request`` (the sandbox settings: workdir, sandbox_root,
    hide, limits, uid, env) before the kernel is started.
    """

    template: Template | None = None
    request: dict[str, Any] = {}

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> dict:
        info = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in self.connection_info.items()}
        request = {**self.request, "connection": info}
        pid = await asyncio.get_running_loop().run_in_executor(None, self.template.fork, request)
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid
        self.cwd = self.request["workdir"]
        return self.connection_info


# ---- the template process itself (python -m crm.kernels CASE) ----------------------------

def _run_kernel(request: dict[str, Any]) -> None:
    """In the forked child: confine, then become an IPython kernel (never returns)."""
    os.setsid()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    workdir = Path(request["workdir"])
    log = os.open(workdir / ".kernel.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.closerange(3, 1024)
    connection = workdir / ".kernel.json"
    connection.write_text(json.dumps(request["connection"]))
    if request.get("uid") is not None and os.geteuid() == 0:
        for path in (connection, workdir / ".kernel.log"):
            os.chown(path, request["uid"], request["uid"])
    measures = confine(workdir, Path(request["sandbox_root"]), [Path(p) for p in request["hide"]],
                       Limits(**request["limits"]), request.get("uid"),
                       extra_readable=[Path(__file__).resolve().parents[1]])
    os.environ.clear()
    os.environ.update(request["env"])
    (workdir / ".sandbox.json").write_text(json.dumps(measures))
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=["-f", str(connection), "--HistoryManager.enabled=False",
                                      "--IPKernelApp.log_level=WARN"])
    os._exit(0)


def _serve(case: str) -> None:
    start = time.perf_counter()
    import importlib

    for module in _WARM_MODULES:
        importlib.import_module(module)
    from crm.io import preload_case
    from crm.questions import questions_for

    questions_for(case)
    first = json.loads(sys.stdin.readline() or "{}")
    if "preload" not in first:
        return
    preload_case(case, Path(first["preload"]))
    # Children share the template's memory copy-on-write; a garbage collection in a child
    # would write to every object's header and copy the whole heap. Frozen objects are
    # never collected, so the children's collections leave those pages shared.
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
        except OSError as err:  # e.g. out of processes: this submission fails, the run goes on
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
    _serve(sys.argv[1])
