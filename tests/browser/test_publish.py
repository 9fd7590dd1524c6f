"""The published apps in Debian's chromium: gallery, every case app, language, fonts, nothing else reachable.

Cases are discovered (every notebook in cases/), never listed here: a new case is
tested by adding its notebook.
"""
import http.client
import re
import urllib.parse

import pytest

from crm.cases import case_catalogue
from tests.browser.conftest import HAVE_CHROMIUM
from widgets.app.publish import CASES_DIR, case_notebooks

pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is missing: run tests/install-browser.sh")

CJK = re.compile(r"[\u4e00-\u9fff]")
APP_TIMEOUT_MS = 180_000
# Everything a view shows that the kernel computes (tables, titles, messages, figures),
# and not the controls themselves (a slider's readout changes without the kernel).
SIGNATURE_JS = ("() => Array.from(document.querySelectorAll('.widget-html, .js-plotly-plot'))"
                ".map(e => e.innerHTML).join('\\u0000')")
VIEW_TITLES_JS = "() => Array.from(document.querySelectorAll('.widget-html h3')).map(e => e.innerText)"
GLYPHS_JS = """() => {
    // Draw two different characters in the page's own font; missing glyphs ("tofu") are
    // identical empty boxes, real glyphs differ and have ink.
    const font = getComputedStyle(document.querySelector('.widget-html') || document.body).fontFamily;
    const draw = ch => { const c = document.createElement('canvas'); c.width = c.height = 40;
        const g = c.getContext('2d'); g.font = `32px ${font}`; g.fillText(ch, 2, 32);
        return Array.from(g.getImageData(0, 0, 40, 40).data); };
    const a = draw('客'), b = draw('户');
    return {differ: a.some((v, i) => v !== b[i]), ink: a.filter((v, i) => i % 4 === 3 && v > 0).length};
}"""


@pytest.fixture(scope="module", params=case_notebooks(), ids=str)
def app(request, site, browser):
    """One case app, opened once and interactive: a figure drawn and a control on screen."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{site}voila/render/{request.param}.ipynb", timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(".widget-slider, .widget-dropdown, .widget-toggle-buttons", timeout=APP_TIMEOUT_MS)
    page.name = request.param
    yield page
    page.close()


def test_gallery_has_a_card_linking_to_every_case_app(site, browser, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page.goto(site)
    cards = page.locator(".crm-card")
    expected = [name for name in case_catalogue().index if (CASES_DIR / f"{name}.ipynb").exists()]
    assert expected and cards.count() == len(expected)
    for i, name in enumerate(expected):
        card = cards.nth(i)
        assert card.get_attribute("href") == f"voila/render/{name}.ipynb"
        assert card.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
        assert card.locator("h3").inner_text() == case_catalogue().loc[name, "title"]
    page.screenshot(path=str(shots / "gallery.png"))
    page.close()


def test_the_index_notebook_is_the_same_gallery_in_voila(site, browser):
    page = browser.new_page(locale="zh-CN")
    page.goto(f"{site}voila/render/index.ipynb", timeout=APP_TIMEOUT_MS)
    card = page.locator(".crm-card").first
    card.wait_for(timeout=APP_TIMEOUT_MS)
    # the notebook's relative link opens the app in Voila (and the notebook in JupyterLab)
    target = urllib.parse.urljoin(page.url, card.get_attribute("href"))
    assert re.fullmatch(re.escape(site) + r"voila/render/\w+\.ipynb", target)
    assert "case_gallery" not in page.inner_text("body")
    page.close()


def test_chinese_renders_with_a_cjk_font(app):
    text = app.inner_text("body")
    assert CJK.search(text)
    glyphs = app.evaluate(GLYPHS_JS)
    assert glyphs["differ"] and glyphs["ink"] > 50, glyphs


def test_no_source_code_is_shown(app):
    text = app.inner_text("body")
    assert "import " not in text and "load_case(" not in text
    # (markdown cells are rendered in a .jp-InputArea too: only code cells must have none)
    assert app.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .jp-CodeMirrorEditor, .input_area").count() == 0


def test_touching_a_control_changes_the_view(app, shots):
    before = app.evaluate(SIGNATURE_JS)
    handle = app.locator(".widget-slider .noUi-handle").first
    if handle.count():
        handle.scroll_into_view_if_needed()
        handle.focus()
        for _ in range(5):
            handle.press("ArrowRight")
        control = handle
    else:  # a case without sliders: its first dropdown
        control = app.locator(".widget-dropdown select").first
        control.select_option(index=1)
    app.wait_for_function(f"before => ({SIGNATURE_JS})() !== before", arg=before, timeout=30_000)
    control.evaluate("el => (el.closest('.widget-vbox') || el).scrollIntoView()")
    app.wait_for_timeout(500)  # plotly's redraw
    app.screenshot(path=str(shots / f"{app.name}-control.png"))


def test_the_language_switch_relabels_every_view(app, shots):
    titles = app.evaluate(VIEW_TITLES_JS)
    assert titles and all(CJK.search(t) for t in titles), titles
    app.locator(".widget-toggle-button", has_text="English").first.click()
    app.wait_for_function(f"() => ({VIEW_TITLES_JS})().every(t => !/[\\u4e00-\\u9fff]/.test(t))", timeout=30_000)
    app.evaluate("() => window.scrollTo(0, 0)")
    app.screenshot(path=str(shots / f"{app.name}-en.png"), full_page=True)
    app.locator(".widget-toggle-button", has_text="中文").first.click()
    app.wait_for_function(f"() => ({VIEW_TITLES_JS})().every(t => /[\\u4e00-\\u9fff]/.test(t))", timeout=30_000)
    assert app.evaluate(VIEW_TITLES_JS) == titles


# Raw paths (http.client sends them as written: no client-side ".." folding).
UNREACHABLE = ["/tree", "/lab", "/api/contents", "/api/kernels", "/files/pyproject.toml",
               "/voila/api/contents", "/voila/api/contents/", "/voila/api/contents/index.ipynb",
               "/voila/files/index.ipynb", "/voila/files/thumbnails/supermarket.png",
               "/voila/files/../../pyproject.toml", "/voila/files/..%2F..%2Fpyproject.toml",
               "/voila/render/../pyproject.toml", "/voila/render/..%2Fpyproject.toml",
               "/voila/render/../data/supermarket/customers.csv",
               "/voila/render/%2E%2E/%2E%2E/data/supermarket/survey.csv",
               "/voila/static/../../../../../pyproject.toml", "/voila/static/..%2F..%2F..%2Fapp.py",
               "/voila/templates/lab/static/../../../../../../../../etc/passwd",
               "/voila/templates/..%2F..%2F..%2F..%2Fetc/static/passwd",
               "/voila/labextensions/../../../../../etc/passwd", "/voila/labextensions/..%2F..%2F..%2Fetc%2Fpasswd"]
GALLERY_REDIRECTS = ["/voila/tree", "/voila/tree/", "/voila/tree/thumbnails", "/voila/tree/../.."]


def raw_get(site: str, path: str) -> tuple[int, str]:
    url = urllib.parse.urlsplit(site)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.request("GET", path)
    resp = conn.getresponse()
    status, location = resp.status, resp.getheader("Location", "")
    resp.read()
    conn.close()
    return status, location


@pytest.mark.parametrize("path", UNREACHABLE)
def test_no_listing_file_or_path_outside_the_apps_is_reachable(site, path):
    status, location = raw_get(site, path)
    if status in (301, 302, 303, 307, 308):  # e.g. a render of a non-notebook redirects to the files route
        status, location = raw_get(site, urllib.parse.urlsplit(urllib.parse.urljoin(site, location)).path)
    assert status in (403, 404, 405), (path, status, location)


@pytest.mark.parametrize("path", GALLERY_REDIRECTS)
def test_the_file_tree_redirects_to_the_gallery(site, path):
    status, location = raw_get(site, path)
    assert status in (301, 302) and urllib.parse.urljoin(site, location) == site, (status, location)


ICON_JS = """async () => {
    // an icon as ipywidgets draws one (Button(icon=...)): Font Awesome's font must come from the server
    const i = document.createElement('i'); i.className = 'fa fa-check'; document.body.appendChild(i);
    const family = getComputedStyle(i).fontFamily;
    const faces = await document.fonts.load('900 16px "Font Awesome 5 Free"', '\\uf00c');
    return {family, loaded: faces.length, width: i.getBoundingClientRect().width};
}"""


def test_no_request_leaves_the_server_and_icons_still_draw(site, browser):
    context = browser.new_context(locale="zh-CN")
    elsewhere = []

    def only_local(route):
        if route.request.url.startswith(site) or route.request.url.startswith("data:"):
            route.continue_()
        else:  # a classroom without internet: the request would fail there too
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.goto(site)
    page.goto(f"{site}voila/render/{case_notebooks()[0]}.ipynb", timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=APP_TIMEOUT_MS)
    icon = page.evaluate(ICON_JS)
    assert elsewhere == []
    assert "Font Awesome" in icon["family"] and icon["loaded"] > 0 and icon["width"] > 0, icon
    context.close()


BUNDLE_ENTRY_JS = ("() => performance.getEntriesByType('resource')"
                   ".filter(r => r.name.includes('/crm-casebook/plotly-widget-'))"
                   ".map(r => ({transfer: r.transferSize, size: r.decodedBodySize}))")


def test_plotlys_front_end_comes_once_from_a_cached_address_not_through_the_kernel(site, browser):
    """5 MB per page through the websocket, evaluated from a blob, could be neither cached nor code-cached."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    frames, headers = [], {}
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))))
    page.on("response", lambda r: headers.update(r.headers) if "/crm-casebook/plotly-widget-" in r.url else None)
    names = case_notebooks()
    page.goto(f"{site}voila/render/{names[0]}.ipynb", timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=APP_TIMEOUT_MS)
    first = page.evaluate(BUNDLE_ENTRY_JS)
    assert len(first) == 1 and first[0]["size"] > 1_000_000, first
    assert "immutable" in headers.get("cache-control", "") and headers.get("content-encoding") == "gzip", headers
    assert frames and max(frames) < 1_000_000  # the kernel did not send it
    page.goto(f"{site}voila/render/{names[-1]}.ipynb", timeout=APP_TIMEOUT_MS)  # the next app, same browser
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=APP_TIMEOUT_MS)
    again = page.evaluate(BUNDLE_ENTRY_JS)
    # from the browser's cache: nothing transferred
    assert len(again) == 1 and again[0]["transfer"] == 0 and again[0]["size"] == first[0]["size"], again
    context.close()
