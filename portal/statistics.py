"""The statistics page: yearly and per-partner counts of the published cooperation records, and the figures the
ministry published for the years it reviewed (the ``figures`` collection), which stand for the counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from portal.charts import Chart, bar_chart
from portal.model import Published, Record
from portal.pages.base import StatisticsPage
from portal.pages.records import Database, record_date, record_title
from portal.registry import Registry
from portal.registry.base import Fact, Total

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
    """Counts per measure by year (the years with figures only) and by partner id; where the ministry published a
    year's figure for a measure (``published``: (year, measure) → its record), it stands for the count."""

    years: dict[int, dict[str, int]]
    partners: dict[str, dict[str, int]]
    published: dict[tuple[int, str], Record] = field(default_factory=dict)
    as_of: dt.date | None = None
    """The date of the newest record counted or figure published."""


@dataclass(frozen=True)
class PartnerRow:
    """A partner's counts as readers of one language see them."""

    id: str
    name: str
    name_lang: str
    """Language the name is in (differs from the reader's where untranslated)."""
    url: str
    counts: dict[str, int]


@dataclass(frozen=True)
class Source:
    """Where a chart's figures of one year come from: the ministry's publication, or the database's records."""

    title: str
    url: str
    lang: str
    """Language the title is in."""


def _facts(published: Published) -> Iterator[tuple[Record, Fact]]:
    """Every counted fact of every published record: (measure, the years it counts in, the partners it names)."""
    for name, collection in published.registry.collections.items():
        if collection.counts:
            for record in published.records[name].values():
                yield from ((record, fact) for fact in collection.counts(record.meta))


def _totals(published: Published) -> Iterator[tuple[Record, Total]]:
    """Every figure the published records of a collection with totals give (the annual figures)."""
    for name, collection in published.registry.collections.items():
        if collection.totals:
            for record in published.records[name].values():
                yield from ((record, total) for total in collection.totals(record.meta))


def _row(counts: Counter, counted: list[str]) -> dict[str, int]:
    return {measure: counts[measure] for measure in counted}


def figures(published: Published) -> Figures:
    """Count the published records per year and per partner; a published figure replaces its year's count."""
    counted = measures(published.registry)
    by_year: dict[int, Counter] = defaultdict(Counter)
    by_partner: dict[str, Counter] = defaultdict(Counter)
    dates = []
    for record, (measure, years, named) in _facts(published):
        dates.append(record_date(record, published))
        for year in years:
            by_year[year][measure] += 1
        for partner in named:
            by_partner[partner][measure] += 1
    given: dict[tuple[int, str], Record] = {}
    for record, (measure, year, value) in _totals(published):
        if measure in counted:
            by_year[year][measure] = value
            given[(year, measure)] = record
            dates.append(record_date(record, published))
    with_figures = sorted(year for year, row in by_year.items() if any(row.values()) or year in {y for y, _ in given})
    return Figures(
        years={year: _row(by_year[year], counted) for year in with_figures},
        partners={partner: _row(by_partner[partner], counted) for partner in sorted(by_partner)},
        published=given,
        as_of=max((day for day in dates if day), default=None),
    )


def covered(years: list[int]) -> str:
    """The years as runs: ``1998, 2010–2021``."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


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


def _chart_years(numbers: Figures, drawn: tuple[str, ...]) -> list[int]:
    """The years in which one of ``drawn`` has a figure: counted, or published (even a published 0)."""
    return [
        year
        for year, row in numbers.years.items()
        if any(row[m] for m in drawn) or any((year, m) in numbers.published for m in drawn)
    ]


def _charts(numbers: Figures, t: dict[str, str], counted: list[str]) -> list[Chart]:
    charts = []
    for key, drawn in CHARTS.items():
        if not set(drawn) <= set(counted):
            continue  # a chart of measures this site's collections do not count
        years = _chart_years(numbers, drawn)
        labels = [str(year) for year in years]
        series = [(t[f"stat_{m}"], [numbers.years[year][m] for year in years]) for m in drawn]
        description = _description(t, labels, series)
        charts.append(
            bar_chart(t[f"stat_chart_{key}"], description, labels, series, key=f"chart-{key}", bar_label=t["stat_bar"])
        )
    return charts


def _sources(database: Database, numbers: Figures, drawn: tuple[str, ...], year: int, lang: str) -> list[Source]:
    """Where a chart's figures of ``year`` come from: each publication giving one, then the collections counting
    the others (their index filtered by the year)."""
    published, found = database.published, []
    registry, languages = published.registry, published.languages
    giving = [numbers.published[(year, m)] for m in drawn if (year, m) in numbers.published]
    for record in [record for n, record in enumerate(giving) if record not in giving[:n]]:
        named = database.article_links(registry.collections[record.collection].references, record.meta, lang)
        links = [Source(article.title, article.url, article.title_lang) for refs in named.values() for article in refs]
        ref = database.ref(record, lang)
        found += links or [Source(ref.title, ref.url, ref.title_lang)]
    counting = [m for m in drawn if (year, m) not in numbers.published]
    for name, collection in registry.collections.items():
        if set(counting) & set(collection.measures):
            query = f"?year={year}" if any(f.name == "year" for f in collection.filters) else ""
            found.append(Source(registry.titles[name][lang], languages.url(lang, name) + query, lang))
    return found


def statistics_page(published: Published, lang: str, title: str) -> StatisticsPage:
    """The statistics page in ``lang``: a chart and a table per group of measures, each year with its sources,
    and a per-partner table."""
    t = published.registry.interface[lang]
    numbers = figures(published)
    languages = published.languages
    database = Database(published)
    hub = published.registry.hub()
    partners = published.records[hub.name] if hub else {}
    rows = []
    for partner, counts in numbers.partners.items():
        record = partners[partner]
        name, name_lang = record_title(record, published, lang)
        rows.append(PartnerRow(partner, name, name_lang, languages.url(lang, record.path), counts))
    counted = measures(published.registry)
    drawn = {f"chart-{key}": chart for key, chart in CHARTS.items() if set(chart) <= set(counted)}
    return StatisticsPage(
        lang=lang,
        path="statistics",
        title=title,
        figures=numbers,
        measures=[(m, t[f"stat_{m}"]) for m in counted],
        charts=_charts(numbers, t, counted),
        partners=rows,
        covered={key: covered(_chart_years(numbers, chart)) for key, chart in drawn.items()},
        origins={
            key: [_sources(database, numbers, chart, year, lang) for year in _chart_years(numbers, chart)]
            for key, chart in drawn.items()
        },
        as_of=numbers.as_of,
        alternates=languages.codes,
        in_nav=True,
    )
