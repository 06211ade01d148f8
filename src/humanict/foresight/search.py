"""Search the standards catalogue: TF-IDF cosine similarity, best first.

Title, abstract (when loaded), identifier and group are one document per item, vectorised with
the shared TF-IDF settings (:func:`humanict.foresight.topics.make_vectorizer`); the query is
vectorised the same way and items are ranked by cosine similarity (Salton & Buckley 1988).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from humanict.errors import InvalidInputError
from humanict.foresight.topics import make_vectorizer

RESULT_COLUMNS = ["score", "body", "identifier", "title", "date", "group", "status", "edition"]


@dataclass
class SearchIndex:
    items: pd.DataFrame
    vectorizer: TfidfVectorizer
    matrix: sparse.csr_matrix


def index_catalogue(catalogue: pd.DataFrame) -> SearchIndex:
    """Fit the TF-IDF index of every catalogue item."""
    items = catalogue.reset_index(drop=True)
    text = (
        items["title"].fillna("")
        + ". "
        + items["abstract"].fillna("")
        + " "
        + items["identifier"].fillna("")
    )
    vectorizer = make_vectorizer(min_df=1, max_df=0.5)
    return SearchIndex(items, vectorizer, vectorizer.fit_transform(text.tolist()).tocsr())


def search(
    index: SearchIndex,
    query: str,
    *,
    limit: int = 20,
    bodies: list[str] | None = None,
    in_force: bool = False,
) -> pd.DataFrame:
    """Items most similar to ``query`` (score = cosine similarity, 0..1), best first."""
    if not query.strip():
        raise InvalidInputError("empty query: give words to search for")
    if limit < 1:
        raise InvalidInputError("limit must be at least 1")
    vector = index.vectorizer.transform([query])
    if vector.nnz == 0:
        raise InvalidInputError(f"no word of {query!r} occurs in the catalogue")
    scores = np.asarray((index.matrix @ vector.T).todense(), dtype=np.float64).ravel()
    keep = scores > 0
    items = index.items
    if bodies:
        unknown = sorted(set(bodies) - set(items["body"]))
        if unknown:
            raise InvalidInputError(
                f"unknown body {', '.join(unknown)}: use {sorted(set(items['body']))}"
            )
        keep &= items["body"].isin(bodies).to_numpy()
    if in_force:
        keep &= ~items["status"].isin(["withdrawn", "superseded"]).to_numpy()
    positions = np.flatnonzero(keep)
    order = positions[np.lexsort((positions, -scores[positions]))][:limit]
    result = items.iloc[order].assign(score=np.round(scores[order], 4))
    return result[RESULT_COLUMNS].reset_index(drop=True)
