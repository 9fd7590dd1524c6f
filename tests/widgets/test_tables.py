"""Tables and key figures: formatted numbers, translated headers, "—" with a legend, the language switch."""
import re

import numpy as np
import pandas as pd
import pytest

from widgets.i18n import Language
from widgets.tables import data_table, format_value, key_figures, table_html

RAW_PANDAS = re.compile(r"dtype:|NaN|NaT|<NA>|\bnan\b|Name: |days \d\d:|\d\.\d{5,}")


def frame():
    return pd.DataFrame({
        "customer_id": ["C1", "C2", "C3"],
        "date": pd.to_datetime(["2014-01-01", "2014-01-02", None]),
        "time": pd.to_timedelta(["08:03:21", "17:00:00", None]),
        "amount": [110.43, 1234567.5, np.nan],
        "share": [0.173184, 0.5, None],
        "left_year": pd.array([2012, None, 2014], dtype="Int64"),
    })


COLUMNS = {"customer_id": "code", "date": "date", "time": "clock", "amount": "yuan2", "share": "share",
           "left_year": "year"}
LABELS = {"share": "col.share"}


@pytest.mark.parametrize("value, kind, text", [
    (0.173184, "share", "17.3%"), (31603958, "yuan", "¥31,603,958"), (87.6612, "yuan2", "¥87.66"),
    (-39479.2, "yuan", "-¥39,479"), (30000, "int", "30,000"), (np.int64(7), "int", "7"),
    (pd.Timestamp("2014-01-06"), "date", "2014-01-06"), (pd.Timedelta("0 days 08:03:21"), "clock", "08:03:21"),
    (None, "int", "—"), (np.nan, "share", "—"), (pd.NA, "year", "—"), (pd.NaT, "date", "—"),
    ("competitor_price", "label:fuel.lost.", "竞争对手价格更低"), (True, "bool", "是"),
])
def test_each_kind_is_written_as_a_reader_expects(value, kind, text):
    assert format_value(value, kind, "zh") == text


def test_a_table_has_no_raw_pandas_text_and_explains_the_dash():
    html = table_html(frame(), COLUMNS, "en", LABELS)
    assert not RAW_PANDAS.search(html), RAW_PANDAS.search(html)
    assert "<th>Customer</th>" in html and '<th class="num">Amount</th>' in html and "¥1,234,567.50" in html
    assert "08:03:21" in html and "17.3%" in html and html.count("<td") == 18
    assert "<caption>— means no value</caption>" in html


def test_no_legend_when_nothing_is_missing():
    html = table_html(frame().iloc[:1], COLUMNS, "en", LABELS)
    assert "—" not in html and "<caption>" not in html


def test_a_column_without_a_label_is_refused_when_the_table_is_built():
    with pytest.raises(KeyError, match="some_snake_case"):
        data_table(pd.DataFrame({"some_snake_case": [1]}), {"some_snake_case": "int"})


def test_the_index_is_shown_with_its_own_kind():
    counts = pd.Series({"competitor_price": 175, "not_reached": 146}, name="calls").rename_axis("cause")
    html = table_html(counts.to_frame(), {"calls": "int"}, "en", index="label:fuel.lost.")
    assert '<th>Cause</th><th class="num">Calls</th>' in html and "A competitor&#x27;s lower price" in html
    assert "(not reached)" in html


def test_table_and_cards_follow_the_language_switch_and_keep_the_data():
    lang = Language()
    df = frame()
    table = data_table(df, COLUMNS, LABELS, lang=lang)
    cards = key_figures({"kf.customers": (np.int64(30000), "int"), "kf.annual_spend": (31603958.2, "yuan")}, lang=lang)
    df.loc[0, "customer_id"] = "changed later"
    assert "客户编号" in table.value and "全年消费额" in cards.value
    lang.code = "en"
    assert "Customer" in table.value and "客户编号" not in table.value and "changed later" not in table.value
    assert "spend in the year" in cards.value and "¥31,603,958" in cards.value and "30,000" in cards.value
    assert repr(cards) == "KeyFigures(customers=30,000, annual_spend=¥31,603,958)"
    assert repr(table).startswith("Table(3 rows: customer_id")
