"""Batch verification of linear relations between group elements: the small-exponents test of
Bellare, Garay and Rabin ("Fast batch verification for modular exponentiation and digital
signatures", EUROCRYPT 1998, section 3.2).

Each relation prod x^e = 1 is raised to its own random weight w of ``WEIGHT_BITS`` bits, drawn
by the verifier after the relations are fixed, and all of them are multiplied into one
multi-exponentiation. If every relation holds the product is the identity; if any fails, it is
the identity with probability at most 2^-WEIGHT_BITS (the group has prime order). A batch that
fails is split in halves until the failing items are found, so a bad ballot costs its sender,
not the others.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from humanict.governance.ballot.group import Element, Group
from humanict.governance.ballot.proofs import Relation

#: Bits of each random weight: a failing relation passes with probability 2^-128 at most.
WEIGHT_BITS = 128


@dataclass
class Weighted:
    """One item's relations folded into one sum of terms, each weighted at random."""

    terms: dict[Element, int] = field(default_factory=dict)

    def add(self, relation: Relation, q: int) -> None:
        weight = secrets.randbits(WEIGHT_BITS) | 1  # never 0: every relation counts
        terms = self.terms
        for x, e in relation:
            terms[x] = (terms.get(x, 0) + weight * e) % q


def weigh(group: Group, relations: list[Relation]) -> Weighted:
    """The relations of one item (a ballot) with fresh random weights."""
    weighted = Weighted()
    for relation in relations:
        weighted.add(relation, group.q)
    return weighted


def holds(group: Group, items: Sequence[Weighted]) -> bool:
    """True when every relation of every item holds (up to the 2^-128 error of the test)."""
    q, total = group.q, {}
    for item in items:
        for x, e in item.terms.items():
            total[x] = (total.get(x, 0) + e) % q
    return group.multi_exp([(x, e) for x, e in total.items() if e]) == group.identity


def failing(
    group: Group, items: Sequence[Weighted], alone: Callable[[int], bool], smallest: int
) -> list[int]:
    """The indices of the items whose relations do not all hold.

    All items are tested at once; a failing batch is split in halves, and a part of fewer than
    ``smallest`` items is tested item by item with ``alone(index)`` (which is cheaper there than
    a multi-exponentiation). ``alone`` returns True when the item is good."""
    found: list[int] = []
    smallest = max(smallest, 2)

    def search(indices: list[int]) -> None:
        if len(indices) < smallest:
            found.extend(i for i in indices if not alone(i))
        elif not holds(group, [items[i] for i in indices]):
            half = len(indices) // 2
            search(indices[:half])
            search(indices[half:])

    search(list(range(len(items))))
    return found
