"""The upload corpus: awkward files a student might bring, each with the outcome it must give.

``CORPUS`` lists every file: how it is built (from the same small table, :data:`BASE`,
unless the file is about something else) and what ``read_upload`` must do with it:
:class:`Loads` (and the key facts of the table: rows, customers, total spend) or
:class:`Refused` (a ``DataError`` whose Chinese and English messages hold the given
words, name the file, and where it matters the column and the first rows).

``python tests/uploads/make_corpus.py`` writes the small files to ``tests/uploads/files/``
(committed, to try by hand in the views); the large ones (``large=True``: zip bombs, a
full sheet) are built at test time only. Building is deterministic: same bytes every run.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from tests.uploads import writers as w

HEADER = ["customer_id", "date", "amount"]
# 24 purchases by 8 customers in March 2024; amounts with cents, none equal.
BASE = [[f"C{1 + i % 8:03d}", dt.date(2024, 3, 1 + (i * 5) % 28), round(3.5 + (i * 37) % 200 + (i % 4) * 0.25, 2)]
        for i in range(24)]
ROWS, CUSTOMERS, TOTAL = len(BASE), len({r[0] for r in BASE}), round(sum(r[2] for r in BASE), 2)


@dataclass(frozen=True)
class Loads:
    """The file loads; the table has these facts (and ``check(df)`` holds, if given)."""

    rows: int = ROWS
    customers: int = CUSTOMERS
    total: float = TOTAL
    check: Callable[[pd.DataFrame], bool] | None = None


@dataclass(frozen=True)
class Refused:
    """The file is refused with one DataError holding these words (zh and en), column and rows."""

    zh: tuple[str, ...]
    en: tuple[str, ...]
    column: str | None = None
    rows: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Upload:
    name: str
    kind: str  # the class of awkwardness, as the issue names it or our own
    build: Callable[[], bytes]
    expect: Loads | Refused
    large: bool = False  # built at test time, not committed
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


def table(rows=None, header=HEADER, text_dates: bool = True) -> list[list]:
    """The base table as rows of cells (dates as text for CSV unless ``text_dates`` is False)."""
    body = [list(r) for r in (BASE if rows is None else rows)]
    if text_dates:
        body = [[c.isoformat() if isinstance(c, dt.date) else c for c in r] for r in body]
    return [list(header), *body]


def csv(rows=None, sep=",", encoding="utf-8", newline="\n", header=HEADER, prefix: str = "") -> Callable[[], bytes]:
    return lambda: (prefix + w.csv_text(table(rows, header), sep, newline)).encode(encoding)


def edited(edit: Callable[[list[list]], list[list]]) -> list[list]:
    """A copy of the base rows changed by ``edit``."""
    return edit([list(r) for r in BASE])


def with_cell(row: int, col: int, value) -> list[list]:
    """The base rows with one cell changed (row: 0-based data row; the file line is row + 2)."""
    def edit(rows):
        rows[row][col] = value
        return rows
    return edited(edit)


def _ids(df: pd.DataFrame, *ids: str) -> bool:
    return set(ids) <= set(df["customer_id"])


# Files with ids in the form Excel mangles: 40 customers with 12-digit card numbers.
CARDS = [[f"62345{678901 + i * 7919:07d}", dt.date(2024, 3, 1 + i % 28), 10.0 + i] for i in range(40)]


def _scientific(card: str) -> str:
    return f"{float(card):.5E}".replace("E+", "E+")


# Latin-1 / Windows-1252 names (Müller: M\xfcller decodes as GB18030 too, into rare characters)
NAMES = ["Müller", "José", "François", "Zoë", "Ærøskøbing", "Ångström", "Núñez", "Øster"]


def _with_names() -> list[list]:
    rows = table()
    return [rows[0] + ["name"]] + [r + [NAMES[int(r[0][1:]) - 1]] for r in rows[1:]]


def _serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def _full_sheet() -> bytes:
    """A full Excel sheet: the header and 1,048,575 purchases (the sheet's last row)."""
    rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>customer_id</t></is></c><c r="B1" t="inlineStr"><is><t>'
            'date</t></is></c><c r="C1" t="inlineStr"><is><t>amount</t></is></c></row>']
    rows += [f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>C{i % 5000:05d}</t></is></c><c r="B{i}" s="1"><v>'
             f'{45292 + i % 366}</v></c><c r="C{i}"><v>{(i * 37) % 10000 / 100}</v></c></row>'
             for i in range(2, 1_048_577)]
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxml'
           f'formats.org/spreadsheetml/2006/main"><sheetData>{"".join(rows)}</sheetData></worksheet>').encode()
    return w._zip(w.xlsx_parts({"Sheet1": xml}))


FULL_SHEET_ROWS = 1_048_575
FULL_SHEET_TOTAL = round(sum((i * 37) % 10000 / 100 for i in range(2, 1_048_577)), 2)


def _bomb_parts() -> list[tuple[str, bytes]]:
    """A workbook's parts but its one worksheet."""
    return [p for p in w.xlsx_parts({"Sheet1": b""}) if not p[0].startswith("xl/worksheets/")]


_BOMB_ROW = b"<row>" + b'<c t="n"><v>1</v></c>' * 40 + b"</row>"
_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxml'
               b'formats.org/spreadsheetml/2006/main"><sheetData>')
# A row of cells, then blanks (legal between XML tags, and deflate packs them ~1000 to 1): 1 MB a copy.
_BOMB_CHUNK = _BOMB_ROW + b" " * (2**20 - len(_BOMB_ROW))


def _zip_bomb() -> bytes:
    """~1 MB of zip holding a 1 GB sheet, its sizes declared honestly (the issue's 840 KB file took 103 s)."""
    # An honest zip (sizes and CRC true): a reader that inflates it all gets a valid 1 GB sheet.
    return w.crafted_zip(_bomb_parts(), "xl/worksheets/sheet1.xml", _BOMB_CHUNK, 1024, head=_SHEET_HEAD,
                         tail=b"</sheetData></worksheet>")


def _cells_without_references() -> bytes:
    """200,000 rows of 100 cells each, none with a reference (r=): 20 million cells in ~1 MB of zip."""
    rows = (b"<row>" + b"<c><v>1</v></c>" * 100 + b"</row>") * 100
    return w.crafted_zip(_bomb_parts(), "xl/worksheets/sheet1.xml", rows, 2000, head=_SHEET_HEAD,
                         tail=b"</sheetData></worksheet>")


def _hidden_bomb() -> bytes:
    """The same 1 GB sheet, its directory claiming 10 KB: a reader trusting the sizes inflates it all."""
    return w.crafted_zip(_bomb_parts(), "xl/worksheets/sheet1.xml", _BOMB_CHUNK, 1024, declared_size=10_000, crc=0)


def _far_cells() -> bytes:
    """Two cells, A1 and XFD1048576: a 600-byte sheet a reader expands into 17 billion cells."""
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           '2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>customer_id</t></is></c></row>'
           '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>').encode()
    return w._zip(w.xlsx_parts({"Sheet1": xml}))


def _far_rows() -> bytes:
    """Cells at A1, B1, ZZ1 and ZZ1048576: within the row and column limits, a grid of 736 million cells."""
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           '2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>customer_id</t></is></c>'
           '<c r="B1"><v>1</v></c><c r="ZZ1"><v>1</v></c></row>'
           '<row r="1048576"><c r="ZZ1048576"><v>1</v></c></row></sheetData></worksheet>').encode()
    return w._zip(w.xlsx_parts({"Sheet1": xml}))


def _duplicate_reference() -> bytes:
    """A cell with two references, ``<c r="C20"r="XFD1048576">`` (found by fuzzing): calamine keeps the last
    and asked for 549 GB, aborting the process; a scan reading only the first saw column C."""
    rows = table(text_dates=False)
    xml = w.sheet_xml(rows).replace(b'<c r="C20"', b'<c r="C20"r="XFD1048576"')
    return w._zip(w.xlsx_parts({"Sheet1": xml}))


def _ods_repeat_bomb() -> bytes:
    """An .ods row whose one cell is repeated 16,384 times, on a row repeated 1,048,576 times."""
    row = ('<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated='
           '"16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
           "</table:table-row>")
    header = ("<table:table-row>" + "".join(w._ods_cell(h) for h in HEADER) + "</table:table-row>")
    return w.ods(raw_rows=header + row)


TRADITIONAL = ["陳大文", "林美玲", "黃志強", "張家豪", "劉淑芬", "蔡明哲", "楊雅婷", "許文龍"]


def _traditional_gbk() -> bytes:
    rows = table()
    rows = [["会员卡号", "交易日期", "交易金额", "姓名"]] + [r + [TRADITIONAL[int(r[0][1:]) - 1]] for r in rows[1:]]
    return w.csv_text(rows).encode("gbk")


def _encrypted() -> bytes:
    """The head of an OLE2 container holding an encrypted workbook (what Excel saves with a password)."""
    return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedInfo".encode("utf-16-le") + bytes(50)
            + "EncryptedPackage".encode("utf-16-le") + bytes(1000))


def _xlsb() -> bytes:
    return w._zip([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.bin", b"\x83\x01\x00"),
                   ("xl/worksheets/sheet1.bin", b"\x00" * 64)])


def _html_as_xls() -> bytes:
    cells = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in r)}</tr>" for r in table())
    return f"<html><head><meta charset='utf-8'></head><body><table>{cells}</table></body></html>".encode()


def _docx() -> bytes:
    return w._zip([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")])


def _many_columns() -> bytes:
    header = HEADER + [f"extra_{i}" for i in range(1500)]
    return w.csv_text([header] + [r + [""] * 1500 for r in table()[1:]]).encode()


def _long_line() -> bytes:
    return ("customer_id,date,amount\nC001,2024-03-01," + "9" * 1_500_000 + "\n").encode()


def _xlsx(rows, **kw) -> Callable[[], bytes]:
    return lambda: w.xlsx(rows, **kw)


def _two_spellings_xlsx() -> bytes:
    rows = table(text_dates=False)
    rows[1][0], rows[5][0] = "000017", 17
    return w.xlsx(rows)


def _numeric_ids_xlsx() -> bytes:
    rows = table(text_dates=False)
    for r in rows[1:]:
        r[0] = int(r[0][1:]) + 100
    return w.xlsx(rows)


def _long_number_ids_xlsx() -> bytes:
    rows = table(text_dates=False)
    for i, r in enumerate(rows[1:]):
        r[0] = float(f"11010519900307{i % 8:04d}")  # an 18-digit number: Excel keeps 15 digits
    return w.xlsx(rows)


def _serial_dates_xlsx() -> bytes:
    rows = table(text_dates=False)
    for r in rows[1:]:
        r[1] = _serial(r[1])  # a date column formatted as General: the serial number shows
    return w.xlsx(rows)


def _header_row3_xlsx() -> bytes:
    return w.xlsx([["2024 年 3 月销售明细"], ["导出时间：2024-04-01", None, None], *table(text_dates=False)],
                  merged=("A1:C1",))


def _merged_header_xlsx() -> bytes:
    return w.xlsx([["交易信息", None, None], ["会员卡号", "交易日期", "交易金额"], *table(text_dates=False)[1:]],
                  merged=("A1:C1",))


def _second_sheet_xlsx() -> bytes:
    return w.xlsx({"说明": [["本文件为 3 月交易明细"], ["数据在第二个工作表"]], "交易": table(text_dates=False)})


def _two_tables_xlsx() -> bytes:
    return w.xlsx({"2023": table(text_dates=False), "2024": table(text_dates=False)})


def _no_table_second_sheet_xlsx() -> bytes:
    return w.xlsx({"说明": [["本文件为 3 月交易明细"]], "交易": table(text_dates=False, header=["客户", "日", "钱"])})


def _extra_columns_xlsx() -> bytes:
    rows = table(text_dates=False)
    rows = [r + [None, "备注" if i == 0 else f"note {i}"] for i, r in enumerate(rows)]
    return w.xlsx(rows)


def _empty_xlsx() -> bytes:
    return w.xlsx([])


def _error_cells_xlsx() -> bytes:
    rows = table(text_dates=False)
    rows[4][2] = "#DIV/0!"
    return w.xlsx(rows)


def _xls() -> bytes:
    return w.xls(table(text_dates=False))


def _damaged_xls(seed: int) -> Callable[[], bytes]:
    """real.xls with a few bytes changed (found by fuzzing): seed 1122 made calamine ask for 515 GB and
    abort the whole process; 722 made it panic."""
    def build() -> bytes:
        import random
        rng, out = random.Random(seed), bytearray(_xls())
        for _ in range(rng.randint(1, 6)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    return build


def _ods() -> bytes:
    return w.ods(table(text_dates=False))


def _quoted() -> bytes:
    rows = table()
    rows = [rows[0] + ["note"]] + [r + ['milk, eggs; "organic"\nbread' if i % 3 == 0 else ""]
                                   for i, r in enumerate(rows[1:])]
    return w.csv_text(rows).encode()


_T = TOTAL
CORPUS: tuple[Upload, ...] = (
    # --- formats and encodings that load --------------------------------------------
    Upload("good.csv", "plain CSV", csv(), Loads()),
    Upload("utf8_bom.csv", "UTF-8 with BOM (Excel's CSV UTF-8)", csv(prefix="\ufeff"), Loads()),
    Upload("gbk_chinese_headers.csv", "GBK with Chinese headers",
           csv(header=["会员卡号", "交易日期", "交易金额"], encoding="gbk"), Loads()),
    Upload("utf16_bom_tab.txt", "Excel's Unicode text (UTF-16, BOM, tabs)", csv(sep="\t", encoding="utf-16"), Loads()),
    Upload("utf16le_no_bom.csv", "UTF-16 without a BOM", csv(encoding="utf-16-le"), Loads()),
    Upload("utf16be_no_bom.csv", "UTF-16 without a BOM", csv(encoding="utf-16-be"), Loads()),
    Upload("latin1_names.csv", "Latin-1 text read as Chinese",
           lambda: w.csv_text(_with_names()).encode("latin-1"),
           Loads(check=lambda df: set(df["name"]) == set(NAMES))),
    Upload("cp1252_names_semicolon.csv", "Latin-1 text read as Chinese",
           lambda: w.csv_text(_with_names(), sep=";").encode("cp1252"),
           Loads(check=lambda df: "Müller" in set(df["name"]))),
    Upload("traditional_gbk.csv", "Latin-1 text read as Chinese",
           _traditional_gbk, Loads(check=lambda df: set(df["姓名"]) == set(TRADITIONAL))),
    Upload("excel_sep_line.csv", "Excel's sep=; first line", csv(sep=";", prefix="sep=;\n"), Loads()),
    Upload("excel_sep_line_comma_values.csv", "Excel's sep=; first line",
           lambda: ("sep=;\n" + w.csv_text([["customer_id", "date", "amount", "note"]]
                                           + [r + ["a, b"] for r in table()[1:]], sep=";")).encode(),
           Loads(check=lambda df: set(df["note"]) == {"a, b"})),
    Upload("semicolon.csv", "other delimiters", csv(sep=";"), Loads()),
    Upload("tab.tsv", "other delimiters", csv(sep="\t"), Loads()),
    Upload("pipe.txt", "other delimiters", csv(sep="|"), Loads()),
    Upload("crlf.csv", "Windows line ends", csv(newline="\r\n"), Loads()),
    Upload("tab_text_named.xls", "tab-separated text saved as .xls", csv(sep="\t", encoding="gbk"), Loads()),
    Upload("title_rows.csv", "header on row 3", csv(prefix="2024年3月销售明细\n导出时间：2024-04-01\n"), Loads()),
    Upload("title_rows_blank.csv", "header on row 3", csv(prefix="销售报表,,\n\n"), Loads()),
    Upload("title_with_semicolons.csv", "header on row 3", csv(prefix="导出条件：门店=徐汇;日期=3月;类型=全部\n"), Loads()),
    Upload("quoted_fields.csv", "quoted fields with delimiters and newlines", _quoted, Loads()),
    Upload("trailing_delimiters.csv", "trailing delimiters",
           lambda: w.csv_text([r + [None] for r in table()]).encode(), Loads()),
    Upload("blank_lines.csv", "blank lines", lambda: w.csv_text(table()).replace("\nC005", "\n\n,,\nC005").encode(),
           Loads()),
    Upload("thousands_separators.csv", "thousands separators 1,234.50",
           csv(edited(lambda rows: [[c, d, f"{a * 10:,.2f}"] for c, d, a in rows])),
           Loads(total=round(sum(round(a * 10, 2) for _, _, a in BASE), 2))),
    Upload("currency_units.csv", "currency ¥12.50 / 12.50元",
           csv(edited(lambda rows: [[c, d, [f"¥{a:.2f}", f"{a:.2f}元", f"￥{a}", f"RMB {a}"][i % 4]]
                                    for i, (c, d, a) in enumerate(rows)])), Loads()),
    Upload("fullwidth_digits.csv", "full-width digits",
           csv(edited(lambda rows: [[c, d, f"{a:.2f}".translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))]
                                    for c, d, a in rows])), Loads()),
    Upload("decimal_comma_semicolon.csv", "decimal comma 12,50 (European Excel)",
           csv(edited(lambda rows: [[c, d, f"{a:.2f}".replace(".", ",")] for c, d, a in rows]), sep=";"), Loads()),
    Upload("chinese_dates.csv", "dates as 2024年3月1日 and 2024/3/1",
           csv(edited(lambda rows: [[c, (f"{d.year}年{d.month}月{d.day}日" if i % 2 else f"{d.year}/{d.month}/{d.day}"), a]
                                    for i, (c, d, a) in enumerate(rows)])),
           Loads(check=lambda df: df["date"].min() == pd.Timestamp("2024-03-01"))),
    Upload("serial_dates.csv", "Excel serial dates",
           csv(edited(lambda rows: [[c, _serial(d), a] for c, d, a in rows])),
           Loads(check=lambda df: df["date"].max() <= pd.Timestamp("2024-03-28"))),
    Upload("leading_zero_ids.csv", "ids as text with leading zeros",
           csv(edited(lambda rows: [[f"{int(c[1:]):06d}", d, a] for c, d, a in rows])),
           Loads(check=lambda df: _ids(df, "000001", "000008"))),
    Upload("long_ids_text.csv", "18-digit ids written as text",
           csv(edited(lambda rows: [[f"1101051990030700{int(c[1:]):02d}", d, a] for c, d, a in rows])),
           Loads(check=lambda df: _ids(df, "110105199003070001"))),
    Upload("id_codes_like_numbers.csv", "ids Excel saved as 6.23457E+11",
           csv(edited(lambda rows: [[f"{int(c[1:])}E{int(c[1:]) * 3}", d, a] for c, d, a in rows])),
           Loads(check=lambda df: _ids(df, "1E3", "8E24"))),
    Upload("good.xlsx", "plain .xlsx", _xlsx(table(text_dates=False)), Loads()),
    Upload("numeric_ids.xlsx", "ids as numbers", _numeric_ids_xlsx, Loads(check=lambda df: _ids(df, "101", "108"))),
    Upload("serial_dates.xlsx", "Excel serial dates", _serial_dates_xlsx,
           Loads(check=lambda df: df["date"].min() == pd.Timestamp("2024-03-01"))),
    Upload("header_row3.xlsx", "header on row 3", _header_row3_xlsx, Loads()),
    Upload("merged_header.xlsx", "merged headers", _merged_header_xlsx, Loads()),
    Upload("second_sheet.xlsx", "data on a second sheet", _second_sheet_xlsx, Loads()),
    Upload("extra_columns.xlsx", "notes beside the table", _extra_columns_xlsx, Loads()),
    Upload("real.xls", "real .xls", _xls, Loads()),
    Upload("sheet.ods", ".ods", _ods, Loads()),
    Upload("damaged_asks_515gb.xls", "a damaged .xls that aborts the reader", _damaged_xls(1122),
           Refused(("已损坏",), ("damaged",))),
    Upload("damaged_panics.xls", "a damaged .xls that aborts the reader", _damaged_xls(722),
           Refused(("已损坏",), ("damaged",))),
    Upload("full_sheet.xlsx", "a full Excel sheet (1,048,576 rows)", _full_sheet,
           Loads(rows=FULL_SHEET_ROWS, customers=5000, total=FULL_SHEET_TOTAL), large=True),
    # --- silently wrong today: refused, naming file, column and rows ---------------------
    Upload("total_row.csv", "a 合计 total row", csv(BASE + [["合计", None, _T]]),
           Refused(("合计行", "删除"), ("total row", "Delete"), rows=(26,))),
    Upload("total_row_en.csv", "a Total row", csv(BASE + [["Total:", None, _T]]),
           Refused(("合计行",), ("total row", "Delete"), rows=(26,))),
    Upload("subtotal_rows.xlsx", "a 合计 total row",
           _xlsx(table(BASE[:12] + [["小计", None, 1.0]] + BASE[12:] + [["总计", None, _T]], text_dates=False)),
           Refused(("合计行", "小计"), ("total row", "subtotal"), rows=(14, 27))),
    Upload("total_in_date_column.csv", "a 合计 total row", csv(BASE + [[None, "合计", _T]]),
           Refused(("合计行",), ("total row",), rows=(26,))),
    Upload("scientific_ids.csv", "ids Excel saved as 6.23457E+11",
           csv([[_scientific(c), d.isoformat(), a] for c, d, a in CARDS]),
           Refused(("科学计数法", "文本"), ("scientific notation", "Text"), column="customer_id", rows=(2, 3, 4, 5, 6))),
    Upload("scientific_ids_text_cells.xlsx", "ids Excel saved as 6.23457E+11",
           _xlsx([HEADER] + [[_scientific(c), d, a] for c, d, a in CARDS]),
           Refused(("科学计数法",), ("scientific notation",), column="customer_id")),
    Upload("long_number_ids.xlsx", "ids of 18 digits stored as numbers", _long_number_ids_xlsx,
           Refused(("15 位", "文本"), ("15 significant digits", "Text"), column="customer_id")),
    Upload("id_two_spellings.xlsx", "the same id as 000017 text and 17 number", _two_spellings_xlsx,
           Refused(("000017", "17", "同一个编号"), ("'000017'", "'17'", "one id written two ways"),
                   column="customer_id", rows=(2, 6))),
    Upload("id_two_spellings.csv", "the same id as 000017 text and 17 number",
           csv(edited(lambda r: [["000017", *r[0][1:]], *r[1:4], ["17", *r[4][1:]], *r[5:]])),
           Refused(("同一个编号",), ("one id written two ways",), column="customer_id", rows=(2, 6))),
    Upload("id_fullwidth_and_case.csv", "the same id as 000017 text and 17 number",
           csv(edited(lambda r: [["Ｃ００１", *r[0][1:]], *r[1:]])),
           Refused(("同一个编号",), ("one id written two ways",), column="customer_id")),
    Upload("two_amount_columns.csv", "two amount columns",
           lambda: w.csv_text([HEADER + ["amount"]] + [r + [1.0] for r in table()[1:]]).encode(),
           Refused(("两列都叫", "C 列", "D 列"), ("two columns called 'amount'", "column C", "column D"),
                   column="amount")),
    Upload("two_amount_columns_spelling.xlsx", "two amount columns",
           _xlsx([["customer_id", "Amount", "date", " amount "]] + [[c, a, d, a * 2] for c, d, a in BASE]),
           Refused(("两列都叫",), ("two columns called", "column B", "column D"), column="amount")),
    Upload("amount_alias_twice.csv", "two amount columns",
           lambda: w.csv_text([["客户编号", "日期", "金额", "消费金额"]] + [r + [1.0] for r in table()[1:]]).encode(),
           Refused(("金额", "消费金额"), ("'金额'", "'消费金额'"), column="amount")),
    Upload("date_2099.csv", "dates in 2099", csv(with_cell(3, 1, "2099-03-01")),
           Refused(("日期不合理", "2099"), ("plausible range", "2099"), column="date", rows=(5,))),
    Upload("date_1989.csv", "dates before 1990", csv(with_cell(7, 1, "1989-12-31")),
           Refused(("日期不合理",), ("plausible range",), column="date", rows=(9,))),
    Upload("date_2099.xlsx", "dates in 2099", _xlsx(table(with_cell(0, 1, dt.date(2099, 3, 1)), text_dates=False)),
           Refused(("日期不合理",), ("plausible range",), column="date", rows=(2,))),
    Upload("amount_1e308.csv", "1e308 amounts giving inf", csv(with_cell(2, 2, "1e308")),
           Refused(("大得不合理",), ("implausibly large",), column="amount", rows=(4,))),
    Upload("amount_inf.csv", "1e308 amounts giving inf", csv(with_cell(2, 2, "1e309")),
           Refused(("不是数字",), ("not a number",), column="amount", rows=(4,))),
    Upload("amount_nan.csv", "non-finite amounts", csv(with_cell(6, 2, "NaN")),
           Refused(("不是数字",), ("not a number",), column="amount", rows=(8,))),
    Upload("amount_error_cell.xlsx", "Excel error cells", _error_cells_xlsx,
           Refused(("不是数字",), ("not a number",), column="amount", rows=(5,))),
    Upload("negative_unicode_minus.csv", "negative amounts with a minus sign variant",
           csv(with_cell(1, 2, "\u221212.50")), Refused(("负数",), ("negative",), column="amount", rows=(3,))),
    Upload("negative_accounting.csv", "negative amounts with a minus sign variant",
           csv(with_cell(5, 2, "(12.50)")), Refused(("负数",), ("negative",), column="amount", rows=(7,))),
    Upload("stray_comma_in_amount.csv", "thousands separators 1,234.50",
           lambda: (w.csv_text(table()) + "C009,2024-03-02,1,234.50\n").encode(),
           Refused(("第 26 行", "千位分隔符"), ("line 26", "thousands separator"), rows=(26,))),
    Upload("mixed_delimiters.csv", "mixed delimiters",
           lambda: (w.csv_text(table()[:17]) + w.csv_text(table()[17:], sep=";")).encode(),
           Refused(("分隔符", "第 18"), ("delimiter", "18, 19, 20, 21, 22"), rows=(18, 19, 20, 21, 22))),
    Upload("header_row25.csv", "header not in the first 20 rows",
           csv(prefix="".join(f"说明 {i}\n" for i in range(24))),
           Refused(("缺少必需的列", "第一行"), ("missing required column", "first row"), column="customer_id")),
    Upload("header_misspelt_row3.xlsx", "header on row 3",
           _xlsx([["报表"], [None], ["custmer_id", "date", "amount"], *table(text_dates=False)[1:]]),
           Refused(("第 3 行", "custmer_id"), ("line 3", "custmer_id"), column="customer_id")),
    Upload("no_table_on_any_sheet.xlsx", "data on a second sheet", _no_table_second_sheet_xlsx,
           Refused(("工作表", "交易"), ("sheet", "'交易'"), column="customer_id")),
    Upload("two_table_sheets.xlsx", "data on a second sheet", _two_tables_xlsx,
           Refused(("多个工作表", "2023", "2024"), ("several sheets", "'2023'", "'2024'"))),
    Upload("empty.xlsx", "empty workbook", _empty_xlsx, Refused(("空的",), ("empty",))),
    Upload("empty.csv", "empty file", lambda: b"\xef\xbb\xbf\r\n", Refused(("空的",), ("empty",))),
    Upload("header_only.csv", "header only", lambda: b"customer_id,date,amount\n",
           Refused(("没有数据行",), ("no data rows",))),
    Upload("html_saved_as.xls", "a web page saved as .xls", _html_as_xls,
           Refused(("网页", ".xlsx"), ("web page", ".xlsx"))),
    Upload("essay.docx", "not a table", _docx, Refused(("不是",), ("not a table",))),
    Upload("password.xlsx", "a password-protected workbook", _encrypted, Refused(("密码",), ("password",))),
    Upload("binary_workbook.xlsb", "a binary workbook (.xlsb)", _xlsb, Refused((".xlsb", ".xlsx"), (".xlsb", ".xlsx"))),
    Upload("noise.bin", "random bytes", lambda: bytes(range(256)) * 8, Refused(("不是",), ("not a table",))),
    # --- bounded time and memory ---------------------------------------------------
    Upload("zip_bomb.xlsx", "an 840 KB crafted .xlsx (zip bomb)", _zip_bomb,
           Refused(("解压后的大小", "上限"), ("uncompressed size", "limit")), large=True),
    Upload("zip_bomb_hidden.xlsx", "an 840 KB crafted .xlsx (zip bomb)", _hidden_bomb,
           Refused(("已损坏",), ("damaged",)), large=True),
    Upload("cells_without_references.xlsx", "an 840 KB crafted .xlsx (zip bomb)", _cells_without_references,
           Refused(("单元格数", "上限"), ("cells", "limit")), large=True),
    Upload("far_apart_cells.xlsx", "cells far apart (A1 and XFD1048576)", _far_cells,
           Refused(("列数", "上限"), ("column", "limit"))),
    Upload("duplicate_reference.xlsx", "cells far apart (A1 and XFD1048576)", _duplicate_reference,
           Refused(("列数", "上限"), ("column", "limit"))),
    Upload("far_apart_rows.xlsx", "cells far apart (A1 and XFD1048576)", _far_rows,
           Refused(("单元格数",), ("cells",))),
    Upload("repeat_bomb.ods", "an .ods repeating one cell a billion times", _ods_repeat_bomb,
           Refused(("上限",), ("limit",))),
    Upload("many_columns.csv", "1,503 columns", _many_columns, Refused(("列数",), ("columns",))),
    Upload("long_line.csv", "a line of 1.5 million characters", _long_line,
           Refused(("第 2 行", "字符"), ("line 2", "characters long")), large=True),
)

BY_NAME = {upload.name: upload for upload in CORPUS}
assert len(BY_NAME) == len(CORPUS), "file names are unique"
