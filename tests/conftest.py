"""Shared fixtures: the supermarket case loaded once per test session."""
import pytest

from crm.io import load_case
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
