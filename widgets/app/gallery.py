"""The case gallery: one card per case (thumbnail, title, one line), linking to its app.

The same HTML is the body of ``cases/index.ipynb`` (JupyterLab, Binder) and the
home page of the published apps (:mod:`widgets.app.publish`), so students and
visitors see the same cards. Cards come from :func:`crm.cases.registry.case_catalogue`:
a case registered in ``crm.cases.registry.CASES`` with a notebook ``cases/<name>.ipynb``
gets its card with no code here.

Thumbnails are committed PNGs, ``cases/thumbnails/<name>.png``, taken from the
case's app by ``crm-publish --thumbnails``; a case without one gets a drawn
placeholder (SVG, deterministic). Both are inlined as ``data:`` URIs, so the
page needs no file server: the published apps serve no files at all.
"""
from __future__ import annotations

import base64
import hashlib
import html
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from crm.cases import case_catalogue
from widgets.common import PALETTE

#: Where the thumbnails live, relative to the folder of the case notebooks.
THUMBNAILS = "thumbnails"

# Thumbnails are shown whole (contain, not cover): a wide chart such as the futures routing
# panels was cut at both sides by a 2:1 card.
GALLERY_CSS = """<style>
.crm-gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:16px;margin:8px 0}
.crm-card{display:block;border:1px solid #ddd;border-radius:8px;overflow:hidden;color:inherit;
  text-decoration:none;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.crm-card:hover{box-shadow:0 2px 8px rgba(0,0,0,.2)}
.crm-card img{display:block;width:100%;height:160px;object-fit:contain;object-position:center;background:#fff;
  border-bottom:1px solid #eee}
.crm-card h3{font-size:16px;margin:10px 12px 4px}.crm-card p{font-size:13px;margin:0 12px 12px;color:#555}
</style>"""


def placeholder_svg(name: str, title: str) -> str:
    """A drawn thumbnail for a case that has no screenshot yet: its title on a coloured band."""
    colour = PALETTE[int(hashlib.sha256(name.encode()).hexdigest(), 16) % len(PALETTE)]
    label = html.escape(title.split("·")[0].strip()[:12])
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="160" viewBox="0 0 320 160">'
            f'<rect width="320" height="160" fill="{colour}" opacity="0.85"/>'
            '<text x="160" y="92" font-size="26" text-anchor="middle" fill="#fff" '
            f'font-family="Noto Sans CJK SC, sans-serif">{label}</text></svg>')


def thumbnail_uri(name: str, title: str, cases_dir: Path) -> str:
    """The case's thumbnail as a ``data:`` URI: the committed PNG, else the placeholder."""
    png = Path(cases_dir) / THUMBNAILS / f"{name}.png"
    if png.is_file():
        return "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")
    svg = placeholder_svg(name, title)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def published_cases(cases_dir: Path, catalogue: pd.DataFrame | None = None) -> pd.DataFrame:
    """The catalogue rows whose notebook exists in ``cases_dir`` (a case being written has none yet)."""
    catalogue = case_catalogue() if catalogue is None else catalogue
    return catalogue[[(Path(cases_dir) / f"{name}.ipynb").is_file() for name in catalogue.index]]


def gallery_html(cases_dir: Path | str = ".", href: str = "{name}.ipynb",
                 catalogue: pd.DataFrame | None = None) -> str:
    """The gallery as HTML: one linked card per case with a notebook in ``cases_dir``.

    Parameters
    ----------
    cases_dir : path
        The folder of the case notebooks and of ``thumbnails/`` (a notebook's
        working directory is its own folder, hence the default).
    href : str
        Link of a card, formatted with the case ``name``. The default, relative
        link opens the notebook in JupyterLab and the app in Voila.
    catalogue : DataFrame, optional
        Rows like :func:`crm.cases.registry.case_catalogue` (the default).
    """
    cards = []
    for name, row in published_cases(Path(cases_dir), catalogue).iterrows():
        cards.append(f'<a class="crm-card" data-case="{html.escape(name)}" '
                     f'href="{html.escape(href.format(name=name))}">'
                     f'<img alt="" src="{thumbnail_uri(name, row["title"], Path(cases_dir))}">'
                     f'<h3>{html.escape(row["title"])}</h3><p>{html.escape(row["summary"])}</p></a>')
    return f'{GALLERY_CSS}<div class="crm-gallery">{"".join(cards)}</div>'


def case_gallery(cases_dir: Path | str = ".") -> HTML:
    """Display the gallery in a notebook (``cases/index.ipynb``)."""
    return HTML(gallery_html(cases_dir))
