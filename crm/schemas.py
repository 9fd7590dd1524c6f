"""Table schemas: the columns, types and ranges of every table, and ``DataError``.

Every table a case loads or a user uploads passes through :meth:`TableSchema.validate`,
which returns a new, typed DataFrame or raises one :class:`DataError` whose message, in
Chinese and English, names the file, the column and the first bad rows (as line numbers
a spreadsheet user sees: the header is line 1, the first data row is line 2). How a cell's
text becomes a typed value is :mod:`crm.parsing`; this module says what the values must be.
"""
from __future__ import annotations

import difflib
import re
from datetime import date as _date
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Callable, Literal

import numpy as np
import pandas as pd

# DATE_FORMATS and TIME_FORMATS live with the parser and stay importable from here.
from crm.parsing import DATE_FORMATS, TIME_FORMATS  # noqa: F401
from crm.parsing import UNPARSEABLE, cell_text, parse_column, typed_column

Kind = Literal["str", "int", "float", "date", "time", "bool", "category"]
MAX_ROWS_REPORTED = 5
#: No number in a CRM table is this large: beyond it is an overflow, an id in the wrong column or 1e308.
MAX_MAGNITUDE = 1e12
_PARALLEL_ROWS = 50_000  # from this many rows on, checking columns in two threads pays (measured)


class DataError(ValueError):
    """A table that cannot be used, explained in Chinese and English.

    Parameters
    ----------
    message_zh, message_en : str
        The same explanation in Chinese and in English.
    file, column : str, optional
        The file the table came from; the schema name of the column at fault.
    rows : list of int, optional
        The first bad rows as spreadsheet line numbers (header = 1, first data row = 2).

    Examples
    --------
    >>> err = DataError("金额为负数。", "Amount is negative.", column="amount", rows=[3])
    >>> str(err)
    '金额为负数。\\nAmount is negative.'
    """

    def __init__(self, message_zh: str, message_en: str, file: str | None = None,
                 column: str | None = None, rows: list[int] | None = None) -> None:
        self.message_zh, self.message_en = message_zh, message_en
        self.file, self.column = file, column
        self.rows = [int(r) for r in (rows or [])]
        super().__init__(f"{message_zh}\n{message_en}")

    def __reduce__(self):  # keep the error picklable (e.g. across worker processes)
        return (type(self), (self.message_zh, self.message_en, self.file, self.column, self.rows))


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, kind, constraints and accepted header aliases."""

    name: str
    kind: Kind = "str"
    required: bool = True
    nullable: bool = False
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] | None = None
    unique: bool = False
    aliases: tuple[str, ...] = ()
    label_zh: str = ""
    description_en: str = ""
    description_zh: str = ""
    earliest: str | None = None  # a date column's first and last plausible day (YYYY-MM-DD)
    latest: str | None = None


def normalize_header(header: object) -> str:
    """Header key that ignores case, surrounding spaces, a BOM and inner space/hyphen runs."""
    text = str(header).replace("\ufeff", "").strip().casefold()
    return re.sub(r"[\s\-]+", "_", text)


def _quote(values: list, lang: str) -> str:
    shown = [str(v) if len(str(v)) <= 30 else str(v)[:27] + "..." for v in values]
    return "、".join(f"“{v}”" for v in shown) if lang == "zh" else ", ".join(f"'{v}'" for v in shown)


def _where(file: str | None, header: str, name: str) -> tuple[str, str]:
    zh = f"“{header}”列" + (f"（{name}）" if header != name else "")
    en = f"column '{header}'" + (f" ({name})" if header != name else "")
    if file:
        return f"文件 {file} 的{zh}", f"File {file}, {en}"
    return zh, en[0].upper() + en[1:]


def _row_error(file, header, name, lines, bad, problem_zh, problem_en, values=None):
    """Build the DataError for the rows flagged in ``bad`` (a boolean array)."""
    idx = np.flatnonzero(np.asarray(bad, dtype=bool))
    rows = [int(lines[i]) for i in idx[:MAX_ROWS_REPORTED]]
    more = len(idx) - len(rows)
    rows_zh = "、".join(map(str, rows)) + (f" 等共 {len(idx)} " if more else " ")
    rows_en = ("row " if len(idx) == 1 else "rows ") + ", ".join(map(str, rows))
    rows_en += f" and {more} more" if more else ""
    one = len(idx) == 1  # English agreement: "row 3 is not a date" / "rows 3, 7 are not dates"
    grammar = {"be": "is" if one else "are", "a": "a " if one else "", "s": "" if one else "s"}
    shown = [values[i] for i in idx[:MAX_ROWS_REPORTED]] if values is not None else []
    problem_zh = problem_zh.format(values=_quote(shown, "zh"))
    problem_en = problem_en.format(values=_quote(shown, "en"), **grammar)
    where_zh, where_en = _where(file, header, name)
    return DataError(f"{where_zh}第 {rows_zh}行{problem_zh}。",
                     f"{where_en}: {rows_en} {problem_en}.", file=file, column=name, rows=rows)


def _repeats(values: pd.Series, present: np.ndarray) -> np.ndarray:
    """Rows whose value occurs more than once (``present``: the rows whose value is not missing)."""
    kept = values.to_numpy(dtype=object)[present]
    try:
        if (kept[1:] > kept[:-1]).all():  # ids are often sorted: strictly rising values never repeat
            return np.zeros(len(values), dtype=bool)
    except TypeError:  # values that do not compare
        pass
    return (values.notna() & values.astype(object).duplicated(keep=False)).to_numpy()


@dataclass(frozen=True)
class TableSchema:
    """The columns of one table and how to check and type a DataFrame against them.

    Examples
    --------
    >>> raw = pd.DataFrame({"Customer_ID ": ["c1"], "date": ["2024-03-15"], "amount": ["12.5"]})
    >>> UPLOAD_TRANSACTIONS.validate(raw).dtypes["date"]
    dtype('<M8[ns]')
    """

    name: str
    columns: tuple[Column, ...]
    description_en: str = ""
    description_zh: str = ""

    def column(self, name: str) -> Column:
        """The column called ``name`` (KeyError if there is none)."""
        return {c.name: c for c in self.columns}[name]

    def _match_headers(self, headers: list, file: str | None) -> dict[str, int]:
        """Map each schema column present in ``headers`` to its position."""
        keys = {}
        for col in self.columns:
            for i, key in enumerate((col.name, *col.aliases)):
                keys.setdefault(normalize_header(key), (col.name, i == 0))
        hits: dict[str, list[tuple[bool, int]]] = {}
        for pos, header in enumerate(headers):
            if (hit := keys.get(normalize_header(header))) is not None:
                hits.setdefault(hit[0], []).append((hit[1], pos))
        found = {}
        for name, cands in hits.items():
            exact = [pos for is_name, pos in cands if is_name]
            if len(cands) == 1 or len(exact) == 1:
                found[name] = exact[0] if exact else cands[0][1]
                continue
            shown = [headers[pos] for _, pos in cands]
            where = f"文件 {file} " if file else ""
            raise DataError(
                f"{where}有多列都可以当作“{name}”：{_quote(shown, 'zh')}。请只保留其中一列，或把其余列改名。",
                f"{'File ' + file + ': s' if file else 'S'}everal columns could be '{name}': "
                f"{_quote(shown, 'en')}. Keep one of them or rename the others.", file=file, column=name)
        return found

    def _missing_error(self, missing: list[Column], headers: list, found: dict, file) -> DataError:
        taken = set(found.values())
        spare = [h for pos, h in enumerate(headers) if pos not in taken]
        zh_tips, en_tips = [], []
        for col in missing:
            best = max(((difflib.SequenceMatcher(None, normalize_header(k), normalize_header(h)).ratio(), h)
                        for k in (col.name, *col.aliases) for h in spare), default=(0.0, None))
            if best[0] >= 0.6:
                zh_tips.append(f"是否指“{best[1]}”？请把它改名为“{col.name}”。")
                en_tips.append(f"Did you mean '{best[1]}'? Rename it to '{col.name}'.")
        names = [c.name for c in missing]
        seen = [str(h) for h in headers[:12]] + (["..."] if len(headers) > 12 else [])
        where_zh, where_en = (f"文件 {file} ", f"File {file}: ") if file else ("", "")
        en_lead = f"{where_en}missing required column{'s' if len(names) > 1 else ''} {_quote(names, 'en')}."
        return DataError(
            f"{where_zh}缺少必需的列{_quote(names, 'zh')}。" + "".join(zh_tips)
            + f"文件中的列：{'、'.join(seen) or '（无）'}。",
            (en_lead[0].upper() + en_lead[1:] if not file else en_lead) + " " + " ".join(en_tips)
            + f" Columns found: {', '.join(seen) or '(none)'}.",
            file=file, column=names[0])

    def validate(self, df: pd.DataFrame, file: str | None = None,
                 progress: Callable[[float], None] | None = None) -> pd.DataFrame:
        """Check ``df`` against this schema and return a new, typed DataFrame.

        Headers match a column's name or alias ignoring case and surrounding spaces.
        Schema columns come first (in schema order, renamed to their schema names),
        then any extra columns unchanged. Row numbers in errors are ``index + 2`` when
        ``df`` has an integer index (as read from a file), else ``position + 2``.

        Parameters
        ----------
        df : DataFrame
            The table as read; it is not modified.
        file : str, optional
            File name used in error messages.
        progress : callable, optional
            Called with the share of the schema's columns checked so far (0 to 1), column by column.

        Returns
        -------
        DataFrame
            Dates as ``datetime64[ns]``, times as ``timedelta64[ns]`` since midnight,
            ints as ``int64`` (``Int64`` if nullable with gaps), strs as ``object``,
            bools as ``bool``, categories as ``category``; a fresh RangeIndex.

        Raises
        ------
        DataError
            For the first problem found: no columns or rows, a missing or ambiguous
            column, empty cells, unparseable values, values out of range, duplicates.
        """
        where_zh, where_en = (f"文件 {file} ", f"File {file} ") if file else ("表格", "The table ")
        if df.shape[1] == 0:
            raise DataError(f"{where_zh}是空的：没有表头，也没有数据。请确认选对了文件。",
                            f"{where_en}is empty: no header and no data. Check that this is the right file.",
                            file=file)
        headers = list(df.columns)
        found = self._match_headers(headers, file)
        missing = [c for c in self.columns if c.required and c.name not in found]
        if missing:
            raise self._missing_error(missing, headers, found, file)
        if len(df) == 0:
            raise DataError(f"{where_zh}没有数据行（只有表头）。请在表头下面填入数据，或确认选对了文件。",
                            f"{where_en}has no data rows (only a header). Add the data below the header, or check "
                            "that this is the right file.", file=file)
        index = df.index
        lines = (index.to_numpy() + 2 if pd.api.types.is_integer_dtype(index)
                 else np.arange(len(df)) + 2)
        checks = [(col, df.iloc[:, found[col.name]].reset_index(drop=True), str(headers[found[col.name]]),
                   lines, file) for col in self.columns if col.name in found]
        done = (lambda n: progress(n / len(checks))) if progress is not None and checks else (lambda n: None)
        if len(df) < _PARALLEL_ROWS:
            out = {}
            for check in checks:
                out[check[0].name] = self._check_column(*check)
                done(len(out))
        else:  # numpy and Arrow release the GIL: check two columns at a time
            with ThreadPoolExecutor(max_workers=2) as pool:
                futures = {check[0].name: pool.submit(self._check_column, *check) for check in checks}
                try:  # results in schema order, so the first bad column's error is the one raised
                    out = {}
                    for name, future in futures.items():
                        out[name] = future.result()
                        done(len(out))
                finally:
                    for future in futures.values():
                        future.cancel()  # after an error, skip the columns not yet started
        taken = set(found.values())
        for pos, header in enumerate(headers):
            if pos not in taken:
                out.setdefault(header, df.iloc[:, pos].reset_index(drop=True).copy())
        return pd.DataFrame(out, copy=False)  # the columns are new already: no need to copy them into blocks

    @staticmethod
    def _check_column(col: Column, raw: pd.Series, header: str, lines, file) -> pd.Series:
        values, missing, bad = parse_column(col, raw)
        err = lambda mask, zh, en, vals=None: _row_error(file, header, col.name, lines, mask, zh, en, vals)
        label = col.label_zh or f"“{col.name}”"
        if missing.any() and not col.nullable:
            raise err(missing, "为空：每行都必须填写", "{be} empty; every row needs a value")
        shown = lambda: cell_text(raw).tolist()  # the cells as written, only for a message
        if bad.any():
            zh, en = UNPARSEABLE[col.kind]
            allowed = col.allowed or ()
            raise err(bad, zh.replace("<allowed>", "、".join(allowed)),
                      en.replace("<allowed>", ", ".join(allowed)), shown())
        if col.kind in ("int", "float"):
            arr = values.to_numpy(dtype="float64")
            with np.errstate(invalid="ignore"):
                huge = ~missing & (np.abs(arr) > MAX_MAGNITUDE)
            if huge.any():
                raise err(huge, f"数值大得不合理（值为{{values}}）：超过 {MAX_MAGNITUDE:g}。请检查这一列是否放错了数据"
                                "（例如编号、电话号码）或单元格是否有误",
                          f"{{be}} implausibly large ({{values}}): beyond {MAX_MAGNITUDE:g}. Check that this column "
                          "holds the right data (not ids or phone numbers) and that the cells are not in error",
                          shown())
        if col.kind == "date" and (col.earliest or col.latest):
            lo = pd.Timestamp(col.earliest or "1677-09-22")
            hi = pd.Timestamp(col.latest or "2262-04-11") + pd.Timedelta(days=1)
            stamps = pd.Series(values, copy=False)
            outside = ~missing & ((stamps < lo) | (stamps >= hi)).to_numpy(dtype=bool)
            if outside.any():
                span_zh = f"{col.earliest or '…'} 到 {col.latest or '…'}"
                span_en = f"between {col.earliest or '...'} and {col.latest or '...'}"
                raise err(outside, f"日期不合理（值为{{values}}）：应在 {span_zh} 之间。请检查年份是否写错"
                                   "（例如 2099 年、两位数年份），或这一列是否真是交易日期",
                          f"{{be}} out of the plausible range ({{values}}); dates must be {span_en}. Check the year "
                          "(e.g. 2099, or a two-digit year) and that this column really is the date of purchase",
                          shown())
        if col.kind in ("int", "float") and (col.min is not None or col.max is not None):
            lo, hi = (-np.inf if col.min is None else col.min), (np.inf if col.max is None else col.max)
            with np.errstate(invalid="ignore"):
                out_of_range = ~missing & ((arr < lo) | (arr > hi))
            if out_of_range.any():
                lo_s, hi_s = f"{lo:g}", f"{hi:g}"
                if col.min is not None and col.max is not None:
                    rule_zh, rule_en = f"在 {lo_s} 到 {hi_s} 之间", f"between {lo_s} and {hi_s}"
                else:
                    rule_zh = rule_en = f" ≥ {lo_s}" if col.max is None else f" ≤ {hi_s}"
                negative = lo == 0 and col.max is None
                what_zh, what_en = ("为负数", "negative") if negative else ("超出范围", "out of range")
                raise err(out_of_range, f"{what_zh}（值为{{values}}）：{label}必须{rule_zh}",
                          f"{{be}} {what_en} ({{values}}); '{col.name}' must be {rule_en.strip()}", shown())
        if col.unique and (dup := _repeats(values, ~missing)).any():
            raise err(dup, "重复（值为{values}）：每个值必须唯一",
                      "repeat the same values ({values}); each value must be unique", shown())
        return typed_column(col, values, missing)


# --- shared columns ----------------------------------------------------------------
CUSTOMER_ID = Column("customer_id", "str", aliases=(
    "客户编号", "顾客编号", "会员卡号", "会员编号", "客户ID", "顾客ID", "卡号", "客户号",
    "customer", "cust_id", "client_id", "member_id", "card_no", "card_number"),
    label_zh="客户编号", description_en="Customer (card) identifier.", description_zh="客户（卡）编号。")
TRANSACTION_ID = Column("transaction_id", "str", unique=True, aliases=(
    "交易编号", "流水号", "小票号", "交易号", "订单号", "单号", "transaction", "txn_id",
    "order_id", "receipt_id", "receipt_no"), label_zh="交易编号",
    description_en="Till receipt identifier, one per basket.", description_zh="收银小票编号，每个购物篮一个。")
DATE = Column("date", "date", aliases=(
    "日期", "交易日期", "消费日期", "购买日期", "transaction_date", "purchase_date", "order_date"),
    label_zh="日期", description_en="Day of purchase (YYYY-MM-DD).", description_zh="购买日期（YYYY-MM-DD）。")
TIME = Column("time", "time", aliases=("时间", "交易时间", "消费时间", "transaction_time"),
              label_zh="时间", description_en="Time at the till (HH:MM:SS).", description_zh="结账时间（HH:MM:SS）。")
LANE = Column("lane", "int", min=1, aliases=("收银台", "收银通道", "通道", "收银台号", "checkout", "till"),
              label_zh="收银台", description_en="Checkout lane number.", description_zh="收银通道号。")
ITEMS = Column("items", "int", min=1, aliases=("件数", "商品件数", "数量", "商品数量", "quantity", "qty",
                                               "item_count", "n_items"),
               label_zh="件数", description_en="Number of items in the basket.", description_zh="购物篮中的商品件数。")
AMOUNT = Column("amount", "float", min=0, aliases=(
    "金额", "消费金额", "交易金额", "实付金额", "销售额", "总金额", "amt", "sales", "spend", "total", "monetary"),
    label_zh="金额", description_en="Basket value in yuan.", description_zh="购物篮金额（元）。")

TRANSACTIONS = TableSchema("transactions", (TRANSACTION_ID, CUSTOMER_ID, DATE, TIME, LANE, ITEMS, AMOUNT),
                           "Supermarket till: one row per basket.", "超市收银记录：每个购物篮一行。")
CUSTOMERS = TableSchema("customers", (
    replace(CUSTOMER_ID, unique=True),
    Column("card_type", "category", allowed=("member", "ordinary"), aliases=("卡类型", "会员类型", "card"),
           label_zh="卡类型", description_en="Member card or ordinary card.", description_zh="会员卡或普通卡。"),
    Column("join_date", "date", aliases=("入会日期", "办卡日期"), label_zh="入会日期",
           description_en="Day the card was issued.", description_zh="办卡日期。"),
    Column("birthday", "date", nullable=True, aliases=("生日", "出生日期"), label_zh="生日",
           description_en="Birthday (members only; empty for ordinary cards).",
           description_zh="生日（仅会员有；普通卡为空）。"),
    Column("district", "str", aliases=("区域", "所在区", "城区"), label_zh="区域",
           description_en="Home district.", description_zh="居住城区。"),
    Column("gender", "category", allowed=("F", "M"), aliases=("性别", "sex"), label_zh="性别",
           description_en="F or M.", description_zh="F（女）或 M（男）。"),
    Column("age", "int", min=16, max=100, aliases=("年龄",), label_zh="年龄",
           description_en="Age in years (16 to 100).", description_zh="年龄（16 至 100 岁）。"),
), "Card holders, one row per customer.", "持卡客户，每位客户一行。")
COMPLAINT_THEMES = ("messy_shelving", "confusing_price_tags", "oppressive_atmosphere", "slow_checkout",
                    "staff_attitude", "empty_specials_shelf", "none")
SURVEY = TableSchema("survey", (
    Column("respondent_id", "str", unique=True, aliases=("问卷编号", "受访者编号"), label_zh="问卷编号",
           description_en="Survey response identifier.", description_zh="问卷编号。"),
    CUSTOMER_ID,
    Column("few_benefits", "bool", aliases=("优惠少", "福利少"), label_zh="优惠少",
           description_en="Says the card gives few benefits.", description_zh="认为会员卡优惠少。"),
    Column("complaint_theme", "category", allowed=COMPLAINT_THEMES, aliases=("投诉主题", "抱怨主题"),
           label_zh="投诉主题", description_en="Main complaint.", description_zh="主要抱怨。"),
    Column("satisfaction", "int", min=1, max=5, aliases=("满意度",), label_zh="满意度",
           description_en="Satisfaction, 1 (low) to 5 (high).", description_zh="满意度，1（低）到 5（高）。"),
), "Customer survey, one row per respondent.", "顾客问卷，每位受访者一行。")

# What a student brings to the ABC view: customer, date and amount; the rest optional.
UPLOAD_TRANSACTIONS = TableSchema("upload_transactions", (
    replace(TRANSACTION_ID, required=False), CUSTOMER_ID,
    # A purchase before 1990 or after next year is a typo (2099) or another column: refused, naming the rows.
    replace(DATE, earliest="1990-01-01", latest=f"{_date.today().year + 1}-12-31"), replace(TIME, required=False),
    replace(ITEMS, required=False), replace(LANE, required=False), AMOUNT,
), "A transactions file a user uploads; extra columns are kept.", "用户上传的交易文件；多余的列会保留。")

# Keyed by table name; a case whose table differs may add "<case>/<table>" (load_case tries it first).
SCHEMAS: dict[str, TableSchema] = {s.name: s for s in (TRANSACTIONS, CUSTOMERS, SURVEY)}

# --- fuel-station case (crm/datasets/fuel.py) ------------------------------------------
def _fuel(name: str, kind: Kind, zh: str, en: str, **kw) -> Column:
    return Column(name, kind, label_zh=zh.split("。")[0].split("（")[0], description_zh=zh, description_en=en, **kw)


_FUEL_STEPS = ("verify", "review", "rectify", "callback", "archive")
_FUEL_LEVELS = ("station", "district", "company")
_FUEL_MODELS = ("sedan", "suv", "mpv", "van", "light_truck", "heavy_truck", "bus")
_FUEL_STATION = _fuel("station_id", "str", "加油站编号。", "Station identifier.")
_FUEL_CUSTOMER = _fuel("customer_id", "str", "客户编号（一辆车一个）。", "Customer identifier (one per vehicle).")
_FUEL_DISTRICT = _fuel("district", "str", "片区。", "District (片区) of the network.")
SCHEMAS.update({s.name: s for s in (
    TableSchema("fuel/stations", (replace(_FUEL_STATION, unique=True), _FUEL_DISTRICT),
                "Fuel stations, one row each.", "加油站，每站一行。"),
    TableSchema("fuel/staff", (
        _fuel("employee_id", "str", "员工编号。", "Employee identifier.", unique=True),
        replace(_FUEL_STATION, nullable=True, description_zh="所在加油站（公司、片区人员为空）。",
                description_en="Station (empty for company and district staff)."),
        replace(_FUEL_DISTRICT, nullable=True, description_zh="所在片区（公司人员为空）。",
                description_en="District (empty for company staff)."),
        _fuel("role", "category", "岗位：公司客户专职管理员、片区客户经理、站长、加油员。",
              "company_admin, district_manager, station_manager or attendant.",
              allowed=("company_admin", "district_manager", "station_manager", "attendant")),
    ), "Staff, one row per employee.", "员工，每人一行。"),
    TableSchema("fuel/customers", (
        replace(_FUEL_CUSTOMER, unique=True),
        _fuel("kind", "category", "客户类型：单位客户或个人客户。", "unit (fleet card) or individual.",
              allowed=("unit", "individual")),
        _fuel("plate", "str", "车牌号（第一次加油时记住）。", "Licence plate (remembered at the first visit)."),
        _fuel("vehicle_model", "category", "车型。", "Vehicle model.", allowed=_FUEL_MODELS),
        replace(_FUEL_STATION, description_zh="常去的加油站（维护站）。", description_en="Home station (who maintains him)."),
        _FUEL_DISTRICT,
        _fuel("employer", "str", "单位（初级档案起记录；单位客户为其单位）。",
              "Employer (recorded from the basic file on; a unit customer's own unit).", nullable=True),
        _fuel("first_visit", "date", "第一次加油日期。", "Day of the first visit."),
        _fuel("second_visit", "date", "第二次加油日期（期内新客户；否则为空）。",
              "Day of the second visit (new customers of the year; else empty).", nullable=True),
        _fuel("third_visit", "date", "第三次加油日期（期内新客户；否则为空）。",
              "Day of the third visit (new customers of the year; else empty).", nullable=True),
        _fuel("file_stage", "category", "档案阶段：plate 只记车牌车型，basic 初级档案，complete 完整档案。",
              "plate (plate and model only), basic (name and employer) or complete (contact details too).",
              allowed=("plate", "basic", "complete")),
        _fuel("card_holder", "bool", "是否持加油 IC 卡。", "Holds a fuel IC card."),
        _fuel("acquired_by", "str", "开发该客户的员工（谁开发，谁维护；无档案为空）。",
              "Employee who acquired him (who acquires, maintains; empty without a file).", nullable=True),
    ), "Every identified vehicle, one row each.", "识别出的每辆车，每辆一行。"),
    TableSchema("fuel/refuels", (
        _fuel("date", "date", "加油日期。", "Day of the refuel."),
        _FUEL_CUSTOMER, _FUEL_STATION,
        _fuel("litres", "float", "加油量（升）。", "Litres.", min=0),
        _fuel("grade", "category", "油品：E92、E95、E98 乙醇汽油或柴油。", "E92, E95, E98 ethanol petrol or diesel.",
              allowed=("E92", "E95", "E98", "diesel")),
        _fuel("payment", "category", "付款方式：加油卡或现金。", "card (fuel IC card) or cash.", allowed=("card", "cash")),
    ), "Refuelling events, one row each.", "加油记录，每次一行。"),
    TableSchema("fuel/complaints", (
        _fuel("complaint_id", "str", "投诉编号。", "Complaint identifier."),
        _fuel("step", "category", "环节：核实、审查、整改、回访、归档。", "verify, review, rectify, callback or archive.",
              allowed=_FUEL_STEPS),
        _fuel("level", "category", "处理层级：加油站、片区、公司。", "station, district or company.", allowed=_FUEL_LEVELS),
        _fuel("owner", "str", "该环节负责人（员工编号）。", "Employee who owns the step."),
        _fuel("timestamp", "date", "该环节开始时间。", "When the step happened."),
        _FUEL_CUSTOMER, _FUEL_STATION,
        _fuel("topic", "category", "投诉内容。", "What the customer complained about.",
              allowed=("quantity", "service", "card", "quality", "invoice", "queue")),
        _fuel("root_cause", "str", "核实后的根本原因。", "Root cause found by verification."),
    ), "Complaint event log, one row per step event.", "投诉事件日志，每个环节一行。"),
    TableSchema("fuel/callbacks", (
        _fuel("callback_id", "str", "回访编号。", "Call identifier.", unique=True),
        _fuel("date", "date", "回访日期。", "Day of the call."),
        _FUEL_CUSTOMER,
        _fuel("employee_id", "str", "回访员工。", "Employee who called."),
        _fuel("occasion", "category", "回访时机：油价调整、天气变化、节日、异常。",
              "price_change, weather, holiday or anomaly.", allowed=("price_change", "weather", "holiday", "anomaly")),
        _fuel("reached", "bool", "是否联系上客户。", "The call reached the customer."),
        _fuel("cause", "str", "异常回访查明的原因（其他为空）。", "Cause recorded on an anomaly call (else empty).",
              nullable=True),
    ), "Callbacks, one row per call.", "回访记录，每次一行。"),
    TableSchema("fuel/occasions", (
        _fuel("date", "date", "日期。", "Day."),
        _fuel("occasion", "category", "必访时机：油价调整、天气变化、重要节日。", "price_change, weather or holiday.",
              allowed=("price_change", "weather", "holiday")),
        _fuel("name", "str", "节日名称。", "Holiday name.", nullable=True),
    ), "Must-call occasions of the year.", "一年中的必访时机。"),
    TableSchema("fuel/churn_truth", (
        replace(_FUEL_CUSTOMER, unique=True),
        _fuel("on_file_at_start", "bool", "2013-07-01 前已是老客户。", "Already a customer before 2013-07-01."),
        _fuel("left", "bool", "期内真正流失（生成器已知的真实情况）。", "Really left during the year (known to the generator)."),
        _fuel("last_visit", "date", "流失客户的最后一次加油日期。", "A leaver's last refuel.", nullable=True),
        _fuel("reason", "str", "流失原因。", "Why he left.", nullable=True),
    ), "Ground truth of churn, one row per customer.", "流失的真实情况，每位客户一行。"),
    TableSchema("fuel/reported_results", (
        _fuel("metric", "str", "指标。", "Reported indicator.", unique=True),
        _fuel("change", "float", "同比变化。", "Year-on-year change."),
        _fuel("unit", "category", "pct 为百分比增长，points 为百分点。", "pct (per cent growth) or points.",
              allowed=("pct", "points")),
    ), "The results the source reports to June 2014.", "来源报告的截至 2014 年 6 月的成效。"),
)})


# --- car-care case (车佰汇, crm/datasets/carcare.py) -----------------------------------
def _cc(name: str, kind: Kind, zh: str, en: str, **kw: object) -> Column:
    return Column(name, kind, label_zh=zh.split("（")[0].rstrip("。"), description_zh=zh, description_en=en, **kw)


_CC_CUSTOMER = _cc("customer_id", "str", "客户编号（一位客户一辆车）。", "Customer identifier (one car per customer).")
_CC_CHANNEL = _cc("channel", "str", "获客渠道：tv 电视、radio 电台、magazine 汽车杂志、newspaper 地方报纸、"
                  "billboard 路牌、car_show 车展（汽贸公司、4S 店）。",
                  "Acquisition channel: tv, radio, magazine (car magazines), newspaper (local papers), "
                  "billboard, car_show (shows with dealers and 4S stores).")
SCHEMAS.update({s.name: s for s in (
    TableSchema("carcare/customers", (
        replace(_CC_CUSTOMER, unique=True), _CC_CHANNEL,
        _cc("acquired", "date", "成为客户的日期。", "Day the customer was won."),
        _cc("car_class", "str", "车型档次：economy 经济型、midsize 中级、luxury 豪华。",
            "Car class: economy, midsize or luxury."),
    ), "Customers on file, one row per customer (and car).", "客户档案，每位客户（一辆车）一行。"),
    TableSchema("carcare/visits", (
        _cc("visit_id", "str", "服务单号。", "Service visit identifier.", unique=True),
        _cc("date", "date", "服务日期。", "Day of the visit."),
        _CC_CUSTOMER,
        _cc("service", "str", "服务项目：wash_wax 洗车打蜡、interior_clean 内饰清洗、polish_seal 抛光封釉、coating 镀膜、"
            "window_film 贴膜、accessories 装饰用品加装。",
            "Service: wash_wax, interior_clean, polish_seal, coating, window_film, accessories."),
        _cc("price", "float", "收费（元）。", "Price paid (yuan).", min=0),
        _cc("employee_id", "str", "施工技师编号。", "Technician who did the work."),
        _cc("rating", "int", "客户对本次服务的评分（1–10）。", "Customer's rating of the visit (1–10).", min=1, max=10),
    ), "Service visits of the data year, one row per visit.", "数据年度的服务记录，每次服务一行。"),
    TableSchema("carcare/channel_spend", (
        _cc("month", "date", "月份（当月第一天）。", "Month (its first day)."),
        _CC_CHANNEL,
        _cc("spend", "float", "当月投放费用（元）。", "Spend in the month (yuan).", min=0),
        _cc("reach", "int", "触达人数。", "People reached.", min=0),
        _cc("leads", "int", "咨询线索数。", "Enquiries (leads).", min=0),
        _cc("customers", "int", "成交的新客户数。", "New customers won.", min=0),
    ), "Marketing by channel and month.", "按渠道、按月的营销投放与效果。"),
    TableSchema("carcare/service_failures", (
        _cc("failure_id", "str", "服务失误编号。", "Service failure identifier.", unique=True),
        _cc("visit_id", "str", "发生失误的服务单号。", "Visit where the failure happened."),
        _CC_CUSTOMER,
        _cc("date", "date", "服务日期。", "Day of the visit."),
        _cc("topic", "str", "问题类型：paint_damage 漆面损伤、film_bubbles 膜起泡、dirty_interior 内饰不洁、"
            "late_delivery 交车延误、overcharge 多收费、rude_staff 态度差。",
            "Problem: paint_damage, film_bubbles, dirty_interior, late_delivery, overcharge, rude_staff."),
        _cc("reported_to", "category", "客户向谁投诉：management 高层、front_line 一线、none 未投诉（真实情况，公司看不到）。",
            "Whom the customer told: management, front_line or none (ground truth the firm does not see).",
            allowed=("management", "front_line", "none")),
    ), "Ground truth: every service failure of the year.", "真实情况：全年每一次服务失误。"),
    TableSchema("carcare/complaints", (
        _cc("complaint_id", "str", "投诉编号。", "Complaint identifier.", unique=True),
        _cc("failure_id", "str", "对应的服务失误。", "The service failure complained about."),
        _cc("visit_id", "str", "对应的服务单号。", "The visit complained about."),
        _CC_CUSTOMER,
        _cc("received", "date", "收到投诉的时间。", "When the complaint was received (date and time)."),
        _cc("received_by", "category", "接到投诉的层级：front_line 一线、management 高层。",
            "Who received it: front_line or management.", allowed=("front_line", "management")),
        _cc("topic", "str", "问题类型（同服务失误表）。", "Problem (as in service_failures)."),
        _cc("response_hours", "float", "从收到投诉到首次实质答复的小时数。", "Hours from receipt to the first real response.",
            min=0),
        _cc("outcome", "category", "结果：stayed 留下、left 流失、open 年底尚未结案。",
            "Outcome: stayed, left, or open at the year's end.", allowed=("stayed", "left", "open")),
    ), "Complaints, one row per complaint.", "客户投诉，每件一行。"),
    TableSchema("carcare/complaint_log", (
        _cc("complaint_id", "str", "投诉编号。", "Complaint identifier."),
        _cc("step", "str", "处理步骤：understand 了解问题、calm_promise 安抚并承诺、respond 快速响应、record 记录意见、"
            "keep_promise 兑现承诺、repair 补救关系、review 管理复盘。",
            "Handling step: understand, calm_promise, respond, record, keep_promise, repair, review."),
        _cc("level", "str", "处理层级：front_desk 前台、service_manager 服务经理、general_manager 总经理。",
            "Level: front_desk, service_manager, general_manager."),
        _cc("owner", "str", "负责员工编号。", "Employee who handled the step."),
        _cc("timestamp", "date", "该步骤发生的时间。", "When the step happened (date and time)."),
    ), "Complaint handling event log, one row per step.", "投诉处理事件日志，每个步骤一行。"),
    TableSchema("carcare/employees", (
        _cc("employee_id", "str", "员工编号。", "Employee identifier.", unique=True),
        _cc("role", "str", "岗位：technician 技师、advisor 前台顾问、manager 经理。",
            "Role: technician, advisor (front desk) or manager."),
        _cc("team", "int", "班组。", "Work team.", min=1),
        _cc("hired", "date", "入职日期。", "Day hired."),
        _cc("left_on", "date", "离职日期（在职为空）。", "Day left (empty if still employed).", nullable=True),
        _cc("internal_service_quality", "float", "员工评价的内部服务质量（1–10）。",
            "Internal service quality as the employee rates it (1–10).", min=1, max=10),
        _cc("satisfaction", "float", "员工满意度（1–10）。", "Employee satisfaction (1–10).", min=1, max=10),
        _cc("left", "bool", "本年内离职。", "Left during the year."),
        _cc("tenure_years", "float", "司龄（年，到离职或年底）。", "Tenure in years (to leaving or the year's end).", min=0),
    ), "Staff records, one row per employee.", "员工档案，每位员工一行。"),
    TableSchema("carcare/servqual", (
        _cc("respondent_id", "str", "问卷编号。", "Respondent identifier."),
        _CC_CUSTOMER,
        _cc("dimension", "category", "SERVQUAL 维度：tangibles 有形性、reliability 可靠性、responsiveness 响应性、"
            "assurance 保证性、empathy 移情性。",
            "SERVQUAL dimension: tangibles, reliability, responsiveness, assurance, empathy.",
            allowed=("tangibles", "reliability", "responsiveness", "assurance", "empathy")),
        _cc("importance", "int", "重要性（1–10）。", "Importance (1–10).", min=1, max=10),
        _cc("expectation", "int", "期望（1–10）。", "Expectation (1–10).", min=1, max=10),
        _cc("performance", "int", "感知表现（1–10）。", "Perceived performance (1–10).", min=1, max=10),
    ), "SERVQUAL survey, one row per respondent and dimension.", "SERVQUAL 问卷，每位受访者每个维度一行。"),
    TableSchema("carcare/outcomes", (
        replace(_CC_CUSTOMER, unique=True),
        _cc("returned_next_year", "bool", "次年是否再来（真实情况）。", "Came back the next year (ground truth)."),
        _cc("lost_reason", "str", "流失类型（再来的客户为空）：gave_up 主动放弃、left_own_accord 主动离开、poached 被挖走、"
            "attracted_away 被吸引、forced 被迫离开、other 其他。",
            "Kind of loss (empty if the customer came back): gave_up, left_own_accord, poached, attracted_away, "
            "forced, other.", required=True, nullable=True),
    ), "Ground truth: whether each customer of the data year came back.", "真实情况：数据年度的每位客户次年是否再来。"),
    TableSchema("carcare/centres", (
        _cc("centre_id", "str", "服务中心编号。", "Service centre identifier.", unique=True),
        _cc("region", "str", "大区。", "Region."),
        _cc("members", "int", "会员车主数。", "Member car owners.", min=0),
        _cc("peak_requests_per_hour", "float", "高峰小时的服务请求数。", "Service requests in the peak hour.", min=0),
        _cc("staff", "int", "高峰时在岗人数。", "Staff on duty in the peak hour.", min=1),
    ), "The seeds/004 service network, one row per centre.", "seeds/004 的服务网络，每个服务中心一行。"),
)})

# --- futures case (天富期货, seeds/000): one block, keyed "futures/<table>" --------------
_F_CLIENT = replace(CUSTOMER_ID, name="client_id", aliases=("客户编号", "客户号", "资金账号", "client"),
                    description_en="Client record identifier.", description_zh="客户档案编号。")
_F_BRANCH = Column("branch", "str", aliases=("营业部",), label_zh="营业部",
                   description_en="Sales branch (code; label in widgets.i18n branch.<code>).",
                   description_zh="营业部（代码；显示名见 widgets.i18n 的 branch.<代码>）。")
_F_DEPARTMENTS = ("research", "technology", "settlement", "risk")
_F_CAUSES = ("software_freeze", "late_margin_call", "statement_error", "fee_dispute", "broker_promise",
             "slow_withdrawal", "data_feed_delay", "account_paperwork")
_F_ITEMS = (("response_speed", "问题响应速度", "Speed of answers to problems"),
            ("trading_system", "交易系统", "Trading system"),
            ("staff_service", "客服人员服务", "Service of the staff"),
            ("settlement", "结算与账单", "Settlement and statements"),
            ("research", "研究报告与行情指导", "Research reports and market guidance"),
            ("fees", "手续费", "Fees"))
SCHEMAS.update({s.name: s for s in (
    TableSchema("futures/clients", (
        replace(_F_CLIENT, unique=True), _F_BRANCH,
        Column("broker_id", "str", aliases=("经纪人",), label_zh="经纪人",
               description_en="Broker (经纪人) looking after the client: branch prefix and number.",
               description_zh="负责该客户的经纪人：营业部前缀加编号。"),
        Column("investor_type", "category", allowed=("individual", "institution"), label_zh="投资者类型",
               description_en="Individual or institutional investor.", description_zh="个人或机构投资者。"),
        Column("birthday", "date", label_zh="生日", description_en="Birthday (for birthday reminders).",
               description_zh="生日（用于生日提醒）。"),
        Column("first_contact", "date", label_zh="首次接触",
               description_en="Day the firm first recorded the client (a lead or an enquiry).",
               description_zh="公司第一次记录该客户的日期（线索或咨询）。"),
        Column("account_opened", "date", nullable=True, label_zh="开户日期",
               description_en="Day the account was opened; empty if the client has no account.",
               description_zh="开户日期；未开户为空。"),
        Column("account_closed", "date", nullable=True, label_zh="销户日期",
               description_en="Day the account was closed; empty if open or never opened.",
               description_zh="销户日期；未销户或未开户为空。"),
        Column("other_firm", "bool", label_zh="在他司交易",
               description_en="Known to trade through another futures firm (no account here).",
               description_zh="已知在其他期货公司交易（在本公司无账户）。"),
        Column("role_recorded", "category", allowed=("existing", "potential", "lost", "non_company"),
               label_zh="档案角色",
               description_en="Role in today's file: existing if the account is open, lost if closed, potential "
                              "if none (the crude rule; nobody is marked non-company).",
               description_zh="现在档案中的角色：账户未销户为现有，已销户为流失，无账户为潜在（粗糙规则；无人标为非公司客户）。"),
        Column("core_flag", "bool", label_zh="核心客户标记",
               description_en="Marked core client today: funds at the end of 2013 of at least 500,000 yuan "
                              "(the crude screen).",
               description_zh="现在的核心客户标记：2013 年底权益不低于 50 万元（粗糙的筛选标准）。"),
    ), "The CRM client file: accounts and contacts, one row per client.", "CRM 客户档案：开户客户与联系人，每位客户一行。"),
    TableSchema("futures/accounts", (
        _F_CLIENT,
        Column("month", "date", label_zh="月份", description_en="Month (its first day).", description_zh="月份（当月第一天）。"),
        Column("equity", "float", min=0, label_zh="客户权益", description_en="Funds (client equity) at the month's end, yuan.",
               description_zh="月末客户权益（资金量），元。"),
        Column("trades", "int", min=0, label_zh="交易次数", description_en="Number of trades in the month.",
               description_zh="当月交易次数。"),
        Column("lots", "int", min=0, label_zh="成交手数", description_en="Lots traded in the month.",
               description_zh="当月成交手数。"),
        Column("commission", "float", min=0, label_zh="手续费收入",
               description_en="Commission the firm earned from the client in the month, yuan.",
               description_zh="公司当月从该客户获得的手续费收入，元。"),
    ), "Monthly account data, 2012-2013: one row per account and month while the account is open.",
        "2012–2013 年账户月度数据：账户存续期间每户每月一行。"),
    TableSchema("futures/truth", (
        replace(_F_CLIENT, unique=True),
        Column("status", "category", allowed=("active", "left", "prospect", "other_firm"), label_zh="真实状态",
               description_en="What the generator knows at the end of 2013: active, left (stopped trading), "
                              "prospect (no account yet), other_firm (trades elsewhere).",
               description_zh="生成器所知的 2013 年底真实状态：活跃、已流失（停止交易）、潜在（尚未开户）、他司客户。"),
        Column("left_month", "date", nullable=True, label_zh="流失月份",
               description_en="Month the client stopped trading (left only).", description_zh="停止交易的月份（仅流失客户）。"),
    ), "Ground truth for evaluating role rules (not visible to the firm).", "用于评价角色规则的真实状态（公司看不到）。"),
    TableSchema("futures/requests", (
        Column("request_id", "str", unique=True, label_zh="请求编号", description_en="Request identifier.",
               description_zh="请求编号。"),
        _F_CLIENT, _F_BRANCH,
        Column("raised_at", "date", label_zh="提出时间", description_en="When the branch raised the request.",
               description_zh="营业部提出请求的时间。"),
        Column("topic", "str", label_zh="主题", description_en="Topic of the request.", description_zh="请求主题。"),
        Column("department", "category", allowed=_F_DEPARTMENTS, label_zh="后台部门",
               description_en="Back-office department that solved it (research, technology, settlement, risk).",
               description_zh="解决该请求的后台部门（研发、技术、结算、交易风控）。"),
        Column("problem_id", "str", label_zh="问题编号",
               description_en="The underlying problem: requests with the same id are the same problem.",
               description_zh="请求背后的问题：编号相同即同一个问题。"),
        Column("resolved_at", "date", label_zh="解决时间", description_en="When the department solved it.",
               description_zh="后台部门解决的时间。"),
        Column("staff_hours", "float", min=0, label_zh="处理工时",
               description_en="Staff hours the department spent on it.", description_zh="后台部门投入的工时。"),
    ), "2013 requests taken by branches straight to the back office.", "2013 年营业部直接交给后台部门的请求。"),
    TableSchema("futures/complaints", (
        Column("complaint_id", "str", label_zh="投诉编号", description_en="Complaint identifier.", description_zh="投诉编号。"),
        Column("step", "category", allowed=("received", "reply_promised", "resolved", "confirmed", "filed",
                                            "analysed"), label_zh="步骤",
               description_en="Step of the handling: received, reply_promised (not when solved on the spot), "
                              "resolved, confirmed, filed, analysed (root cause).",
               description_zh="处理步骤：受理、承诺答复时限（现场解决时无此步）、解决、回访确认、归档、原因分析。"),
        Column("level", "category", allowed=("branch", "customer_service", "compliance"), label_zh="处理层级",
               description_en="Who handles it at this step: branch, customer service or compliance.",
               description_zh="该步骤的处理层级：营业部、客服部或合规部。"),
        Column("owner", "str", label_zh="处理人", description_en="Staff member handling the step.",
               description_zh="处理该步骤的员工。"),
        Column("timestamp", "date", label_zh="时间", description_en="When the step happened.", description_zh="步骤发生的时间。"),
        _F_CLIENT, _F_BRANCH,
        Column("root_cause", "category", allowed=_F_CAUSES, label_zh="根本原因",
               description_en="Root cause (known to the generator; the firm learns it by analysis).",
               description_zh="根本原因（生成器已知；公司需通过分析得知）。"),
    ), "Complaint event log, 2013: one row per step.", "2013 年投诉事件日志：每个步骤一行。"),
    TableSchema("futures/callbacks", (
        Column("callback_id", "str", unique=True, label_zh="回访编号", description_en="Callback identifier.",
               description_zh="回访编号。"),
        _F_CLIENT,
        Column("date", "date", label_zh="日期", description_en="Day of the call.", description_zh="回访日期。"),
        Column("reason", "category", allowed=("new_account", "potential", "funds_change"), label_zh="回访原因",
               description_en="Why the client was called: new account, potential client, change of funds.",
               description_zh="回访原因：新开户、潜在客户、资金变动。"),
        Column("staff_id", "str", label_zh="客服人员", description_en="Customer-service staff member.",
               description_zh="客服人员。"),
        Column("reached", "bool", label_zh="已接通", description_en="The client was reached.", description_zh="是否接通。"),
    ), "Customer service's call log, 2013.", "2013 年客服回访记录。"),
    TableSchema("futures/survey", (
        Column("respondent_id", "str", unique=True, label_zh="问卷编号", description_en="Response identifier.",
               description_zh="问卷编号。"),
        replace(_F_CLIENT, unique=True),
        Column("date", "date", label_zh="日期", description_en="Day of the answer.", description_zh="答卷日期。"),
        Column("overall", "int", min=1, max=5, label_zh="总体满意度",
               description_en="Overall satisfaction, 1 (very dissatisfied) to 5 (very satisfied).",
               description_zh="总体满意度，1（很不满意）到 5（很满意）。"),
        *(Column(name, "int", min=1, max=5, label_zh=zh, description_en=f"{en}, rated 1 to 5.",
                 description_zh=f"{zh}评分，1 到 5。") for name, zh, en in _F_ITEMS),
    ), "Satisfaction survey of December 2013, one row per respondent.", "2013 年 12 月满意度调查，每位受访者一行。"),
)})


# --- bank case (crm/datasets/bank.py) -------------------------------------------------------------
def _bank_schemas() -> dict[str, TableSchema]:
    from crm.datasets.bank import APPLIED, EDUCATIONS, HOUSING, LIFE_STAGES, OCCUPATIONS, PRODUCTS

    cid = replace(CUSTOMER_ID, aliases=(), description_en="Client identifier.", description_zh="客户编号。")
    c = Column  # short: the bank tables have many columns
    age = c("age", "int", min=16, max=100, label_zh="年龄", description_en="Age in years.", description_zh="年龄（岁）。")
    occupation = c("occupation", "category", allowed=OCCUPATIONS, label_zh="职业",
                   description_en="Occupation.", description_zh="职业。")
    education = c("education", "category", allowed=EDUCATIONS, label_zh="受教育程度",
                  description_en="Highest education.", description_zh="最高学历。")
    income = c("monthly_income", "float", min=0, label_zh="月收入",
               description_en="Monthly income, yuan.", description_zh="月收入（元）。")
    housing = c("housing", "category", allowed=HOUSING, label_zh="住房",
                description_en="Housing: own, mortgage, rent or family.", description_zh="住房：自有、按揭、租房或与家人同住。")
    defaulted = c("defaulted", "bool", label_zh="是否违约",
                  description_en="Ground truth: defaulted within the next 12 months.",
                  description_zh="真实结果：未来 12 个月内是否违约。")
    clients = TableSchema("bank/clients", (
        replace(cid, unique=True),
        c("gender", "category", allowed=("F", "M"), label_zh="性别", description_en="F or M.", description_zh="F（女）或 M（男）。"),
        age, education, occupation, income,
        c("life_stage", "category", allowed=LIFE_STAGES, label_zh="人生阶段",
          description_en="Life stage by age: starting out, family building, wealth building, pre-retirement, retired.",
          description_zh="按年龄划分的人生阶段：起步、成家、财富积累、退休前、已退休。"),
        housing,
        c("joined_year", "int", min=1950, max=2100, label_zh="开户年份", description_en="Year the client opened an account.",
          description_zh="开户年份。"),
        c("left_year", "int", nullable=True, min=1950, max=2100, label_zh="流失年份",
          description_en="First year the client was gone (empty: still a client).", description_zh="客户流失的年份（空：仍是客户）。"),
        c("delinquencies_2y", "int", min=0, label_zh="近两年逾期次数", description_en="Late payments in the past two years.",
          description_zh="近两年逾期次数。"),
        c("debt_to_income", "float", min=0, label_zh="负债收入比", description_en="Debt repayments / income today.",
          description_zh="当前月还款额 / 月收入。"),
    ), "Retail clients, one row each.", "零售客户，每位一行。")
    holdings = TableSchema("bank/holdings", (
        cid,
        c("product", "category", allowed=PRODUCTS, label_zh="产品", description_en="Product held.", description_zh="持有的产品。"),
        c("opened_year", "int", min=1950, max=2100, label_zh="开立年份", description_en="Year the product was opened.",
          description_zh="开立年份。"),
        c("balance", "float", min=0, label_zh="余额", description_en="Balance or limit, yuan.", description_zh="余额或额度（元）。"),
    ), "Products held, one row per client and product.", "客户持有的产品，每位客户每种产品一行。")
    profits = TableSchema("bank/profits", (
        cid, c("year", "int", min=1950, max=2100, label_zh="年份", description_en="Year.", description_zh="年份。"),
        c("profit", "float", min=0, label_zh="利润贡献", description_en="Profit contribution that year, yuan.",
          description_zh="当年利润贡献（元）。"),
    ), "Yearly profit contribution, one row per client and year as a client.", "年度利润贡献，每位客户每年一行。")
    applications = TableSchema("bank/applications", (
        c("application_id", "str", unique=True, label_zh="申请编号", description_en="Application identifier.",
          description_zh="申请编号。"),
        cid, c("year", "int", min=1950, max=2100, label_zh="申请年份", description_en="Year of application.",
               description_zh="申请年份。"),
        c("product", "category", allowed=APPLIED, label_zh="申请产品", description_en="Credit card, consumer loan or car loan.",
          description_zh="信用卡、消费贷款或车贷。"),
        c("amount", "float", min=0, label_zh="申请额度", description_en="Amount or limit asked, yuan.", description_zh="申请的金额或额度（元）。"),
        age, occupation, education, income, housing,
        c("years_with_bank", "int", min=0, label_zh="在行年限", description_en="Years as a client of the bank.",
          description_zh="成为本行客户的年数。"),
        c("delinquencies_2y", "int", min=0, label_zh="近两年逾期次数", description_en="Late payments in the past two years.",
          description_zh="近两年逾期次数。"),
        c("debt_to_income", "float", min=0, label_zh="负债收入比", description_en="Debt repayments / income.",
          description_zh="月还款额 / 月收入。"),
        c("manual_adjustment", "int", min=-100, max=100, label_zh="人工调整", description_en=(
            "Client manager's manual adjustment of the score, points."), description_zh="客户经理对评分的人工调整（分）。"),
    ), "Credit applications with the applicant's attributes.", "信贷申请及申请人属性。")
    outcomes = TableSchema("bank/application_outcomes", (
        replace(applications.column("application_id")), defaulted,
    ), "Ground truth of each application (as if it had been granted).", "每笔申请的真实结果（假设已放贷）。")
    loans = TableSchema("bank/loans", (
        c("loan_id", "str", unique=True, label_zh="贷款编号", description_en="Loan or card account.", description_zh="贷款或信用卡账户。"),
        cid, c("product", "category", allowed=PRODUCTS, label_zh="产品", description_en="Lending product.", description_zh="信贷产品。"),
        c("credit_limit", "float", min=0, label_zh="额度", description_en="Limit or loan amount, yuan.", description_zh="额度或贷款金额（元）。"),
        c("balance", "float", min=0, label_zh="余额", description_en="Outstanding balance, yuan.", description_zh="未还余额（元）。"),
        c("utilisation", "float", min=0, label_zh="额度使用率", description_en="Balance / limit (may exceed 1).",
          description_zh="余额 / 额度（可能超过 1）。"),
        c("days_past_due", "int", min=0, label_zh="逾期天数", description_en="Days past due today.", description_zh="当前逾期天数。"),
        c("missed_payments_12m", "int", min=0, label_zh="近 12 月漏还次数", description_en="Missed payments in 12 months.",
          description_zh="近 12 个月漏还次数。"),
        c("salary_inflow_change", "float", min=-1, label_zh="工资流入变化", description_en=(
            "Change of monthly salary inflow against last year (-0.5: halved)."),
          description_zh="月工资流入较上年的变化（-0.5 即减半）。"),
        c("credit_inquiries_3m", "int", min=0, label_zh="近 3 月征信查询", description_en="Credit bureau inquiries in 3 months.",
          description_zh="近 3 个月征信查询次数。"),
    ), "Existing borrowers' accounts with risk signals.", "存量借款账户及风险信号。")
    loan_outcomes = TableSchema("bank/loan_outcomes", (replace(loans.column("loan_id")), defaulted),
                                "Ground truth of each existing loan.", "每个存量账户的真实结果。")
    return {s.name: s for s in (clients, holdings, profits, applications, outcomes, loans, loan_outcomes)}


SCHEMAS.update(_bank_schemas())


# --- files a student brings to the views that classify or score customers ------------------------
# (widgets/upload.py reads them; each view says which one it takes.) Kept in one block so that
# the case schemas above stay as they are.
UPLOAD_CONTRIBUTIONS = TableSchema("upload_contributions", (
    CUSTOMER_ID,
    Column("year", "int", required=False, min=1900, max=2199, aliases=("年份", "年度", "fiscal_year"),
           label_zh="年份", description_en="Year of the contribution (optional; else taken from a date column).",
           description_zh="贡献所属年份（可选；否则取自日期列）。"),
    replace(DATE, required=False),
    Column("profit", "float", min=0, aliases=(
        "利润", "利润贡献", "贡献", "贡献值", "客户贡献", "年贡献", "contribution", "value", "价值", "revenue", "收入"),
        label_zh="利润贡献", description_en="The client's profit contribution (rows of a client and year are added up).",
        description_zh="客户的利润贡献（同一客户同一年的多行相加）。"),
), "Client contributions for the customer pyramid; extra columns are kept.", "客户金字塔用的客户贡献；多余的列会保留。")

UPLOAD_VALUE_MATRIX = TableSchema("upload_value_matrix", (
    replace(CUSTOMER_ID, unique=True),
    Column("current_value", "float", min=0, aliases=(
        "当前价值", "当前贡献", "现有价值", "贡献", "利润", "current", "current_contribution", "contribution", "profit"),
        label_zh="当前价值", description_en="The client's current value (e.g. last year's profit contribution).",
        description_zh="客户的当前价值（例如上一年的利润贡献）。"),
    Column("potential", "float", min=0, aliases=(
        "潜在价值", "增长潜力", "潜力", "增值潜力", "growth_potential", "potential_value"),
        label_zh="潜在价值", description_en="The client's growth potential (e.g. yearly profit of products he lacks).",
        description_zh="客户的增长潜力（例如他尚未持有的产品每年可带来的利润）。"),
    Column("credit_score", "float", aliases=("信用评分", "信用分", "资信评分", "评分", "score", "credit"),
           label_zh="信用评分", description_en="The client's credit score (higher = safer).",
           description_zh="客户的信用评分（越高越安全）。"),
), "One row per client for the value matrix; extra columns are kept.", "客户价值矩阵用的客户表，每位客户一行；多余的列会保留。")

UPLOAD_VISITS = TableSchema("upload_visits", (
    CUSTOMER_ID,
    replace(DATE, aliases=(*DATE.aliases, "加油日期", "进站日期", "到店日期", "visit_date", "时间", "visit_time")),
    Column("litres", "float", required=False, min=0, aliases=(
        "升", "升数", "加油量", "油量", "加油升数", "liters", "volume", "fuel_litres"),
        label_zh="加油量", description_en="Litres of the visit (or give amount).", description_zh="本次加油升数（或给出金额）。"),
    replace(AMOUNT, required=False, aliases=(*AMOUNT.aliases, "加油金额"),
            description_en="Amount paid at the visit (used when there are no litres).",
            description_zh="本次付款金额（没有加油量时使用）。"),
), "A visit log: one row per visit (customer, date, litres or amount).", "到访记录：每次到访一行（客户、日期、加油量或金额）。")

UPLOAD_EVENT_LOG = TableSchema("upload_event_log", (
    Column("complaint_id", "str", aliases=(
        "投诉编号", "案例编号", "工单号", "工单编号", "case_id", "case", "case:concept:name", "ticket_id", "ticket"),
        label_zh="投诉编号", description_en="Case (complaint) identifier.", description_zh="案例（投诉）编号。"),
    Column("step", "str", aliases=("步骤", "环节", "活动", "处理步骤", "activity", "concept:name", "event", "task"),
           label_zh="步骤", description_en="The step: the flow's code or its Chinese or English name.",
           description_zh="步骤：流程中的代码或其中文、英文名称。"),
    Column("timestamp", "date", aliases=(
        "时间", "时间戳", "发生时间", "处理时间", "日期", "time", "time:timestamp", "datetime", "date"),
        label_zh="时间", description_en="When the step happened.", description_zh="步骤发生的时间。"),
    Column("level", "str", required=False, aliases=("层级", "处理层级", "级别", "处理级别"),
           label_zh="处理层级", description_en="Level handling the step (optional).", description_zh="处理该步骤的层级（可选）。"),
    Column("owner", "str", required=False, aliases=(
        "处理人", "负责人", "经办人", "resource", "org:resource", "staff"),
        label_zh="处理人", description_en="Who handled the step (optional).", description_zh="处理该步骤的人（可选）。"),
), "A complaint event log: one row per step event.", "投诉事件日志：每个步骤事件一行。")

UPLOAD_APPLICATIONS = TableSchema("upload_applications", (
    Column("application_id", "str", required=False, unique=True, aliases=("申请编号", "申请号", "app_id"),
           label_zh="申请编号", description_en="Application identifier (optional).", description_zh="申请编号（可选）。"),
), "Credit applications with an outcome column and attributes the student chooses.",
    "信贷申请：结果列和属性列由学生选择。")

UPLOAD_CARE = TableSchema("upload_care", (
    CUSTOMER_ID,
    replace(UPLOAD_VISITS.column("litres"), description_en="Litres (per visit or per year; rows of a customer are added up).",
            description_zh="加油量（每次或全年；同一客户的多行相加）。"),
    replace(AMOUNT, required=False, aliases=(*AMOUNT.aliases, "加油金额"),
            description_en="Amount paid (used when there are no litres).", description_zh="付款金额（没有加油量时使用）。"),
    Column("kind", "str", required=False, aliases=("客户类型", "类型", "客户类别", "customer_type", "type"),
           label_zh="客户类型", description_en="unit (fleet card) or individual; Chinese 单位 / 个人 work too (optional: "
           "without it every customer is an individual).", description_zh="单位或个人（可写 unit / individual；可选：没有此列时都按个人客户）。"),
), "Customers to tier for three-level care; extra columns are kept.", "三级关怀分层用的客户数据；多余的列会保留。")

UPLOAD_CLIENT_INDICATORS = TableSchema("upload_client_indicators", (
    replace(CUSTOMER_ID, name="client_id", unique=True, aliases=("customer_id", *CUSTOMER_ID.aliases, "账户", "资金账号",
                                                                 "account", "account_id")),
    Column("equity", "float", min=0, aliases=("客户权益", "权益", "资金", "资金量", "funds"), label_zh="客户权益",
           description_en="Funds (client equity) at the end of the period, yuan.", description_zh="期末客户权益（资金量），元。"),
    Column("lots", "float", min=0, aliases=("成交手数", "手数", "成交量", "volume"), label_zh="成交手数",
           description_en="Lots traded in the period.", description_zh="期内成交手数。"),
    Column("commission", "float", min=0, aliases=("手续费", "手续费收入", "佣金", "fees"), label_zh="手续费收入",
           description_en="Commission earned from the client in the period, yuan.", description_zh="期内从该客户获得的手续费收入，元。"),
    Column("tenure_years", "float", min=0, aliases=("开户年限", "客户年限", "年限", "tenure", "years"), label_zh="开户年限",
           description_en="Years since the account was opened.", description_zh="开户至今的年数。"),
    Column("active_months", "float", min=0, aliases=("活跃月数", "交易月数", "active"), label_zh="活跃月数",
           description_en="Months with at least one trade in the period.", description_zh="期内至少有一笔交易的月数。"),
), "One row per client with the five evaluation indicators; extra columns are kept.",
    "每位客户一行，含五项评价指标；多余的列会保留。")

UPLOAD_LOANS = TableSchema("upload_loans", (
    Column("loan_id", "str", unique=True, aliases=("贷款编号", "账户编号", "账号", "借据号", "account_id", "loan"),
           label_zh="贷款编号", description_en="Loan or card account.", description_zh="贷款或信用卡账户。"),
    Column("days_past_due", "float", min=0, aliases=("逾期天数", "dpd"), label_zh="逾期天数",
           description_en="Days past due today.", description_zh="当前逾期天数。"),
    Column("utilisation", "float", min=0, aliases=("额度使用率", "使用率", "utilization"), label_zh="额度使用率",
           description_en="Balance / limit (may exceed 1).", description_zh="余额 / 额度（可能超过 1）。"),
    Column("missed_payments_12m", "float", min=0, aliases=("近12月漏还次数", "漏还次数", "missed_payments"),
           label_zh="近 12 月漏还次数", description_en="Missed payments in 12 months.", description_zh="近 12 个月漏还次数。"),
    Column("salary_inflow_change", "float", min=-1, aliases=("工资流入变化", "工资变化", "salary_change"),
           label_zh="工资流入变化", description_en="Change of monthly salary inflow (-0.5: halved).",
           description_zh="月工资流入的变化（-0.5 即减半）。"),
    Column("credit_inquiries_3m", "float", min=0, aliases=("近3月征信查询", "征信查询次数", "inquiries"),
           label_zh="近 3 月征信查询", description_en="Credit bureau inquiries in 3 months.", description_zh="近 3 个月征信查询次数。"),
    Column("defaulted", "bool", aliases=("是否违约", "违约", "default", "bad"), label_zh="是否违约",
           description_en="Defaulted within the next 12 months (yes/no, 1/0).", description_zh="未来 12 个月内是否违约（是/否、1/0）。"),
), "Existing borrowers with the five warning signals and what happened; extra columns are kept.",
    "存量借款人的五个预警信号及其结果；多余的列会保留。")
