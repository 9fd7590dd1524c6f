"""The confinement of one grading kernel, checked in forked children (as CI runs: as root)."""
import json
import os
import signal
import socket
import time
from pathlib import Path

import pytest

import crm
from crm.grading.sandbox import (Limits, confine, enter_pid_namespace, file_view, open_namespace, prctl_set,
                                 processes_in_namespace, python_paths, uids_in_use)

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the uid switch is tested as root (as CI runs)")
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def tmp_path():
    """A folder in /tmp itself, as the grader uses (pytest's own is closed to other users)."""
    import shutil
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="crm-test-sandbox-"))
    os.chmod(path, 0o711)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def in_confined_child(tmp_path, probe):
    """Run ``probe()`` in a forked, confined child; returns what it reports (JSON)."""
    root = tmp_path / "sandboxes"
    own, other, secret, data, mount = root / "own", root / "other", tmp_path / "secret", tmp_path / "data", \
        tmp_path / "root"
    for d in (own, other, secret, data, mount):
        d.mkdir(parents=True)
    (other / "answers.txt").write_text("other student")
    (secret / "solutions.py").write_text("ANSWERS = 1")
    (data / "table.csv").write_text("a\n1\n")
    os.chmod(root, 0o711)
    os.chown(own, 61999, 61999)
    package = Path(crm.__file__).parent
    view = file_view(own, [*python_paths(), package], covered=[package / "answer_key"], data=data)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            measures = confine(view, mount, Limits(memory_bytes=512 * 2**20), uid=61999)
            os.write(w, json.dumps({"measures": measures,
                                    **probe(root, own, other, secret, server.getsockname()[1])}).encode())
        except BaseException as err:
            os.write(w, json.dumps({"crash": repr(err)}).encode())
        finally:
            os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    server.close()
    with os.fdopen(r) as f:
        return json.loads(f.read())


def attempt(fn):
    try:
        return repr(fn())
    except Exception as err:
        return type(err).__name__


def test_a_confined_kernel_sees_only_its_allow_list(tmp_path):
    def probe(root, own, other, secret, port):
        (own / "mine.txt").write_text("ok")
        package = Path(crm.__file__).parent
        return {"uid": os.getuid(), "cwd": os.getcwd(), "root": sorted(os.listdir(root)),
                "top": sorted(os.listdir("/")),
                "home": attempt(lambda: sorted(os.listdir(Path.home()))),
                "secret": attempt(lambda: os.listdir(secret)),
                "other": attempt(lambda: (other / "answers.txt").read_text()),
                "key": attempt(lambda: os.listdir(package / "answer_key")),
                "package": attempt(lambda: "core" in os.listdir(package)),
                "repo": attempt(lambda: sorted(os.listdir(REPO))),
                "git": attempt(lambda: os.listdir(REPO / ".git")),
                "tests": attempt(lambda: (REPO / "tests" / "solutions" / "supermarket.py").read_text()),
                "data": attempt(lambda: (own / "data" / "table.csv").read_text()),
                "write_data": attempt(lambda: (own / "data" / "x.csv").write_text("x")),
                "write_tmp": attempt(lambda: Path("/tmp/crm-escape.txt").write_text("x")),
                "write_package": attempt(lambda: (package / "escape.txt").write_text("x")),
                "mine": (own / "mine.txt").read_text(),
                "memory": attempt(lambda: len(bytearray(1024 * 2**20))),
                "connect": attempt(lambda: socket.create_connection(("127.0.0.1", port), timeout=2)),
                "import": attempt(lambda: __import__("json").dumps([1]))}

    seen = in_confined_child(tmp_path, probe)
    assert "crash" not in seen, seen["crash"]
    assert seen["measures"] == ["allow-listed file system view", "own network (loopback only)", "resource limits",
                                "own user id", "no new privileges"]
    assert seen["uid"] == 61999 and seen["cwd"] == str(tmp_path / "sandboxes" / "own")
    assert seen["root"] == ["own"]  # no other submission's folder, not even its name
    assert seen["secret"] == "FileNotFoundError" and seen["other"] == "FileNotFoundError"
    assert seen["key"] == "[]" and seen["package"] == "True"  # the package, with its answer key covered
    assert seen["git"] == "FileNotFoundError" and seen["tests"] == "FileNotFoundError"
    assert ".git" not in seen["repo"] and "tests" not in seen["repo"]
    assert seen["data"] == "'a\\n1\\n'" and seen["write_data"] == "OSError"
    assert seen["write_tmp"] in ("OSError", "FileNotFoundError") and seen["write_package"] == "OSError"
    assert seen["mine"] == "ok" and seen["memory"] == "MemoryError" and seen["import"] == "'[1]'"
    assert seen["connect"] == "ConnectionRefusedError"  # the machine's loopback is another network
    # The top of the view holds only what leads to an allowed path, and the system's usual links.
    allowed = {Path(p).parts[1] for p in file_view(REPO, python_paths() + [Path(crm.__file__).parent]).readable}
    assert set(seen["top"]) <= allowed | {"dev", "proc", "etc", "tmp", "bin", "lib", "lib32", "lib64", "sbin"}
    assert "home" not in seen["top"] and "var" not in seen["top"]
    assert seen["home"] in ("FileNotFoundError", "['.pyenv']", "[]")  # a home folder shows no more than Python
    assert not Path("/tmp/crm-escape.txt").exists()
    assert (tmp_path / "sandboxes" / "other" / "answers.txt").read_text() == "other student"


def test_every_process_of_a_pid_namespace_ends_with_its_first(tmp_path):
    """A daemon started with setsid and a double fork does not outlive the kernel (process 1)."""
    r, w = os.pipe()
    supervisor = os.fork()
    if supervisor == 0:
        try:
            enter_pid_namespace()
            kernel = os.fork()
            if kernel == 0:
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        time.sleep(60)
                    os._exit(0)
                time.sleep(1.0)
                os._exit(0)
            os.write(w, str(kernel).encode())
            os.waitpid(kernel, 0)
        finally:
            os._exit(0)
    os.close(w)
    ns = open_namespace(int(os.read(r, 100)))  # not read to the end: the daemon holds the pipe while it lives
    os.close(r)
    time.sleep(0.2)
    assert len(processes_in_namespace(ns)) >= 2  # the kernel and its daemon
    os.waitpid(supervisor, 0)
    deadline = time.monotonic() + 5
    while processes_in_namespace(ns) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_in_namespace(ns) == []
    os.close(ns)


def test_uids_in_use_sees_a_process_of_another_user():
    pid = os.fork()
    if pid == 0:
        os.setuid(61998)
        time.sleep(5)
        os._exit(0)
    try:
        time.sleep(0.2)
        assert 61998 in uids_in_use()
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def test_a_grader_that_is_not_root_gets_the_same_namespaces(tmp_path):
    """Dropped to an ordinary user first: a user namespace brings the PID, mount and network ones."""
    own, secret, mount = tmp_path / "own", tmp_path / "secret", tmp_path / "root"
    for d in (own, secret, mount):
        d.mkdir()
        os.chown(d, 61997, 61997)
    (secret / "answers.txt").write_text("key")
    view = file_view(own, [], [])
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(61997)
            os.setuid(61997)
            prctl_set(4, 1)  # PR_SET_DUMPABLE: as a process started by that user would be
            report = {"measures": [enter_pid_namespace()]}
            kernel = os.fork()
            if kernel == 0:
                report["measures"] += confine(view, mount, Limits(), uid=None)
                report.update(pid=os.getpid(), top=sorted(os.listdir("/")), cwd=os.getcwd(),
                              secret=attempt(lambda: os.listdir(secret)), parent=attempt(lambda: os.kill(
                                  os.getppid() or 1, 0)), procs=sorted(p for p in os.listdir("/proc") if p.isdigit()))
                os.write(w, json.dumps(report).encode())
                os._exit(0)
            os.waitpid(kernel, 0)
        except BaseException as err:
            os.write(w, json.dumps({"crash": repr(err)}).encode())
        finally:
            os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    with os.fdopen(r) as f:
        seen = json.loads(f.read())
    assert "crash" not in seen, seen["crash"]
    assert seen["measures"][:3] == ["own process namespace", "allow-listed file system view",
                                    "own network (loopback only)"]
    assert seen["pid"] == 1 and seen["procs"] == ["1"] and seen["cwd"] == str(own)
    assert seen["secret"] == "FileNotFoundError"
