"""The registry's tables (SQLAlchemy 2.x; SQLite by default, PostgreSQL supported).

Schema version 1 is created with ``metadata.create_all``; ``schema_info`` records the version
and :func:`open_registry` refuses a database of another version.

Secrecy by layout: ``board_entries`` holds ballots without any voter field, ``ballot_index``
holds only tracking codes and ciphertext fingerprints (for replay refusal), and
``voted_markers`` holds one row per eligible credential and round, all created when the round
opens and later flipped to voted=true in place: no timestamp, no sequence number, no reference
to a board entry. See docs/ballot.md for what this does and does not protect.
"""

from __future__ import annotations

import secrets

from sqlalchemy import (
    Boolean,
    Engine,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from humanict.errors import ConflictError
from humanict.registry_db import make_engine

SCHEMA_VERSION = 1


class Base(DeclarativeBase):
    pass


class SchemaInfo(Base):
    __tablename__ = "ballot_schema_info"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)


class Credential(Base):
    """One credential: a Member State's delegation (voter), an election officer or an observer."""

    __tablename__ = "ballot_credentials"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    member_iso3: Mapped[str | None] = mapped_column(String(3), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(200))
    voting_rights: Mapped[bool] = mapped_column(Boolean, default=False)


class Election(Base):
    __tablename__ = "ballot_elections"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16))  # created, open, closed, tallied
    round: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    head: Mapped[str] = mapped_column(String(64))


class BoardEntry(Base):
    __tablename__ = "ballot_board_entries"
    election_id: Mapped[str] = mapped_column(ForeignKey("ballot_elections.id"), primary_key=True)
    height: Mapped[int] = mapped_column(Integer, primary_key=True)
    prev: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)
    hash: Mapped[str] = mapped_column(String(64))


class BallotIndex(Base):
    __tablename__ = "ballot_index"
    __table_args__ = (
        UniqueConstraint("election_id", "tracking_code"),
        UniqueConstraint("election_id", "fingerprint"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    election_id: Mapped[str] = mapped_column(ForeignKey("ballot_elections.id"))
    tracking_code: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(64))


class ServerKey(Base):
    """Secrets of the server drawn once per registry (the session-token MAC key)."""

    __tablename__ = "ballot_server_keys"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))


class VotedMarker(Base):
    __tablename__ = "ballot_voted_markers"
    election_id: Mapped[str] = mapped_column(ForeignKey("ballot_elections.id"), primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    credential_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    voted: Mapped[bool] = mapped_column(Boolean, default=False)


def server_key(engine: Engine, name: str) -> bytes:
    """The registry's secret ``name`` (32 random bytes), drawn on first use; concurrent first
    uses by several processes agree on the one stored first."""
    with Session(engine) as session:
        row = session.get(ServerKey, name)
        if row is not None:
            return bytes.fromhex(row.value)
    try:
        with Session(engine) as session, session.begin():
            session.add(ServerKey(name=name, value=secrets.token_hex(32)))
    except IntegrityError:
        pass  # another process stored it first: read that one
    with Session(engine) as session:
        stored = session.get(ServerKey, name)
        assert stored is not None
        return bytes.fromhex(stored.value)


def open_registry(url: str) -> Engine:
    """Create the tables if needed and check the schema version."""
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        versions = session.scalars(select(SchemaInfo.version)).all()
        if not versions:
            session.add(SchemaInfo(version=SCHEMA_VERSION))
        elif versions != [SCHEMA_VERSION]:
            raise ConflictError(
                f"registry at {engine.url!r} has schema version {versions}, this code needs "
                f"{SCHEMA_VERSION}; use a fresh HUMANICT_REGISTRY_URL"
            )
    return engine
