"""The grader's manual marks: one SQLite file beside the gradebook, written as each mark is made.

A mark is the rubric lines a grader ticked for one student's answer to one written question,
and a comment. The marking app saves each change at once (one committed transaction: a
browser that closes loses nothing); ``crm-grade`` only reads this file, so re-running the
automatic grading never touches a mark. Points are not stored as typed: they are the sum of
the ticked lines' points, computed from the rubric when the gradebook is merged.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

MARKS_FILE = "marks.sqlite"
MAX_COMMENT = 5_000  # characters of a grader's comment


@dataclass(frozen=True)
class Mark:
    """A grader's mark: the rubric lines met, a comment, when it was last changed."""

    student: str
    question: str
    met: frozenset[str] = field(default_factory=frozenset)
    comment: str = ""
    updated: float = 0.0


class MarkStore:
    """The marks of one gradebook folder (``<folder>/marks.sqlite``).

    Each :meth:`save` is its own committed transaction; several readers and one app may
    have the file open at once (SQLite's write-ahead log).
    """

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / MARKS_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS marks (student TEXT NOT NULL, question TEXT NOT NULL, "
                         "met TEXT NOT NULL, comment TEXT NOT NULL, updated REAL NOT NULL, "
                         "PRIMARY KEY (student, question))")
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "MarkStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save(self, student: str, question: str, met: set[str] | frozenset[str], comment: str = "") -> Mark:
        """Store the mark of ``student`` on ``question`` (replacing an earlier one), committed at once."""
        mark = Mark(student, question, frozenset(met), str(comment)[:MAX_COMMENT], time.time())
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO marks VALUES (?, ?, ?, ?, ?)",
                             (student, question, json.dumps(sorted(mark.met)), mark.comment, mark.updated))
        return mark

    def get(self, student: str, question: str) -> Mark | None:
        """The mark of ``student`` on ``question``, or None if not marked yet."""
        row = self._db.execute("SELECT * FROM marks WHERE student = ? AND question = ?", (student, question)).fetchone()
        return _mark(row) if row else None

    def all(self) -> dict[tuple[str, str], Mark]:
        """Every mark, by (student, question)."""
        return {(r[0], r[1]): _mark(r) for r in self._db.execute("SELECT * FROM marks")}


def _mark(row: tuple) -> Mark:
    return Mark(row[0], row[1], frozenset(json.loads(row[2])), row[3], row[4])


def read_marks(folder: Path) -> dict[tuple[str, str], Mark]:
    """Every mark of a gradebook folder; none if nobody has marked yet (the file is not created)."""
    if not (Path(folder) / MARKS_FILE).exists():
        return {}
    with MarkStore(folder) as store:
        return store.all()
