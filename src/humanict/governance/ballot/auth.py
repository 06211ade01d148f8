"""Credentials of delegations, election officers and observers: random secrets stored only as
argon2id hashes (RFC 9106; parameters t=2, m=19 MiB, p=1 as recommended by OWASP's password
storage guidance). A credential is written ``ID:SECRET``; the ID is the Member State's ISO3 code
for a delegation, ``officer-N`` or ``observer-N`` otherwise."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError

from humanict.errors import HumanictError

HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


class Role(StrEnum):
    VOTER = "voter"
    OFFICER = "officer"
    OBSERVER = "observer"


class AuthenticationError(HumanictError):
    status = 401


class ForbiddenError(HumanictError):
    status = 403


@dataclass(frozen=True, slots=True)
class Principal:
    id: str
    role: Role
    member_iso3: str | None
    voting_rights: bool


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    return HASHER.hash(secret)


def secret_matches(stored: str, secret: str) -> bool:
    try:
        return HASHER.verify(stored, secret)
    except VerificationError:
        return False


def split_credential(token: str | None) -> tuple[str, str]:
    """``ID:SECRET`` into its parts, or an authentication error saying what is expected."""
    if not token or ":" not in token:
        raise AuthenticationError(
            "authentication required: send 'Authorization: Bearer ID:SECRET' with the "
            "credential issued to your delegation or office"
        )
    ident, _, secret = token.partition(":")
    return ident, secret


def cache_key(token: str) -> str:
    """What the in-memory cache of verified credentials keys on (never the secret itself)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def require(principal: Principal, role: Role) -> None:
    if principal.role != role:
        raise ForbiddenError(
            f"credential {principal.id!r} has the role {principal.role}; this needs {role}"
        )
