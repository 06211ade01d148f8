"""A standalone verifier of an exported election board, written against docs/ballot.md.

It imports nothing from humanict (only the Python standard library), so it can be copied and
run alone: ``python standalone_verifier.py board.jsonl``. It shares no code with the server's
checks in ``verify.py``, so a bug in one is not silently repeated in the other. It checks the
group parameters by their properties (not against a list), the hash chain, the trustees'
proofs, every ballot proof, duplicates, the lifecycle and counts, every decryption proof, the
counts recovered from k shares and the outcome.
"""

from __future__ import annotations

import builtins
import hashlib
import json
import random
import sys
from typing import Any

try:  # optional speed-up; the standard library's pow gives the same results
    from gmpy2 import powmod as _gmp_powmod

    def pow(base: int, exp: int, mod: int) -> int:  # noqa: A001
        if exp < 0:
            return builtins.pow(base, exp, mod)
        return int(_gmp_powmod(base, exp, mod))
except ImportError:  # pragma: no cover - depends on what is installed
    pass


class BoardInvalid(Exception):
    def __init__(self, height: int | None, check: str, problem: str) -> None:
        where = "board" if height is None else f"entry {height}"
        super().__init__(f"verification failed at {where} [{check}]: {problem}")


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def _load(text: str, height: int) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({k for k, _ in items}) != len(items):
            raise BoardInvalid(height, "canonical", "duplicate key")
        return dict(items)

    def no_float(token: str) -> Any:
        raise BoardInvalid(height, "canonical", f"float {token}")

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_float=no_float)
    except ValueError as err:
        raise BoardInvalid(height, "canonical", f"not JSON: {err}") from err
    if _canonical(value) != text:
        raise BoardInvalid(height, "canonical", "payload not in canonical form")
    return value


def _num(text: Any, height: int, bound: int | None = None) -> int:
    ok = isinstance(text, str) and text.isascii() and text.isdigit()
    if not ok or (len(text) > 1 and text.startswith("0")):
        raise BoardInvalid(height, "number", f"{text!r} is not a canonical decimal")
    value = int(text)
    if bound is not None and value >= bound:
        raise BoardInvalid(height, "number", "scalar not below q")
    return value


def _is_prime(n: int) -> bool:
    if n < 4:
        return n in (2, 3)
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    rng = random.SystemRandom()
    for _ in range(24):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


class _Group:
    def __init__(self, data: dict[str, str]) -> None:
        self.name = data["name"]
        self.p, self.q, self.g = (_num(data[k], 0) for k in ("p", "q", "g"))
        if not (_is_prime(self.p) and _is_prime(self.q) and (self.p - 1) % self.q == 0):
            raise BoardInvalid(0, "group", "p and q must be primes with q dividing p - 1")
        if self.g in (0, 1) or pow(self.g, self.q, self.p) != 1:
            raise BoardInvalid(0, "group", "g does not generate the order-q subgroup")
        if self.q.bit_length() < 256 and not self.name.startswith("test-"):
            raise BoardInvalid(0, "group", "subgroup order below 256 bits")

    def element(self, text: Any, height: int) -> int:
        x = _num(text, height)
        if not (0 < x < self.p and pow(x, self.q, self.p) == 1):
            raise BoardInvalid(height, "group", "value outside the order-q subgroup")
        return x

    def hash(self, domain: str, *fields: Any) -> int:
        text = domain + "|" + "|".join(str(f) for f in fields)
        return int.from_bytes(hashlib.sha512(text.encode()).digest(), "big") % self.q


def _range_ok(
    grp: _Group, key: int, a: int, b: int, proof: Any, lo: int, hi: int, ctx: str, height: int
) -> bool:
    p, q, g = grp.p, grp.q, grp.g
    if not isinstance(proof, list) or len(proof) != hi - lo + 1:
        return False
    commitments: list[int] = []
    total = 0
    for j, pair in zip(range(lo, hi + 1), proof, strict=True):
        if not isinstance(pair, list) or len(pair) != 2:
            return False
        c, v = _num(pair[0], height, q), _num(pair[1], height, q)
        # g^v = A a^c  and  K^v = B (b / g^j)^c
        commitments.append(pow(g, v, p) * pow(pow(a, c, p), -1, p) % p)
        b_j = b * pow(pow(g, j, p), -1, p) % p
        commitments.append(pow(key, v, p) * pow(pow(b_j, c, p), -1, p) % p)
        total += c
    return total % q == grp.hash("range", ctx, lo, hi, key, a, b, *commitments)


def _eqlog_ok(
    grp: _Group, base: int, public: int, value: int, proof: Any, ctx: str, height: int
) -> bool:
    p, q = grp.p, grp.q
    if not isinstance(proof, list) or len(proof) != 2:
        return False
    c, v = _num(proof[0], height, q), _num(proof[1], height, q)
    u1 = pow(grp.g, v, p) * pow(pow(public, c, p), -1, p) % p
    u2 = pow(base, v, p) * pow(pow(value, c, p), -1, p) % p
    return c == grp.hash("eqlog", ctx, base, public, value, u1, u2)


def _trustee_keys(grp: _Group, rec: dict[str, Any]) -> tuple[int, int, int, dict[int, int]]:
    n, k = rec["n"], rec["k"]
    polys = []
    for t in rec["trustees"]:
        cs = [grp.element(c, 0) for c in t["commitments"]]
        if len(cs) != k or len(t["proofs"]) != k:
            raise BoardInvalid(0, "trustees", f"trustee {t['index']} needs {k} commitments")
        for pos, (c, pr) in enumerate(zip(cs, t["proofs"], strict=True)):
            cc, v = _num(pr[0], 0, grp.q), _num(pr[1], 0, grp.q)
            u = pow(grp.g, v, grp.p) * pow(pow(c, cc, grp.p), -1, grp.p) % grp.p
            ctx = f"trustee-commitment|{t['index']}|{k}|{pos}"
            if cc != grp.hash("schnorr", ctx, c, u):
                raise BoardInvalid(0, "trustees", f"trustee {t['index']} proof {pos} fails")
        polys.append(cs)
    if [t["index"] for t in rec["trustees"]] != list(range(1, n + 1)) or not 1 <= k <= n:
        raise BoardInvalid(0, "trustees", "trustees must be numbered 1..n with 1 <= k <= n")
    key = 1
    for cs in polys:
        key = key * cs[0] % grp.p
    vkeys = {}
    for j in range(1, n + 1):
        value = 1
        for cs in polys:
            for e, c in enumerate(cs):
                value = value * pow(c, pow(j, e, grp.q), grp.p) % grp.p
        vkeys[j] = value
    return n, k, key, vkeys


def _outcome(kind: str, seats: int, counts: dict[str, int]) -> dict[str, Any]:
    votes = {c: n for c, n in counts.items() if c != "BLANK"}
    valid = sum(votes.values())
    order = sorted(votes, key=lambda c: (-votes[c], c))
    if kind == "official":
        need = valid // 2 + 1
        won = [c for c in order if valid > 0 and votes[c] >= need]
        return {
            "status": "elected" if won else "another round needed",
            "elected": won,
            "valid_votes": valid,
            "abstentions": counts.get("BLANK", 0),
            "required_majority": need,
        }
    if len(order) <= seats:
        return {"status": "elected", "elected": order, "valid_votes": valid}
    last = votes[order[seats - 1]]
    above = [c for c in order if votes[c] > last]
    tied = [c for c in order if votes[c] == last]
    if len(above) + len(tied) == seats:
        return {"status": "elected", "elected": above + tied, "valid_votes": valid}
    return {
        "status": "tie",
        "elected": above,
        "tied": tied,
        "seats_left": seats - len(above),
        "valid_votes": valid,
    }


def verify_board(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Check a board given as its exported rows; return the verified per-round results."""
    prev = "0" * 64
    for h, row in enumerate(rows):
        if row.get("height") != h:
            raise BoardInvalid(row.get("height"), "order", f"expected height {h}")
        if row["prev"] != prev:
            raise BoardInvalid(h, "chain", "previous hash does not match")
        text = f"{row['height']}|{row['prev']}|{row['kind']}|{row['payload']}"
        if hashlib.sha256(text.encode()).hexdigest() != row["hash"]:
            raise BoardInvalid(h, "hash", "entry hash does not match its content")
        prev = row["hash"]
    if not rows or rows[0]["kind"] != "election":
        raise BoardInvalid(0, "lifecycle", "a board starts with its election entry")
    manifest = _load(rows[0]["payload"], 0)
    grp = _Group(manifest["group"])
    n, k, key, vkeys = _trustee_keys(grp, manifest["trustees"])
    if _num(manifest["key"], 0) != key:
        raise BoardInvalid(0, "trustees", "published key is not the trustees' joint key")
    election_hash = rows[0]["hash"]
    seen: set[str] = set()
    rounds: list[dict[str, Any]] = []
    cur: dict[str, Any] | None = None
    for row in rows[1:]:
        h, kind = row["height"], row["kind"]
        data = _load(row["payload"], h)
        if kind == "open":
            if cur is not None and cur["result"] is None:
                raise BoardInvalid(h, "lifecycle", "round opened before the last tally")
            if data["round"] != len(rounds) + 1:
                raise BoardInvalid(h, "lifecycle", "round out of sequence")
            cur = {
                "round": data["round"],
                "options": data["options"],
                "lo": data["min_marks"],
                "hi": data["max_marks"],
                "sums": [(1, 1)] * len(data["options"]),
                "ballots": 0,
                "closed": False,
                "shares": {},
                "result": None,
            }
            rounds.append(cur)
            continue
        if cur is None:
            raise BoardInvalid(h, "lifecycle", f"{kind} before any round")
        if kind == "ballot":
            if cur["closed"]:
                raise BoardInvalid(h, "lifecycle", "ballot after the round closed")
            if data["round"] != cur["round"] or len(data["selections"]) != len(cur["options"]):
                raise BoardInvalid(h, "ballot", "wrong round or number of selections")
            code = data["tracking_code"]
            prefix = f"{election_hash}|{cur['round']}|{code}"
            cts = []
            for i, sel in enumerate(data["selections"]):
                a, b = grp.element(sel["a"], h), grp.element(sel["b"], h)
                if not _range_ok(grp, key, a, b, sel["proof"], 0, 1, f"{prefix}|selection|{i}", h):
                    raise BoardInvalid(h, "proof", f"selection {i} is not proven 0 or 1")
                cts.append((a, b))
            ta, tb = 1, 1
            for a, b in cts:
                ta, tb = ta * a % grp.p, tb * b % grp.p
            if not _range_ok(
                grp, key, ta, tb, data["total_proof"], cur["lo"], cur["hi"], f"{prefix}|total", h
            ):
                raise BoardInvalid(h, "proof", "number of marks not proven in range")
            fp = _canonical([[s["a"], s["b"]] for s in data["selections"]])
            if code in seen or fp in seen:
                raise BoardInvalid(h, "duplicate", "ballot repeats an earlier ballot")
            seen.update((code, fp))
            cur["sums"] = [
                (sa * a % grp.p, sb * b % grp.p)
                for (sa, sb), (a, b) in zip(cur["sums"], cts, strict=True)
            ]
            cur["ballots"] += 1
        elif kind == "close":
            if (
                cur["closed"]
                or data["ballots"] != cur["ballots"]
                or data["voted"] != cur["ballots"]
            ):
                raise BoardInvalid(h, "count", "close does not match the ballots on the board")
            cur["closed"] = True
        elif kind == "share":
            if not cur["closed"] or cur["result"] is not None:
                raise BoardInvalid(h, "lifecycle", "share outside a closed round")
            j = data["trustee"]
            if j not in vkeys or j in cur["shares"] or data["round"] != cur["round"]:
                raise BoardInvalid(h, "share", f"unexpected share of trustee {j!r}")
            ds = []
            for i, ((a, _b), item) in enumerate(zip(cur["sums"], data["shares"], strict=True)):
                d = grp.element(item["d"], h)
                ctx = f"{election_hash}|{cur['round']}|share|{j}|{i}"
                if not _eqlog_ok(grp, a, vkeys[j], d, item["proof"], ctx, h):
                    raise BoardInvalid(h, "share", f"trustee {j} share {i} proof fails")
                ds.append(d)
            cur["shares"][j] = ds
        elif kind == "result":
            if not cur["closed"] or cur["result"] is not None or len(cur["shares"]) < k:
                raise BoardInvalid(h, "lifecycle", "result without a closed round and k shares")
            used = sorted(cur["shares"])[:k]
            counts = {}
            for i, (option, (_a, b)) in enumerate(zip(cur["options"], cur["sums"], strict=True)):
                combined = 1
                for j in used:
                    num, den = 1, 1
                    for m in used:
                        if m != j:
                            num, den = num * m % grp.q, den * (m - j) % grp.q
                    lam = num * pow(den, -1, grp.q) % grp.q
                    combined = combined * pow(cur["shares"][j][i], lam, grp.p) % grp.p
                target = b * pow(combined, -1, grp.p) % grp.p
                acc, m = 1, 0
                while acc != target:
                    acc, m = acc * grp.g % grp.p, m + 1
                    if m > cur["ballots"]:
                        raise BoardInvalid(h, "counts", f"{option}: no count in range")
                counts[option] = m
            outcome = _outcome(manifest["kind"], manifest["seats"], counts)
            if data["counts"] != counts or data["outcome"] != outcome:
                raise BoardInvalid(h, "counts", f"published {data['counts']}, decrypted {counts}")
            cur["result"] = {"counts": counts, "outcome": outcome}
        else:
            raise BoardInvalid(h, "kind", f"unknown kind {kind!r}")
    return {
        "election": manifest["id"],
        "entries": len(rows),
        "head": prev,
        "group": grp.name,
        "trustees": f"{k} of {n}",
        "rounds": [
            {"round": r["round"], "ballots": r["ballots"], "result": r["result"]} for r in rounds
        ],
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: standalone_verifier.py BOARD.jsonl\n")
        return 2
    with open(argv[1], encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    try:
        report = verify_board(rows)
    except (BoardInvalid, KeyError, TypeError, ValueError) as err:
        sys.stderr.write(f"{err}\n")
        return 1
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
