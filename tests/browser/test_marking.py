"""The marking app in Debian's chromium: three students marked by mouse and keyboard, the browser
closed and the server restarted, the marks still there, then merged into the gradebook and the
feedback files exactly as marked. Hostile answer text is shown, never run."""
import html
import re
import time

import pandas as pd
import pytest

from crm.grading.marks import read_marks
from crm.grading.merge import write_merged
from tests.browser.conftest import HAVE_CHROMIUM, ROOT
from tests.browser.layout import layout_problems
from tests.grading.written_round import make_round
from widgets.app.marking import serving

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not HAVE_CHROMIUM, reason="Debian's chromium is missing: run tests/install-browser.sh")]
TIMEOUT_MS = 120_000
STUDENTS = {"ann": "Ann Li", "bo": "Bo Wu", "cy": "Cy Zhang", "dee": "Dee Evil", "eve": None}
ANSWER = ".crm-mark-answer pre"


def shown_student(page) -> str:
    """Whose answer the page shows (each answer carries its student's marker)."""
    text = page.locator(ANSWER).inner_text(timeout=TIMEOUT_MS)
    m = re.search(r"marker-(\w+)-one", text)
    return m.group(1) if m else "dee"  # the hostile answer has no marker


def wait_for(page, student_before):
    page.wait_for_function("s => !document.querySelector('.crm-mark-answer pre').innerText.includes('marker-' + s + '-one')",
                           arg=student_before, timeout=TIMEOUT_MS)


def box(page, n):
    return page.get_by_role("checkbox", name=re.compile(rf"^{n}\. "))


def wait_marked(folder, n, deadline=30.0):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if len(read_marks(folder)) >= n:
            return read_marks(folder)
        time.sleep(0.2)
    return read_marks(folder)


def open_app(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_selector(ANSWER, timeout=TIMEOUT_MS)
    return context, page


def test_mark_three_close_reopen_merge(browser, tmp_path, shots):
    folder = tmp_path / "gradebook"
    questions = make_round(folder, tmp_path, STUDENTS, hostile="dee")
    rubric = questions["d1"].rubric
    marked = {}
    with serving(folder, log=tmp_path / "mark1.log") as url:
        context, page = open_app(browser, url)
        body = page.inner_text("body")
        assert "Ann Li" not in body and "ann" not in body.replace("marker-ann", "")  # anonymous by default
        assert "1 / " not in body and "0 / 4" in body  # progress: nothing marked of four answers (eve gave none)
        # Paper 1: two lines ticked with the mouse, one by key, a comment typed.
        first = shown_student(page)
        box(page, 1).click()
        box(page, 2).click()
        page.keyboard.press("3")
        page.locator(".crm-mark-comment textarea").fill("好 =SUM(A1) <b>bold</b>")
        page.keyboard.press("Escape")
        marked[first] = ({rubric[0].cid, rubric[1].cid, rubric[2].cid}, "好 =SUM(A1) <b>bold</b>")
        wait_marked(folder, 1)
        # Paper 2, by keyboard only: next paper, tick line 2, Enter saves and goes on to the next unmarked.
        page.keyboard.press("ArrowRight")
        wait_for(page, first)
        second = shown_student(page)
        page.keyboard.press("2")
        wait_marked(folder, 2)
        page.keyboard.press("Enter")
        wait_for(page, second)
        marked[second] = ({rubric[1].cid}, "")
        # Paper 3: nothing ticked, a comment only (0 points, marked).
        third = shown_student(page)
        page.locator(".crm-mark-comment textarea").fill("请引用你的数字。")
        marked[third] = (set(), "请引用你的数字。")
        marks = wait_marked(folder, 3)
        page.wait_for_function("() => document.body.innerText.includes('3 / 4')", timeout=TIMEOUT_MS)
        assert page.evaluate("() => window.__pwned") is None  # the hostile answer never ran
        page.screenshot(path=str(shots / "marking.png"))
        context.close()  # the browser closes without any "save"
    assert len({first, second, third}) == 3
    for student, (met, comment) in marked.items():
        m = marks[(student, "d1")]
        assert set(m.met) == met and m.comment == comment, student

    with serving(folder, log=tmp_path / "mark2.log") as url:  # a new server: nothing kept in memory
        context, page = open_app(browser, url)
        page.wait_for_function("() => document.body.innerText.includes('3 / 4')", timeout=TIMEOUT_MS)
        assert shown_student(page) == first
        assert [box(page, i + 1).is_checked() for i in range(len(rubric))] == [
            c.cid in marked[first][0] for c in rubric]
        assert page.locator(".crm-mark-comment textarea").input_value() == marked[first][1]
        context.close()

    write_merged(folder)
    grades = pd.read_csv(folder / "grades.csv", encoding="utf-8-sig", keep_default_na=False)
    d1 = grades[grades["question"] == "d1"].set_index("student")
    for student, (met, comment) in marked.items():
        assert d1.loc[student, "status"] == "marked"
        assert d1.loc[student, "points"] == sum(c.points for c in rubric if c.cid in met)
        assert d1.loc[student, "comment"] == comment
        page_en = (folder / "feedback" / f"{student}.en.html").read_text(encoding="utf-8")
        for c in rubric:
            assert (f"✔ met ({c.points:g}): {html.escape(c.en)}" in page_en) == (c.cid in met)
    assert set(d1.index[d1["status"] == "to mark"]) == {"ann", "bo", "cy", "dee"} - set(marked)


def test_the_marking_app_looks_finished_in_both_languages(browser, tmp_path):
    """At a laptop's 1366×768, in 中文 and English: the layout checks of the case apps (a student's own
    answer is the student's words, in whatever language, like quoted source); screenshots to docs/."""
    folder = tmp_path / "gradebook"
    make_round(folder, tmp_path, STUDENTS, hostile="dee")
    shots = ROOT / "docs" / "screenshots"
    with serving(folder, log=tmp_path / "mark.log") as url:
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
        page = context.new_page()
        try:
            page.goto(url, timeout=TIMEOUT_MS)
            page.wait_for_selector(ANSWER, timeout=TIMEOUT_MS)
            page.wait_for_timeout(500)
            problems = {"zh": layout_problems(page, "zh")}
            page.screenshot(path=str(shots / "marking-zh-1366.png"))
            page.locator(".widget-toggle-button", has_text="English").first.click()
            page.wait_for_function("() => document.body.innerText.includes('This question:')", timeout=TIMEOUT_MS)
            page.wait_for_timeout(500)
            problems["en"] = layout_problems(page, "en")
            page.screenshot(path=str(shots / "marking-en-1366.png"))
        finally:
            context.close()
    found = {lang: p for lang, p in problems.items() if p}
    assert not found, found
