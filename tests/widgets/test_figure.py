"""The shared-front-end FigureWidget, headless: same Python API, small _esm, bundle sent once when asked."""
import plotly
import plotly.graph_objects as go

from widgets.figure import SYNC, SYNCED, FigureWidget, plotly_widget_bundle


def figure_and_sent():
    fig = FigureWidget(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))
    sent = []
    fig.send = lambda content, buffers=None: sent.append((content, buffers))
    return fig, sent


def test_it_is_a_plotly_figure_widget_with_a_small_front_end():
    fig, _ = figure_and_sent()
    assert isinstance(fig, go.FigureWidget)
    assert len(fig._esm) < 5_000 and plotly.__version__ in fig._esm
    assert len(go.FigureWidget()._esm) > 1_000_000  # what every plotly figure would carry


def test_the_bundle_is_sent_only_when_the_page_asks_for_it():
    fig, sent = figure_and_sent()
    fig._on_front_end_message(fig, {"kind": SYNC, "bundle": True}, [])
    fig._on_front_end_message(fig, {"kind": SYNC, "bundle": False}, [])
    fig._on_front_end_message(fig, {"kind": "something else"}, [])
    assert [content for content, _ in sent] == [{"kind": SYNCED}, {"kind": SYNCED}]
    assert sent[0][1] == [plotly_widget_bundle()] and sent[1][1] is None
    assert b" as default}" in plotly_widget_bundle()  # plotly's own ES module


def test_a_sync_sends_the_figure_as_it_is_now():
    fig, _ = figure_and_sent()
    with fig.batch_update():
        fig.data[0].y = [5, 6]
        fig.layout.title.text = "now"
    fig._on_front_end_message(fig, {"kind": SYNC, "bundle": False}, [])
    assert list(fig._widget_data[0]["y"]) == [5, 6]
    assert fig._widget_layout["title"]["text"] == "now"


def test_a_saved_notebook_holds_each_figure_as_it_was_last_drawn():
    # plotly keeps a figure's first state in the widget state; in-place updates are messages.
    # A notebook saved with its widget state must show the updated figure, not the built one.
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import plotly.graph_objects as go\nfrom widgets.figure import FigureWidget\n"
                                  "fig = FigureWidget(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))\nfig"),
        nbformat.v4.new_code_cell("with fig.batch_update():\n    fig.layout.title.text = 'moved'\n    fig.data[0].y = [5, 6]"),
    ])
    NotebookClient(nb, timeout=120, kernel_name="python3", store_widget_state=True).execute()
    states = [m["state"] for m in nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"].values()
              if "_widget_layout" in m["state"]]
    assert len(states) == 1
    assert states[0]["_widget_layout"]["title"]["text"] == "moved"


def test_only_a_changed_figure_is_saved_again():
    import numpy as np
    import plotly.graph_objects as go

    fig = FigureWidget(go.Figure(go.Bar(x=np.arange(3), y=np.arange(3.0))))
    sent = []
    fig.observe(lambda change: sent.append(change["name"]), names=["_widget_data", "_widget_layout"])
    fig.save_changes()
    assert sent  # the build itself
    sent.clear()
    fig.save_changes()
    assert not sent  # nothing changed: nothing travels
    with fig.batch_update():
        fig.data[0].y = np.arange(3.0) * 2
    fig.save_changes()
    assert "_widget_data" in sent


def test_the_figure_state_holds_no_binary_buffers():
    import math

    import numpy as np
    from ipywidgets.widgets.widget import _remove_buffers

    fig = FigureWidget(go.Figure(go.Scatter(x=np.arange(3, dtype="float32"), y=np.array([1.5, np.nan, 2.0]))))
    with fig.batch_update():
        fig.data[0].y = np.array([0.1, 0.2, np.inf])
    fig.save_state()
    _, paths, _ = _remove_buffers(fig.get_state())
    assert paths == []
    trace = fig.get_state()["_widget_data"][0]
    assert trace["x"] == [0.0, 1.0, 2.0] and trace["y"] == [0.1, 0.2, None]  # a gap, as plotly draws NaN
    assert all(not (isinstance(v, float) and not math.isfinite(v)) for v in trace["y"] if v is not None)
    assert list(fig.data[0].y[:2]) == [0.1, 0.2]  # the figure itself keeps its numpy arrays


def test_a_saved_notebook_restores_in_jupyterlab_after_in_place_updates():
    # nbclient keeps a buffer after plotly resets its message trait to None; ipywidgets then
    # fails on it and JupyterLab restores none of the notebook's widgets before Run All.
    import nbformat
    from nbclient import NotebookClient

    from tests.test_case_notebooks_state import misplaced_buffers

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy as np, plotly.graph_objects as go\nfrom widgets.figure import FigureWidget\n"
                                  "fig = FigureWidget(go.Figure([go.Bar(y=np.arange(4.0)), go.Bar(y=np.ones(4))]))\nfig"),
        nbformat.v4.new_code_cell("with fig.batch_update():\n    fig.data[0].y = np.arange(4.0) * 2\n    fig.data[1].marker.color = 'red'"),
        nbformat.v4.new_code_cell("fig.data = fig.data[:1]"),
    ])
    NotebookClient(nb, timeout=120, kernel_name="python3", store_widget_state=True).execute()
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert not misplaced_buffers(state)
    (figure,) = [m["state"] for m in state.values() if "_widget_data" in m["state"]]
    assert [trace["y"] for trace in figure["_widget_data"]] == [[0.0, 2.0, 4.0, 6.0]]


def test_where_the_server_publishes_the_bundle_the_page_gets_its_address_not_its_bytes(monkeypatch):
    from widgets.plotly_bundle import BUNDLE_URL_ENV, bundle_url_path

    monkeypatch.setenv(BUNDLE_URL_ENV, bundle_url_path())
    fig, sent = figure_and_sent()
    fig._on_front_end_message(fig, {"kind": SYNC, "bundle": True}, [])
    assert sent == [({"kind": SYNCED, "url": bundle_url_path()}, None)]
    monkeypatch.delenv(BUNDLE_URL_ENV)
    fig._on_front_end_message(fig, {"kind": SYNC, "bundle": True}, [])
    assert sent[1] == ({"kind": SYNCED}, [plotly_widget_bundle()])  # JupyterLab, Binder, JupyterHub


def test_the_bundles_address_names_plotlys_version_and_content():
    from widgets.plotly_bundle import bundle_url_path

    assert bundle_url_path() == bundle_url_path(plotly_widget_bundle())
    assert plotly.__version__ in bundle_url_path()
    assert bundle_url_path(b"another bundle") != bundle_url_path()
