"""The concepts case (seeds/001, 004, 002): every figure and quote is the sources' own, the retention
calculator works them through and refuses a value outside a source's range in both languages, the
present values follow seed 001's definitions, the give/get quadrant places each of its four cells, and
the generator is deterministic."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm.cases import load_case
from crm.cases.concepts import case as cc
from crm.cases.concepts.data import generate
from crm.cases.concepts.give_get import CELLS, NAMES, quadrant
from crm.cases.concepts.notices import value_notice
from crm.cases.concepts.retention import figure, figure_range, retention
from crm.cases.concepts.value import annuity_factor, present_values, type_summary, value_table, value_types
from crm.core.schemas import DataError

SHARED = Path("/work/shared")


@pytest.fixture(scope="module")
def t():
    return load_case("concepts")


def _seed(path: str) -> str:
    f = SHARED / path
    if not f.exists():
        pytest.skip("the seeds folder is not on this machine")
    return f.read_text(encoding="utf-8")


def test_every_figure_and_quote_is_verbatim_in_its_own_file():
    for name, (low, high, path, sentence) in cc.FIGURES.items():
        assert sentence in _seed(path), name
        for v in {low, high}:  # the figure itself is written in the sentence (15 % as "15%", ×2 as 一倍)
            shown = f"{v * 100:g}%" if v < 1 else f"{v:g}"
            assert shown in sentence or (name == "profit_multiple" and "一倍" in sentence), (name, shown)
    for path, sentence, _ in cc.QUOTES:
        assert sentence in _seed(path), sentence[:30]
    for sentence in CELLS.values():
        assert sentence in _seed(cc.SEED_004)


def test_the_two_sixes_and_the_five_to_ten_are_kept_apart_with_their_files():
    assert figure_range("new_vs_keep") == (5.0, 10.0) and cc.FIGURES["new_vs_keep"][2] == cc.SEED_001
    assert figure("selling_spend") == 6.0 and cc.FIGURES["selling_spend"][2] == cc.SEED_001
    assert figure("new_vs_keep_002") == 6.0 and cc.FIGURES["new_vs_keep_002"][2] == cc.SEED_002


def test_retention_works_the_figures_through_per_hundred_customers():
    r = retention(7.5, 9.0, 2.5)
    assert r.per == cc._a("per_customers") == 100
    assert r.win_cost == pytest.approx(750.0) and r.keep_cost == 100.0
    assert r.attempts_new == pytest.approx(100 / 0.15) and r.attempts_existing == pytest.approx(200.0)
    assert r.stay_fast == pytest.approx(70.0) and r.told_bad == pytest.approx(900.0) and r.told_good == 250.0
    assert r.ratios == pytest.approx({"cost": 7.5, "attempts": 0.5 / 0.15, "spend": 6.0, "told": 3.6})
    lo, hi = retention(5, 8, 3), retention(10, 10, 2)  # the two ends of every range are allowed
    assert lo.ratios["told"] == pytest.approx(8 / 3) and hi.ratios["told"] == 5.0 and hi.win_cost == 1000.0


@pytest.mark.parametrize("kw", [{"new_vs_keep": 4.9}, {"new_vs_keep": 11}, {"told_unhappy": 7},
                                {"told_happy": 3.5}, {"told_happy": 1}])
def test_a_value_outside_the_sources_range_is_refused_in_both_languages(kw):
    with pytest.raises(DataError) as err:
        retention(**kw)
    assert "来源给出的范围" in err.value.message_zh and "outside the source's range" in err.value.message_en


def test_present_values_follow_the_definition_year_by_year(t):
    c = t["customers"]
    v = present_values(c)
    row = c.iloc[3]
    by_hand = sum(row["annual_profit"] / 1.08 ** k for k in range(1, int(row["years"]) + 1))
    assert v.iloc[3]["current_value"] == pytest.approx(by_hand)
    assert present_values(c, 0.0)["growth_potential"].tolist() == pytest.approx((c["annual_uplift"] * c["years"]).tolist())
    assert annuity_factor(3, 0.1) == pytest.approx(1 / 1.1 + 1 / 1.21 + 1 / 1.331)


def test_value_types_cut_at_the_medians_and_type_one_holds_the_losses(t):
    table = value_table(t["customers"])
    hi_c = table["current_value"] >= table["current_value"].median()
    hi_p = table["growth_potential"] >= table["growth_potential"].median()
    assert ((table["value_type"] == "IV") == (hi_c & hi_p)).all()
    assert ((table["value_type"] == "II") == (~hi_c & hi_p)).all()
    assert ((table["value_type"] == "III") == (hi_c & ~hi_p)).all()
    losses = table.index[(t["customers"].set_index("customer_id")["annual_profit"] < 0)]
    assert len(losses) and set(table.loc[losses, "value_type"]) <= {"I", "II"}
    s = type_summary(table)
    assert list(s.index) == ["I", "II", "III", "IV"] and s["customers"].sum() == len(table)
    assert s["current_value"].sum() == pytest.approx(table["current_value"].sum())


def test_explicit_cuts_and_bad_tables():
    v = pd.DataFrame({"current_value": [1.0, 5.0, 5.0, 1.0], "growth_potential": [1.0, 1.0, 5.0, 5.0]})
    assert value_types(v, 3, 3).tolist() == ["I", "III", "IV", "II"]
    with pytest.raises(DataError, match="lacks"):
        present_values(pd.DataFrame({"customer_id": ["a"]}))
    with pytest.raises(DataError, match="empty"):
        present_values(pd.DataFrame(columns=["customer_id", "annual_profit", "annual_uplift", "years"]))
    with pytest.raises(DataError) as err:
        annuity_factor(3, -1.5)
    assert "贴现率" in err.value.message_zh


def test_the_give_get_quadrant_places_each_cell():
    assert quadrant(9, 4, 7, 2) == "win_win" and quadrant(9, 4, 2, 7) == "customer_gains"
    assert quadrant(3, 8, 7, 2) == "golden_hen" and quadrant(3, 8, 2, 7) == "both_lose"
    assert quadrant(5, 5, 5, 5) == "both_lose"  # a tie is not 得>给
    assert set(NAMES) == set(CELLS) and "金母鸡" in CELLS[(False, True)]
    with pytest.raises(DataError) as err:
        quadrant(-1, 2, 3, 4)
    assert "非负" in err.value.message_zh and "non-negative" in err.value.message_en


def test_the_notice_computes_its_shares_from_the_book(t):
    text = value_notice(t)
    s = type_summary(value_table(t["customers"]))
    share = s.loc["IV", "current_value"] / s["current_value"].sum()
    assert f"{share:.0%}" in text and f"{s.loc['II', 'customers']} of type II" in text


def test_generator_is_deterministic_and_seeds_differ():
    a, b, c = generate(1004)["customers"], generate(1004)["customers"], generate(7)["customers"]
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c) and len(a) == cc._a("customers")
    assert a["years"].between(*cc._a("years")).all() and (a["annual_uplift"] >= 0).all()
    assert np.isclose((a["annual_profit"] < 0).mean(), cc._a("negative_share"), atol=0.06)


# --- demand against capacity (seeds/004) ------------------------------------------------------------------------
from crm.cases.concepts.demand import balance, lever_range, profile, shift_demand  # noqa: E402


def test_the_levers_are_the_sources_and_the_day_is_an_assumption():
    levers = next(s for f, s, _ in cc.QUOTES if s.startswith("服務的需求與供給分析"))
    assert "1.調整服務產能" in levers and "2.管理顧客對服務的需求水準" in levers and levers in _seed(cc.SEED_004)
    for name in ("demand_profile", "optimum_capacity", "maximum_capacity", "capacity_change", "demand_shift"):
        assert name in cc.ASSUMPTIONS
    assert "not the source's" in cc.ASSUMPTIONS["demand_profile"][1]
    assert profile().tolist() == list(cc.ASSUMPTIONS["demand_profile"][0])


def test_each_hour_splits_into_served_unmet_and_idle_against_the_two_capacities():
    b = balance()
    h, demand = b.hours, profile()
    opt, mx = cc.ASSUMPTIONS["optimum_capacity"][0], cc.ASSUMPTIONS["maximum_capacity"][0]
    assert h["unmet"].tolist() == [max(d - mx, 0) for d in demand]
    assert h["idle"].tolist() == [max(opt - d, 0) for d in demand]
    assert h["above_optimum"].tolist() == [min(max(d - opt, 0), mx - opt) for d in demand]
    assert b.demand == demand.sum() == b.served + b.unmet and b.moved == 0


def test_the_capacity_lever_moves_both_lines_and_trades_unmet_for_idle():
    base, more, less = balance(0), balance(3), balance(-3)
    assert (more.hours["maximum"] == cc.ASSUMPTIONS["maximum_capacity"][0] + 3).all()
    assert more.unmet < base.unmet < less.unmet and more.idle > base.idle > less.idle
    assert more.demand == base.demand == less.demand


def test_the_demand_lever_moves_peak_demand_into_room_and_keeps_the_day():
    base, half, full = balance(0, 0), balance(0, 0.5), balance(0, 1.0)
    opt = cc.ASSUMPTIONS["optimum_capacity"][0]
    excess = np.clip(profile() - opt, 0, None).sum()
    assert half.moved == pytest.approx(0.5 * excess) and full.moved == pytest.approx(excess)
    assert half.demand == full.demand == base.demand
    assert full.unmet == 0 and full.above_optimum == 0 and full.idle == pytest.approx(base.idle - excess)
    assert half.unmet < base.unmet
    # never more than the room there is
    assert shift_demand(np.array([30.0, 9.0]), 10, 1.0).tolist() == [29.0, 10.0]


@pytest.mark.parametrize("kw", [dict(capacity_change=7), dict(capacity_change=1.5), dict(demand_shift=-0.1),
                                dict(demand_shift=float("nan"))])
def test_a_lever_outside_its_range_is_refused_in_both_languages(kw):
    with pytest.raises(DataError) as err:
        balance(**kw)
    assert "须" in err.value.message_zh and "must be" in err.value.message_en
    assert lever_range("capacity_change") == (-6.0, 6.0)


def test_the_demand_notice_computes_its_figures_and_names_the_assumed_day():
    from crm.cases.concepts.notices import demand_notice
    text, rest, full = demand_notice(), balance(), balance(0, 1.0)
    for key in ("demand_profile", "optimum_capacity", "maximum_capacity"):
        assert text.count(f"`{key}`") == 2
    clear = min(c for c in range(7) if balance(c).unmet == 0)
    assert f"{rest.unmet:g} 位" in text and f"{rest.unmet:g} of the day's {rest.demand:g}" in text
    assert f"adding {clear} customers an hour" in text and f"to {balance(clear).idle:g}" in text
    assert f"leaves {full.unmet:g} unmet and {full.idle:g} idle" in text


# --- six kinds of lost customer (seeds/001) ---------------------------------------------------------------------
from crm.cases.concepts.lost import classify, COMPLAINTS, HOW, KINDS, STRATEGIES, WHAT  # noqa: E402


def test_the_six_kinds_and_five_strategies_are_the_sources_lines_in_order():
    text = _seed(cc.SEED_001)
    lines = [line for _, _, line in KINDS.values()] + list(STRATEGIES.values())
    positions = [text.index(line) for line in lines]
    assert positions == sorted(positions) and COMPLAINTS in text
    assert text.index("識別以下幾類客戶") < positions[0] and text.index("防範客戶流失的策略") < positions[6]
    for how, what, line in KINDS.values():  # each kind is read from the words of its own name
        assert how in line and what in line


def test_each_kind_is_named_by_its_two_words_and_paired_by_the_assumption():
    pairing = cc.ASSUMPTIONS["lost_strategy"][0]
    assert sorted(pairing) == list(KINDS) and set(pairing.values()) == set(STRATEGIES)
    for kind, (how, what, line) in KINDS.items():
        r = classify(how, what)
        assert (r.kind, r.kind_line, r.strategy, r.strategy_line) == (kind, line, pairing[kind], STRATEGIES[pairing[kind]])
    named = {(h, w) for h, w, _ in KINDS.values()}
    refused = [(h, w) for h in HOW for w in WHAT if (h, w) not in named]
    assert len(refused) == 16 - 6
    for how, what in refused:
        with pytest.raises(DataError) as err:
            classify(how, what)
        assert f"“{how}{what}”" in err.value.message_zh and "six kinds" in err.value.message_en


# --- the customer life cycle (seeds/002, seeds/003) -------------------------------------------------------------
from crm.cases.concepts.lifecycle import ACTIONS, MONITOR_LINE, next_stage, stage, STAGES, STAGES_LINE, WHY_LINE  # noqa: E402


def test_the_stages_and_the_moves_are_the_sources_sentences_in_their_files():
    for file, sentence in (STAGES_LINE, MONITOR_LINE, WHY_LINE, *(line for lines in ACTIONS.values() for line in lines)):
        assert sentence in _seed(file), sentence[:20]
    text = STAGES_LINE[1]
    assert [text.index(s) for s in STAGES] == sorted(text.index(s) for s in STAGES)
    assert STAGES_LINE[0] == cc.SEED_002 and ACTIONS["invite"][0][0] == cc.SEED_003


def test_stepping_goes_through_the_four_stages_with_the_assumed_moves():
    pairing = cc.ASSUMPTIONS["lifecycle_actions"][0]
    assert list(pairing) == list(STAGES) and set(pairing.values()) == set(ACTIONS)
    name, seen = STAGES[0], []
    for _ in range(6):
        s = stage(name)
        seen.append((s.number, s.name, s.action, s.lines == ACTIONS[pairing[s.name]]))
        name = next_stage(name)
    assert [x[1] for x in seen] == list(STAGES) + [STAGES[-1]] * 2  # decline is the last
    assert all(x[3] for x in seen) and [x[0] for x in seen[:4]] == [1, 2, 3, 4]
    with pytest.raises(DataError) as err:
        stage("成长期")
    assert "四期" in err.value.message_zh and "four stages" in err.value.message_en
