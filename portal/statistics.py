"""The statistics page: yearly and per-partner counts of the published cooperation records."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from portal.charts import Chart, bar_chart
from portal.model import Published
from portal.pages.base import StatisticsPage
from portal.pages.records import record_title
from portal.registry import Registry
from portal.registry.base import Fact

__all__ = ["Figures", "PartnerRow", "bar_chart", "figures", "measures", "statistics_page"]

CHARTS = {
    "delegations": ("delegations_in", "delegations_out"),
    "conferences": ("conferences",),
    "cooperation": ("agreements", "projects"),
}
"""Chart → the measures it draws, one series each; titled by ``stat_chart_<chart>``. The measures are the
collections' own (``Collection.measures``); one that no chart draws is still in the tables."""


def measures(registry: Registry) -> list[str]:
    """Every measure the collections count, in the charts' order, then the others; ``stat_<measure>`` labels each."""
    declared = [measure for collection in registry.collections.values() for measure in collection.measures]
    charted = [measure for chart in CHARTS.values() for measure in chart if measure in declared]
    return list(dict.fromkeys([*charted, *declared]))


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


def _facts(published: Published) -> Iterator[Fact]:
    """Every counted fact of every published record: (measure, the years it counts in, the partners it names)."""
    for name, collection in published.registry.collections.items():
        if collection.counts:
            for record in published.records[name].values():
                yield from collection.counts(record.meta)


def _row(counts: Counter, counted: list[str]) -> dict[str, int]:
    return {measure: counts[measure] for measure in counted}


def figures(published: Published) -> Figures:
    """Count the published records per year and per partner."""
    counted = measures(published.registry)
    by_year: dict[int, Counter] = defaultdict(Counter)
    by_partner: dict[str, Counter] = defaultdict(Counter)
    for measure, years, named in _facts(published):
        for year in years:
            by_year[year][measure] += 1
        for partner in named:
            by_partner[partner][measure] += 1
    span = range(min(by_year), max(by_year) + 1) if by_year else ()
    return Figures(
        years={year: _row(by_year.get(year, Counter()), counted) for year in span},
        partners={partner: _row(by_partner[partner], counted) for partner in sorted(by_partner)},
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


def _charts(numbers: Figures, t: dict[str, str], counted: list[str]) -> list[Chart]:
    years = [str(year) for year in numbers.years]
    charts = []
    for key, drawn in CHARTS.items():
        if not set(drawn) <= set(counted):
            continue  # a chart of measures this site's collections do not count
        series = [(t[f"stat_{m}"], [row[m] for row in numbers.years.values()]) for m in drawn]
        description = _description(t, years, series)
        charts.append(
            bar_chart(t[f"stat_chart_{key}"], description, years, series, key=f"chart-{key}", bar_label=t["stat_bar"])
        )
    return charts


def statistics_page(published: Published, lang: str, title: str) -> StatisticsPage:
    """The statistics page in ``lang``: a chart and a table per group of measures, and a per-partner table."""
    t = published.registry.interface[lang]
    numbers = figures(published)
    languages = published.languages
    hub = published.registry.hub()
    partners = published.records[hub.name] if hub else {}
    rows = []
    for partner, counts in numbers.partners.items():
        record = partners[partner]
        name, name_lang = record_title(record, published, lang)
        rows.append(PartnerRow(partner, name, name_lang, languages.url(lang, record.path), counts))
    return StatisticsPage(
        lang=lang,
        path="statistics",
        title=title,
        figures=numbers,
        measures=[(m, t[f"stat_{m}"]) for m in measures(published.registry)],
        charts=_charts(numbers, t, measures(published.registry)),
        partners=rows,
        alternates=languages.codes,
        in_nav=True,
    )
