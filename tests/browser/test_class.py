"""A class at the published apps: kernels freed when tabs close, culled when idle, a limit with a retry page.

Servers of their own (one app, short grace and idle times) so that the timings of
the other browser tests do not matter. Kernels are counted as the server's kernel
processes.
"""
import shutil
import time

import pytest

from tests.browser.conftest import HAVE_CHROMIUM
from widgets.app.publish import CASES_DIR, kernel_pids, serving

pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is missing: run tests/install-browser.sh")

APP = "supermarket"
VISITORS = 5
GRACE_S = 4.0
IDLE_S = 15
CULL_INTERVAL_S = 2
POOL = 1
APP_TIMEOUT_MS = 240_000
CJK_AND_LATIN = ("会话已结束", "session has ended")


def one_app_server(tmp_path_factory, **options):
    cases = tmp_path_factory.mktemp("class_cases")
    shutil.copy(CASES_DIR / f"{APP}.ipynb", cases)
    log = tmp_path_factory.mktemp("class_publish") / "crm-publish.log"
    with serving(cases, log=log, pool_size=POOL, refill_delay=1, **options) as url:
        wait_for(lambda: len(kernel_pids(url.pid)) == POOL, 240, "the preheated kernel")
        yield url


@pytest.fixture(scope="module")
def class_site(tmp_path_factory):
    """No idle culling here: opening five apps one after the other takes longer than IDLE_S."""
    yield from one_app_server(tmp_path_factory, max_kernels=VISITORS, disconnect_grace=GRACE_S, idle_timeout=0)


@pytest.fixture(scope="module")
def idle_site(tmp_path_factory):
    yield from one_app_server(tmp_path_factory, idle_timeout=IDLE_S, cull_interval=CULL_INTERVAL_S)


def wait_for(condition, timeout: float, what: str) -> float:
    """Seconds until ``condition()`` holds; AssertionError after ``timeout``."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, f"{what}: not within {timeout} s"
        time.sleep(0.5)
    return time.monotonic() - start


def open_app(browser, url):
    context = browser.new_context(viewport={"width": 1000, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{url}voila/render/{APP}.ipynb", timeout=APP_TIMEOUT_MS)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=APP_TIMEOUT_MS)
    return context, page


def test_closed_tabs_free_their_kernels_and_a_visitor_beyond_the_limit_gets_a_retry_page(class_site, browser):
    visitors = [open_app(browser, class_site) for _ in range(VISITORS)]
    wait_for(lambda: len(kernel_pids(class_site.pid)) == VISITORS + POOL, 120, "a kernel per visitor plus the pool")

    extra = browser.new_context(locale="zh-CN")
    busy = extra.new_page()
    response = busy.goto(f"{class_site}voila/render/{APP}.ipynb", timeout=30_000)
    assert response.status == 503 and response.headers.get("retry-after")
    text = busy.inner_text("body")
    assert "人数已满" in text and "full" in text and str(VISITORS) in text
    assert busy.locator("button", has_text="Retry").count() == 1

    # two tabs closed the way a browser closes them (the page's shutdown request on unload),
    # three with the request lost (only the websocket goes): both must free the kernel
    for i, (context, page) in enumerate(visitors):
        page.close(run_before_unload=i < 2)
        context.close()
    # within the grace period (plus a sweep and the kernel's own shutdown): only the pool is left
    wait_for(lambda: len(kernel_pids(class_site.pid)) == POOL, GRACE_S + 15, "kernels of closed tabs shut down")

    # the visitor who waited is served now
    busy.locator("button", has_text="Retry").click()
    busy.wait_for_selector(".js-plotly-plot .main-svg", timeout=APP_TIMEOUT_MS)
    busy.close()
    extra.close()


def test_an_idle_kernel_is_culled_and_the_page_says_so_and_reloads(idle_site, browser):
    context, page = open_app(browser, idle_site)
    banner = page.locator("#crm-session-ended")
    assert not banner.is_visible()
    banner.wait_for(state="visible", timeout=(IDLE_S + CULL_INTERVAL_S + 30) * 1000)
    text = banner.inner_text()
    assert all(phrase in text for phrase in CJK_AND_LATIN), text
    page.locator("#crm-session-ended button").click()
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=APP_TIMEOUT_MS)
    assert not page.locator("#crm-session-ended").is_visible()
    context.close()
