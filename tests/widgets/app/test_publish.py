"""crm-publish's command line and the visitor-kernel bookkeeping (no server, no browser)."""
import argparse
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from widgets.app.publish import KERNEL_OPTIONS, auto_max_kernels, build_parser, voila_argv
from widgets.app.publish_kernels import VisitorKernels


def test_help_documents_every_option_with_its_default():
    parser = build_parser()
    options = [a for a in parser._actions if not isinstance(a, argparse._HelpAction)]
    assert {a.dest for a in options} >= set(KERNEL_OPTIONS)
    for action in options:
        assert action.help and "(default: " in action.help, action.option_strings
    text = parser.format_help()
    for flag in ("--max-kernels", "--idle-timeout", "--disconnect-grace", "--pool-size"):
        assert flag in text


def test_every_kernel_option_reaches_the_server():
    argv = voila_argv("cases", 1234, max_kernels=7, idle_timeout=90, disconnect_grace=3.5, cull_interval=5)
    assert "--VisitorKernels.max_kernels=7" in argv
    assert "--MappingKernelManager.cull_idle_timeout=90" in argv
    assert "--MappingKernelManager.cull_connected=True" in argv
    assert "--MappingKernelManager.cull_interval=5" in argv
    assert "--VisitorKernels.disconnect_grace=3.5" in argv
    assert "--VoilaConfiguration.template=casebook" in argv


def test_the_default_limit_fits_the_available_memory(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24000000 kB\nMemAvailable:    4096000 kB\n")
    assert auto_max_kernels(meminfo) == int(0.8 * 4000 / 150)  # forked kernels (the default)
    assert auto_max_kernels(meminfo, fork=False) == int(0.8 * 4000 / 400)  # a fresh Python each
    meminfo.write_text("MemAvailable:    100 kB\n")
    assert auto_max_kernels(meminfo) == 1  # always one visitor
    assert auto_max_kernels(tmp_path / "missing") == 0  # unknown: no limit


def make_manager(limit: int) -> VisitorKernels:
    cls = type("Manager", (VisitorKernels, AsyncMappingKernelManager), {})
    return cls(max_kernels=limit)


def test_admissions_waiting_for_their_kernel_count_against_the_limit():
    km = make_manager(2)
    first, second = km.admit(), km.admit()
    assert first and second and km.admit() is None
    km.release(first)  # that page failed before a kernel was started
    third = km.admit()
    assert third is not None and km.admit() is None
    km.release(second)
    km.release(second)  # twice is harmless
    assert km.admit() is not None


def test_no_limit_admits_everyone():
    km = make_manager(0)
    assert all(km.admit() for _ in range(100))


def test_a_preheated_kernel_handed_to_a_visitor_starts_its_idle_time_afresh():
    from datetime import timedelta
    from types import SimpleNamespace

    from jupyter_server._tz import utcnow

    km = make_manager(0)
    long_ago = utcnow() - timedelta(hours=1)
    km._kernels["k1"] = SimpleNamespace(last_activity=long_ago)  # waited an hour in its pool
    km._kernel_connections["k1"] = 0
    km._mark_visitor("k1")
    assert utcnow() - km._kernels["k1"].last_activity < timedelta(seconds=5)
    assert "k1" in km._unattended  # and waits for its page's websocket
    km.notify_connect("k1")
    assert "k1" not in km._unattended
    km.notify_disconnect("k1")
    assert km._unattended["k1"][1] == km.disconnect_grace
    km._sweeper.stop()


def test_a_page_being_served_keeps_its_kernel_until_sent_then_waits_for_its_websocket():
    from types import SimpleNamespace

    from jupyter_server._tz import utcnow

    from widgets.app.publish_kernels import CURRENT_RESERVATION

    km = make_manager(1)
    reservation = km.admit()
    token = CURRENT_RESERVATION.set(reservation)
    km._kernels["k2"] = SimpleNamespace(last_activity=utcnow())
    km._kernel_connections["k2"] = 0
    km._mark_visitor("k2")  # the kernel started for this page, still running its notebook
    CURRENT_RESERVATION.reset(token)
    assert reservation.kernel_id == "k2" and "k2" not in km._unattended
    assert km.admit() is None  # his kernel counts against the limit
    km.release(reservation)  # the page has been sent: now its websocket has connect_timeout
    assert km._unattended["k2"][1] == km.connect_timeout
    km._sweeper.stop()


def test_a_visitor_gone_before_his_page_was_sent_frees_it_after_the_grace_period():
    from types import SimpleNamespace

    from jupyter_server._tz import utcnow

    from widgets.app.publish_kernels import CURRENT_RESERVATION

    km = make_manager(0)
    reservation = km.admit()
    token = CURRENT_RESERVATION.set(reservation)
    km._kernels["k3"] = SimpleNamespace(last_activity=utcnow())
    km._kernel_connections["k3"] = 0
    km._mark_visitor("k3")
    CURRENT_RESERVATION.reset(token)
    km.release(reservation, page_closed=True)
    assert km._unattended["k3"][1] == km.disconnect_grace
    km._sweeper.stop()


def test_the_default_limit_follows_the_kind_of_kernel(monkeypatch):
    """Forked kernels share the template's memory: the limit from memory must not assume 400 MB each."""
    import widgets.app.publish as publish

    monkeypatch.setattr(publish, "auto_max_kernels", lambda fork=True, **_: 53 if fork else 20)
    assert "--VisitorKernels.max_kernels=53" in voila_argv(Path("cases"), 8866)
    assert "--VisitorKernels.max_kernels=20" in voila_argv(Path("cases"), 8866, fork=False)
    assert "--VisitorKernels.max_kernels=7" in voila_argv(Path("cases"), 8866, max_kernels=7)


def test_voila_waits_for_every_output_of_a_cell_under_load():
    """nbclient's default 4 s dropped the views of a class arriving at once ("Timeout waiting for IOPub output")."""
    from widgets.app.publish import IOPUB_TIMEOUT_S

    assert IOPUB_TIMEOUT_S >= 120
    assert f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_S}" in voila_argv(Path("cases"), 8866)


def test_when_the_last_visitor_has_gone_the_server_gives_its_freed_memory_back(monkeypatch):
    import asyncio
    from types import SimpleNamespace

    from jupyter_server._tz import utcnow

    import widgets.app.publish_kernels as pk

    def sweep() -> None:  # in a thread of its own: the session's main thread may hold playwright's loop
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, km._sweep()).result()

    trims = []
    monkeypatch.setattr(pk, "malloc_trim", lambda: trims.append(1))
    km = make_manager(0)
    for k in ("k4", "k5"):
        km._kernels[k] = SimpleNamespace(last_activity=utcnow())
        km._kernel_connections[k] = 0
        km._mark_visitor(k)
    km._unattended["k4"] = (0.0, 1.0)  # its page closed long ago: the sweep shuts it down
    shut = []

    async def shutdown(self_kernel_id, *args, **kwargs):
        shut.append(self_kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "shutdown_kernel", lambda self, k, *a, **kw: shutdown(k))
    sweep()
    assert shut == ["k4"] and trims == []  # another visitor is still there
    sweep()
    assert trims == []
    km._unattended["k5"] = (0.0, 1.0)
    sweep()  # shuts k5 down: the last one
    sweep()  # gives the memory back, once
    sweep()
    assert shut == ["k4", "k5"] and trims == [1]
    km._sweeper.stop()
