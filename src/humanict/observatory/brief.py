"""A country brief: indicator trends with projections and targets, gaps, IDI level, priority.

The same charts (matplotlib) serve both outputs: SVG inlined in the HTML, and the pages of a
PDF written with matplotlib's own PDF backend (no system libraries needed). Every text is in the
current language (humanict.i18n); Chinese and Arabic are drawn with the Noto fonts and Arabic
is shaped and ordered right to left first (humanict.i18n.fonts).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from humanict.data import Warehouse  # noqa: E402
from humanict.i18n import N_, current, gettext  # noqa: E402
from humanict.i18n.countries import country_name  # noqa: E402
from humanict.i18n.fonts import chart_fonts  # noqa: E402
from humanict.observatory import analysis  # noqa: E402
from humanict.observatory.priorities import reasons_text  # noqa: E402
from humanict.output import records  # noqa: E402

BRIEF_YEAR = 2024
# Indicator, chart title, the target line drawn (value, label).
CHARTS: tuple[tuple[str, str, tuple[float, str] | None], ...] = (
    ("i99H", N_("Individuals using the Internet (%)"), (95.0, N_("UMC 2030: met at 95%"))),
    ("xHH6_IDI", N_("Households with Internet access (%)"), (95.0, N_("UMC 2030: met at 95%"))),
    ("xHH18_IDI", N_("Individuals owning a mobile phone (%)"), (95.0, N_("UMC 2030: met at 95%"))),
    ("i271GA", N_("Population covered by at least 4G/LTE (%)"), None),
    ("i271mb_2GB_GNI", N_("Mobile broadband 2 GB, % of monthly GNI p.c."), (2.0, N_("target: 2%"))),
)


@dataclass
class BriefData:
    iso3: str
    name: str
    region: str | None
    income_group: str | None
    ldc: bool | None
    year: int
    offline: dict[str, Any]
    idi: dict[str, Any] | None
    priority: dict[str, Any] | None
    progress: list[dict[str, Any]]
    gender: list[dict[str, Any]]
    urban_rural: dict[str, Any] | None
    trajectories: list[analysis.Trajectory] = field(default_factory=list)
    # The ranked row behind ``priority`` (flags and gaps), to word its reasons in any language.
    priority_row: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "iso3": self.iso3,
            "economy": self.name,
            "stat_region": self.region,
            "income_group": self.income_group,
            "ldc": self.ldc,
            "year": self.year,
            "offline": self.offline,
            "idi": self.idi,
            "priority": self.priority,
            "targets": self.progress,
            "gender": self.gender,
            "urban_rural": self.urban_rural,
            "trajectories": [t.as_dict() for t in self.trajectories],
        }


def _idi(warehouse: Warehouse, iso3: str) -> dict[str, Any] | None:
    from humanict.indices import load_spec
    from humanict.indices.service import compute_index

    scores = compute_index(load_spec("idi2024"), warehouse)
    scores = scores.sort_values("idi", ascending=False).reset_index(drop=True)
    hit = scores.index[scores["iso3"] == iso3]
    if hit.empty:
        return None
    row = scores.loc[hit[0]]
    return {
        "idi": float(row["idi"]),
        "level": str(row["level"]),
        "rank": int(hit[0]) + 1,
        "of": int(len(scores)),
    }


def build_brief(data_dir: Path, warehouse: Warehouse, iso3: str) -> BriefData:
    """Gather everything a brief shows for one economy."""
    economy = analysis.find_economy(data_dir, iso3)
    code = economy.iso3
    offline = analysis.offline(data_dir, warehouse, BRIEF_YEAR).economies
    off_rows = records(offline[offline["iso3"] == code])
    priorities = analysis.priorities(data_dir, warehouse, BRIEF_YEAR)
    prio = records(priorities[priorities["iso3"] == code])
    _, progress = analysis.targets_progress(data_dir, warehouse, code)
    gender = analysis.gender_gaps(data_dir, warehouse)
    area = analysis.area_gaps(data_dir)
    area_rows = records(area[area["iso3"] == code])
    trajectories = [
        analysis.trajectory(warehouse, data_dir, code, indicator) for indicator, _, _ in CHARTS
    ]
    return BriefData(
        iso3=code,
        name=economy.name,
        region=economy.stat_region.value if economy.stat_region else None,
        income_group=economy.income_group.value if economy.income_group else None,
        ldc=economy.ldc,
        year=BRIEF_YEAR,
        offline=off_rows[0] if off_rows else {},
        idi=_idi(warehouse, code),
        priority=(
            {"rank": prio[0]["rank"], "of": len(priorities), "reasons": prio[0]["reasons"]}
            if prio
            else None
        ),
        progress=records(progress),
        gender=records(gender[gender["iso3"] == code]),
        urban_rural=area_rows[0] if area_rows else None,
        trajectories=trajectories,
        priority_row=prio[0] if prio else None,
    )


# --- charts ------------------------------------------------------------------------------


def _name(data: BriefData) -> str:
    return country_name(data.iso3, data.name)


def _draw(ax: Any, traj: analysis.Trajectory, title: str, target: tuple[float, str] | None) -> None:
    ax.set_title(gettext(title), fontsize=9, loc="right" if current().rtl else "left")
    ax.grid(True, color="#dddddd", linewidth=0.5)
    ax.tick_params(labelsize=7)
    if traj.observed.empty:
        ax.text(0.5, 0.5, gettext("no data"), ha="center", va="center", transform=ax.transAxes)
        return
    obs = traj.observed.sort_values("year")
    ax.plot(
        obs["year"], obs["value"], "o-", color="#1f4e79", markersize=3, label=gettext("observed")
    )
    if not traj.projection.empty:
        proj = traj.projection
        ax.fill_between(
            proj["year"],
            proj["lower"],
            proj["upper"],
            color="#9ecae1",
            alpha=0.5,
            label=gettext("90% interval"),
        )
        ax.plot(
            proj["year"],
            proj["central"],
            "--",
            color="#3182bd",
            label=gettext("projection (%(model)s)") % {"model": traj.model},
        )
    if target is not None:
        ax.axhline(target[0], color="#c0392b", linewidth=1, linestyle=":", label=gettext(target[1]))
    ax.legend(fontsize=6, loc="best")


def chart_figure(data: BriefData) -> Figure:
    """The five trend charts in the current language (call inside ``chart_fonts``)."""
    fig, axes = plt.subplots(3, 2, figsize=(8.27, 9.5))
    for ax, traj, (_, title, target) in zip(axes.flat, data.trajectories, CHARTS, strict=False):
        _draw(ax, traj, title, target)
    axes.flat[-1].axis("off")
    title = gettext("%(economy)s: trends and projections to 2030") % {"economy": _name(data)}
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return fig


def chart_svg(data: BriefData) -> str:
    with chart_fonts(current()):
        fig = chart_figure(data)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
        plt.close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


# --- summary lines -----------------------------------------------------------------------


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def _status(status: str) -> str:
    return gettext(status)


# How the Internet share of a year was obtained (humanict.observatory.offline).
INTERNET_BASES = (N_("observed"), N_("estimate"), N_("interpolated"), N_("projected"))


def _level_name(level: str) -> str:
    """The IDI 2024 level's name (the spec's) for its id."""
    from humanict.indices import load_spec

    return next((lv.name for lv in load_spec("idi2024").levels if lv.id == level), level)


def summary_lines(data: BriefData) -> list[str]:
    """The facts of the brief, one sentence each, in the current language."""
    lines = [
        gettext("ITU-D region %(region)s, income group %(income)s")
        % {"region": data.region or "–", "income": data.income_group or "–"}
        + (gettext(", Least Developed Country") if data.ldc else "")
    ]
    if data.idi:
        lines.append(
            gettext("IDI 2024: %(idi).1f / 100, level %(level)s, rank %(rank)d of %(of)d")
            % {
                "idi": data.idi["idi"],
                "level": gettext(_level_name(data.idi["level"])),
                "rank": data.idi["rank"],
                "of": data.idi["of"],
            }
        )
    off = data.offline
    if off.get("offline") is not None:
        lines.append(
            gettext(
                "People offline in %(year)d: %(offline)s million (%(pct).0f%% of %(population)s "
                "million; Internet share %(basis)s)"
            )
            % {
                "year": data.year,
                "offline": f"{off['offline'] / 1e6:,.1f}",
                "pct": off["offline_pct"],
                "population": f"{off['population'] / 1e6:,.1f}",
                "basis": gettext(off["internet_basis"]),
            }
        )
    for row in data.gender:
        internet = row["series"] == "IT_USE_ii99"
        label = gettext("Internet use") if internet else gettext("mobile ownership")
        lines.append(
            gettext("Gender parity score, %(label)s (%(year)s): %(parity).2f")
            % {"label": label, "year": row["year"], "parity": row["parity"]}
        )
    if data.urban_rural:
        ur = data.urban_rural
        lines.append(
            gettext(
                "Daily Internet use (%(year)s): urban %(urban).0f%%, rural %(rural).0f%% "
                "(gap %(gap).0f points)"
            )
            % {"year": ur["year"], "urban": ur["urban"], "rural": ur["rural"], "gap": ur["gap_pp"]}
        )
    if data.priority:
        lines.append(
            gettext("Priority rank %(rank)s of %(of)s: %(reasons)s")
            % {
                "rank": data.priority["rank"],
                "of": data.priority["of"],
                "reasons": (
                    reasons_text(data.priority_row)
                    if data.priority_row
                    else data.priority["reasons"]
                ),
            }
        )
    else:
        lines.append(gettext("Not among the economies calling for attention"))
    return lines


# --- outputs -----------------------------------------------------------------------------


def _title(data: BriefData) -> str:
    return gettext("Country brief: %(economy)s") % {"economy": _name(data)}


def render_pdf(data: BriefData) -> bytes:
    """The brief as a two-page A4 PDF (matplotlib's PDF backend) in the current language."""
    language = current()
    x, align = (0.94, "right") if language.rtl else (0.06, "left")

    def put(page: Figure, y: float, text: str, **style: Any) -> None:
        page.text(x, y, text, ha=align, **style)

    buffer = io.BytesIO()
    with chart_fonts(language), PdfPages(buffer, metadata={"Title": _title(data)}) as pdf:
        page = plt.figure(figsize=(8.27, 11.69))
        put(page, 0.95, f"{_title(data)} ({data.iso3})", fontsize=16, weight="bold")
        y = 0.91
        for line in summary_lines(data):
            put(page, y, line, fontsize=8.5, wrap=True)
            y -= 0.03
        y -= 0.01
        put(page, y, gettext("Targets"), fontsize=12, weight="bold")
        y -= 0.03
        for row in data.progress:
            text = gettext(
                "%(target)s: %(status)s; latest %(latest)s (%(latest_year)s), threshold "
                "%(met_at)s by %(target_year)s, projected %(projected)s"
            ) % {
                "target": row["target"],
                "status": _status(row["status"]),
                "latest": _fmt(row["latest"], 2),
                "latest_year": _fmt(row["latest_year"]),
                "met_at": _fmt(row["met_at"], 2),
                "target_year": row["target_year"],
                "projected": _fmt(row["projected"], 2),
            }
            put(page, y, text, fontsize=7.5)
            y -= 0.022
        put(
            page,
            0.03,
            gettext(
                "Sources: ITU DataHub, ITU ICT Price Baskets, UN SDG database, World Bank WDI. "
                "humanict observatory."
            ),
            fontsize=7,
            color="#555555",
        )
        pdf.savefig(page)
        plt.close(page)
        charts = chart_figure(data)
        pdf.savefig(charts)
        plt.close(charts)
    return buffer.getvalue()


def render_html(data: BriefData) -> str:
    """A standalone HTML brief in the current language (the web page extends the site layout
    instead)."""
    language = current()
    rows = "".join(
        f"<tr><td>{escape(str(r['target']))}</td><td>{escape(str(r['title']))}</td>"
        f"<td>{_fmt(r['latest'], 2)}</td><td>{_fmt(r['met_at'], 2)}</td>"
        f"<td>{r['target_year']}</td><td>{_fmt(r['projected'], 2)}</td>"
        f"<td>{escape(_status(str(r['status'])))}</td></tr>"
        for r in data.progress
    )
    facts = "".join(f"<li>{escape(line)}</li>" for line in summary_lines(data))
    heads = "".join(
        f"<th>{escape(gettext(h))}</th>"
        for h in (
            N_("Target"),
            N_("Title"),
            N_("Latest"),
            N_("Threshold"),
            N_("Year"),
            N_("Projected"),
            N_("Status"),
        )
    )
    return (
        f"<!doctype html><html lang='{language.tag}' dir='{language.direction}'><head>"
        f"<meta charset='utf-8'><title>{escape(_title(data))}</title></head><body>"
        f"<h1>{escape(_title(data))} ({data.iso3})</h1><ul>{facts}</ul>"
        f"<h2>{escape(gettext('Targets'))}</h2><table><tr>{heads}</tr>"
        f"{rows}</table><h2>{escape(gettext('Trends'))}</h2>{chart_svg(data)}</body></html>"
    )


def progress_frame(data: BriefData) -> pd.DataFrame:
    return pd.DataFrame(data.progress)
