"""plotly's FigureWidget front end as a file a server can publish at a fixed, cacheable address.

A page of :class:`widgets.figure.FigureWidget` figures needs plotly's front end
(``plotly/package_data/widgetbundle.js``, about 5 MB with plotly.js). By default the
page's first figure asks its kernel for it and evaluates it from a ``blob:`` address:
that works everywhere (JupyterLab, Voila, Binder, JupyterHub, offline) but a browser can
neither cache a blob nor keep its compiled code, so every page fetches 5 MB through the
kernel's websocket and compiles them again. A server that publishes the file itself
(``crm-publish`` does) names it here: :data:`BUNDLE_URL_ENV` in the kernels' environment
holds its address (relative to the server's base URL), and a figure then tells the page
to import it from there, once per browser, with its HTTP cache and V8's code cache.

No plotly import here: the server that publishes the file need not load plotly.
"""
from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path

#: The kernels' environment variable with the bundle's address, relative to the server's
#: base URL (e.g. ``crm-casebook/plotly-widget-7.1.0-0123456789ab.js``); unset: sent by the kernel.
BUNDLE_URL_ENV = "CRM_CASEBOOK_PLOTLY_BUNDLE"
#: Where a server publishes it, below its base URL.
BUNDLE_ROUTE = "crm-casebook/"


def bundle_path() -> Path:
    """The installed plotly's FigureWidget front end (an ES module)."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("plotly")
    return Path(list(spec.submodule_search_locations)[0]) / "package_data" / "widgetbundle.js"


@cache
def bundle_bytes() -> bytes:
    """The bundle's content, read once per process."""
    return bundle_path().read_bytes()


def plotly_version() -> str:
    """The installed plotly's version, from its package metadata (no import)."""
    from importlib.metadata import version

    return version("plotly")


def bundle_url_path(content: bytes | None = None) -> str:
    """The bundle's address below a server's base URL: named by plotly's version and the content's hash.

    A new plotly (or a changed file) gets a new address, so the address can be cached forever.
    """
    digest = hashlib.sha256(bundle_bytes() if content is None else content).hexdigest()[:12]
    return f"{BUNDLE_ROUTE}plotly-widget-{plotly_version()}-{digest}.js"
