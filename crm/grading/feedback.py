"""Feedback to students: one HTML file per student and language, from the merged gradebook.

Each file shows, for every question, the points; for an automatic question what was checked
and what the grader found; for a written one the student's own answer, the rubric lines met
and missed, and the grader's comment. A file is built from that student's rows and answers
only (:func:`student_feedback` is given nothing else), every text in it is escaped, and its
Content-Security-Policy forbids scripts, so a hostile answer is shown, never run.
"""
from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path
from typing import Any, Mapping, Sequence

from crm.core.exercise import ChoiceQuestion, NumberQuestion, Question, SetQuestion
from crm.grading.results import GradeRow

FEEDBACK_DIR = "feedback"
_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_WORDS = {
    "title": ("反馈", "Feedback"), "points": ("得分", "Points"), "total": ("总分", "Total"),
    "checked": ("检查了什么", "What was checked"), "result": ("结果", "Result"),
    "answer": ("你的答案", "Your answer"), "rubric": ("评分标准", "Rubric"), "met": ("✔ 达到", "✔ met"),
    "missed": ("✘ 未达到", "✘ missed"), "comment": ("老师的评语", "Grader's comment"),
    "pending": ("尚未批改", "not marked yet"), "written": ("书面题", "written"),
    "variant": ("评分程序在自己的数据变体（种子 {seed}）上重新运行你的笔记本，读取 answer_{qid} 的值，再与它自己算出的答案比较：",
                "The grader re-ran your notebook on its own data variant (seed {seed}), read answer_{qid} and compared "
                "it with the answer it computed itself: "),
}


def _w(key: str, lang: str, **fmt: Any) -> str:
    zh, en = _WORDS[key]
    return (zh if lang == "zh" else en).format(**fmt)


def checked_text(q: Question, lang: str) -> str:
    """How an automatic question's answer was compared, in ``lang``."""
    if isinstance(q, NumberQuestion):
        if q.rtol == 0 and q.atol == 0:
            return "须完全相等。" if lang == "zh" else "it must be exactly equal."
        if q.atol:
            return f"相差不超过 {q.atol:g}。" if lang == "zh" else f"within {q.atol:g}."
        return f"相对误差不超过 {100 * q.rtol:g}%。" if lang == "zh" else f"within {100 * q.rtol:g}% of it."
    if isinstance(q, SetQuestion):
        return "集合须完全相同（顺序不计）。" if lang == "zh" else "the same set of items (order ignored)."
    if isinstance(q, ChoiceQuestion):
        return "选项须相同（不计大小写）。" if lang == "zh" else "the same option (case ignored)."
    return ""


def feedback_name(student: str) -> str:
    """A file-name stem for ``student`` that cannot leave the folder or collide with another's."""
    stem = re.sub(r"[^A-Za-z0-9_-]", "_", student)[:60].lstrip("_") or "student"
    if stem != student:
        stem += "-" + hashlib.sha256(student.encode("utf-8", "replace")).hexdigest()[:10]
    return stem


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def student_feedback(student: str, rows: Sequence[GradeRow], answers: Mapping[str, dict], specs: Mapping[str, dict],
                     auto: Mapping[str, Question], info: Mapping[str, Any], lang: str) -> str:
    """The feedback page of one student, from that student's rows and written answers only."""
    if any(r.student != student for r in rows):
        raise ValueError("feedback is built from one student's rows only")
    seed = info.get("seed")
    total, most = sum(r.points for r in rows), sum(r.max_points for r in rows)
    parts = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
             f"<title>{_e(_w('title', lang))}: {_e(info.get('case', ''))}</title>",
             "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}"
             ".met{color:#2e7d32}.missed{color:#c62828}pre{white-space:pre-wrap;background:#f5f5f5;padding:.5em}"
             "</style></head><body>",
             f"<h1>{_e(_w('title', lang))}: {_e(info.get('case', ''))}</h1>",
             f'<p class="student">{_e(student)}</p>',
             f'<p class="total"><b>{_e(_w("total", lang))}: {total:g} / {most:g}</b></p>']
    for r in rows:
        feedback = r.feedback_zh if lang == "zh" else r.feedback_en
        parts.append(f'<section class="question" id="{_e(r.question)}"><h2>{_e(r.question)}'
                     + (f" ({_e(_w('written', lang))})" if r.kind == "written" else "")
                     + f' <span class="points">{r.points:g} / {r.max_points:g}</span></h2>')
        if r.kind != "written":
            q = auto.get(r.question)
            if q is not None:
                parts.append(f"<p>{_e(q.prompt.zh if lang == 'zh' else q.prompt.en)}</p>")
                parts.append(f'<p class="checked"><b>{_e(_w("checked", lang))}:</b> '
                             f"{_e(_w('variant', lang, seed=seed, qid=r.question))}{_e(checked_text(q, lang))}</p>")
            parts.append(f'<p class="result"><b>{_e(_w("result", lang))}:</b> {_e(feedback)}</p></section>')
            continue
        spec = specs.get(r.question, {})
        if spec:
            parts.append(f"<p>{_e(spec['prompt'][lang])}</p>")
        text = answers.get(r.question, {}).get("text", "")
        parts.append(f'<p><b>{_e(_w("answer", lang))}:</b></p><pre class="answer">{_e(text)}</pre>')
        parts.append(f'<p class="result">{_e(feedback)}</p>')
        if r.status == "marked":
            met = set(r.met.split(";")) - {""}
            lines = [f'<li class="{"met" if c["cid"] in met else "missed"}">'
                     f'{_e(_w("met" if c["cid"] in met else "missed", lang))} ({c["points"]:g}): {_e(c[lang])}</li>'
                     for c in spec.get("rubric", [])]
            parts.append(f'<p><b>{_e(_w("rubric", lang))}</b></p><ul class="rubric">{"".join(lines)}</ul>')
            if r.comment.strip():
                parts.append(f'<p><b>{_e(_w("comment", lang))}:</b></p><pre class="comment">{_e(r.comment)}</pre>')
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_feedback(rows: Sequence[GradeRow], written: Mapping[str, Any], info: Mapping[str, Any],
                   out: Path) -> list[Path]:
    """Write ``feedback/<student>.zh.html`` and ``.en.html`` for every student of the merged ``rows``."""
    from crm.cases import questions_for

    folder = Path(out) / FEEDBACK_DIR
    folder.mkdir(parents=True, exist_ok=True)
    auto = questions_for(str(info.get("case")))({})
    by_student: dict[str, list[GradeRow]] = {}
    for r in rows:
        by_student.setdefault(r.student, []).append(r)
    paths = []
    for student, mine in sorted(by_student.items()):
        answers = written.get("answers", {}).get(student, {})
        for lang in ("zh", "en"):
            path = folder / f"{feedback_name(student)}.{lang}.html"
            path.write_text(student_feedback(student, mine, answers, written.get("questions", {}), auto, info, lang),
                            encoding="utf-8")
            paths.append(path)
    return paths
