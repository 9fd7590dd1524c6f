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
