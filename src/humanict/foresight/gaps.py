"""Topics over time, their emergence, their coverage by earlier standards, and the gap report.

For ``as_of`` year Y and a window of ``window`` years:

1. the signals dated Y-window+1 .. Y are modelled into topics (:mod:`humanict.foresight.topics`);
2. each topic's yearly record counts give growth, Kleinberg bursts and Porter's EScore;
3. coverage = cosine similarity of the topic to the normative catalogue items published up to Y
   (``coverage`` = the best match, ``coverage_mean`` = the mean of the best five);
4. ``emergence`` = the topic's percentile rank of EScore among all topics (0..1), and

       gap = emergence * (1 - coverage)

   so a gap is a topic that grows faster than the others and that no standard resembles;
5. the ITU study group a gap belongs to is the ITU-T or ITU-R group whose Recommendations
   (published up to Y) have the centroid most similar to the topic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from humanict.errors import InvalidInputError
from humanict.foresight.burst import burst_states
from humanict.foresight.coverage import best_matches, group_similarity
from humanict.foresight.emergence import emergence, growth_rate
from humanict.foresight.topics import TopicModel, fit_topics

COVERAGE_SCOPES = ("all", "itu")
TOP_STANDARDS = 5
TOP_SIGNALS = 5


@dataclass
class Topic:
    topic: int
    label: str
    terms: list[str]
    records: int
    years: list[int]
    counts: list[int]
    growth: float
    escore: float
    emergence: float
    emerging: bool
    criteria: dict[str, bool]
    burst: bool
    burst_years: list[int]
    burst_weight: float
    coverage: float
    coverage_mean: float
    gap: float
    rank: int = 0
    study_group: str | None = None
    study_group_similarity: float | None = None
    group_scores: dict[str, float] = field(default_factory=dict)
    signals: list[dict[str, object]] = field(default_factory=list)
    standards: list[dict[str, object]] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        """The flat row of the ranked report (no nested evidence)."""
        return {
            "rank": self.rank,
            "topic": self.topic,
            "label": self.label,
            "gap": round(self.gap, 4),
            "emergence": round(self.emergence, 4),
            "escore": round(self.escore, 4),
            "emerging": self.emerging,
            "growth": round(self.growth, 4),
            "burst": self.burst,
            "coverage": round(self.coverage, 4),
            "coverage_mean": round(self.coverage_mean, 4),
            "records": self.records,
            "study_group": self.study_group,
            "nearest_standard": self.standards[0]["identifier"] if self.standards else None,
        }

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class GapReport:
    as_of: int
    window: int
    backend: str
    coverage_scope: str
    n_signals: int
    n_standards: int
    topics: list[Topic]
    model: TopicModel | None = field(default=None, repr=False, compare=False)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame([t.summary() for t in self.topics])

    def topic(self, number: int) -> Topic:
        for t in self.topics:
            if t.topic == number:
                return t
        raise KeyError(number)


def _itu_groups(standards: pd.DataFrame) -> pd.DataFrame:
    itu = standards[standards["body"].isin(["ITU-T", "ITU-R"]) & standards["normative"]]
    itu = itu[itu["group"].fillna("").str.match(r"^(SG\d+|TSAG)$")]
    return itu.assign(study=itu["body"] + " " + itu["group"])


def _text(frame: pd.DataFrame) -> list[str]:
    return (frame["title"].fillna("") + ". " + frame["abstract"].fillna("")).tolist()


def gap_report(
    catalogue: pd.DataFrame,
    signals: pd.DataFrame,
    as_of: int,
    *,
    window: int = 10,
    n_topics: int = 30,
    backend: str = "nmf",
    coverage_scope: str = "all",
    scheduler: str | None = None,
) -> GapReport:
    """The ranked gap report of the module docstring, best gap first."""
    if coverage_scope not in COVERAGE_SCOPES:
        raise InvalidInputError(f"unknown coverage scope {coverage_scope!r}: all or itu")
    if window < 4:
        raise InvalidInputError("the window must span at least 4 years")
    first = as_of - window + 1
    corpus = signals[(signals["year"] >= first) & (signals["year"] <= as_of)]
    corpus = corpus.reset_index(drop=True)
    if len(corpus) == 0:
        years = f"{int(signals['year'].min())}-{int(signals['year'].max())}" if len(signals) else ""
        raise InvalidInputError(
            f"no signals dated {first}-{as_of}; the signals span {years or 'nothing'}"
        )
    model = fit_topics(corpus["text"].tolist(), n_topics, backend)
    dominant = model.dominant()
    years = np.arange(first, as_of + 1)
    year_index = corpus["year"].to_numpy() - first
    totals = np.bincount(year_index, minlength=len(years))
    topics_unit = model.unit_topics()

    standards = catalogue[catalogue["normative"] & (catalogue["year"] <= as_of)]
    if coverage_scope == "itu":
        standards = standards[standards["body"].isin(["ITU-T", "ITU-R"])]
    standards = standards.reset_index(drop=True)
    matches = best_matches(
        topics_unit, model.vectorizer, _text(standards), TOP_STANDARDS, scheduler
    )
    itu = _itu_groups(catalogue[catalogue["year"] <= as_of])
    group_names, group_scores = group_similarity(
        topics_unit, model.vectorizer, _text(itu), itu["study"].tolist()
    )

    results = []
    for k in range(model.n_topics):
        members = dominant == k
        counts = np.bincount(year_index[members], minlength=len(years))
        n_sources = int(corpus.loc[members, "source"].nunique())
        em = emergence(counts, totals, n_sources)
        states, bursts = burst_states(counts, totals)
        score = matches.score[k]
        found = score[np.isfinite(score)]
        coverage = float(max(found.max(), 0.0)) if len(found) else 0.0
        coverage_mean = float(found.mean()) if len(found) else 0.0
        evidence = _signals(corpus, model.doc_topic[:, k], members)
        nearest = [
            _standard(standards.iloc[int(i)], float(s))
            for i, s in zip(matches.index[k], score, strict=True)
            if i >= 0
        ]
        group, group_sim, scores = None, None, {}
        if len(group_names):
            order = np.argsort(-group_scores[k], kind="stable")
            group = group_names[int(order[0])]
            group_sim = round(float(group_scores[k, order[0]]), 4)
            scores = {group_names[int(i)]: round(float(group_scores[k, i]), 4) for i in order[:5]}
        results.append(
            Topic(
                topic=k,
                label=model.labels[k],
                terms=model.top_terms[k],
                records=int(members.sum()),
                years=years.tolist(),
                counts=counts.tolist(),
                growth=growth_rate(counts, totals),
                escore=em.escore,
                emergence=0.0,
                emerging=em.emerging,
                criteria={
                    "novelty": em.novelty,
                    "persistence": em.persistence,
                    "community": em.community,
                    "growth": em.growth,
                },
                burst=bool(states[-1] == 1),
                burst_years=[int(years[t]) for t in np.flatnonzero(states)],
                burst_weight=round(sum(b.weight for b in bursts), 4),
                coverage=coverage,
                coverage_mean=coverage_mean,
                gap=0.0,
                study_group=group,
                study_group_similarity=group_sim,
                group_scores=scores,
                signals=evidence,
                standards=nearest,
            )
        )
    escores = np.array([t.escore for t in results])
    percentile = (rankdata(escores, method="average") - 1) / max(len(escores) - 1, 1)
    for topic, value in zip(results, percentile, strict=True):
        topic.emergence = float(value)
        topic.gap = float(value * (1 - topic.coverage))
    results.sort(key=lambda t: (-t.gap, t.topic))
    for rank, topic in enumerate(results, start=1):
        topic.rank = rank
    return GapReport(
        as_of, window, backend, coverage_scope, len(corpus), len(standards), results, model
    )


def _signals(
    corpus: pd.DataFrame, weight: np.ndarray, members: np.ndarray
) -> list[dict[str, object]]:
    """The topic's strongest signals, most recent first among the heaviest."""
    candidates = np.flatnonzero(members)
    if len(candidates) == 0:
        return []
    order = candidates[np.argsort(-weight[candidates], kind="stable")][:TOP_SIGNALS]
    rows = corpus.iloc[order]
    out = []
    for (_, row), w in zip(rows.iterrows(), weight[order], strict=True):
        text = str(row["title"] or row["text"])
        out.append(
            {
                "id": row["id"],
                "date": row["date"],
                "source": row["source"],
                "kind": row["kind"],
                "title": text if len(text) <= 160 else text[:157] + "...",
                "weight": round(float(w), 4),
            }
        )
    return out


def _standard(row: pd.Series, score: float) -> dict[str, object]:
    return {
        "identifier": row["identifier"],
        "body": row["body"],
        "title": row["title"],
        "date": row["date"],
        "group": row["group"],
        "similarity": round(score, 4),
    }
