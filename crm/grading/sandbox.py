"""Confining one grading kernel: an allow-listed file view, its own namespaces, resource limits.

A submission's kernel is started in two steps (see :mod:`crm.grading.kernels`): a *supervisor*
process, forked from the warm template, enters a new PID namespace (and, for a grader
that is not root, a user namespace), then forks the kernel, which is process 1 there.
When the kernel ends, Linux ends every process left in its namespace, whatever
``setsid`` or double forks they used; the supervisor records how the kernel ended.

The kernel then confines itself (:func:`confine`) before any student code runs:

- **its own mount namespace with an allow-listed root**: a fresh, empty, read-only
  file system holding only the Python installation, the shared libraries it maps, the
  package code it may import (with the answer key's folders covered by empty ones),
  the data variant (read-only) and its own folder (writable); each is bound without
  its sub-mounts, so nothing mounted below an allowed folder comes along. The
  repository, its history, the tests, other submissions, earlier gradebooks and every
  other checkout are simply not there. ``/proc`` shows only its own processes.
- **its own network namespace**: nothing but its own loopback. The grader talks to it
  over IPC sockets in its folder, so no kernel can reach another, nor any server.
- its own IPC and host-name namespaces; no new privileges (set-uid files do nothing);
- memory, file-size, process and core-dump limits; and, when the grader runs as root,
  an unprivileged user id of its own (never one that still has a process).

Where the machine refuses namespaces (some containers), :func:`confine` keeps what it
can and says what it could not do, so the gradebook reports the isolation in force.
"""
from __future__ import annotations

import ctypes
import fcntl
import os
import resource
import socket
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

# Linux constants (<sched.h>, <sys/mount.h>, <sys/prctl.h>, <linux/sockios.h>).
CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REMOUNT = 1, 2, 4, 8, 32
_MS_BIND, _MS_REC, _MS_PRIVATE = 4096, 16384, 1 << 18
_MNT_DETACH = 2
_PR_SET_PDEATHSIG, _PR_SET_NO_NEW_PRIVS, _PR_SET_CHILD_SUBREAPER = 1, 38, 36
_SIOCGIFFLAGS, _SIOCSIFFLAGS, _IFF_UP = 0x8913, 0x8914, 0x1
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}.get(os.uname().machine)
_DEVICES = ("null", "zero", "full", "random", "urandom")


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


@dataclass(frozen=True)
class FileView:
    """The allow-list of one kernel's file system (every path absolute and resolved).

    Attributes
    ----------
    readable : tuple of str
        Folders and files bound read-only at the same path (the Python installation,
        shared libraries, package code, the data variant).
    covered : tuple of str
        Folders inside ``readable`` replaced by empty ones (the answer key).
    writable : str
        The submission's own folder, bound writable at the same path.
    data : tuple of str, str
        The data variant's folder and where it appears (read-only) in the view.
    """

    readable: tuple[str, ...]
    covered: tuple[str, ...]
    writable: str
    data: tuple[str, str] | None = None


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


def prctl_set(option: int, value: int) -> None:
    """``prctl(option, value)``, raising OSError when refused."""
    _check(_libc().prctl(option, ctypes.c_ulong(value), 0, 0, 0), f"prctl {option}")


def die_with_parent(signum: int) -> None:
    """Ask Linux to send ``signum`` to this process when its parent ends."""
    prctl_set(_PR_SET_PDEATHSIG, signum)


def become_subreaper() -> None:
    """Orphaned descendants are re-parented to this process (the kernel template), not to init."""
    prctl_set(_PR_SET_CHILD_SUBREAPER, 1)


def enter_pid_namespace() -> str:
    """Unshare a PID namespace for the children of the caller (user namespace too if not root).

    Returns the measure in force for the report. The caller's next child is process 1
    of the new namespace; when it ends, every process left there is killed.
    """
    libc = _libc()
    if os.geteuid() == 0:
        _check(libc.unshare(CLONE_NEWPID), "unshare")
        return "own process namespace"
    uid, gid = os.geteuid(), os.getegid()
    _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWPID), "unshare")
    Path("/proc/self/setgroups").write_text("deny")
    Path("/proc/self/uid_map").write_text(f"0 {uid} 1")
    Path("/proc/self/gid_map").write_text(f"0 {gid} 1")
    return "own process namespace"


def python_paths() -> list[Path]:
    """The Python installation a forked kernel reads: the standard library, site-packages,
    the interpreter's folder, and the folders of the shared libraries this process maps."""
    import site
    import sys
    import sysconfig

    paths = {Path(sysconfig.get_paths()[k]) for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    paths.update(Path(p) for p in site.getsitepackages())
    paths.add(Path(os.path.realpath(sys.executable)).parent)
    for line in Path("/proc/self/maps").read_text().splitlines():
        parts = line.split(maxsplit=5)
        if len(parts) == 6 and parts[5].startswith("/"):
            mapped = Path(parts[5])
            if ".so" in mapped.name or mapped.name.startswith("ld-linux"):
                paths.add(mapped.parent)
            elif mapped == Path("/etc/ld.so.cache"):
                paths.add(mapped)
    for extra in ("/usr/share/zoneinfo",):
        paths.add(Path(extra))
    return sorted({p.resolve() for p in paths if p.exists()})


def _minimal(paths: Iterable[Path]) -> list[Path]:
    """``paths`` without those inside another (binding the outer one brings them along)."""
    out: list[Path] = []
    for p in sorted(set(paths), key=lambda q: (len(q.parts), str(q))):
        if not any(p == q or q in p.parents for q in out):
            out.append(p)
    return out


def file_view(workdir: Path, readable: Iterable[Path], covered: Iterable[Path] = (),
              data: Path | None = None) -> FileView:
    """The allow-list for one kernel.

    Parameters
    ----------
    workdir : Path
        The submission's folder (the only writable place).
    readable : iterable of Path
        What the kernel may read: the Python installation (:func:`python_paths`) and the
        package folders it may import from.
    covered : iterable of Path
        Folders replaced by empty ones wherever they fall in the view (the answer key).
    data : Path, optional
        The data variant, shown read-only as ``workdir / "data"``.
    """
    workdir = Path(workdir).resolve()
    return FileView(tuple(map(str, _minimal(Path(p).resolve() for p in readable))),
                    tuple(str(Path(p).resolve()) for p in covered), str(workdir),
                    (str(Path(data).resolve()), str(workdir / "data")) if data else None)


def _bind(libc: ctypes.CDLL, source: str, target: str, readonly: bool) -> None:
    """Bind ``source`` at ``target`` without its sub-mounts; read-only unless told."""
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.exists(target):
            os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o644))
    _mount(libc, source, target, None, _MS_BIND)
    flags = _MS_REMOUNT | _MS_BIND | _MS_NOSUID | _MS_NODEV | (_MS_RDONLY if readonly else 0)
    _mount(libc, None, target, None, flags)


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as fh:
        fh.write(text)


def _build_root(libc: ctypes.CDLL, root: str, view: FileView, uid: int) -> None:
    """Mount the allow-listed view under ``root`` (an empty folder) and switch into it."""
    _mount(libc, None, "/", None, _MS_REC | _MS_PRIVATE)  # nothing we mount leaks out
    _mount(libc, "tmpfs", root, "tmpfs", _MS_NOSUID | _MS_NODEV, "size=4m,mode=0755")
    for path in view.readable:
        _bind(libc, path, root + path, readonly=True)
    for path in view.covered:
        if os.path.isdir(root + path):
            _mount(libc, "tmpfs", root + path, "tmpfs", _MS_RDONLY | _MS_NOSUID | _MS_NODEV, "size=4k,mode=0555")
    _bind(libc, view.writable, root + view.writable, readonly=False)
    if view.data is not None:
        _bind(libc, view.data[0], root + view.data[1], readonly=True)
    # The usual top-level links (/lib -> usr/lib, ...) where the machine has them.
    for name in ("bin", "lib", "lib32", "lib64", "sbin"):
        if os.path.islink("/" + name) and not os.path.lexists(f"{root}/{name}"):
            os.symlink(os.readlink("/" + name), f"{root}/{name}")
    os.makedirs(root + "/dev", exist_ok=True)
    for dev in _DEVICES:
        if os.path.exists("/dev/" + dev):
            _bind(libc, "/dev/" + dev, f"{root}/dev/{dev}", readonly=False)
    os.makedirs(root + "/dev/shm", exist_ok=True)
    _mount(libc, "tmpfs", root + "/dev/shm", "tmpfs", _MS_NOSUID | _MS_NODEV, "size=64m,mode=1777")
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{root}/dev/{name}")
    _write(root + "/etc/passwd", f"root:x:0:0::/:/bin/false\nstudent:x:{uid}:{uid}::{view.writable}:/bin/false\n")
    _write(root + "/etc/group", f"root:x:0:\nstudent:x:{uid}:\n")
    _write(root + "/etc/hosts", "127.0.0.1 localhost\n::1 localhost\n")
    # This PID namespace's own /proc, mounted while the machine's is still in sight (a user
    # namespace may only mount proc where a full one is visible).
    os.makedirs(root + "/proc", exist_ok=True)
    _mount(libc, "proc", root + "/proc", "proc", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC)
    os.makedirs(root + "/.old", exist_ok=True)
    if _SYS_PIVOT_ROOT is None:
        raise OSError(0, f"pivot_root: unknown system call on {os.uname().machine}")
    _check(libc.syscall(_SYS_PIVOT_ROOT, root.encode(), (root + "/.old").encode()), "pivot_root")
    os.chdir("/")
    _check(libc.umount2(b"/.old", _MNT_DETACH), "umount old root")
    os.rmdir("/.old")
    _mount(libc, None, "/", None, _MS_REMOUNT | _MS_RDONLY | _MS_NOSUID | _MS_NODEV, "size=4m,mode=0755")


def _loopback_up() -> None:
    """Bring up ``lo`` in a new network namespace (it starts down)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        ifreq = struct.pack("16sH14s", b"lo", 0, b"")
        flags = struct.unpack("16sH14s", fcntl.ioctl(s.fileno(), _SIOCGIFFLAGS, ifreq))[1]
        fcntl.ioctl(s.fileno(), _SIOCSIFFLAGS, struct.pack("16sH14s", b"lo", flags | _IFF_UP, b""))


def _set_limits(limits: Limits) -> None:
    status = Path("/proc/self/status").read_text()
    vm_kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmSize:")), 0)
    for rlimit, value in ((resource.RLIMIT_AS, vm_kb * 1024 + limits.memory_bytes),
                          (resource.RLIMIT_FSIZE, limits.file_bytes),
                          (resource.RLIMIT_NPROC, limits.processes),
                          (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(rlimit, (value, value))


def confine(view: FileView, root: Path, limits: Limits, uid: int | None = None) -> list[str]:
    """Confine the calling process (irreversible: call it in the fresh kernel process).

    Parameters
    ----------
    view : FileView
        What the process may see (see :func:`file_view`).
    root : Path
        An empty folder outside the view, used as the mount point of the new root.
    limits : Limits
        Memory, file size and process limits (times are enforced by the grader).
    uid : int, optional
        When running as root, the user id to continue as (its group id is the same).

    Returns
    -------
    list of str
        The measures in force, for the gradebook's report; a measure that failed is
        reported as ``"no <measure>: <reason>"``.
    """
    measures: list[str] = []
    libc = _libc()
    try:
        _check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")
    except OSError as err:
        measures.append(f"no private file system view: {err}")
        measures.append(f"no own network: {err}")
    else:
        try:
            _build_root(libc, str(Path(root).resolve()), view, uid if uid is not None else os.getuid())
            measures.append("allow-listed file system view")
        except OSError as err:
            measures.append(f"no private file system view: {err}")
        try:
            _loopback_up()
            measures.append("own network (loopback only)")
        except OSError as err:
            measures.append(f"own network (loopback down: {err})")
    os.chdir(view.writable)
    _set_limits(limits)
    measures.append("resource limits")
    if uid is not None and os.geteuid() == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        measures.append("own user id")
    try:
        prctl_set(_PR_SET_NO_NEW_PRIVS, 1)
        measures.append("no new privileges")
    except OSError as err:
        measures.append(f"no 'no new privileges': {err}")
    return measures


def open_namespace(pid: int) -> int:
    """A file descriptor on the PID namespace of process ``pid``.

    Holding it keeps the namespace from being freed, so its identity (the inode of
    ``/proc/<pid>/ns/pid``) cannot be given to a later namespace while we still look
    for processes in it: compare with :func:`processes_in_namespace`, then close it.
    """
    return os.open(f"/proc/{pid}/ns/pid", os.O_RDONLY)


def processes_in_namespace(ns: int) -> list[int]:
    """Process ids (as this process sees them) in the PID namespace that file descriptor ``ns`` holds."""
    held = os.fstat(ns)
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                st = os.stat(f"/proc/{entry.name}/ns/pid")
            except OSError:  # gone meanwhile, or not ours to read
                continue
            if (st.st_dev, st.st_ino) == (held.st_dev, held.st_ino):
                found.append(int(entry.name))
    return found


def uids_in_use() -> set[int]:
    """Real user ids that own a process on this machine now."""
    uids = set()
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                uids.add(os.stat(f"/proc/{entry.name}").st_uid)
            except OSError:
                pass
    return uids
