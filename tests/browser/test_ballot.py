"""One election in a real, offline Chromium: the officer creates and opens it in the console,
two delegations vote on the ballot page (encrypted in the browser with the production group),
trustees decrypt, the officer tallies and the public results page verifies the board."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from humanict.config import Settings
from humanict.governance.ballot.client import record_id, trustee_share
from humanict.governance.ballot.group import RFC5114_2048_256
from humanict.governance.ballot.service import BallotService
from humanict.governance.ballot.trustees import run_ceremony
from humanict.web import create_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def ballot_server(
    settings: Settings, tmp_path_factory: pytest.TempPathFactory, serve: Any
) -> Iterator[Any]:
    url = f"sqlite:///{tmp_path_factory.mktemp('ballot') / 'registry.sqlite'}"
    tokens = BallotService.from_url(url).issue_credentials(["ARG", "KEN", "NOR"])
    app = create_app(settings.model_copy(update={"registry_url": url}))
    with serve(app) as base:
        yield base, tokens, url


def test_election_flow_in_the_browser(
    guarded_page: Any, ballot_server: Any, tmp_path: Path
) -> None:
    base, tokens, url = ballot_server
    public_record, secrets_ = run_ceremony(RFC5114_2048_256, 5, 3)
    public = {"group": RFC5114_2048_256.as_dict(), "trustees": public_record}
    with guarded_page(base) as seen:
        seen.expect_error("status of 409")  # the second vote of a delegation, refused on purpose
        page = seen.page
        # The officer creates and opens the election.
        page.goto(base + "/elections/console")
        page.fill("#credential", tokens["officer-1"])
        page.fill("input[name=title]", "Browser test post")
        page.fill("input[name=eid]", "browser-post")
        page.fill("input[name=candidates]", "Amal, Boris")
        page.fill("textarea[name=trustees]", json.dumps(public))
        page.click("#create-form button[type=submit]")
        page.wait_for_selector("tr[data-election='browser-post']")
        page.fill("#credential", tokens["officer-1"])
        page.click("button[data-action=open][data-election='browser-post']")
        page.wait_for_selector("tr[data-election='browser-post'] button[data-action=close]")

        # Two delegations vote; the page encrypts before sending.
        codes = []
        for iso3, choice in (("ARG", "Boris"), ("KEN", None)):
            page.goto(base + "/elections/browser-post/ballot")
            page.fill("#credential", tokens[iso3])
            page.press("#credential", "Tab")  # the page asks whether this delegation voted
            page.wait_for_selector(f"#ballot-status.ok >> text={iso3} has not voted yet")
            if choice:
                page.check(f"input[name=choice][value='{choice}']")
            page.click("#ballot-form button[type=submit]")
            page.wait_for_selector("#ballot-status.ok >> text=Tracking code")
            codes.append(page.inner_text("#tracking"))
        # The page tells a delegation whether it has voted; a second ballot is refused.
        page.reload()
        page.fill("#credential", tokens["KEN"])
        page.press("#credential", "Tab")
        page.wait_for_selector("#ballot-status.err >> text=KEN has already voted")
        page.click("#ballot-form button[type=submit]")
        page.wait_for_selector("#ballot-status.err >> text=Not recorded")
        assert "already voted" in page.inner_text("#ballot-status")

        page.goto(base + "/elections/console")
        page.fill("#credential", tokens["officer-1"])
        page.click("button[data-action=close][data-election='browser-post']")
        page.wait_for_selector("tr[data-election='browser-post'] button[data-action=tally]")

        # Three of five trustees decrypt (each verifies the board first).
        service = BallotService.from_url(url)
        for index in (1, 2, 5):
            key = {
                "index": index,
                "secret": str(dict(secrets_)[index]),
                "key_id": record_id(public_record),
            }
            service.submit_share("browser-post", trustee_share(service.board("browser-post"), key))
        service.engine.dispose()

        page.reload()
        page.fill("#credential", tokens["officer-1"])
        page.click("button[data-action=tally][data-election='browser-post']")
        tallied = "tr[data-election='browser-post'] td.election-status >> text=tallied"
        page.wait_for_selector(tallied)

        page.goto(base + "/elections/browser-post")
        caption = page.inner_text("table.result caption")
        assert "elected: Boris" in caption and "required majority 1 of 1" in caption
        rows = page.eval_on_selector_all(
            "table.result tbody tr", "rows => rows.map(r => r.innerText.split('\\t'))"
        )
        assert rows == [["Amal", "0"], ["Boris", "1"], ["BLANK", "1"]]  # in ballot order
        assert sorted(
            page.eval_on_selector_all("#board code.tracking", "c => c.map(x => x.innerText)")
        ) == sorted(codes)
        head = page.inner_text("#board-head")
        titles = "#board tbody tr code[title]"
        assert head == page.eval_on_selector_all(titles, "c => c.at(-2).title")
        page.click("#verify-button")
        page.wait_for_selector("#verify-status.ok")
        assert "Verified" in page.inner_text("#verify-status")
