"""A case notebook as a static page: the story, the views' tables and every figure, no code, no kernel needed."""
import json
import re

import pytest

from widgets.app.publish import CASES_DIR
from widgets.app.static import render_static

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def figures_in(nb: dict) -> int:
    state = nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    return sum("_widget_layout" in m["state"] for m in state.values())


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = render_static(CASES_DIR / "supermarket.ipynb", tmp_path_factory.mktemp("static"))
    return path.read_text(encoding="utf-8")


def test_the_page_has_every_figure_with_plotly_inlined(page):
    nb = json.loads((CASES_DIR / "supermarket.ipynb").read_text(encoding="utf-8"))
    assert figures_in(nb) >= 4
    assert page.count("Plotly.newPlot(") == figures_in(nb)
    # plotly.js is in the page itself, not fetched: the page works offline
    assert not re.search(r"<script[^>]+src=[^>]*plotly", page) and re.search(r"plotly\.js v\d", page)


def test_the_page_shows_no_code_and_no_widget_reprs(page):
    nb = json.loads((CASES_DIR / "supermarket.ipynb").read_text(encoding="utf-8"))
    code = [line for cell in nb["cells"] if cell["cell_type"] == "code" for line in "".join(cell["source"]).splitlines()
            if line.strip()]
    text = re.sub(r"<script.*?</script>|<style.*?</style>", "", page, flags=re.S)
    assert code and not [line for line in code if line in text]
    assert "load_case" not in text and "ToggleButtons(" not in text and "AbcView(" not in text


def test_the_page_has_the_story_tables_key_figures_and_control_settings(page):
    assert "扬州" in page and "crm-table" in page and "crm-cards" in page and "¥31,603,958" in page
    assert re.search(r'class="crm-static-control">[^<]*A/B[^<]*<b>65%</b>', page)
