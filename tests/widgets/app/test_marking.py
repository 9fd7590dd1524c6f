"""The marking app's model without a browser: anonymous papers, every change saved at once, keys, progress."""
import html
import json

import pytest

from crm.grading.marks import MarkStore, read_marks
from crm.grading.merge import WRITTEN_FILE
from tests.grading.written_round import HOSTILE, make_round
from widgets.app.marking import MarkingApp, marking_app
from widgets.i18n import Language

STUDENTS = {"ann": "Ann Li", "bo": "Bo Wu", "cy": None, "dee": "Dee Evil"}


@pytest.fixture()
def folder(tmp_path):
    out = tmp_path / "gradebook"
    make_round(out, tmp_path, STUDENTS, hostile="dee")
    return out


def visible(app) -> str:
    return " ".join(str(getattr(w, attr, "")) for w in (app.where, app.answer, app.flags, app.progress, app.prompt)
                    for attr in ("value",))


def test_papers_are_anonymous_until_names_are_asked_for(folder):
    app = MarkingApp(folder, lang=Language())
    seen = set()
    for _ in range(3):
        text = visible(app)
        assert "Ann Li" not in text and "Bo Wu" not in text and "Dee Evil" not in text
        seen.add(app.current())
        app.step(1)
    assert seen == {"ann", "bo", "dee"}  # cy gave no answer: nothing to mark
    app.show_names.value = True
    assert STUDENTS[app.current()] in app.where.value


def test_every_tick_and_keystroke_is_saved_at_once(folder):
    app = MarkingApp(folder, lang=Language())
    student = app.current()
    app.key("1")
    assert read_marks(folder)[(student, "d1")].met == {app.specs["d1"]["rubric"][0]["cid"]}
    app.comment.value = "好"
    app.comment.value = "好的"
    assert read_marks(folder)[(student, "d1")].comment == "好的"
    app.key("1")
    assert read_marks(folder)[(student, "d1")].met == frozenset()
    assert "0 / 4" in app.points.value or "0 / " in app.points.value


def test_showing_a_paper_saves_nothing_and_reopening_shows_the_marks(folder):
    app = MarkingApp(folder, lang=Language())
    for key in ("n", "n", "p", "ArrowRight", "ArrowLeft", "u"):
        app.key(key)
    app.question.value = "d2"
    assert read_marks(folder) == {}
    app.question.value = "d1"
    app.pos = 0
    app.refresh()
    app.key("2")
    app.key("3")
    app.comment.value = "引用数字"
    first = app.current()
    again = MarkingApp(folder, lang=Language())  # a new page: everything comes from marks.sqlite
    assert again.current() == first
    assert [b.value for b in again.boxes] == [False, True, True] and again.comment.value == "引用数字"


def test_enter_marks_as_seen_and_goes_to_the_next_unmarked(folder):
    app = MarkingApp(folder, lang=Language())
    order = list(app.order["d1"])
    app.key("Enter")
    assert read_marks(folder)[(order[0], "d1")].met == frozenset()  # marked, 0 points
    assert app.current() == order[1]
    app.key("Enter")
    app.key("Enter")
    assert set(s for s, q in read_marks(folder) if q == "d1") == set(order)
    assert "3 / 3" in app.progress.value and app.progress_bar.value == 3


def test_hostile_text_is_escaped_in_the_app(folder):
    app = MarkingApp(folder, lang=Language())
    while app.current() != "dee":
        app.step(1)
    assert "<script>" not in app.answer.value and "<img" not in app.answer.value
    assert html.escape(HOSTILE) in app.answer.value


def test_the_language_switch_relabels_the_app(folder):
    lang = Language()
    app = MarkingApp(folder, lang=lang)
    assert "下一份" in app.next.description
    lang.code = "en"
    assert app.next.description.startswith("Next") and "Paper #" in app.where.value


def test_near_copies_are_flagged_and_grouped(folder):
    record = json.loads((folder / WRITTEN_FILE).read_text(encoding="utf-8"))
    record["answers"]["bo"]["d2"]["text"] = record["answers"]["ann"]["d2"]["text"] + "。"  # bo copied ann
    (folder / WRITTEN_FILE).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    app = MarkingApp(folder, lang=Language())
    app.question.value = "d2"
    order = app.order["d2"]
    assert abs(order.index("ann") - order.index("bo")) == 1  # marked one after the other
    while app.current() != "bo":
        app.step(1)
    assert "⚑" in app.flags.value and f"#{app.papers['ann']}" in app.flags.value
    assert app.copies["d2"].get("dee") is None


def test_without_a_round_the_app_says_what_to_run(tmp_path):
    assert "crm-grade" in marking_app(tmp_path).value
