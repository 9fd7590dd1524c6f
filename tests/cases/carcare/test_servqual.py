"""crm.cases.carcare.servqual: gaps and importance–performance quadrants."""
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from crm.core.schemas import DataError
from crm.cases.carcare.servqual import DIMENSIONS, QUADRANTS, act_first, ipa_quadrants, servqual_gaps


def survey():
    # (importance, expectation, performance) per dimension, two respondents each
    means = {"tangibles": (4, 6, 9), "reliability": (9, 9, 5), "responsiveness": (8, 8, 7),
             "assurance": (7, 7, 8), "empathy": (3, 5, 4)}
    rows = [(r, d, i, e, p) for r in ("R1", "R2") for d, (i, e, p) in means.items()]
    return pd.DataFrame(rows, columns=["respondent_id", "dimension", "importance", "expectation", "performance"])


def test_gaps_by_hand():
    g = servqual_gaps(survey())
    assert list(g.index) == list(DIMENSIONS)
    assert g.loc["reliability", "gap"] == -4 and g.loc["tangibles", "gap"] == 3
    assert g.loc["reliability", "respondents"] == 2
    assert g.loc["reliability", "weighted_gap"] == pytest.approx(-4 * 9 / 6.2)


def test_quadrants_by_hand_and_where_to_act():
    q = ipa_quadrants(servqual_gaps(survey()))  # cuts: importance 6.2, performance 6.6
    assert q["quadrant"].to_dict() == {"tangibles": "possible_overkill", "reliability": "concentrate_here",
                                       "responsiveness": "keep_up", "assurance": "keep_up",
                                       "empathy": "low_priority"}
    assert act_first(servqual_gaps(survey())) == "reliability"
    assert sorted(q["act_rank"]) == [1, 2, 3, 4, 5]


def test_midpoint_cuts():
    q = ipa_quadrants(servqual_gaps(survey()), importance_cut=5.5, performance_cut=5.5)
    assert q.loc["empathy", "quadrant"] == "low_priority" and q.loc["reliability", "quadrant"] == "concentrate_here"


@given(st.lists(st.tuples(st.integers(1, 10), st.integers(1, 10), st.integers(1, 10)), min_size=5, max_size=5),
       st.floats(1, 10), st.floats(1, 10))
def test_every_dimension_gets_exactly_one_quadrant(values, ic, pc):
    df = pd.DataFrame([(d, *v) for d, v in zip(DIMENSIONS, values)],
                      columns=["dimension", "importance", "expectation", "performance"])
    q = ipa_quadrants(servqual_gaps(df), ic, pc)
    assert q["quadrant"].isin(QUADRANTS).all() and len(q) == 5
    assert sorted(q["act_rank"]) == [1, 2, 3, 4, 5]


def test_bad_input_is_explained():
    with pytest.raises(DataError, match="lacks columns"):
        servqual_gaps(survey().drop(columns="performance"))
    with pytest.raises(DataError, match="between 1 and 10") as err:
        ipa_quadrants(servqual_gaps(survey()), importance_cut=12)
    assert "1 到 10" in str(err.value)
