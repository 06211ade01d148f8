"""The texts the page scripts show, translated per request and rendered into every page as a
JSON block (``#page-messages``) that ``/static/messages.js`` reads: no English is written in
the scripts themselves. Placeholders are ``%(name)s``."""

from __future__ import annotations

from humanict.i18n import N_, gettext

MESSAGES: dict[str, str] = {
    "map_scripts_missing": N_(
        "The map could not load its scripts. Install them with <code>make assets</code> and reload."
    ),
    "map_load_failed": N_(
        "The map could not load: %(error)s. Install the assets with <code>make assets</code>."
    ),
    "chart_d3_missing": N_(
        "The chart could not load d3. Install it with <code>make assets</code> and reload."
    ),
    "within_limit": N_("Within the limit"),
    "exceeds_limit": N_("Exceeds the limit"),
    "error": N_("Error: %(error)s"),
    "radar_label": N_("Gap radar: %(n)s topics"),
    "radar_axis": N_("coverage by earlier standards (best cosine)"),
    "radar_point": N_("Rank %(rank)s: %(label)s, gap %(gap)s"),
    "arc_title": N_("coordination arc ±%(arc)s°"),
    "stage_recorded": N_("recorded in the Master Register"),
    "stage_notified": N_("notification"),
    "stage_coordination": N_("coordination request"),
    "stage_api": N_("advance publication"),
    "stage_plan": N_("plan (AP30/30A/30B)"),
    "stage_other": N_("other"),
    "timeline_label": N_("Timeline of %(name)s: %(n)s events"),
    "as_of": N_("as of %(date)s"),
    "event_mark": N_("filing, use or suspension (above the axis)"),
    "deadline_met": N_("deadline met"),
    "deadline_due": N_("deadline due"),
    "deadline_lapsed": N_("deadline lapsed or missed"),
    "deadline_unknown": N_("deadline, outcome unknown"),
    "encrypting": N_("Encrypting in this browser…"),
    "ballot_recorded": N_("Ballot recorded at board entry %(height)s. Tracking code: %(code)s"),
    "not_recorded": N_("Not recorded: %(error)s"),
    "election_created": N_("Election %(id)s created."),
    "not_created": N_("Not created: %(error)s"),
    "verified_board": N_("Verified: %(entries)s entries, %(proofs)s proofs, head %(head)s…"),
    "verification_failed": N_("Verification failed: %(error)s"),
    "map_table": N_("Data of the map"),
    "map_economy": N_("Economy"),
    "map_details": N_("Details"),
    "map_select": N_("Compare"),
    "map_select_one": N_("Select %(name)s for comparison"),
    "map_none": N_("No economy selected for comparison."),
    "map_selected": N_("Selected:"),
    "map_compare": N_("Compare them side by side"),
    "map_range": N_("Select two to five economies to compare them."),
    "takeaway_tools": N_("Download"),
    "takeaway_share": N_("Share"),
    "takeaway_csv": N_("Download CSV"),
    "takeaway_svg": N_("Download SVG"),
    "takeaway_png": N_("Download PNG"),
    "takeaway_copy": N_("Copy link"),
    "takeaway_copied": N_("Link copied."),
    "takeaway_copy_this": N_("Copy this link:"),
}


def page_messages() -> dict[str, str]:
    """Every script text in the language of the request."""
    return {key: gettext(text) for key, text in MESSAGES.items()}
