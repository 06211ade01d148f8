"""CPU time of verifying one encrypted ballot (``check_ballot``): an official election's ballot
(5 options, exactly one mark: 5 selections x 2 branches and the total's 1 branch) in the
secp256k1 group and in the RFC 5114 group, by the groups' own operations and by the generic
compositions of the Group interface (secp256k1: ``gpow_mul`` as ``mul(gpow, exp)`` instead of
public key recovery, ``product`` as pairwise ``mul``; RFC 5114: ``fixed_exp`` as ``exp``
instead of a table of the key's powers).

The two ways verify the same synthetic ballots (seeded marks, fresh random nonces) in
alternating turns, in the CPU time of this process, so that a change in the machine's load
falls on both; printed: the median time of a ballot each way and the median and quartiles of
the ratio generic / own over the pairs of turns.

Then, in secp256k1, the batch test of ballots sent with their commitments (``check_ballots``)
against checking the same ballots one by one, per ballot, for batches of 2 to 128 ballots: the
crossing point sets ``ballots.BATCH_MIN``. The group's cache of parsed points is emptied before
each measurement, as a server meets every ballot's points for the first time. Prints figures;
no assertion.

Usage: .venv/bin/python benchmarks/bench_ballot_proofs.py [--ballots 200] [--turns 10]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from humanict.governance.ballot import ballots as ballots_module
from humanict.governance.ballot.ballots import (
    RoundSpec,
    check_ballot,
    check_ballots,
    encrypt_ballot,
    split_commitments,
)
from humanict.governance.ballot.group import (
    RFC5114_2048_256,
    Group,
    ModPGroup,
    Secp256k1Group,
)

SPEC = RoundSpec("0" * 64, 1, ("A", "B", "C", "D", "BLANK"), 1, 1)


class GenericSecp256k1(Secp256k1Group):
    """secp256k1 with the generic compositions of the :class:`Group` interface."""

    gpow_mul = Group.gpow_mul
    product = Group.product


class GenericModP(ModPGroup):
    """A MODP group with the generic compositions of the :class:`Group` interface."""

    fixed_exp = Group.fixed_exp


def _ballots(group: Group, key: Any, n: int) -> list[dict[str, Any]]:
    """``n`` ballots with one mark each, on a seeded random option (synthetic)."""
    rng = random.Random(2026)
    marks = [[0] * 5 for _ in range(n)]
    for row in marks:
        row[rng.randrange(5)] = 1
    return [encrypt_ballot(group, key, SPEC, row) for row in marks]


def _ms_per_ballot(group: Group, key: Any, ballots: list[dict[str, Any]]) -> float:
    t0 = time.process_time()
    for ballot in ballots:
        check_ballot(group, key, SPEC, ballot)
    return (time.process_time() - t0) * 1000 / len(ballots)


def compare(own: Group, generic: Group, n: int, turns: int) -> None:
    key = own.gpow(own.random_scalar())
    ballots = _ballots(own, key, n)
    t0 = time.process_time()
    check_ballot(own, key, SPEC, ballots[0])  # builds any table of the key's powers
    first = (time.process_time() - t0) * 1000
    check_ballot(generic, key, SPEC, ballots[0])
    times: dict[str, list[float]] = {"own": [], "generic": []}
    for turn in range(turns):
        order = [("own", own), ("generic", generic)]
        for name, group in order if turn % 2 else order[::-1]:
            times[name].append(_ms_per_ballot(group, key, ballots))
    ratios = [g / o for g, o in zip(times["generic"], times["own"], strict=True)]
    quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
    print(
        f"{own.name}: {n} ballots x {turns} turns; CPU per ballot: own operations "
        f"{statistics.median(times['own']):.2f} ms, generic "
        f"{statistics.median(times['generic']):.2f} ms; generic / own "
        f"{statistics.median(ratios):.2f} (quartiles {quartiles[0]:.2f}-{quartiles[2]:.2f}); "
        f"first ballot {first:.1f} ms"
    )


def batches(turns: int) -> None:
    """ms per ballot, batch test against one by one, median over ``turns``."""
    group = Secp256k1Group()
    key = group.gpow(group.random_scalar())
    rng = random.Random(2027)
    minimum = ballots_module.BATCH_MIN
    sizes = [2, 4, 8, 16, 32, 64, 128]
    sent = []
    for _ in range(max(sizes)):
        marks = [0] * len(SPEC.options)
        marks[rng.randrange(len(marks))] = 1
        sent.append(split_commitments(encrypt_ballot(group, key, SPEC, marks, commitments=True)))
    ballots_module.BATCH_MIN = 2  # the batch test at every size, to find where it pays
    print("secp256k1, ballots sent with their commitments: CPU ms per ballot (median)")
    print(f"{'ballots':>8s} {'one by one':>10s} {'batch test':>10s}")
    for size in sizes:
        alone, batch = [], []
        for _ in range(turns):
            group._parse.cache_clear()
            t0 = time.process_time()
            for ballot, commitments in sent[:size]:
                check_ballot(group, key, SPEC, ballot, commitments)
            alone.append((time.process_time() - t0) * 1000 / size)
            group._parse.cache_clear()
            t0 = time.process_time()
            results = check_ballots(group, key, SPEC, sent[:size])
            batch.append((time.process_time() - t0) * 1000 / size)
            assert all(isinstance(r, list) for r in results)
        print(f"{size:8d} {statistics.median(alone):10.2f} {statistics.median(batch):10.2f}")
    ballots_module.BATCH_MIN = minimum


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=200)
    parser.add_argument("--turns", type=int, default=10)
    args = parser.parse_args()
    compare(Secp256k1Group(), GenericSecp256k1(), args.ballots, args.turns)
    rfc = RFC5114_2048_256
    generic_rfc = GenericModP(name=rfc.name, p=rfc.p, q=rfc.q, g=rfc.g)
    compare(rfc, generic_rfc, max(args.ballots // 10, 1), args.turns)
    batches(args.turns)


if __name__ == "__main__":
    main()
