"""A case notebook opened in JupyterLab before Run All shows its saved views and figures, not widget reprs.

The notebooks are committed with their widget state. The test follows the README's student
command on a fresh copy of the notebooks: its steps before ``jupyter lab`` (``jupyter trust``,
with a fresh Jupyter data folder, so the signatures are this "student's" own), then JupyterLab
as written there. Each case notebook is opened without running a cell: no ``ToggleButtons(...)``
style reprs, the views' controls are there, and plotly figures are drawn (``.js-plotly-plot``
with its svg) although the kernel has none of the figures. Then Run All: the live figures draw
too (the page had already seen restored ones). A screenshot at 1366×768 goes to docs/screenshots/.

Not solved (docs/publishing.md): often on a notebook's first open (a new kernel) JupyterLab's
widget manager (jupyterlab_widgets 3.0) reports the notebook restored, then some outputs rendered
a moment later find no model and stay "Error displaying widget: model not found", although every
saved model is registered by then. Reloading shows them. The test then warns, reloads the page
once, as a student would, and asserts everything on the reloaded page; it never accepts the
error itself, and a notebook whose outputs are lost again fails.
"""
import json
import os
import re
import secrets
import shlex
import shutil
import warnings
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import HAVE_CHROMIUM, ROOT
from tests.browser.test_lab import readme_lab_arguments
from widgets.app.publish import case_notebooks, free_port, wait_until_serving

pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is missing: run tests/install-browser.sh")

CASES = case_notebooks()  # every case app, found from cases/ (none listed by hand)
TIMEOUT_MS = 120_000
DOCS_SHOT = ROOT / "docs" / "screenshots" / "lab-before-run-all-supermarket-1366.png"
# a widget's text/plain repr as JupyterLab shows it when it does not render the widget: "ToggleButtons(...)"
REPR = r"^[A-Z][A-Za-z]*\((.|\n)*\)$"


def saved_figures(case: str) -> int:
    """How many plotly figures the notebook's outputs show, by its saved widget state."""
    nb = json.loads((ROOT / "cases" / f"{case}.ipynb").read_text(encoding="utf-8"))
    state = nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    todo = [out["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] for cell in nb["cells"]
            for out in cell.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in out.get("data", {})]
    seen = set()
    while todo:
        model_id = todo.pop()
        if model_id not in seen and model_id in state:
            seen.add(model_id)
            todo += re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(state[model_id]["state"]))
    return sum("_widget_data" in state[m]["state"] for m in seen)


def readme_steps_before_lab() -> str:
    """The README's student command from its first ``jupyter`` step up to ``jupyter lab`` (not included)."""
    first = re.search(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))[1]
    steps = [step.strip() for step in first.split("&&")]
    lab = next(i for i, step in enumerate(steps) if step.startswith("jupyter lab "))
    return " && ".join(step for step in steps[:lab] if step.startswith("jupyter "))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a fresh copy of the notebooks, set up as the README says; (url, token)."""
    folder = tmp_path_factory.mktemp("lab-before-run")
    for sub in ("cases", "exercises"):
        (folder / sub).mkdir()
        for notebook in (ROOT / sub).glob("*.ipynb"):
            shutil.copy(notebook, folder / sub / notebook.name)
    # (the package and its case data come from the installed project)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "JUPYTER_DATA_DIR": str(folder / "jupyter-data"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    setup = readme_steps_before_lab()
    assert "jupyter trust" in setup
    subprocess.run(["bash", "-c", setup], cwd=folder, env=env, check=True, capture_output=True, timeout=300)
    port, token = free_port(), secrets.token_hex(16)
    log = (folder / "jupyter-lab.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", *readme_lab_arguments(), f"--port={port}", "--no-browser",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", "--ServerApp.allow_root=True",
         f"--LabApp.workspaces_dir={folder / 'workspaces'}", "--LabApp.expose_app_in_browser=True"],
        cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(f"{url}api/status?token={token}", server, 120, "jupyter lab")
        yield url, token
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


OUTPUTS = """() => {
  const outputs = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output'));
  const plots = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot'));
  return {
    texts: outputs.map(o => o.textContent.trim()),
    sliders: document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .widget-slider').length,
    switches: document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .crm-app-header .widget-toggle-buttons').length,
    drawn: plots.filter(p => p.querySelector('svg.main-svg')).length,
    restored: plots.filter(p => p.closest('.jupyter-widgets-disconnected')).length,
    live: plots.filter(p => p.querySelector('svg.main-svg') && !p.closest('.jupyter-widgets-disconnected')).length,
  };
}"""


def open_notebook(browser, lab, case, workspace=None):
    """The notebook alone in a workspace of its own (not with the tabs an earlier test opened)."""
    url, token = lab
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{url}lab/workspaces/{workspace or case}/tree/cases/{case}.ipynb?token={token}", timeout=TIMEOUT_MS)
    page.wait_for_selector(".jp-NotebookPanel .jp-OutputArea-output", timeout=TIMEOUT_MS)
    return page, errors


LOST = "Error displaying widget: model not found"


def wait_until_drawn(page, figures: int) -> bool:
    """Wait until every saved figure is drawn; False if the widget manager lost outputs (see above)."""
    # (JupyterLab renders a long notebook's cells a few at a time)
    lost = f"Array.from(document.querySelectorAll('.jp-OutputArea-output')).some(o => o.textContent.includes({LOST!r}))"
    page.wait_for_function(f"() => ({OUTPUTS})().drawn >= {figures} || {lost}", timeout=TIMEOUT_MS)
    page.wait_for_timeout(2000)  # (outputs are lost a moment after the restore)
    return not page.evaluate(f"() => {lost}")


@pytest.mark.parametrize("case", CASES)
def test_a_case_notebook_opened_before_run_all_shows_its_views_and_figures(browser, lab, case):
    page, errors = open_notebook(browser, lab, case)
    try:
        figures = saved_figures(case)
        assert figures > 0
        if not wait_until_drawn(page, figures):
            warnings.warn(f"{case}: JupyterLab's widget manager lost outputs on the first open (see the module docstring); reloaded")
            page.reload(timeout=TIMEOUT_MS)
            errors.clear()
            assert wait_until_drawn(page, figures), f"{case}: outputs lost again after a reload"
        shown = page.evaluate(OUTPUTS)
        reprs = [t[:80] for t in shown["texts"] if re.match(REPR, t)]
        assert not reprs, reprs
        lost = page.evaluate("() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))"
                             ".map(o => o.textContent).filter(t => /Error displaying widget|Loading widget/.test(t))")
        assert not lost, lost
        assert shown["switches"] == 1 and shown["sliders"] > 0, shown
        assert shown["drawn"] == figures and shown["restored"] == figures, shown  # all drawn, without the kernel
        assert not [e for e in errors if "widget model not found" in e]
        if case == "supermarket":
            # the ABC view: its title, two sliders and the figure
            page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-slider").first.evaluate(
                "el => el.scrollIntoView({block: 'start'})")
            news = page.locator(".jp-Notification-Toast-Close, .Toastify__close-button")  # "official Jupyter news?"
            if news.count():
                news.first.click()
            page.mouse.move(800, 400)
            page.mouse.wheel(0, -90)
            page.wait_for_timeout(800)
            DOCS_SHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(DOCS_SHOT))
    finally:
        page.close()


def test_after_run_all_the_live_figures_draw_too(browser, lab):
    # restored figures were drawn first on this page; the live ones must still get plotly's front end
    page, _ = open_notebook(browser, lab, "supermarket", workspace="run-all")
    try:
        if not wait_until_drawn(page, saved_figures("supermarket")):
            warnings.warn("supermarket: JupyterLab's widget manager lost outputs on the first open (see the module docstring); reloaded")
            page.reload(timeout=TIMEOUT_MS)
            assert wait_until_drawn(page, saved_figures("supermarket"))
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(f"() => ({OUTPUTS})().live >= 3", timeout=TIMEOUT_MS)
        shown = page.evaluate(OUTPUTS)
        assert shown["restored"] == 0, shown
    finally:
        page.close()
