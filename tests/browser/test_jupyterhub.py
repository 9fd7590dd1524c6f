"""The shipped single-server JupyterHub configuration, for real: a hub, its proxy, three users, three case apps.

``deploy/jupyterhub/jupyterhub_config.py`` is loaded as it is; only what a test machine
cannot have is replaced: no system users (JupyterHub's SimpleLocalProcessSpawner, homes
in a temporary folder; DummyAuthenticator, any password), free ports on 127.0.0.1.
Needs ``jupyterhub`` (the test extra) and ``configurable-http-proxy`` (npm:
tests/install-jupyterhub.sh).
"""
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import HAVE_CHROMIUM, ROOT
from widgets.app.publish import free_port, wait_until_serving

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is missing: run tests/install-browser.sh"),
    pytest.mark.skipif(shutil.which("configurable-http-proxy") is None,
                       reason="configurable-http-proxy is missing: run tests/install-jupyterhub.sh"),
]
jupyterhub = pytest.importorskip("jupyterhub")

SHIPPED_CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
USERS = {"alice": "supermarket", "bob": "fuel", "carol": "bank"}  # each user opens another case
APP_TIMEOUT_MS = 300_000
SIGNATURE_JS = ("() => Array.from(document.querySelectorAll('.widget-html, .js-plotly-plot'))"
                ".map(e => e.innerHTML).join('\\u0000')")
TEST_CONFIG = """
c = get_config()
load_subconfig({shipped!r})
# what a test machine cannot have: system users and fixed ports
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = [*c.Spawner.args, "--ServerApp.allow_root=True"]
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_port}"
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/cookie_secret"
c.ConfigurableHTTPProxy.pid_file = "{work}/proxy.pid"
c.JupyterHub.pid_file = "{work}/jupyterhub.pid"
"""


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    work = tmp_path_factory.mktemp("jupyterhub")
    homes = work / "homes"
    for user in USERS:
        (homes / user).mkdir(parents=True)
    port = free_port()
    config = work / "jupyterhub_test_config.py"
    singleuser = str(Path(sys.executable).with_name("jupyterhub-singleuser"))
    config.write_text(TEST_CONFIG.format(shipped=str(SHIPPED_CONFIG), homes=str(homes), singleuser=singleuser,
                                         port=port, hub_port=free_port(), proxy_port=free_port(), work=work))
    log = (work / "jupyterhub.log").open("w")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    child = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=work,
                             stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(url + "hub/health", child, 120, f"jupyterhub (log: {work / 'jupyterhub.log'})")
        yield url
    finally:
        child.terminate()  # the hub stops the users' servers and its proxy
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        log.close()


def test_the_hub_loads_the_shipped_settings(hub):
    with urllib.request.urlopen(hub + "hub/login", timeout=30) as response:
        assert response.status == 200


def test_three_users_each_open_a_case_app_and_move_a_control(hub, browser):
    sessions = []
    for user, case in USERS.items():  # all log in first: their servers start side by side
        context = browser.new_context(viewport={"width": 1100, "height": 800}, locale="zh-CN")
        page = context.new_page()
        page.goto(hub + "hub/login", timeout=60_000)
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", "any")
        page.click("input[type=submit], button[type=submit]")
        page.wait_for_url(f"**/user/{user}/**", timeout=APP_TIMEOUT_MS)  # his server started (the gallery)
        sessions.append((user, case, context, page))
    for user, case, context, page in sessions:
        page.goto(f"{hub}user/{user}/voila/render/cases/{case}.ipynb", timeout=APP_TIMEOUT_MS)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=APP_TIMEOUT_MS)
        handle = page.locator(".widget-slider .noUi-handle").first
        handle.wait_for(timeout=APP_TIMEOUT_MS)
        before = page.evaluate(SIGNATURE_JS)
        handle.scroll_into_view_if_needed()
        handle.focus()
        for _ in range(3):
            handle.press("ArrowRight")
        page.wait_for_function(f"before => ({SIGNATURE_JS})() !== before", arg=before, timeout=60_000)
        assert "import " not in page.inner_text("body")  # sources stripped (voila.json via the config)
        assert page.url.startswith(f"{hub}user/{user}/")
    for *_, context, _page in sessions:
        context.close()
