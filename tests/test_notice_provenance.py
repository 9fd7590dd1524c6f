"""A Notice says where its pattern comes from (issue 22; the house rule is in CONTRIBUTING.md, "Notice cells").

The data of every case is generated, so a pattern a "Notice" (注意) cell reports is one the generator
put there. The rule, as far as a machine can hold it:

1. **It names its assumptions, and the datasheet lists them.** A Notice that states something about the
   data (a sentence registered with a check in :mod:`tests.test_notebook_claims`, or a Notice computed
   by a code cell) names, between backticks, the assumptions of the data set its pattern rests on, in
   both halves (中文 and English, the same names), and says what they are ("assumption", "assumed" / "假设", or
   "built to follow the source" / "按来源"). Every name between backticks in a Notice is a row of the
   case's datasheet assumption table (``data/<case>/datasheet.md``): the link is checked both ways.
2. **Every figure is computed or the source's.** Each number in a written Notice's English half (the
   half :mod:`tests.test_notebook_claims` registers) is in one of that Notice's registered sentences (each
   checked against the loaded tables) or in a sentence the datasheet quotes from the source; references
   to a section, an exercise question or a year are not figures. A computed Notice computes its figures.

What it cannot check, the reviewer does: that a Notice gives a generated pattern no cause the data does
not carry ("in this data" is a statement about the generator, not about the firm).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from crm.cases import CASES as REGISTRY
from tests.test_notebook_claims import CLAIMS, NO_DATA_CLAIM

ROOT = Path(__file__).resolve().parents[1]
CASES = tuple(REGISTRY)  # every case the registry finds, a new one included
HEADER = "**注意 / Notice:**"
_KEY = re.compile(r"`([^`]+)`")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_REFERENCE = re.compile(r"(?:exercise question|question|section|seeds/)\s*\d+|第\s*\d+\s*[节题]|\b(?:19|20)\d\d\b")


@lru_cache(maxsize=None)
def datasheet_assumptions(case: str) -> frozenset[str]:
    """The names in the committed datasheet's "Modelling assumptions" table."""
    names, inside = set(), False
    for line in (ROOT / "data" / case / "datasheet.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line.startswith("## Modelling assumptions")
        elif inside and line.startswith("| `"):
            names.add(line.split("`")[1])
    return frozenset(names)


def halves(notice: str) -> tuple[str, str]:
    """(中文, English) of a Notice: the text after the header, the English in the closing *...*."""
    body = notice.split("**想一想")[0].split(HEADER, 1)[1].strip()
    m = re.search(r"\*([^*]+)\*$", body)
    assert m, f"a Notice ends with its English half in *...*: {body[:80]}"
    return body[:m.start()], m.group(1)


@lru_cache(maxsize=None)
def notices(case: str) -> tuple[tuple[str, bool], ...]:
    """Every Notice of the case notebook, and whether it is written (markdown) rather than computed."""
    nb = nbformat.read(ROOT / "cases" / f"{case}.ipynb", as_version=4)
    out = []
    for c in nb.cells:
        if c.cell_type == "markdown" and HEADER in c.source:
            out.append((c.source, True))
        elif c.cell_type == "code":
            for o in c.get("outputs", []):
                text = o.get("data", {}).get("text/markdown", "")
                if HEADER in text:
                    out.append((text, False))
    return tuple(out)


def _registered(case: str, notice: str) -> list[str]:
    return [c.says for c in CLAIMS if c.case == case and c.says in notice]


def _states_data(case: str, notice: str, written: bool) -> bool:
    """A computed Notice, or one carrying a registered sentence, states a pattern of the data."""
    return not written or bool(_registered(case, notice))


@pytest.mark.parametrize("case", CASES)
def test_every_notice_names_the_assumptions_its_pattern_rests_on(case):
    """Before issue 22 no Notice named one; futures §7 gave a generated pattern a cause instead."""
    found = notices(case)
    assert found, case
    for notice, written in found:
        zh, en = halves(notice)
        if not _states_data(case, notice, written):
            assert any(s in notice for (k, s) in NO_DATA_CLAIM if k == case), notice[:120]
            continue
        keys_zh, keys_en = set(_KEY.findall(zh)), set(_KEY.findall(en))
        assert keys_en, f"{case}: a Notice that states a pattern of the data names no assumption: {en[:120]}"
        assert keys_zh == keys_en, f"{case}: the two halves name different assumptions: {keys_zh ^ keys_en}"
        assert "assum" in en or "built to follow the source" in en, en[:120]  # assumption, assumed
        assert "假设" in zh or "按来源" in zh, zh[:120]


@pytest.mark.parametrize("case", CASES)
def test_every_name_a_notice_gives_is_in_the_datasheet_and_the_generator(case):
    listed, named = datasheet_assumptions(case), set(REGISTRY[case].ASSUMPTIONS)
    assert listed == named, f"{case}: the committed datasheet is stale: regenerate with python -m crm.cases"
    for notice, _ in notices(case):
        for key in _KEY.findall(notice.split("**想一想")[0]):
            assert key in listed, f"{case}: `{key}` is in a Notice but not in data/{case}/datasheet.md"


@pytest.mark.parametrize("case", CASES)
def test_every_figure_in_a_written_notice_is_checked_or_quoted(case):
    source = " ".join(quote for _, quote, _ in REGISTRY[case].QUOTES)
    source_figures = set(_NUMBER.findall(source))
    for notice, written in notices(case):
        if not written:
            continue  # computed: its code computes every figure
        _, en = halves(notice)
        checked = {n for s in _registered(case, notice) for n in _NUMBER.findall(s)}
        text = _REFERENCE.sub(" ", _KEY.sub(" ", en))
        loose = [n for n in _NUMBER.findall(text) if n not in checked and n not in source_figures]
        assert not loose, f"{case}: figures neither checked on the data nor quoted from the source: {loose} in {en[:120]}"


def test_the_rule_fails_a_notice_that_names_nothing():
    """The checks themselves: a pattern stated with no assumption, or with an unlisted one, is caught."""
    bare = f"{HEADER} 差距来自第 1 节的路由。*The gap is the consequence of the routing in section 1.*"
    zh, en = halves(bare)
    assert not _KEY.findall(en)
    invented = f"{HEADER} 见 `no_such_key` 的假设。*See the assumption `no_such_key`.*"
    assert "no_such_key" not in datasheet_assumptions("futures") and _KEY.findall(halves(invented)[1]) == ["no_such_key"]
