"""A country brief: indicator trends with projections and targets, gaps, IDI level, priority.

The same charts (matplotlib) serve both outputs: SVG inlined in the HTML, and the pages of a
PDF written with matplotlib's own PDF backend (no system libraries needed).
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
from humanict.observatory import analysis  # noqa: E402
from humanict.output import records  # noqa: E402

BRIEF_YEAR = 2024
# Indicator, chart title, the target line drawn (value, label).
CHARTS: tuple[tuple[str, str, tuple[float, str] | None], ...] = (
    ("i99H", "Individuals using the Internet (%)", (95.0, "UMC 2030: met at 95%")),
    ("xHH6_IDI", "Households with Internet access (%)", (95.0, "UMC 2030: met at 95%")),
    ("xHH18_IDI", "Individuals owning a mobile phone (%)", (95.0, "UMC 2030: met at 95%")),
    ("i271GA", "Population covered by at least 4G/LTE (%)", None),
    ("i271mb_2GB_GNI", "Mobile broadband 2 GB, % of monthly GNI p.c.", (2.0, "target: 2%")),
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
    )


# --- charts ------------------------------------------------------------------------------


def _draw(ax: Any, traj: analysis.Trajectory, title: str, target: tuple[float, str] | None) -> None:
    ax.set_title(title, fontsize=9, loc="left")
    ax.grid(True, color="#dddddd", linewidth=0.5)
    ax.tick_params(labelsize=7)
    if traj.observed.empty:
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
        return
    obs = traj.observed.sort_values("year")
    ax.plot(obs["year"], obs["value"], "o-", color="#1f4e79", markersize=3, label="observed")
    if not traj.projection.empty:
        proj = traj.projection
        ax.fill_between(
            proj["year"],
            proj["lower"],
            proj["upper"],
            color="#9ecae1",
            alpha=0.5,
            label="90% interval",
        )
        ax.plot(
            proj["year"], proj["central"], "--", color="#3182bd", label=f"projection ({traj.model})"
        )
    if target is not None:
        ax.axhline(target[0], color="#c0392b", linewidth=1, linestyle=":", label=target[1])
    ax.legend(fontsize=6, loc="best")


def chart_figure(data: BriefData) -> Figure:
    fig, axes = plt.subplots(3, 2, figsize=(8.27, 9.5))
    for ax, traj, (_, title, target) in zip(axes.flat, data.trajectories, CHARTS, strict=False):
        _draw(ax, traj, title, target)
    axes.flat[-1].axis("off")
    fig.suptitle(f"{data.name}: trends and projections to 2030", fontsize=11)
    fig.tight_layout()
    return fig


def chart_svg(data: BriefData) -> str:
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


def summary_lines(data: BriefData) -> list[str]:
    lines = [
        f"ITU-D region {data.region or '–'}, income group {data.income_group or '–'}"
        + (", Least Developed Country" if data.ldc else "")
    ]
    if data.idi:
        lines.append(
            f"IDI 2024: {data.idi['idi']:.1f} / 100, level {data.idi['level']}, "
            f"rank {data.idi['rank']} of {data.idi['of']}"
        )
    off = data.offline
    if off.get("offline") is not None:
        lines.append(
            f"People offline in {data.year}: {off['offline'] / 1e6:,.1f} million "
            f"({off['offline_pct']:.0f}% of {off['population'] / 1e6:,.1f} million; "
            f"Internet share {off['internet_basis']})"
        )
    for row in data.gender:
        label = "Internet use" if row["series"] == "IT_USE_ii99" else "mobile ownership"
        lines.append(f"Gender parity score, {label} ({row['year']}): {row['parity']:.2f}")
    if data.urban_rural:
        ur = data.urban_rural
        lines.append(
            f"Daily Internet use ({ur['year']}): urban {ur['urban']:.0f}%, rural "
            f"{ur['rural']:.0f}% (gap {ur['gap_pp']:.0f} points)"
        )
    if data.priority:
        lines.append(
            f"Priority rank {data.priority['rank']} of {data.priority['of']}: "
            f"{data.priority['reasons']}"
        )
    else:
        lines.append("Not among the economies calling for attention")
    return lines


# --- outputs -----------------------------------------------------------------------------


def render_pdf(data: BriefData) -> bytes:
    """The brief as a two-page A4 PDF (matplotlib's PDF backend)."""
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": f"Country brief: {data.name}"}) as pdf:
        page = plt.figure(figsize=(8.27, 11.69))
        page.text(
            0.06, 0.95, f"Country brief: {data.name} ({data.iso3})", fontsize=16, weight="bold"
        )
        y = 0.91
        for line in summary_lines(data):
            page.text(0.06, y, line, fontsize=8.5, wrap=True)
            y -= 0.03
        y -= 0.01
        page.text(0.06, y, "Targets", fontsize=12, weight="bold")
        y -= 0.03
        for row in data.progress:
            text = (
                f"{row['target']}: {row['status']}; latest {_fmt(row['latest'], 2)} "
                f"({_fmt(row['latest_year'])}), threshold {_fmt(row['met_at'], 2)} by "
                f"{row['target_year']}, projected {_fmt(row['projected'], 2)}"
            )
            page.text(0.06, y, text, fontsize=7.5)
            y -= 0.022
        page.text(
            0.06,
            0.03,
            "Sources: ITU DataHub, ITU ICT Price Baskets, UN SDG database, "
            "World Bank WDI. humanict observatory.",
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
    """A standalone HTML brief (the web page extends the site layout instead)."""
    rows = "".join(
        f"<tr><td>{escape(str(r['target']))}</td><td>{escape(str(r['title']))}</td>"
        f"<td>{_fmt(r['latest'], 2)}</td><td>{_fmt(r['met_at'], 2)}</td>"
        f"<td>{r['target_year']}</td><td>{_fmt(r['projected'], 2)}</td>"
        f"<td>{escape(str(r['status']))}</td></tr>"
        for r in data.progress
    )
    facts = "".join(f"<li>{escape(line)}</li>" for line in summary_lines(data))
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Country brief: {escape(data.name)}</title></head><body>"
        f"<h1>Country brief: {escape(data.name)} ({data.iso3})</h1><ul>{facts}</ul>"
        "<h2>Targets</h2><table><tr><th>Target</th><th>Title</th><th>Latest</th>"
        "<th>Threshold</th><th>Year</th><th>Projected</th><th>Status</th></tr>"
        f"{rows}</table><h2>Trends</h2>{chart_svg(data)}</body></html>"
    )


def progress_frame(data: BriefData) -> pd.DataFrame:
    return pd.DataFrame(data.progress)
