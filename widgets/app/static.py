"""A case notebook as one static HTML page a student can read without Python.

``python -m widgets.app.static OUT/ [case ...]`` writes ``OUT/<case>.html`` for each case
notebook (all by default), from the notebook as committed: executed, with its widget
state saved. The page has the story (markdown), every view's tables and key figures,
each control's setting written out, and every figure as an interactive plotly chart
(hover, zoom), with plotly.js inlined: it opens from a file, offline, with no kernel and
no code shown. An instructor can post it before the class has an environment.

Only what a reader needs is rendered from the widget state (boxes, HTML, labels, the
value of each slider, dropdown, toggle and check box, plotly figures); buttons and upload
fields do nothing on a static page and are left out.
"""
from __future__ import annotations

import argparse
import base64
import html
import json
from pathlib import Path
from typing import Any, Iterable, Sequence

import nbformat
import numpy as np
import plotly.io as pio
from nbconvert import HTMLExporter
from plotly.offline import get_plotlyjs

from widgets.app.publish import CASES_DIR, case_notebooks

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
BOXES = {"VBoxModel": "column", "HBoxModel": "row", "BoxModel": "row", "GridBoxModel": "row"}
CHOICES = {"DropdownModel", "ToggleButtonsModel", "RadioButtonsModel", "SelectModel"}
LEFT_OUT = {"ButtonModel", "FileUploadModel", "LayoutModel", "ButtonStyleModel"}
PAGE_CSS = ("<style>.crm-static-box{display:flex;gap:8px;margin:4px 0}.crm-static-box.row{flex-wrap:wrap;align-items:flex-start}"
            ".crm-static-box.row>*{flex:1 1 420px;min-width:0}.crm-static-box.column{flex-direction:column}"
            ".crm-static-control{font-size:13px;color:#333;padding:2px 0}.crm-static-control b{font-weight:600}"
            ".jp-Cell-inputWrapper .jp-InputPrompt,.jp-OutputPrompt{display:none}</style>")


def widget_states(nb: nbformat.NotebookNode) -> dict[str, dict]:
    """Model id → the model's saved state, its binary buffers put back in place as bytes."""
    saved = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    models = {}
    for model_id, model in saved.items():
        state = json.loads(json.dumps(model["state"]))
        for buf in model.get("buffers", []):
            try:  # (a message trait such as _py2js_update is reset to None, its old buffers stay listed)
                target = state
                for key in buf["path"][:-1]:
                    target = target[key]
                target[buf["path"][-1]] = base64.b64decode(buf["data"])
            except (KeyError, IndexError, TypeError):
                continue
        models[model_id] = {"name": model["model_name"], "state": state}
    return models


def _arrays(value: Any) -> Any:
    """plotly's binary arrays ({dtype, shape, buffer}) back into lists, recursively."""
    if isinstance(value, dict):
        if {"dtype", "buffer"} <= value.keys() and isinstance(value["buffer"], bytes):
            arr = np.frombuffer(value["buffer"], dtype=value["dtype"])
            return arr.reshape(value["shape"]).tolist() if value.get("shape") else arr.tolist()
        return {k: _arrays(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_arrays(v) for v in value]
    return value


def plotly_figure(state: dict) -> dict | None:
    """The figure (``{"data", "layout"}``) a plotly FigureWidget's saved state shows; None for another widget."""
    if "_widget_layout" not in state:
        return None
    return {"data": _arrays(state.get("_widget_data", [])), "layout": _arrays(state.get("_widget_layout", {}))}


def children(state: dict) -> list[str]:
    """The model ids of a box's children, in display order."""
    return [c.removeprefix("IPY_MODEL_") for c in state.get("children", [])]




def _readout(state: dict) -> str:
    value, fmt = state.get("value"), state.get("readout_format") or ""
    if isinstance(value, (list, tuple)):
        return " – ".join(_readout({**state, "value": v}) for v in value)
    try:
        return format(value, fmt.replace("d", "")) if fmt else str(value)
    except (TypeError, ValueError):
        return str(value)


def widget_html(model_id: str, models: dict[str, dict]) -> str:
    """Static HTML for one widget and its children, from the saved state."""
    model = models.get(model_id)
    if model is None or model["name"] in LEFT_OUT:
        return ""
    name, state = model["name"], model["state"]
    description = html.escape(state.get("description") or "")
    if name in BOXES:
        inner = "".join(widget_html(c, models) for c in children(state))
        return f'<div class="crm-static-box {BOXES[name]}">{inner}</div>'
    if name in ("HTMLModel", "HTMLMathModel"):
        return (f'<div class="crm-static-control"><b>{description}</b></div>' if description else "") + state["value"]
    if name == "LabelModel":
        return f'<div class="crm-static-control">{html.escape(state.get("value", ""))}</div>'
    if name.endswith("SliderModel"):
        return f'<div class="crm-static-control">{description} <b>{html.escape(_readout(state))}</b></div>'
    if name in CHOICES:
        labels, index = state.get("_options_labels", []), state.get("index")
        chosen = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else "—"
        return f'<div class="crm-static-control">{description} <b>{html.escape(chosen)}</b></div>'
    if name == "CheckboxModel":
        return f'<div class="crm-static-control">{"☑" if state.get("value") else "☐"} {description}</div>'
    figure = plotly_figure(state)
    if figure is not None:
        return pio.to_html(figure, include_plotlyjs=False, full_html=False, validate=False,
                           config={"responsive": True, "displaylogo": False})
    return ""


def static_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose widget outputs are static HTML, with plotly.js in the first cell."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    models = widget_states(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                out["data"] = {"text/html": widget_html(data[WIDGET_VIEW]["model_id"], models)}
    nb.metadata.pop("widgets", None)
    head = f'{PAGE_CSS}<script type="text/javascript">{get_plotlyjs()}</script>'
    nb.cells.insert(0, nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": head})]))
    return nb


def render_static(notebook: Path, out: Path) -> Path:
    """Write ``out/<notebook stem>.html``: the executed notebook's story, views and figures, no code."""
    nb = nbformat.read(notebook, as_version=4)
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(static_notebook(nb))
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{notebook.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


def render_cases(out: Path, names: Iterable[str] | None = None, cases_dir: Path = CASES_DIR) -> list[Path]:
    """Static pages of the named case notebooks (all by default) in ``out``."""
    return [render_static(Path(cases_dir) / f"{name}.ipynb", Path(out)) for name in (names or case_notebooks(cases_dir))]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m widgets.app.static", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the HTML pages")
    parser.add_argument("cases", nargs="*", help="case names (default: every case notebook)")
    args = parser.parse_args(argv)
    for path in render_cases(args.out, args.cases or None):
        print(path)


if __name__ == "__main__":
    main()
