"""A view's assumption class, listed as datasheet assumptions (name → (default, why)).

Some assumptions live in a frozen dataclass that a view or simulator takes (a campaign's
uplift and cost, a routing model's staffing), not in the generator. The datasheet must
list them too (a Notice may rest on them), and typing them a second time would let the two
drift apart. :func:`config_assumptions` reads the class itself: each field's default, and
the sentence its numpy docstring's ``Attributes`` section gives it.
"""
from __future__ import annotations

import dataclasses
import inspect
import re

__all__ = ["NOTICE_HEADER", "config_assumptions", "named"]

_ENTRY = re.compile(r"^(?P<names>[A-Za-z_][\w, ]*?)\s*:\s*\S.*$")


def _attribute_docs(cls: type) -> dict[str, str]:
    """Field name → its description in the class docstring's ``Attributes`` section."""
    doc = inspect.cleandoc(cls.__doc__ or "")
    lines = doc.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Attributes") + 2  # skip the underline
    except StopIteration:
        return {}
    docs: dict[str, str] = {}
    names: list[str] = []
    for line in lines[start:]:
        if line and not line.startswith(" "):
            m = _ENTRY.match(line)
            if m is None:  # the next section header
                break
            names = [n.strip() for n in m["names"].split(",")]
            for n in names:
                docs[n] = ""
        elif line.strip():
            for n in names:
                docs[n] = f"{docs[n]} {line.strip()}".strip()
    return docs


def config_assumptions(cls: type, prefix: str) -> dict[str, tuple[object, str]]:
    """The fields of the dataclass ``cls`` as datasheet assumptions ``{prefix}.{field}``.

    Parameters
    ----------
    cls : type
        A dataclass whose fields all have defaults and whose numpy docstring documents
        every field under ``Attributes``.
    prefix : str
        Prefix of the assumption names (e.g. ``"campaign"``).

    Returns
    -------
    dict
        ``{f"{prefix}.{field}": (default, description)}`` in field order.

    Raises
    ------
    ValueError
        If a field has no default or no description: an assumption must be named and said.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class C:
    ...     '''Example.
    ...
    ...     Attributes
    ...     ----------
    ...     rate : float
    ...         A rate (0.1).
    ...     '''
    ...     rate: float = 0.1
    >>> config_assumptions(C, "c")
    {'c.rate': (0.1, 'A rate (0.1).')}
    """
    docs = _attribute_docs(cls)
    out: dict[str, tuple[object, str]] = {}
    for f in dataclasses.fields(cls):
        if f.default is dataclasses.MISSING or not docs.get(f.name):
            raise ValueError(f"{cls.__name__}.{f.name}: an assumption needs a default and a documented meaning")
        out[f"{prefix}.{f.name}"] = (f.default, docs[f.name])
    return out


#: How a Notice cell begins (CONTRIBUTING.md: the Chinese, then the English in ``*...*``).
NOTICE_HEADER = "**注意 / Notice:**"


def named(*names: str) -> tuple[str, str]:
    """The datasheet assumptions a Notice rests on, between backticks, as its Chinese and its English half write them.

    >>> named("visits_per_day", "working_days")
    ('`visits_per_day`、`working_days`', '`visits_per_day`, `working_days`')
    """
    zh = "、".join(f"`{n}`" for n in names)
    return zh, ", ".join(f"`{n}`" for n in names)
