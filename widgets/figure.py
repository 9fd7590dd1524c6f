"""A plotly FigureWidget whose 5 MB front end is loaded once per page, not once per figure.

plotly's ``go.FigureWidget`` is an anywidget that carries its whole front end
(``plotly/package_data/widgetbundle.js``, plotly.js included, about 5 MB) in the
``_esm`` trait of every instance. The browser receives those 5 MB once per figure
and evaluates each copy as a new module: a case app with five views waited more than
a minute before it could be touched (benchmarks/voila_tti.py measures it).

:class:`FigureWidget` is the same Python class (``batch_update``, ``data``,
``layout``, in-place updates) with a small ``_esm`` instead. The first figure on a
page asks the kernel for plotly's bundle over its comm; every figure of the page then
shares that one module. It needs no server route, no CDN and no lab extension, so it
works alike in JupyterLab, Voila, Binder and JupyterHub, offline included; the bundle
comes from the installed plotly package, so front end and Python always match.

A notebook opened before Run All shows its figures from the widget state saved in the
notebook; they have no kernel behind them to ask. JupyterLab draws such a figure, as it
was saved, with plotly's own JupyterLab renderer (``application/vnd.plotly.v1+json``,
installed with plotly): interactive for hover and zoom, no kernel, no CDN. A page of saved
widgets without that renderer (nbviewer, nbconvert's HTML, whose widget manager comes from a
CDN anyway) draws it with plotly.js from plotly's CDN, the version the installed plotly names;
offline, the figure's box says to run the notebook. The figure's
state never holds binary buffers (numpy arrays travel as lists): nbclient, which saves
the widget state of an executed notebook, keeps a buffer that a later update replaced,
and one stale buffer made JupyterLab give up restoring all of the notebook's widgets.
"""
from __future__ import annotations

import math
import os
import weakref
from copy import deepcopy
from functools import cache
from typing import Any

import plotly
import plotly.graph_objects as go
from plotly.io._utils import plotly_cdn_url

from widgets.plotly_bundle import BUNDLE_URL_ENV, bundle_bytes

#: Messages between the small front end and the kernel (custom comm messages).
SYNC, SYNCED = "crm-figure-sync", "crm-figure-synced"

# Why each step: anywidget handles a model's comm messages only once the model's
# ``initialize`` has returned, so initialize must not wait for the kernel's answer
# (it would wait for itself); ``render`` waits instead. The kernel answers after
# re-sending the figure's current state, so a page that connects after the notebook
# ran (Voila) draws the figure as it is now, not as it was built. A view restored from
# the notebook's saved state is marked disconnected by ipywidgets and would get no
# answer: it is drawn from the saved state by the page's plotly renderer, and only a
# live figure asks the kernel for the bundle, so a page where restored figures came
# first (opened before Run All) still loads it for the live ones after Run All.
LOADER_ESM = """
const KEY = Symbol.for("crm-casebook/plotly-widget@%(version)s");
const MIME = "application/vnd.plotly.v1+json";
const ask = (model, bundle) => new Promise((resolve) => {
  const answer = (msg, buffers) => {
    if (!msg || msg.kind !== "%(synced)s" || (bundle && !msg.url && !(buffers && buffers.length))) return;
    model.off("msg:custom", answer);
    resolve({url: msg.url, buffers: buffers || []});
  };
  model.on("msg:custom", answer);
  model.send({kind: "%(sync)s", bundle});
});
function baseUrl() {
  const config = document.getElementById("jupyter-config-data");
  const base = (config && JSON.parse(config.textContent || "{}").baseUrl) || "/";
  return new URL(base.endsWith("/") ? base : base + "/", location.href);
}
async function evaluate({url, buffers}) {
  // A server that publishes the bundle (crm-publish) names its address: cached by the browser.
  if (url) return import(/* webpackIgnore: true */ new URL(url, baseUrl()).href);
  const blob = URL.createObjectURL(new Blob(buffers, {type: "text/javascript"}));
  try { return await import(/* webpackIgnore: true */ blob); } finally { URL.revokeObjectURL(blob); }
}
function plotlyFromCdn() {
  // a page of saved widgets without plotly's renderer (nbviewer, nbconvert's HTML): plotly.js, once per page
  if (globalThis.Plotly && globalThis.Plotly.newPlot) return Promise.resolve(globalThis.Plotly);
  const page = globalThis[KEY] || (globalThis[KEY] = {});
  if (!page.plotlyjs) {
    page.plotlyjs = new Promise((resolve, reject) => {
      const amd = globalThis.requirejs;
      if (amd && amd.config) {  // (through require.js where it is on the page: a UMD build defines a module)
        amd.config({paths: {"crm-casebook-plotlyjs": "%(cdn)s".replace(/[.]js$/, "")}});
        amd(["crm-casebook-plotlyjs"], (module) => resolve(module || globalThis.Plotly), reject);
      } else {
        const script = Object.assign(document.createElement("script"), {src: "%(cdn)s"});
        script.onload = () => resolve(globalThis.Plotly);
        script.onerror = reject;
        document.head.appendChild(script);
      }
    });
    page.plotlyjs.catch(() => { page.plotlyjs = undefined; });
  }
  return page.plotlyjs;
}
async function drawSaved(model, el) {
  const figure = {data: model.get("_widget_data"), layout: model.get("_widget_layout"), config: model.get("_config")};
  const rendermime = model.widget_manager && model.widget_manager.rendermime;
  if (rendermime && rendermime.mimeTypes.includes(MIME)) {
    const renderer = rendermime.createRenderer(MIME);
    el.appendChild(renderer.node);
    await renderer.renderModel(rendermime.createModel({data: {[MIME]: figure}}));
    return () => renderer.dispose();
  }
  try {
    const Plotly = await plotlyFromCdn();
    const box = el.appendChild(document.createElement("div"));
    await Plotly.newPlot(box, figure.data, figure.layout, figure.config);
    return () => Plotly.purge(box);
  } catch (error) {  // (offline: no CDN)
    console.warn("crm-casebook: a saved figure was not drawn", error);
    el.textContent = "%(no_kernel)s";
  }
}
export default () => {
  let synced, plotly, initModel;
  return {
    initialize({model}) {
      initModel = model;
      synced = ask(model, false);
    },
    async render(ctx) {
      if (ctx.el.closest(".jupyter-widgets-disconnected")) return drawSaved(initModel, ctx.el);
      await synced;
      const page = globalThis[KEY] || (globalThis[KEY] = {});
      if (!page.module) {
        page.module = ask(initModel, true).then(evaluate);
        page.module.catch(() => { page.module = undefined; });
      }
      if (!plotly) {
        plotly = (await page.module).default();
        await plotly.initialize({...ctx, model: initModel});
      }
      return plotly.render(ctx);
    },
  };
};
""" % {"version": plotly.__version__, "sync": SYNC, "synced": SYNCED, "cdn": plotly_cdn_url(),
       "no_kernel": "运行笔记本后显示此图 · Run the notebook to draw this figure"}


def plotly_widget_bundle() -> bytes:
    """plotly's own FigureWidget front end, read once per kernel from the installed package."""
    return bundle_bytes()


def _bundle_answer() -> tuple[dict, list | None]:
    """What a page asking for the bundle gets: its address where the server publishes it, else its bytes."""
    url = os.environ.get(BUNDLE_URL_ENV)
    if url:
        return {"kind": SYNCED, "url": url}, None
    return {"kind": SYNCED}, [plotly_widget_bundle()]


class FigureWidget(go.FigureWidget):
    """``go.FigureWidget`` with plotly's front end shared by all figures of a page.

    Use it exactly like ``go.FigureWidget``: ``FigureWidget(fig)``, then update
    ``fig.data`` / ``fig.layout`` in place inside ``batch_update()``.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> fw = FigureWidget(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))
    >>> with fw.batch_update():
    ...     fw.data[0].y = [5, 6]
    """

    _esm = LOADER_ESM

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.on_msg(self._on_front_end_message)
        self._changed = True  # since the state was last saved (the build itself is a change)
        _LIVE[id(self)] = self
        _save_state_after_each_cell()

    def get_state(self, key: Any = None, drop_defaults: bool = False) -> dict:
        """The widget state as plotly sends it, with each numpy array as a list instead of a binary buffer.

        nbclient keeps every buffer it saw under its path: after plotly's message traits
        (``_py2js_update``, ...) are reset to None, or a trace is dropped, the saved notebook
        still lists the old buffer, and ipywidgets, putting it back into a path that no longer
        exists, stops restoring the notebook's widgets. Lists leave nothing behind (and the
        notebook is no bigger: a float as text takes about what it takes in base64).
        """
        return _without_buffers(super().get_state(key=key, drop_defaults=drop_defaults))

    # Every in-place update goes out through one of these: remember that the state is behind.
    def _send_relayout_msg(self, *args: Any, **kwargs: Any) -> None:
        self._changed = True
        super()._send_relayout_msg(*args, **kwargs)

    def _send_restyle_msg(self, *args: Any, **kwargs: Any) -> None:
        self._changed = True
        super()._send_restyle_msg(*args, **kwargs)

    def _send_update_msg(self, *args: Any, **kwargs: Any) -> None:
        self._changed = True
        super()._send_update_msg(*args, **kwargs)

    def _send_addTraces_msg(self, *args: Any, **kwargs: Any) -> None:
        self._changed = True
        super()._send_addTraces_msg(*args, **kwargs)

    def _send_deleteTraces_msg(self, *args: Any, **kwargs: Any) -> None:
        self._changed = True
        super()._send_deleteTraces_msg(*args, **kwargs)

    def _send_moveTraces_msg(self, *args: Any, **kwargs: Any) -> None:
        self._changed = True
        super()._send_moveTraces_msg(*args, **kwargs)

    def save_changes(self) -> None:
        """:meth:`save_state` if the figure changed since it was last saved (sends nothing otherwise)."""
        if self._changed:
            self.save_state()

    def save_state(self) -> None:
        """Make the widget's state the figure as it is now (plotly keeps only its first state there).

        In-place updates travel as messages, not as state; a notebook saved with its widget
        state (nbclient's ``store_widget_state``) or a page that connects later would
        otherwise show the figure as it was built. traitlets sends nothing when it did not change.
        """
        self._widget_layout = deepcopy(self._layout_obj._props)
        self._widget_data = deepcopy(self._data)
        self._changed = False

    def _on_front_end_message(self, _widget: Any, content: Any, buffers: list) -> None:
        if not isinstance(content, dict) or content.get("kind") != SYNC:
            return
        # The page may have missed in-place updates made before it connected: send the
        # figure as it is now.
        self.save_state()
        if content.get("bundle"):
            answer, buffers = _bundle_answer()
            self.send(answer, buffers=buffers)
        else:
            self.send({"kind": SYNCED}, buffers=None)


def _without_buffers(value: Any) -> Any:
    """plotly's binary arrays (``{buffer: memoryview, dtype, shape}``) as lists; NaN and infinities as null (a gap)."""
    if isinstance(value, dict):
        if isinstance(value.get("buffer"), memoryview) and "dtype" in value:
            return [None if isinstance(x, float) and not math.isfinite(x) else x for x in value["buffer"].tolist()]
        return {k: _without_buffers(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_without_buffers(v) for v in value]
    return value


#: Every figure of this kernel that is still alive (by id: plotly figures are not hashable).
_LIVE: "weakref.WeakValueDictionary[int, FigureWidget]" = weakref.WeakValueDictionary()


@cache
def _save_state_after_each_cell() -> None:
    """After each notebook cell, save the state of every live figure that changed (once per kernel).

    Only changed figures: a figure's state holds numpy arrays, which traitlets cannot compare,
    so saving an unchanged figure would send it to the page again after every cell.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return
    shell = get_ipython()
    if shell is not None:
        shell.events.register("post_run_cell", lambda *_: [fig.save_changes() for fig in list(_LIVE.values())])
