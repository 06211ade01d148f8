"""Intern and young-professional selection: most merit under geographic and gender balance.

A 0/1 integer programme solved with OR-Tools CP-SAT:

    maximise    sum_i merit_i * x_i              (merit scaled to integer hundredths)
    subject to  sum_i x_i = slots
                sum_{i in country c} x_i <= max_per_country            for every country
                sum_{i in region r} x_i >= min_per_region               for every region
                |sum_{women} x_i - sum_{men} x_i| <= gender_tolerance
                sum_{i in priority countries} x_i >= min_priority

Resolution 48 (PP) asks for preference to equally qualified candidates from insufficiently
represented regions, with gender balance (data/governance/RULES.md section 7); priority
countries are those a staff table shows unrepresented or under-represented.

Applicants CSV (docs/governance.md)::

    applicant_id,iso3,gender,merit
    A001,KEN,F,81.5

``merit`` is a score from 0 to 100 from the selection panel; ``gender`` F, M or X.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from humanict.errors import DataFileError, InvalidInputError
from humanict.governance.staffing import GENDERS, _csv


@dataclass(frozen=True, slots=True)
class Applicant:
    applicant_id: str
    iso3: str
    gender: str
    merit: float


@dataclass(frozen=True)
class Constraints:
    slots: int
    max_per_country: int = 1
    min_per_region: int = 1
    gender_tolerance: int = 1
    priority: frozenset[str] = field(default_factory=frozenset)
    min_priority: int = 0


def read_applicants(
    text: str, *, source: str = "applicants", members: Iterable[str] = ()
) -> list[Applicant]:
    known = set(members)
    out = []
    seen: set[str] = set()
    for line, row in _csv(text, source, ("applicant_id", "iso3", "gender", "merit")):
        iso3 = row["iso3"].upper()
        if known and iso3 not in known:
            raise DataFileError(source, line, "iso3", f"{iso3!r} is not an ITU Member State")
        gender = row["gender"].upper()
        if gender not in GENDERS:
            raise DataFileError(source, line, "gender", f"expected F, M or X, got {gender!r}")
        try:
            merit = float(row["merit"])
        except ValueError:
            raise DataFileError(
                source, line, "merit", f"expected a number, got {row['merit']!r}"
            ) from None
        if not 0 <= merit <= 100:
            raise DataFileError(source, line, "merit", "merit must be between 0 and 100")
        if row["applicant_id"] in seen:
            raise DataFileError(source, line, "applicant_id", "duplicate id")
        seen.add(row["applicant_id"])
        out.append(Applicant(row["applicant_id"], iso3, gender, merit))
    return out


def select(
    applicants: list[Applicant],
    region_of: Mapping[str, str],
    constraints: Constraints,
    *,
    time_limit_s: float = 10.0,
) -> dict[str, object]:
    """Solve the selection and explain it against the merit-only choice."""
    from ortools.sat.python import cp_model

    c = constraints
    if c.slots < 1:
        raise InvalidInputError("at least one slot is needed")
    if c.slots > len(applicants):
        raise InvalidInputError(f"{c.slots} slots but only {len(applicants)} applicants")
    regions = sorted({region_of.get(a.iso3, "?") for a in applicants})
    model = cp_model.CpModel()
    x = [model.new_bool_var(a.applicant_id) for a in applicants]
    model.add(sum(x) == c.slots)
    countries: dict[str, list[int]] = {}
    for i, a in enumerate(applicants):
        countries.setdefault(a.iso3, []).append(i)
    for idx in countries.values():
        model.add(sum(x[i] for i in idx) <= c.max_per_country)
    region_min = min(c.min_per_region, c.slots // max(len(regions), 1))
    for r in regions:
        model.add(
            sum(x[i] for i, a in enumerate(applicants) if region_of.get(a.iso3) == r) >= region_min
        )
    women = sum(x[i] for i, a in enumerate(applicants) if a.gender == "F")
    men = sum(x[i] for i, a in enumerate(applicants) if a.gender == "M")
    model.add(women - men <= c.gender_tolerance)
    model.add(men - women <= c.gender_tolerance)
    if c.min_priority:
        model.add(
            sum(x[i] for i, a in enumerate(applicants) if a.iso3 in c.priority) >= c.min_priority
        )
    scaled = [round(a.merit * 100) for a in applicants]
    model.maximize(sum(s * v for s, v in zip(scaled, x, strict=True)))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise InvalidInputError(
            "no selection satisfies the constraints: "
            + "; ".join(_shortfalls(applicants, region_of, c, regions, region_min))
            + ". Loosen a constraint (e.g. --gender-tolerance, --max-per-country, "
            "--min-per-region, --min-priority) or add applicants."
        )
    chosen = [a for a, v in zip(applicants, x, strict=True) if solver.value(v)]
    baseline = sorted(applicants, key=lambda a: (-a.merit, a.applicant_id))[: c.slots]
    return _explain(chosen, baseline, region_of, c, regions, solver.status_name(status))


def _shortfalls(
    applicants: list[Applicant],
    region_of: Mapping[str, str],
    c: Constraints,
    regions: list[str],
    region_min: int,
) -> list[str]:
    notes = []
    countries = {a.iso3 for a in applicants}
    if len(countries) * c.max_per_country < c.slots:
        notes.append(
            f"{len(countries)} countries x {c.max_per_country} per country < {c.slots} slots"
        )
    w = sum(a.gender == "F" for a in applicants)
    m = sum(a.gender == "M" for a in applicants)
    need = math.ceil((c.slots - c.gender_tolerance) / 2)
    if min(w, m) < need:
        notes.append(f"{min(w, m)} applicants of the scarcer gender, {need} needed for balance")
    pri = sum(a.iso3 in c.priority for a in applicants)
    if pri < c.min_priority:
        notes.append(f"{pri} applicants from priority countries, {c.min_priority} required")
    for r in regions:
        n = sum(region_of.get(a.iso3) == r for a in applicants)
        if n < region_min:
            notes.append(f"region {r}: {n} applicants, {region_min} required")
    return notes or ["the constraints together leave no feasible choice"]


def _explain(
    chosen: list[Applicant],
    baseline: list[Applicant],
    region_of: Mapping[str, str],
    c: Constraints,
    regions: list[str],
    status: str,
) -> dict[str, object]:
    def breaks(selection: list[Applicant]) -> list[str]:
        out = []
        per_country: dict[str, int] = {}
        for a in selection:
            per_country[a.iso3] = per_country.get(a.iso3, 0) + 1
        over = sorted(k for k, v in per_country.items() if v > c.max_per_country)
        if over:
            out.append(f"more than {c.max_per_country} per country: {', '.join(over)}")
        w = sum(a.gender == "F" for a in selection)
        m = sum(a.gender == "M" for a in selection)
        if abs(w - m) > c.gender_tolerance:
            out.append(f"{w} women and {m} men (tolerance {c.gender_tolerance})")
        present = {region_of.get(a.iso3) for a in selection}
        missing = [r for r in regions if r not in present and c.min_per_region > 0]
        if missing:
            out.append(f"no one from region(s) {', '.join(missing)}")
        pri = sum(a.iso3 in c.priority for a in selection)
        if pri < c.min_priority:
            out.append(f"{pri} from priority countries ({c.min_priority} required)")
        return out

    chosen_ids = {a.applicant_id for a in chosen}
    base_ids = {a.applicant_id for a in baseline}
    merit = sum(a.merit for a in chosen)
    base_merit = sum(a.merit for a in baseline)

    def row(a: Applicant) -> dict[str, object]:
        return {
            "applicant_id": a.applicant_id,
            "iso3": a.iso3,
            "region": region_of.get(a.iso3),
            "gender": a.gender,
            "merit": a.merit,
            "priority_country": a.iso3 in c.priority,
        }

    return {
        "solver_status": status,
        "slots": c.slots,
        "constraints": {
            "max_per_country": c.max_per_country,
            "min_per_region": c.min_per_region,
            "gender_tolerance": c.gender_tolerance,
            "min_priority": c.min_priority,
            "priority_countries": len(c.priority),
        },
        "merit_total": round(merit, 2),
        "merit_only_total": round(base_merit, 2),
        "merit_given_up": round(base_merit - merit, 2),
        "merit_only_choice_breaks": breaks(baseline),
        "women": sum(a.gender == "F" for a in chosen),
        "men": sum(a.gender == "M" for a in chosen),
        "regions": {r: sum(region_of.get(a.iso3) == r for a in chosen) for r in regions},
        "selected": [row(a) for a in sorted(chosen, key=lambda a: -a.merit)],
        "displaced": [row(a) for a in baseline if a.applicant_id not in chosen_ids],
        "brought_in": [row(a) for a in chosen if a.applicant_id not in base_ids],
        "explanation": (
            f"{len(chosen)} selected with total merit {merit:.2f}; the {c.slots} best by merit "
            f"alone would total {base_merit:.2f} but "
            + ("; ".join(breaks(baseline)) or "already meet every constraint")
            + f". The optimum gives up {base_merit - merit:.2f} merit points to meet them "
            f"({len(base_ids - chosen_ids)} displaced, {len(chosen_ids - base_ids)} brought in)."
        ),
    }
