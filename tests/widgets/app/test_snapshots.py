"""Every saved view with figures carries a still image of them, drawn from the notebook's own saved state.

GitHub and nbviewer run no widget JavaScript: they show an output's ``image/png`` before its
``text/plain`` repr. ``python -m widgets.app.snapshots`` adds the images after a notebook is
executed; these tests check that the committed case notebooks have them, current, and that the
step is deterministic (the same notebook gives the same bytes).
"""
import base64
import copy
import io
import json
import re
from pathlib import Path

import nbformat
import pytest
from PIL import Image

from widgets.app.publish import CASES_DIR, case_notebooks
from widgets.app.snapshots import (META, PNG, WIDTH, figure_tree, figures_digest, main, render_trees,
                                   snapshot_notebook, stale_outputs)
from widgets.app.static import WIDGET_VIEW, widget_states

ROOT = Path(__file__).resolve().parents[3]


def widget_outputs(nb):
    return [out for cell in nb.cells for out in cell.get("outputs", []) if WIDGET_VIEW in out.get("data", {})]


def reachable_figures(model_id: str, state: dict) -> int:
    """Plotly figures reachable from a view by any model reference (not the snapshot's own walk)."""
    todo, seen = [model_id], set()
    while todo:
        m = todo.pop()
        if m not in seen and m in state:
            seen.add(m)
            todo += re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(state[m]["state"], default=str))
    return sum("_widget_layout" in state[m]["state"] for m in seen)


@pytest.mark.parametrize("name", case_notebooks(CASES_DIR))
def test_every_figure_bearing_output_has_its_current_image(name):
    nb = nbformat.read(CASES_DIR / f"{name}.ipynb", as_version=4)
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    outputs = widget_outputs(nb)
    with_figures = [out for out in outputs if reachable_figures(out["data"][WIDGET_VIEW]["model_id"], state)]
    assert with_figures, "a case notebook shows figures"
    assert stale_outputs(nb) == [], f"run: python -m widgets.app.snapshots cases/{name}.ipynb"
    assert [out for out in outputs if PNG in out["data"]] == with_figures
    for out in with_figures:
        # the image is shown beside the live widget and its repr, never instead of them
        assert {WIDGET_VIEW, "text/plain", PNG} <= out["data"].keys()
        with Image.open(io.BytesIO(base64.b64decode(out["data"][PNG]))) as image:
            assert image.format == "PNG" and image.width == WIDTH and 200 <= image.height <= 2000


def test_a_changed_figure_makes_its_image_stale():
    nb = nbformat.read(CASES_DIR / "supermarket.ipynb", as_version=4)
    images = [out for out in widget_outputs(nb) if PNG in out["data"]]
    for model in nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"].values():
        if "_widget_layout" in model["state"]:
            model["state"]["_widget_layout"]["height"] = 999
    assert len(stale_outputs(nb)) == len(images) and all("stale" in s for s in stale_outputs(nb))
    images[0]["data"].pop(PNG)
    assert "no image" in stale_outputs(nb)[0]


def test_the_image_follows_the_saved_figures_and_the_same_figures_give_the_same_bytes():
    nb = nbformat.read(CASES_DIR / "supermarket.ipynb", as_version=4)
    models = widget_states(nb)
    tree = next(t for t in (figure_tree(out["data"][WIDGET_VIEW]["model_id"], models) for out in widget_outputs(nb))
                if isinstance(t, dict))
    changed = copy.deepcopy(tree)
    changed["layout"]["height"] = 300
    first, again, other = render_trees([tree, copy.deepcopy(tree), changed])
    assert first == again and first != other
    with Image.open(io.BytesIO(other)) as image:
        assert image.size == (WIDTH, 300)
    assert figures_digest(tree) == figures_digest(copy.deepcopy(tree)) != figures_digest(changed)


def test_the_step_writes_the_same_notebook_twice_and_check_accepts_it(tmp_path, capsys):
    path = tmp_path / "supermarket.ipynb"
    nb = nbformat.read(CASES_DIR / "supermarket.ipynb", as_version=4)
    for out in widget_outputs(nb):  # as a fresh execution leaves it: no images
        out["data"].pop(PNG, None)
        out.get("metadata", {}).pop(META, None)
    nbformat.write(nb, path)
    assert main(["--check", str(path)]) == 1
    assert main([str(path)]) == 0
    once = path.read_bytes()
    assert main([str(path)]) == 0 and path.read_bytes() == once
    assert main(["--check", str(path)]) == 0
    # the notebook only gains the images: everything else is as executed
    again = nbformat.reads(once.decode("utf-8"), as_version=4)
    for out in widget_outputs(again):
        out["data"].pop(PNG, None)
        out.get("metadata", {}).pop(META, None)
    assert again == nb


def test_an_output_without_figures_gets_no_image_and_loses_a_stale_one():
    nb = nbformat.read(CASES_DIR / "supermarket.ipynb", as_version=4)
    models = widget_states(nb)
    bare = next(out for out in widget_outputs(nb) if figure_tree(out["data"][WIDGET_VIEW]["model_id"], models) is None)
    bare["data"][PNG] = "iVBORw0KGgo="
    assert stale_outputs(nb) == [f"widget output {widget_outputs(nb).index(bare)}: an image but no figures"]
    for out in widget_outputs(nb):  # render nothing else: only the stale image is to go
        if out is not bare:
            out["data"][WIDGET_VIEW]["model_id"] = "gone"
    assert snapshot_notebook(nb) == 0 and PNG not in bare["data"]


def test_only_the_snapshot_step_imports_kaleido_or_pillow():
    # kernels (views, Voila visitors, grading) never pay for a browser or an image library
    importers = sorted(str(p.relative_to(ROOT)) for folder in ("crm", "widgets") for p in (ROOT / folder).rglob("*.py")
                       if re.search(r"^\s*(import|from)\s+(kaleido|PIL)\b", p.read_text(encoding="utf-8"), re.M))
    assert importers == ["widgets/app/snapshots.py"]
