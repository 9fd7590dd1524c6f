"""A committed case notebook rendered as nbviewer renders it shows its views and draws every saved figure.

nbviewer (and ``jupyter nbconvert --to html``, which it uses) writes the notebook's outputs and its
saved widget state into a page that loads require.js from cdnjs, ``@jupyter-widgets/html-manager``
from unpkg and each widget's own module from jsdelivr (here anywidget, which carries our figure's
front end in its saved ``_esm``); that front end draws a saved figure with plotly.js from plotly's
CDN (``widgets/figure.py``). The test exports each committed notebook as it is (not executed)
with nbconvert's HTML exporter and opens it in chromium with every CDN request answered from the
same packages fetched from the npm registry (and plotly.js from the installed plotly); any other
request off the page is refused and reported. nbviewer.org itself is not reached (no network here).
Offline, a figure's box says to run the notebook instead of staying blank.
"""
import os
import re
import shutil
import subprocess
import tarfile
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.browser.conftest import HAVE_CHROMIUM, ROOT
from tests.browser.test_lab_before_run import REPR, saved_figures
from widgets.app.publish import case_notebooks

pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is missing: run tests/install-browser.sh")

CASES = case_notebooks()
# what the page fetches from CDNs, pinned (anywidget: the version the kernel's Python package names)
NPM = {"requirejs": "2.3.8", "@jupyter-widgets/html-manager": "1.0.15", "anywidget": version("anywidget")}
NO_KERNEL = "Run the notebook to draw this figure"
SHOT = ROOT / "docs" / "screenshots" / "nbviewer-supermarket-1366.png"


@pytest.fixture(scope="module")
def cdn(tmp_path_factory):
    """URL pattern -> local file, for every script the exported page asks a CDN for."""
    npm = shutil.which("npm")
    if not npm:
        if os.environ.get("CI"):
            pytest.fail("npm is needed to fetch the widget manager nbviewer's pages load (the npm registry)")
        pytest.skip("npm is missing: the widget manager nbviewer's pages load comes from the npm registry")
    folder = tmp_path_factory.mktemp("cdn")
    packages = {}
    for name, pinned in NPM.items():
        subprocess.run([npm, "pack", f"{name}@{pinned}", "--pack-destination", str(folder), "--silent"],
                       check=True, capture_output=True, timeout=300)
        tarball = next(folder.glob(name.lstrip("@").replace("/", "-") + f"-{pinned}.tgz"))
        with tarfile.open(tarball) as tar:
            tar.extractall(folder / name.replace("/", "_"), filter="data")
        packages[name] = folder / name.replace("/", "_") / "package"
    import plotly
    return {
        r"/require(\.min)?\.js$": packages["requirejs"] / "require.js",
        r"/@jupyter-widgets/html-manager@[^/]*/dist/embed-amd\.js$": packages["@jupyter-widgets/html-manager"] / "dist" / "embed-amd.js",
        r"/anywidget@[^/]*/dist/index\.js$": packages["anywidget"] / "dist" / "index.js",
        r"^https://cdn\.plot\.ly/plotly-[0-9.]+\.min\.js$": Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
    }


def export(case: str, folder: Path) -> Path:
    """The committed notebook as nbconvert's HTML exporter writes it (what nbviewer serves), not executed."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_filename(str(ROOT / "cases" / f"{case}.ipynb"))
    page = folder / f"{case}.html"
    page.write_text(body, encoding="utf-8")
    return page


def open_page(browser, page_file: Path, cdn: dict, offline_plotly: bool = False):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    refused, console = [], []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text[:300]}"))

    def answer(route):
        url = route.request.url
        if url.startswith("file://"):
            return route.continue_()
        for pattern, path in cdn.items():
            if re.search(pattern, url) and not (offline_plotly and "plot.ly" in url):
                return route.fulfill(path=str(path), content_type="application/javascript")
        refused.append(url)
        return route.abort()

    page.route("**/*", answer)
    page.goto(page_file.as_uri())
    return page, refused, console


SHOWN = """() => {
  const outputs = Array.from(document.querySelectorAll('.jp-OutputArea-output'));
  return {
    texts: outputs.map(o => o.innerText.trim()),
    switches: document.querySelectorAll('.crm-app-header .widget-toggle-buttons').length,
    sliders: document.querySelectorAll('.widget-slider').length,
    drawn: Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.querySelector('svg.main-svg')).length,
  };
}"""


@pytest.mark.parametrize("case", CASES)
def test_a_committed_notebook_on_nbviewer_shows_its_views_and_draws_every_saved_figure(browser, cdn, tmp_path, case):
    figures = saved_figures(case)
    page, refused, console = open_page(browser, export(case, tmp_path), cdn)
    try:
        try:
            page.wait_for_function(f"() => ({SHOWN})().drawn >= {figures}", timeout=120_000)
        except Exception as error:
            raise AssertionError(f"{figures} saved figures; shown {page.evaluate(SHOWN)['drawn']}; "
                                 f"console {console[-8:]}; refused {refused}") from error
        shown = page.evaluate(SHOWN)
        assert shown["drawn"] == figures, shown["drawn"]
        assert shown["switches"] == 1, shown  # the language switch, restored from the saved state
        texts = shown["texts"]
        assert not [t[:80] for t in texts if re.match(REPR, t)], "a widget shown as its repr"
        assert not [t[:80] for t in texts if NO_KERNEL in t or "Error displaying widget" in t]
        # nothing else asked of the network but the page's MathJax (nbconvert's template; no formula here)
        assert all("mathjax" in url for url in refused), refused
        if case == "supermarket":
            SHOT.parent.mkdir(parents=True, exist_ok=True)
            page.locator(".jp-OutputArea-output:has(.js-plotly-plot)").first.screenshot(path=str(SHOT))
    finally:
        page.close()


def test_offline_a_saved_figure_says_to_run_the_notebook(browser, cdn, tmp_path):
    case = CASES[0]
    page, refused, _ = open_page(browser, export(case, tmp_path), cdn, offline_plotly=True)
    try:
        page.wait_for_function(f"() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))"
                               f".filter(o => o.innerText.includes({NO_KERNEL!r})).length >= 1", timeout=120_000)
        assert page.evaluate(SHOWN)["drawn"] == 0
        assert any("plot.ly" in url for url in refused), refused
    finally:
        page.close()

