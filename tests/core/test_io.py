"""Tests for crm.core.io: uploads a student brings, case loading and byte-identical writing."""
from __future__ import annotations

import contextlib
import gzip
import io
import zipfile
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import example, given, HealthCheck, settings, strategies as st

from crm.core import io as crm_io, parsing, schemas
from crm.core.io import DATA_DIR, default_data_dir, read_upload, write_table
from crm.cases import load_case
from crm.core.schemas import DataError

GOOD_CSV = "customer_id,date,amount\nC001,2024-03-01,25.50\nC002,2024-03-02,180.00\nC001,2024-03-05,4.20\n"


def upload_error(data, filename="x.csv", **kwargs) -> DataError:
    with pytest.raises(DataError) as info:
        read_upload(data, filename, **kwargs)
    err = info.value
    assert err.file == filename, "every upload error names the file"
    assert filename in err.message_zh and filename in err.message_en
    return err


def xlsx_bytes(rows: list[list], extra_sheet: bool = False) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        workbook.create_sheet("notes").append(["this sheet is ignored"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- encodings and formats ----------------------------------------------------------

def test_good_utf8_file_is_typed():
    df = read_upload(GOOD_CSV.encode("utf-8"), "x.csv")
    assert list(df.columns) == ["customer_id", "date", "amount"]
    assert df["date"].dtype == np.dtype("datetime64[ns]") and df["amount"].dtype == np.dtype("float64")
    assert df["amount"].tolist() == [25.5, 180.0, 4.2]
    assert df["customer_id"].tolist() == ["C001", "C002", "C001"]


def test_utf8_bom_is_stripped_from_first_header():
    df = read_upload(b"\xef\xbb\xbf" + GOOD_CSV.encode("utf-8"), "bom.csv")
    assert list(df.columns) == ["customer_id", "date", "amount"]
    assert df["customer_id"].iloc[0] == "C001"
    raw = read_upload(b"\xef\xbb\xbf" + GOOD_CSV.encode("utf-8"), "bom.csv", schema=None)
    assert list(raw.columns) == ["customer_id", "date", "amount"]  # not "\ufeffcustomer_id"


def test_gbk_file_with_chinese_headers():
    text = "客户编号,日期,金额,门店\nC001,2024-03-01,25.50,徐汇店\nC002,2024-03-02,8.00,浦东店\n"
    df = read_upload(text.encode("gbk"), "gbk.csv")
    assert list(df.columns) == ["customer_id", "date", "amount", "门店"]
    assert df["门店"].tolist() == ["徐汇店", "浦东店"]
    assert df["amount"].sum() == pytest.approx(33.5)


def test_gbk_error_message_shows_chinese_header_correctly():
    text = "顾客编号,交易日期,消费金额\nC001,2024-03-01,-5\n"
    err = upload_error(text.encode("gb18030"), "gbk.csv")
    assert (err.column, err.rows) == ("amount", [2])
    assert "消费金额" in err.message_zh and "消费金额" in err.message_en


def test_utf16_tab_separated_export():
    df = read_upload(GOOD_CSV.replace(",", "\t").encode("utf-16"), "unicode.txt")
    assert df["amount"].tolist() == [25.5, 180.0, 4.2]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_other_delimiters_are_sniffed(delimiter):
    df = read_upload(GOOD_CSV.replace(",", delimiter).encode("utf-8"), "semi.csv")
    assert list(df.columns) == ["customer_id", "date", "amount"]
    assert df["amount"].tolist() == [25.5, 180.0, 4.2]


def test_quoted_fields_with_commas_survive_sniffing():
    text = 'customer_id,date,amount,note\nC1,2024-03-01,1.00,"milk, eggs; bread"\n'
    assert read_upload(text.encode(), "q.csv")["note"].tolist() == ["milk, eggs; bread"]


def test_good_xlsx_first_sheet_only():
    data = xlsx_bytes([["会员卡号", "交易日期", "交易金额", "流水号"],
                       [1001, datetime(2024, 3, 1), 25.5, "A1"],
                       ["C002", "2024-03-02", 180, "A2"]], extra_sheet=True)
    df = read_upload(data, "till.xlsx")
    assert list(df.columns) == ["transaction_id", "customer_id", "date", "amount"]
    assert df["customer_id"].tolist() == ["1001", "C002"]  # a numeric id is not "1001.0"
    assert df["date"].tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-02")]
    assert df["amount"].tolist() == [25.5, 180.0]


def test_xlsx_is_recognised_by_magic_bytes_without_a_name():
    data = xlsx_bytes([["customer_id", "date", "amount"], ["C1", "2024-03-01", 3]])
    assert read_upload(data)["amount"].tolist() == [3.0]


def test_xlsx_with_bad_column():
    data = xlsx_bytes([["customer_id", "date", "amout"], ["C1", "2024-03-01", 3]])
    err = upload_error(data, "bad.xlsx")
    assert err.column == "amount"
    assert "amout" in err.message_zh and "did you mean 'amout'" in err.message_en.lower()


def test_file_upload_entries_and_file_objects_are_accepted():
    content = memoryview(GOOD_CSV.encode("utf-8"))
    entry = {"name": "w.csv", "type": "text/csv", "size": len(content), "content": content}
    assert len(read_upload(entry)) == 3
    assert len(read_upload((entry,))) == 3  # FileUpload.value in ipywidgets 8
    assert len(read_upload(SimpleNamespace(name="o.csv", content=content))) == 3
    assert len(read_upload(io.BytesIO(GOOD_CSV.encode()), "f.csv")) == 3
    err = upload_error(bytes(content).replace(b"25.50", b"-1"), "w.csv")
    assert err.rows == [2]


def test_path_source(tmp_path):
    path = tmp_path / "till.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    assert len(read_upload(path)) == 3
    assert len(read_upload(str(path))) == 3
    err = upload_error(tmp_path / "absent.csv", "absent.csv")
    assert "cannot be opened" in err.message_en and "无法打开" in err.message_zh


# --- bad input ----------------------------------------------------------------------

def test_missing_column():
    err = upload_error(b"customer_id,amount\nC1,3\n", "nodate.csv")
    assert err.column == "date"
    assert "“date”" in err.message_zh and "'date'" in err.message_en
    assert "customer_id" in err.message_en  # lists the columns that were found


def test_misspelt_column_gets_suggestion():
    err = upload_error(b"customer_id,date,ammount\nC1,2024-03-01,3\n", "typo.csv")
    assert err.column == "amount"
    assert "“ammount”" in err.message_zh and "did you mean 'ammount'?" in err.message_en.lower()


def test_header_case_and_spaces_are_not_errors():
    df = read_upload(b" Customer_ID ,DATE,  Amount\nC1,2024-03-01,3\n", "case.csv")
    assert list(df.columns) == ["customer_id", "date", "amount"]


def test_negative_amounts_list_rows():
    text = GOOD_CSV + "C003,2024-03-06,-2.00\nC004,2024-03-07,1\nC005,2024-03-08,-0.5\n"
    err = upload_error(text.encode(), "neg.csv")
    assert (err.column, err.rows) == ("amount", [5, 7])
    assert "负数" in err.message_zh and "5、7" in err.message_zh and "≥ 0" in err.message_zh
    assert "rows 5, 7 are negative" in err.message_en and "≥ 0" in err.message_en


def test_non_numeric_amounts():
    err = upload_error(b"customer_id,date,amount\nC1,2024-03-01,12 yuan\nC2,2024-03-01,3\n", "txt.csv")
    assert (err.column, err.rows) == ("amount", [2])
    assert "12 yuan" in err.message_zh and "not a number" in err.message_en


def test_unparseable_dates_show_rows_and_values():
    text = "customer_id,date,amount\nC1,2024-03-01,1\nC2,31/02/2024,1\nC3,2024-02-30,1\nC4,soon,1\n"
    err = upload_error(text.encode(), "dates.csv")
    assert (err.column, err.rows) == ("date", [3, 4, 5])
    for bad in ("31/02/2024", "2024-02-30", "soon"):
        assert bad in err.message_zh and bad in err.message_en
    assert "YYYY-MM-DD" in err.message_zh and "YYYY-MM-DD" in err.message_en


def test_duplicate_transaction_ids():
    text = "流水号,customer_id,date,amount\nA1,C1,2024-03-01,1\nA2,C1,2024-03-01,1\nA1,C2,2024-03-02,1\n"
    err = upload_error(text.encode(), "dup.csv")
    assert (err.column, err.rows) == ("transaction_id", [2, 4])
    assert "A1" in err.message_zh and "重复" in err.message_zh
    assert "A1" in err.message_en and "unique" in err.message_en


def test_empty_cells_in_required_column():
    err = upload_error(b"customer_id,date,amount\nC1,2024-03-01,1\n,2024-03-01,2\n", "gap.csv")
    assert (err.column, err.rows) == ("customer_id", [3])
    assert "为空" in err.message_zh and "empty" in err.message_en


def test_blank_lines_do_not_shift_row_numbers():
    text = "customer_id,date,amount\nC1,2024-03-01,1\n\nC2,2024-03-01,-1\n"
    assert upload_error(text.encode(), "blank.csv").rows == [4]


def test_ragged_row_names_its_line():
    err = upload_error(b"customer_id,date,amount\nC1,2024-03-01,1\nC2,2024-03-01,1,5\n", "rag.csv")
    assert err.rows == [3] and "line 3" in err.message_en and "第 3 行" in err.message_zh


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t", b"\xef\xbb\xbf\n"])
def test_empty_file(data):
    err = upload_error(data, "empty.csv")
    assert "空" in err.message_zh and "empty" in err.message_en


def test_header_only_file():
    err = upload_error(b"customer_id,date,amount\n", "header.csv")
    assert "只有表头" in err.message_zh and "no data rows" in err.message_en


def test_over_large_file_is_rejected_before_parsing(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(crm_io.pd, "read_csv", lambda *a, **k: calls.append(1))
    err = upload_error(GOOD_CSV.encode(), "big.csv", max_bytes=64)
    assert f"{len(GOOD_CSV)} B" in err.message_en and "64 B" in err.message_en
    assert "太大" in err.message_zh and "64 B" in err.message_zh
    path = tmp_path / "big.csv"
    path.write_text(GOOD_CSV)
    upload_error(path, "big.csv", max_bytes=64)
    err = upload_error(io.BytesIO(GOOD_CSV.encode()), "big.csv", max_bytes=64)
    assert f"{len(GOOD_CSV)} B" in err.message_en
    assert calls == []


@pytest.mark.parametrize("name, data", [
    ("noise.csv", bytes(range(256)) * 4),
    ("pic.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
    ("broken.xlsx", b"PK\x03\x04" + b"\x07" * 300),
])
def test_binary_garbage_is_not_a_table(name, data):
    err = upload_error(data, name)
    assert err.column is None and err.rows == []
    assert ".xlsx" in err.message_zh and ".xlsx" in err.message_en


def test_docx_is_not_a_table():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document/>")
    err = upload_error(buffer.getvalue(), "essay.docx")
    assert "not a table" in err.message_en and "不是" in err.message_zh


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), name=st.sampled_from(["f.csv", "f.xlsx", "f.xls", "f"]))
def test_fuzz_random_bytes_give_a_frame_or_data_error(data, name):
    try:
        result = read_upload(data, name)
    except DataError as err:
        assert err.file == name and err.message_zh and err.message_en
    else:
        assert isinstance(result, pd.DataFrame)


_CELLS = st.sampled_from(["customer_id", "date", "amount", "C1", "2024-03-01", "-1", "1e400", "",
                          "99999999999999999999", "nan", "客户编号", "金额", '"', "2024-13-01", " "])


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(_CELLS, min_size=1, max_size=5), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "gb18030"]))
def test_fuzz_table_like_text_gives_a_frame_or_data_error(rows, delimiter, encoding):
    text = "\n".join(delimiter.join(row) for row in rows)
    try:
        result = read_upload(text.encode(encoding), "t.csv")
    except DataError:
        return
    assert {"customer_id", "date", "amount"} <= set(result.columns)
    assert (result["amount"] >= 0).all()


# --- load_case ----------------------------------------------------------------------

def test_data_dir_defaults_to_repo_and_env_overrides(tmp_path, monkeypatch):
    monkeypatch.delenv("CRM_CASEBOOK_DATA", raising=False)
    assert default_data_dir() == Path(crm_io.__file__).resolve().parents[2] / "data"
    assert isinstance(DATA_DIR, Path)
    monkeypatch.setenv("CRM_CASEBOOK_DATA", str(tmp_path))
    assert default_data_dir() == tmp_path


def test_load_case_validates_known_tables(tmp_path, monkeypatch):
    case = tmp_path / "shop"
    write_table(pd.DataFrame({"transaction_id": ["T1", "T2"], "customer_id": ["C001", "C002"],
                              "date": ["2024-03-01", "2024-03-02"], "time": ["09:00:00", "10:30:00"],
                              "lane": [1, 2], "items": [3, 4], "amount": [1.5, 2.25]}),
                case / "transactions.csv.gz")
    write_table(pd.DataFrame({"x": [1, 2], "y": ["a", "b"]}), case / "notes.csv")
    (tmp_path / "other").mkdir()
    monkeypatch.setenv("CRM_CASEBOOK_DATA", str(tmp_path))
    tables = load_case("shop")
    assert list(tables) == ["notes", "transactions"]
    tx = tables["transactions"]
    assert tx["date"].dtype == np.dtype("datetime64[ns]") and tx["lane"].dtype == np.dtype("int64")
    assert tx["customer_id"].tolist() == ["C001", "C002"]
    assert tables["notes"]["x"].tolist() == [1, 2]


def test_load_case_reports_bad_table(tmp_path):
    write_table(pd.DataFrame({"customer_id": ["C1"], "card_type": ["gold"], "join_date": ["2020-01-01"],
                              "birthday": [""], "district": ["Xuhui"], "gender": ["F"], "age": [30]}),
                tmp_path / "shop" / "customers.csv")
    with pytest.raises(DataError) as info:
        load_case("shop", data_dir=tmp_path)
    assert (info.value.file, info.value.column, info.value.rows) == ("customers.csv", "card_type", [2])


def test_unknown_case_lists_available_cases(tmp_path):
    for name in ("supermarket", "car_care", ".hidden"):
        (tmp_path / name).mkdir()
    with pytest.raises(DataError) as info:
        load_case("fuel", data_dir=tmp_path)
    err = info.value
    assert "fuel" in err.message_zh and "fuel" in err.message_en
    assert "car_care, supermarket" in err.message_en and "car_care、supermarket" in err.message_zh
    assert ".hidden" not in err.message_en
    with pytest.raises(DataError, match="no tables"):
        load_case("car_care", data_dir=tmp_path)


# --- write_table --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["t.csv", "t.csv.gz"])
def test_write_table_is_byte_identical(tmp_path, name):
    df = pd.DataFrame({"customer_id": ["C1", "客户2"], "amount": [1 / 3, 2.0],
                       "date": pd.to_datetime(["2024-03-01", "2024-03-02"]),
                       "time": pd.to_timedelta(["09:05:00", "23:59:59"]), "flag": [True, False]})
    first = write_table(df, tmp_path / "a" / name).read_bytes()
    second = write_table(df, tmp_path / "b" / name).read_bytes()
    assert first == second
    text = gzip.decompress(first) if name.endswith(".gz") else first
    assert text == ("customer_id,amount,date,time,flag\nC1,0.33,2024-03-01,09:05:00,True\n"
                    "客户2,2.00,2024-03-02,23:59:59,False\n").encode("utf-8")


def test_write_table_float_format_and_roundtrip(tmp_path):
    df = pd.DataFrame({"transaction_id": ["T1"], "customer_id": ["C001"], "date": ["2024-03-01"],
                       "time": ["09:00:00"], "lane": [1], "items": [2], "amount": [12.3456]})
    path = write_table(df, tmp_path / "transactions.csv", float_format="%.3f")
    assert path.read_text(encoding="utf-8").splitlines()[1].endswith(",12.346")
    assert read_upload(path)["amount"].tolist() == [12.346]


# --- the Arrow reader and the vectorised pass change no result ----------------------
# load_case and read_upload read plain CSV text with Arrow and canonical cells with numpy
# (crm.core.parsing); pandas' C reader and the general parser, as before, read the rest. With
# both fast paths switched off every table and every error must come out the same.

@contextlib.contextmanager
def pandas_and_general_parser_only():
    """Read files with pandas' C reader and every cell with the general parser."""
    with mock.patch.object(crm_io, "_arrow_cells", lambda *args, **kwargs: None), \
            mock.patch.object(parsing, "_strings", lambda raw: None):
        yield


def result_of(read):
    try:
        return read()
    except DataError as err:
        return err.message_zh, err.message_en, err.file, err.column, err.rows


def assert_same_result(read):
    fast = result_of(read)
    with pandas_and_general_parser_only():
        slow = result_of(read)
    assert type(fast) is type(slow), (fast, slow)
    if isinstance(fast, dict):
        assert list(fast) == list(slow)
        fast, slow = list(fast.values()), list(slow.values())
    for a, b in zip(*((fast, slow) if isinstance(fast, list) else ([fast], [slow]))):
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, check_exact=True)
            for name in a.columns[a.dtypes == object]:
                assert [type(v) for v in a[name]] == [type(v) for v in b[name]], name
        else:
            assert a == b
    return fast


@pytest.fixture(scope="module")
def generated_lines():
    """The first 50,000 baskets of the committed supermarket data, as text lines."""
    with gzip.open(DATA_DIR / "supermarket" / "transactions.csv.gz", "rt", encoding="utf-8") as text:
        lines = [next(text) for _ in range(50_001)]
    assert len(lines) - 1 >= schemas._PARALLEL_ROWS  # big enough to be checked in parallel
    return lines


def write_lines(path: Path, lines: list[str], newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(line.rstrip("\r\n") + newline for line in lines).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)
    return path


def corrupt(lines: list[str], row: int, column: str, cell: str) -> list[str]:
    """``lines`` with the cell of ``column`` in data row ``row`` (spreadsheet line row + 1) replaced."""
    fields = lines[row].rstrip("\n").split(",")
    fields[lines[0].rstrip("\n").split(",").index(column)] = cell
    return lines[:row] + [",".join(fields) + "\n"] + lines[row + 1:]


def test_load_case_of_generated_data_is_what_pandas_and_the_general_parser_read(tmp_path, generated_lines):
    write_lines(tmp_path / "shop" / "transactions.csv.gz", generated_lines)
    survey = (DATA_DIR / "supermarket" / "survey.csv").read_text(encoding="utf-8").splitlines()
    write_lines(tmp_path / "shop" / "survey.csv", survey)
    tables = assert_same_result(lambda: load_case("shop", data_dir=tmp_path))
    assert [len(t) for t in tables] == [len(survey) - 1, len(generated_lines) - 1]
    write_lines(tmp_path / "shop" / "transactions.csv.gz", corrupt(generated_lines, 40_000, "date", "2014-02-30"))
    error = assert_same_result(lambda: load_case("shop", data_dir=tmp_path))
    assert error[2:] == ("transactions.csv.gz", "date", [40_001])


@pytest.mark.parametrize("column, cell", [
    ("date", "2014-02-30"), ("date", "2014/1/5"), ("date", " 2014-01-05"), ("date", ""),
    ("time", "25:00:00"), ("time", "8:03"), ("amount", "-3.00"), ("amount", "12 yuan"), ("amount", "¥12.50"),
    ("amount", "-0"), ("lane", "1.5"), ("items", ""), ("items", "3.0"), ("customer_id", " C025488\u3000"),
    ("transaction_id", "T0000001"), ("transaction_id", ""),
])
def test_one_corrupted_row_in_generated_data_gives_the_same_result(tmp_path, generated_lines, column, cell):
    row = 1_234  # spreadsheet line row + 1
    lines = corrupt(generated_lines[:3_001], row, column, cell)
    write_lines(tmp_path / "shop" / "transactions.csv.gz", lines)
    result = assert_same_result(lambda: load_case("shop", data_dir=tmp_path))
    if isinstance(result, tuple):  # a DataError naming the file, the column and the line
        assert result[2:4] == ("transactions.csv.gz", column) and row + 1 in result[4]
    text = "".join(lines[:row + 1] + ["\n"])
    assert_same_result(lambda: read_upload(text.encode("utf-8"), "till.csv"))


@pytest.mark.parametrize("newline, edit", [
    ("\r\n", lambda lines: lines), ("\n", lambda lines: lines[:3] + ["", "   "] + lines[3:]),
    ("\n", lambda lines: ["\ufeff" + lines[0]] + lines[1:]), ("\n", lambda lines: [""] + lines),
    ("\n", lambda lines: lines[:2] + ['C9,member,2020-01-01,1990-01-01,"Xuhui, north",F,40'] + lines[2:]),
    ("\n", lambda lines: lines[:2] + [" C9,member,2020-01-01,,Xuhui,F,40"] + lines[2:]),
    ("\n", lambda lines: [lines[0].replace("district", "age")] + lines[1:]),
])
def test_case_files_pandas_reads_its_own_way_load_the_same(tmp_path, newline, edit):
    lines = (DATA_DIR / "supermarket" / "customers.csv").read_text(encoding="utf-8").splitlines()[:200]
    write_lines(tmp_path / "shop" / "customers.csv", edit(lines), newline)
    assert_same_result(lambda: load_case("shop", data_dir=tmp_path))


def test_upload_extra_columns_stay_object_text():
    text = "customer_id,date,amount,note\nC1,2024-03-01,1.00,hi\nC2,2024-03-02,2.00,\n"
    df = assert_same_result(lambda: read_upload(text.encode(), "x.csv"))
    assert df["note"].dtype == np.dtype(object) and df["note"].tolist()[0] == "hi" and pd.isna(df["note"][1])
    raw = assert_same_result(lambda: read_upload(text.encode(), "x.csv", schema=None))
    assert (raw.dtypes == np.dtype(object)).all()


_TEXT_CELLS = st.sampled_from(list('ab1,;\t" \r\n') + ["é", "\x0b", "\u2028", "\ufeff", "'"])


@settings(max_examples=150, deadline=None)
@given(text=st.lists(_TEXT_CELLS, max_size=40).map("".join), name=st.sampled_from(["t.csv", "t.csv.gz"]))
def test_property_arrow_reads_case_files_as_pandas_does(tmp_path_factory, text, name):
    path = write_lines(tmp_path_factory.mktemp("case") / name, [text], newline="")
    try:
        fast = crm_io._read_case_table(path)
    except Exception as err:  # then pandas itself failed, as it did before
        fast = type(err)
    with pandas_and_general_parser_only():
        try:
            slow = crm_io._read_case_table(path)
        except Exception as err:
            slow = type(err)
    if isinstance(slow, type):
        assert fast is slow
    else:
        pd.testing.assert_frame_equal(crm_io._object_text(fast), slow, check_exact=True)


@settings(max_examples=150, deadline=None)
@given(text=st.lists(_TEXT_CELLS, max_size=40).map("".join))
@example(text=",,\x0b,\r")  # a header cell holding a vertical tab (str.splitlines broke the line there)
@example(text="a,\u2028,b\n1,2,3\n")
def test_property_arrow_reads_uploads_as_pandas_does(text):
    read = lambda: crm_io._object_text(crm_io._read_text_table(text, "t.csv"))
    try:
        assert_same_result(read)
    except pd.errors.EmptyDataError:
        with pandas_and_general_parser_only(), pytest.raises(pd.errors.EmptyDataError):
            read()


