"""The logistics case's data reproduces the source's figures (seeds/003, 迅捷物流) and its ranking of causes."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crm.cases import load_case
from crm.cases.logistics import case as lg
from crm.cases.logistics.data import daily_volume, generate
from crm.cases.logistics.delays import port_held

SEED_FILE = Path("/work/shared") / lg.SOURCE
RATE = lg.ASSUMPTIONS["sample_rate"][0]


@pytest.fixture(scope="module")
def tables():
    return load_case("logistics")


def test_every_quote_is_in_the_source():
    if not SEED_FILE.exists():
        pytest.skip("the seeds folder is not on this machine")
    text = SEED_FILE.read_text(encoding="utf-8").replace("\n", "")
    for _, quote, _ in lg.QUOTES:
        assert quote in text, quote[:30]


def test_the_firm_has_the_sources_size(tables):
    # "2200多个营业网点,覆盖了中国大陆32个省、自治区和直辖市,近250个大中城市", "公司现有员工72000多人"
    o = tables["outlets"]
    assert len(o) == lg.OUTLETS and o["province"].nunique() == lg.PROVINCES and o["city"].nunique() == lg.CITIES
    assert o["staff"].sum() + tables["hubs"]["staff"].sum() == lg.STAFF


def test_the_sample_scales_to_the_year_the_peak_day_and_the_revenue(tables):
    # "速运日业务量最高峰达到260万票。全年速运业务总量达6亿余票,年营业额达75亿元"
    p = tables["parcels"]
    assert len(p) * RATE == lg.YEAR_PARCELS
    assert p.groupby("ship_date").size().max() * RATE == pytest.approx(lg.PEAK_DAY_PARCELS, abs=RATE)
    assert p["price"].sum() * RATE == pytest.approx(lg.REVENUE_YUAN, rel=1e-4)
    v = daily_volume()
    assert v.sum() == pytest.approx(lg.YEAR_PARCELS) and v.max() == pytest.approx(lg.PEAK_DAY_PARCELS)
    hd = tables["hub_days"]
    assert hd.groupby("date")["volume"].sum().max() == pytest.approx(lg.PEAK_DAY_PARCELS, rel=1e-5)
    assert set(p.loc[p["service"] == "international", "destination"]) == set(lg.INTERNATIONAL)


def test_carrier_first_port_operations_second(tables):
    # "仅次于非公司所能控制的承运人原因而占有挺大的比例": the order is the source's, the shares are assumptions
    p = tables["parcels"]
    ranking = p.loc[p["late"], "delay_cause"].astype(str).value_counts()
    assert ranking.index[:2].tolist() == ["carrier", "port_operations"]
    assert ranking.iloc[1] >= 2 * ranking.iloc[2]  # port operations well ahead of the rest: 挺大的比例
    complaints = tables["complaints"]["topic"].astype(str).value_counts()
    assert complaints.index[:2].tolist() == ["carrier", "port_operations"]


def test_port_delays_are_exactly_what_the_hub_rule_gives(tables):
    p, d, hd = tables["parcels"], tables["delays"], tables["hub_days"]
    days = hd.set_index(["hub", "date"])
    pos = days.index.get_indexer(pd.MultiIndex.from_arrays([p["origin_hub"].astype(str), p["ship_date"]]))
    held, by_breakdown = port_held(p["hub_position"].to_numpy() / 10_000, days["volume"].to_numpy(float)[pos],
                                   days["capacity"].to_numpy(float)[pos], days["breakdown"].to_numpy(bool)[pos],
                                   lg.ASSUMPTIONS["breakdown_loss"][0])
    port = d[d["cause"] == "port_operations"].set_index("parcel_id")
    assert set(port.index) == set(p.loc[held, "parcel_id"])
    faults = set(port.index[port["detail"] == "equipment_fault"])
    assert faults == set(p.loc[by_breakdown, "parcel_id"])
    worn = set(tables["hubs"].loc[tables["hubs"]["worn"], "hub"])
    rate = hd.assign(worn=hd["hub"].astype(str).isin(worn)).groupby("worn")["breakdown"].mean()
    assert rate[True] > 2 * rate[False]  # worn equipment (成旧) breaks down more


def test_late_parcels_are_those_with_a_delay_and_their_cause_the_first(tables):
    p, d = tables["parcels"], tables["delays"]
    assert set(p.loc[p["late"], "parcel_id"]) == set(d["parcel_id"])
    first = d.drop_duplicates("parcel_id").set_index("parcel_id")["cause"].astype(str)
    late = p[p["late"]].set_index("parcel_id")
    assert (late["delay_cause"].astype(str) == first.reindex(late.index)).all()
    assert (late["delay_days"] == d.groupby("parcel_id")["days"].sum().reindex(late.index)).all()
    span = (p["delivered"] - p["ship_date"]).dt.days
    assert (span == p["promised_days"] + p["delay_days"]).all()


def test_complaints_follow_the_parcels_and_the_2010_handling(tables):
    c, p = tables["complaints"], tables["parcels"].set_index("parcel_id")
    assert c["parcel_id"].is_unique and c["parcel_id"].isin(p.index).all()
    assert (c["about_delay"] == p.loc[c["parcel_id"], "late"].to_numpy()).all()
    assert (c.loc[c["about_delay"], "topic"].astype(str).to_numpy()
            == p.loc[c.loc[c["about_delay"], "parcel_id"], "delay_cause"].astype(str).to_numpy()).all()
    assert "bound" not in set(c["path"].astype(str))  # 仅把它作为客户服务部的事情: nobody bound in
    assert (c["answered_at"] >= c["received_at"]).all()
    calls = tables["calls"]
    complaint_calls = calls[calls["kind"].isin(["complaint", "complaint_repeat"])].groupby("parcel_id").size()
    within_year = c[c["received_at"] < "2010-12-01"]  # their repeats fall inside the year
    assert (complaint_calls.reindex(within_year["parcel_id"]).to_numpy() == within_year["calls"].to_numpy()).all()


def test_the_datasheet_is_the_generators_and_regeneration_is_byte_identical(tmp_path):
    from crm.cases import write_case
    out = write_case("logistics", data_dir=tmp_path)
    committed = Path(__file__).resolve().parents[3] / "data" / "logistics"
    for f in sorted(committed.iterdir()):
        assert f.read_bytes() == (out / f.name).read_bytes(), f.name


def test_another_seed_is_another_variant_with_the_same_figures():
    t = generate(7)
    p = t["parcels"]
    assert len(p) * RATE == lg.YEAR_PARCELS and len(t["outlets"]) == lg.OUTLETS
    base = load_case("logistics")
    assert not np.array_equal(p["hub_position"].to_numpy(), base["parcels"]["hub_position"].to_numpy())


def test_the_source_figures_table_matches_the_source(tables):
    from crm.cases.logistics.firm import source_figures
    f = source_figures(tables)
    assert ((f["in_data"] - f["source"]).abs() <= f["source"] * 1e-3).all()


def test_the_case_notebook_quotes_the_source_word_for_word():
    """Every quoted block (> …) and every 「…」 of cases/logistics.ipynb is in seeds/003 (… marks a cut)."""
    import re

    import nbformat
    if not SEED_FILE.exists():
        pytest.skip("the seeds folder is not on this machine")
    text = SEED_FILE.read_text(encoding="utf-8").replace("\n", "")
    nb = nbformat.read(Path(__file__).resolve().parents[3] / "cases" / "logistics.ipynb", as_version=4)
    quotes = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            quotes += [re.sub(r"（`seeds.*$", "", line[2:]).strip() for line in cell.source.split("\n")
                       if line.startswith("> ")]
            quotes += re.findall("「(.*?)」", cell.source)
    assert len(quotes) >= 8
    for quote in quotes:
        for part in re.split(r"……| 不可以说:", quote):
            assert part.strip() in text, part[:40]
