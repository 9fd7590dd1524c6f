"""``crm-publish``: serve every case notebook as a Voila app behind a gallery page.

One command, no per-case code: every ``*.ipynb`` in the cases folder becomes an
app at ``/voila/render/<name>.ipynb`` and every case of
:func:`crm.datasets.case_catalogue` with a notebook gets a card on the gallery
at ``/``. What a visitor can reach is only that:

* code cells are stripped (``strip_sources``); the apps still run them;
* ``/`` is the gallery, not Voila's file tree; ``/voila/tree…`` redirects to it;
* Voila's contents API and file handler are not mounted: no listing, no file
  (thumbnails are inlined in the gallery), nothing outside the apps.

Each app runs in a kernel executed before anyone asks (Voila's preheated kernels),
so a visitor does not wait for the imports and the data. Lives in ``widgets``
(not ``crm``) because it serves notebooks and views: data → analytics → views →
notebooks → apps, each layer importing only those to its left.

Run ``crm-publish`` (http://127.0.0.1:8866/), ``crm-publish --ip 0.0.0.0 --port 80``
on a server, ``crm-publish --thumbnails`` to retake the gallery's screenshots.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator, Sequence

REPO_DIR = Path(__file__).resolve().parents[1]
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
GALLERY_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>CRM 案例工作台 / CRM Casebook</title>
<style>body{{font-family:"Noto Sans CJK SC","Noto Sans SC",system-ui,sans-serif;max-width:1100px;margin:24px auto;
padding:0 16px;color:#222}}h1{{font-size:26px}}</style></head>
<body><h1>CRM 案例工作台 / CRM Casebook</h1>
<p>选择一个案例，移动控件，看客户分类与策略模拟如何变化。<br>
<i>Pick a case and move its controls: customer classes and strategy simulations follow.</i></p>
{gallery}</body></html>"""


def voila_argv(cases_dir: Path, port: int, ip: str = "127.0.0.1", pool_size: int = 1,
               refill_delay: float = REFILL_DELAY_S) -> list[str]:
    """Command-line arguments of the Voila server that publishes ``cases_dir``."""
    settings = [f"--VoilaConfiguration.{key}={json.dumps(value)}" for key, value in VOILA_CONFIGURATION.items()]
    return [str(cases_dir), f"--port={port}", f"--Voila.ip={ip}", "--no-browser", *settings,
            "--preheat_kernel=True", f"--pool_size={pool_size}",
            f"--VoilaKernelManager.fill_delay={refill_delay}",
            # the gallery at / replaces the index notebook: no kernel kept waiting for it
            "--VoilaKernelManager.preheat_denylist=[\"index.ipynb\"]"]


def make_app_class() -> type:
    """The Voila application with the gallery at ``/`` and no listing or file route.

    Imported lazily: Voila takes seconds to import and notebooks never need it.
    """
    import tornado.web
    from jupyter_server.utils import url_path_join
    from voila.app import Voila
    from voila.static_file_handler import AllowListFileHandler, TemplateStaticFileHandler
    from voila.tornado.contentshandler import VoilaContentsHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    from widgets.gallery import gallery_html

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

    class CasebookVoila(Voila):
        """Voila serving a folder of case apps, with the gallery instead of the file tree."""

        name = "crm-publish"

        def init_handlers(self) -> list:
            hidden = (TornadoVoilaTreeHandler, VoilaContentsHandler, AllowListFileHandler)
            kept = [(h[0], TemplateStaticHandler, *h[2:]) if h[1] is TemplateStaticFileHandler else h
                    for h in super().init_handlers() if not (len(h) > 1 and h[1] in hidden)]
            home = url_path_join(self.server_url, "/")
            return [(home, GalleryHandler, {"cases_dir": self.root_dir}),
                    (url_path_join(self.server_url, r"/voila/tree(/.*)?"), tornado.web.RedirectHandler,
                     {"url": home}), *kept]

    return CasebookVoila


def serve(cases_dir: Path, port: int, ip: str = "127.0.0.1", pool_size: int = 1,
          refill_delay: float = REFILL_DELAY_S) -> None:
    """Serve the apps until interrupted (blocks)."""
    # Voila parses its own command line: hand it the settings as arguments.
    make_app_class().launch_instance(argv=voila_argv(cases_dir, port, ip, pool_size, refill_delay))


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


@contextlib.contextmanager
def serving(cases_dir: Path = CASES_DIR, port: int | None = None, pool_size: int = 1,
            refill_delay: float = REFILL_DELAY_S, log: Path | None = None, timeout: float = 180.0) -> Iterator[str]:
    """Run ``crm-publish`` in a child process and yield its URL once the gallery answers.

    Used by the browser tests, the TTI benchmark and ``--thumbnails``. The child is
    stopped (SIGTERM, then killed) on exit.
    """
    port = port or free_port()
    out = open(log, "w") if log else subprocess.DEVNULL
    child = subprocess.Popen([sys.executable, "-m", "widgets.publish", "--cases", str(cases_dir),
                              "--port", str(port), "--pool-size", str(pool_size),
                              "--refill-delay", str(refill_delay)],
                             stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(url, child, timeout, f"crm-publish (log: {log})")
        yield url
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

    from widgets.gallery import THUMBNAILS

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crm-publish", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES_DIR, help="folder of the case notebooks (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument("--ip", default="127.0.0.1", help="0.0.0.0 to publish on the network")
    parser.add_argument("--pool-size", type=int, default=1, help="preheated kernels per app (default: %(default)s)")
    parser.add_argument("--refill-delay", type=float, default=REFILL_DELAY_S,
                        help="seconds before a used preheated kernel is replaced (default: %(default)s)")
    parser.add_argument("--thumbnails", action="store_true",
                        help="retake cases/thumbnails/<name>.png from the apps instead of serving")
    args = parser.parse_args(argv)
    if args.thumbnails:
        for path in take_thumbnails(args.cases):
            print(path)
        return 0
    serve(args.cases.resolve(), args.port, args.ip, args.pool_size, args.refill_delay)
    return 0


if __name__ == "__main__":
    sys.exit(main())
