"""Commands of the verifiable secret ballot, added to `humanict governance`:
`humanict governance ballot ...` to run elections and `humanict governance verify` to check one."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from humanict.cli_support import settings, user_errors
from humanict.errors import InvalidInputError
from humanict.output import Format, render

ballot_app = typer.Typer(
    help="Verifiable secret ballot: credentials, trustees, elections, casting and tally.",
    no_args_is_help=True,
)

Credential = Annotated[
    str | None,
    typer.Option(
        "--credential",
        envvar="HUMANICT_CREDENTIAL",
        help="ID:SECRET of your credential (or set HUMANICT_CREDENTIAL).",
    ),
]
Url = Annotated[
    str | None,
    typer.Option(help="Base URL of a humanict server; without it the local registry is used."),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]


def _service() -> Any:
    from humanict.governance.ballot.service import BallotService

    return BallotService.from_url(settings().registry_url)


def _officer(service: Any, credential: str | None) -> Any:
    return service.authenticate(credential)


def _show(data: dict[str, Any] | list[dict[str, Any]], fmt: Format) -> None:
    rows = data if isinstance(data, list) else [data]
    if fmt is Format.json:
        typer.echo(json.dumps(data, indent=2))
        return
    flat = [
        {k: (json.dumps(v) if isinstance(v, dict | list) else v) for k, v in r.items()}
        for r in rows
    ]
    typer.echo(render(pd.DataFrame(flat), fmt))


@ballot_app.command("credentials")
@user_errors
def credentials(
    out: Annotated[Path, typer.Option(help="File to write the new credentials to (JSON).")],
    no_vote: Annotated[
        str, typer.Option(help="Comma-separated ISO3 codes of delegations without voting rights.")
    ] = "",
    officers: Annotated[int, typer.Option(help="Election officer credentials.")] = 1,
    observers: Annotated[int, typer.Option(help="Observer credentials.")] = 1,
) -> None:
    """Issue one credential per Member State (193) plus officers and observers; only hashes are
    stored, the secrets are written once to OUT (mode 600) for distribution."""
    from humanict.members.registry import member_states

    if out.exists():
        raise InvalidInputError(f"{out} exists; choose a new file so no secret is overwritten")
    members = [e.iso3 for e in member_states(settings().data_dir)]
    blocked = frozenset(c.strip().upper() for c in no_vote.split(",") if c.strip())
    unknown = sorted(blocked - set(members))
    if unknown:
        raise InvalidInputError(f"not Member States: {', '.join(unknown)}")
    tokens = _service().issue_credentials(members, officers, observers, blocked)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(tokens, fh, indent=1)
    typer.echo(
        f"{len(members)} delegations ({len(members) - len(blocked)} with voting rights), "
        f"{officers} officer(s), {observers} observer(s); secrets in {out}"
    )


@ballot_app.command("trustees")
@user_errors
def trustees(
    out: Annotated[Path, typer.Option(help="Folder for public.json and trustee-N.json files.")],
    n: Annotated[int, typer.Option("--trustees", help="Number of trustees.")] = 5,
    k: Annotated[int, typer.Option("--threshold", help="Trustees needed to decrypt.")] = 3,
    group: Annotated[
        str,
        typer.Option(
            help="Group: rfc5114-2048-256 (browser ballot page) or secp256k1 (fast, CLI and API)."
        ),
    ] = "rfc5114-2048-256",
) -> None:
    """Run a k-of-n key ceremony on this machine (for trials: this machine sees every key; for
    real use run trustee-deal and trustee-keys on each trustee's machine). Each trustee's key
    goes to its own file; public.json goes to the election officer."""
    from humanict.governance.ballot.client import record_id
    from humanict.governance.ballot.group import group_named
    from humanict.governance.ballot.trustees import run_ceremony

    chosen = group_named(group)
    record, shares = run_ceremony(chosen, n, k)
    out.mkdir(parents=True, exist_ok=True)
    public = {"group": chosen.as_dict(), "trustees": record}
    (out / "public.json").write_text(json.dumps(public, indent=1), encoding="utf-8")
    for index, secret in shares:
        data = {
            "index": index,
            "secret": str(secret),
            "group": chosen.name,
            "key_id": record_id(record),
        }
        path = out / f"trustee-{index}.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
    typer.echo(f"{k}-of-{n} trustee key: {out / 'public.json'} and {n} trustee files in {out}")


def _write_private(path: Path, data: dict[str, Any]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)


@ballot_app.command("trustee-deal")
@user_errors
def trustee_deal(
    index: Annotated[int, typer.Option(help="This trustee's number, 1..n.")],
    out: Annotated[Path, typer.Option(help="Folder for the dealing and the shares.")],
    n: Annotated[int, typer.Option("--trustees", help="Number of trustees.")] = 5,
    k: Annotated[int, typer.Option("--threshold", help="Trustees needed to decrypt.")] = 3,
    group: Annotated[
        str,
        typer.Option(
            help="Group: rfc5114-2048-256 (browser ballot page) or secp256k1 (fast, CLI and API)."
        ),
    ] = "rfc5114-2048-256",
) -> None:
    """Distributed ceremony, step 1 (each trustee on its own machine): publish dealing-I.json
    and send each share-I-for-J.json privately to trustee J."""
    from humanict.governance.ballot.group import group_named
    from humanict.governance.ballot.trustees import deal

    if not 1 <= index <= n or not 1 <= k <= n:
        raise InvalidInputError(f"need 1 <= index <= {n} and 1 <= threshold <= {n}")
    chosen = group_named(group)
    dealing = deal(chosen, index, n, k)
    out.mkdir(parents=True, exist_ok=True)
    public = {
        "group": chosen.as_dict(),
        "n": n,
        "k": k,
        "index": index,
        "commitments": [chosen.encode(c) for c in dealing.commitments],
        "proofs": [[str(c), str(v)] for c, v in dealing.proofs],
    }
    (out / f"dealing-{index}.json").write_text(json.dumps(public), encoding="utf-8")
    for j, share in dealing.shares.items():
        _write_private(
            out / f"share-{index}-for-{j}.json", {"from": index, "to": j, "share": str(share)}
        )
    typer.echo(f"trustee {index}: dealing-{index}.json (public) and {n} private shares in {out}")


@ballot_app.command("trustee-keys")
@user_errors
def trustee_keys(
    index: Annotated[int, typer.Option(help="This trustee's number, 1..n.")],
    dealings: Annotated[
        Path, typer.Option(help="Folder with every dealing-I.json and this trustee's shares.")
    ],
    out: Annotated[Path, typer.Option(help="Where to write this trustee's key file.")],
    public_out: Annotated[
        Path | None, typer.Option(help="Where to write the public record (public.json).")
    ] = None,
) -> None:
    """Distributed ceremony, step 2: check every dealing's proofs and every share sent to this
    trustee against its commitments (naming a cheating dealer), then write the key file."""
    from humanict.governance.ballot.client import record_id
    from humanict.governance.ballot.group import group_from_dict, parse_decimal
    from humanict.governance.ballot.trustees import Dealing, check_public_record, receive

    files = sorted(dealings.glob("dealing-*.json"))
    if not files:
        raise InvalidInputError(f"no dealing-*.json in {dealings}")
    published = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    first = published[0]
    chosen = group_from_dict(first["group"])
    if any(
        (d["group"], d["n"], d["k"]) != (first["group"], first["n"], first["k"]) for d in published
    ):
        raise InvalidInputError("dealings disagree on the group, n or k; restart the ceremony")
    record = {
        "n": first["n"],
        "k": first["k"],
        "trustees": [
            {key: d[key] for key in ("index", "commitments", "proofs")}
            for d in sorted(published, key=lambda d: d["index"])
        ],
    }
    keyset = check_public_record(chosen, record)
    received = []
    for d in record["trustees"]:
        path = dealings / f"share-{d['index']}-for-{index}.json"
        if not path.is_file():
            raise InvalidInputError(f"missing {path.name}: trustee {d['index']} has not sent it")
        share = parse_decimal(json.loads(path.read_text(encoding="utf-8"))["share"], "share")
        commitments = [chosen.decode(c, "commitment") for c in d["commitments"]]
        received.append(Dealing(d["index"], commitments, [], {index: share}))
    secret = receive(chosen, index, received)
    assert chosen.gpow(secret) == keyset.verification_keys[index]
    _write_private(
        out,
        {"index": index, "secret": str(secret), "group": chosen.name, "key_id": record_id(record)},
    )
    if public_out:
        public_out.write_text(
            json.dumps({"group": chosen.as_dict(), "trustees": record}, indent=1), encoding="utf-8"
        )
    typer.echo(
        f"trustee {index}: key written to {out}; election key checked from "
        f"{len(files)} dealings ({keyset.k} of {keyset.n})"
    )


@ballot_app.command("create")
@user_errors
def create(
    title: Annotated[str, typer.Option(help="Title, e.g. 'PP-26 Secretary-General'.")],
    candidates: Annotated[str, typer.Option(help="Comma-separated candidate names.")],
    trustees_file: Annotated[Path, typer.Option("--trustees", help="public.json of a ceremony.")],
    kind: Annotated[str, typer.Option(help="official (one seat) or council (a region).")] = (
        "official"
    ),
    seats: Annotated[int, typer.Option(help="Seats (council regions: the region's seats).")] = 1,
    election_id: Annotated[str | None, typer.Option("--id", help="Election id.")] = None,
    credential: Credential = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Create an election (election officer)."""
    service = _service()
    public = json.loads(trustees_file.read_text(encoding="utf-8"))
    manifest = service.create_election(
        _officer(service, credential),
        title,
        kind,
        seats,
        candidates.split(","),
        public,
        election_id,
    )
    _show({k: manifest[k] for k in ("id", "title", "kind", "seats", "candidates")}, fmt)


@ballot_app.command("open")
@user_errors
def open_round(
    election: Annotated[str, typer.Argument(help="Election id.")],
    withdraw: Annotated[list[str] | None, typer.Option(help="Candidate withdrawn.")] = None,
    credential: Credential = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Open the next round (election officer)."""
    service = _service()
    _show(service.open_round(_officer(service, credential), election, withdraw or []), fmt)


@ballot_app.command("close")
@user_errors
def close_round(
    election: Annotated[str, typer.Argument(help="Election id.")],
    credential: Credential = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Close the open round (election officer)."""
    service = _service()
    _show(service.close_round(_officer(service, credential), election), fmt)


@ballot_app.command("cast")
@user_errors
def cast(
    election: Annotated[str, typer.Argument(help="Election id.")],
    choice: Annotated[list[str] | None, typer.Option(help="Candidate chosen (repeat).")] = None,
    credential: Credential = None,
    url: Url = None,
) -> None:
    """Encrypt a delegation's choice on this machine and cast it (no --choice: a blank ballot)."""
    from humanict.governance.ballot.client import ApiClient, prepare_ballot

    if url:
        receipt = ApiClient(url, credential).cast(election, choice or [])
    else:
        service = _service()
        voter = service.authenticate(credential)
        ballot = prepare_ballot(service.board(election), choice or [])
        receipt = service.cast(voter, election, ballot)
    typer.echo(
        f"ballot recorded at entry {receipt['height']}; tracking code "
        f"{receipt['tracking_code']} (find it on the board)"
    )


@ballot_app.command("decrypt")
@user_errors
def decrypt(
    election: Annotated[str, typer.Argument(help="Election id.")],
    key: Annotated[Path, typer.Option(help="This trustee's trustee-N.json.")],
    url: Url = None,
) -> None:
    """As a trustee: verify the board, then submit decryption shares of the closed round."""
    from humanict.governance.ballot.client import ApiClient, read_trustee_key, trustee_share

    key_data = read_trustee_key(key)
    if url:
        client = ApiClient(url)
        answer = client.submit_share(election, trustee_share(client.board(election), key_data))
    else:
        service = _service()
        answer = service.submit_share(election, trustee_share(service.board(election), key_data))
    typer.echo(f"share of trustee {answer['trustee']} recorded at entry {answer['height']}")


@ballot_app.command("tally")
@user_errors
def tally(
    election: Annotated[str, typer.Argument(help="Election id.")],
    credential: Credential = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Combine the trustees' shares and publish the round's counts (election officer)."""
    service = _service()
    _show(service.tally(_officer(service, credential), election), fmt)


@ballot_app.command("list")
@user_errors
def list_elections(fmt: FormatOpt = Format.table) -> None:
    """Elections in the registry."""
    _show(_service().elections(), fmt)


@ballot_app.command("status")
@user_errors
def status(
    election: Annotated[str, typer.Argument(help="Election id.")], fmt: FormatOpt = Format.table
) -> None:
    """Status of an election: round, options, delegations voted of those eligible, shares in."""
    info = _service().status(election)
    opened = info.pop("open", None) or {}
    info["options"] = opened.get("options", [])
    info["eligible"] = opened.get("eligible", 0)
    _show(info, fmt)


@ballot_app.command("results")
@user_errors
def results(
    election: Annotated[str, typer.Argument(help="Election id.")], fmt: FormatOpt = Format.table
) -> None:
    """Published results of each tallied round."""
    _show(_service().results(election), fmt)


@ballot_app.command("export")
@user_errors
def export(
    election: Annotated[str, typer.Argument(help="Election id.")],
    out: Annotated[Path, typer.Option(help="JSON-lines file to write the board to.")],
) -> None:
    """Export the public board (for `humanict governance verify FILE`)."""
    from humanict.governance.ballot.board import write_board

    entries = _service().board(election)
    write_board(entries, out)
    typer.echo(f"{len(entries)} entries, head {entries[-1].hash}, written to {out}")


def verify(
    election: Annotated[
        str, typer.Argument(help="Election id in the registry, or an exported board file.")
    ],
    url: Url = None,
    head: Annotated[
        str | None,
        typer.Option(help="A head hash seen earlier: the board must still contain it."),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Verify an election from its board with the standalone verifier (standard library only,
    no code shared with the server): chain, group, every proof, aggregates, decryption proofs,
    counts and outcome. Exits 1 naming the first entry that fails."""
    from humanict.governance.ballot import standalone_verifier
    from humanict.governance.ballot.board import read_board
    from humanict.governance.ballot.client import ApiClient

    path = Path(election)
    if path.suffix in (".jsonl", ".json") or path.is_file():
        entries = read_board(path)
    elif url:
        entries = ApiClient(url).board(election)
    else:
        entries = _service().board(election)
    rows = [
        {"height": e.height, "prev": e.prev, "kind": e.kind, "payload": e.payload, "hash": e.hash}
        for e in entries
    ]
    try:
        report = standalone_verifier.verify_board(rows)
    except standalone_verifier.BoardInvalid as err:
        raise InvalidInputError(str(err)) from err
    except (KeyError, TypeError, ValueError) as err:
        raise InvalidInputError(f"verification failed: malformed board ({err!r})") from err
    if head and head not in {r["hash"] for r in rows}:
        raise InvalidInputError(
            f"verification failed: the board no longer contains the head {head} seen earlier; "
            "it was rewritten or forked"
        )
    if fmt is Format.json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(
        f"verified {report['election']}: {report['entries']} entries, group {report['group']}, "
        f"trustees {report['trustees']}, head {report['head']}"
    )
    for r in report["rounds"]:
        result = r["result"] or {}
        outcome = result.get("outcome", {})
        typer.echo(
            f"round {r['round']}: {r['ballots']} ballots, counts {result.get('counts', '-')}, "
            f"outcome {outcome.get('status', 'not tallied')} {outcome.get('elected', '')}"
        )


def register(app: typer.Typer) -> None:
    """Add the ballot commands to the governance command group."""
    app.add_typer(ballot_app, name="ballot")
    app.command("verify")(user_errors(verify))
