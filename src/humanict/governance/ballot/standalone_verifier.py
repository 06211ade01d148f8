"""A standalone verifier of an exported election board, written against docs/ballot.md.

It imports nothing from humanict (only the Python standard library), so it can be copied and
run alone: ``python standalone_verifier.py board.jsonl``. Boards in the secp256k1 group are
checked with the curve arithmetic written below (affine formulas of SEC 1 section 2.2.1); when
the ``coincurve`` package (libsecp256k1) is importable it does the same arithmetic about a
hundred times faster, as gmpy2 does for the MODP groups. It shares no code with the server's
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


class _ModP:
    """A subgroup of prime order q of Z_p* (checked by its properties); elements are ints."""

    def __init__(self, data: dict[str, str]) -> None:
        if set(data) != {"name", "p", "q", "g"}:
            raise BoardInvalid(0, "group", "a MODP group is given by name, p, q and g")
        self.name = data["name"]
        self.p, self.q, self.g = (_num(data[k], 0) for k in ("p", "q", "g"))
        self.identity = 1
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

    def mul(self, x: int, y: int) -> int:
        return x * y % self.p

    def exp(self, x: int, e: int) -> int:
        return pow(x, e % self.q, self.p)

    def inv(self, x: int) -> int:
        return builtins.pow(x, -1, self.p)

    def text(self, x: int) -> str:
        return str(x)


# secp256k1, SEC 2 version 2 section 2.4.1: y^2 = x^3 + 7 over F_P, prime order N, cofactor 1.
_P = 2**256 - 2**32 - 977
_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
_GX = 0x79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798
_INFINITY = b"\x00"

try:  # optional speed-up: libsecp256k1; the arithmetic below gives the same results
    from coincurve import PublicKey as _Point
except ImportError:  # pragma: no cover - depends on what is installed
    _Point = None


def _decompress(data: bytes) -> tuple[int, int] | None:
    """The affine point of a compressed SEC 1 encoding, or None if it is not on the curve."""
    if len(data) != 33 or data[0] not in (2, 3):
        return None
    x = int.from_bytes(data[1:], "big")
    if x >= _P:
        return None
    y = builtins.pow(x * x * x + 7, (_P + 1) // 4, _P)
    if (y * y - x * x * x - 7) % _P:
        return None
    return (x, y if y % 2 == data[0] - 2 else _P - y)


def _compress(point: tuple[int, int] | None) -> bytes:
    if point is None:
        return _INFINITY
    x, y = point
    return bytes([2 + y % 2]) + x.to_bytes(32, "big")


def _add(p1: tuple[int, int] | None, p2: tuple[int, int] | None) -> tuple[int, int] | None:
    """Affine addition on y^2 = x^3 + 7 (None is the point at infinity)."""
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2:
        if (y1 + y2) % _P == 0:
            return None
        slope = 3 * x1 * x1 * builtins.pow(2 * y1, -1, _P) % _P
    else:
        slope = (y2 - y1) * builtins.pow(x2 - x1, -1, _P) % _P
    x3 = (slope * slope - x1 - x2) % _P
    return (x3, (slope * (x1 - x3) - y1) % _P)


def _multiply(point: tuple[int, int] | None, e: int) -> tuple[int, int] | None:
    result = None
    while e:
        if e & 1:
            result = _add(result, point)
        point = _add(point, point)
        e >>= 1
    return result


class _Secp256k1:
    """secp256k1 (fixed parameters, checked by name); elements are compressed points."""

    def __init__(self, data: dict[str, str]) -> None:
        self.name, self.q, self.identity = "secp256k1", _N, _INFINITY
        self.g = bytes([2]) + _GX.to_bytes(32, "big")  # the generator's y is even
        if data != {"name": "secp256k1", "q": str(_N), "g": self.g.hex()}:
            raise BoardInvalid(0, "group", "secp256k1 parameters differ from SEC 2")

    def element(self, text: Any, height: int) -> bytes:
        ok = isinstance(text, str) and text.isascii() and text == text.lower()
        try:
            data = bytes.fromhex(text) if ok else b""
        except ValueError:
            data = b""
        if data != _INFINITY and _decompress(data) is None:
            raise BoardInvalid(height, "group", "value is not a point of secp256k1")
        return data

    def mul(self, x: bytes, y: bytes) -> bytes:
        if x == _INFINITY or y == _INFINITY:
            return y if x == _INFINITY else x
        if _Point is not None:
            try:
                return bytes(_Point.combine_keys([_Point(x), _Point(y)]).format())
            except ValueError:
                return _INFINITY
        return _compress(_add(_decompress(x), _decompress(y)))

    def exp(self, x: bytes, e: int) -> bytes:
        e %= _N
        if e == 0 or x == _INFINITY:
            return _INFINITY
        if _Point is not None:
            return bytes(_Point(x).multiply(e.to_bytes(32, "big")).format())
        return _compress(_multiply(_decompress(x), e))

    def inv(self, x: bytes) -> bytes:
        return x if x == _INFINITY else bytes([x[0] ^ 1]) + x[1:]

    def text(self, x: bytes) -> str:
        return x.hex()


_Group = _ModP | _Secp256k1


def _group(data: Any) -> _Group:
    if not isinstance(data, dict):
        raise BoardInvalid(0, "group", "the manifest names no group")
    return _Secp256k1(data) if data.get("name") == "secp256k1" else _ModP(data)


def _hash(grp: _Group, domain: str, *fields: Any) -> int:
    text = domain + "|" + "|".join(str(f) for f in fields)
    return int.from_bytes(hashlib.sha512(text.encode()).digest(), "big") % grp.q


def _over(grp: _Group, x: Any, y: Any) -> Any:
    return grp.mul(x, grp.inv(y))


def _range_ok(
    grp: _Group, key: Any, a: Any, b: Any, proof: Any, lo: int, hi: int, ctx: str, height: int
) -> bool:
    q, t = grp.q, grp.text
    if not isinstance(proof, list) or len(proof) != hi - lo + 1:
        return False
    commitments: list[str] = []
    total = 0
    for j, pair in zip(range(lo, hi + 1), proof, strict=True):
        if not isinstance(pair, list) or len(pair) != 2:
            return False
        c, v = _num(pair[0], height, q), _num(pair[1], height, q)
        # g^v = A a^c  and  K^v = B (b / g^j)^c
        commitments.append(t(_over(grp, grp.exp(grp.g, v), grp.exp(a, c))))
        b_j = _over(grp, b, grp.exp(grp.g, j))
        commitments.append(t(_over(grp, grp.exp(key, v), grp.exp(b_j, c))))
        total += c
    return total % q == _hash(grp, "range", ctx, lo, hi, t(key), t(a), t(b), *commitments)


def _eqlog_ok(
    grp: _Group, base: Any, public: Any, value: Any, proof: Any, ctx: str, height: int
) -> bool:
    if not isinstance(proof, list) or len(proof) != 2:
        return False
    c, v = _num(proof[0], height, grp.q), _num(proof[1], height, grp.q)
    u1 = _over(grp, grp.exp(grp.g, v), grp.exp(public, c))
    u2 = _over(grp, grp.exp(base, v), grp.exp(value, c))
    fields = (base, public, value, u1, u2)
    return c == _hash(grp, "eqlog", ctx, *map(grp.text, fields))


def _trustee_keys(grp: _Group, rec: dict[str, Any]) -> tuple[int, int, Any, dict[int, Any]]:
    n, k = rec["n"], rec["k"]
    polys = []
    for t in rec["trustees"]:
        cs = [grp.element(c, 0) for c in t["commitments"]]
        if len(cs) != k or len(t["proofs"]) != k:
            raise BoardInvalid(0, "trustees", f"trustee {t['index']} needs {k} commitments")
        for pos, (c, pr) in enumerate(zip(cs, t["proofs"], strict=True)):
            cc, v = _num(pr[0], 0, grp.q), _num(pr[1], 0, grp.q)
            u = _over(grp, grp.exp(grp.g, v), grp.exp(c, cc))
            ctx = f"trustee-commitment|{t['index']}|{k}|{pos}"
            if cc != _hash(grp, "schnorr", ctx, grp.text(c), grp.text(u)):
                raise BoardInvalid(0, "trustees", f"trustee {t['index']} proof {pos} fails")
        polys.append(cs)
    if [t["index"] for t in rec["trustees"]] != list(range(1, n + 1)) or not 1 <= k <= n:
        raise BoardInvalid(0, "trustees", "trustees must be numbered 1..n with 1 <= k <= n")
    key = grp.identity
    for cs in polys:
        key = grp.mul(key, cs[0])
    vkeys = {}
    for j in range(1, n + 1):
        value = grp.identity
        for cs in polys:
            for e, c in enumerate(cs):
                value = grp.mul(value, grp.exp(c, builtins.pow(j, e, grp.q)))
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
    grp = _group(manifest["group"])
    n, k, key, vkeys = _trustee_keys(grp, manifest["trustees"])
    if grp.element(manifest["key"], 0) != key:
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
                "sums": [(grp.identity, grp.identity)] * len(data["options"]),
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
            ta, tb = grp.identity, grp.identity
            for a, b in cts:
                ta, tb = grp.mul(ta, a), grp.mul(tb, b)
            if not _range_ok(
                grp, key, ta, tb, data["total_proof"], cur["lo"], cur["hi"], f"{prefix}|total", h
            ):
                raise BoardInvalid(h, "proof", "number of marks not proven in range")
            fp = _canonical([[s["a"], s["b"]] for s in data["selections"]])
            if code in seen or fp in seen:
                raise BoardInvalid(h, "duplicate", "ballot repeats an earlier ballot")
            seen.update((code, fp))
            cur["sums"] = [
                (grp.mul(sa, a), grp.mul(sb, b))
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
                combined = grp.identity
                for j in used:
                    num, den = 1, 1
                    for m in used:
                        if m != j:
                            num, den = num * m % grp.q, den * (m - j) % grp.q
                    lam = num * builtins.pow(den, -1, grp.q) % grp.q
                    combined = grp.mul(combined, grp.exp(cur["shares"][j][i], lam))
                target = _over(grp, b, combined)
                acc, m = grp.identity, 0
                while acc != target:
                    acc, m = grp.mul(acc, grp.g), m + 1
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
