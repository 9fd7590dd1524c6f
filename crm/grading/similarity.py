"""Help for the grader: written answers grouped by similarity, near-copies flagged for review.

Two answers are compared by the overlap (Jaccard) of their character trigrams after case,
punctuation and spacing are set aside; that works alike for Chinese and English text and
needs no model. Answers at least :data:`GROUP_AT` alike fall in one group (single linkage), so
a grader can mark similar answers one after another; a pair at least :data:`COPY_AT` alike,
both long enough to mean something, is flagged. A flag is a reason to look, never a verdict:
two students quoting the prompt and the same numbers can be alike without copying.
"""
from __future__ import annotations

import re
import unicodedata
from itertools import combinations
from typing import Mapping, Sequence

GROUP_AT = 0.35
COPY_AT = 0.80
MIN_CHARS = 40  # shorter answers are too short to call copies


def shingles(text: str, n: int = 3) -> frozenset[str]:
    """The character ``n``-grams of ``text`` without case, punctuation or spacing."""
    bare = "".join(ch for ch in unicodedata.normalize("NFKC", text).lower()
                   if unicodedata.category(ch)[0] in "LN")
    return frozenset(bare[i:i + n] for i in range(max(len(bare) - n + 1, 0))) or frozenset([bare] if bare else [])


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two shingle sets (0 when either is empty)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def similarity_groups(texts: Mapping[str, str], order: Sequence[str]) -> tuple[list[list[str]], dict[str, list[str]]]:
    """Groups of similar answers, and the near-copies of each answer.

    Parameters
    ----------
    texts : mapping of str to str
        Student -> answer text (answered ones only).
    order : sequence of str
        The students in marking order (e.g. by paper number); groups keep it.

    Returns
    -------
    groups : list of list of str
        Students, grouped; a group is placed where its first member comes in ``order``.
    copies : dict of str to list of str
        Student -> the students whose answers are near-copies of theirs.
    """
    students = [s for s in order if s in texts]
    sets = {s: shingles(texts[s]) for s in students}
    parent = {s: s for s in students}

    def root(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    copies: dict[str, list[str]] = {}
    long_enough = {s for s in students if len(re.sub(r"\s", "", texts[s])) >= MIN_CHARS}
    for a, b in combinations(students, 2):
        score = jaccard(sets[a], sets[b])
        if score >= GROUP_AT:
            parent[root(b)] = root(a)
        if score >= COPY_AT and a in long_enough and b in long_enough:
            copies.setdefault(a, []).append(b)
            copies.setdefault(b, []).append(a)
    groups: dict[str, list[str]] = {}
    for s in students:
        groups.setdefault(root(s), []).append(s)
    return sorted(groups.values(), key=lambda g: students.index(g[0])), copies
