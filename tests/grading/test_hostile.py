"""``crm-grade`` against students who want full marks without doing the work, one per class of attack.

Every hostile notebook below is the real exercise with each ``answer_qN`` replaced by an
attempt to get the answer without computing it: from the answer key through the package,
through files, through the repository's history, through the environment, from another
kernel over the network, from a process a previous submission left behind. They run
through the real command, beside honest submissions, two at a time (so a peeker runs beside
another kernel, and a process left behind would see every later submission). Every stolen answer must score 0; the honest
rows must be exactly those of a run without the hostile submissions; the run must finish
with its whole gradebook whatever a notebook does (forged answer records, exit(),
killing its parent, parse bombs), and nothing of a submission may survive it.
"""
import json
import os
import shutil
import socket
import textwrap
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from crm.cases import questions_for
from crm.grading.runner import fill_answers
from crm.grading.cli import main
from tests.solutions.supermarket import ANSWERS

pytestmark = [pytest.mark.grading,
              pytest.mark.skipif(os.geteuid() != 0, reason="the hostile suite runs as root, as CI and graders do")]

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "exercises" / "supermarket.ipynb"
QIDS = list(questions_for("supermarket")({}))  # the exercise's questions, q1 ...
SEED = 11
# Two at a time, so that a peeking kernel runs beside another one; a process left behind would
# still see every later submission.
LIMITS = ["--cell-timeout", "20", "--notebook-timeout", "90", "--memory", "1G", "--jobs", "2"]


def stealing(helper: str) -> nbformat.NotebookNode:
    """The exercise with a cell defining ``steal(qid)`` after its set-up, and every answer ``steal("qN")``."""
    nb = fill_answers(nbformat.read(EXERCISE, as_version=4), {q: f"steal({q!r})" for q in QIDS})
    setup = next(i for i, c in enumerate(nb.cells) if "load_case(" in c.source)
    nb.cells.insert(setup + 1, nbformat.v4.new_code_cell(textwrap.dedent(helper)))
    return nb


def with_cell(nb, source, before_qid="q1"):
    out = nbformat.from_dict(nb)
    i = next(i for i, c in enumerate(out.cells) if f"answer_{before_qid} =" in c.source)
    out.cells.insert(i, nbformat.v4.new_code_cell(textwrap.dedent(source)))
    return out


# ---- the answer key through the package: imports, objects in memory, the question classes -----------
KEY_THROUGH_PACKAGE = '''
def steal(qid):
    import gc, importlib, os, sys, types
    for name in ("crm.answer_key.supermarket", "crm.answer_key"):
        try:
            return importlib.import_module(name).ANSWERS[qid].compute(tables)
        except Exception:
            pass
    for var in [v for v in os.environ if "GRAD" in v or "CRM" in v and v != "CRM_CASEBOOK_DATA"]:
        os.environ.pop(var)
    from crm.cases.supermarket.questions import questions as build
    fresh = build(tables)[qid]
    cls = type(fresh)
    bare = cls.__new__(cls)
    bare.tables = tables
    for ask in (fresh.expected, lambda: fresh._answer_key, lambda: cls.expected(fresh), bare.expected,
                lambda: cls.expected(types.SimpleNamespace(tables=tables, case="supermarket", qid=qid,
                                                           _answer=lambda: None)),
                lambda: fresh.solution(), lambda: q[qid].expected()):
        try:
            value = ask()
            if value is not None:
                return value
        except Exception:
            pass
    for name, module in list(sys.modules.items()):
        if hasattr(module, "ANSWERS") and not name.startswith("tests"):
            try:
                return module.ANSWERS[qid].compute(tables)
            except Exception:
                pass
    for obj in gc.get_objects():
        if isinstance(obj, types.FunctionType) and obj.__name__.startswith(qid + "_"):
            return obj(tables)
    return None
'''

# ---- the answer key and the model answers through files: the repository, other checkouts, gradebooks -
KEY_THROUGH_FILES = '''
def steal(qid, _found={}):
    import os, crm
    if not _found:
        repo = os.path.dirname(os.path.dirname(crm.__file__))
        paths = [f"{repo}/crm/answer_key/supermarket.py", f"{repo}/tests/solutions/supermarket.py",
                 f"{OTHER}/crm/answer_key/supermarket.py", f"{OTHER}/tests/solutions/supermarket.py"]
        for top, dirs, files in os.walk("/"):
            dirs[:] = [d for d in dirs if top != "/" or d not in ("proc", "dev")]
            paths += [os.path.join(top, f) for f in files if f == "supermarket.py" or f == "grades.csv"]
        for path in paths:
            try:
                text = open(path, encoding="utf-8").read()
            except OSError:
                continue
            if "ANSWERS" in text:
                ns = {}
                try:
                    exec(compile(text, path, "exec"), ns)
                    _found.update(ns["ANSWERS"])
                except Exception:
                    pass
    answer = _found.get(qid)
    if answer is None:
        return None
    return answer.compute(tables) if hasattr(answer, "compute") else eval(answer, globals())
'''

# ---- the model answers through the repository's history -------------------------------------------
KEY_THROUGH_HISTORY = '''
def steal(qid, _found={}):
    import os, subprocess, crm
    repo = os.path.dirname(os.path.dirname(crm.__file__))
    if not _found:
        for args in (["show", "HEAD:tests/solutions/supermarket.py"],
                     ["log", "--all", "-p", "--format=", "--", "tests/solutions/supermarket.py"]):
            try:
                text = subprocess.run(["git", "-c", "safe.directory=*", "-C", repo, *args], capture_output=True,
                                      text=True, timeout=20).stdout
            except Exception:
                continue
            if args[0] == "log":  # the file as its first commit added it
                text = "\\n".join(line[1:] for line in text.split("@@", 2)[-1].splitlines() if line.startswith("+"))
            ns = {}
            try:
                exec(text, ns)
                _found.update(ns["ANSWERS"])
                break
            except Exception:
                pass
    try:
        return eval(_found[qid], globals())
    except Exception:
        return None
'''

# ---- the environment: variables, the grader's command line, the variant path with the packaged questions
KEY_THROUGH_ENVIRONMENT = '''
def steal(qid):
    import glob, os, re
    for var in [v for v in os.environ if "GRADING" in v]:
        os.environ.pop(var)
    from crm.core.io import load_case
    from crm.cases.supermarket.questions import questions as build
    seen = " ".join(f"{k}={v}" for k, v in os.environ.items())
    for path in glob.glob("/proc/*/cmdline") + glob.glob("/proc/*/environ"):
        try:
            seen += " " + open(path, "rb").read().replace(b"\\0", b" ").decode("utf-8", "replace")
        except OSError:
            pass
    for folder in re.findall(r"(/\\S*crm-grade\\S*)", seen) + [os.environ.get("CRM_CASEBOOK_DATA", "")]:
        for candidate in (folder, os.path.join(folder, "variant")):
            try:
                return build(load_case("supermarket", candidate))[qid].expected()
            except Exception:
                pass
    return None
'''

# ---- other kernels over the network: the machine's loopback, the kernels' sockets, a Jupyter server ---
SNIFF = '''
def sniff(seconds, extra_ports=()):
    """Listen to every kernel's output this process can reach: ZeroMQ on the loopback, IPC sockets."""
    import glob, os, socket, time
    import zmq
    heard, ports = [], []
    for port in list(range(1024, 65536)) + list(extra_ports):
        s = socket.socket()
        if s.connect_ex(("127.0.0.1", port)) == 0:
            ports.append(port)
        s.close()
    ctx = zmq.Context.instance()
    sub = ctx.socket(zmq.SUB)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    for port in ports:
        sub.connect(f"tcp://127.0.0.1:{port}")
    for path in glob.glob("/tmp/**/kernel-*", recursive=True):
        if not path.startswith(os.getcwd()):
            sub.connect(f"ipc://{path}")
    end = time.time() + seconds
    while time.time() < end:
        if sub.poll(100):
            heard.append(b" ".join(sub.recv_multipart()).decode("utf-8", "replace"))
    return heard
'''

PEEK_AT_OTHERS = '''
def steal(qid, _heard=[]):
    import re
    if not _heard:
        _heard.extend(sniff(8, [SERVER_PORT]) + [""])
    m = re.search(qid + r"=([0-9.e+-]+)", " ".join(_heard))
    return float(m.group(1)) if m else None
'''

# An honest student who prints every answer for a while: what a peeker would copy.
BROADCAST = '''
import time
for _ in range(60):
    print(" ".join(f"{k}={v}" for k, v in {"q1": answer_q1, "q2": answer_q2, "q3": answer_q3}.items()), flush=True)
    time.sleep(0.25)
'''

# ---- a process left behind to hand the next submissions' answers to a later student -----------------
LEAVE_A_DAEMON = SNIFF + '''
import os, socket, time, json
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        loot = []
        servers = []
        for family, address in ((socket.AF_UNIX, "\\0crm-loot"), (socket.AF_INET, ("127.0.0.1", 47611))):
            try:
                srv = socket.socket(family)
                srv.bind(address)
                srv.listen()
                srv.settimeout(0.1)
                servers.append(srv)
            except OSError:
                pass
        end = time.time() + 300
        while time.time() < end:
            loot += sniff(3)
            for where in ("/dev/shm/loot.json", "/tmp/loot.json"):
                try:
                    with open(where, "w") as f:
                        json.dump(loot[-200:], f)
                except OSError:
                    pass
            for srv in servers:
                try:
                    conn, _ = srv.accept()
                    conn.sendall(json.dumps(loot[-200:]).encode()[-60000:])
                    conn.close()
                except OSError:
                    pass
        os._exit(0)
    os._exit(0)
time.sleep(0.5)
'''

COLLECT_THE_LOOT = '''
def steal(qid):
    import re, socket
    texts = []
    for where in ("/dev/shm/loot.json", "/tmp/loot.json"):
        try:
            texts.append(open(where).read())
        except OSError:
            pass
    for family, address in ((socket.AF_UNIX, "\\0crm-loot"), (socket.AF_INET, ("127.0.0.1", 47611))):
        try:
            c = socket.socket(family)
            c.settimeout(2)
            c.connect(address)
            texts.append(c.recv(65536).decode())
        except OSError:
            pass
    m = re.search(qid + r"=([0-9.e+-]+)", " ".join(texts))
    return float(m.group(1)) if m else None
'''

# ---- forged collector records of the wrong shape, sent from hooks and a patched display -------------
FORGE_RECORDS = '''
import IPython.display, threading
MIME = "application/vnd.crm-casebook.answers+json"
shapes = [{"q1": {"float": [1]}, "q2": {"unreadable": ["x"]}, "q3": [[1]], "q4": {"a": {"b": 1}}},
          ["not", "a", "record"], {"q1": 10 ** 400, "q5": "x" * 50_000, "q6": [{"float": 5}]}, None]
def forge(*args, **kwargs):
    for shape in shapes:
        IPython.display.publish_display_data({MIME: shape})
get_ipython().events.register("post_run_cell", lambda result: forge())
IPython.display.display = lambda *a, **k: forge()
'''

MARKER = "CRM_TEST_GRADER_MARKER"
GRADER_ENVIRONMENT = f'''
import glob, os
GRADER_SEEN = "{MARKER}" in os.environ
for path in glob.glob("/proc/*/environ") + glob.glob("/proc/*/cmdline"):
    try:
        GRADER_SEEN = GRADER_SEEN or b"{MARKER}" in open(path, "rb").read()
    except OSError:
        pass
'''

DOCUMENTED_WAYS_TO_THE_DATA = '''
import os
import crm.core.io
by_path = load_case("supermarket", crm.core.io.DATA_DIR)
by_env = load_case("supermarket", os.environ["CRM_CASEBOOK_DATA"])
assert by_path["transactions"].equals(by_env["transactions"]) and by_path["transactions"].equals(tx)
tx, customers, survey = by_path["transactions"], by_path["customers"], by_path["survey"]
'''

KILLERS = {
    "k_exit": "exit()",
    "k_os_exit": "import os\nos._exit(3)",
    "k_parent": "import os, signal\nos.kill(os.getppid() or 1, signal.SIGKILL)\nos.kill(-1, signal.SIGKILL)",
    "k_group": "import os, signal\nos.killpg(0, signal.SIGKILL)",
}


def parse_bombs(folder: Path) -> dict[str, str]:
    """Files that are not notebooks a grader could parse: name -> words of the expected reason."""
    (folder / "b_deep.ipynb").write_bytes(b"[" * 60_000 + b"]" * 60_000)
    (folder / "b_deep_object.ipynb").write_bytes(b'{"a":' * 60_000 + b"1" + b"}" * 60_000)
    (folder / "b_huge.ipynb").write_bytes(b'{"cells": [], "x": "' + b"a" * (40 * 2**20) + b'"}')
    (folder / "b_not_utf8.ipynb").write_bytes(b'{"cells": ["\xff\xfe"]}')
    (folder / "b_big_int.ipynb").write_bytes(b'{"nbformat": ' + b"9" * 100_000 + b"}")
    many = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(str(i)) for i in range(20_000)])
    nbformat.write(many, folder / "b_many_cells.ipynb")
    return {"b_deep": "nested", "b_deep_object": "nested", "b_huge": "bytes", "b_not_utf8": "not a valid",
            "b_big_int": "not a valid", "b_many_cells": "cells"}


def run_grader(subs: Path, out: Path) -> dict:
    assert main([str(subs), "--seed", str(SEED), "--out", str(out), *LIMITS]) == 0
    book = pd.read_csv(out / "grades.csv", encoding="utf-8-sig", keep_default_na=False)
    # The automatic rows; the written ones are checked whole in test_the_gradebook_is_whole.
    return {"grades": book[book["kind"] == "auto"], "written": book[book["kind"] == "written"],
            "report": (out / "report.md").read_text(encoding="utf-8")}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = nbformat.read(EXERCISE, as_version=4)
    good = fill_answers(base, ANSWERS)
    broadcaster = with_cell(good, BROADCAST, "q4")
    # Every documented way to the data reaches the variant: crm.core.io.DATA_DIR, load_case, the environment.
    datadir = with_cell(good, DOCUMENTED_WAYS_TO_THE_DATA, "q1")
    honest = {"a_good": good, "a_datadir": datadir, "c_broadcaster": broadcaster, "da_broadcaster": broadcaster,
              "z_late_good": good}
    other = tmp_path_factory.mktemp("other-checkout")
    shutil.copytree(ROOT / "crm" / "answer_key", other / "crm" / "answer_key")
    shutil.copytree(ROOT / "tests" / "solutions", other / "tests" / "solutions")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    hostile = {
        "h_package": stealing(KEY_THROUGH_PACKAGE),
        "h_files": stealing(f"OTHER = {str(other)!r}\n" + textwrap.dedent(KEY_THROUGH_FILES)),
        "h_history": stealing(KEY_THROUGH_HISTORY),
        "h_environment": stealing(KEY_THROUGH_ENVIRONMENT),
        "c_peeker": stealing(f"SERVER_PORT = {port}\n" + textwrap.dedent(SNIFF) + textwrap.dedent(PEEK_AT_OTHERS)),
        "d_daemon": with_cell(stealing("def steal(qid):\n    return None\n"), LEAVE_A_DAEMON),
        "e_receiver": stealing(COLLECT_THE_LOOT),
        "f_forger": with_cell(good, FORGE_RECORDS, "q1"),
        "g_oversized": fill_answers(good, {"q8": "[str(i) for i in range(200_000)]"}),
        "g_bigmouth": with_cell(good, "import IPython.display\n"
                                      "IPython.display.publish_display_data({'text/plain': 'x' * 64 * 2**20})", "q1"),
        # Right answers, but only if something of the grader's own environment is in sight.
        "h_grader_env": with_cell(fill_answers(good, {q: f"({ANSWERS[q]}) if GRADER_SEEN else None" for q in QIDS}),
                                  GRADER_ENVIRONMENT, "q1"),
        **{name: with_cell(good, code, "q5") for name, code in KILLERS.items()},
    }
    subs_honest = tmp_path_factory.mktemp("honest")
    subs_all = tmp_path_factory.mktemp("all")
    for name, nb in honest.items():
        nbformat.write(nb, subs_honest / f"{name}.ipynb")
        nbformat.write(nb, subs_all / f"{name}.ipynb")
    for name, nb in hostile.items():
        nbformat.write(nb, subs_all / f"{name}.ipynb")
    bombs = parse_bombs(subs_all)
    os.environ[MARKER] = "the grader's own environment"
    try:
        alone = run_grader(subs_honest, tmp_path_factory.mktemp("gb-honest"))
        mixed = run_grader(subs_all, tmp_path_factory.mktemp("gb-all"))
    finally:
        server.close()
        os.environ.pop(MARKER, None)
    return {"alone": alone, "mixed": mixed, "honest": sorted(honest), "hostile": sorted(hostile), "bombs": bombs}


def rows(run, student):
    g = run["grades"]
    return g[g["student"] == student].set_index("question")


def test_the_gradebook_is_whole(runs):
    g = runs["mixed"]["grades"]
    students = set(runs["honest"]) | set(runs["hostile"]) | set(runs["bombs"])
    assert set(g["student"]) == students
    assert g.groupby("student")["question"].apply(list).to_dict() == {s: QIDS for s in students}
    w = runs["mixed"]["written"]
    assert w.groupby("student")["question"].apply(list).to_dict() == {s: ["d1", "d2"] for s in students}
    assert (w["points"] == 0).all() and w["status"].isin(["unanswered", "not run", "invalid"]).all()


def test_honest_rows_are_those_of_a_run_without_the_hostile(runs):
    for student in runs["honest"]:
        assert rows(runs["mixed"], student).equals(rows(runs["alone"], student)), student
        assert (rows(runs["mixed"], student)["status"] == "correct").all(), student


@pytest.mark.parametrize("student", ["h_package", "h_files", "h_history", "h_environment", "h_grader_env",
                                     "c_peeker", "d_daemon", "e_receiver"])
def test_no_stolen_answer_scores(runs, student):
    r = rows(runs["mixed"], student)
    assert r["points"].sum() == 0 and (r["status"] != "correct").all(), r[["status", "feedback_en"]]


def test_forged_records_of_the_wrong_shape_cost_the_forger_and_nobody_else(runs):
    """Its display is patched to send only forged records: none is read as an answer of another shape."""
    r = rows(runs["mixed"], "f_forger")
    assert r["points"].sum() == 0
    for qid in ("q1", "q5", "q6"):  # the last forged record held these, each of a shape no answer has
        assert r.loc[qid, "status"] == "wrong" and "malformed answer record" in r.loc[qid, "feedback_en"]
    assert (r.drop(index=["q1", "q5", "q6"])["status"] == "unanswered").all()


def test_one_oversized_answer_costs_that_answer_only(runs):
    r = rows(runs["mixed"], "g_oversized")
    assert r.loc["q8", "status"] == "wrong" and "100,000" in r.loc["q8", "feedback_en"]
    assert (r.drop(index="q8")["status"] == "correct").all()


def test_a_message_past_the_limit_is_dropped_unread_and_said(runs):
    """64 MiB in one message: ZeroMQ drops it before the grader decodes a byte; the run goes on."""
    r = rows(runs["mixed"], "g_bigmouth")
    assert r["points"].sum() == 0 and r["feedback_en"].str.contains("larger than 8 MiB").all()


@pytest.mark.parametrize("student, reason", [("k_exit", "ended its own kernel"), ("k_os_exit", "exit code 3")])
def test_a_notebook_that_ends_its_kernel_is_told_so_not_that_it_ran_out_of_memory(runs, student, reason):
    r = rows(runs["mixed"], student)
    assert (r["status"] == "not run").all() and r["points"].sum() == 0
    assert r["feedback_en"].str.contains(reason).all() and not r["feedback_en"].str.contains("memory").any()
    assert r["feedback_zh"].str.contains("结束了内核").all()


@pytest.mark.parametrize("student", ["k_parent", "k_group"])
def test_killing_its_parent_or_everyone_reaches_nothing_but_itself(runs, student):
    """Process 1 of its own namespace: its signals reach no grader, template or other kernel, nor itself."""
    assert (rows(runs["mixed"], student)["status"] == "correct").all()
    assert (rows(runs["mixed"], "z_late_good")["status"] == "correct").all()  # graded after it, by the same template


@pytest.mark.parametrize("student", ["b_deep", "b_deep_object", "b_huge", "b_not_utf8", "b_big_int",
                                     "b_many_cells"])
def test_parse_bombs_are_invalid_files_with_a_reason(runs, student):
    r = rows(runs["mixed"], student)
    assert (r["status"] == "invalid").all() and r["points"].sum() == 0
    assert r["feedback_en"].str.contains(runs["bombs"][student], regex=False).all(), r["feedback_en"].iloc[0]


def test_nothing_of_a_submission_survives_it(runs):
    report = runs["mixed"]["report"]
    line = next(line for line in report.splitlines() if "processes left after" in line)
    ran = len(set(runs["honest"]) | set(runs["hostile"]))
    assert line.endswith(f"ended: 0 (checked after each of {ran} submissions)"), line
    leftovers = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if 61000 <= os.stat(entry.path).st_uid < 65000:
                    status = Path(entry.path, "status").read_text()
                    state = next(line.split()[1] for line in status.splitlines() if line.startswith("State:"))
                    if state not in ("Z", "X"):  # a zombie has ended: it runs nothing and holds nothing
                        leftovers.append((entry.name, state, Path(entry.path, "cmdline").read_bytes()[:120]))
            except (OSError, StopIteration):
                pass
    assert leftovers == []
    assert not Path("/dev/shm/loot.json").exists() and not Path("/tmp/loot.json").exists()


def test_the_report_says_what_isolation_was_in_force(runs):
    report = runs["mixed"]["report"]
    isolation = json.loads(report.split("isolation (submissions per measure): `")[1].split("`")[0])
    ran = len(set(runs["honest"]) | set(runs["hostile"]))
    for measure in ("own process namespace", "allow-listed file system view", "own network (loopback only)",
                    "own user id", "no new privileges"):
        assert isolation.get(measure) == ran, (measure, isolation)
