"""The commands end to end on a SQLite registry, and `humanict governance verify` on an exported
board: it accepts the honest board and names the entry of a tampered, truncated or re-chained
one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.governance.ballot import standalone_verifier
from humanict.governance.ballot.board import make_entry, read_board, write_board
from humanict.governance.ballot.verify import verify_entries

runner = CliRunner()


def _run(args: list[str], env: dict[str, str], code: int = 0) -> str:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture(scope="module")
def election(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("cli")
    env = {"HUMANICT_REGISTRY_URL": f"sqlite:///{tmp / 'registry.sqlite'}"}
    out = _run(
        [
            "governance",
            "ballot",
            "credentials",
            "--out",
            str(tmp / "creds.json"),
            "--no-vote",
            "SOM",
        ],
        env,
    )
    assert "193 delegations (192 with voting rights)" in out
    creds = json.loads((tmp / "creds.json").read_text())
    officer = {**env, "HUMANICT_CREDENTIAL": creds["officer-1"]}
    _run(
        [
            "governance",
            "ballot",
            "trustees",
            "--out",
            str(tmp / "tr"),
            "--group",
            "test-insecure-512",
        ],
        env,
    )
    _run(
        [
            "governance",
            "ballot",
            "create",
            "--title",
            "CLI test",
            "--candidates",
            "P,Q",
            "--trustees",
            str(tmp / "tr" / "public.json"),
            "--id",
            "cli-test",
        ],
        officer,
    )
    _run(["governance", "ballot", "open", "cli-test"], officer)
    for iso3, choice in [("KEN", "P"), ("PER", "Q"), ("JPN", "P")]:
        out = _run(
            ["governance", "ballot", "cast", "cli-test", "--choice", choice],
            {**env, "HUMANICT_CREDENTIAL": creds[iso3]},
        )
        assert "tracking code" in out
    refused = _run(
        ["governance", "ballot", "cast", "cli-test", "--choice", "P"],
        {**env, "HUMANICT_CREDENTIAL": creds["SOM"]},
        code=1,
    )
    assert "no voting rights" in refused
    state = json.loads(
        _run(["governance", "ballot", "status", "cli-test", "--format", "json"], env)
    )
    assert state["voted"] == 3 and state["eligible"] == 192 and state["status"] == "open"
    _run(["governance", "ballot", "close", "cli-test"], officer)
    for index in (2, 3):
        _run(
            [
                "governance",
                "ballot",
                "decrypt",
                "cli-test",
                "--key",
                str(tmp / "tr" / f"trustee-{index}.json"),
            ],
            env,
        )
    short = _run(["governance", "ballot", "tally", "cli-test"], officer, code=1)
    assert "only 2 of the 3 trustee shares" in short
    _run(
        [
            "governance",
            "ballot",
            "decrypt",
            "cli-test",
            "--key",
            str(tmp / "tr" / "trustee-5.json"),
        ],
        env,
    )
    tally = json.loads(
        _run(["governance", "ballot", "tally", "cli-test", "--format", "json"], officer)
    )
    assert tally["counts"] == {"P": 2, "Q": 1, "BLANK": 0}
    _run(["governance", "ballot", "export", "cli-test", "--out", str(tmp / "board.jsonl")], env)
    return tmp / "board.jsonl", env


def test_verify_accepts_the_honest_board(election: tuple[Path, dict[str, str]]) -> None:
    board, env = election
    out = _run(["governance", "verify", str(board)], env)
    assert "verified cli-test" in out and "{'P': 2, 'Q': 1, 'BLANK': 0}" in out
    report = json.loads(_run(["governance", "verify", "cli-test", "--format", "json"], env))
    assert report["rounds"][0]["ballots"] == 3
    # the server-side verifier agrees with the standalone one
    server_side = verify_entries(read_board(board))
    assert server_side["rounds"][0]["result"]["counts"] == report["rounds"][0]["result"]["counts"]
    assert server_side["head"] == report["head"]
    head = report["head"]
    assert "verified" in _run(["governance", "verify", str(board), "--head", head], env)


def test_standalone_verifier_shares_no_code() -> None:
    source = Path(standalone_verifier.__file__).read_text()
    assert "humanict" not in source.replace("humanict (only", "")


def _rechain(entries: list, tmp: Path) -> Path:
    """What an operator with write access could publish: a consistent chain of altered entries."""
    out, prev = [], "0" * 64
    for height, e in enumerate(entries):
        made = make_entry(height, prev, e.kind, json.loads(e.payload))
        out.append(made)
        prev = made.hash
    path = tmp / "rechained.jsonl"
    write_board(out, path)
    return path


def test_verify_names_the_tampered_entry(
    election: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    board, env = election
    entries = read_board(board)
    lines = board.read_text().splitlines()
    flipped = lines[:]
    code = json.loads(entries[3].payload)["tracking_code"]
    flipped[3] = flipped[3].replace(code, code[::-1])
    assert flipped[3] != lines[3]
    (tmp_path / "flip.jsonl").write_text("\n".join(flipped) + "\n")
    out = _run(["governance", "verify", str(tmp_path / "flip.jsonl")], env, code=1)
    assert "entry 3 [hash]" in out
    (tmp_path / "gap.jsonl").write_text("\n".join(lines[:3] + lines[4:]) + "\n")
    assert "entry 4 [order]" in _run(
        ["governance", "verify", str(tmp_path / "gap.jsonl")], env, code=1
    )
    # dropping a ballot and re-chaining: the close entry's count no longer matches
    dropped = _rechain(entries[:3] + entries[4:], tmp_path)
    assert "[count]" in _run(["governance", "verify", str(dropped)], env, code=1)
    # a stuffed copy of a ballot: refused as a duplicate
    stuffed = _rechain(entries[:4] + [entries[3]] + entries[4:], tmp_path)
    assert "entry 4 [duplicate]" in _run(["governance", "verify", str(stuffed)], env, code=1)
    # a ballot added after the close
    late = _rechain(entries[:6] + [entries[2]] + entries[6:], tmp_path)
    assert "ballot after the round closed" in _run(["governance", "verify", str(late)], env, code=1)
    # a truncated board, consistent in itself, no longer holds the head an observer saw
    truncated = _rechain(entries[:5], tmp_path)
    assert "verified" in _run(["governance", "verify", str(truncated)], env)
    seen = entries[-1].hash
    out = _run(["governance", "verify", str(truncated), "--head", seen], env, code=1)
    assert "no longer contains the head" in out
    # altered published counts
    result = json.loads(entries[-1].payload)
    result["counts"]["Q"] = 2
    forged = _rechain(entries[:-1] + [make_entry(0, "", "result", result)], tmp_path)
    assert "[counts]" in _run(["governance", "verify", str(forged)], env, code=1)


def test_distributed_key_ceremony(tmp_path: Path) -> None:
    """Three trustees deal on their own, each checks what it received; a cheating dealer is
    named; the resulting key runs an election that two of them decrypt."""
    from humanict.governance.ballot.client import prepare_ballot
    from humanict.governance.ballot.service import BallotService

    env = {"HUMANICT_REGISTRY_URL": f"sqlite:///{tmp_path / 'registry.sqlite'}"}
    exchange = tmp_path / "exchange"
    for i in (1, 2, 3):
        _run(
            [
                "governance",
                "ballot",
                "trustee-deal",
                "--index",
                str(i),
                "--trustees",
                "3",
                "--threshold",
                "2",
                "--group",
                "test-insecure-512",
                "--out",
                str(exchange),
            ],
            env,
        )
    public_files = []
    for i in (1, 2, 3):
        public = tmp_path / f"public-{i}.json"
        _run(
            [
                "governance",
                "ballot",
                "trustee-keys",
                "--index",
                str(i),
                "--dealings",
                str(exchange),
                "--out",
                str(tmp_path / f"trustee-{i}.json"),
                "--public-out",
                str(public),
            ],
            env,
        )
        public_files.append(public.read_text())
    assert public_files[0] == public_files[1] == public_files[2]
    # a dealer that sends a wrong share is named by the trustee that receives it
    cheat = exchange / "share-2-for-3.json"
    data = json.loads(cheat.read_text())
    cheat.write_text(json.dumps({**data, "share": str(int(data["share"]) + 1)}))
    out = _run(
        [
            "governance",
            "ballot",
            "trustee-keys",
            "--index",
            "3",
            "--dealings",
            str(exchange),
            "--out",
            str(tmp_path / "again.json"),
        ],
        env,
        code=1,
    )
    assert "trustee 2 sent trustee 3 a share that does not match" in out
    # the key works: an election decrypted by trustees 1 and 3
    service = BallotService.from_url(env["HUMANICT_REGISTRY_URL"])
    tokens = service.issue_credentials(["GHA", "CHL"])
    officer = service.authenticate(tokens["officer-1"])
    service.create_election(
        officer, "Dist", "official", 1, ["U", "V"], json.loads(public_files[0]), "dist"
    )
    service.open_round(officer, "dist")
    for iso3 in ("GHA", "CHL"):
        service.cast(
            service.authenticate(tokens[iso3]), "dist", prepare_ballot(service.board("dist"), ["V"])
        )
    service.close_round(officer, "dist")
    service.engine.dispose()
    for i in (1, 3):
        _run(
            [
                "governance",
                "ballot",
                "decrypt",
                "dist",
                "--key",
                str(tmp_path / f"trustee-{i}.json"),
            ],
            env,
        )
    tally = _run(
        ["governance", "ballot", "tally", "dist", "--format", "json"],
        {**env, "HUMANICT_CREDENTIAL": tokens["officer-1"]},
    )
    assert json.loads(tally)["counts"] == {"U": 0, "V": 2, "BLANK": 0}
