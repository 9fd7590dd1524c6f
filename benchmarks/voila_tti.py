"""Time to interactive of every published case app and of the gallery, against a bare Voila app.

Publishes a copy of ``cases/`` plus a one-cell baseline notebook (a slider and a
label it updates) with ``crm-publish`` (preheated kernels, ``--pool-size``
kernels per app so that repeats do not wait for a refill, refills postponed until
the run is over), then opens each app in Debian's chromium (one browser, HTTP
cache warm as for a visitor coming from the gallery) and measures from navigation:

* ``html``: the server's page complete (``responseEnd``): the server-side part;
* ``widget``: the first widget drawn; ``figure``: the first plotly figure drawn;
* ``interactive``: after the first figure (cases) or widget (baseline), the first
  slider is moved one step and a view answers: a table, title or figure computed
  by the kernel changes. This is the time to interactive (TTI).

The gallery (``/``, a static page) is timed to its thumbnails loaded.

Targets: TTI of each case app < 5 s (the issue's target) and TTI / bare Voila TTI
< 3 (what the casebook adds over Voila's own start, whatever the machine).

Run ``python benchmarks/voila_tti.py`` (needs chromium: tests/install-browser.sh).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO_DIR, Target, exit_code, table, targets_table, write_results  # noqa: E402

from widgets.app.publish import case_notebooks, serving  # noqa: E402

MAX_TTI_S = 5.0  # the issue: every app interactive in under 5 s
MAX_TTI_OVER_BARE = 3.0
CHROMIUM = "/usr/bin/chromium"
BASELINE = "bare_voila"
BASELINE_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "bare", "metadata": {}, "outputs": [],
               "source": ["import ipywidgets as W\n", "slider, label = W.IntSlider(description='x'), W.HTML('0')\n",
                          "slider.observe(lambda change: setattr(label, 'value', str(change['new'])), 'value')\n",
                          "W.VBox([slider, label])"]}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5}
MARKS_JS = """
window.__marks = {};
const mark = (k) => { if (!(k in window.__marks)) window.__marks[k] = performance.now(); };
new MutationObserver(() => {
  if (document.querySelector('.jupyter-widgets')) mark('widget');
  if (document.querySelector('.js-plotly-plot .main-svg')) mark('figure');
}).observe(document, {subtree: true, childList: true});
"""
SIGNATURE_JS = ("() => Array.from(document.querySelectorAll('.widget-html, .js-plotly-plot'))"
                ".map(e => e.innerHTML).join('\\u0000')")


def time_app(context, url: str, figure: bool, timeout_ms: int) -> dict[str, float]:
    """Open ``url`` in a new tab; seconds from navigation to each milestone."""
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_selector(".js-plotly-plot .main-svg" if figure else ".widget-html", timeout=timeout_ms)
        handle = page.locator(".widget-slider .noUi-handle").first
        handle.wait_for(timeout=timeout_ms)
        before = page.evaluate(SIGNATURE_JS)
        handle.focus()
        handle.press("ArrowRight")
        page.wait_for_function(f"before => ({SIGNATURE_JS})() !== before", arg=before, timeout=timeout_ms)
        done = page.evaluate("performance.now()")
        nav = page.evaluate("performance.getEntriesByType('navigation')[0].responseEnd")
        marks = page.evaluate("window.__marks")
        return {"html": nav / 1e3, "widget": marks.get("widget", float("nan")) / 1e3,
                "figure": marks.get("figure", float("nan")) / 1e3, "interactive": done / 1e3}
    finally:
        page.close()


def time_gallery(context, url: str, timeout_ms: int) -> float:
    page = context.new_page()
    try:
        page.goto(url, timeout=timeout_ms)  # waits for the load event: images included
        page.wait_for_selector(".crm-card img", timeout=timeout_ms)
        return page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1e3
    finally:
        page.close()


def wait_for_pools(log: Path, notebooks: int, timeout: float) -> float:
    """Seconds until Voila logs every preheated pool as filled."""
    start = time.monotonic()
    while log.read_text(errors="replace").count("is filled with") < notebooks:
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"kernel pools not filled after {timeout:.0f} s; see {log}")
        time.sleep(1)
    return time.monotonic() - start


def cpu_idle_share(window: float = 2.0) -> float:
    """Share of CPU time idle over ``window`` seconds (Linux /proc/stat; 1.0 elsewhere)."""
    stat = Path("/proc/stat")
    if not stat.exists():
        return 1.0
    def sample() -> tuple[int, int]:
        fields = [int(x) for x in stat.read_text().splitlines()[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total
    idle0, total0 = sample()
    time.sleep(window)
    idle1, total1 = sample()
    return (idle1 - idle0) / max(total1 - total0, 1)


def wait_until_quiet(timeout: float, idle: float = 0.8) -> float:
    """Seconds until the machine is mostly idle: the preheated kernels have run their notebooks.

    (Voila logs a pool as filled when its kernels have started, not when they are done.)
    """
    start = time.monotonic()
    while cpu_idle_share() < idle and time.monotonic() - start < timeout:
        pass
    return time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2, help="loads per app (median reported)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds allowed per page")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print("chromium is missing: bash tests/install-browser.sh")
        write_results("voila_tti", [Target("case app TTI", None, MAX_TTI_S, "s", "<")], {"skipped": "no chromium"})
        return 0
    from playwright.sync_api import sync_playwright

    cases = case_notebooks()
    work = Path(tempfile.mkdtemp(prefix="voila_tti_"))
    for name in ["index", *cases]:
        shutil.copy(REPO_DIR / "cases" / f"{name}.ipynb", work)
    if (REPO_DIR / "cases" / "thumbnails").is_dir():
        shutil.copytree(REPO_DIR / "cases" / "thumbnails", work / "thumbnails")
    (work / f"{BASELINE}.ipynb").write_text(json.dumps(BASELINE_NOTEBOOK), encoding="utf-8")
    log = work / "crm-publish.log"
    timeout_ms = int(args.timeout * 1e3)
    results: dict[str, list[dict[str, float]]] = {}
    try:
        # Refills postponed past the run: a refill executes a whole notebook, which
        # here would share the 2 cores with the browser being timed.
        with serving(work, pool_size=args.repeats, refill_delay=3600, log=log) as url:
            pools_s = wait_for_pools(log, 1 + len(cases), args.timeout * 2)
            pools_s += wait_until_quiet(args.timeout * 2)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
                context.add_init_script(MARKS_JS)
                gallery = [time_gallery(context, url, timeout_ms) for _ in range(args.repeats + 1)][1:]
                for _ in range(args.repeats):  # interleaved: a drift in machine load hits all apps alike
                    for name in [BASELINE, *cases]:
                        results.setdefault(name, []).append(
                            time_app(context, f"{url}voila/render/{name}.ipynb", name != BASELINE, timeout_ms))
                browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    med = {name: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for name, runs in results.items()}
    bare = med[BASELINE]["interactive"]
    rows = [(name, *(f"{m[k]:.1f}" for k in ("html", "widget", "figure", "interactive")),
             f"{m['interactive'] / bare:.2f}") for name, m in med.items()]
    print(f"Published apps on this machine: kernels preheated {pools_s:.0f} s after start; "
          f"median of {args.repeats} loads per app (s from navigation)")
    print(table(["app", "html", "widget", "figure", "interactive", "/ bare"], rows))
    print(f"gallery (/) loaded with thumbnails: {statistics.median(gallery):.2f} s")
    targets = []
    for name in cases:
        targets.append(Target(f"{name} TTI", med[name]["interactive"], MAX_TTI_S, "s", "<",
                              note=f"bare Voila {bare:.1f} s"))
        targets.append(Target(f"{name} TTI / bare Voila", med[name]["interactive"] / bare, MAX_TTI_OVER_BARE, "x", "<"))
    targets.append(Target("gallery load", statistics.median(gallery), MAX_TTI_S, "s", "<"))
    targets.append(Target("bare Voila TTI", bare, None, "s"))
    print(targets_table(targets))
    details = {"repeats": args.repeats, "pools_filled_s": pools_s, "runs": results, "median": med, "gallery_s": gallery}
    print(f"results: {write_results('voila_tti', targets, details)}")
    return exit_code(targets)


if __name__ == "__main__":
    sys.exit(main())
