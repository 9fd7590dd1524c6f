"""The confinement of one grading kernel, checked in a forked child."""
import json
import os
from pathlib import Path

import pytest

from crm.sandbox import Limits, confine

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the uid switch is tested as root (as CI runs)")


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
    own, other, secret = root / "own", root / "other", tmp_path / "secret"
    for d in (own, other, secret):
        d.mkdir(parents=True)
    (other / "answers.txt").write_text("other student")
    (secret / "solutions.py").write_text("ANSWERS = 1")
    os.chmod(root, 0o711)
    os.chown(own, 61999, 61999)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            measures = confine(own, root, [secret], Limits(memory_bytes=512 * 2**20), uid=61999)
            os.write(w, json.dumps({"measures": measures, **probe(root, own, other, secret)}).encode())
        except BaseException as err:
            os.write(w, json.dumps({"crash": repr(err)}).encode())
        finally:
            os._exit(0)
    os.close(w)
    os.waitpid(pid, 0)
    with os.fdopen(r) as f:
        return json.loads(f.read())


def attempt(fn):
    try:
        return repr(fn())
    except Exception as err:
        return type(err).__name__


def test_a_confined_kernel_sees_only_its_own_folder(tmp_path):
    def probe(root, own, other, secret):
        (own / "mine.txt").write_text("ok")
        return {"uid": os.getuid(), "cwd": os.getcwd(), "root": sorted(os.listdir(root)),
                "secret": attempt(lambda: os.listdir(secret)),
                "other": attempt(lambda: (other / "answers.txt").read_text()),
                "write_tmp": attempt(lambda: Path("/tmp/crm-escape.txt").write_text("x")),
                "write_repo": attempt(lambda: (Path(__file__).parent / "escape.txt").write_text("x")),
                "mine": (own / "mine.txt").read_text(),
                "memory": attempt(lambda: len(bytearray(1024 * 2**20))),
                "import": attempt(lambda: __import__("json").dumps([1]))}

    seen = in_confined_child(tmp_path, probe)
    assert "crash" not in seen, seen["crash"]
    assert seen["measures"] == ["private file system view", "resource limits", "own user id"]
    assert seen["uid"] == 61999 and seen["cwd"] == str(tmp_path / "sandboxes" / "own")
    assert seen["root"] == ["own"] and seen["secret"] == "[]"
    assert seen["other"] in ("FileNotFoundError", "PermissionError")
    assert seen["write_tmp"] == "OSError" and seen["write_repo"] in ("OSError", "PermissionError")
    assert seen["mine"] == "ok" and seen["memory"] == "MemoryError" and seen["import"] == "'[1]'"
    assert not Path("/tmp/crm-escape.txt").exists() and not (Path(__file__).parent / "escape.txt").exists()
    assert (tmp_path / "sandboxes" / "other" / "answers.txt").read_text() == "other student"
