"""Small SVG charts for the run report, embedded in markdown as data: URI images.

The Prefect UI renders a markdown artifact's images, so a chart travels inside the
artifact itself: no file server, no link that a browser refuses to open. Two shapes are
enough for the report: horizontal bars (counts by rule, kind, reason, language) and
small multiples of lines over the last runs (trends).
"""
from __future__ import annotations

import base64
from html import escape

BAR_COLOR = "#2563eb"
LINE_COLOR = "#059669"
FONT = "font-family='sans-serif' font-size='12'"


def _image(svg: str, alt: str) -> str:
    """Markdown image with the SVG inlined as base64 (no external request).

    >>> _image("<svg/>", "x")
    '![x](data:image/svg+xml;base64,PHN2Zy8+)'
    """
    return f"![{alt}](data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()})"


def bar_chart_svg(title: str, counts: dict[str, float], limit: int = 12, width: int = 560) -> str:
    """Horizontal bars, largest first, at most `limit` (the rest summed as "other")."""
    items = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if len(items) > limit:
        items = items[:limit - 1] + [("other", sum(value for _, value in items[limit - 1:]))]
    label_width, row, top = 200, 22, 28
    height = top + row * max(len(items), 1) + 8
    largest = max((value for _, value in items), default=0) or 1
    bar_space = width - label_width - 70
    parts = [_open_svg(width, height), f"<text x='4' y='16' font-weight='bold'>{escape(title)}</text>"]
    if not items:
        parts.append(f"<text x='4' y='{top + 14}' fill='#6b7280'>nothing to show</text>")
    for i, (label, value) in enumerate(items):
        y = top + i * row
        length = max(1.0, bar_space * value / largest)
        shown = label if len(label) <= 30 else label[:29] + "…"
        parts += [f"<text x='{label_width - 6}' y='{y + 14}' text-anchor='end'>{escape(shown)}</text>",
                  f"<rect x='{label_width}' y='{y + 3}' width='{length:.1f}' height='{row - 8}' fill='{BAR_COLOR}'/>",
                  f"<text x='{label_width + length + 4:.1f}' y='{y + 14}'>{_number(value)}</text>"]
    parts.append("</svg>")
    return "".join(parts)


def _open_svg(width: int, height: int) -> str:
    """An SVG on a white card: readable on the Prefect UI's dark and light themes alike."""
    return (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' {FONT}>"
            f"<rect width='{width}' height='{height}' rx='6' fill='#ffffff'/>")


def line_panel(title: str, values: list[float], labels: list[str], width: int = 270, height: int = 150) -> str:
    """SVG elements (no <svg> wrapper) of one series over the last runs: oldest on the
    left, last value printed. Panels are placed side by side by `trend_svg`."""
    left, right, top, bottom = 8, 60, 26, 22
    parts = [f"<text x='4' y='16' font-weight='bold'>{escape(title)}</text>",
             f"<line x1='{left}' y1='{height - bottom}' x2='{width - right}' y2='{height - bottom}' stroke='#9ca3af'/>"]
    if values:
        low, high = min(min(values), 0), max(values) or 1
        span = (high - low) or 1
        step = (width - left - right) / max(len(values) - 1, 1)
        points = [(left + i * step, top + (height - top - bottom) * (1 - (v - low) / span)) for i, v in enumerate(values)]
        parts.append(f"<polyline fill='none' stroke='{LINE_COLOR}' stroke-width='2' points='"
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + "'/>")
        parts += [f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3' fill='{LINE_COLOR}'/>" for x, y in points]
        x, y = points[-1]
        parts.append(f"<text x='{x + 6:.1f}' y='{y + 4:.1f}'>{_number(values[-1])}</text>")
        parts.append(f"<text x='{left}' y='{height - 6}' fill='#6b7280'>{escape(labels[0])}</text>")
        if len(labels) > 1:
            parts.append(f"<text x='{width - right}' y='{height - 6}' text-anchor='end' fill='#6b7280'>"
                         f"{escape(labels[-1])}</text>")
    return "".join(parts)


def trend_svg(series: list[tuple[str, list[float]]], labels: list[str], columns: int = 3,
              panel: tuple[int, int] = (270, 150)) -> str:
    """Small multiples: one line panel per series, `columns` to a row, in one image."""
    rows = -(-len(series) // columns)
    width, height = panel[0] * columns, panel[1] * rows
    parts = [_open_svg(width, height)]
    for i, (title, values) in enumerate(series):
        x, y = panel[0] * (i % columns), panel[1] * (i // columns)
        parts.append(f"<g transform='translate({x},{y})'>{line_panel(title, values, labels, *panel)}</g>")
    parts.append("</svg>")
    return "".join(parts)


def _number(value: float) -> str:
    """
    >>> _number(1234567), _number(0.1234), _number(12.5)
    ('1,234,567', '0.123', '12.5')
    """
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:,.1f}"


def bar_chart(title: str, counts: dict[str, float], limit: int = 12) -> str:
    return _image(bar_chart_svg(title, counts, limit), title)


def trend_chart(title: str, series: list[tuple[str, list[float]]], labels: list[str]) -> str:
    return _image(trend_svg(series, labels), title + ": " + ", ".join(name for name, _ in series))
