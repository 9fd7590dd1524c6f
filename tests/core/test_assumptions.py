"""A view's assumption class is listed field by field, default and meaning read from the class itself."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

from crm.core.assumptions import config_assumptions


@dataclass(frozen=True)
class _Config:
    """Example.

    Attributes
    ----------
    rate : float
        A rate (0.1),
        on two lines.
    low, high : int
        Two bounds sharing one sentence.

    Notes
    -----
    Not an attribute.
    """

    rate: float = 0.1
    low: int = 1
    high: int = 9


def test_each_field_gets_its_default_and_its_sentence():
    got = config_assumptions(_Config, "c")
    assert got == {"c.rate": (0.1, "A rate (0.1), on two lines."),
                   "c.low": (1, "Two bounds sharing one sentence."), "c.high": (9, "Two bounds sharing one sentence.")}


def test_an_undocumented_field_is_refused():
    @dataclass(frozen=True)
    class Bare:
        """No attributes section."""

        rate: float = 0.1

    with pytest.raises(ValueError, match="Bare.rate"):
        config_assumptions(Bare, "b")


@pytest.mark.parametrize("module, cls, prefix", [
    ("crm.cases.supermarket.member_day", "CampaignConfig", "campaign"),
    ("crm.cases.futures.routing", "RoutingConfig", "routing"),
    ("crm.cases.futures.roles", "RoleRules", "roles"),
    ("crm.cases.fuel.keep_win", "KeepWinConfig", "keep_win"),
])
def test_the_case_lists_every_field_of_its_view_config(module, cls, prefix):
    """Before issue 22 the campaign's uplift, discount and costs were in no datasheet."""
    import importlib
    klass = getattr(importlib.import_module(module), cls)
    case = importlib.import_module(module.rsplit(".", 1)[0] + ".case")
    for f in dataclasses.fields(klass):
        assert case.ASSUMPTIONS[f"{prefix}.{f.name}"][0] == f.default
