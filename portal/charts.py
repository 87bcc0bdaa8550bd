"""Geometry of build-time bar charts; the markup is ``overrides/partials/portal-chart.html``.

Bars run across, one row of bars per category (a year), its value written at its end: a chart as narrow as a
phone (its viewBox is WIDTH units wide, its text FONT units high) is as readable there as on a desktop, where
the stylesheet keeps it at most MAX_SHOWN px wide, and it grows down, not across, with more years. Every
coordinate is rounded to one decimal, so builds are byte-for-byte reproducible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH = 320
"""viewBox width: about the width a 320 px screen gives the chart, so that text is drawn near its own size."""
FONT = 13
"""Text size in viewBox units: 11 px or more on a 320 px screen (the chart is then about 290 px wide)."""
LEFT, RIGHT = 44, 40
"""Room for the category labels (years) on the left, for the value written after the longest bar on the right."""
PAD = 8
LEGEND_ROW = 20
SWATCH = 12
BAR = 16
"""Thickness of a bar."""
GAP = 10
"""Space between the groups of bars of two categories."""
AXIS = 28
"""Room below the plot for the value axis's labels."""
MAX_INTERVALS = 4
"""At most this many intervals between value-axis ticks."""


@dataclass(frozen=True)
class Bar:
    """One bar; ``x``, ``y`` is its top-left corner, ``value_x`` where its value is written."""

    x: float
    y: float
    width: float
    height: float
    value: int
    value_x: float
    label: str
    """What the bar says, e.g. "Delegations sent, 2017: 1"."""
    series: int
    """Index into ``Chart.series``."""
    category: int
    """Index into ``Chart.categories``."""


@dataclass(frozen=True)
class Tick:
    """A value-axis gridline (at ``x``) and its label."""

    x: float
    label: str


@dataclass(frozen=True)
class Category:
    """A category, its label level with the middle of its group of bars."""

    y: float
    label: str


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
    font: int
    left: float
    top: float
    right: float
    bottom: float
    label_x: float
    """Where the category labels end."""
    tick_y: float
    """Where the value axis's labels sit."""
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
    right = WIDTH - RIGHT
    group = len(series) * BAR + GAP
    bottom = top + len(categories) * group

    def length(value: int) -> float:
        return value / scale_max * (right - LEFT)

    bars = []
    for c, category in enumerate(categories):
        for s, (name, values) in enumerate(series):
            y, value = top + GAP / 2 + c * group + s * BAR, values[c]
            label = bar_label.format(series=name, category=category, value=value)
            bars.append(Bar(LEFT, _r(y), _r(length(value)), BAR, value, _r(LEFT + length(value) + 4), label, s, c))
    return Chart(
        key=key,
        title=title,
        description=description,
        width=WIDTH,
        height=int(bottom + AXIS),
        font=FONT,
        left=LEFT,
        top=top,
        right=right,
        bottom=bottom,
        label_x=LEFT - 6,
        tick_y=bottom + AXIS / 2,
        swatch=SWATCH,
        bars=tuple(bars),
        ticks=tuple(Tick(_r(LEFT + length(v)), str(v)) for v in range(0, scale_max + 1, step)),
        categories=tuple(
            Category(_r(top + GAP / 2 + c * group + len(series) * BAR / 2), label) for c, label in enumerate(categories)
        ),
        series=tuple(
            Series(name, tuple(values), PAD, PAD + s * LEGEND_ROW, PAD + SWATCH + 6, PAD + s * LEGEND_ROW + SWATCH / 2)
            for s, (name, values) in enumerate(series)
        ),
    )
