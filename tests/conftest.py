"""Shared fixtures: the supermarket case loaded once per test session."""
import pytest

from crm.cases import load_case
from widgets.i18n import LANG


@pytest.fixture(scope="session")
def supermarket():
    return load_case("supermarket")


@pytest.fixture(autouse=True)
def chinese_by_default():
    """Every test starts in the default language and leaves it so."""
    LANG.code = "zh"
    yield
    LANG.code = "zh"


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser is a browser test (``-m "not browser"`` leaves them out)."""
    browser = pytest.mark.browser
    for item in items:
        if "browser" in item.path.parts[-3:-1]:
            item.add_marker(browser)
