"""Every label is written once, in both languages: a key defined twice would silently relabel another case.

The shared views' labels are in widgets/i18n.py, each case's beside its views in
widgets/<case>/labels.py; both kinds are read here, as source (a repeated key inside one
dict literal is lost silently by Python) and as registered (:func:`widgets.i18n.register`).
"""
import ast
import importlib
from collections import Counter
from pathlib import Path

import pytest

import widgets
from widgets.i18n import DEFINED_IN, LANGUAGES, TEXT, register

PACKAGE = Path(widgets.__file__).parent
CATALOGUES = [PACKAGE / "i18n.py", *sorted(PACKAGE.glob("*/labels.py"))]
CASES = sorted(p.parent.name for p in CATALOGUES[1:])


def _keys(source: Path) -> list[str]:
    keys = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            values = [v for v in node.values if isinstance(v, ast.Dict)]
            if values and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
                keys += [k.value for k in node.keys]
    return keys


def test_every_case_has_its_labels_beside_its_views():
    assert len(CASES) >= 5 and all((PACKAGE / case / "labels.py").is_file() for case in CASES)


def test_no_key_is_defined_twice():
    keys = Counter(k for source in CATALOGUES for k in _keys(source))
    assert len(keys) > 800 and not [k for k, n in keys.items() if n > 1]


def test_every_case_registers_its_labels_when_its_views_are_imported():
    for case in CASES:
        importlib.import_module(f"widgets.{case}")
        mine = _keys(PACKAGE / case / "labels.py")
        assert mine and all(DEFINED_IN[k] == f"widgets.{case}.labels" for k in mine), case
    assert set(TEXT) == {k for source in CATALOGUES for k in _keys(source)}


def test_registering_a_key_another_catalogue_has_is_an_error():
    with pytest.raises(ValueError, match="defined twice"):
        register({"abc.title": {"zh": "另一个", "en": "Another"}}, "widgets.someone_else.labels")
    assert TEXT["abc.title"]["en"] != "Another"


def test_every_label_has_every_language():
    assert not [k for k, entry in TEXT.items() if set(entry) != set(LANGUAGES) or not all(entry.values())]
