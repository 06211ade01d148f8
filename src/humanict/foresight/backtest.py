"""Backtest of the gap report: did topics that later received ITU standards rank as gaps?

Two measures, for a report cut at year Y (signals and standards up to Y only):

* **named targets**: a technology and the ITU Recommendation that later covered it (e.g. ML in
  future networks, ITU-T Y.3172, 2019). The target's topic is the topic most similar to the
  target's query (cosine between the query's TF-IDF vector and the topic's term vector, at
  least :data:`MIN_MATCH`); it is a *hit at k* when that topic ranks in the top ``k`` gaps.
  The lead time is the standard's year minus the first cut year at which it was a hit.
* **precision at k**: the share of the top ``k`` gaps that *received* an ITU standard within
  ``horizon`` years after Y - an ITU-T or ITU-R Recommendation published in (Y, Y+horizon]
  that is more similar to the topic than every ITU Recommendation published up to Y - set
  against the same share among all topics (the base rate).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from humanict.foresight.coverage import best_matches
from humanict.foresight.gaps import GapReport

MIN_MATCH = 0.2


@dataclass(frozen=True)
class Target:
    name: str
    query: str
    standard: str
    year: int


# Technologies whose first ITU Recommendation is in the shipped catalogue (year of approval).
TARGETS = (
    Target("cloud computing", "cloud computing", "ITU-T Y.3500", 2014),
    Target("software-defined networking", "software defined networking sdn", "ITU-T Y.3300", 2014),
    Target("big data", "big data analytics", "ITU-T Y.3600", 2015),
    Target("IMT-2020 network slicing", "network slicing slice", "ITU-T Y.3112", 2018),
    Target("machine learning in future networks", "machine learning", "ITU-T Y.3172", 2019),
    Target("quantum key distribution networks", "quantum key distribution", "ITU-T Y.3800", 2019),
    Target(
        "distributed ledgers / blockchain", "blockchain distributed ledger", "ITU-T F.751.0", 2020
    ),
    Target("digital twin networks", "digital twin", "ITU-T Y.3090", 2022),
)


def target_rank(report: GapReport, target: Target) -> tuple[int | None, float, str | None]:
    """(rank of the target's topic or None, match cosine, topic label) in one report."""
    model = report.model
    if model is None:
        raise ValueError("the report carries no topic model")
    query = model.vectorizer.transform([target.query]).toarray().ravel()
    norm = np.linalg.norm(query)
    if norm == 0:
        return None, 0.0, None
    similarity = model.unit_topics() @ (query / norm)
    best = int(np.argmax(similarity))
    if similarity[best] < MIN_MATCH:
        return None, float(similarity[best]), None
    topic = report.topic(best)
    return topic.rank, float(similarity[best]), topic.label


def received(report: GapReport, catalogue: pd.DataFrame, horizon: int) -> dict[int, bool]:
    """For every topic: did an ITU Recommendation of (Y, Y+horizon] beat all earlier ones?"""
    model = report.model
    if model is None:
        raise ValueError("the report carries no topic model")
    itu = catalogue[catalogue["body"].isin(["ITU-T", "ITU-R"]) & catalogue["normative"]]
    text = (itu["title"].fillna("") + ". " + itu["abstract"].fillna("")).to_numpy()
    year = itu["year"].to_numpy(dtype=float, na_value=np.nan)
    before = text[year <= report.as_of]
    after = text[(year > report.as_of) & (year <= report.as_of + horizon)]
    topics = model.unit_topics()
    best_before = best_matches(topics, model.vectorizer, list(before), k=1).score[:, 0]
    best_after = best_matches(topics, model.vectorizer, list(after), k=1).score[:, 0]
    return {k: bool(best_after[k] > best_before[k]) for k in range(model.n_topics)}


def precision_at_k(report: GapReport, got: dict[int, bool], k: int) -> tuple[float, float]:
    """(share of the top-k gaps that received a standard, share among all topics)."""
    top = [t.topic for t in report.topics[:k]]
    return float(np.mean([got[t] for t in top])), float(np.mean(list(got.values())))
