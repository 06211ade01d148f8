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

#: Rows are inserted many per statement: RETURNING makes SQLAlchemy render pages of rows into
#: one INSERT ... VALUES (its "insertmanyvalues"). Without it psycopg sent one INSERT per row in
#: pipeline mode, and the insert of a batch of about a hundred ballots (300 KB) then waited
#: 210-215 ms with 2 ms of CPU in about one burst in three on PostgreSQL (two of the 0.1 s poll
#: intervals of psycopg's wait loop), holding the election's row lock meanwhile.
INDEX = insert(BallotIndex.__table__).returning(_index.tracking_code)
ENTRIES = insert(BoardEntry.__table__).returning(BoardEntry.__table__.c.height)
