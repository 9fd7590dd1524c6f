"""Table schemas: the columns, types and ranges of every table, and ``DataError``.

Every table a case loads or a user uploads passes through :meth:`TableSchema.validate`,
which returns a new, typed DataFrame or raises one :class:`DataError` whose message, in
Chinese and English, names the file, the column and the first bad rows (as line numbers
a spreadsheet user sees: the header is line 1, the first data row is line 2). How a cell's
text becomes a typed value is :mod:`crm.core.parsing`; this module says what the values must be.
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

from crm.core.parsing import cell_text, DATE_FORMATS, parse_column, TIME_FORMATS, typed_column, UNPARSEABLE

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

# What a student brings to the ABC view: customer, date and amount; the rest optional.
UPLOAD_TRANSACTIONS = TableSchema("upload_transactions", (
    replace(TRANSACTION_ID, required=False), CUSTOMER_ID,
    # A purchase before 1990 or after next year is a typo (2099) or another column: refused, naming the rows.
    replace(DATE, earliest="1990-01-01", latest=f"{_date.today().year + 1}-12-31"), replace(TIME, required=False),
    replace(ITEMS, required=False), replace(LANE, required=False), AMOUNT,
), "A transactions file a user uploads; extra columns are kept.", "用户上传的交易文件；多余的列会保留。")

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
