"""Every label is written once, in both languages: a key defined twice would silently relabel another case."""
import ast
from collections import Counter
from pathlib import Path

import widgets
from widgets.i18n import LANGUAGES, TEXT

SOURCE = Path(widgets.__file__).with_name("i18n.py")


def test_no_key_is_defined_twice():
    keys = Counter()
    for node in ast.walk(ast.parse(SOURCE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            values = [v for v in node.values if isinstance(v, ast.Dict)]
            if values and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
                keys.update(k.value for k in node.keys)
    assert keys and not [k for k, n in keys.items() if n > 1]


def test_every_label_has_every_language():
    assert not [k for k, entry in TEXT.items() if set(entry) != set(LANGUAGES) or not all(entry.values())]
