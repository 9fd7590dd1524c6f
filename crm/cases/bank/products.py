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

from crm.core.schemas import DataError
from crm.core.shared_results import shared

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

    def matches(self, base: "ClientProducts") -> np.ndarray:
        """Which clients of ``base`` the rule applies to."""
        ok = (base.age >= self.min_age) & (base.age <= self.max_age) & (base.income >= self.min_income)
        if self.occupations is not None:
            ok &= np.isin(base.occupation, np.array(self.occupations, dtype=str))
        if self.educations is not None:
            ok &= np.isin(base.education, np.array(self.educations, dtype=str))
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


@dataclass(frozen=True)
class ClientProducts:
    """Clients' rule attributes and who holds what, as arrays: built once, matched many times.

    A view that lets a student move a rule's bounds rebuilds nothing but the rule
    (:func:`client_products` makes it; every function below also accepts the tables).
    """

    customer_id: np.ndarray
    age: np.ndarray
    income: np.ndarray
    occupation: np.ndarray
    education: np.ndarray
    products: tuple[str, ...]
    held: np.ndarray  # (clients, products) bool

    def holds(self, product: str) -> np.ndarray:
        """Which clients hold ``product`` (all False for a product nobody holds)."""
        if product not in self.products:
            return np.zeros(len(self.customer_id), dtype=bool)
        return self.held[:, self.products.index(product)]


@shared
def client_products(clients: pd.DataFrame, holdings: pd.DataFrame) -> ClientProducts:
    """Arrays of the clients' attributes and a client × product holding matrix."""
    missing = [c for c in _NEEDED if c not in clients.columns]
    if missing:
        raise DataError(f"客户表缺少列：{missing}。", f"The client table lacks the columns {missing}.")
    if not {"customer_id", "product"} <= set(holdings.columns):
        raise DataError("持有表须有 customer_id 与 product 两列。", "The holdings need customer_id and product columns.")
    ids = clients["customer_id"].to_numpy(dtype=object)
    products = tuple(sorted(map(str, pd.unique(holdings["product"].to_numpy(dtype=object)))))
    rows = pd.Index(ids).get_indexer(holdings["customer_id"].to_numpy(dtype=object))
    cols = pd.Index(products).get_indexer(holdings["product"].to_numpy(dtype=object))
    ok = (rows >= 0) & (cols >= 0)
    held = np.zeros((len(ids), len(products)), dtype=bool)
    held[rows[ok], cols[ok]] = True
    return ClientProducts(ids, clients["age"].to_numpy(dtype=float), clients["monthly_income"].to_numpy(dtype=float),
                          clients["occupation"].to_numpy(dtype=str), clients["education"].to_numpy(dtype=str),
                          products, held)


def _base(clients: pd.DataFrame | ClientProducts, holdings: pd.DataFrame | None) -> ClientProducts:
    if isinstance(clients, ClientProducts):
        return clients
    return client_products(clients, holdings if holdings is not None else
                           pd.DataFrame({"customer_id": [], "product": []}))


def segment_index(base: ClientProducts, rules: Sequence[ProductRule]) -> np.ndarray:
    """Each client's segment as the number of the first rule he matches (-1: none)."""
    index = np.full(len(base.customer_id), -1, dtype=np.int64)
    for i, rule in enumerate(rules):
        index[(index < 0) & rule.matches(base)] = i
    return index


def segment_codes(base: ClientProducts, rules: Sequence[ProductRule]) -> np.ndarray:
    """Each client's segment name: the first rule he matches, else ``"other"``."""
    names = np.array([r.segment for r in rules] + [OTHER], dtype=object)
    return names[segment_index(base, rules)]


def life_stage_segments(clients: pd.DataFrame | ClientProducts,
                        rules: Sequence[ProductRule] = DEFAULT_RULES) -> pd.Series:
    """The segment of each client: the first rule he matches, else ``"other"``.

    Returns
    -------
    pd.Series
        Indexed by ``customer_id``, named ``segment``.
    """
    base = _base(clients, None)
    return pd.Series(segment_codes(base, rules), index=pd.Index(base.customer_id, name="customer_id"), name="segment")


def match_table(clients: pd.DataFrame | ClientProducts, holdings: pd.DataFrame | None = None,
                rules: Sequence[ProductRule] = DEFAULT_RULES) -> pd.DataFrame:
    """Every (client, recommended product) pair and whether the client already holds it.

    Returns
    -------
    pd.DataFrame
        ``customer_id``, ``segment``, ``product``, ``held`` (bool); clients of no rule are absent.
    """
    base = _base(clients, holdings)
    segments = segment_index(base, rules)
    frames = []
    for i, rule in enumerate(rules):
        rows = np.flatnonzero(segments == i)
        held = np.column_stack([base.holds(p)[rows] for p in rule.products])
        frames.append(pd.DataFrame({"customer_id": np.repeat(base.customer_id[rows], len(rule.products)),
                                    "segment": rule.segment,
                                    "product": np.tile(np.array(rule.products, dtype=object), len(rows)),
                                    "held": held.ravel()}))
    if not frames:
        return pd.DataFrame({"customer_id": [], "segment": [], "product": [], "held": np.array([], dtype=bool)})
    return pd.concat(frames, ignore_index=True)


def match_summary(clients: pd.DataFrame | ClientProducts, holdings: pd.DataFrame | None, rules: Sequence[ProductRule] = DEFAULT_RULES,
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
    base = _base(clients, holdings)
    segments = segment_index(base, rules)
    rows = []
    for i, rule in enumerate(rules):
        mine = segments == i
        held = [int((mine & base.holds(p)).sum()) for p in rule.products]
        n = int(mine.sum())
        rows.append({"segment": rule.segment, "clients": n, "recommended": n * len(rule.products), "held": sum(held),
                     "opportunity": sum((n - h) * success_rate * profit.get(p, 0.0) for p, h in zip(rule.products, held))})
    out = pd.DataFrame(rows).set_index("segment")
    out.loc["all"] = out.sum()
    out["gaps"] = out["recommended"] - out["held"]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["match_rate"] = np.where(out["recommended"] > 0, out["held"] / out["recommended"].clip(lower=1), np.nan)
    return out[["clients", "recommended", "held", "match_rate", "gaps", "opportunity"]].astype(
        {"clients": int, "recommended": int, "held": int, "gaps": int})


def cross_sell_potential(clients: pd.DataFrame | ClientProducts, holdings: pd.DataFrame | None, rules: Sequence[ProductRule] = DEFAULT_RULES,
                         product_profit: Mapping[str, float] | None = None,
                         success_rate: float = EXISTING_CLIENT_SUCCESS) -> pd.Series:
    """Expected extra yearly profit of each client from the recommended products he lacks.

    Returns
    -------
    pd.Series
        Indexed by ``customer_id`` (every client; 0 for those no rule matches), named ``potential``.
    """
    profit = dict(DEFAULT_PRODUCT_PROFIT if product_profit is None else product_profit)
    base = _base(clients, holdings)
    segments = segment_index(base, rules)
    total = np.zeros(len(base.customer_id))
    for i, rule in enumerate(rules):
        mine = segments == i
        for p in rule.products:
            total += (mine & ~base.holds(p)) * (success_rate * profit.get(p, 0.0))
    return pd.Series(total, index=pd.Index(base.customer_id, name="customer_id"), name="potential")
