"""Generator for the service-visits case, 中国人寿江苏 (seeds/002).

The source gives the branch's size (12.785 million clients, fewer than 2,500 service staff), a
third-party survey of 501 clients (mean 8.52 of 10, 52.1 % gave 10, 19.7 % below 8, the agent the
least satisfying factor for 44.5 %, after-sales 36.2 % of that, the agent's overall score 8.26 and
"regular contact" 7.95), the definition of an orphan client and the SMS check of a visit. It gives
no client list and no answer sheet: the clients, their policies and agents, and every survey answer
are generated. The survey is made to reproduce the published mean and shares *exactly where whole
answers allow* (:func:`exact_count`, :func:`scores_with_sum`): 19.7 % of 501 is 98.7 respondents and
no whole number of them gives 19.7 %, so the data has the nearest, 99 (19.8 %); 36.2 % of the 223
who name the agent is 80.7, so 81 (36.3 %). Everything else is a modelling assumption
(:data:`crm.cases.visits.case.ASSUMPTIONS`, printed in the datasheet).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from crm.cases.visits.case import (_a, AGENT_ISSUES, AGENT_SCORE, ASSUMPTIONS, CLIENTS,  # noqa: F401 (read by the registry)
                                   CONTACT_SCORE, DEFAULT_SEED, FACTORS, FILES, MEAN_SCORE, NAME, POLICY_KINDS, QUOTES,
                                   REFERENCE_DATE, RESPONDENTS, SHARE_AFTER_SALES, SHARE_AGENT, SHARE_BELOW_8,
                                   SHARE_TEN, SOURCE, SUMMARY, TITLE, VIP_GRADES, YEAR)


def exact_count(share: float, n: int) -> int:
    """The whole number of ``n`` whose share is nearest to ``share`` (what a published share of ``n`` can be)."""
    return int(np.floor(share * n + 0.5))


def scores_with_sum(rng: np.random.Generator, start: np.ndarray, lo: int, hi: int, total: int) -> np.ndarray:
    """Whole scores in ``[lo, hi]`` that add up to ``total``: ``start`` nudged by one point at a time.

    Each step moves one randomly chosen score that can still move (up if the sum is short, down if
    over), so the shape of ``start`` is kept as far as the sum allows.
    """
    s = np.clip(np.asarray(start, int), lo, hi).copy()
    if not len(s) * lo <= total <= len(s) * hi:
        raise ValueError(f"{total} cannot be the sum of {len(s)} scores in [{lo}, {hi}]")
    while (gap := total - int(s.sum())) != 0:
        step = 1 if gap > 0 else -1
        movable = np.flatnonzero(s < hi) if step > 0 else np.flatnonzero(s > lo)
        pick = rng.choice(movable, size=min(abs(gap), len(movable)), replace=False)
        s[pick] += step
    return s


def _agents_and_clients(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    n = CLIENTS // _a("sample_rate")
    ref = pd.Timestamp(REFERENCE_DATE)
    n_agents = n // _a("clients_per_agent")
    agent_ids = np.array([f"A{i + 1:04d}" for i in range(n_agents)])
    active = rng.random(n_agents) >= _a("agent_left_rate")
    mix = _a("vip_mix")
    vip = rng.choice(np.array(list(mix)), n, p=list(mix.values()))
    rank = pd.Series(vip).map({g: i for i, g in enumerate(VIP_GRADES)}).to_numpy()
    ppc = _a("policies_per_client")
    counts = rng.choice(np.array(list(ppc)), n, p=list(ppc.values())) + (rank >= 2)
    primary = rng.integers(0, n_agents, n)
    # a client whose agent left is reassigned to an active agent, or not yet (孤儿客户)
    reassigned = ~active[primary] & (rng.random(n) < _a("reassigned_share"))
    active_idx = np.flatnonzero(active)
    primary = np.where(reassigned, active_idx[rng.integers(0, len(active_idx), n)], primary)
    owner = np.repeat(np.arange(n), counts)
    m = len(owner)
    other = rng.random(m) < 0.2  # a later policy sold by another agent
    pol_agent = np.where(other, rng.integers(0, n_agents, m), primary[owner])
    first = np.r_[True, owner[1:] != owner[:-1]]
    pol_agent = np.where(first, primary[owner], pol_agent)
    orphan = ~pd.Series(active[pol_agent]).groupby(owner).any().to_numpy()
    gap = _a("contact_gap_days")
    mean_gap = np.where(orphan, gap["orphan"], gap["served"]) * np.where(rank >= 1, 0.6, 1.0)
    days = np.minimum(np.round(rng.exponential(mean_gap)).astype(int), 3650)
    premium = np.round(rng.lognormal(np.log(3_000) + 0.9 * rank, 0.6, n), -1)
    clients = pd.DataFrame({
        "client_id": [f"C{i + 1:05d}" for i in range(n)],
        "age": np.clip(np.round(rng.normal(45, 12, n)), 18, 90).astype(int),
        "gender": rng.choice(np.array(["f", "m"]), n),
        "vip_grade": vip, "policies": counts.astype(int), "annual_premium": premium,
        "last_contact": ref - pd.to_timedelta(days, unit="D"), "orphan": orphan})
    starts = ref - pd.to_timedelta(rng.integers(30, 15 * 365, m), unit="D")
    policies = pd.DataFrame({"policy_id": [f"P{i + 1:06d}" for i in range(m)], "client_id": clients["client_id"].to_numpy()[owner],
                             "kind": rng.choice(np.array(POLICY_KINDS), m, p=[0.45, 0.25, 0.2, 0.1]),
                             "agent_id": agent_ids[pol_agent], "start_date": starts.normalize()})
    served = pd.Series(1, index=policies["agent_id"]).groupby(level=0).size()
    agents = pd.DataFrame({"agent_id": agent_ids, "active": active,
                           "policies": served.reindex(agent_ids, fill_value=0).to_numpy().astype(int)})
    return agents, clients, policies


def _survey(rng: np.random.Generator) -> pd.DataFrame:
    n = RESPONDENTS
    n10, n_below = exact_count(SHARE_TEN, n), exact_count(SHARE_BELOW_8, n)
    n89 = n - n10 - n_below
    n9 = exact_count(_a("score_nine_share"), n89)
    total = int(np.floor(MEAN_SCORE * n + 0.5))
    shape = _a("below_8_shape")
    below = rng.choice(np.array(list(shape)), n_below, p=list(shape.values()))
    below = scores_with_sum(rng, below, 0, 7, total - 10 * n10 - 9 * n9 - 8 * (n89 - n9))
    overall = rng.permutation(np.r_[np.full(n10, 10), np.full(n9, 9), np.full(n89 - n9, 8), below])
    link = _a("contact_link")
    agent = scores_with_sum(rng, np.round(0.6 * overall + 0.4 * rng.normal(8.5, 2.5, n)), 0, 10,
                            int(np.floor(AGENT_SCORE * n + 0.5)))
    contact = scores_with_sum(rng, np.round(link * overall + (1 - link) * rng.normal(7, 2.5, n)), 0, 10,
                              int(np.floor(CONTACT_SCORE * n + 0.5)))
    n_agent = exact_count(SHARE_AGENT, n)
    w = np.exp(-agent / 2.0)
    names_agent = np.zeros(n, bool)
    names_agent[rng.choice(n, n_agent, replace=False, p=w / w.sum())] = True
    fmix = _a("factor_mix")
    least = np.where(names_agent, "agent", rng.choice(np.array(list(fmix)), n, p=np.array(list(fmix.values())) / sum(fmix.values())))
    idx = np.flatnonzero(names_agent)
    n_after = exact_count(SHARE_AFTER_SALES, n_agent)
    w2 = np.exp(-contact[idx] / 2.0)
    after = rng.choice(idx, n_after, replace=False, p=w2 / w2.sum())
    imix = _a("issue_mix")
    issue = np.full(n, None, dtype=object)
    issue[idx] = rng.choice(np.array(list(imix)), len(idx), p=np.array(list(imix.values())) / sum(imix.values()))
    issue[after] = "after_sales"
    return pd.DataFrame({"respondent_id": [f"R{i + 1:03d}" for i in range(n)], "overall": overall.astype(int),
                         "agent_score": agent.astype(int), "contact_score": contact.astype(int),
                         "least_satisfied": least, "agent_issue": issue})


def generate(seed: int = DEFAULT_SEED) -> dict[str, pd.DataFrame]:
    """Generate the branch's tables from a seed.

    Returns
    -------
    dict
        ``agents`` (who sold the sample's policies, active or left), ``clients`` (1 in 1,000 of the
        12.785 million, with VIP grade, last contact and orphan flag), ``policies`` (each with its agent)
        and ``survey`` (501 answers matching the published figures as closely as whole answers allow).
    """
    rng = np.random.default_rng(seed)
    agents, clients, policies = _agents_and_clients(rng)
    return {"agents": agents, "clients": clients, "policies": policies, "survey": _survey(rng)}


#: The figure in the generated tables for each assumption that has one (printed in the datasheet).
MEASURED = {
    "sample_rate": lambda t: f"{len(t['clients']):,} clients × 1,000 = {len(t['clients']) * 1_000:,}",
    "agent_left_rate": lambda t: f"{1 - t['agents']['active'].mean():.1%} of agents have left; "
                                 f"{t['clients']['orphan'].mean():.1%} of clients are orphans",
    "vip_mix": lambda t: f"{(t['clients']['vip_grade'] != 'none').mean():.1%} of clients are VIPs",
}
