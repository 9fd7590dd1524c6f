"""The ABC view, headless: cut-offs, in-place updates, language, uploads."""
import datetime
import io

import openpyxl
import pandas as pd
import pytest

from crm.core.segment import abc_counts
from widgets.abc import abc_figure, abc_view
from widgets.i18n import LANG


@pytest.fixture
def view(supermarket):
    return abc_view(supermarket)


def good_csv(n_customers=50, encoding="utf-8"):
    rows = [f"T{i:04d},C{i % n_customers:03d},2014-0{1 + i % 9}-1{i % 10},{10 + (i * 7) % 90}.5" for i in range(300)]
    return ("transaction_id,customer_id,date,amount\n" + "\n".join(rows) + "\n").encode(encoding)


def test_moving_a_cutoff_updates_table_and_figure_in_place(view):
    figure, table_before = view.figure, view.table.value
    counts_before = abc_counts(view.ranking, view.cutoffs)
    view.cut_a.value = 0.75
    assert view.figure is figure  # the same FigureWidget, restyled, not a new one
    assert view.table.value != table_before
    counts = abc_counts(view.ranking, (0.75, 0.85))
    assert counts[0] > counts_before[0]
    a_band = view.figure.layout.shapes[0]
    assert a_band.x1 == pytest.approx(counts[0] / view.ranking.n)
    assert f"{counts[0]:,}" in view.table.value


def test_crossed_cutoffs_are_refused_and_the_table_kept(view):
    table = view.table.value
    view.cut_a.value = 0.9
    assert "crm-error" in view.message.value
    assert "A/B" in view.message.value
    assert view.table.value == table


def test_language_switch_relabels_everything(view):
    assert "客户" in view.title.value and "客户数" in view.table.value
    LANG.code = "en"
    assert "ABC customer classes" in view.title.value
    assert "Customers" in view.table.value
    assert view.cut_a.description.startswith("A/B line")
    assert view.figure.layout.xaxis.title.text.startswith("Cumulative share of customers")


def test_figure_is_a_pure_function_of_the_ranking(view):
    fig = abc_figure(view.ranking, (0.65, 0.85), lang="en")
    assert len(fig.data) == 2 and len(fig.layout.shapes) == 5
    assert fig.data[0].y[-1] == pytest.approx(1.0)


def test_upload_of_a_good_file_replaces_the_data(view):
    assert view.load(good_csv(), "mine.csv")
    assert view.ranking.n == 50
    assert "mine.csv" in view.uploader.message.value and "50" in view.uploader.message.value
    assert view.figure.data[0].y[-1] == pytest.approx(1.0)


def test_upload_through_the_file_widget(view):
    view.upload.value = ({"name": "mine.csv", "type": "text/csv", "size": len(good_csv()),
                          "content": memoryview(good_csv()),
                          "last_modified": datetime.datetime(2014, 1, 1)},)
    assert view.ranking.n == 50


def test_upload_of_gbk_and_bom_files(view):
    gbk = good_csv().decode().replace("customer_id,date,amount", "客户编号,日期,金额").encode("gbk")
    assert view.load(gbk, "gbk.csv") and view.ranking.n == 50
    assert view.load(b"\xef\xbb\xbf" + good_csv(40), "bom.csv") and view.ranking.n == 40


def xlsx_bytes(header):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for i in range(20):
        ws.append([f"C{i:02d}", f"2014-01-{1 + i:02d}", 10.0 + i])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


BAD_UPLOADS = {
    "missing column": (b"customer_id,date\nC1,2014-01-01\n", "amount"),
    "misspelt column": (b"customer_id,date,ammount\nC1,2014-01-01,3\n", "ammount"),
    "negative amount": (b"customer_id,date,amount\nC1,2014-01-01,3\nC2,2014-01-02,-4\n", "amount"),
    "unparseable date": (b"customer_id,date,amount\nC1,2014-13-45,3\n", "date"),
    "duplicate ids": (b"transaction_id,customer_id,date,amount\nT1,C1,2014-01-01,3\nT1,C2,2014-01-02,4\n",
                      "transaction_id"),
    "empty file": (b"", None),
    "header only": (b"customer_id,date,amount\n", None),
    "not a number": (b"customer_id,date,amount\nC1,2014-01-01,abc\n", "amount"),
    "binary garbage": (bytes(range(256)) * 8, None),
    "xlsx with a bad column": (xlsx_bytes(["customer_id", "date", "sum"]), "amount"),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_bad_upload_keeps_the_data_and_explains_in_both_languages(view, case):
    content, column = BAD_UPLOADS[case]
    before = (view.ranking.n, view.table.value)
    name = "bad.xlsx" if case.startswith("xlsx") else "bad.csv"
    assert not view.load(content, name)
    assert (view.ranking.n, view.table.value) == before
    message = view.uploader.message.value
    assert "crm-error" in message and name in message
    assert "Traceback" not in message
    if column:
        assert column in message
    assert "仍使用之前的数据" in message and "previous data stays loaded" in message


def test_over_large_upload_is_refused_before_parsing(view, monkeypatch):
    import widgets.upload as module
    real = module.read_upload
    monkeypatch.setattr(module, "read_upload",
                        lambda content, filename, **kw: real(content, filename, max_bytes=1000, **kw))
    assert not view.load(good_csv(), "huge.csv")
    assert "huge.csv" in view.uploader.message.value


def test_good_xlsx_upload(view):
    assert view.load(xlsx_bytes(["customer_id", "date", "amount"]), "mine.xlsx")
    assert view.ranking.n == 20


def test_upload_moves_the_progress_bar_and_hides_it_when_done(view):
    seen = []
    view.progress.observe(lambda change: seen.append((change["new"], view.progress.layout.visibility)), "value")
    assert view.progress.layout.visibility == "hidden"
    assert view.load(xlsx_bytes(["customer_id", "date", "amount"]), "mine.xlsx")
    assert [v for v, _ in seen] == sorted(v for v, _ in seen) and seen[-1][0] == 1.0
    assert view.progress.layout.visibility == "hidden"
    assert not view.load(b"customer_id,date,amount\nC1,2014-01-01,abc\n", "bad.csv")
    assert view.progress.value == 1.0 and view.progress.layout.visibility == "hidden"


def test_upload_button_offers_the_formats_the_reader_reads(view):
    for ext in (".csv", ".xlsx", ".xls", ".ods"):
        assert ext in view.upload.accept.split(",")


def test_repr_is_short_and_states_the_classes(view):
    text = repr(view)
    assert text.startswith("AbcView(customers=") and len(text) < 200
    assert str(abc_counts(view.ranking, view.cutoffs)[0]) in text
