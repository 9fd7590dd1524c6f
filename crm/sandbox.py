"""Confining one grading kernel: its own folder, resource limits, nothing else in sight.

Called inside the kernel process, after it is forked and before it runs any student
code (see :mod:`crm.kernels`). On Linux it uses a private mount namespace, so that
the other submissions, the grader's own files and the solutions are simply not
there: every directory named in ``hide`` is covered by an empty read-only tmpfs, the
file system is read-only except the submission's own folder, and a root grader
drops to an unprivileged user id of its own for each submission. Where namespaces
are not allowed (some containers), it keeps what it can and says what it could not
do, so the gradebook can report the isolation actually in force.
"""
from __future__ import annotations

import ctypes
import os
import resource
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

# Linux constants (<sched.h>, <sys/mount.h>).
_CLONE_NEWNS, _CLONE_NEWUSER = 0x00020000, 0x10000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_REMOUNT = 1, 2, 4, 32
_MS_BIND, _MS_REC, _MS_PRIVATE = 4096, 16384, 1 << 18


@dataclass(frozen=True)
class Limits:
    """What one submission may use.

    Attributes
    ----------
    notebook_seconds : float
        Wall-clock time for the whole notebook; cells still waiting are skipped.
    cell_seconds : float
        Wall-clock time for one cell; the kernel is interrupted and the cell fails.
    memory_bytes : int
        Address space the student's code may add to the preloaded kernel.
    file_bytes : int
        Largest file the kernel may write.
    processes : int
        Processes and threads the kernel's user may run (stops fork bombs).
    """

    notebook_seconds: float = 300.0
    cell_seconds: float = 60.0
    memory_bytes: int = 2 * 2**30
    file_bytes: int = 100 * 2**20
    processes: int = 256


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(libc: ctypes.CDLL, source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    enc = (lambda s: None if s is None else s.encode())
    _check(libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           f"mount {target}")


def _enter_namespace(libc: ctypes.CDLL) -> None:
    """A private mount namespace (as root), else a user + mount namespace (as anyone)."""
    if os.geteuid() == 0:
        _check(libc.unshare(_CLONE_NEWNS), "unshare")
        return
    uid, gid = os.geteuid(), os.getegid()
    _check(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNS), "unshare")
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"0 {uid} 1")
    Path("/proc/self/gid_map").write_text(f"0 {gid} 1")


def _closed_ancestor(path: Path) -> Path | None:
    """The highest folder above ``path`` that other users cannot enter, if any."""
    for parent in reversed(path.parents):
        if parent != Path("/") and not os.stat(parent).st_mode & 0o001:
            return parent
    return None


def _cover_except(libc: ctypes.CDLL, top: Path, keep: Sequence[Path], writable: bool = False) -> None:
    """Cover ``top`` with an empty read-only tmpfs and bind the ``keep`` paths back into it.

    The kept paths are opened first, so they stay reachable once ``top`` is covered;
    ``writable`` makes them writable again (binds inherit the read-only root).
    """
    fds = [(path, os.open(path, os.O_PATH)) for path in keep]
    _mount(libc, "tmpfs", str(top), "tmpfs", _MS_NOSUID | _MS_NODEV, "size=64k,mode=0755")
    for path, fd in fds:
        path.mkdir(parents=True, exist_ok=True)
        _mount(libc, f"/proc/self/fd/{fd}", str(path), None, _MS_BIND | _MS_REC)
        if writable:
            _mount(libc, None, str(path), None, _MS_REMOUNT | _MS_BIND | _MS_NOSUID | _MS_NODEV)
        os.close(fd)
    _mount(libc, None, str(top), None, _MS_REMOUNT | _MS_RDONLY | _MS_NOSUID | _MS_NODEV, "size=64k,mode=0755")


def _open_up(libc: ctypes.CDLL, needed: Sequence[Path]) -> None:
    """Make the Python installation reachable for an unprivileged user id.

    A root grader's Python often lives under ``/root`` (mode 700). The closed folder
    is covered by an empty tmpfs that anyone may enter, and only the needed paths
    are bound back into it, so the rest of that home folder stays out of sight.
    """
    closed: dict[Path, list[Path]] = {}
    for path in needed:
        if path.exists() and (top := _closed_ancestor(path)) is not None:
            closed.setdefault(top, []).append(path)
    for top, paths in closed.items():
        _cover_except(libc, top, paths)


def _python_paths() -> list[Path]:
    import site
    import sys

    paths = {Path(sys.prefix), Path(sys.base_prefix), *(Path(p) for p in sys.path if p)}
    paths.update(Path(p) for p in site.getsitepackages())
    return sorted(p.resolve() for p in paths if p.exists())


def _hide_all_but(libc: ctypes.CDLL, workdir: Path, sandbox_root: Path, hide: Sequence[Path]) -> None:
    _mount(libc, None, "/", None, _MS_REC | _MS_PRIVATE)  # nothing we mount leaks out
    # The whole tree read-only: a submission cannot delete or change anything of ours.
    _mount(libc, "/", "/", None, _MS_BIND | _MS_REC)
    _mount(libc, None, "/", None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY)
    for path in hide:
        if path.is_dir():
            _cover_except(libc, path, [])
        elif path.exists():
            _mount(libc, "/dev/null", str(path), None, _MS_BIND)
    _mount(libc, "tmpfs", "/dev/shm", "tmpfs", _MS_NOSUID | _MS_NODEV, "size=64m,mode=1777")  # a private one
    # Of the sandbox root, only this submission's own folder, writable.
    _cover_except(libc, sandbox_root, [workdir], writable=True)


def _set_limits(limits: Limits) -> None:
    status = Path("/proc/self/status").read_text()
    vm_kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmSize:")), 0)
    for rlimit, value in ((resource.RLIMIT_AS, vm_kb * 1024 + limits.memory_bytes),
                          (resource.RLIMIT_FSIZE, limits.file_bytes),
                          (resource.RLIMIT_NPROC, limits.processes),
                          (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(rlimit, (value, value))


def confine(workdir: Path, sandbox_root: Path, hide: Sequence[Path], limits: Limits,
            uid: int | None = None, extra_readable: Sequence[Path] = ()) -> list[str]:
    """Confine the calling process to ``workdir`` (irreversible: call it in a fresh child).

    Parameters
    ----------
    workdir : Path
        The submission's own folder, directly inside ``sandbox_root``; it becomes the
        working directory and the only writable place.
    sandbox_root : Path
        The folder holding every submission's folder; all but ``workdir`` disappear.
    hide : sequence of Path
        Further folders or files to make empty (submissions, solutions, gradebook).
    limits : Limits
        Memory, file size and process limits (times are enforced by the grader).
    uid : int, optional
        When running as root, the user id to continue as (its group id is the same).
    extra_readable : sequence of Path
        Paths the kernel must read besides the Python installation (e.g. the
        package's own source folder of an editable install).

    Returns
    -------
    list of str
        The measures in force, for the gradebook's report; a measure that failed is
        reported as ``"no <measure>: <reason>"``.
    """
    workdir, sandbox_root = Path(workdir).resolve(), Path(sandbox_root).resolve()
    measures: list[str] = []
    libc = _libc()
    try:
        _enter_namespace(libc)
        _hide_all_but(libc, workdir, sandbox_root, [Path(p).resolve() for p in hide])
        measures.append("private file system view")
        if uid is not None and os.geteuid() == 0:
            _open_up(libc, _python_paths() + [Path(p).resolve() for p in extra_readable])
    except OSError as err:
        measures.append(f"no private file system view: {err}")
    os.chdir(workdir)
    _set_limits(limits)
    measures.append("resource limits")
    if uid is not None and os.geteuid() == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        measures.append("own user id")
    return measures
