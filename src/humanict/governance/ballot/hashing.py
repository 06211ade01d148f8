"""Canonical serialisation and the hashes of the protocol (SHA-256 chain, SHA-512 challenges).

Every hashed text is the exact stored text: payloads are canonical JSON (sorted keys, no spaces,
ASCII, integers written as decimal strings), so a board can be re-hashed byte for byte.
Fiat-Shamir challenges (strong form: the statement, the public key and the context are hashed
together with the commitments, as advised by Bernhard, Pereira and Warinschi, ASIACRYPT 2012)
are SHA-512 of a domain tag and "|"-joined decimal fields, reduced mod q; the browser client
computes the same string.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from humanict.errors import InvalidInputError


def canonical_json(value: Any) -> str:
    """The one serialisation that is hashed and stored."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def parse_canonical(text: str) -> Any:
    """Parse a stored payload and refuse any text that is not in canonical form."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise InvalidInputError("duplicate key in JSON payload")
        return dict(pairs)

    try:
        value = json.loads(text, object_pairs_hook=no_duplicates, parse_float=_no_float)
    except json.JSONDecodeError as err:
        raise InvalidInputError(f"payload is not valid JSON: {err}") from err
    if canonical_json(value) != text:
        raise InvalidInputError("payload is not in canonical JSON form")
    return value


def _no_float(text: str) -> float:
    raise InvalidInputError(f"floating-point number {text!r} in a payload; numbers are strings")


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def challenge(q: int, domain: str, *fields: int | str) -> int:
    """Fiat-Shamir challenge in Z_q: SHA-512(domain | field | field ...) mod q."""
    text = domain + "|" + "|".join(str(f) for f in fields)
    return int.from_bytes(hashlib.sha512(text.encode("utf-8")).digest(), "big") % q
