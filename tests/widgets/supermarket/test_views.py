"""RFM, campaign, checkout and survey views, headless."""
import numpy as np
import pytest

from crm.cases.supermarket.case import checkout_assumptions
from widgets.supermarket.member_day import campaign_view
from widgets.supermarket.checkout import checkout_view
from widgets.i18n import LANG, TEXT, language_picker, t
from widgets.rfm import rfm_view
from widgets.supermarket.survey import survey_view


def test_every_label_has_both_languages():
    for key, entry in TEXT.items():
        assert set(entry) == {"zh", "en"} and all(entry.values()), key


def test_language_picker_drives_the_shared_state():
    picker = language_picker()
    picker.value = "en"
    assert LANG.code == "en" and t("abc.title").startswith("ABC customer")


def test_rfm_view_rescoring_in_place(supermarket):
    view = rfm_view(supermarket)
    z5 = np.array(view.figure.data[0].z)
    assert z5.sum() == len(view.rfm)
    view.bins.value = 3
    z3 = np.array(view.figure.data[0].z)
    assert z3.sum() == len(view.rfm) and z3.shape != z5.shape
    assert "3" in repr(view)
    LANG.code = "en"
    assert "RFM segments" in view.title.value and "Champions" in view.table.value


def test_campaign_view_follows_its_sliders(supermarket):
    view = campaign_view(supermarket, n_sims=200)
    def member_day_profit():
        rows = view.result.summary.query("campaign == 'member_day' and segment == 'all'")
        return float(rows["incremental_profit_mean"].iloc[0])
    low = member_day_profit()
    table = view.table.value
    view.sliders["camp.uplift"].value = 2.0
    assert member_day_profit() > low
    assert view.table.value != table
    assert view.figure.data[0].y[-1] == pytest.approx(member_day_profit())
    LANG.code = "en"
    assert "Member day" in view.figure.data[0].name


def test_checkout_view_marks_the_plan_and_warns_when_overloaded(supermarket):
    view = checkout_view(supermarket, **checkout_assumptions())
    assert view.lanes.value == checkout_assumptions()["regular_lanes"]
    assert view.figure.layout.shapes[0].x0 == view.express.value
    view.express.value = 2
    assert view.figure.layout.shapes[0].x0 == 2
    assert "crm-info" in view.summary.value
    view.lanes.value = 3
    assert view.express.max == 2
    view.rate.value = 6.0
    assert view.utilisation() >= 1 and "crm-error" in view.summary.value


def test_survey_view_reports_the_source_share(supermarket):
    view = survey_view(supermarket)
    assert "82%" in view.figure.layout.title.text
    LANG.code = "en"
    assert "Messy shelving" in view.figure.data[0].y


@pytest.mark.parametrize("bins", [3, 4, 5])
def test_rfm_view_names_every_customer_at_every_offered_bin_count(supermarket, bins):
    """Before: with 4 bins the view's table showed 32% of the customers as 'other'."""
    view = rfm_view(supermarket)
    view.bins.value = bins
    assert "other" not in view.segments.cat.categories
    assert np.array(view.figure.data[0].z).sum() == len(view.rfm)
    assert t("seg.other") not in view.table.value


def test_rfm_view_offers_the_lifetimes_summary_on_the_data_shown(supermarket):
    """The libraries' convention beside ours, on the case's data and then on an uploaded file."""
    import base64
    import re

    from crm.core.rfm import rfm_summary
    from widgets.rfm import rfm_view

    view = rfm_view(supermarket)
    assert view.lifetimes.value == ""  # off until asked for
    view.convention.value = True
    expected = rfm_summary(supermarket["transactions"])
    share = (expected["frequency"] == 0).mean()
    assert f"{share:.1%}" in view.lifetimes.value and f"{expected['T'].median():,.1f}" in view.lifetimes.value
    csv = base64.b64decode(re.search(r"base64,([^\"]+)", view.lifetimes.value).group(1)).decode()
    assert csv.splitlines()[0] == "customer_id,frequency,recency,T,monetary_value"
    assert len(csv.splitlines()) == len(expected) + 1
    own = b"customer_id,date,amount\na,2024-01-01,10\na,2024-01-03,30\nb,2024-01-02,5\n"
    assert view.load(own, "own.csv")
    csv = base64.b64decode(re.search(r"base64,([^\"]+)", view.lifetimes.value).group(1)).decode().splitlines()
    assert csv[1:] == ["a,1.0,2.0,2.0,30.0", "b,0.0,0.0,1.0,0.0"]  # a: one repeat day 2 days on, at 30 yuan
