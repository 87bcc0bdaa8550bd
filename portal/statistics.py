"""The statistics page: yearly and per-partner counts of the published cooperation records."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from portal.charts import Chart, bar_chart
from portal.model import Published
from portal.pages.base import Page
from portal.strings import strings

__all__ = ["MEASURES", "Figures", "PartnerRow", "bar_chart", "figures", "statistics_page"]

MEASURES = ("delegations_in", "delegations_out", "conferences", "agreements", "projects")
"""What is counted; each is labelled by the interface string ``stat_<measure>``."""

EVENT_MEASURES = {
    "delegation-in": "delegations_in",
    "delegation-out": "delegations_out",
    "conference": "conferences",
    "workshop": "conferences",
    "forum": "conferences",
}
"""Event type → the measure it counts towards (trainings and meetings count towards none)."""

CHARTS = {
    "delegations": ("delegations_in", "delegations_out"),
    "conferences": ("conferences",),
    "cooperation": ("agreements", "projects"),
}
"""Chart → the measures it draws, one series each; titled by ``stat_chart_<chart>``."""


@dataclass(frozen=True)
class Figures:
    """Counts per measure, by year (every year from the first to the last) and by partner id."""

    years: dict[int, dict[str, int]]
    partners: dict[str, dict[str, int]]


@dataclass(frozen=True)
class PartnerRow:
    """A partner's counts as readers of one language see them."""

    id: str
    name: str
    name_lang: str
    """Language the name is in (differs from the reader's where untranslated)."""
    url: str
    counts: dict[str, int]


def _facts(published: Published) -> Iterator[tuple[str, Iterable[int], list[str]]]:
    """Every counted record as (measure, the years it counts in, the partner ids it names)."""
    for record in published.records["events"].values():
        meta = record.meta
        if meta.type in EVENT_MEASURES:
            yield EVENT_MEASURES[meta.type], (meta.start.year,), meta.partners
    for record in published.records["agreements"].values():
        meta = record.meta
        if meta.signed is not None:
            yield "agreements", (meta.signed.year,), meta.partners
    for record in published.records["projects"].values():
        meta = record.meta
        if meta.phase != "planned":
            years = range(meta.start.year, (meta.end or meta.start).year + 1)
            yield "projects", years, list(dict.fromkeys([meta.donor, *meta.partners]))


def _row(counts: Counter) -> dict[str, int]:
    return {measure: counts[measure] for measure in MEASURES}


def figures(published: Published) -> Figures:
    """Count the published records per year and per partner."""
    by_year: dict[int, Counter] = defaultdict(Counter)
    by_partner: dict[str, Counter] = defaultdict(Counter)
    for measure, years, named in _facts(published):
        for year in years:
            by_year[year][measure] += 1
        for partner in named:
            by_partner[partner][measure] += 1
    span = range(min(by_year), max(by_year) + 1) if by_year else ()
    return Figures(
        years={year: _row(by_year.get(year, Counter())) for year in span},
        partners={partner: _row(by_partner[partner]) for partner in sorted(by_partner)},
    )


def _description(t: dict[str, str], years: list[str], series: list[tuple[str, list[int]]]) -> str:
    """The chart's figures in words, year by year."""
    if not years:
        return t["no_items"]
    per_year = [
        t["stat_year_figures"].format(
            year=year,
            figures=", ".join(t["stat_figure"].format(series=name, value=values[i]) for name, values in series),
        )
        for i, year in enumerate(years)
    ]
    return t["stat_chart_description"].format(figures=". ".join(per_year))


def _charts(numbers: Figures, t: dict[str, str]) -> list[Chart]:
    years = [str(year) for year in numbers.years]
    charts = []
    for key, measures in CHARTS.items():
        series = [(t[f"stat_{m}"], [row[m] for row in numbers.years.values()]) for m in measures]
        description = _description(t, years, series)
        charts.append(bar_chart(t[f"stat_chart_{key}"], description, years, series, key=f"chart-{key}", bar_label=t["stat_bar"]))
    return charts


def statistics_page(published: Published, lang: str, title: str) -> Page:
    """The statistics page in ``lang``: a chart and a table per group of measures, and a per-partner table."""
    t = strings(lang)
    numbers = figures(published)
    languages = published.languages
    rows = []
    for partner, counts in numbers.partners.items():
        record = published.partners[partner]
        name, name_lang = languages.text(record.meta.name, lang)
        rows.append(PartnerRow(partner, name, name_lang, languages.url(lang, record.path), counts))
    return Page(
        lang=lang,
        path="statistics",
        template="statistics.html",
        title=title,
        data={
            "figures": numbers,
            "measures": [(m, t[f"stat_{m}"]) for m in MEASURES],
            "charts": _charts(numbers, t),
            "partners": rows,
        },
        alternates=languages.codes,
        in_nav=True,
    )
