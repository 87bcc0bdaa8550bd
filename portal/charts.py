"""Geometry of build-time bar charts; the markup is ``overrides/partials/portal-chart.html``.

Every coordinate is in the chart's fixed viewBox and rounded to one decimal, so builds are
byte-for-byte reproducible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, BOTTOM = 48, 16, 32
"""Margins around the plot area: tick labels on the left, category labels below."""
PAD = 8
LEGEND_ROW = 20
SWATCH = 12
MAX_INTERVALS = 5
"""At most this many intervals between y-axis ticks."""
GROUP_FILL = 0.8
"""Share of a category's width its bars take at most; the rest separates the groups."""
MAX_BAR = 48
"""Widest bar, so that a few years do not give slabs."""
LABEL_SPACE = 36
"""Room a category label (a year) needs; with narrower groups only every n-th label is shown."""


@dataclass(frozen=True)
class Bar:
    """One bar; ``x``, ``y`` is its top-left corner."""

    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    """What the bar says, e.g. "Delegations sent, 2017: 1"."""
    series: int
    """Index into ``Chart.series``."""
    category: int
    """Index into ``Chart.categories``."""


@dataclass(frozen=True)
class Tick:
    """A y-axis gridline and its label."""

    y: float
    label: str


@dataclass(frozen=True)
class Category:
    """A category, its label centred under its group of bars (drawn only where ``shown``)."""

    x: float
    label: str
    shown: bool


@dataclass(frozen=True)
class Series:
    """One series: its name and values, and where its legend entry is drawn."""

    name: str
    values: tuple[int, ...]
    swatch_x: float
    swatch_y: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Chart:
    """A grouped bar chart; ``left``/``top``/``right``/``bottom`` bound the plot area."""

    key: str
    """Prefix of the chart's element ids (unique on its page)."""
    title: str
    description: str
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    tick_x: float
    label_y: float
    swatch: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    categories: tuple[Category, ...]
    series: tuple[Series, ...]


def _r(value: float) -> float:
    return round(value, 1)


def nice_step(peak: int) -> int:
    """The smallest step of 1, 2 or 5 × 10ⁿ reaching ``peak`` within MAX_INTERVALS intervals."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if factor * magnitude * MAX_INTERVALS >= peak:
                return factor * magnitude
        magnitude *= 10


def bar_chart(
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    *,
    key: str = "chart",
    bar_label: str = "{series}, {category}: {value}",
) -> Chart:
    """Lay out a grouped bar chart: one group per category, one bar per series in each group.

    ``bar_label`` is the format of each bar's text, with fields series, category and value.
    """
    if any(len(values) != len(categories) for _, values in series):
        raise ValueError("every series needs one value per category")
    peak = max((v for _, values in series for v in values), default=0)
    step = nice_step(peak)
    scale_max = max(1, math.ceil(peak / step)) * step
    top = PAD + len(series) * LEGEND_ROW + PAD
    bottom = HEIGHT - BOTTOM
    right = WIDTH - RIGHT
    group = (right - LEFT) / len(categories) if categories else 0
    bar_width = min(group * GROUP_FILL / len(series), MAX_BAR) if series else 0
    inset = (group - bar_width * len(series)) / 2
    label_every = math.ceil(LABEL_SPACE / group) if categories else 1

    def height(value: int) -> float:
        return value / scale_max * (bottom - top)

    bars = []
    for c in range(len(categories)):
        for s, (name, values) in enumerate(series):
            x, value = LEFT + c * group + inset + s * bar_width, values[c]
            label = bar_label.format(series=name, category=categories[c], value=value)
            bars.append(Bar(_r(x), _r(bottom - height(value)), _r(bar_width), _r(height(value)), value, label, s, c))
    return Chart(
        key=key,
        title=title,
        description=description,
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        top=top,
        right=right,
        bottom=bottom,
        tick_x=LEFT - 6,
        label_y=bottom + 20,
        swatch=SWATCH,
        bars=tuple(bars),
        ticks=tuple(Tick(_r(bottom - height(v)), str(v)) for v in range(0, scale_max + 1, step)),
        categories=tuple(
            Category(_r(LEFT + (c + 0.5) * group), label, c % label_every == 0) for c, label in enumerate(categories)
        ),
        series=tuple(
            Series(
                name, tuple(values), LEFT, PAD + s * LEGEND_ROW, LEFT + SWATCH + 6, PAD + s * LEGEND_ROW + SWATCH / 2
            )
            for s, (name, values) in enumerate(series)
        ),
    )
