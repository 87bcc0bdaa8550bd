"""Statistics page: counts of published records, bar-chart geometry, and the chart's accessible SVG."""

import datetime as dt
import re

import jinja2
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, sample_registry, write
from portal.charts import nice_step
from portal.model import Languages
from portal.publish import publish
from portal.statistics import bar_chart, figures, statistics_page
from portal.strings import strings
from portal.validate import load_content
from site_check import records

LANGUAGES = Languages(("vi", "en"), "vi", {"vi": "Tiếng Việt", "en": "English"})
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def partner(vi: str, en: str, extra: str = "") -> str:
    return f"kind: country\nregion: asia-pacific\nname: {{vi: {vi}, en: {en}}}\n{extra}"


def event(kind: str, start: str, partners: str = "[]", extra: str = "") -> str:
    return f"title: {{vi: Sự kiện}}\ntype: {kind}\nstart: {start}\nplace: {{vi: Hà Nội}}\npartners: {partners}\n{extra}"


def project(donor: str, start: str, phase: str, extra: str = "") -> str:
    return f"title: {{vi: Dự án}}\ndonor: {donor}\nstart: {start}\nphase: {phase}\n{extra}"


def load(tmp_path, files: dict[str, str]):
    write(tmp_path, {f"content/data/{rel}.yml": text for rel, text in files.items()})
    return publish(load_content(tmp_path, "content", sample_registry(), LANGUAGES, now=NOW), NOW, internal=False)


@pytest.fixture
def content(tmp_path):
    return load(
        tmp_path,
        {
            "partners/jp": partner("Nhật Bản", "Japan"),
            "partners/kr": partner("Hàn Quốc", "Korea"),
            "partners/se": partner("Thụy Điển", "Sweden", "status: draft\n"),
            "events/in-2015-a": event("delegation-in", "2015-03-01", "[jp]"),
            "events/in-2015-b": event("delegation-in", "2015-09-01", "[jp, kr]"),
            "events/out-2017": event("delegation-out", "2017-05-01", "[kr]"),
            "events/conference-2016": event("conference", "2016-06-01", "[jp]"),
            "events/workshop-2017": event("workshop", "2017-01-01"),
            "events/forum-2017": event("forum", "2017-02-01"),
            "events/forum-draft": event("forum", "2017-02-01", "[se]", "status: draft\n"),
            "events/training-2016": event("training", "2016-04-01", "[jp]"),
            "events/draft-2016": event("delegation-in", "2016-04-01", "[jp]", "status: draft\n"),
            "events/internal-2016": event("delegation-out", "2016-04-01", "[kr]", "classification: internal\n"),
            "agreements/mou-2015": "title: {vi: Bản ghi nhớ}\ntype: mou\npartners: [jp]\nvalidity: signed\n"
            "signed: 2015-04-01\n",
            "agreements/talks": "title: {vi: Đàm phán}\ntype: agreement\npartners: [kr]\nvalidity: negotiating\n",
            "projects/long": project("jp", "2015-01-01", "completed", "end: 2017-06-30\npartners: [kr, jp]\n"),
            "projects/open": project("kr", "2017-03-01", "ongoing"),
            "projects/planned": project("jp", "2016-01-01", "planned"),
        },
    )


def counts(din=0, dout=0, conf=0, agr=0, proj=0) -> dict[str, int]:
    return {"delegations_in": din, "delegations_out": dout, "conferences": conf, "agreements": agr, "projects": proj}


def test_figures_per_year_count_only_published_records(content):
    # 2016: the draft delegation, the internal one and the training count nowhere; the planned project neither.
    assert figures(content).years == {
        2015: counts(din=2, agr=1, proj=1),
        2016: counts(conf=1, proj=1),
        2017: counts(dout=1, conf=2, proj=2),
    }


def test_figures_per_partner_name_each_published_partner_once_per_record(content):
    # The project naming jp as donor and partner counts once; the draft partner se, named by a draft event, nowhere.
    assert figures(content).partners == {
        "jp": counts(din=2, conf=1, agr=1, proj=1),
        "kr": counts(din=1, dout=1, proj=2),
    }


def test_years_without_records_are_left_out(tmp_path):
    content = load(
        tmp_path,
        {
            "events/early": event("delegation-in", "2012-03-01"),
            "events/late": event("delegation-out", "2014-03-01"),
        },
    )
    assert figures(content).years == {2012: counts(din=1), 2014: counts(dout=1)}
    assert figures(content).as_of == dt.date(2014, 3, 1)


def test_published_annual_figures_stand_for_the_counts_of_their_year(tmp_path):
    content = load(
        tmp_path,
        {
            "events/in-2015": event("delegation-in", "2015-03-01"),
            "events/conference-2015": event("conference", "2015-05-01"),
            "events/in-2016": event("delegation-in", "2016-03-01"),
            "figures/2015": "title: {vi: Số liệu 2015}\nyear: 2015\ndelegations_in: 19\ndelegations_out: 0\n"
            "published: 2016-01-20\nsource: {vi: Báo cáo tổng kết}\n",
            "figures/2013": "title: {vi: Số liệu 2013}\nyear: 2013\ndelegations_in: 4\npublished: 2017-02-01\n"
            "source: {vi: Báo cáo}\nstatus: draft\n",
        },
    )
    numbers = figures(content)
    # 2015's delegations are the report's (a published 0 too); its conference, which the report does not give, is
    # counted; the draft report for 2013 counts nowhere.
    assert numbers.years == {2015: counts(din=19, conf=1), 2016: counts(din=1)}
    assert sorted(numbers.published) == [(2015, "delegations_in"), (2015, "delegations_out")]
    assert numbers.as_of == dt.date(2016, 3, 1)


def test_no_records_give_empty_figures_and_charts(tmp_path):
    (tmp_path / "content").mkdir()
    content = load(tmp_path, {})
    page = statistics_page(content, "en", "Statistics")
    assert page.figures.years == {} and page.partners == []
    assert all(chart.bars == () and chart.description == "Nothing published yet." for chart in page.charts)


def test_page_in_english(content):
    page = statistics_page(content, "en", "Statistics")
    assert (page.path, page.template, page.title, page.alternates) == (
        "statistics",
        "statistics.html",
        "Statistics",
        ("vi", "en"),
    )
    delegations, conferences, cooperation = page.charts
    assert delegations.title == "Delegations received and sent per year"
    assert [s.name for s in cooperation.series] == ["Agreements signed", "Projects active"]
    assert [c.label for c in conferences.categories] == ["2016", "2017"]
    assert [s.values for s in conferences.series] == [(1, 2)]
    assert page.covered == {
        "chart-delegations": "2015, 2017",
        "chart-conferences": "2016–2017",
        "chart-cooperation": "2015–2017",
    }
    assert "2015 (Delegations received: 2, Delegations sent: 0)" in delegations.description
    assert [(row.id, row.name, row.name_lang, row.url) for row in page.partners] == [
        ("jp", "Japan", "en", "en/partners/jp/"),
        ("kr", "Korea", "en", "en/partners/kr/"),
    ]


def test_page_in_vietnamese(content):
    page = statistics_page(content, "vi", "Số liệu thống kê")
    assert page.charts[0].series[0].name == "Đoàn vào"
    assert "Năm 2017 (Đoàn vào: 0, Đoàn ra: 1)" in page.charts[0].description
    assert page.partners[0].name == "Nhật Bản" and page.partners[0].url == "partners/jp/"
    assert page.charts[0].bars[-1].label == "Đoàn ra, năm 2017: 1"


CHART = bar_chart("Title", "Description", ["2015", "2016"], [("a", [4, 0]), ("b", [2, 1])])


def test_longest_bar_reaches_the_right_edge_and_zero_has_no_length():
    longest, zero = CHART.bars[0], CHART.bars[2]
    assert (longest.value, longest.x, longest.width) == (4, CHART.left, CHART.right - CHART.left)
    assert (zero.value, zero.x, zero.width) == (0, CHART.left, 0)
    assert CHART.bars[1].width == pytest.approx(longest.width / 2, abs=0.1)
    assert [t.label for t in CHART.ticks] == ["0", "1", "2", "3", "4"]
    assert (CHART.ticks[0].x, CHART.ticks[-1].x) == (CHART.left, CHART.right)
    assert all(bar.value_x == pytest.approx(bar.x + bar.width + 4, abs=0.1) for bar in CHART.bars)


def test_bars_are_grouped_inside_the_plot_area_and_rounded():
    assert [(b.category, b.series) for b in CHART.bars] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert all(CHART.top <= b.y and b.y + b.height <= CHART.bottom for b in CHART.bars)
    assert all(CHART.left <= b.x and b.x + b.width <= CHART.right for b in CHART.bars)
    assert CHART.bars[0].y + CHART.bars[0].height == pytest.approx(CHART.bars[1].y, abs=0.1)
    assert CHART.bars[0].y < CHART.categories[0].y < CHART.bars[1].y + CHART.bars[1].height < CHART.bars[2].y
    numbers = (
        [v for b in CHART.bars for v in (b.x, b.y, b.width, b.height, b.value_x)]
        + [t.x for t in CHART.ticks]
        + [c.y for c in CHART.categories]
    )
    assert all(round(v, 1) == v for v in numbers)


def test_many_years_make_a_taller_chart_of_the_same_width_with_every_year_labelled():
    years = [str(year) for year in range(2005, 2026)]
    chart = bar_chart("T", "D", years, [("a", [1] * 21), ("b", [2] * 21)])
    assert [c.label for c in chart.categories] == years
    assert (chart.width, len(chart.bars)) == (CHART.width, 42)
    assert chart.height > CHART.height and chart.bars[-1].y + chart.bars[-1].height <= chart.bottom < chart.height


@pytest.mark.parametrize(
    ("peak", "labels"),
    [
        (7, ["0", "2", "4", "6", "8"]),
        (1, ["0", "1"]),
        (12, ["0", "5", "10", "15"]),
        (230, ["0", "100", "200", "300"]),
        (125, ["0", "50", "100", "150"]),
    ],
)
def test_y_axis_has_a_nice_maximum(peak, labels):
    chart = bar_chart("T", "D", ["x"], [("a", [peak])])
    assert [t.label for t in chart.ticks] == labels
    assert nice_step(peak) == int(labels[1])


@pytest.mark.parametrize(("categories", "series"), [([], [("a", [])]), (["2015"], [("a", [0])]), ([], [])])
def test_empty_or_zero_data_does_not_divide_by_zero(categories, series):
    chart = bar_chart("T", "D", categories, series)
    assert all(b.width == 0 for b in chart.bars)
    assert [t.label for t in chart.ticks] == ["0", "1"]


def render(chart) -> BeautifulSoup:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
    return BeautifulSoup(env.get_template("partials/portal-chart.html").render(chart=chart), "html.parser")


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_chart_svg_is_an_accessible_image(content):
    chart = statistics_page(content, "en", "Statistics").charts[0]
    svg = render(chart).find("svg")
    assert svg["role"] == "img"
    assert svg["viewbox"] == f"0 0 320 {chart.height}"
    labelled_by = svg["aria-labelledby"].split()
    assert [svg.find(id=i).name for i in labelled_by] == ["title", "desc"]
    assert svg.find("title").string == "Delegations received and sent per year"
    description = svg.find("desc").string
    assert re.findall(r"\d+", description) == ["2015", "2", "0", "2017", "0", "1"]
    bars = svg.find_all("rect", class_="portal-chart__bar")
    assert len(bars) == len(chart.bars) == 4
    assert [(r["width"], r.title.string) for r in bars[:2]] == [
        (str(chart.bars[0].width), "Delegations received, 2015: 2"),
        ("0.0", "Delegations sent, 2015: 0"),
    ]
    texts = [t.string for t in svg.find_all("text")]
    assert {"Delegations received", "Delegations sent", "2015", "2017", "0", "2"} <= set(texts)
    assert "2016" not in texts
    values = [t.string for t in svg.select("g.portal-chart__bars text")]
    assert values == ["2", "0", "0", "1"]


def test_chart_colours_meet_wcag_non_text_contrast(content):
    svg = render(statistics_page(content, "en", "Statistics").charts[0]).find("svg")
    fills = list(dict.fromkeys(r["fill"] for r in svg.find_all("rect", class_="portal-chart__bar")))
    assert len(fills) == 2
    assert all(contrast(fill, "#ffffff") >= 3 for fill in fills)
    assert contrast(*fills) >= 3
    assert contrast(svg["fill"], "#ffffff") >= 4.5
    legend = svg.find("g", class_="portal-chart__legend")
    assert [r["fill"] for r in legend.find_all("rect")] == fills


def test_page_template_gives_each_chart_a_table_of_the_same_numbers(content):
    plan = statistics_page(content, "en", "Statistics")
    stub = jinja2.DictLoader({"main.html": "{% block styles %}{% endblock %}{% block content %}{% endblock %}"})
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([stub, jinja2.FileSystemLoader(ROOT / "overrides")]))
    env.filters["url"] = lambda url: url
    env.filters["portal_date"] = lambda day, lang: day.isoformat()
    html = env.get_template("statistics.html").render(
        portal={"lang": "en", "t": strings("en"), "page": plan}, page={"title": "Statistics"}
    )
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("svg", role="img")) == 3
    tables = soup.find_all("table")
    assert [t.caption.string for t in tables] == [
        "Delegations received and sent per year: figures",
        "Conferences, workshops and forums per year: figures",
        "Agreements signed and projects active per year: figures",
        "Figures per partner, all years",
    ]
    rows = [[cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in tables[2].find_all("tr")]
    assert rows == [
        ["Year", "Agreements signed", "Projects active", "Source"],
        ["2015", "1", "1", "Treaties and agreements;Cooperation projects"],
        ["2016", "0", "1", "Treaties and agreements;Cooperation projects"],
        ["2017", "0", "2", "Treaties and agreements;Cooperation projects"],
    ]
    assert [a["href"] for a in tables[2].tbody.tr.select("td a")] == [
        "en/agreements/?year=2015",
        "en/projects/?year=2015",
    ]
    assert {th["scope"] for th in tables[2].find_all("th")} == {"col", "row"}
    partners = [
        [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])] for tr in tables[3].tbody.find_all("tr")
    ]
    assert partners == [["Japan", "2", "0", "1", "1", "1"], ["Korea", "1", "1", "0", "0", "2"]]
    assert tables[3].tbody.a["href"] == "en/partners/jp/"


SAMPLE_BY_YEAR = {
    # year: (delegations received, delegations sent, conferences/workshops/forums, agreements signed,
    # projects active), counted by hand from content/data; every other year has none. 2015's first three are the
    # ministry's published figures (content/data/figures/2015.yml, from the annual review in the news).
    1998: (0, 0, 0, 2, 0),  # mutual legal assistance treaties with China and Russia
    2010: (0, 0, 0, 0, 1),  # the SIDA project, 2010–2014 (suspended: it still ran)
    2011: (0, 0, 0, 0, 1),
    2012: (0, 0, 0, 0, 1),
    2013: (0, 0, 0, 1, 1),  # memorandum with Japan
    2014: (0, 0, 1, 1, 3),  # 10th Legal Partnership Forum; Cambodia memorandum; SIDA, JICA, UNDP projects
    2015: (19, 35, 125, 0, 2),  # published: 19 in, 35 out, 125 conferences and workshops; JICA, UNDP
    2016: (1, 1, 0, 1, 3),  # Cambodia in, Laos out (the training counts nowhere); Laos agreement; GIZ, JICA, UNDP
    2017: (1, 0, 2, 1, 3),  # KOICA in; GIZ and French workshops; EU JULE document; EU JULE, GIZ, JICA
    2018: (0, 1, 1, 1, 3),  # Japan out; EU JULE launch; Korea memorandum; EU JULE, GIZ, JICA
    2019: (0, 0, 0, 0, 3),  # EU JULE, GIZ, JICA (the KOICA project is only planned)
    2020: (0, 0, 0, 0, 2),
    2021: (0, 0, 0, 0, 1),
}
SAMPLE_BY_PARTNER = [
    # (id, English name, the same five figures over all years); partners with none (Australia) are not listed.
    ("cn", "China", (0, 0, 0, 1, 0)),
    ("de", "Germany", (0, 0, 1, 0, 1)),
    ("dk", "Denmark", (0, 0, 2, 0, 1)),
    ("eu", "European Union", (0, 0, 2, 1, 1)),
    ("fr", "France", (0, 0, 1, 0, 0)),
    ("jp", "Japan", (0, 1, 1, 1, 1)),
    ("kh", "Cambodia", (1, 0, 0, 1, 0)),
    ("kr", "Republic of Korea", (1, 0, 0, 1, 0)),
    ("la", "Lao PDR", (0, 1, 0, 1, 0)),
    ("ru", "Russian Federation", (0, 0, 0, 1, 0)),
    ("se", "Sweden", (0, 0, 2, 0, 1)),
    ("undp", "United Nations Development Programme (UNDP)", (0, 0, 3, 1, 2)),
    ("unicef", "United Nations Children's Fund (UNICEF)", (0, 0, 1, 1, 1)),
]


def cells(table) -> list[list[str]]:
    return [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in table.tbody.find_all("tr")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sample_statistics_page_shows_the_figures_counted_by_hand(sample_build, lang):
    file = sample_build.site / ("" if lang == "vi" else "en") / "statistics" / "index.html"
    page = BeautifulSoup(file.read_text("utf-8"), "html.parser")
    by_year = {year: [str(n) for n in figures] for year, figures in SAMPLE_BY_YEAR.items()}
    # Each chart shows the years in which one of its figures is not 0.
    years = [[y for y, f in SAMPLE_BY_YEAR.items() if any(f[a:b])] for a, b in ((0, 2), (2, 3), (3, 5))]
    delegations, conferences, cooperation, partners = page.find_all("table")
    assert [row[:3] for row in cells(delegations)] == [[str(year), *by_year[year][0:2]] for year in years[0]]
    assert [row[:2] for row in cells(conferences)] == [[str(year), by_year[year][2]] for year in years[1]]
    assert [row[:3] for row in cells(cooperation)] == [[str(year), *by_year[year][3:5]] for year in years[2]]
    vi_names = {pid: data["name"]["vi"] for pid, data in records(sample_build.project)["partners"].items()}
    names = [name if lang == "en" else vi_names[pid] for pid, name, _ in SAMPLE_BY_PARTNER]
    assert cells(partners) == [
        [name, *map(str, figures)] for name, (_, _, figures) in zip(names, SAMPLE_BY_PARTNER, strict=False)
    ]
    assert [a["href"] for a in partners.tbody.find_all("a")] == [f"../partners/{pid}/" for pid, *_ in SAMPLE_BY_PARTNER]
    # The charts draw the same figures: each bar's title ends with its value, in year order per chart.
    charts = page.find_all("svg", role="img")
    bars = [[bar.title.string.rsplit(": ", 1)[1] for bar in svg.select("rect.portal-chart__bar")] for svg in charts]
    assert bars == [
        [n for year in years[0] for n in by_year[year][0:2]],
        [by_year[year][2] for year in years[1]],
        [n for year in years[2] for n in by_year[year][3:5]],
    ]
