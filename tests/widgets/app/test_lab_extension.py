"""casebook-lab, the project's JupyterLab extension (widgets/app/lab): built from its source, and installed.

What it does in the browser is tested by tests/browser/test_lab_before_run.py.
"""
import hashlib
import json
import tomllib
from pathlib import Path

import widgets

ROOT = Path(__file__).resolve().parents[3]
LAB = ROOT / "widgets" / "app" / "lab"
BUILT = LAB / "casebook-lab"


def test_the_built_extension_is_the_build_of_its_source():
    # build.sh writes the source's hash beside the build: a source edited without a rebuild fails here
    recorded = (BUILT / "source.sha256").read_text(encoding="utf-8").strip()
    assert recorded == hashlib.sha256((LAB / "src" / "index.js").read_bytes()).hexdigest()
    meta = json.loads((BUILT / "package.json").read_text(encoding="utf-8"))
    assert meta["name"] == json.loads((LAB / "package.json").read_text(encoding="utf-8"))["name"] == "casebook-lab"
    assert (BUILT / meta["jupyterlab"]["_build"]["load"]).is_file()


def test_jupyterlab_finds_it_in_an_editable_install():
    # jupyter labextension develop --overwrite widgets (the README's command, postBuild) links this folder
    (path,) = widgets._jupyter_labextension_paths()
    assert path["dest"] == "casebook-lab"
    assert (Path(widgets.__file__).parent / path["src"]).resolve() == BUILT.resolve()


def test_a_plain_install_copies_every_built_file():
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["data-files"]
    copied = {ROOT / dest.replace("share/jupyter/labextensions/", "widgets/app/lab/") / Path(f).name
              for dest, patterns in data_files.items() for pattern in patterns for f in ROOT.glob(pattern)}
    built = {f for f in BUILT.rglob("*") if f.is_file() and f.name != "source.sha256"}
    assert built and built == copied
