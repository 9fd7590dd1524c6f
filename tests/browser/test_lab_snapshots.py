"""The figures' still images (python -m widgets.app.snapshots) never hide a live view in JupyterLab.

A trusted notebook shows the widget (JupyterLab ranks its widget renderer -10, images 90: lower
wins); an untrusted one, where the widget renderer is not allowed, shows the image instead of the
view's ``AbcView(...)`` repr, as GitHub does. Runs on the JupyterLab of
``tests/browser/test_lab_before_run.py`` (the README's student command on a fresh copy).
"""
import json
import urllib.request

import pytest

from tests.browser.conftest import HAVE_CHROMIUM, ROOT
from tests.browser.test_lab_before_run import (OUTPUTS, TIMEOUT_MS, lab, open_notebook,  # noqa: F401 (lab)
                                               saved_figures, wait_until_drawn)

pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is missing: run tests/install-browser.sh")

IMAGES = ("() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output'))"
          ".filter(o => o.querySelector('img[src^=\"data:image/png\"]')).map(o => o.querySelector('img').naturalWidth)")


def committed_images(case: str) -> int:
    nb = json.loads((ROOT / "cases" / f"{case}.ipynb").read_text(encoding="utf-8"))
    return sum("image/png" in out.get("data", {}) for cell in nb["cells"] for out in cell.get("outputs", []))


def test_a_trusted_notebook_shows_the_live_views_not_their_images(browser, lab):
    page, _, _ = open_notebook(browser, lab, "supermarket", workspace="snapshots-trusted")
    try:
        assert committed_images("supermarket") > 0
        wait_until_drawn(page, saved_figures("supermarket"))
        assert page.evaluate(IMAGES) == []
        assert page.evaluate(OUTPUTS)["drawn"] == saved_figures("supermarket")
    finally:
        page.close()


def test_an_untrusted_notebook_shows_the_images_instead_of_reprs(browser, lab):
    url, token = lab
    nb = json.loads((ROOT / "cases" / "supermarket.ipynb").read_text(encoding="utf-8"))
    nb["metadata"]["probe"] = "untrusted"  # (another content than the trusted copy: its signature does not apply)
    # saved through the server's contents API, which signs no notebook whose cells it did not see trusted
    request = urllib.request.Request(f"{url}api/contents/probe/untrusted.ipynb", method="PUT",
                                     data=json.dumps({"type": "notebook", "format": "json", "content": nb}).encode(),
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=60).close()
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.goto(f"{url}lab/workspaces/snapshots-untrusted/tree/probe/untrusted.ipynb?token={token}", timeout=TIMEOUT_MS)
        page.wait_for_function(f"() => ({IMAGES})().length >= {committed_images('supermarket')}", timeout=TIMEOUT_MS)
        widths = page.evaluate(IMAGES)
        assert len(widths) == committed_images("supermarket") and all(w > 0 for w in widths), widths
        shown = page.evaluate(OUTPUTS)
        assert shown["drawn"] == 0 and shown["sliders"] == 0, shown  # not trusted: no widget drawn at all
        # the views with figures show no repr; those without fall back to theirs
        pictured = [out["data"]["text/plain"] for cell in nb["cells"] for out in cell.get("outputs", [])
                    if "image/png" in out.get("data", {})]
        pictured = ["".join(t) if isinstance(t, list) else t for t in pictured]
        assert pictured and not [t[:60] for t in pictured if t.strip() in shown["texts"]]
        assert "AppHeader(language='zh')" in shown["texts"]  # (a view without figures: the test sees reprs)
    finally:
        page.close()
