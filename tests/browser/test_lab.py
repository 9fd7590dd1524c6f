"""The README's student command: JupyterLab opens at the repository root on the case index, and every link there works.

The command is read from the README (its first ``bash`` block, from ``jupyter lab`` on)
and run as written, with only what a test needs added (port, address, token, no browser).
"""
import os
import re
import secrets
import shlex
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.browser.conftest import HAVE_CHROMIUM, ROOT
from widgets.app.publish import free_port, wait_until_serving

pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is missing: run tests/install-browser.sh")

LAB_TIMEOUT_MS = 120_000


def readme_lab_arguments() -> list[str]:
    """The arguments of ``jupyter lab`` in the README's first command."""
    first = re.search(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))[1]
    lab = next(step.strip() for step in first.split("&&") if step.strip().startswith("jupyter lab "))
    return shlex.split(lab)[2:]


def opened_url(log_path, server, timeout: float = 120) -> str:
    """The address JupyterLab sends the student's browser to (its redirect page, as the browser reads it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        found = re.search(r"CRM-OPEN file://(\S+)", log_path.read_text(encoding="utf-8", errors="replace"))
        if found:
            return re.search(r'url=([^"]+)"', Path(found[1]).read_text(encoding="utf-8"))[1]
        time.sleep(0.5)
    raise AssertionError(f"jupyter lab opened no browser page (log: {log_path})")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """The README's JupyterLab, and the page it opens; instead of a browser it names the page in its log."""
    port, token = free_port(), secrets.token_hex(16)
    folder = tmp_path_factory.mktemp("lab")
    log_path = folder / "jupyter-lab.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", *readme_lab_arguments(), f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", "--ServerApp.allow_root=True",
         "--ServerApp.browser=echo CRM-OPEN %s",
         # a fresh workspace, as on a student's first start (not the layout a previous session left)
         f"--LabApp.workspaces_dir={folder / 'workspaces'}"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(f"{url}api/status?token={token}", server, 120, "jupyter lab")
        yield url, token, opened_url(log_path, server)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_lab_serves_the_repository_root_and_opens_the_index(lab, browser):
    url, token, opened = lab
    assert opened == f"{url}lab/tree/cases/index.ipynb?token={token}"
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(opened, timeout=LAB_TIMEOUT_MS)
        page.wait_for_selector(".jp-RenderedMarkdown a[href*='exercises']", timeout=LAB_TIMEOUT_MS)
        # the file browser shows the index's folder and can go up to the repository's root
        page.locator(".jp-BreadCrumbs-home").first.click()
        listed = ("() => Array.from(document.querySelectorAll('.jp-DirListing-item .jp-DirListing-itemText'))"
                  ".map(e => e.innerText)")
        page.wait_for_function(f"() => ['cases', 'exercises', 'data'].every(n => ({listed})().includes(n))",
                               timeout=30_000)
    finally:
        page.close()


def test_every_link_in_the_index_resolves(lab, browser):
    url, token, opened = lab
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(opened, timeout=LAB_TIMEOUT_MS)
        page.wait_for_selector(".jp-RenderedMarkdown a[href*='exercises']", timeout=LAB_TIMEOUT_MS)
        page.wait_for_selector(".crm-card", timeout=LAB_TIMEOUT_MS)
        # (anchors within the page, "#heading", are not links to files)
        hrefs = page.eval_on_selector_all(".jp-Notebook a[href]:not([href^='#'])", "links => links.map(a => a.href)")
    finally:
        page.close()
    local = sorted({h for h in hrefs if h.startswith(url)})
    exercises = [h for h in local if "/exercises/" in h]
    assert len(local) >= 10 and len(exercises) >= 5, local
    context = browser.new_context()
    try:
        for href in local:
            path = urllib.parse.unquote(urllib.parse.urlsplit(href).path)
            relative = re.sub(r"^/(files|lab/tree)/", "", path)
            assert relative != path, f"{href}: not a link into the repository"
            assert (ROOT / relative).is_file(), f"{href}: {relative} is not in the repository"
            # what JupyterLab asks when the link is clicked: the file through the server's contents API
            response = context.request.get(f"{url}api/contents/{urllib.parse.quote(relative)}?token={token}&content=0")
            assert response.status == 200, f"{href}: {response.status}"
    finally:
        context.close()
