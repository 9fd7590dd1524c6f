"""The static page of every case app, opened from a file with the network off: every figure is drawn, no code shown."""
import json

import pytest

from tests.browser.conftest import HAVE_CHROMIUM
from widgets.app.publish import CASES_DIR, case_notebooks
from widgets.app.static import render_static

pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is missing: run tests/install-browser.sh")


@pytest.mark.parametrize("case", case_notebooks(), ids=str)
def test_the_static_page_draws_every_figure_offline(browser, tmp_path, case):
    nb = json.loads((CASES_DIR / f"{case}.ipynb").read_text(encoding="utf-8"))
    state = nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    figures = sum("_widget_layout" in m["state"] for m in state.values())
    path = render_static(CASES_DIR / f"{case}.ipynb", tmp_path)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, offline=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(path.as_uri(), timeout=60_000)
        page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {figures}",
                               timeout=60_000)
        assert page.locator(".js-plotly-plot").count() == figures
        assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor, .jp-InputPrompt").count() == 0
        assert page.locator(".crm-table, .crm-cards").count() >= 1
        # hover works: plotly's hover layer answers on the first figure
        assert page.locator(".js-plotly-plot .hoverlayer").count() >= figures
    finally:
        context.close()
    assert not errors, errors
