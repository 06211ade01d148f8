"""Similarity of topics to catalogue items, in chunks that run in-process or on a Dask cluster.

Each topic is its row of ``H`` normalised to unit length; each catalogue item is the TF-IDF row
(unit length) of its title and abstract under the topic model's vocabulary. Their dot product is
the cosine similarity. For every topic the best ``k`` items are kept per chunk and merged, so
the result does not depend on the chunk size or on where the chunks ran.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

CHUNK = 5_000


@dataclass
class Matches:
    """Per topic (rows): the ``k`` best item positions and their cosine similarities."""

    index: np.ndarray  # topics x k, positions into the item list (-1 where fewer than k items)
    score: np.ndarray  # topics x k, cosine similarity, best first


def chunk_matches(
    topics: np.ndarray, vectorizer: TfidfVectorizer, texts: Sequence[str], offset: int, k: int
) -> Matches:
    """Best ``k`` items of one chunk of ``texts`` (item positions start at ``offset``)."""
    matrix = vectorizer.transform(list(texts))
    scores = np.asarray((matrix @ topics.T).T)  # topics x items
    return _top(scores, np.arange(offset, offset + len(texts)), k)


def _chunk_item(
    item: tuple[int, Sequence[str]], topics: np.ndarray, vectorizer: TfidfVectorizer, k: int
) -> Matches:
    offset, texts = item
    return chunk_matches(topics, vectorizer, texts, offset, k)


def _top(scores: np.ndarray, positions: np.ndarray, k: int) -> Matches:
    n_topics, n_items = scores.shape
    take = min(k, n_items)
    # Ties broken by position so chunked and whole runs agree exactly.
    order = np.lexsort((np.broadcast_to(positions, scores.shape), -scores), axis=1)[:, :take]
    index = np.full((n_topics, k), -1, dtype=np.int64)
    score = np.full((n_topics, k), -np.inf)
    index[:, :take] = positions[order]
    score[:, :take] = np.take_along_axis(scores, order, axis=1)
    return Matches(index, score)


def merge(parts: list[Matches], k: int) -> Matches:
    """Merge chunk results into the overall best ``k`` per topic."""
    index = np.concatenate([p.index for p in parts], axis=1)
    score = np.concatenate([p.score for p in parts], axis=1)
    order = np.lexsort((np.where(index < 0, np.iinfo(np.int64).max, index), -score), axis=1)
    order = order[:, :k]
    return Matches(np.take_along_axis(index, order, axis=1), np.take_along_axis(score, order, 1))


def best_matches(
    topics: np.ndarray,
    vectorizer: TfidfVectorizer,
    texts: Sequence[str],
    k: int = 5,
    scheduler: str | None = None,
    chunk: int = CHUNK,
) -> Matches:
    """The ``k`` catalogue items most similar to each topic.

    ``scheduler`` is a Dask scheduler address (``tcp://host:port``) to spread the chunks over a
    cluster; ``None`` computes in-process. Both give identical results.
    """
    texts = list(texts)
    if not texts:
        empty = np.full((topics.shape[0], k), -1, dtype=np.int64)
        return Matches(empty, np.full((topics.shape[0], k), -np.inf))
    starts = range(0, len(texts), chunk)
    if scheduler is None:
        parts = [chunk_matches(topics, vectorizer, texts[s : s + chunk], s, k) for s in starts]
    else:
        import dask.bag as bag
        from distributed import Client

        pieces = [(s, texts[s : s + chunk]) for s in starts]
        work = bag.from_sequence(pieces, npartitions=len(pieces)).map(
            _chunk_item, topics, vectorizer, k
        )
        with Client(scheduler) as client:
            parts = work.compute(scheduler=client)
    return merge(parts, k)


def group_similarity(
    topics: np.ndarray, vectorizer: TfidfVectorizer, texts: Sequence[str], groups: Sequence[str]
) -> tuple[list[str], np.ndarray]:
    """Cosine similarity of each topic to each group's centroid (mean unit TF-IDF vector)."""
    names = sorted(set(groups))
    if not names:
        return [], np.zeros((topics.shape[0], 0))
    matrix = vectorizer.transform(list(texts))
    codes = np.array([names.index(g) for g in groups])
    centroids = np.zeros((len(names), matrix.shape[1]))
    for i in range(len(names)):
        rows = matrix[codes == i]
        centroids[i] = np.asarray(rows.mean(axis=0)).ravel()
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    centroids /= np.where(norms > 0, norms, 1.0)
    return names, topics @ centroids.T
