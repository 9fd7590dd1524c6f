"""The published apps (``crm-publish``) started once for all browser tests, and one chromium."""
import shutil
from pathlib import Path

import pytest

from widgets.app.publish import CASES_DIR, serving

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "browser" / "screenshots"  # git-ignored
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HAVE_CHROMIUM = Path(CHROMIUM).exists()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """URL of the published apps (gallery at ``/``); the server log is in the test's tmp dir."""
    with serving(CASES_DIR, log=tmp_path_factory.mktemp("publish") / "crm-publish.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def shots():
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
