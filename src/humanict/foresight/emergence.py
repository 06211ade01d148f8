"""Emergence of a topic from its yearly counts (Porter et al. 2018/2019) and plain growth.

A. L. Porter, J. Garner, S. F. Carley, N. C. Newman, "Emergence scoring to identify frontier R&D
topics and key players", Technological Forecasting & Social Change 146 (2019) 628-643 (online
2018). The paper scores *terms* over a ten-year window: a three-year base period followed by a
seven-year active period. We apply it to *topics* (a signal counts for the topic it loads on
most). With ``f_j`` the topic's records and ``N_j`` all records in active year ``j = 1..7``:

    ActiveTrend = sum_{5..7} f_j / sum_{5..7} sqrt(N_j) - sum_{1..3} f_j / sum_{1..3} sqrt(N_j)
    RecentTrend = 10 * [(f_6 + f_7) / (sqrt N_6 + sqrt N_7) - (f_4 + f_5) / (sqrt N_4 + sqrt N_5)]
    Slope       = 10 * ( f_7 / sqrt(N_7) - f_4 / sqrt(N_4) ) / 3
    EScore      = 2 * ActiveTrend + RecentTrend + Slope

Dividing by sqrt(N) discounts the growth of the corpus as a whole. The paper's four criteria,
as operationalised here:

* novelty: at most 15 % of the topic's records fall in the base period;
* persistence: records in at least 3 of the active years, and at least 7 records in all;
* community: records from at least 2 distinct sources (bodies, USPTO, paper venues) - the
  paper asks for more than one author/organisation, which the signals do not all carry;
* growth: active-period records at least twice the base-period records, and EScore > 0.

A topic meeting all four is ``emerging``; every topic keeps its EScore for ranking.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BASE_YEARS = 3
ACTIVE_YEARS = 7
MAX_BASE_SHARE = 0.15
MIN_ACTIVE_YEARS = 3
MIN_RECORDS = 7
MIN_SOURCES = 2
MIN_ACTIVE_TO_BASE = 2.0


@dataclass(frozen=True)
class Emergence:
    escore: float
    active_trend: float
    recent_trend: float
    slope: float
    novelty: bool
    persistence: bool
    community: bool
    growth: bool

    @property
    def emerging(self) -> bool:
        return self.novelty and self.persistence and self.community and self.growth


def _window(counts: np.ndarray) -> np.ndarray:
    """The last ten yearly values, zero-padded on the left when the series is shorter."""
    counts = np.asarray(counts, dtype=float)
    size = BASE_YEARS + ACTIVE_YEARS
    if len(counts) >= size:
        return counts[-size:]
    return np.concatenate([np.zeros(size - len(counts)), counts])


def escore_parts(topic: np.ndarray, total: np.ndarray) -> tuple[float, float, float, float]:
    """(EScore, ActiveTrend, RecentTrend, Slope) of the module docstring."""
    f = _window(topic)[BASE_YEARS:]
    root = np.sqrt(np.maximum(_window(total)[BASE_YEARS:], 1.0))  # sqrt(N_j), N_j >= 1
    active = f[4:7].sum() / root[4:7].sum() - f[0:3].sum() / root[0:3].sum()
    recent = 10 * ((f[5] + f[6]) / (root[5] + root[6]) - (f[3] + f[4]) / (root[3] + root[4]))
    slope = 10 * (f[6] / root[6] - f[3] / root[3]) / 3
    return float(2 * active + recent + slope), float(active), float(recent), float(slope)


def emergence(topic: np.ndarray, total: np.ndarray, n_sources: int) -> Emergence:
    """EScore and the four criteria for one topic's yearly counts (oldest year first)."""
    window = _window(topic)
    base, active = window[:BASE_YEARS].sum(), window[BASE_YEARS:].sum()
    records = base + active
    score, trend, recent, slope = escore_parts(topic, total)
    return Emergence(
        escore=score,
        active_trend=trend,
        recent_trend=recent,
        slope=slope,
        novelty=bool(records > 0 and base / records <= MAX_BASE_SHARE),
        persistence=bool(
            (window[BASE_YEARS:] > 0).sum() >= MIN_ACTIVE_YEARS and records >= MIN_RECORDS
        ),
        community=n_sources >= MIN_SOURCES,
        growth=bool(active >= MIN_ACTIVE_TO_BASE * base and score > 0),
    )


def growth_rate(topic: np.ndarray, total: np.ndarray, years: int = 3) -> float:
    """Log ratio of the topic's share of all signals, last ``years`` vs the ``years`` before.

    Shares are smoothed with one pseudo-record (add-one) so that a topic starting from nothing
    gets a finite value; positive means the topic's share grew.
    """
    f = np.asarray(topic, dtype=float)
    n = np.asarray(total, dtype=float)
    recent = (f[-years:].sum() + 1) / (n[-years:].sum() + 1)
    before = (f[-2 * years : -years].sum() + 1) / (n[-2 * years : -years].sum() + 1)
    return float(np.log(recent / before))
