"""Every app looks finished at a laptop's and a desktop's size, in both languages.

For each case app at 1366×768 and 1920×1080, loaded once per size and switched between
中文 and English in place: no slider track under 120 px, no control label cut, nothing
wider than its box, no plotly legend over an annotation or an axis title, no raw pandas
text, no text in the other language (quoted source text, ``class="crm-source"``, and the
bilingual markdown cells excepted). What is checked is in tests/browser/layout.py.

Screenshots of the first view in each language at 1366×768 go to docs/screenshots/.
"""
import pytest

from tests.browser.conftest import HAVE_CHROMIUM, ROOT
from tests.browser.layout import layout_problems
from widgets.app.publish import case_notebooks

pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is missing: run tests/install-browser.sh")

APP_TIMEOUT_MS = 180_000
SIZES = {"1366": (1366, 768), "1920": (1920, 1080)}
DOCS_SHOTS = ROOT / "docs" / "screenshots"
VIEW_TITLES_JS = "() => Array.from(document.querySelectorAll('.widget-html h3')).map(e => e.innerText)"
FIGURES_DRAWN_JS = ("() => { const p = document.querySelectorAll('.js-plotly-plot');"
                    " return p.length > 0 && Array.from(p).every(e => e.querySelector('.main-svg')); }")


def switch(page, label: str, cjk: bool) -> None:
    """Press the language button ``label`` and wait until every view title is in that language."""
    page.locator(".widget-toggle-button", has_text=label).first.click()
    test = "/[\\u4e00-\\u9fff]/.test(t)" if cjk else "!/[\\u4e00-\\u9fff]/.test(t)"
    page.wait_for_function(f"() => ({VIEW_TITLES_JS})().every(t => {test})", timeout=30_000)
    page.wait_for_timeout(1_000)  # plotly's relayout after the relabel


def first_view_screenshot(page, path) -> None:
    page.locator(".js-plotly-plot").first.evaluate(
        "el => (el.closest('.jp-OutputArea-output') || el).scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s}px")
@pytest.mark.parametrize("case", case_notebooks(), ids=str)
def test_the_app_looks_finished_in_both_languages(site, browser, case, size):
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    try:
        page.goto(f"{site}voila/render/{case}.ipynb", timeout=APP_TIMEOUT_MS)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=APP_TIMEOUT_MS)
        page.wait_for_function(FIGURES_DRAWN_JS, timeout=APP_TIMEOUT_MS)
        page.wait_for_timeout(1_000)
        problems = {"zh": layout_problems(page, "zh")}
        if size == "1366":
            first_view_screenshot(page, DOCS_SHOTS / f"{case}-zh-1366.png")
        switch(page, "English", cjk=False)
        problems["en"] = layout_problems(page, "en")
        if size == "1366":
            first_view_screenshot(page, DOCS_SHOTS / f"{case}-en-1366.png")
        switch(page, "中文", cjk=True)
        problems["zh, after switching back"] = layout_problems(page, "zh")
    finally:
        page.close()
    found = {lang: p for lang, p in problems.items() if p}
    assert not found, "\n".join(f"{case} at {size} px, {lang}:\n  " + "\n  ".join(p) for lang, p in found.items())


# A page with one example of every problem the check must find (ipywidgets' and plotly's classes),
# and quoted source text that it must leave alone.
BAD_PAGE = """<html><body style="margin:0">
<div class="jp-OutputArea-output" style="width:668px">
  <div class="widget-slider widget-hslider" style="display:flex;width:300px">
    <label class="widget-label" style="width:290px;flex:none;white-space:nowrap;overflow:hidden">Funds change that triggers a call</label>
    <div class="slider-container" style="flex:1 1 auto"></div></div>
  <button class="widget-button" style="width:60px;white-space:nowrap;overflow:hidden">Back to the fitted points</button>
  <div class="widget-box" style="display:flex;width:668px"><div class="js-plotly-plot" style="width:700px;height:10px;flex:none"></div></div>
  <div class="widget-box" style="display:flex;width:668px"><div class="js-plotly-plot" style="width:668px;overflow:hidden">
    <svg class="main-svg" width="700" height="10"></svg></div></div>
  <div class="widget-html"><table><tr><td>Name: count, dtype: int64</td><td>0 days 08:03:21</td><td>客户数</td><td>value_share</td></tr></table>
    <span class="crm-source">笔者所在的市级石油公司</span></div>
  <div class="js-plotly-plot"><svg class="main-svg" width="300" height="100">
    <g class="legend"><rect class="bg" x="0" y="0" width="120" height="30"></rect></g>
    <g class="g-xtitle"><text x="10" y="20">Overall rating (1-5)</text></g></svg></div>
</div></body></html>"""


def test_the_checks_find_each_problem_and_spare_quoted_source(browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        page.set_content(BAD_PAGE)
        problems = "\n".join(layout_problems(page, "en"))
    finally:
        page.close()
    for expected in ("slider track", "label cut", "wider than its box (700 px in 668 px)", "cut by its box (700 px shown in 668 px)", "legend overlaps \"Overall rating",
                     "raw pandas text: Name: count, dtype: int64", "raw pandas text: 0 days 08:03:21",
                     "Chinese on the English page: 客户数", "snake_case label: value_share"):
        assert expected in problems, f"{expected!r} not found in:\n{problems}"
    assert "笔者" not in problems
