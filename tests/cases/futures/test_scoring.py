"""crm.cases.futures.scoring: indicators, weighted scores, rank stability, Pareto core and the crude screen."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.core.schemas import DataError
from crm.cases.futures.scoring import (client_indicators, compare_screens, core_clients, crude_screen, rank_stability,
                                       score_clients, top_overlap)


def test_indicators_by_hand():
    clients = pd.DataFrame({"client_id": ["a", "b"], "account_opened": pd.to_datetime(["2012-12-31", "2013-06-30"])})
    accounts = pd.DataFrame({"client_id": ["a", "a", "b"], "month": pd.to_datetime(["2013-11-01", "2013-12-01",
                                                                                     "2013-12-01"]),
                             "equity": [10.0, 20.0, 5.0], "lots": [1, 2, 3], "commission": [6.0, 12.0, 18.0],
                             "trades": [1, 0, 2]})
    ind = client_indicators(clients, accounts, months=12)
    assert ind.loc["a"].to_dict() == pytest.approx({"equity": 20.0, "lots": 3, "commission": 18.0,
                                                    "tenure_years": 365 / 365.25, "active_months": 1})
    assert ind.loc["b", "active_months"] == 1
    assert client_indicators(clients, accounts, months=1).loc["a", "commission"] == 12.0


def test_scores_by_hand_and_weights_change_the_order():
    ind = pd.DataFrame({"equity": [1.0, 2.0, 3.0], "lots": [3.0, 2.0, 1.0]}, index=["a", "b", "c"])
    s = score_clients(ind, {"equity": 1, "lots": 1})
    assert s["score"].tolist() == pytest.approx([200 / 3] * 3)  # opposite ranks, equal weights: all tie, ordered by id
    assert s.index.tolist() == ["a", "b", "c"]
    assert score_clients(ind, {"equity": 0, "lots": 5}).index[0] == "a"
    assert score_clients(ind, {"equity": 3, "lots": 1}).index[0] == "c"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 1e6), min_size=3, max_size=40), st.floats(0.01, 1), st.floats(0.01, 1))
def test_score_invariants(values, w1, w2):
    n = len(values)
    ind = pd.DataFrame({"equity": values, "lots": values[::-1]}, index=[f"c{i:03d}" for i in range(n)])
    s = score_clients(ind, {"equity": w1, "lots": w2})
    assert sorted(s["rank"]) == list(range(1, n + 1))
    assert ((s["score"] >= 0) & (s["score"] <= 100 + 1e-9)).all()
    assert np.allclose(s[["equity", "lots"]].sum(axis=1), s["score"])
    assert s["score"].is_monotonic_decreasing


def test_stability_is_full_without_noise_and_drops_with_it():
    rng = np.random.default_rng(0)
    ind = pd.DataFrame(rng.random((300, 3)), columns=["equity", "lots", "commission"],
                       index=[f"c{i:03d}" for i in range(300)])
    exact = rank_stability(ind, {"equity": 1, "lots": 1, "commission": 1}, n=30, spread=0.0, draws=5)
    assert (exact["stay_share"] == 1).all()
    noisy = rank_stability(ind, {"equity": 1, "lots": 1, "commission": 1}, n=30, spread=1.0, draws=50)
    assert noisy["stay_share"].mean() < 1 and len(noisy) == 30


def test_core_clients_and_the_crude_screen():
    values = pd.Series([50.0, 30.0, 10.0, 5.0, 5.0], index=list("abcde"))
    assert core_clients(values, 0.8).tolist() == ["a", "b"]  # a holds 50 %, a+b 80 %: b crosses the line
    assert core_clients(values, 0.5).tolist() == ["a"]
    ind = pd.DataFrame({"equity": [900.0, 100.0, 600.0, 10.0, 1.0], "commission": values.to_numpy()},
                       index=list("abcde"))
    crude = crude_screen(ind, 500)
    assert crude.tolist() == ["a", "c"]
    cmp = compare_screens(ind, {"core": core_clients(ind["commission"], 0.8), "crude": crude})
    assert cmp.loc["core", "value_share"] == pytest.approx(0.8)
    assert cmp.loc["crude", "value_share"] == pytest.approx(0.6)
    assert cmp.loc["crude", "overlap_core"] == 0.5 and top_overlap(crude, crude) == 1.0


def test_bad_input():
    ind = pd.DataFrame({"equity": [1.0]}, index=["a"])
    with pytest.raises(DataError) as err:
        score_clients(ind, {"colour": 1})
    assert "指标" in err.value.message_zh and "indicators" in err.value.message_en
    with pytest.raises(DataError):
        score_clients(ind, {"equity": -1})
    with pytest.raises(DataError):
        core_clients(pd.Series([1.0]), 1.2)


def _stability_by_full_sort(ind, weights, n, spread, draws, seed=0):
    """rank_stability as first written: every draw's column sorted whole (the reference)."""
    from crm.cases.futures.scoring import _weights
    w = _weights(weights, ind.columns)
    pct = ind[w.index].rank(pct=True).to_numpy()
    base = score_clients(ind, weights).head(n)
    pos = ind.index.get_indexer(base.index)
    factors = np.exp(np.random.default_rng(seed).normal(0.0, spread, (draws, len(w))))
    scores = pct @ (w.to_numpy()[:, None] * factors.T)
    n = min(n, len(ind))
    sorted_scores = -np.sort(-scores, axis=0)
    ranks = np.stack([np.searchsorted(-sorted_scores[:, d], -scores[pos, d], side="left") + 1
                      for d in range(draws)], axis=1)
    return pd.DataFrame({"rank": base["rank"].to_numpy(), "stay_share": (ranks <= n).mean(axis=1),
                         "worst_rank": ranks.max(axis=1)}, index=base.index)


def test_client_scorer_equals_the_plain_functions():
    from crm.cases.futures.scoring import ClientScorer
    rng = np.random.default_rng(1)
    ind = pd.DataFrame(rng.integers(0, 20, (2000, 3)).astype(float), columns=["equity", "lots", "commission"],
                       index=[f"c{i}" for i in rng.permutation(2000)])  # many ties, ids not in order
    scorer = ClientScorer(ind)
    for weights in ({"equity": 1, "lots": 1, "commission": 1}, {"equity": 0.2, "lots": 0.0, "commission": 0.7},
                    {"lots": 1}):
        pd.testing.assert_frame_equal(scorer.score(weights), score_clients(ind, weights))
        for n in (1, 40, 700, 5000):
            want = _stability_by_full_sort(ind, weights, n, 0.3, 30)
            pd.testing.assert_frame_equal(scorer.stability(weights, n, 0.3, 30), want)
            pd.testing.assert_frame_equal(rank_stability(ind, weights, n, 0.3, 30), want)


def test_top_overlap_counts_each_client_once():
    from crm.cases.futures.scoring import top_overlap
    a, b = pd.Index(["a", "b", "c", "d"], dtype="string[pyarrow]"), pd.Index(["b", "d", "d", "z"])
    assert top_overlap(a, b) == len(set(a) & set(b)) / len(a) == 0.5
    assert top_overlap(a[:0], b) == 1.0 and top_overlap(b, a) == len(set(b) & set(a)) / len(b)


def test_compare_screens_overlaps_are_top_overlap():
    from crm.cases.futures.scoring import top_overlap
    ind = pd.DataFrame({"commission": [5.0, 4.0, 3.0, 2.0, 1.0]}, index=pd.Index(list("abcde"), dtype="string[pyarrow]"))
    screens = {"x": pd.Index(["a", "b", "c"]), "y": ind.index[1:4], "none": pd.Index([], dtype=object),
               "z": pd.Index(["e", "e", "q"])}
    table = compare_screens(ind, screens)
    for name, ids in screens.items():
        for other, o in screens.items():
            assert table.loc[name, f"overlap_{other}"] == top_overlap(ids, o), (name, other)
    assert table.loc["x", "value_share"] == 12 / 15 and table.loc["none", "clients"] == 0


def test_screen_comparer_equals_compare_screens():
    from crm.cases.futures.scoring import ScreenComparer
    rng = np.random.default_rng(3)
    ind = pd.DataFrame({"equity": rng.gamma(2.0, 1e5, 60), "commission": rng.gamma(2.0, 1e3, 60)},
                       index=[f"c{i:02d}" for i in range(60)])
    comparer = ScreenComparer(ind)
    crude = crude_screen(ind, 2e5)
    for k in (0, 1, 7, 30, 60):
        screens = {"score": ind.index[rng.permutation(60)[:k]], "core": core_clients(ind["commission"], 0.8),
                   "crude": crude, "dup": pd.Index(["c01", "c01", "c02"])}
        pd.testing.assert_frame_equal(comparer.compare(screens), compare_screens(ind, screens), check_exact=True)
    stranger = {"x": pd.Index(["c01", "zz"]), "crude": crude}  # an id not in the table: the plain function
    pd.testing.assert_frame_equal(comparer.compare(stranger), compare_screens(ind, stranger), check_exact=True)


def test_ranks_above_counts_ties_like_a_full_search():
    from crm.cases.futures.scoring import _ranks_above
    rng = np.random.default_rng(5)
    for _ in range(30):
        scores = rng.integers(0, 6, (40, 7)).astype(float)
        pos = rng.choice(40, rng.integers(0, 12), replace=False)
        expected = np.array([[1 + int((scores[:, d] > scores[i, d]).sum()) for d in range(7)] for i in pos],
                            dtype=np.int64).reshape(len(pos), 7)
        np.testing.assert_array_equal(_ranks_above(scores, pos), expected)


def test_client_scorer_positions_are_the_ranked_rows():
    from crm.cases.futures.scoring import ClientScorer
    rng = np.random.default_rng(7)
    ind = pd.DataFrame({"equity": rng.integers(0, 4, 50).astype(float), "lots": rng.gamma(2.0, 10.0, 50)},
                       index=[f"c{i:02d}" for i in range(50)])
    scorer = ClientScorer(ind)
    scores = scorer.score({"equity": 1.0, "lots": 0.5})
    np.testing.assert_array_equal(scorer.positions, ind.index.get_indexer(scores.index))
    fresh = scores.copy()  # not the scorer's own table: the ids are looked up
    pd.testing.assert_frame_equal(scorer.stability({"equity": 1.0, "lots": 0.5}, n=10, base=fresh),
                                  scorer.stability({"equity": 1.0, "lots": 0.5}, n=10, base=scores))


def test_stability_draws_by_draw_are_the_plain_product_transposed():
    from crm.cases.futures.scoring import ClientScorer
    rng = np.random.default_rng(11)
    ind = pd.DataFrame({c: rng.gamma(2.0, 10.0, 300) for c in ("equity", "lots", "commission")},
                       index=[f"c{i:03d}" for i in range(300)])
    weights = {"equity": 0.2, "lots": 0.3, "commission": 0.5}
    scorer = ClientScorer(ind)
    scorer.stability(weights, n=20, draws=50, seed=4)
    w = pd.Series(weights) / sum(weights.values())
    factors = np.exp(np.random.default_rng(4).normal(0.0, 0.3, (50, 3)))
    plain = ind.rank(pct=True)[list(weights)].to_numpy() @ (w.to_numpy()[:, None] * factors.T)
    np.testing.assert_array_equal(scorer._draws[1], plain.T)
