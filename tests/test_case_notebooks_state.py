"""Case notebooks are committed with their widget state, so a notebook opened before Run All shows its views.

Without the state, JupyterLab, GitHub and nbviewer show ``ToggleButtons(...)`` reprs. Re-execute
a notebook with ``jupyter nbconvert --to notebook --execute --inplace cases/x.ipynb``
(nbclient saves the state by default); nbval still compares the outputs strictly.
"""
import json
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parents[1] / "cases"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"
MAX_BYTES = 1_000_000  # the state multiplies a notebook's size by about 10-15; a few hundred kB each today


@pytest.mark.parametrize("path", sorted(CASES.glob("*.ipynb")), ids=lambda p: p.stem)
def test_every_widget_output_has_its_saved_state(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    shown = [out["data"][WIDGET_VIEW]["model_id"] for cell in nb["cells"] for out in cell.get("outputs", [])
             if WIDGET_VIEW in out.get("data", {})]
    if not shown:
        pytest.skip("no widget output")
    state = nb["metadata"].get("widgets", {}).get(STATE, {}).get("state", {})
    assert not [m for m in shown if m not in state], "re-execute the notebook with its widget state"

    def reachable(model_id, seen):
        if model_id in seen or model_id not in state:
            return
        seen.add(model_id)
        for value in json.dumps(state[model_id]["state"]).split('"IPY_MODEL_')[1:]:
            reachable(value.split('"')[0], seen)
    seen = set()
    for m in shown:
        reachable(m, seen)
    missing = {v.split('"')[0] for m in seen for v in json.dumps(state[m]["state"]).split('"IPY_MODEL_')[1:]} - set(state)
    assert not missing, f"children without a saved state: {sorted(missing)[:5]}"


def misplaced_buffers(state: dict) -> list[str]:
    """The saved binary buffers that do not go back into an empty place of their model's state.

    ipywidgets restores a notebook by putting each buffer back at its path
    (``put_buffers`` in @jupyter-widgets/base, before any model is made): one path through
    a value that is no longer there (a plotly message trait reset to None, a dropped trace)
    throws, and JupyterLab restores none of the notebook's remaining widgets ("widget model
    not found"). One that lands on a value would replace it with an old array.
    """
    bad = []
    for model_id, model in state.items():
        for buf in model.get("buffers", []):
            target = model["state"]
            try:
                for key in buf["path"][:-1]:
                    target = target[key]
                leaf = buf["path"][-1]
                empty = (leaf not in target) if isinstance(target, dict) else target[leaf] is None
            except (KeyError, IndexError, TypeError):
                empty = False
            if not empty:
                bad.append(f"{model['model_name']} {model_id}: {buf['path']}")
    return bad


@pytest.mark.parametrize("path", sorted(CASES.glob("*.ipynb")), ids=lambda p: p.stem)
def test_every_saved_buffer_goes_back_into_its_widget_state(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    state = nb["metadata"].get("widgets", {}).get(STATE, {}).get("state", {})
    assert not misplaced_buffers(state), "re-execute the notebook on the current widgets/figure.py"


@pytest.mark.parametrize("path", sorted(CASES.glob("*.ipynb")), ids=lambda p: p.stem)
def test_the_saved_state_keeps_the_notebook_small(path):
    assert path.stat().st_size < MAX_BYTES


@pytest.mark.parametrize("path", sorted(CASES.glob("*.ipynb")), ids=lambda p: p.stem)
def test_every_saved_figure_carries_todays_front_end(path):
    # a saved figure is drawn by the _esm saved with it (JupyterLab before Run All, nbviewer): one saved
    # by an older widgets/figure.py would draw the old way; re-execute the notebook after changing it
    from widgets.figure import LOADER_ESM

    nb = json.loads(path.read_text(encoding="utf-8"))
    state = nb["metadata"].get("widgets", {}).get(STATE, {}).get("state", {})
    figures = [m for m, s in state.items() if "_widget_data" in s["state"]]
    if not figures:
        pytest.skip("no saved figure")
    stale = [m for m in figures if state[m]["state"].get("_esm") != LOADER_ESM]
    assert not stale, f"{len(stale)} of {len(figures)} saved figures carry another front end: re-execute the notebook"
