"""The transparent scorecard: binning, WOE points, decisions, ROC / AUC / KS, early warnings."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from crm.cases.bank.scorecard import (DECISIONS, auc, bin_applications, bin_index, bin_labels, decide, decision_summary,
                                      early_warnings, evaluate, fit_scorecard, ks_statistic, roc_curve, score,
                                      outcome_flags, warning_performance)
from crm.core.schemas import DataError


def test_numeric_bins_are_left_closed_and_clip_below_the_first_edge():
    s = pd.Series([10, 18, 24.9, 25, 99], name="age")
    assert bin_index(s, (18, 25, 40)).tolist() == [0, 0, 0, 1, 2]
    assert bin_labels((18, 25, 40)) == ["18–25", "25–40", "40+"]


def test_unknown_category_is_a_bilingual_error():
    with pytest.raises(DataError) as err:
        bin_index(pd.Series(["own", "boat"], name="housing"), ("own", "rent"))
    assert "boat" in err.value.message_zh and "boat" in err.value.message_en


def small():
    apps = pd.DataFrame({"housing": ["own", "own", "own", "own", "rent", "rent", "rent", "rent"],
                         "manual_adjustment": [0, 0, 0, 0, 0, 10, 0, -10]})
    bad = pd.Series([False, False, False, True, True, True, False, False])
    return apps, bad


def test_woe_points_hand_checked():
    apps, bad = small()
    card = fit_scorecard(apps, bad, bins={"housing": ("own", "rent")}, base_score=600, base_odds=1, pdo=20)
    # own: 3 goods, 1 bad; rent: 2 goods, 2 bads; half a count added to each cell
    woe_own, woe_rent = np.log((3.5 / 6) / (1.5 / 4)), np.log((2.5 / 6) / (2.5 / 4))
    factor = 20 / np.log(2)
    offset = 600 - factor * np.log(1 / (5 / 3))
    assert card["woe"].tolist() == pytest.approx([woe_own, woe_rent])
    assert card["points"].tolist() == [round(factor * woe_own + offset), round(factor * woe_rent + offset)]
    assert card["bad_rate"].tolist() == pytest.approx([0.25, 0.5])


def test_score_is_automatic_plus_manual():
    apps, bad = small()
    card = pd.DataFrame({"attribute": ["housing", "housing"], "bin": ["own", "rent"], "order": [0, 1],
                         "points": [100, 60]})
    s = score(apps, card, bins={"housing": ("own", "rent")})
    assert s["automatic_score"].tolist() == [100] * 4 + [60] * 4
    assert s["final_score"].tolist() == [100, 100, 100, 100, 60, 70, 60, 50]
    binned = bin_applications(apps, card, bins={"housing": ("own", "rent")})
    assert binned.score(card, manual=False).tolist() == s["automatic_score"].tolist()


def test_decisions_at_the_cutoffs_take_the_higher_decision():
    assert decide([500, 560, 589, 590, 620, 700], (560, 590, 620)).tolist() == [0, 1, 1, 2, 3, 3]
    with pytest.raises(DataError):
        decide([1], (600, 590, 620))


def test_decision_summary_hand_checked():
    table = decision_summary([500, 500, 570, 600, 700, 700], [True, False, True, False, False, False], (560, 590, 620))
    assert list(table.index) == list(DECISIONS)
    assert table["applications"].tolist() == [2, 1, 1, 2]
    assert table["bad_rate"].tolist() == pytest.approx([0.5, 1.0, 0.0, 0.0])


def test_perfect_and_useless_scores():
    bad = np.array([True, True, False, False])
    assert auc([1, 2, 3, 4], bad) == pytest.approx(1.0)
    assert auc([3, 4, 1, 2], bad) == pytest.approx(0.0)
    assert auc([1, 1, 1, 1], bad) == pytest.approx(0.5)
    assert ks_statistic([1, 2, 3, 4], bad)[:2] == (pytest.approx(1.0), 2.0)


def test_roc_hand_checked():
    roc = roc_curve([1, 2, 2, 3], [True, False, True, False])
    assert roc["bad_rate_caught"].tolist() == pytest.approx([0, 0.5, 1, 1])
    assert roc["good_rate_lost"].tolist() == pytest.approx([0, 0, 0.5, 1])
    assert auc([1, 2, 2, 3], [True, False, True, False]) == pytest.approx(0.875)


def test_roc_needs_both_outcomes():
    with pytest.raises(DataError):
        roc_curve([1, 2], [False, False])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(300, 800), st.booleans()), min_size=2, max_size=150))
def test_auc_is_the_chance_a_bad_scores_below_a_good(pairs):
    s = np.array([p[0] for p in pairs], dtype=float)
    bad = np.array([p[1] for p in pairs])
    if bad.all() or not bad.any():
        return
    b, g = s[bad], s[~bad]
    expected = ((b[:, None] < g[None, :]).sum() + 0.5 * (b[:, None] == g[None, :]).sum()) / (len(b) * len(g))
    assert auc(s, bad) == pytest.approx(expected)
    roc = roc_curve(s, bad)
    assert (np.diff(roc["bad_rate_caught"]) >= 0).all() and (np.diff(roc["good_rate_lost"]) >= 0).all()
    ks = ks_statistic(s, bad).statistic
    assert 0 <= ks <= 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(300, 800), min_size=1, max_size=100), st.integers(0, 100), st.integers(0, 100))
def test_raising_a_cutoff_never_approves_more(scores, shift, extra):
    low = (550, 580, 610)
    high = (550 + shift, 580 + shift + extra, 610 + shift + extra)
    assert (decide(scores, high) <= decide(scores, low)).all()
    rate = lambda c: (decide(scores, c) >= 2).mean()
    assert rate(high) <= rate(low)


def test_evaluate_states_rates_consistent_with_the_summary():
    rng = np.random.default_rng(0)
    s = rng.normal(600, 50, 500)
    bad = rng.random(500) < 1 / (1 + np.exp((s - 540) / 20))
    result = evaluate(s, bad)
    table = decision_summary(s, bad)
    approved = table.loc[["approve_lower_limit", "approve"]]
    assert result["approval_rate"] == pytest.approx(approved["applications"].sum() / 500)
    assert result["approved_bad_rate"] == pytest.approx(approved["bad"].sum() / approved["applications"].sum())
    assert 0.5 < result["auc"] <= 1


def test_early_warnings_and_their_performance():
    loans = pd.DataFrame({"loan_id": ["a", "b", "c", "d"], "days_past_due": [0, 30, 60, 0],
                          "utilisation": [0.2, 0.95, 0.5, 0.1]})
    signals = {"late": ("days_past_due", ">=", 30), "maxed": ("utilisation", ">=", 0.9)}
    flags = early_warnings(loans, signals)
    assert flags["signals"].tolist() == [0, 2, 1, 0]
    assert flags["warned"].tolist() == [False, True, True, False]
    perf = warning_performance(flags, [False, True, False, True])
    assert perf.loc["late", "precision"] == pytest.approx(0.5)
    assert perf.loc["any", "recall"] == pytest.approx(0.5)
    assert perf.loc["maxed", "lift"] == pytest.approx(2.0)


def test_bad_signal_is_a_bilingual_error():
    with pytest.raises(DataError) as err:
        early_warnings(pd.DataFrame({"loan_id": ["a"]}), {"x": ("nope", ">=", 1)})
    assert "nope" in str(err.value) and err.value.message_en


def test_fit_needs_both_outcomes_and_the_columns():
    apps, _ = small()
    with pytest.raises(DataError):
        fit_scorecard(apps, pd.Series([False] * 8), bins={"housing": ("own", "rent")})
    with pytest.raises(DataError):
        fit_scorecard(apps, pd.Series([True, False] * 4), bins={"income": (0, 1)})


def test_client_scores_use_years_since_joining_and_no_manual_part():
    from crm.cases.bank.scorecard import client_scores
    card = pd.DataFrame({"attribute": ["years_with_bank"] * 2 + ["housing"] * 2, "bin": ["0–5", "5+", "own", "rent"],
                         "order": [0, 1, 0, 1], "points": [10, 50, 100, 60]})
    clients = pd.DataFrame({"customer_id": ["a", "b"], "joined_year": [2012, 2005], "housing": ["rent", "own"],
                            "manual_adjustment": [99, 99]})
    s = client_scores(clients, card, 2014, bins={"years_with_bank": (0, 5), "housing": ("own", "rent")})
    assert s.to_dict() == {"a": 70.0, "b": 150.0}
    with pytest.raises(DataError):
        client_scores(clients.drop(columns="joined_year"), card, 2014)


def test_ks_of_a_score_where_high_means_risky_matches_scipy():
    """Before: a score where high means risky gave KS 0 (only the 'bads score lower' gap was measured)."""
    from scipy.stats import ks_2samp
    rng = np.random.default_rng(7)
    bad = rng.random(4000) < 0.2
    risk = np.round(rng.normal(0.35, 0.15, 4000) + 0.3 * bad, 3)  # high = risky, like a probability of default
    expected = ks_2samp(risk[bad], risk[~bad]).statistic
    assert expected > 0.4
    result = ks_statistic(risk, bad, higher_is="bad")
    assert result.statistic == pytest.approx(expected, abs=1e-12)
    assert result.bads_score == "higher" and result.points_as_stated
    # the same score said to point the other way: the same gap, flagged as pointing the wrong way
    stated_wrong = ks_statistic(risk, bad, higher_is="good")
    assert stated_wrong.statistic == pytest.approx(expected, abs=1e-12) and not stated_wrong.points_as_stated
    # and the mirrored score (high = good) has the same KS, pointing as a scorecard does
    mirrored = ks_statistic(-risk, bad)
    assert mirrored.statistic == pytest.approx(expected, abs=1e-12) and mirrored.bads_score == "lower"
    assert evaluate(risk, bad)["ks"] == pytest.approx(expected, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.booleans()), min_size=2, max_size=120))
def test_ks_equals_scipy_both_ways(pairs):
    from scipy.stats import ks_2samp
    s = np.array([p[0] for p in pairs], dtype=float)
    bad = np.array([p[1] for p in pairs])
    if bad.all() or not bad.any():
        return
    expected = ks_2samp(s[bad], s[~bad]).statistic
    assert ks_statistic(s, bad).statistic == pytest.approx(expected, abs=1e-12)
    assert ks_statistic(-s, bad).statistic == pytest.approx(expected, abs=1e-12)


def test_ks_rejects_an_unknown_direction():
    with pytest.raises(DataError, match="higher_is"):
        ks_statistic([1, 2], [True, False], higher_is="up")


# --- missing values and outcomes read explicitly ---------------------------------------------------------

def income_apps():
    apps = pd.DataFrame({"monthly_income": [1000, 3000, 3000, 5000, 12000, 15000, np.nan, np.nan, 2000, 11000],
                         "housing": ["own", "rent", "own", "own", "rent", "own", "rent", "own", "rent", "own"]})
    bad = pd.Series([True, True, False, False, False, False, True, False, True, False])
    return apps, bad


BINS = {"monthly_income": (0, 2500, 4000, 10000), "housing": ("own", "rent")}


def test_a_missing_income_is_its_own_bin_not_the_top_one():
    """Before: NaN sorted past the last edge and fell into the top income bin (10000+)."""
    apps, bad = income_apps()
    assert bin_index(apps["monthly_income"], BINS["monthly_income"], missing_bin=True).tolist() == \
        [0, 1, 1, 2, 3, 3, 4, 4, 0, 3]
    card = fit_scorecard(apps, bad, bins=BINS)
    income = card[card["attribute"] == "monthly_income"].set_index("bin")
    assert income.index.tolist() == ["0–2500", "2500–4000", "4000–10000", "10000+", "missing"]
    assert income.loc["10000+", "applications"] == 3 and income.loc["missing", "applications"] == 2
    assert income.loc["missing", "bad_rate"] == 0.5 and income.loc["10000+", "bad_rate"] == 0.0
    scores = score(apps, card, bins=BINS)["automatic_score"]
    top = income.loc["10000+", "points"]
    housing = card[card["attribute"] == "housing"].set_index("bin")["points"]
    assert scores.iloc[6] == income.loc["missing", "points"] + housing["rent"] != top + housing["rent"]


def test_missing_values_without_a_missing_bin_are_a_clear_error():
    apps, bad = income_apps()
    card = fit_scorecard(apps.dropna(), bad[apps["monthly_income"].notna()], bins=BINS)
    assert "missing" not in card["bin"].tolist()
    with pytest.raises(DataError) as err:
        score(apps, card, bins=BINS)
    assert "monthly_income" in err.value.message_en and "[6, 7]" in err.value.message_en
    assert "monthly_income" in err.value.message_zh and "缺失" in err.value.message_zh
    with pytest.raises(DataError, match="housing"):
        bin_index(pd.Series(["own", None], name="housing"), ("own", "rent"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(-100, 20000, allow_nan=False)), min_size=1, max_size=60),
       st.lists(st.integers(0, 59), max_size=20))
def test_missing_values_never_change_the_other_rows_bins(values, holes):
    edges = (0, 2500, 4000, 10000)
    full = pd.Series([0.0 if v is None else v for v in values], name="monthly_income")
    gappy = full.copy()
    gappy.iloc[[h for h in holes if h < len(full)]] = np.nan
    gappy[[v is None for v in values]] = np.nan
    missing = gappy.isna().to_numpy()
    got = bin_index(gappy, edges, missing_bin=True)
    assert (got[missing] == len(edges)).all()
    assert (got[~missing] == bin_index(full, edges)[~missing]).all()


def test_unknown_outcomes_are_left_out_not_counted_as_defaults():
    """Before: a missing outcome was cast to True: 3,000 unknown of 15,000 turned 8.3% bad into 26.6%."""
    rng = np.random.default_rng(3)
    n = 3000
    apps = pd.DataFrame({"monthly_income": rng.integers(500, 20000, n).astype(float),
                         "housing": rng.choice(["own", "rent"], n)})
    bad = rng.random(n) < 0.083
    outcome = pd.Series(bad, dtype=object)
    unknown = rng.random(n) < 0.2
    outcome[unknown] = None
    card = fit_scorecard(apps, outcome, bins=BINS)
    known_card = fit_scorecard(apps[~unknown].reset_index(drop=True), bad[~unknown], bins=BINS)
    pd.testing.assert_frame_equal(card, known_card, check_like=False)
    assert card.attrs["unknown_outcomes"] == int(unknown.sum())
    scores = score(apps, card, bins=BINS)["final_score"]
    table = decision_summary(scores, outcome, (600, 610, 620))
    known_table = decision_summary(scores[~unknown], bad[~unknown], (600, 610, 620))
    assert table["bad_rate"].tolist() == pytest.approx(known_table["bad_rate"].tolist(), nan_ok=True)
    overall = table["bad"].sum() / (table["applications"].sum() - unknown.sum())
    assert overall == pytest.approx(bad[~unknown].mean()) and overall < 0.12
    assert evaluate(scores, outcome) == pytest.approx(evaluate(scores[~unknown], bad[~unknown]), nan_ok=True)
    assert auc(scores, outcome) == pytest.approx(auc(scores[~unknown], bad[~unknown]))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from([True, False, None])), min_size=2, max_size=80))
def test_the_bad_rate_counts_only_known_outcomes(rows):
    scores = np.array([550 + 20 * s for s, _ in rows], dtype=float)
    outcome = pd.Series([o for _, o in rows], dtype=object)
    table = decision_summary(scores, outcome, (560, 590, 620))
    code = decide(scores, (560, 590, 620))
    for d in range(4):
        known = [o for c, o in zip(code, outcome) if c == d and o is not None]
        want = sum(known) / len(known) if known else np.nan
        assert table["bad_rate"].iloc[d] == pytest.approx(want, nan_ok=True)
        assert table["bad"].iloc[d] == sum(known)


@pytest.mark.parametrize("bad_word, good_word", [("bad", "good"), ("1", "0"), ("yes", "no"), ("违约", "正常"),
                                                 ("Bad ", " GOOD"), (1, 0), (1.0, 0.0), ("TRUE", "false")])
def test_text_and_number_outcomes_are_read_explicitly(bad_word, good_word):
    """Before: any non-empty text (also 'good' and '0') became a default."""
    apps, bad = income_apps()
    words = pd.Series([bad_word if b else good_word for b in bad], dtype=object)
    pd.testing.assert_frame_equal(fit_scorecard(apps, words, bins=BINS), fit_scorecard(apps, bad, bins=BINS))
    assert outcome_flags(words)[0].tolist() == bad.tolist()


def test_an_unrecognised_outcome_is_a_clear_error():
    apps, bad = income_apps()
    words = pd.Series(["good"] * 9 + ["maybe"], name="result")
    with pytest.raises(DataError) as err:
        fit_scorecard(apps, words, bins=BINS)
    assert "maybe" in err.value.message_en and "[9]" in err.value.message_en and "maybe" in err.value.message_zh
    with pytest.raises(DataError, match="2"):
        outcome_flags([0, 1, 2])


def test_text_in_a_numeric_attribute_is_a_clear_error_not_the_top_bin():
    values = pd.Series([1000, "abc", 5000, "n.a."], name="monthly_income", dtype=object)
    with pytest.raises(DataError) as err:
        bin_index(values, BINS["monthly_income"], missing_bin=True)
    assert "monthly_income" in err.value.message_en and "abc" in err.value.message_en and "[1, 3]" in err.value.message_en
