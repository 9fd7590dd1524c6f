"""The upload corpus (tests/uploads): every awkward file gives exactly its expected outcome.

Each file of ``tests/uploads/corpus.py`` either loads, with the table's key facts (rows,
customers, total spend), or is refused with one DataError whose Chinese and English
messages name the file and hold the expected words, column and first rows. The large
files (zip bombs, a full sheet) are built here, not committed; their tests assert the
refusal or the table, never the time (benchmarks/upload.py times them).
"""
from __future__ import annotations

import io
import random
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, HealthCheck, settings, strategies as st

from crm.core.io import read_upload
from crm.core.schemas import DataError
from crm.core.sheets import Limits
from tests.uploads import writers
from tests.uploads.corpus import BASE, CORPUS, HEADER, Loads, Refused, table
from tests.uploads.make_corpus import FILES, README, readme

_BUILT: dict[str, bytes] = {}


def content(upload) -> bytes:
    """The committed file, or for a large one the file built now (once a session)."""
    if not upload.large:
        return (FILES / upload.name).read_bytes()
    if upload.name not in _BUILT:
        _BUILT[upload.name] = upload.build()
    return _BUILT[upload.name]


def outcome(upload):
    try:
        return read_upload(content(upload), upload.name)
    except DataError as err:
        return err


@pytest.mark.parametrize("upload", [u for u in CORPUS if isinstance(u.expect, Loads)], ids=lambda u: u.name)
def test_file_loads_with_its_facts(upload):
    got = outcome(upload)
    assert not isinstance(got, DataError), f"{upload.kind}: refused\n{got}"
    want = upload.expect
    assert len(got) == want.rows
    assert got["customer_id"].nunique() == want.customers
    assert round(float(got["amount"].sum()), 2) == pytest.approx(want.total, abs=0.005)
    assert got["date"].dtype == np.dtype("datetime64[ns]") and got["amount"].dtype == np.dtype("float64")
    if want.check is not None:
        assert want.check(got), upload.kind


@pytest.mark.parametrize("upload", [u for u in CORPUS if isinstance(u.expect, Refused)], ids=lambda u: u.name)
def test_file_is_refused_with_one_clear_message(upload):
    got = outcome(upload)
    assert isinstance(got, DataError), f"{upload.kind}: loaded {len(got)} rows"
    want = upload.expect
    assert got.file == upload.name
    assert upload.name in got.message_zh and upload.name in got.message_en, "the message names the file"
    for word in want.zh:
        assert word in got.message_zh, (word, got.message_zh)
    for word in want.en:
        assert word in got.message_en, (word, got.message_en)
    if want.column is not None:
        assert got.column == want.column
    if want.rows is not None:
        assert tuple(got.rows) == want.rows
        for line in want.rows[:3]:  # the rows are said, not only kept as data
            assert str(line) in got.message_zh and str(line) in got.message_en
    assert "Traceback" not in str(got)


def test_committed_files_are_what_the_corpus_builds():
    wanted = {u.name for u in CORPUS if not u.large}
    assert {p.name for p in FILES.iterdir()} == wanted, "run python tests/uploads/make_corpus.py"
    for upload in CORPUS:
        if not upload.large:
            assert (FILES / upload.name).read_bytes() == upload.build(), upload.name
    assert README.read_text(encoding="utf-8") == readme(), "run python tests/uploads/make_corpus.py"


def test_corpus_holds_every_kind_the_issue_names():
    kinds = {u.kind for u in CORPUS}
    for named in ("a 合计 total row", "ids Excel saved as 6.23457E+11", "the same id as 000017 text and 17 number",
                  "two amount columns", "dates in 2099", "Latin-1 text read as Chinese", "1e308 amounts giving inf",
                  "data on a second sheet", "header on row 3", "merged headers", "Excel's sep=; first line",
                  "real .xls", ".ods", "an 840 KB crafted .xlsx (zip bomb)", "a full Excel sheet (1,048,576 rows)",
                  "UTF-16 without a BOM", "mixed delimiters", "thousands separators 1,234.50",
                  "currency ¥12.50 / 12.50元", "negative amounts with a minus sign variant", "full-width digits",
                  "Excel serial dates"):
        assert named in kinds, named


def test_zip_bomb_is_small_and_unpacks_to_a_gigabyte():
    bomb = content(next(u for u in CORPUS if u.name == "zip_bomb.xlsx"))
    assert len(bomb) < 2 * 2**20
    info = zipfile.ZipFile(io.BytesIO(bomb)).getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size >= 2**30 - 2**20


def test_hidden_zip_bomb_is_not_inflated_past_its_declared_size():
    bomb = content(next(u for u in CORPUS if u.name == "zip_bomb_hidden.xlsx"))
    calls = []
    err = pytest.raises(DataError, read_upload, bomb, "b.xlsx", progress=calls.append).value
    assert "damaged" in err.message_en
    assert calls[-1] == 1.0


@pytest.mark.parametrize("name", ["duplicate_reference.xlsx", "far_apart_cells.xlsx", "damaged_asks_515gb.xls"])
def test_a_reader_that_aborts_does_not_take_the_kernel_with_it(name):
    """Without the zip check in front, calamine asks for hundreds of GB on these and aborts: in the child."""
    from crm.core.sheets import read_sheets
    upload = next(u for u in CORPUS if u.name == name)
    with pytest.raises(DataError) as info:
        read_sheets(content(upload), name, Limits(cells=10**12, rows=10**7, columns=10**5))
    assert name in info.value.message_en and name in info.value.message_zh


def test_limits_are_parameters():
    data = writers.xlsx(table(text_dates=False))
    assert len(read_upload(data, "a.xlsx")) == len(BASE)
    err = pytest.raises(DataError, read_upload, data, "a.xlsx", limits=Limits(rows=10)).value
    assert "limit" in err.message_en and "上限" in err.message_zh
    err = pytest.raises(DataError, read_upload, data, "a.xlsx", limits=Limits(uncompressed_bytes=2000)).value
    assert "uncompressed" in err.message_en
    text = writers.csv_text(table()).encode()
    err = pytest.raises(DataError, read_upload, text, "a.csv", limits=Limits(cells=30)).value
    assert "cells" in err.message_en
    err = pytest.raises(DataError, read_upload, text, "a.csv", limits=Limits(line_chars=20)).value
    assert "line 1" in err.message_en


def test_every_uploaded_table_has_plausible_dates_but_case_data_is_not_bounded():
    from crm.cases import SCHEMAS
    refuels = SCHEMAS["fuel/refuels"]
    text = "date,customer_id,station_id,litres,grade,payment\n{day},K1,S1,40.5,E92,card\n"
    assert len(read_upload(text.format(day="2013-07-01").encode(), "log.csv", refuels)) == 1
    err = pytest.raises(DataError, read_upload, text.format(day="2099-07-01").encode(), "log.csv", refuels).value
    assert err.column == "date" and err.rows == [2] and "2099" in err.message_en and "日期不合理" in err.message_zh
    raw = pd.DataFrame({"date": ["2099-07-01"], "customer_id": ["K1"], "station_id": ["S1"], "litres": ["40"],
                        "grade": ["E92"], "payment": ["card"]})
    assert len(refuels.validate(raw)) == 1  # the schema itself (load_case) does not bound dates
    customers = SCHEMAS["customers"]  # a birthday in 1950 is plausible: uploads bound dates from 1900 on
    people = ("customer_id,card_type,join_date,birthday,district,gender,age\n"
              "C1,member,2020-05-01,1950-02-03,徐汇,F,74\n")
    assert read_upload(people.encode(), "people.csv", customers)["birthday"].iloc[0] == pd.Timestamp("1950-02-03")


# --- progress ----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["good.csv", "good.xlsx", "real.xls", "total_row.csv", "noise.bin"])
def test_progress_rises_from_zero_to_one(name):
    upload = next(u for u in CORPUS if u.name == name)
    calls: list[float] = []
    try:
        read_upload(content(upload), name, progress=calls.append)
    except DataError:
        pass
    assert calls[0] == 0.0 and calls[-1] == 1.0
    assert calls == sorted(calls) and len(set(calls)) == len(calls)


def test_progress_of_a_large_workbook_moves_in_steps():
    upload = next(u for u in CORPUS if u.name == "full_sheet.xlsx")
    calls: list[float] = []
    read_upload(content(upload), upload.name, progress=calls.append)
    assert len(calls) >= 10 and calls == sorted(calls) and calls[-1] == 1.0
    assert max(np.diff(calls)) <= 0.35, "no stage of the load jumps most of the bar at once"


def test_progress_of_a_large_csv_moves_column_by_column():
    rows = [[f"C{i % 997:04d}", f"2024-03-{1 + i % 28:02d}", f"{i % 500}.25"] for i in range(120_000)]
    calls: list[float] = []
    df = read_upload(writers.csv_text([HEADER, *rows]).encode(), "big.csv", progress=calls.append)
    assert len(df) == 120_000
    assert len(calls) >= 7 and calls == sorted(calls) and calls[-1] == 1.0
    assert max(np.diff(calls)) <= 0.35


def test_schema_validation_reports_its_progress_by_column():
    from crm.core.schemas import UPLOAD_TRANSACTIONS
    calls: list[float] = []
    raw = pd.DataFrame({"customer_id": ["C1"], "date": ["2024-03-01"], "amount": ["1.5"], "note": ["x"]})
    UPLOAD_TRANSACTIONS.validate(raw, progress=calls.append)
    assert calls == pytest.approx([1 / 3, 2 / 3, 1.0])


# --- properties ----------------------------------------------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), fmt=st.sampled_from(["csv", "xlsx", "ods", "xls"]))
def test_any_row_order_gives_the_same_table(seed, fmt):
    rows = [list(r) for r in BASE]
    random.Random(seed).shuffle(rows)
    build = {"csv": lambda r: writers.csv_text(table(r)).encode(),
             "xlsx": lambda r: writers.xlsx(table(r, text_dates=False)),
             "ods": lambda r: writers.ods(table(r, text_dates=False)),
             "xls": lambda r: writers.xls(table(r, text_dates=False))}
    got = read_upload(build[fmt](rows), f"shuffled.{fmt}")
    want = read_upload(build["csv"](BASE), "base.csv")
    key = ["customer_id", "date", "amount"]
    pd.testing.assert_frame_equal(got.sort_values(key).reset_index(drop=True),
                                  want.sort_values(key).reset_index(drop=True))


def _mutated_xlsx(data: bytes, cuts: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, value in cuts:
        out[at % len(out)] = value
    return bytes(out)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuts=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6),
       which=st.sampled_from(["good.xlsx", "sheet.ods", "real.xls", "merged_header.xlsx"]))
def test_damaged_workbooks_give_a_table_or_a_data_error(cuts, which):
    data = _mutated_xlsx((FILES / which).read_bytes(), cuts)
    try:
        result = read_upload(data, which)
    except DataError as err:
        assert err.file == which and err.message_zh and err.message_en
    else:
        assert isinstance(result, pd.DataFrame)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(members=st.lists(st.tuples(st.sampled_from(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "content.xml",
                                                   "mimetype", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"]),
                                  st.binary(max_size=300)), max_size=5, unique_by=lambda member: member[0]))
def test_random_zips_give_a_data_error(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    with pytest.raises(DataError):
        read_upload(buffer.getvalue(), "z.xlsx")


_XML_TOKENS = [b'r="XFD1048576"', b'r="A1"', b'r="1048576"', b"<row>", b"</row>", b"<c>", b"</c>", b'"', b"<", b">",
               b'<c t="s"><v>99999</v></c>', b"&#0;", b"\xff", b'<c r="ZZZ9"><v>1</v></c>', b't="inlineStr"',
               b'<dimension ref="A1:XFD1048576"/>', b's="999"', b'table:number-columns-repeated="99999"',
               b'office:value-type="float"', b"<table:table-cell>", b"</table:table-row>"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.integers(0, 10**5), st.integers(0, 8), st.sampled_from(_XML_TOKENS)),
                      min_size=1, max_size=5),
       which=st.sampled_from(["good.xlsx", "sheet.ods", "header_row3.xlsx", "second_sheet.xlsx"]))
def test_workbooks_with_edited_xml_give_a_table_or_a_data_error(edits, which):
    """The zip is valid (sizes and CRCs true): only the XML inside is wrong, as a crafted file's can be."""
    source = zipfile.ZipFile(io.BytesIO((FILES / which).read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = bytearray(source.read(info))
            if info.filename.endswith("content.xml") or info.filename.startswith("xl/worksheets/"):
                for at, cut, token in edits:
                    at %= len(data) + 1
                    data[at:at + cut] = token
            archive.writestr(info.filename, bytes(data))
    try:
        result = read_upload(buffer.getvalue(), which)
    except DataError as err:
        assert err.file == which and err.message_zh and err.message_en
    else:
        assert isinstance(result, pd.DataFrame)


_CELL = st.one_of(st.sampled_from(["C1", "000017", "17", "合计", "Total", "6.23457E+11", "2024-03-01", "2099-01-01",
                                   "1,234.50", "¥3", "−2", "１２", "1e308", "45366", "", None]),
                  st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**18, 10**18),
                  st.text(max_size=8))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(_CELL, min_size=3, max_size=4), max_size=8), fmt=st.sampled_from(["csv", "xlsx"]))
def test_any_cells_give_a_plausible_table_or_a_data_error(rows, fmt):
    """Whatever the cells, a loaded table holds no total row, finite amounts and dates in range."""
    grid = [HEADER + ["note"]] + rows
    try:
        data = writers.csv_text(grid).encode("utf-8", "surrogatepass") if fmt == "csv" else writers.xlsx(grid)
    except (UnicodeEncodeError, ValueError):
        return
    try:
        df = read_upload(data, f"t.{fmt}")
    except DataError as err:
        assert err.file == f"t.{fmt}" and err.message_zh and err.message_en
        return
    assert np.isfinite(df["amount"]).all() and (df["amount"].abs() <= 1e12).all()
    assert df["date"].between(pd.Timestamp("1990-01-01"), pd.Timestamp("2100-01-01")).all()
    assert not df["customer_id"].isin(["合计", "Total", "6.23457E+11"]).any()
