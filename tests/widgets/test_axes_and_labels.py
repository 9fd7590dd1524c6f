"""Axes a reader can read (dates as dates, log axes with magnitudes, capped lines marked) and labels in one language."""
import re

import numpy as np
import pytest

from crm.cases.supermarket.case import checkout_assumptions
from crm.cases import load_case
from widgets.abc import abc_view
from widgets.fuel.visit_cycle import anomaly_view
from widgets.futures.callbacks import callbacks_view
from widgets.fuel.care import care_view
from widgets.supermarket.checkout import WAIT_CAP_MINUTES, checkout_view
from widgets.i18n import LANG
from widgets.bank.value_matrix import value_matrix_view

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def fuel():
    return load_case("fuel")


def test_the_watched_clients_months_are_dates_on_a_date_axis():
    view = callbacks_view(load_case("futures"))
    watch = view.watch
    assert watch.layout.xaxis.type == "date"
    for trace in watch.data:
        assert len(trace.x) and all(re.fullmatch(r"\d{4}-\d\d-\d\d", str(x)) for x in trace.x)
    # what travels to the browser is dates, not nanoseconds since 1970 (1.36e18)
    assert all(isinstance(x, str) for x in watch.to_dict()["data"][0]["x"])


@pytest.mark.parametrize("build, axis", [(lambda: care_view(load_case("fuel")).tiers_figure, "yaxis"),
                                         (lambda: anomaly_view(load_case("fuel")).figure, "yaxis2"),
                                         (lambda: value_matrix_view(load_case("bank")).figure, "xaxis")])
def test_log_axes_are_labelled_with_magnitudes(build, axis):
    # plotly's default log ticks label 20, 50, 200 as "2", "5", "2": ticks only at powers of ten, written out
    layout = build().layout[axis]
    assert layout.type == "log" and layout.dtick == 1 and layout.tickformat == ","


def test_call_load_labels_are_a_phrase_in_the_language_shown(fuel):
    view = care_view(fuel)
    LANG.code = "en"
    texts = list(view.calls_figure.data[0].text)
    assert texts and all(re.fullmatch(r"[\d,.]+ calls per caller a week", s) for s in texts), texts
    LANG.code = "zh"
    assert all(s.startswith("每人每周 ") for s in view.calls_figure.data[0].text)


def test_waits_above_the_cap_are_drawn_on_it_and_marked(supermarket):
    view = checkout_view(supermarket, **checkout_assumptions())
    view.rate.value = 0.5  # a calm floor: nothing capped, no mark
    assert not (view.table["mean_wait"] > WAIT_CAP_MINUTES).any() and not view.figure.layout.annotations
    assert view.figure.layout.yaxis.range[1] < WAIT_CAP_MINUTES
    view.rate.value = 3.0  # the last express options leave too few regular lanes
    assert (view.table["mean_wait"] > WAIT_CAP_MINUTES).any()
    shown = np.concatenate([np.asarray(tr.y, dtype=float) for tr in view.figure.data])
    assert np.nanmax(shown) <= WAIT_CAP_MINUTES
    assert view.figure.layout.yaxis.range[1] > WAIT_CAP_MINUTES
    assert any(s.y0 == WAIT_CAP_MINUTES and s.line.dash == "dash" for s in view.figure.layout.shapes)
    note = view.figure.layout.annotations[0].text
    assert f"≥ {WAIT_CAP_MINUTES}" in note
    assert any("triangle-up" in tr.marker.symbol for tr in view.figure.data)
    LANG.code = "en"
    assert "min" in view.figure.layout.annotations[0].text


def test_the_kept_data_message_names_the_case_data_in_each_language(supermarket):
    view = abc_view(supermarket)
    LANG.code = "en"
    assert not view.load(b"not,a,transactions,file\n1,2,3,4\n", "bad.csv")
    zh, en = view.uploader.message.value.split("crm-info")[1].split(" / ")  # the shared upload control
    assert "案例数据" in zh and "case data" in en and not CJK.search(en)


def test_every_log_axis_goes_through_log_axis():
    # By structure, not by list: a view that sets type="log" itself gets plotly's "2, 5, 2" ticks back.
    from pathlib import Path

    import widgets

    offenders = [f"{p.name}:{i}" for p in Path(widgets.__file__).parent.rglob("*.py") if p.name != "common.py"
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"""type\s*=\s*["']log["']|["']type["']\s*:\s*["']log["']""", line)]
    assert not offenders, offenders
