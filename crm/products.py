"""Life-stage product matching: rules from age, occupation, education and income to products.

seeds/002 (commercial banks): "根据客户年龄、职业、受教育程度、收入等因素进行客户分类" and
"针对贷款需求较旺盛的青年消费群体,可提供多样化的房贷、车贷或信用卡分期等业务,而针对事业日趋
平稳,财富积累逐渐增多,理财需求较强烈的中年消费群体,可提供代售基金、外汇投资、黄金投资等理财
产品". The products are the source's; the age and income bounds of :data:`DEFAULT_RULES` and
the yearly profit of a product in :data:`DEFAULT_PRODUCT_PROFIT` are modelling assumptions.
The chance that an existing client takes a product offered to him is 50 % (seeds/001:
"向現有客戶推銷產品的成功率是50%").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from crm.schemas import DataError

#: seeds/001: "向新客戶推銷產品的成功率是15%,而向現有客戶推銷產品的成功率是50%".
EXISTING_CLIENT_SUCCESS = 0.5
OTHER = "other"


@dataclass(frozen=True)
class ProductRule:
    """Clients matching every condition get ``products``; ``None`` means any occupation or education."""

    segment: str
    products: tuple[str, ...]
    min_age: int = 0
    max_age: int = 200
    min_income: float = 0.0
    occupations: tuple[str, ...] | None = None
    educations: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.min_age > self.max_age or self.min_income < 0 or not self.products:
            raise DataError(f"规则“{self.segment}”无效：年龄下限须不大于上限，收入下限须 ≥ 0，且至少推荐一种产品。",
                            f"Rule '{self.segment}' is invalid: min_age must not exceed max_age, min_income must "
                            "be >= 0, and it must recommend a product.")

    def matches(self, clients: pd.DataFrame) -> np.ndarray:
        """Which clients the rule applies to."""
        age = clients["age"].to_numpy()
        ok = (age >= self.min_age) & (age <= self.max_age) & (clients["monthly_income"].to_numpy() >= self.min_income)
        if self.occupations is not None:
            ok &= clients["occupation"].astype(str).isin(self.occupations).to_numpy()
        if self.educations is not None:
            ok &= clients["education"].astype(str).isin(self.educations).to_numpy()
        return ok


WORKING = ("civil_servant", "state_enterprise", "private_enterprise", "self_employed", "professional", "worker",
           "farmer")
#: The source's two groups; the bounds are assumptions (young: 22–35 and working; middle-aged:
#: 36–55 earning at least 5,000 yuan a month, "财富积累逐渐增多").
DEFAULT_RULES: tuple[ProductRule, ...] = (
    ProductRule("young_borrowers", ("mortgage", "car_loan", "card_instalment"), 22, 35, occupations=WORKING),
    ProductRule("wealth_builders", ("fund", "forex", "gold"), 36, 55, min_income=5000),
)
#: Assumed yearly profit of one product to the bank, yuan (not in the source).
DEFAULT_PRODUCT_PROFIT: dict[str, float] = {"mortgage": 2400.0, "car_loan": 900.0, "card_instalment": 300.0,
                                            "fund": 600.0, "forex": 250.0, "gold": 200.0}

_NEEDED = ("customer_id", "age", "monthly_income", "occupation", "education")


def _check_clients(clients: pd.DataFrame) -> None:
    missing = [c for c in _NEEDED if c not in clients.columns]
    if missing:
        raise DataError(f"客户表缺少列：{missing}。", f"The client table lacks the columns {missing}.")


def life_stage_segments(clients: pd.DataFrame, rules: Sequence[ProductRule] = DEFAULT_RULES) -> pd.Series:
    """The segment of each client: the first rule he matches, else ``"other"``.

    Returns
    -------
    pd.Series
        Indexed by ``customer_id``, named ``segment``.
    """
    _check_clients(clients)
    segment = np.full(len(clients), OTHER, dtype=object)
    free = np.ones(len(clients), dtype=bool)
    for rule in rules:
        hit = free & rule.matches(clients)
        segment[hit] = rule.segment
        free &= ~hit
    return pd.Series(segment, index=pd.Index(clients["customer_id"].to_numpy(), name="customer_id"), name="segment")


def match_table(clients: pd.DataFrame, holdings: pd.DataFrame,
                rules: Sequence[ProductRule] = DEFAULT_RULES) -> pd.DataFrame:
    """Every (client, recommended product) pair and whether the client already holds it.

    Returns
    -------
    pd.DataFrame
        ``customer_id``, ``segment``, ``product``, ``held`` (bool); clients of no rule are absent.
    """
    segments = life_stage_segments(clients, rules)
    products = {r.segment: r.products for r in rules}
    frames = []
    for seg, prods in products.items():
        ids = segments.index[segments.to_numpy() == seg].to_numpy()
        frames.append(pd.DataFrame({"customer_id": np.repeat(ids, len(prods)), "segment": seg,
                                    "product": np.tile(np.array(prods, dtype=object), len(ids))}))
    pairs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["customer_id", "segment", "product"])
    held = pd.MultiIndex.from_frame(holdings[["customer_id", "product"]].astype(str))
    pairs["held"] = pd.MultiIndex.from_frame(pairs[["customer_id", "product"]].astype(str)).isin(held)
    return pairs


def match_summary(clients: pd.DataFrame, holdings: pd.DataFrame, rules: Sequence[ProductRule] = DEFAULT_RULES,
                  product_profit: Mapping[str, float] | None = None,
                  success_rate: float = EXISTING_CLIENT_SUCCESS) -> pd.DataFrame:
    """Match rate and cross-sell opportunity per segment (and in all).

    Returns
    -------
    pd.DataFrame
        Index ``segment`` (each rule's, then ``all``): ``clients``, ``recommended`` (pairs),
        ``held``, ``match_rate`` (held / recommended), ``gaps`` (recommended, not held) and
        ``opportunity`` (yuan a year: gaps × success rate × the product's profit).
    """
    if not 0 <= success_rate <= 1:
        raise DataError("成功率须在 0 到 1 之间。", "The success rate must lie between 0 and 1.")
    profit = dict(DEFAULT_PRODUCT_PROFIT if product_profit is None else product_profit)
    pairs = match_table(clients, holdings, rules)
    pairs["value"] = (~pairs["held"]) * success_rate * pairs["product"].map(profit).fillna(0.0).to_numpy()
    order = [r.segment for r in rules]
    g = pairs.groupby("segment", sort=False)
    out = pd.DataFrame({"clients": g["customer_id"].nunique(), "recommended": g.size(), "held": g["held"].sum(),
                        "opportunity": g["value"].sum()}).reindex(order, fill_value=0)
    out.loc["all"] = out.sum()
    out["gaps"] = out["recommended"] - out["held"]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["match_rate"] = np.where(out["recommended"] > 0, out["held"] / out["recommended"].clip(lower=1), np.nan)
    out.index.name = "segment"
    return out[["clients", "recommended", "held", "match_rate", "gaps", "opportunity"]].astype(
        {"clients": int, "recommended": int, "held": int, "gaps": int})


def cross_sell_potential(clients: pd.DataFrame, holdings: pd.DataFrame, rules: Sequence[ProductRule] = DEFAULT_RULES,
                         product_profit: Mapping[str, float] | None = None,
                         success_rate: float = EXISTING_CLIENT_SUCCESS) -> pd.Series:
    """Expected extra yearly profit of each client from the recommended products he lacks.

    Returns
    -------
    pd.Series
        Indexed by ``customer_id`` (every client; 0 for those no rule matches), named ``potential``.
    """
    profit = dict(DEFAULT_PRODUCT_PROFIT if product_profit is None else product_profit)
    pairs = match_table(clients, holdings, rules)
    value = (~pairs["held"]) * success_rate * pairs["product"].map(profit).fillna(0.0)
    per_client = value.groupby(pairs["customer_id"]).sum()
    ids = pd.Index(clients["customer_id"].to_numpy(), name="customer_id")
    return per_client.reindex(ids, fill_value=0.0).astype(float).rename("potential")
