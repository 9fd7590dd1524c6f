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


@pytest.mark.parametrize("path", sorted(CASES.glob("*.ipynb")), ids=lambda p: p.stem)
def test_the_saved_state_keeps_the_notebook_small(path):
    assert path.stat().st_size < MAX_BYTES
