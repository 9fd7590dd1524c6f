"""The case gallery: a card per case with a notebook, committed thumbnail or drawn placeholder."""
import base64

import pandas as pd

from widgets.app.gallery import case_gallery, gallery_html, placeholder_svg, thumbnail_uri
from widgets.app.publish import CASES_DIR

CATALOGUE = pd.DataFrame({"title": ["甲 · Alpha", "乙 · Beta"], "summary": ["one", "two"]},
                         index=pd.Index(["alpha", "beta"], name="case"))


def test_one_card_per_case_whose_notebook_exists(tmp_path):
    (tmp_path / "alpha.ipynb").write_text("{}")
    page = gallery_html(tmp_path, href="voila/render/{name}.ipynb", catalogue=CATALOGUE)
    assert page.count('class="crm-card"') == 1
    assert 'href="voila/render/alpha.ipynb"' in page and "甲 · Alpha" in page and "beta" not in page


def test_a_case_without_a_thumbnail_gets_a_deterministic_placeholder(tmp_path):
    uri = thumbnail_uri("alpha", "甲 · Alpha", tmp_path)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode() == placeholder_svg("alpha", "甲 · Alpha")
    assert thumbnail_uri("alpha", "甲 · Alpha", tmp_path) == uri


def test_the_committed_thumbnail_is_inlined():
    png = (CASES_DIR / "thumbnails" / "supermarket.png").read_bytes()
    uri = thumbnail_uri("supermarket", "", CASES_DIR)
    assert uri == "data:image/png;base64," + base64.b64encode(png).decode()


def test_the_index_notebook_gallery_links_to_the_notebooks():
    html = case_gallery(CASES_DIR).data
    assert 'href="supermarket.ipynb"' in html
