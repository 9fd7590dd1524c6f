"""``crm-publish``: serve every case notebook as a Voila app behind a gallery page.

One command, no per-case code: every ``*.ipynb`` in the cases folder becomes an
app at ``/voila/render/<name>.ipynb`` and every case of
:func:`crm.cases.registry.case_catalogue` with a notebook gets a card on the gallery
at ``/``. What a visitor can reach is only that:

* code cells are stripped (``strip_sources``); the apps still run them;
* ``/`` is the gallery, not Voila's file tree; ``/voila/tree…`` redirects to it;
* Voila's contents API and file handler are not mounted: no listing, no file
  (thumbnails are inlined in the gallery), nothing outside the apps.

Each app runs in a kernel executed before anyone asks (Voila's preheated kernels),
so a visitor does not wait for the imports and the data. A visitor's kernel is freed
when the page closes or reloads and culled when idle, and at most ``--max-kernels``
visitors are served at once (:mod:`widgets.app.publish_kernels`); pages fetch nothing from
outside the server (the ``casebook`` Voila template), and plotly's front end is
served once at a fixed, cached address instead of through every page's kernel
(:mod:`widgets.plotly_bundle`). Lives in ``widgets``
(not ``crm``) because it serves notebooks and views: data → analytics → views →
notebooks → apps, each layer importing only those to its left.

Run ``crm-publish`` (http://127.0.0.1:8866/), ``crm-publish --ip 0.0.0.0 --port 80``
on a server, ``crm-publish --thumbnails`` to retake the gallery's screenshots.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator, Sequence

from widgets.app.publish_kernels import CONNECT_TIMEOUT_S, CULL_INTERVAL_S, DISCONNECT_GRACE_S, IDLE_TIMEOUT_S

REPO_DIR = Path(__file__).resolve().parents[2]
CASES_DIR = REPO_DIR / "cases"

#: Voila settings of the published apps; ``voila.json`` at the repository root holds the
#: ones the Voila server extension understands (Binder, JupyterHub), tests keep them equal.
VOILA_CONFIGURATION = {
    "strip_sources": True,
    # Lab extensions the apps never use: plotly's mime renderer alone is a 5 MB script that
    # every page would load (our figures are widgets), pygments styles code we strip.
    "extension_denylist": ["jupyterlab-plotly", "jupyterlab_pygments"],
}
#: Seconds before a used preheated kernel is replaced: the replacement executes a whole
#: notebook, which should not compete with the page that was just served.
REFILL_DELAY_S = 20.0
#: Seconds Voila's executor (nbclient) waits for a cell's outputs after the kernel's reply. Its
#: default, 4 s, is passed when a class arrives at once: the server relays the messages of tens of
#: kernels and the outputs come later; nbclient then logs "Timeout waiting for IOPub output" and
#: drops them, and the page shows no view (39 of 40 visitors waited in vain for the first
#: figure). The outputs always end with the kernel's idle message, so waiting longer costs nothing.
IOPUB_TIMEOUT_S = 300
#: Our Voila template (``widgets/app/jupyter/voila/templates/casebook``): Voila's lab template without
#: its CDN links, with a notice when the page's kernel has ended.
TEMPLATE = "casebook"
JUPYTER_DATA_DIR = Path(__file__).resolve().parent / "jupyter"
BUSY_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{retry}"><title>请稍候 / Please wait</title>
<style>body{{font-family:"Noto Sans CJK SC","Noto Sans SC",system-ui,sans-serif;max-width:700px;margin:60px auto;
padding:0 16px;color:#222;line-height:1.6}}button{{font:inherit;padding:6px 18px}}</style></head>
<body id="crm-busy"><h1>人数已满，请稍候 / The apps are full</h1>
<p>服务器同时最多为 {limit} 位访客运行案例，现在已满。本页 {retry} 秒后自动重试，也可以点击下面的按钮。</p>
<p><i>The server runs the cases for at most {limit} visitors at once and all places are taken.
This page retries by itself in {retry} s, or press the button.</i></p>
<p><button type="button" onclick="location.reload()">重试 / Retry</button></p></body></html>"""
#: Seconds after which the busy page retries (also its ``Retry-After`` header).
BUSY_RETRY_S = 20
GALLERY_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>CRM 案例工作台 / CRM Casebook</title>
<style>body{{font-family:"Noto Sans CJK SC","Noto Sans SC",system-ui,sans-serif;max-width:1100px;margin:24px auto;
padding:0 16px;color:#222}}h1{{font-size:26px}}</style></head>
<body><h1>CRM 案例工作台 / CRM Casebook</h1>
<p>选择一个案例，移动控件，看客户分类与策略模拟如何变化。<br>
<i>Pick a case and move its controls: customer classes and strategy simulations follow.</i></p>
{gallery}</body></html>"""


#: ``crm-publish`` options that tune the kernels, with their defaults (see :func:`main`).
KERNEL_OPTIONS = {"fork": True, "pool_size": 1, "refill_delay": REFILL_DELAY_S, "max_kernels": -1,
                  "idle_timeout": IDLE_TIMEOUT_S, "cull_interval": CULL_INTERVAL_S,
                  "disconnect_grace": DISCONNECT_GRACE_S, "connect_timeout": CONNECT_TIMEOUT_S}


#: What one visitor's kernel is assumed to hold when ``--max-kernels`` is left to its default, by
#: ``--fork``: a kernel started afresh held about 350-420 MB here; one forked from the app template
#: holds only the pages it writes (55-97 MB after its notebook ran, ``benchmarks/visitor_memory.py``),
#: the rest stays shared; 150 MB leaves room for the temporaries of a view build.
KERNEL_MEMORY_MB = {True: 150, False: 400}


def auto_max_kernels(meminfo: Path = Path("/proc/meminfo"), fork: bool = True) -> int:
    """The default ``--max-kernels``: visitor kernels that fit in 80% of the memory available now.

    ``fork``: the kernels are forked from the app template (``--fork``), else started afresh.
    0 (no limit) where the available memory is unknown (no ``/proc/meminfo``).
    """
    try:
        fields = dict(line.split(":", 1) for line in meminfo.read_text().splitlines() if ":" in line)
        available_mb = int(fields["MemAvailable"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        return 0
    return max(1, int(0.8 * available_mb / KERNEL_MEMORY_MB[bool(fork)]))


def voila_argv(cases_dir: Path, port: int, ip: str = "127.0.0.1", **options: float) -> list[str]:
    """Command-line arguments of the Voila server that publishes ``cases_dir``.

    ``options`` are those of :data:`KERNEL_OPTIONS` (missing ones take its defaults).
    """
    unknown = set(options) - set(KERNEL_OPTIONS)
    if unknown:
        raise TypeError(f"unknown options: {sorted(unknown)}")
    o = {**KERNEL_OPTIONS, **options}
    fork = o.pop("fork")  # not Voila's: see serve()
    if o["max_kernels"] < 0:
        o["max_kernels"] = auto_max_kernels(fork=fork)
    settings = [f"--VoilaConfiguration.{key}={json.dumps(value)}" for key, value in VOILA_CONFIGURATION.items()]
    return [str(cases_dir), f"--port={port}", f"--Voila.ip={ip}", "--no-browser", *settings,
            f"--VoilaConfiguration.template={TEMPLATE}",
            "--preheat_kernel=True", f"--pool_size={o['pool_size']}",
            f"--VoilaKernelManager.fill_delay={o['refill_delay']}",
            f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_S}",
            # the gallery at / replaces the index notebook: no kernel kept waiting for it
            "--VoilaKernelManager.preheat_denylist=[\"index.ipynb\"]",
            f"--MappingKernelManager.cull_idle_timeout={int(o['idle_timeout'])}",
            f"--MappingKernelManager.cull_interval={int(o['cull_interval'])}",
            # an open tab nobody touches holds its kernel too: culled alike
            "--MappingKernelManager.cull_connected=True",
            f"--VisitorKernels.max_kernels={int(o['max_kernels'])}",
            f"--VisitorKernels.disconnect_grace={o['disconnect_grace']}",
            f"--VisitorKernels.connect_timeout={o['connect_timeout']}"]


def make_app_class() -> type:
    """The Voila application with the gallery at ``/`` and no listing or file route.

    Imported lazily: Voila takes seconds to import and notebooks never need it.
    """
    import tornado.web
    import voila.app
    from jupyter_server.utils import url_path_join
    from voila.app import Voila
    from voila.static_file_handler import AllowListFileHandler, TemplateStaticFileHandler
    from voila.tornado.contentshandler import VoilaContentsHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    from widgets.app.gallery import gallery_html
    from widgets.plotly_bundle import BUNDLE_URL_ENV, bundle_bytes, bundle_url_path
    from widgets.app.publish_kernels import CURRENT_RESERVATION, visitor_kernel_manager_factory

    class GalleryHandler(tornado.web.RequestHandler):
        def initialize(self, cases_dir: str) -> None:
            self.cases_dir = cases_dir

        def get(self) -> None:
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.write(GALLERY_PAGE.format(gallery=gallery_html(self.cases_dir, href="voila/render/{name}.ipynb")))

    class TemplateStaticHandler(TemplateStaticFileHandler):
        # Voila's handler asserts the path shape: a crafted path (``..``) got a 500 and a
        # traceback in the log instead of a plain 404.
        def parse_url_path(self, path: str) -> str:
            parts = path.split("/")
            if len(parts) < 3 or parts[1] != "static" or ".." in parts or "\\" in path:
                raise tornado.web.HTTPError(404)
            return super().parse_url_path(path)

    class AppHandler(TornadoVoilaHandler):
        """A case app's page: refused (503, zh/en retry page) beyond ``--max-kernels`` visitors."""

        async def get(self, path: str | None = None) -> None:
            # The page's shutdown request on close (beforeunload) sends this cookie's token;
            # Voila never set it, so the request failed the XSRF check (Voila issue #1458).
            self.xsrf_token  # noqa: B018 (the property sets the cookie)
            reservation = self.kernel_manager.admit()
            if reservation is None:
                self.set_status(503)
                self.set_header("Retry-After", str(BUSY_RETRY_S))
                self.set_header("Content-Type", "text/html; charset=UTF-8")
                self.set_header("Cache-Control", "no-store")
                self.finish(BUSY_PAGE.format(limit=self.kernel_manager.max_kernels, retry=BUSY_RETRY_S))
                return
            token = CURRENT_RESERVATION.set(reservation)  # the kernel started for this page is his
            try:
                await super().get(path)
            finally:
                CURRENT_RESERVATION.reset(token)
                stream = getattr(self.request.connection, "stream", None)
                self.kernel_manager.release(reservation, page_closed=stream is None or stream.closed())

    class PlotlyBundleHandler(tornado.web.RequestHandler):
        """plotly's FigureWidget front end at a fixed address named by its content, cached for good.

        Pages import it from here instead of receiving it from their kernel (``widgets.plotly_bundle``):
        a browser fetches and compiles it once, not once per page; gzip-compressed (5 MB → 1.5 MB).
        """

        def initialize(self, raw: bytes, gzipped: bytes) -> None:
            self.raw, self.gzipped = raw, gzipped

        def compute_etag(self) -> None:  # the address names the content; nothing to revalidate
            return None

        def get(self) -> None:
            self.set_header("Content-Type", "text/javascript; charset=UTF-8")
            self.set_header("Cache-Control", "public, max-age=31536000, immutable")
            self.set_header("Vary", "Accept-Encoding")
            if "gzip" in self.request.headers.get("Accept-Encoding", ""):
                self.set_header("Content-Encoding", "gzip")
                self.finish(self.gzipped)
            else:
                self.finish(self.raw)

    class CasebookVoila(Voila):
        """Voila serving a folder of case apps, with the gallery instead of the file tree."""

        name = "crm-publish"

        def setup_template_dirs(self) -> None:
            # Voila finds templates on the Jupyter data path: ours comes first.
            paths = [str(JUPYTER_DATA_DIR), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
            os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
            super().setup_template_dirs()

        def init_settings(self) -> dict:
            # Before any kernel starts: they inherit the bundle's address (widgets.figure).
            os.environ[BUNDLE_URL_ENV] = bundle_url_path()
            # Voila builds its kernel manager class in here: put VisitorKernels on top of it.
            factory = voila.app.voila_kernel_manager_factory
            voila.app.voila_kernel_manager_factory = visitor_kernel_manager_factory(factory)
            try:
                return super().init_settings()
            finally:
                voila.app.voila_kernel_manager_factory = factory

        def init_handlers(self) -> list:
            hidden = (TornadoVoilaTreeHandler, VoilaContentsHandler, AllowListFileHandler)
            replaced = {TemplateStaticFileHandler: TemplateStaticHandler, TornadoVoilaHandler: AppHandler}
            kept = [(h[0], replaced.get(h[1], h[1]), *h[2:]) if len(h) > 1 else h
                    for h in super().init_handlers() if not (len(h) > 1 and h[1] in hidden)]
            home = url_path_join(self.server_url, "/")
            raw = bundle_bytes()
            bundle = (url_path_join(self.server_url, "/" + re.escape(bundle_url_path())), PlotlyBundleHandler,
                      {"raw": raw, "gzipped": gzip.compress(raw, 6, mtime=0)})
            return [(home, GalleryHandler, {"cases_dir": self.root_dir}), bundle,
                    (url_path_join(self.server_url, r"/voila/tree(/.*)?"), tornado.web.RedirectHandler,
                     {"url": home}), *kept]

    return CasebookVoila


def serve(cases_dir: Path, port: int, ip: str = "127.0.0.1", **options: float) -> None:
    """Serve the apps until interrupted (blocks); ``options`` as in :func:`voila_argv`."""
    if options.get("fork", KERNEL_OPTIONS["fork"]):
        from widgets.app.fork_kernels import PROVISIONER_NAME, AppTemplate

        # jupyter_client's provisioner factory: kernels whose spec names no provisioner get ours
        os.environ["JUPYTER_DEFAULT_PROVISIONER_NAME"] = PROVISIONER_NAME
        AppTemplate.start(cases_dir)  # warms up while Voila starts
    # Voila parses its own command line: hand it the settings as arguments.
    make_app_class().launch_instance(argv=voila_argv(cases_dir, port, ip, **options))


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(url: str, child: subprocess.Popen, timeout: float, what: str) -> None:
    """Return once ``url`` answers; RuntimeError if ``child`` exits or ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            if child.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start (exit code {child.poll()})")
            time.sleep(0.5)


class Site(str):
    """The URL of a running ``crm-publish``; ``pid`` is its server process."""

    pid: int


def _processes() -> dict[int, tuple[int, bytes]]:
    """Every process: pid -> (parent pid, command line)."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            table[int(stat.parent.name)] = (ppid, (stat.parent / "cmdline").read_bytes())
        except (OSError, ValueError, IndexError):
            continue
    return table


def server_pids(server_pid: int) -> dict[str, list[int]]:
    """The processes of a ``crm-publish`` server: ``server``, ``template`` (fork) and ``kernels``."""
    table = _processes()
    tree, frontier = [], [server_pid]
    while frontier:
        children = [pid for pid, (ppid, _) in table.items() if ppid in frontier]
        tree += children
        frontier = children
    template = [pid for pid in tree if table[pid][0] == server_pid and b"widgets.app.fork_kernels" in table[pid][1]]
    kernels = [pid for pid in tree if pid not in template
               and (b"ipykernel" in table[pid][1] or table[pid][0] in template)]
    return {"server": [server_pid], "template": sorted(template), "kernels": sorted(kernels)}


def kernel_pids(server_pid: int) -> list[int]:
    """Process ids of the kernels a ``crm-publish`` server runs (started or forked)."""
    return server_pids(server_pid)["kernels"]


@contextlib.contextmanager
def serving(cases_dir: Path = CASES_DIR, port: int | None = None, log: Path | None = None,
            timeout: float = 180.0, **options: float) -> Iterator[str]:
    """Run ``crm-publish`` in a child process and yield its URL once the gallery answers.

    ``options`` are ``crm-publish``'s kernel options (:data:`KERNEL_OPTIONS`, e.g.
    ``pool_size=2, max_kernels=5``). Used by the browser tests, the benchmarks and
    ``--thumbnails``. The child is stopped (SIGTERM, then killed) on exit. The URL
    yielded is a :class:`Site` (its ``pid`` is the server's).
    """
    port = port or free_port()
    unknown = set(options) - set(KERNEL_OPTIONS)
    if unknown:
        raise TypeError(f"unknown options: {sorted(unknown)}")
    flags = []
    for key, value in options.items():
        flag = f"--{key.replace('_', '-')}"
        flags += ([flag] if value else [f"--no-{flag[2:]}"]) if isinstance(value, bool) else [flag, str(value)]
    with serve_child([sys.executable, "-m", "widgets.app.publish", "--cases", str(cases_dir), "--port", str(port),
                      *flags], port, "crm-publish", log, timeout) as (url, child):
        site = Site(url)
        site.pid = child.pid
        yield site


@contextlib.contextmanager
def serve_child(argv: list[str], port: int, what: str, log: Path | None = None, timeout: float = 180.0,
                env: dict[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run a server command in a child process; yield (its URL, the child) once it answers, stop it on exit.

    The child's output goes to ``log`` (or nowhere); on exit it gets SIGTERM, then is killed after 30 s.
    """
    out = open(log, "w") if log else subprocess.DEVNULL
    child = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                             env={**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(url, child, timeout, f"{what} (log: {log})")
        yield url, child
    finally:
        child.terminate()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if log:
            out.close()


def case_notebooks(cases_dir: Path = CASES_DIR) -> list[str]:
    """Names of the case apps: every notebook in ``cases_dir`` except the index."""
    return sorted(p.stem for p in Path(cases_dir).glob("*.ipynb") if p.stem != "index")


def take_thumbnails(cases_dir: Path = CASES_DIR, names: Sequence[str] | None = None) -> list[Path]:
    """Screenshot the first figure of each case app into ``<cases_dir>/thumbnails/<name>.png``.

    Needs playwright and Debian's chromium (the ``test`` extra and
    ``tests/install-browser.sh``). Deterministic up to font rendering; commit the files.
    """
    from playwright.sync_api import sync_playwright

    from widgets.app.gallery import THUMBNAILS

    out_dir = Path(cases_dir) / THUMBNAILS
    out_dir.mkdir(exist_ok=True)
    written = []
    with serving(cases_dir) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        # Half-size pixels: a card shows the thumbnail about 320 px wide.
        page = browser.new_page(viewport={"width": 900, "height": 700}, device_scale_factor=0.5, locale="zh-CN")
        for name in names or case_notebooks(cases_dir):
            page.goto(f"{url}voila/render/{name}.ipynb", timeout=300_000)
            plot = page.locator(".js-plotly-plot").first
            plot.wait_for(timeout=300_000)
            page.wait_for_timeout(1000)  # plotly's transitions
            path = out_dir / f"{name}.png"
            plot.screenshot(path=str(path))
            written.append(path)
        browser.close()
    return written


def build_parser() -> argparse.ArgumentParser:
    """``crm-publish``'s command line: every option says its default."""
    parser = argparse.ArgumentParser(
        prog="crm-publish", description=__doc__.splitlines()[0].replace("``", ""),
        epilog="Memory: a visitor's kernel adds about 55-100 MB (350 MB with --no-fork); "
               "size --max-kernels to the machine. "
               "Details: docs/publishing.md.")
    add = parser.add_argument
    add("--cases", type=Path, default=CASES_DIR, help="folder of the case notebooks (default: %(default)s)")
    add("--port", type=int, default=8866, help="TCP port (default: %(default)s)")
    add("--ip", default="127.0.0.1", help="address to listen on; 0.0.0.0 publishes on the network (default: %(default)s)")
    add("--fork", action=argparse.BooleanOptionalAction, default=KERNEL_OPTIONS["fork"],
        help="start every kernel by forking a template process that has imported the libraries and loaded "
             "the case data, so a visitor's kernel costs only building the views and shares the rest "
             "(--no-fork: a fresh Python per kernel) (default: %(default)s)")
    add("--pool-size", type=int, default=KERNEL_OPTIONS["pool_size"],
        help="preheated kernels kept waiting per app, the notebook already run (default: %(default)s)")
    add("--refill-delay", type=float, default=KERNEL_OPTIONS["refill_delay"],
        help="seconds before a used preheated kernel is replaced (default: %(default)s)")
    add("--max-kernels", type=int, default=KERNEL_OPTIONS["max_kernels"],
        help="most visitors served at once (their kernels; the preheated ones not counted); "
             "a visitor beyond it gets a 'please wait' page that retries by itself; 0: no limit; "
             f"-1: as many as fit in 80%% of the memory available at start at {KERNEL_MEMORY_MB[True]} MB "
             f"each ({KERNEL_MEMORY_MB[False]} MB with --no-fork) (here now: {auto_max_kernels()}) "
             "(default: %(default)s)")
    add("--idle-timeout", type=int, default=KERNEL_OPTIONS["idle_timeout"],
        help="seconds without activity after which a visitor's kernel is shut down, even with its tab open; "
             "the page then says the session ended and offers to reload; 0: never (default: %(default)s)")
    add("--cull-interval", type=int, default=KERNEL_OPTIONS["cull_interval"],
        help="seconds between two checks for idle kernels (default: %(default)s)")
    add("--disconnect-grace", type=float, default=KERNEL_OPTIONS["disconnect_grace"],
        help="seconds a visitor's kernel is kept after its page closed or lost its connection, "
             "for a reconnect (default: %(default)s)")
    add("--connect-timeout", type=float, default=KERNEL_OPTIONS["connect_timeout"],
        help="seconds a kernel waits for its page to connect before it is shut down (default: %(default)s)")
    add("--thumbnails", action="store_true",
        help="retake cases/thumbnails/<name>.png from the apps instead of serving (default: serve)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.thumbnails:
        for path in take_thumbnails(args.cases):
            print(path)
        return 0
    serve(args.cases.resolve(), args.port, args.ip, **{key: getattr(args, key) for key in KERNEL_OPTIONS})
    return 0


if __name__ == "__main__":
    sys.exit(main())
