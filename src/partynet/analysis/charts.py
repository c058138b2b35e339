"""Charts of the report as inline SVG (pygal), and the world map of countries in contact drawn from the
country shapes that ship in pygal-maps-world: no script from the web, no tiles, no network."""

from __future__ import annotations

import re
from typing import Any

import pycountry
import pygal
from pygal.style import Style
from pygal_maps_world.maps import World

from partynet.analysis.coverage import YearCoverage

_STYLE = Style(
    background="white",
    plot_background="white",
    font_family="system-ui, sans-serif",
    colors=("#1f6f8b", "#e07a1f", "#5a9e4b", "#b23a48", "#7b5ea7", "#8c6d46", "#d17fb5", "#6e6e6e"),
)
_COMMON: dict[str, Any] = {
    "style": _STYLE,
    "js": [],  # pygal's tooltips script lives on the web: the report must open offline
    "disable_xml_declaration": True,
    "width": 900,
    "height": 380,
    "legend_at_bottom": True,
    "print_values": False,
}


def coverage_chart(years: list[YearCoverage]) -> str:
    """Partners and countries in contact per year, and partners in all so far."""
    chart = pygal.Bar(title="Partners and countries in contact, per year and cumulative", **_COMMON)
    chart.x_labels = [str(y.year) for y in years]
    chart.add("partners in the year", [y.partners for y in years])
    chart.add("countries in the year", [y.countries for y in years])
    chart.add("partners so far", [y.cumulative_partners for y in years])
    return _render(chart)


def kinds_chart(years: list[YearCoverage]) -> str:
    """Exchanges per year, stacked by kind."""
    chart = pygal.StackedBar(title="Exchanges per year, by kind", **_COMMON)
    chart.x_labels = [str(y.year) for y in years]
    kinds = sorted({k for y in years for k in y.kinds})
    for kind in kinds:
        chart.add(kind, [y.kinds.get(kind, 0) for y in years])
    return _render(chart)


def regions_chart(by_region: dict[str, int]) -> str:
    """Countries in contact per world region."""
    chart = pygal.HorizontalBar(
        title="Countries in contact, by region", **(_COMMON | {"show_legend": False, "print_values": True})
    )
    ordered = sorted(by_region.items(), key=lambda item: (item[1], item[0]))
    chart.x_labels = [region for region, _ in ordered]
    chart.add("countries", [count for _, count in ordered])
    return _render(chart)


def world_map(
    partners_by_country: dict[str, int], title: str = "Countries in contact (shade: partners in the country)"
) -> str:
    """Countries shaded by a count: in the report, the focal party's partners in each."""
    chart = World(title=title, **_COMMON)
    values = {}
    for iso3, count in partners_by_country.items():
        country = pycountry.countries.get(alpha_3=iso3)
        if country is not None:
            values[country.alpha_2.lower()] = count
    chart.add("partners", values)
    return _render(chart)


_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def _render(chart: Any) -> str:
    """The chart's SVG without pygal's inline configuration script: the pages that embed it run no
    inline script (the dashboard's content security policy forbids it) and need none."""
    return _SCRIPT.sub("", str(chart.render(is_unicode=True)))
