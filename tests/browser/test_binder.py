"""Binder / JupyterHub: the Voila server extension serves the same gallery and apps from the repo root.

Binder starts ``jupyter server`` in the repository with ``environment.yml`` installed;
Voila's server extension then reads ``voila.json`` from that folder. No browser needed.
"""
import json
import os
import subprocess
import sys
import urllib.request

import pytest

from tests.browser.conftest import ROOT
from widgets.app.publish import VOILA_CONFIGURATION, free_port, wait_until_serving


def test_voila_json_holds_the_published_settings():
    assert json.loads((ROOT / "voila.json").read_text(encoding="utf-8")) == {"VoilaConfiguration": VOILA_CONFIGURATION}


@pytest.fixture(scope="module")
def jupyter_server(tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.mktemp("binder") / "jupyter-server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "server", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         "--IdentityProvider.token=", "--ServerApp.allow_root=True", f"--ServerApp.root_dir={ROOT}"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    wait_until_serving(url + "api/status", server, 120, "jupyter server")
    yield url
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_the_gallery_notebook_renders_with_sources_stripped(jupyter_server):
    page = urllib.request.urlopen(jupyter_server + "voila/render/cases/index.ipynb", timeout=300).read().decode()
    # (Voila embeds the outputs as JSON for its front end: quotes are escaped)
    assert "crm-card" in page and "supermarket.ipynb" in page
    assert "case_gallery" not in page  # strip_sources from voila.json
    assert "jupyterlab-plotly" not in page  # the lab extension denylist from voila.json
