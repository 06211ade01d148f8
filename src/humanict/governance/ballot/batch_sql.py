"""The statements of a batch append of ballots (group commit), built once.

A cast's transaction runs these with new parameters only: SQLAlchemy then finds each compiled
form in its cache instead of building and compiling the statement again (several hundred
microseconds each, the larger part of a one-ballot batch). ``FOR UPDATE`` locks the election's
row on PostgreSQL, which serialises the appends of several server processes; SQLite has no row
locks (its callers hold a file lock instead) and SQLAlchemy leaves the clause out there.
"""

from __future__ import annotations

from sqlalchemy import bindparam, insert, select, update

from humanict.governance.ballot.store import BallotIndex, BoardEntry, Election, VotedMarker

_election = Election.__table__.c
_index = BallotIndex.__table__.c
_markers = VotedMarker.__table__.c

#: status, round, height and head of election :eid, its row locked.
ELECTION = (
    select(_election.status, _election.round, _election.height, _election.head)
    .where(_election.id == bindparam("eid"))
    .with_for_update()
)

#: (tracking_code, fingerprint) of ballots of :eid already indexed with any of :codes / :prints.
TAKEN = select(_index.tracking_code, _index.fingerprint).where(
    _index.election_id == bindparam("eid"),
    _index.tracking_code.in_(bindparam("codes", expanding=True))
    | _index.fingerprint.in_(bindparam("prints", expanding=True)),
)

#: (credential_id, voted) of :voters on the roll of round :open_round of :eid.
MARKERS = select(_markers.credential_id, _markers.voted).where(
    _markers.election_id == bindparam("eid"),
    _markers.round == bindparam("open_round"),
    _markers.credential_id.in_(bindparam("voters", expanding=True)),
)

#: :voters of round :open_round of :eid have voted.
VOTED = (
    update(VotedMarker.__table__)
    .where(
        _markers.election_id == bindparam("eid"),
        _markers.round == bindparam("open_round"),
        _markers.credential_id.in_(bindparam("voters", expanding=True)),
    )
    .values(voted=True)
)

#: The board of :eid ends at :new_height with hash :new_head.
HEAD = (
    update(Election.__table__)
    .where(_election.id == bindparam("eid"))
    .values(height=bindparam("new_height"), head=bindparam("new_head"))
)

INDEX = insert(BallotIndex.__table__)  # rows: election_id, tracking_code, fingerprint
ENTRIES = insert(BoardEntry.__table__)  # rows: election_id, height, prev, kind, payload, hash
