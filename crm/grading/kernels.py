"""Fast, confined kernels for grading: forked from a warm template process.

Starting a Python kernel and importing pandas takes several seconds here, and
loading a case as long again; a hundred submissions would spend most of their time
on that. A *template* process (``python -m crm.grading.kernels``) imports the libraries and
loads the grading data once, then forks one kernel per submission on request: a
supervisor that enters a new PID namespace and forks the kernel as its process 1
(so every process the student starts ends with the kernel), which confines itself
(:func:`crm.grading.sandbox.confine`) before it starts the IPython kernel, so no student code
ever runs unconfined. The template never imports the answer key, so no kernel's
memory holds it. :class:`ForkProvisioner` lets jupyter_client (and so nbclient) use
such a kernel like any other; it talks to it over IPC sockets in the kernel's folder.
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

from crm.grading.sandbox import (FileView, Limits, become_subreaper, confine, die_with_parent, enter_pid_namespace,
                                 file_view, open_namespace, python_paths)

_WARM_MODULES = ("numpy", "pandas", "pyarrow", "crm", "IPython", "ipykernel.kernelapp", "ipykernel.ipkernel",
                 "ipykernel.debugger", "IPython.core.completerlib")  # what a kernel imports as it starts


_PASSED_ON = ("PATH", "PYTHONPATH", "VIRTUAL_ENV", "LANG", "TZ")


class Template:
    """The warm template process that forks grading kernels (one per grader run).

    Parameters
    ----------
    case : str
        The case whose modules and (after :meth:`preload`) tables the kernels inherit.
    """

    def __init__(self, case: str) -> None:
        # Only what Python and its libraries need: a kernel's /proc/self/environ shows the environment
        # the template was started with, so nothing else of the grader's is handed on.
        env = {k: v for k, v in os.environ.items() if k in _PASSED_ON or k.startswith(("LC_", "OPENBLAS_"))}
        env.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                    "PYTHONDONTWRITEBYTECODE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
        # Started at once: it imports the libraries while the grader generates the data.
        self._proc = subprocess.Popen([sys.executable, "-m", "crm.grading.kernels", case],
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

    def fork(self, request: dict[str, Any]) -> dict[str, Any]:
        """Fork one confined kernel: ``{"pid", "ns", "measures"}`` (its process id, PID namespace,
        and the isolation measures in force, reported before any student code ran)."""
        with self._lock:
            self._wait_ready()
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
            reply = self._read()
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply

    def close(self) -> None:
        """Stop the template (kernels already forked are stopped by their managers)."""
        stop_template(self._proc)


def stop_template(proc: subprocess.Popen) -> None:
    """End a template process: close its requests (it exits at their end), kill it if it will not."""
    if proc.poll() is None:
        proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


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

    Set ``template`` and ``request`` (the sandbox settings: workdir, root, readable,
    covered, data, limits, uid, env, status_file) before the kernel is started; after
    it started, ``started`` holds the template's reply (pid, PID namespace, measures).
    """

    template: Template | None = None
    request: dict[str, Any] = {}
    started: dict[str, Any] = {}
    namespace: int | None = None  # a descriptor on the kernel's PID namespace, while it is checked

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> dict:
        info = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in self.connection_info.items()}
        request = {**self.request, "connection": info}
        self.started = await asyncio.get_running_loop().run_in_executor(None, self.template.fork, request)
        pid = int(self.started["pid"])
        try:  # held until the grader has checked that nothing of the kernel survives it
            self.namespace = open_namespace(pid)
            if os.readlink(f"/proc/self/fd/{self.namespace}") != self.started.get("ns"):
                os.close(self.namespace)
                self.namespace = None
        except OSError:
            self.namespace = None
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid
        self.cwd = self.request["workdir"]
        return self.connection_info


# ---- the template process itself (python -m crm.grading.kernels CASE) ----------------------------

def _read_to_end(fd: int) -> bytes:
    """Everything written to a pipe until its writers close it; the pipe is closed."""
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def _status_text(status: int) -> dict[str, Any]:
    if os.WIFEXITED(status):
        return {"exit_code": os.WEXITSTATUS(status)}
    if os.WIFSIGNALED(status):
        return {"signal": signal.Signals(os.WTERMSIG(status)).name}
    return {"status": status}


def _run_kernel(request: dict[str, Any], view: FileView, report: int) -> None:
    """In the kernel process (process 1 of its namespace): confine, then become an IPython kernel."""
    os.setsid()
    die_with_parent(signal.SIGKILL)  # the supervisor gone: the kernel, and so its namespace, goes too
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    workdir = Path(request["workdir"])
    log = os.open(workdir / ".kernel.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.closerange(3, report)
    os.closerange(report + 1, 65536)
    connection = workdir / ".kernel.json"
    connection.write_text(json.dumps(request["connection"]))
    if request.get("uid") is not None and os.geteuid() == 0:
        for path in (connection, workdir / ".kernel.log"):
            os.chown(path, request["uid"], request["uid"])
    measures = confine(view, Path(request["root"]), Limits(**request["limits"]), request.get("uid"))
    os.write(report, json.dumps(measures).encode())
    os.close(report)  # from here on nothing the student does reaches the grader but the kernel's sockets
    os.environ.clear()
    os.environ.update(request["env"])
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=["-f", str(connection), "--HistoryManager.enabled=False",
                                      "--IPKernelApp.log_level=WARN"])
    os._exit(0)


def _supervise(request: dict[str, Any], reply: int, python: list[Path]) -> None:
    """In the supervisor (forked from the template): a new PID namespace, the kernel as its process 1.

    Sends ``{"pid", "ns", "measures"}`` on ``reply``, waits for the kernel and writes how it
    ended to ``request["status_file"]`` (outside the kernel's view), then exits.
    """
    die_with_parent(signal.SIGKILL)  # the template gone (the grader stopped): everything goes
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    try:
        measures = [enter_pid_namespace()]
    except OSError as err:
        measures = [f"no own process namespace: {err}"]
    view = file_view(Path(request["workdir"]), [*python, *map(Path, request["readable"])],
                     map(Path, request["covered"]), request.get("data"))
    confined_r, confined_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(confined_r)
            _run_kernel(request, view, confined_w)
        except BaseException:  # before student code: our failure, said in the kernel's log
            import traceback

            traceback.print_exc()
        finally:
            os._exit(70)
    os.close(confined_w)
    try:
        measures += json.loads(_read_to_end(confined_r) or b"[]")
    except ValueError:
        measures.append("no confinement report")
    try:
        ns = os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        ns = None
    os.write(reply, json.dumps({"pid": pid, "ns": ns, "measures": measures}).encode())
    os.close(reply)
    _, status = os.waitpid(pid, 0)
    Path(request["status_file"]).write_text(json.dumps(_status_text(status)))
    os._exit(0)


def _serve(case: str) -> None:
    start = time.perf_counter()
    die_with_parent(signal.SIGKILL)  # the grader gone: no template, no kernels
    import importlib

    for module in _WARM_MODULES:
        importlib.import_module(module)
    from crm.cases import preload_case, questions_for

    questions_for(case)  # the prompts only: the answer key is never imported here
    first = json.loads(sys.stdin.readline() or "{}")
    if "preload" not in first:
        return
    preload_case(case, Path(first["preload"]))
    python = python_paths()  # what the kernels need of the installation, once
    # Children share the template's memory copy-on-write; a garbage collection in a child
    # would write to every object's header and copy the whole heap. Frozen objects are
    # never collected, so the children's collections leave those pages shared.
    gc.collect()
    gc.freeze()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # supervisors are reaped automatically
    try:
        become_subreaper()  # a kernel whose supervisor was killed is still ours to reap
    except OSError:
        pass
    out = sys.stdout
    out.write(json.dumps({"ready": True, "seconds": round(time.perf_counter() - start, 3)}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply_r, reply_w = os.pipe()
            pid = os.fork()
        except OSError as err:  # e.g. out of processes: this submission fails, the run goes on
            out.write(json.dumps({"error": f"cannot start a kernel: {err}"}) + "\n")
            out.flush()
            continue
        if pid == 0:
            try:
                os.close(reply_r)
                _supervise(request, reply_w, python)
            finally:
                os._exit(70)
        os.close(reply_w)
        try:
            reply = json.loads(_read_to_end(reply_r))
        except ValueError:
            reply = {"error": "the kernel supervisor failed before the kernel started"}
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    _serve(sys.argv[1])
