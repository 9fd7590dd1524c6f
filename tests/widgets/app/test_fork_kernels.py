"""The app template's memory layout: what a forked visitor kernel allocates goes to pages of its own."""
import subprocess
import sys
import textwrap
import time

import pytest

from widgets.app import fork_kernels


def run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_pymalloc_free_reads_the_allocators_own_statistics():
    free, unused_pools, pool_size = fork_kernels.pymalloc_free()
    assert pool_size in (4096, 16384) and unused_pools >= 0
    assert free and all(size % 16 == 0 and 16 <= size <= 512 and count > 0 for size, count in free.items())


def test_filling_the_free_blocks_leaves_none_for_a_child_to_write_into():
    # Holes as a warm-up leaves them: many objects made, every other one dropped.
    out = run_python("""
        from widgets.app import fork_kernels
        objects = [bytes(n % 400 + 20) for n in range(300_000)]
        del objects[::2]
        free, unused, pool = fork_kernels.pymalloc_free()
        before = sum(size * count for size, count in free.items()) + unused * pool
        taken = fork_kernels.fill_free_blocks()
        free, unused, pool = fork_kernels.pymalloc_free()
        after = sum(size * count for size, count in free.items()) + unused * pool
        print(before, taken, after)
        """)
    before, taken, after = map(int, out.split())
    assert before > 20 * 2**20  # the holes were there
    assert taken >= 0.9 * before
    assert after < 2**20


def test_every_filler_object_takes_one_block_of_the_size_asked_for_and_is_not_collected():
    import gc

    for size in range(16, 513, 16):
        block = fork_kernels._block(size, 7)
        assert -(-sys.getsizeof(block) // 16) * 16 == size
        assert not gc.is_tracked(block)


def _forked_client(folder, notebooks):
    """A client of one kernel forked from an app template of ``notebooks`` (copied into ``folder``)."""
    import os
    import shutil

    from jupyter_client import BlockingKernelClient
    from jupyter_client.connect import write_connection_file

    for notebook in notebooks:
        shutil.copy(notebook, folder)
    template = fork_kernels.AppTemplate(folder)
    connection_file = str(folder / "kernel.json")
    write_connection_file(connection_file, ip="127.0.0.1", key=b"test")
    client = None
    try:
        template.fork({"connection_file": connection_file, "cwd": str(folder), "env": dict(os.environ)})
        client = BlockingKernelClient(connection_file=connection_file)
        client.load_connection_file()
        client.start_channels()
        client.wait_for_ready(timeout=180)
        yield client
    finally:
        if client is not None:
            client.shutdown()
            client.stop_channels()
        template.close()


@pytest.fixture(scope="module")
def forked_kernel(tmp_path_factory):
    """A client of one kernel forked from an app template of the car-care app."""
    from widgets.app.publish import CASES_DIR

    yield from _forked_client(tmp_path_factory.mktemp("fork"), [CASES_DIR / "carcare.ipynb"])


def test_a_forked_kernel_starts_with_nothing_to_import_and_its_tables_preloaded(forked_kernel):
    """What a kernel imports or reads as it starts would be its own memory: the template has it all."""
    outputs = []
    reply = forked_kernel.execute_interactive(
        "import sys, crm.cases.registry, widgets.app.fork_kernels as fk\n"
        "new = sorted(set(sys.modules) - fk.TEMPLATE_MODULES)\n"
        "print(len(fk.TEMPLATE_MODULES) > 500, new, [key[0] for key in crm.cases.registry._PRELOADED])",
        output_hook=lambda msg: outputs.append(msg["content"]["text"]) if msg["msg_type"] == "stream" else None,
        timeout=120)
    assert reply["content"]["status"] == "ok"
    assert "".join(outputs).strip() == "True [] ['carcare']"


def test_a_page_gets_every_widget_state_of_a_forked_kernel_in_one_answer(forked_kernel):
    """ipywidgets' control comm, which a page opens first: refused, the page asks widget by widget."""
    import uuid

    reply = forked_kernel.execute_interactive(
        "import ipywidgets as W\nboxes = [W.IntSlider(value=i) for i in range(3)]", timeout=120)
    assert reply["content"]["status"] == "ok"
    while forked_kernel.iopub_channel.msg_ready():
        forked_kernel.get_iopub_msg(timeout=1)
    session, comm_id = forked_kernel.session, uuid.uuid4().hex
    from ipywidgets.widgets.widget import __control_protocol_version__

    forked_kernel.shell_channel.send(session.msg("comm_open", {
        "comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
        metadata={"version": __control_protocol_version__}))
    forked_kernel.shell_channel.send(session.msg("comm_msg", {
        "comm_id": comm_id, "data": {"method": "request_states"}}))
    answers = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not answers:
        msg = forked_kernel.get_iopub_msg(timeout=60)
        if msg["msg_type"] in ("comm_msg", "comm_close") and msg["content"].get("comm_id") == comm_id:
            answers.append(msg)
    assert answers and answers[0]["msg_type"] == "comm_msg", answers
    data = answers[0]["content"]["data"]
    assert data["method"] == "update_states"
    sliders = [s["state"]["value"] for s in data["states"].values() if s["model_name"] == "IntSliderModel"]
    assert sorted(sliders)[-3:] == [0, 1, 2]


@pytest.fixture(scope="module")
def all_apps_kernel(tmp_path_factory):
    """A client of one kernel forked from an app template of every case app, as crm-publish starts it."""
    from widgets.app.publish import CASES_DIR

    yield from _forked_client(tmp_path_factory.mktemp("fork-all"), sorted(CASES_DIR.glob("*.ipynb")))


def _run(client, code: str) -> str:
    outputs = []
    reply = client.execute_interactive(
        code, output_hook=lambda msg: outputs.append(msg["content"]["text"]) if msg["msg_type"] == "stream" else None,
        timeout=180)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(outputs).strip()


def test_every_app_notebook_runs_in_the_template_on_its_read_only_tables(all_apps_kernel):
    """The warm-up runs each notebook on the kept, read-only tables: one that wrote into them would fail there."""
    assert _run(all_apps_kernel, "import widgets.app.fork_kernels as fk\nprint(fk.WARM_UP_FAILED)") == "{}"


def test_a_forked_kernel_reads_the_templates_heavy_results_instead_of_computing_them(all_apps_kernel):
    """The supermarket's segment value, fitted once in the template: the kernel's call computes nothing."""
    printed = _run(all_apps_kernel, "\n".join([
        "import time",
        "from crm.cases import load_case",
        "from crm.cases.supermarket.segment_value import MAX_HORIZON_MONTHS, segment_value",
        "from crm.core import shared_results as sr",
        "tables = load_case('supermarket')",
        "before, t0 = len(sr._RESULTS), time.process_time()",
        "sv = segment_value(tables['transactions'], max_horizon_months=MAX_HORIZON_MONTHS)",
        "took = time.process_time() - t0",
        "again = segment_value(load_case('supermarket')['transactions'], max_horizon_months=MAX_HORIZON_MONTHS)",
        # a notebook may still write into the tables it loaded: pandas copies the values first
        "first = float(tables['transactions']['amount'].iloc[0])",
        "tables['transactions'].loc[0, 'amount'] = first + 1.0",
        "kept = float(load_case('supermarket')['transactions']['amount'].iloc[0])",
        "changed = segment_value(tables['transactions'], max_horizon_months=MAX_HORIZON_MONTHS)",
        "print(sr.sharing(), before > 0, len(sr._RESULTS) == before, again is sv, took < 0.05, kept == first,",
        "      changed is not sv, len(sr._RESULTS) == before)",
    ]))
    assert printed == "True True True True True True True True"
