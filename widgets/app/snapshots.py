"""A still image of each saved view's figures, for readers that run no widget JavaScript.

``python -m widgets.app.snapshots [cases/x.ipynb ...]`` (every case notebook by default) is
the step after executing a notebook: for each output that displays a view with plotly
figures, it renders those figures, from the notebook's own saved widget state, into one
PNG and adds it to the output as ``image/png``, beside the widget view and its
``text/plain`` repr. GitHub's notebook renderer and nbviewer then show the image instead of
``AbcView(...)``; an untrusted notebook in JupyterLab falls back to it too. A trusted
JupyterLab and Voila still draw the live widget: JupyterLab's widget renderer has rank -10,
its image renderer 90 (lower wins), and Voila runs the notebook afresh. nbval skips
``image/png`` (and output metadata) when it compares outputs, so the strict comparison of
everything else stays.

The figures are rendered by kaleido (MIT) in Debian's chromium, outside any kernel: Voila
visitors and grading never pay for it. The image is deterministic (same notebook, same
bytes), and the output's metadata records the SHA-256 of the figures it was drawn from
(:func:`figures_digest`), so a test can tell a stale image from a current one without a
browser. ``--check`` does that and exits 1 when an image is missing or stale.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Sequence, Union

import nbformat

from crm.core.asyncrun import run_to_end
from widgets.app.publish import CASES_DIR, case_notebooks
from widgets.app.static import BOXES, LEFT_OUT, WIDGET_VIEW, children, plotly_figure, widget_states

PNG = "image/png"
META = "crm-casebook"  # output metadata: {"snapshot-sha256": digest of the figures the image shows}
WIDTH = 820  # px of the whole image (GitHub's notebook column is about 900 px); side-by-side figures share it
DEFAULT_HEIGHT = 420  # px, for a figure whose layout sets none
COLORS = 64  # a palette PNG: plotly's flat colours and anti-aliased text survive; ~4x smaller than RGB, 20% than 256

# A figure, or a row / column of them: ("row" | "column", [tree, ...]).
Tree = Union[dict, tuple]


def figure_tree(model_id: str, models: dict[str, dict]) -> Tree | None:
    """The plotly figures a saved view shows, arranged as its boxes arrange them (None if it shows none).

    Walks the same saved state as the static pages (:mod:`widgets.app.static`): boxes and their
    children, buttons and upload fields left out, FigureWidgets read back with their binary arrays.
    """
    model = models.get(model_id)
    if model is None or model["name"] in LEFT_OUT:
        return None
    figure = plotly_figure(model["state"])
    if figure is not None:
        return figure
    if model["name"] not in BOXES:
        return None
    parts = [t for t in (figure_tree(c, models) for c in children(model["state"])) if t is not None]
    if len(parts) <= 1:
        return parts[0] if parts else None
    return ("row" if BOXES[model["name"]] == "row" else "column", parts)


def _canonical(tree: Tree) -> bytes:
    return json.dumps(tree, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=True).encode()


def figures_digest(tree: Tree) -> str:
    """SHA-256 of the figures (and of the image's size settings) an image is drawn from."""
    settings = {"width": WIDTH, "default_height": DEFAULT_HEIGHT, "colors": COLORS}
    return hashlib.sha256(_canonical([settings, tree])).hexdigest()


def _placements(tree: Tree, x: int, y: int, width: int) -> tuple[list[tuple[dict, int, int, int, int]], int]:
    """Where each figure goes: (figure, x, y, width, height) and the height the tree takes."""
    if isinstance(tree, dict):
        height = int(tree["layout"].get("height") or DEFAULT_HEIGHT)
        return [(tree, x, y, width, height)], height
    direction, parts = tree
    placed: list[tuple[dict, int, int, int, int]] = []
    if direction == "column":
        top = y
        for part in parts:
            more, height = _placements(part, x, top, width)
            placed += more
            top += height
        return placed, top - y
    share, left, tallest = width // len(parts), x, 0
    for part in parts:
        more, height = _placements(part, left, y, share)
        placed += more
        left += share
        tallest = max(tallest, height)
    return placed, tallest


async def _render_all(figures: list[tuple[dict, int, int]]) -> list[bytes]:
    import kaleido  # only here: the apps and kernels never import it

    # mathjax=False: no CDN script to wait for; plotly.js is plotly.py's own copy
    async with kaleido.Kaleido(n=1, mathjax=False) as k:
        return [await k.calc_fig(fig, opts={"format": "png", "width": w, "height": h, "scale": 1})
                for fig, w, h in figures]


def render_trees(trees: list[Tree]) -> list[bytes]:
    """One optimised palette PNG per tree, its figures drawn by kaleido in one chromium."""
    if not trees:
        return []
    from PIL import Image

    layouts = [_placements(tree, 0, 0, WIDTH) for tree in trees]
    shots = iter(run_to_end(_render_all([(f, w, h) for placed, _ in layouts for f, _, _, w, h in placed])))
    pngs = []
    for placed, height in layouts:
        canvas = Image.new("RGB", (WIDTH, height), "white")
        for _, x, y, _, _ in placed:
            with Image.open(io.BytesIO(next(shots))) as shot:
                canvas.paste(shot.convert("RGB"), (x, y))
        small = canvas.quantize(COLORS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = io.BytesIO()
        small.save(out, format="PNG", optimize=True)
        pngs.append(out.getvalue())
    return pngs


def _figure_outputs(nb: nbformat.NotebookNode) -> list[tuple[dict, Tree | None]]:
    models = widget_states(nb)
    return [(out, figure_tree(out["data"][WIDGET_VIEW]["model_id"], models))
            for cell in nb.cells for out in cell.get("outputs", []) if WIDGET_VIEW in out.get("data", {})]


def stale_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """The widget outputs whose image is missing, stale or left over (an empty list when all are current)."""
    bad = []
    for i, (out, tree) in enumerate(_figure_outputs(nb)):
        recorded = out.get("metadata", {}).get(META, {}).get("snapshot-sha256")
        has_png = PNG in out["data"]
        if tree is None:
            if has_png or recorded:
                bad.append(f"widget output {i}: an image but no figures")
        elif not has_png or recorded != figures_digest(tree):
            bad.append(f"widget output {i}: {'stale' if has_png else 'no'} image")
    return bad


def snapshot_notebook(nb: nbformat.NotebookNode) -> int:
    """Add (or refresh) the image of every figure-bearing widget output of ``nb`` in place; returns their count."""
    outputs = _figure_outputs(nb)
    drawn = [(out, tree) for out, tree in outputs if tree is not None]
    pngs = render_trees([tree for _, tree in drawn])
    for out, tree in outputs:
        out["data"].pop(PNG, None)
        out.get("metadata", {}).pop(META, None)
    for (out, tree), png in zip(drawn, pngs):
        out["data"][PNG] = base64.b64encode(png).decode("ascii")
        out.setdefault("metadata", {})[META] = {"snapshot-sha256": figures_digest(tree)}
    return len(drawn)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.app.snapshots", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="executed notebooks (default: every case notebook)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if an image is missing or stale")
    args = parser.parse_args(argv)
    paths = args.notebooks or [CASES_DIR / f"{name}.ipynb" for name in case_notebooks(CASES_DIR)]
    failed = False
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if args.check:
            bad = stale_outputs(nb)
            failed |= bool(bad)
            print(f"{path}: {'; '.join(bad) if bad else 'images current'}")
            continue
        before = path.stat().st_size
        count = snapshot_notebook(nb)
        nbformat.write(nb, path)
        print(f"{path}: {count} images, {before} -> {path.stat().st_size} bytes")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
