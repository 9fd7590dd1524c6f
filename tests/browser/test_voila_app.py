"""The supermarket case as a Voila app in Debian's chromium: no code, Chinese, a live ABC view."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "browser" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is missing: run tests/install-browser.sh")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.mktemp("voila") / "voila.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "voila", "cases/supermarket.ipynb", "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", "--strip_sources=True"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "api/kernelspecs", timeout=2)  # does not start a kernel
            break
        except OSError:
            time.sleep(0.5)
    yield url
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture(scope="module")
def page(voila_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page.goto(voila_url, timeout=180_000)
        page.wait_for_selector('table.crm-table[data-view="abc"]', timeout=180_000)
        yield page
        browser.close()


def abc_table_text(page) -> str:
    return page.inner_text('table.crm-table[data-view="abc"]')


def test_moving_the_cutoff_changes_the_class_table(page):
    before = abc_table_text(page)
    slider = page.locator(".widget-slider", has_text="A/B 分界").first
    slider.scroll_into_view_if_needed()
    handle = slider.locator(".noUi-handle")
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    page.wait_for_function(
        "before => document.querySelector('table.crm-table[data-view=\"abc\"]').innerText !== before",
        arg=before, timeout=30_000)
    after = abc_table_text(page)
    assert after != before
    SHOTS.mkdir(parents=True, exist_ok=True)
    slider.evaluate("el => el.closest('.widget-vbox').scrollIntoView()")
    page.screenshot(path=str(SHOTS / "supermarket-abc.png"))


GLYPHS_JS = """() => {
    // Draw two different characters in the page's own font; missing glyphs ("tofu") are
    // identical empty boxes, real glyphs differ and have ink.
    const font = getComputedStyle(document.body).fontFamily;
    const draw = ch => { const c = document.createElement('canvas'); c.width = c.height = 40;
        const g = c.getContext('2d'); g.font = `32px ${font}`; g.fillText(ch, 2, 32);
        return Array.from(g.getImageData(0, 0, 40, 40).data); };
    const a = draw('客'), b = draw('户');
    return {differ: a.some((v, i) => v !== b[i]), ink: a.filter((v, i) => i % 4 === 3 && v > 0).length};
}"""


def test_chinese_renders_with_a_cjk_font(page):
    assert "ABC 客户分类" in page.inner_text("body")
    glyphs = page.evaluate(GLYPHS_JS)
    assert glyphs["differ"] and glyphs["ink"] > 50, glyphs


def test_no_source_code_is_shown(page):
    text = page.inner_text("body")
    assert "load_case(" not in text and "import " not in text
    assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor, .input_area").count() == 0
