"""JupyterHub for a class on one server: every student gets his own Jupyter server with the casebook apps.

A class that outgrows one ``crm-publish`` (see docs/publishing.md, "Past one machine")
runs the same apps on JupyterHub: each user's server runs Voila's server extension, so a
case app is at ``/user/<name>/voila/render/cases/<case>.ipynb`` and the gallery at
``/user/<name>/voila/render/cases/index.ipynb`` (where the user lands).

Use it as it is (``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py``: system users
and PAM log-in, JupyterHub's defaults) or drop it into The Littlest JupyterHub's
``/opt/tljh/config/jupyterhub_config.d/`` (TLJH keeps its own authenticator and its
systemd spawner, which enforces ``mem_limit``). Settings from the environment:

``CRM_CASEBOOK_DIR``      the casebook checkout the users' servers serve (default: this repository)
``CRM_CASEBOOK_SERVERS``  most users' servers running at once (default: 40)
``CRM_CASEBOOK_IDLE``     seconds after which an idle kernel is culled (default: 1200)

The hub itself needs only JupyterHub; the users' environment needs the casebook
(``pip install -e <checkout>``: Voila, ipywidgets, plotly, ...) and ``jupyterhub``
(for ``jupyterhub-singleuser``).
"""
import json
import os
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub's config loader provides it)

CASEBOOK = Path(os.environ.get("CRM_CASEBOOK_DIR", Path(__file__).resolve().parents[2]))
IDLE_S = int(os.environ.get("CRM_CASEBOOK_IDLE", 1200))

# Each user's server serves the checkout; he lands on the gallery.
c.Spawner.notebook_dir = str(CASEBOOK)
c.Spawner.default_url = "/voila/render/cases/index.ipynb"
# The published apps' Voila settings (voila.json: sources stripped, unused lab extensions off)
# and template (widgets/app/jupyter/voila/templates/casebook: nothing fetched from a CDN, a notice
# when the kernel was culled). Passed on the command line: the server does not start in the checkout.
voila = json.loads((CASEBOOK / "voila.json").read_text(encoding="utf-8"))["VoilaConfiguration"]
c.Spawner.environment = {"JUPYTER_PATH": str(CASEBOOK / "widgets" / "app" / "jupyter")}
c.Spawner.args = [
    *(f"--VoilaConfiguration.{key}={json.dumps(value)}" for key, value in voila.items()),
    "--VoilaConfiguration.template=casebook",
    # Kernels of closed or forgotten tabs: culled after IDLE_S, even with a tab still open.
    f"--MappingKernelManager.cull_idle_timeout={IDLE_S}",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=True",
    # A server nobody used for an hour stops (its user's next visit starts it again).
    "--ServerApp.shutdown_no_activity_timeout=3600",
]
# A student's server with one or two apps open holds about 0.5-1 GB (a kernel about 350 MB).
c.Spawner.mem_limit = "1.5G"  # enforced by TLJH's systemd spawner and by KubeSpawner, not by local processes
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
# Limits an instructor controls: a user beyond them is told to come back, the machine keeps running.
c.JupyterHub.active_server_limit = int(os.environ.get("CRM_CASEBOOK_SERVERS", 40))
c.JupyterHub.concurrent_spawn_limit = 10  # a class logging in at once starts servers ten at a time
