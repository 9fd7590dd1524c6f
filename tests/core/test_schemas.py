"""Tests for crm.core.schemas: typing, constraints, messages and row numbers."""
from __future__ import annotations

import pickle
from datetime import date
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.core import parsing, schemas
from crm.cases.supermarket.schemas import CUSTOMERS, SURVEY, TRANSACTIONS
from crm.cases import SCHEMAS
from crm.core.schemas import UPLOAD_TRANSACTIONS, Column, DataError, TableSchema, normalize_header


def transactions_raw(**overrides) -> pd.DataFrame:
    """A small till table as read from CSV (all strings)."""
    data = {
        "transaction_id": ["T1", "T2", "T3", "T4"],
        "customer_id": ["C001", "C002", "C001", "C003"],
        "date": ["2024-03-01", "2024-03-01", "2024-03-02", "2024-03-05"],
        "time": ["09:05:00", "12:30:15", "18:00:59", "20:10:00"],
        "lane": ["1", "2", "1", "3"],
        "items": ["3", "12", "1", "5"],
        "amount": ["25.50", "180.00", "4.20", "66.66"],
    }
    data.update(overrides)
    return pd.DataFrame(data)


def customers_raw(**overrides) -> pd.DataFrame:
    data = {
        "customer_id": ["C001", "C002", "C003"],
        "card_type": ["member", "ordinary", "member"],
        "join_date": ["2020-05-01", "2021-01-15", "2019-11-30"],
        "birthday": ["1980-02-29", "", "1995-07-01"],
        "district": ["Xuhui", "Pudong", "Minhang"],
        "gender": ["F", "M", "F"],
        "age": ["44", "31", "29"],
    }
    data.update(overrides)
    return pd.DataFrame(data)


def error_of(schema, df, file="t.csv") -> DataError:
    with pytest.raises(DataError) as info:
        schema.validate(df, file=file)
    return info.value


# --- DataError ----------------------------------------------------------------------

def test_data_error_carries_both_languages_and_location():
    err = DataError(message_zh="金额为负数。", message_en="Amount is negative.", file="x.csv",
                    column="amount", rows=[3, 7])
    assert str(err) == "金额为负数。\nAmount is negative."
    assert (err.file, err.column, err.rows) == ("x.csv", "amount", [3, 7])
    assert isinstance(err, ValueError)


def test_data_error_survives_pickling():
    err = pickle.loads(pickle.dumps(DataError("中", "en", file="f", column="c", rows=[2])))
    assert (err.message_zh, err.message_en, err.file, err.column, err.rows) == ("中", "en", "f", "c", [2])


# --- typing -------------------------------------------------------------------------

def test_transactions_are_typed():
    out = TRANSACTIONS.validate(transactions_raw())
    assert out.dtypes.to_dict() == {
        "transaction_id": np.dtype(object), "customer_id": np.dtype(object),
        "date": np.dtype("datetime64[ns]"), "time": np.dtype("timedelta64[ns]"),
        "lane": np.dtype("int64"), "items": np.dtype("int64"), "amount": np.dtype("float64")}
    assert out.loc[0, "date"] == pd.Timestamp("2024-03-01")
    assert out.loc[1, "time"] == pd.Timedelta(hours=12, minutes=30, seconds=15)
    assert out["amount"].tolist() == [25.5, 180.0, 4.2, 66.66]
    assert out["customer_id"].tolist() == ["C001", "C002", "C001", "C003"]  # leading zeros kept


def test_validate_does_not_mutate_input_and_returns_new_frame():
    raw = transactions_raw()
    before = raw.copy(deep=True)
    out = TRANSACTIONS.validate(raw)
    pd.testing.assert_frame_equal(raw, before)
    assert out is not raw
    out.loc[0, "customer_id"] = "changed"
    pd.testing.assert_frame_equal(raw, before)


def test_validated_output_validates_to_itself():
    out = TRANSACTIONS.validate(transactions_raw())
    pd.testing.assert_frame_equal(TRANSACTIONS.validate(out), out)
    cust = CUSTOMERS.validate(customers_raw())
    pd.testing.assert_frame_equal(CUSTOMERS.validate(cust), cust)


def test_nullable_birthday_allows_empty_but_join_date_does_not():
    out = CUSTOMERS.validate(customers_raw())
    assert out["birthday"].dtype == np.dtype("datetime64[ns]")
    assert pd.isna(out.loc[1, "birthday"]) and out.loc[0, "birthday"] == pd.Timestamp("1980-02-29")
    err = error_of(CUSTOMERS, customers_raw(join_date=["2020-05-01", "", "2019-11-30"]))
    assert (err.column, err.rows) == ("join_date", [3])
    assert "为空" in err.message_zh and "empty" in err.message_en


def test_category_values_are_canonical_and_checked():
    out = CUSTOMERS.validate(customers_raw(card_type=["Member", " ordinary ", "MEMBER"]))
    assert out["card_type"].dtype == "category"
    assert list(out["card_type"].cat.categories) == ["member", "ordinary"]
    assert out["card_type"].tolist() == ["member", "ordinary", "member"]
    err = error_of(CUSTOMERS, customers_raw(card_type=["member", "gold", "vip"]))
    assert (err.column, err.rows) == ("card_type", [3, 4])
    for msg in (err.message_zh, err.message_en):
        assert "gold" in msg and "vip" in msg and "member" in msg and "ordinary" in msg


def test_survey_booleans_categories_and_ranges():
    raw = pd.DataFrame({"respondent_id": ["R1", "R2", "R3"], "customer_id": ["C1", "C2", "C3"],
                        "few_benefits": ["是", "false", "1"],
                        "complaint_theme": ["slow_checkout", "none", "messy_shelving"],
                        "satisfaction": ["1", "5", "3"]})
    out = SURVEY.validate(raw)
    assert out["few_benefits"].dtype == np.dtype(bool)
    assert out["few_benefits"].tolist() == [True, False, True]
    assert out["satisfaction"].dtype == np.dtype("int64")
    err = error_of(SURVEY, raw.assign(satisfaction=["1", "6", "0"]))
    assert (err.column, err.rows) == ("satisfaction", [3, 4])
    assert "1" in err.message_en and "5" in err.message_en and "6" in err.message_zh
    err = error_of(SURVEY, raw.assign(few_benefits=["maybe", "yes", "no"]))
    assert (err.column, err.rows) == ("few_benefits", [2])


def test_age_range_and_whole_numbers():
    err = error_of(CUSTOMERS, customers_raw(age=["44", "15", "101"]))
    assert (err.column, err.rows) == ("age", [3, 4])
    assert "16" in err.message_en and "100" in err.message_en and "16" in err.message_zh
    err = error_of(CUSTOMERS, customers_raw(age=["44", "31.5", "29"]))
    assert (err.column, err.rows) == ("age", [3]) and "whole number" in err.message_en


def test_time_must_be_a_time_of_day():
    out = TRANSACTIONS.validate(transactions_raw(time=["9:05", "12:30:15", "18:00:59", "23:59:59"]))
    assert out.loc[0, "time"] == pd.Timedelta(hours=9, minutes=5)
    err = error_of(TRANSACTIONS, transactions_raw(time=["09:05:00", "25:00:00", "noon", "10:00:00"]))
    assert (err.column, err.rows) == ("time", [3, 4])
    assert "25:00:00" in err.message_zh and "HH:MM:SS" in err.message_en


def test_several_date_spellings_are_accepted():
    out = TRANSACTIONS.validate(transactions_raw(date=["2024-03-01", "2024/3/2", "2024年3月3日", "20240304"]))
    assert out["date"].dt.day.tolist() == [1, 2, 3, 4]


# --- row numbers and messages -------------------------------------------------------

def test_row_numbers_are_spreadsheet_lines():
    err = error_of(TRANSACTIONS, transactions_raw(amount=["-1", "2", "3", "-4"]))
    assert err.rows == [2, 5]  # header is line 1, first data row line 2
    assert "2、5" in err.message_zh and "rows 2, 5" in err.message_en


def test_row_numbers_follow_an_integer_index():
    raw = transactions_raw(amount=["1", "2", "3", "-4"]).iloc[2:]  # index 2, 3 = lines 4, 5
    assert error_of(TRANSACTIONS, raw).rows == [5]
    assert error_of(TRANSACTIONS, raw.set_index("transaction_id", drop=False)).rows == [3]


def test_at_most_five_rows_are_named():
    raw = transactions_raw().sample(n=12, replace=True, random_state=0).reset_index(drop=True)
    raw["transaction_id"] = [f"T{i}" for i in range(12)]
    raw["amount"] = "-1"
    err = error_of(TRANSACTIONS, raw)
    assert err.rows == [2, 3, 4, 5, 6]
    assert "7 more" in err.message_en and "共 12" in err.message_zh


def test_messages_name_file_and_column():
    err = error_of(TRANSACTIONS, transactions_raw(amount=["1", "x", "3", "4"]), file="till.csv")
    assert err.file == "till.csv"
    assert "till.csv" in err.message_zh and "till.csv" in err.message_en
    assert "amount" in err.message_zh and "'amount'" in err.message_en and "'x'" in err.message_en


def test_duplicate_ids_name_every_repeating_row():
    err = error_of(TRANSACTIONS, transactions_raw(transaction_id=["T1", "T2", "T1", "T2"]))
    assert (err.column, err.rows) == ("transaction_id", [2, 3, 4, 5])
    assert "T1" in err.message_zh and "unique" in err.message_en


# --- headers ------------------------------------------------------------------------

def test_headers_tolerate_case_and_spaces_silently():
    raw = transactions_raw().rename(columns={"amount": "  Amount ", "customer_id": "CUSTOMER_ID"})
    out = TRANSACTIONS.validate(raw)
    assert list(out.columns) == list(TRANSACTIONS.validate(transactions_raw()).columns)


def test_misspelt_header_gets_a_suggestion():
    err = error_of(TRANSACTIONS, transactions_raw().rename(columns={"customer_id": "custmer_id"}))
    assert err.column == "customer_id"
    assert "custmer_id" in err.message_zh and "did you mean 'custmer_id'" in err.message_en.lower()


def test_two_columns_for_one_field_is_an_error():
    raw = pd.DataFrame({"客户编号": ["C1"], "日期": ["2024-01-01"], "金额": ["1"], "消费金额": ["2"]})
    err = error_of(UPLOAD_TRANSACTIONS, raw)
    assert err.column == "amount" and "金额" in err.message_en and "消费金额" in err.message_en


def test_exact_name_wins_over_alias_and_extras_are_kept():
    raw = pd.DataFrame({"customer_id": ["C1"], "会员卡号": ["K9"], "date": ["2024-01-01"],
                        "amount": ["1"], "note": ["hi"]})
    out = UPLOAD_TRANSACTIONS.validate(raw)
    assert list(out.columns) == ["customer_id", "date", "amount", "会员卡号", "note"]
    assert out.loc[0, "customer_id"] == "C1"


def test_empty_table_and_no_columns():
    err = error_of(TRANSACTIONS, transactions_raw().iloc[:0])
    assert "no data rows" in err.message_en and "没有数据行" in err.message_zh
    with pytest.raises(DataError, match="empty"):
        TRANSACTIONS.validate(pd.DataFrame())


def test_schema_aliases_do_not_collide():
    for schema in [*SCHEMAS.values(), UPLOAD_TRANSACTIONS]:
        keys = [normalize_header(k) for c in schema.columns for k in (c.name, *c.aliases)]
        assert len(keys) == len(set(keys)), schema.name
        assert all(c.description_en and c.description_zh for c in schema.columns)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.dates(), st.integers(1, 10**7)),
                min_size=1, max_size=30))
def test_property_valid_uploads_keep_every_row_and_value(rows):
    raw = pd.DataFrame({"customer_id": [f"C{c:07d}" for c, _, _ in rows],
                        "date": [d.isoformat() for _, d, _ in rows],
                        "amount": [f"{cents / 100:.2f}" for _, _, cents in rows]})
    # The parser reads 1900-2199; the upload schema's own plausible range is narrower.
    dates = UPLOAD_TRANSACTIONS.column("date")
    lo = max(date(1900, 1, 1), date.fromisoformat(dates.earliest or "1900-01-01"))
    hi = min(date(2199, 12, 31), date.fromisoformat(dates.latest or "2199-12-31"))
    if any(not (lo <= d <= hi) for _, d, _ in rows):
        with pytest.raises(DataError):
            UPLOAD_TRANSACTIONS.validate(raw)
        return
    out = UPLOAD_TRANSACTIONS.validate(raw)
    assert len(out) == len(rows)
    assert out["customer_id"].tolist() == raw["customer_id"].tolist()
    np.testing.assert_allclose(out["amount"].to_numpy(), [c / 100 for _, _, c in rows])
    assert [d.date() for d in out["date"]] == [d for _, d, _ in rows]


# --- the vectorised pass reads exactly what the general parser reads ----------------
# crm.core.parsing reads canonical cells ("2024-03-15", "09:30:00", "12.50") with numpy over
# Arrow's buffers and every other cell with the general parser; switching the vectorised
# pass off must change nothing: same values and dtypes, or the same DataError.

def general_only():
    """Read every cell with the general parser (the vectorised pass switched off)."""
    return mock.patch.object(parsing, "_strings", lambda raw: None)


def outcome(schema, raw):
    try:
        return schema.validate(raw, file="t.csv")
    except DataError as err:
        return err.message_zh, err.message_en, err.column, err.rows


def assert_identical(a, b):
    """Frames equal in dtypes and values, floats to the bit (0.0 is not -0.0), or equal errors."""
    assert type(a) is type(b), (a, b)
    if isinstance(a, tuple):
        assert a == b
        return
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    for name in a.columns:
        if a[name].dtype == np.dtype("float64"):
            x, y = a[name].to_numpy(), b[name].to_numpy()
            assert np.array_equal(np.signbit(x[~np.isnan(x)]), np.signbit(y[~np.isnan(y)]))
        if a[name].dtype == object:
            assert [type(v) for v in a[name]] == [type(v) for v in b[name]]


def assert_both_passes_agree(schema, cells, arrow):
    # Cells as pandas' C reader gives them (object) or as the Arrow reader does (str).
    raw = pd.DataFrame({"v": pd.Series(cells, dtype="str" if arrow else object)})
    fast = outcome(schema, raw)
    with general_only():
        assert_identical(fast, outcome(schema, raw))


SPACE = st.sampled_from(["", "", "", " ", "\t", "\u3000", "\xa0", "\x1c", "\x85", "\u2028", "\n", "\u200b"])
DIGITS = st.integers(0, 99)
DATE_CELLS = st.one_of(
    st.dates(date(1890, 1, 1), date(2210, 12, 31)).map(str),
    st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
    st.sampled_from(["2024/3/2", "20240304", "2024年3月3日", "2024-3-1", "2024-03-01 10:00:00", "31/02/2024",
                     "2024-03-01T08:00:00", "١٢٣٤-٠٣-٠١", "2024-O3-01", "soon", "", "2024-02-29", "2023-02-29"]))
TIME_CELLS = st.one_of(
    st.builds("{:02d}:{:02d}:{:02d}".format, st.integers(0, 25), st.integers(0, 61), st.integers(0, 61)),
    st.sampled_from(["9:05", "09:05", "09:05:00.5", "2024-03-01 09:05:00", "noon", "", "٠٩:٠٥:٠٠", "9:5:7"]))
NUMBER_CELLS = st.one_of(
    st.integers(0, 10**17).map(str), st.floats(0, 1e6).map("{:.2f}".format),
    st.from_regex(r"\A[0-9]{1,17}(\.[0-9]{1,6})?\Z"),
    st.sampled_from(["-1", "-0", "-0.0", "+5", "1e3", "1.2.3", "1.", ".5", "007", "0.0", "3.0", "¥12.50", "12 yuan",
                     "inf", "nan", "1,000", "", "３", "99999999999999999999", "0.1000000000000000055511"]))
TEXT_CELLS = st.text(st.sampled_from(["a", "1", "客", " ", "\t", "\u3000", "\xa0", "\x1c", "\x85", "\u2028",
                                      "\u200b", "\x00", "é"]), max_size=5)
CATEGORY_CELLS = st.sampled_from(["member", "ordinary", "Member", " ordinary", "MEMBER ", "gold", "", "member\u3000"])


def cells_of(strategy):
    spaced = st.tuples(SPACE, strategy, SPACE).map("".join)
    return st.lists(st.one_of(strategy, strategy, spaced, st.none()), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)  # the general parser tries eleven formats: slow
@given(cells_of(DATE_CELLS), st.booleans(), st.booleans())
def test_property_dates_read_the_same_by_both_passes(cells, nullable, arrow):
    assert_both_passes_agree(TableSchema("t", (Column("v", "date", nullable=nullable),)), cells, arrow)


@settings(max_examples=60, deadline=None)
@given(cells_of(TIME_CELLS), st.booleans(), st.booleans())
def test_property_times_read_the_same_by_both_passes(cells, nullable, arrow):
    assert_both_passes_agree(TableSchema("t", (Column("v", "time", nullable=nullable),)), cells, arrow)


@settings(max_examples=150, deadline=None)
@given(cells_of(NUMBER_CELLS), st.sampled_from(["int", "float"]), st.booleans(), st.booleans(), st.booleans())
def test_property_numbers_read_the_same_by_both_passes(cells, kind, nullable, ranged, arrow):
    limits = {"min": 1, "max": 10**6} if ranged else {}
    assert_both_passes_agree(TableSchema("t", (Column("v", kind, nullable=nullable, **limits),)), cells, arrow)


@settings(max_examples=100, deadline=None)
@given(cells_of(TEXT_CELLS), st.booleans(), st.booleans(), st.booleans())
def test_property_text_reads_the_same_by_both_passes(cells, nullable, unique, arrow):
    schema = TableSchema("t", (Column("v", "str", nullable=nullable, unique=unique),))
    assert_both_passes_agree(schema, cells, arrow)


@settings(max_examples=60, deadline=None)
@given(cells_of(CATEGORY_CELLS), st.booleans(), st.booleans())
def test_property_categories_read_the_same_by_both_passes(cells, nullable, arrow):
    schema = TableSchema("t", (Column("v", "category", nullable=nullable, allowed=("member", "ordinary")),))
    assert_both_passes_agree(schema, cells, arrow)


def test_canonical_cells_take_the_vectorised_pass():
    raw = transactions_raw(amount=["25.50", "180.00", "4.20", "-0"])  # "-0" sends amount to the general parser
    with mock.patch.object(parsing, "_parse_general", side_effect=parsing._parse_general) as general:
        TRANSACTIONS.validate(raw)
    assert [call.args[0].name for call in general.call_args_list] == ["amount"]


def test_spaces_are_exactly_what_strip_removes():
    every = {c for c in map(chr, range(0x110000)) if c.isspace()}
    assert set(parsing.SPACES) == every
    assert all(c.strip() == "" for c in every)


def test_large_tables_are_checked_in_parallel_with_the_same_first_error():
    n = schemas._PARALLEL_ROWS
    raw = pd.DataFrame({"transaction_id": [f"T{i:06d}" for i in range(n)], "customer_id": "C1",
                        "date": "2024-03-01", "time": "09:00:00", "lane": "1", "items": "2", "amount": "3.50"})
    raw.loc[[70, 45_000], "amount"] = ["-1", "x"]
    raw.loc[40_000, "date"] = "2024-02-30"
    raw.loc[[5, 9], "time"] = "25:00:00"
    serial = mock.patch.object(schemas, "_PARALLEL_ROWS", 10**9)
    for fix in (None, "time", "date", "amount"):
        if fix:
            raw[fix] = transactions_raw()[fix][0]
        expected = outcome(TRANSACTIONS, raw)
        with serial:
            assert_identical(outcome(TRANSACTIONS, raw), expected)
        with general_only():
            assert_identical(outcome(TRANSACTIONS, raw), expected)
    assert isinstance(expected, pd.DataFrame) and len(expected) == n
