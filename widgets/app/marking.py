"""The marking app (``crm-mark GRADEBOOK``): written answers marked one question at a time.

``crm-grade`` collects the written answers into ``GRADEBOOK/written.json``; this app (a Voila
page, no code shown) shows one question across all students: the answer, the numbers a good
answer should use (on the students' data and on the grading variant), the rubric as
checkboxes and a comment box. Papers are anonymous by default ("paper #7"; names only on
request), ordered so that similar answers come one after another, near-copies flagged.

Every tick and every keystroke of a comment is saved at once in ``GRADEBOOK/marks.sqlite``
(:mod:`crm.grading.marks`): closing the browser loses nothing. ``crm-grade --merge GRADEBOOK``
then writes the merged gradebook and the feedback files.

Keys (outside the comment box): → / n next paper, ← / p previous, u next unmarked, 1–9 tick
a rubric line, Enter mark as seen and go on, c write a comment (Esc leaves the box).
"""
from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator, Sequence

import anywidget
import ipywidgets as W
import traitlets

from crm.grading.marks import MarkStore
from crm.grading.merge import ROUND_FILE, WRITTEN_FILE
from crm.grading.similarity import similarity_groups
from widgets.i18n import LANG, Language, language_picker, t
from widgets.view import View

ENV_FOLDER = "CRM_MARK_DIR"
NOTEBOOK = Path(__file__).with_name("marking.ipynb")



class KeyNav(anywidget.AnyWidget):
    """Sends the marking keys pressed anywhere on the page (not while typing in a text box) to Python."""

    _esm = r"""
    const KEYS = new Set(["ArrowRight", "ArrowLeft", "n", "p", "u", "Enter", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    function render({ model, el }) {
      el.classList.add("crm-mark-keys");
      const onKey = (e) => {
        const target = e.target;
        const typing = target && (target.tagName === "TEXTAREA" ||
                                  (target.tagName === "INPUT" && target.type !== "checkbox"));
        if (typing) { if (e.key === "Escape") target.blur(); return; }
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        if (e.key === "c") {
          const box = document.querySelector(".crm-mark-comment textarea");
          if (box) { e.preventDefault(); box.focus(); }
          return;
        }
        if (!KEYS.has(e.key)) return;
        e.preventDefault();
        model.send({ key: e.key });
      };
      // Capture: the text widgets stop their keys from bubbling (Esc must still leave the comment box).
      document.addEventListener("keydown", onKey, true);
      return () => document.removeEventListener("keydown", onKey, true);
    }
    export default { render };
    """
    pressed = traitlets.Unicode("").tag(sync=False)


class MarkingApp(View):
    """One written question at a time across all students, marks saved as they are made.

    Parameters
    ----------
    folder : Path
        A gradebook folder written by ``crm-grade`` (``written.json``, ``round.json``).
    """

    def __init__(self, folder: Path, lang: Language = LANG) -> None:
        self.folder, self.lang = Path(folder), lang
        self.record = json.loads((self.folder / WRITTEN_FILE).read_text(encoding="utf-8"))
        kept = json.loads((self.folder / ROUND_FILE).read_text(encoding="utf-8"))
        self.names = {s: p.get("name", s) for s, p in kept.get("people", {}).items()}
        self.store = MarkStore(self.folder)
        self.specs = self.record["questions"]
        self.papers: dict[str, int] = self.record["papers"]
        self.qids = list(self.specs)
        self.order, self.copies, self.group_of, self.silent = {}, {}, {}, {}
        for qid in self.qids:
            texts = {s: a[qid]["text"] for s, a in self.record["answers"].items()
                     if a.get(qid, {}).get("status") == "answered"}
            by_paper = sorted(texts, key=lambda s: self.papers.get(s, 0))
            groups, self.copies[qid] = similarity_groups(texts, by_paper)
            self.order[qid] = [s for g in groups for s in g]
            self.group_of[qid] = {s: len(g) - 1 for g in groups for s in g}
            self.silent[qid] = len(self.record["answers"]) - len(texts)
        self.qid, self.pos, self._loading = (self.qids[0] if self.qids else ""), 0, False

        self.title, self.message = W.HTML(layout=W.Layout(margin="0 32px 0 0")), W.HTML()
        self.question = W.ToggleButtons(options=self.qids, value=self.qid or None)
        self.show_names = W.Checkbox(value=False, indent=False)
        self.progress_bar = W.IntProgress(min=0, max=1, layout=W.Layout(width="300px"))
        self.progress = W.HTML()
        self.prev, self.next = W.Button(), W.Button()
        self.next_open = W.Button()
        self.seen = W.Button(button_style="primary", layout=W.Layout(width="auto", min_width="148px", align_self="flex-start"))
        self.where, self.prompt, self.numbers, self.flags = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self.answer = W.HTML()
        self.answer.add_class("crm-mark-answer")
        self.rubric = W.VBox()
        self.points = W.HTML()
        self.comment = W.Textarea(continuous_update=True, layout=W.Layout(width="calc(100% - 8px)", height="6em"))
        self.comment.add_class("crm-mark-comment")
        self.keys_help, self.keynav = W.HTML(), KeyNav()
        self.boxes: list[W.Checkbox] = []

        self.question.observe(lambda c: self._go(c["new"], 0), names="value")
        self.show_names.observe(lambda _: self.refresh(), names="value")
        self.prev.on_click(lambda _: self.step(-1))
        self.next.on_click(lambda _: self.step(1))
        self.next_open.on_click(lambda _: self.next_unmarked())
        self.seen.on_click(lambda _: self.mark_seen())
        self.comment.observe(lambda _: self._save(), names="value")
        self.keynav.on_msg(lambda _w, content, _b: self.key(str(content.get("key", ""))))
        super().__init__([
            W.HBox([self.title, language_picker(lang)], layout=W.Layout(align_items="center")), self.message,
            W.HBox([self.question, self.show_names]), W.HBox([self.progress_bar, self.progress]),
            W.HBox([self.prev, self.next, self.next_open, self.where]),
            self.prompt, self.numbers, self.flags, self.answer, self.rubric, self.points, self.comment,
            self.seen, self.keys_help, self.keynav], lang=lang)
        self.refresh()

    # --- what is shown -------------------------------------------------------------------------
    def current(self) -> str | None:
        """The student whose answer is shown, or None when the question has none to mark."""
        papers = self.order.get(self.qid, [])
        return papers[self.pos] if papers else None

    def _paper(self, student: str) -> str:
        label = t("mark.paper", self.lang.code, n=self.papers.get(student, 0))
        if self.show_names.value:
            label += f" · {self.names.get(student, student)} ({student})"
        return label

    def refresh(self) -> None:
        code = self.lang.code
        self.title.value = f"<h2>{html.escape(t('mark.title', code))}</h2>"
        self.show_names.description = t("mark.names", code)
        for button, key in ((self.prev, "mark.prev"), (self.next, "mark.next"), (self.next_open, "mark.unmarked"),
                            (self.seen, "mark.seen")):
            button.description = t(key, code)
        self.comment.placeholder = t("mark.comment", code)
        self.keys_help.value = f"<small>{html.escape(t('mark.keys', code))}</small>"
        spec = self.specs.get(self.qid, {})
        self.prompt.value = f"<p><b>{html.escape(self.qid)}</b> {html.escape(spec.get('prompt', {}).get(code, ''))}</p>"
        rows = "".join(f"<tr><td>{html.escape(n[code])} ({html.escape(n['qid'])})</td><td>{html.escape(n['students'])}"
                       f"</td><td>{html.escape(n['variant'])}</td></tr>" for n in spec.get("numbers", []))
        self.numbers.value = ('<table class="crm-mark-numbers" style="border-spacing:16px 4px">'
                              f"<tr><th>{html.escape(t('mark.numbers', code))}</th>"
                              f"<th>{html.escape(t('mark.on_students', code))}</th>"
                              f"<th>{html.escape(t('mark.on_variant', code, seed=self.record.get('seed')))}</th></tr>"
                              f"{rows}</table>") if rows else ""
        self._show_progress()
        student = self.current()
        self._loading = True
        try:
            if student is None:
                self.where.value, self.answer.value, self.flags.value = "", "", ""
                self.answer.value = f"<p>{html.escape(t('mark.none', code))}</p>"
                self.rubric.children, self.boxes, self.points.value = (), [], ""
                return
            papers = self.order[self.qid]
            mark = self.store.get(student, self.qid)
            state = t("mark.marked" if mark else "mark.open", code)
            self.where.value = (f"<b>{html.escape(self._paper(student))}</b> · "
                                f"{html.escape(t('mark.position', code, i=self.pos + 1, k=len(papers)))} · {state}")
            text = self.record["answers"][student][self.qid]["text"]
            self.answer.value = ('<pre style="white-space:pre-wrap;background:#f5f5f5;padding:.5em;border-left:3px solid #1f77b4">'
                                 f"{html.escape(text)}</pre>")
            flags = []
            if self.group_of[self.qid].get(student):
                flags.append(html.escape(t("mark.group", code, n=self.group_of[self.qid][student])))
            if self.copies[self.qid].get(student):
                others = ", ".join(t("mark.paper", code, n=self.papers.get(s, 0)) for s in self.copies[self.qid][student])
                flags.append(f'<span class="crm-mark-copy">{html.escape(t("mark.copy", code, papers=others))}</span>')
            self.flags.value = "<br>".join(flags)
            met = mark.met if mark else frozenset()
            self.boxes = [W.Checkbox(value=c["cid"] in met, indent=False, layout=W.Layout(width="auto"),
                                     description=f"{i + 1}. {c[code]} ({c['points']:g})")
                          for i, c in enumerate(spec.get("rubric", []))]
            for box in self.boxes:
                box.observe(lambda _: self._save(), names="value")
            self.rubric.children = self.boxes
            self.comment.value = mark.comment if mark else ""
            self._show_points()
        finally:
            self._loading = False

    def _show_points(self) -> None:
        spec = self.specs.get(self.qid, {})
        got = sum(c["points"] for c, box in zip(spec.get("rubric", []), self.boxes) if box.value)
        self.points.value = f"<b>{html.escape(t('mark.points', self.lang.code, points=got, most=spec.get('points', 0)))}</b>"

    def _show_progress(self) -> None:
        marks = self.store.all()
        done = {q: sum((s, q) in marks for s in self.order[q]) for q in self.qids}
        total = {q: len(self.order[q]) for q in self.qids}
        self.progress_bar.max = max(total.get(self.qid, 0), 1)
        self.progress_bar.value = done.get(self.qid, 0)
        text = t("mark.progress", self.lang.code, done=done.get(self.qid, 0), total=total.get(self.qid, 0),
                 all_done=sum(done.values()), all_total=sum(total.values()))
        if self.silent.get(self.qid):
            text += " " + t("mark.no_answer", self.lang.code, n=self.silent[self.qid])
        self.progress.value = html.escape(text)

    # --- what the grader does ------------------------------------------------------------------
    def _save(self) -> None:
        student = self.current()
        if self._loading or student is None:
            return
        spec = self.specs[self.qid]
        met = {c["cid"] for c, box in zip(spec["rubric"], self.boxes) if box.value}
        self.store.save(student, self.qid, met, self.comment.value)
        self._show_points()
        self._show_progress()
        self.where.value = self.where.value.replace(t("mark.open", self.lang.code), t("mark.marked", self.lang.code))

    def _go(self, qid: str, pos: int) -> None:
        self.qid, self.pos = qid, pos
        self.refresh()

    def step(self, by: int) -> None:
        """Show the paper ``by`` places on (stops at either end)."""
        papers = self.order.get(self.qid, [])
        if papers:
            self.pos = min(max(self.pos + by, 0), len(papers) - 1)
            self.refresh()

    def next_unmarked(self) -> None:
        """Show the next paper of this question not marked yet (from the current one on, wrapping)."""
        papers = self.order.get(self.qid, [])
        marks = self.store.all()
        for k in range(1, len(papers) + 1):
            i = (self.pos + k) % len(papers)
            if (papers[i], self.qid) not in marks:
                self.pos = i
                break
        self.refresh()

    def mark_seen(self) -> None:
        """Save the paper as marked as it stands (no line ticked is 0 points), then show the next."""
        self._save()
        self.next_unmarked()

    def toggle(self, n: int) -> None:
        """Tick or untick rubric line ``n`` (1-based)."""
        if 1 <= n <= len(self.boxes):
            self.boxes[n - 1].value = not self.boxes[n - 1].value

    def key(self, key: str) -> None:
        """What a key pressed on the page does."""
        if key in ("ArrowRight", "n"):
            self.step(1)
        elif key in ("ArrowLeft", "p"):
            self.step(-1)
        elif key == "u":
            self.next_unmarked()
        elif key == "Enter":
            self.mark_seen()
        elif key.isdigit():
            self.toggle(int(key))


def marking_app(folder: Path | str | None = None) -> MarkingApp | W.HTML:
    """The app for ``folder`` (default: the ``CRM_MARK_DIR`` environment variable ``crm-mark`` sets)."""
    folder = Path(folder or os.environ.get(ENV_FOLDER, "gradebook"))
    if not (folder / WRITTEN_FILE).is_file():
        return W.HTML(f"<p>{html.escape(str(folder))}: 没有 written.json，请先运行 crm-grade。 / no written.json: "
                      "run crm-grade first.</p>")
    return MarkingApp(folder)


def command(folder: Path, port: int) -> list[str]:
    """The Voila command line of the marking app (sources stripped: no code shown)."""
    return [sys.executable, "-m", "voila", str(NOTEBOOK), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
            "--VoilaConfiguration.strip_sources=True", "--VoilaConfiguration.show_tracebacks=False"]


@contextlib.contextmanager
def serving(folder: Path, port: int | None = None, log: Path | None = None, timeout: float = 120.0) -> Iterator[str]:
    """Run the marking app for ``folder`` in a child process; yield its URL once it answers, stop it on exit."""
    from widgets.app.publish import free_port, serve_child

    port = port or free_port()
    with serve_child(command(Path(folder), port), port, "crm-mark", log, timeout,
                     env={ENV_FOLDER: str(Path(folder).resolve())}) as (url, _):
        yield url


def main(argv: Sequence[str] | None = None) -> int:
    """``crm-mark GRADEBOOK``: serve the marking app for a gradebook folder on localhost."""
    p = argparse.ArgumentParser(prog="crm-mark", description="批改书面题 / Mark the written answers of a gradebook.")
    p.add_argument("gradebook", type=Path, help="the --out folder of crm-grade")
    p.add_argument("--port", type=int, default=8877)
    args = p.parse_args(argv)
    if not (args.gradebook / WRITTEN_FILE).is_file():
        p.error(f"没有 / no {args.gradebook / WRITTEN_FILE}: run crm-grade first")
    print(f"crm-mark: http://127.0.0.1:{args.port}/", file=sys.stderr)
    env = {**os.environ, ENV_FOLDER: str(args.gradebook.resolve())}
    return subprocess.call(command(args.gradebook, args.port), env=env)


if __name__ == "__main__":
    sys.exit(main())
