"""Every quoted line of a case notebook is the source's own words (issue 22).

A block quote (``> ...``) in ``cases/*.ipynb`` quotes a seed file: each piece between
ellipses ("……") must occur verbatim in one of ``/work/shared/seeds/*.txt``. Comparison ignores
whitespace, full- or half-width punctuation, enumeration commas and a diagram's arrows
("→", the source's figures are scraped as bare words) and the scrape's page markers ("3、"
after a page break), nothing else; the citation at the end of the line (（`seeds/...`）,
（同上）) and a trailing note in parentheses such as （原文如此 / sic） are not part of the
quote. Words the source does not have fail, and so do pieces taken from different seeds. Pieces
joined with "……" from distant places of one seed pass: that a notebook keeps them apart (one
block quote per passage, as carcare §6 now does) is the reviewer's part of the rule
(CONTRIBUTING.md, "Quotes").
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from crm.cases import CASES as REGISTRY

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path("/work/shared/seeds")
CASES = tuple(REGISTRY)  # every case the registry finds, a new one included
_WIDTH = str.maketrans("，；：（）！？“”‘’、", ",;:()!?\"\"''、")
_CITATION = re.compile(r"[（(][^（()）]*(seeds/|同上|原文|sic|下同)[^（()）]*[)）]\s*$")


def _norm(text: str) -> str:
    return re.sub(r"[\s、→]+", "", text.translate(_WIDTH))


@lru_cache(maxsize=None)
def seeds() -> dict[str, str]:
    out = {}
    for p in sorted(SEEDS.glob("*.txt")):
        raw = p.read_text(encoding="utf-8")
        out[p.name] = _norm(re.sub(r"\n\s*\n\d+、", "", raw))
    return out


def quotes(case: str) -> list[str]:
    nb = nbformat.read(ROOT / "cases" / f"{case}.ipynb", as_version=4)
    lines = [line[1:].strip() for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
             if line.startswith(">")]
    return [q for q in lines if q]


def pieces(quote: str) -> list[str]:
    while _CITATION.search(quote):
        quote = _CITATION.sub("", quote).strip()
    return [p for p in (_norm(s).strip(",.;:。;，") for s in re.split(r"……|\.\.\.|…", quote)) if len(p) >= 4]


@pytest.mark.skipif(not SEEDS.exists(), reason="the source documents are not on this machine")
@pytest.mark.parametrize("case", CASES)
def test_every_quoted_piece_is_in_one_seed(case):
    missing = []
    for quote in quotes(case):
        found = [{name for name, text in seeds().items() if p in text} for p in pieces(quote)]
        if not all(found) or not set.intersection(*found):
            missing.append((quote[:80], [p[:30] for p, f in zip(pieces(quote), found) if not f]))
    assert not missing, missing


def test_the_rule_catches_a_spliced_or_invented_quote():
    """The check itself: a made-up line fails, a real one (with its citation) passes."""
    if not SEEDS.exists():
        pytest.skip("the source documents are not on this machine")
    real = "合规部除负责合规监测、合规培训等工作外,还负责客户投诉工作。（`seeds/000_20c42c6c043d0e77.txt`）"
    assert all(any(p in t for t in seeds().values()) for p in pieces(real))
    invented = "车佰汇承诺 30 分钟内响应。"
    assert not all(any(p in t for t in seeds().values()) for p in pieces(invented))
