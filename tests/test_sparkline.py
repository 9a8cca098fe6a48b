"""The overview's sparkline is drawn as inline SVG (charts.sparkline_svg)."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

from monitor import charts

D = dt.date


def _svg(points, colour="#0072B2"):
    svg = charts.sparkline_svg(points, colour)
    return svg, ET.fromstring(svg)  # well-formed: a broken tag would end up on the page as text


def test_line_through_shown_points_in_time_order_and_a_dot_on_the_last():
    svg, root = _svg([(D(2024, 1, 31), 10.0), (D(2024, 2, 29), None), (D(2024, 3, 31), 30.0),
                      (D(2024, 12, 31), 20.0)])
    line = root.find("polyline")
    coords = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
    assert len(coords) == 3  # the hidden value is left out, never drawn as 0
    xs, ys = [x for x, _ in coords], [y for _, y in coords]
    assert xs == sorted(xs) and xs[0] < xs[-1]
    # time is proportional: March is a fifth of the way from January to December
    assert abs((xs[1] - xs[0]) / (xs[2] - xs[0]) - 60 / 335) < 0.01
    assert ys[1] < ys[2] < ys[0]  # higher value, higher on screen (smaller y)
    dot = root.find("path")
    assert dot.get("d").startswith(f"M{coords[-1][0]:.1f} {coords[-1][1]:.1f}")
    assert line.get("stroke") == dot.get("stroke") == "#0072B2"
    assert root.get("aria-hidden") == "true"


def test_one_point_is_a_dot_and_no_point_an_empty_drawing():
    _, root = _svg([(D(2024, 1, 31), 5.0), (D(2024, 2, 29), None)])
    assert root.find("polyline") is None and root.find("path") is not None
    svg, root = _svg([(D(2024, 1, 31), None)])
    assert list(root) == []
    assert re.search(r"height='50'", svg)
