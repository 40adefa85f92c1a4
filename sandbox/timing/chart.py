"""The before-and-after bar chart, drawn on the server as SVG: readable without JavaScript,
with a text alternative and the same figures in the table beside it."""

import textwrap

from markupsafe import Markup, escape

from sandbox.timing.report import Line, minutes_seconds

BAR, GAP, LINE_HEIGHT, LABEL_WIDTH, WIDTH = 22, 18, 17, 240, 720
LABEL_CHARACTERS = 28  # what fits LABEL_WIDTH at the chart's type size


def _label(line: Line) -> list[tuple[str, str]]:
    """The work type's whole name, wrapped to the label column (never cut short), then its
    name before when a new version renamed it: (text, class) per line."""
    lines = [(text, "") for text in textwrap.wrap(line.work_type, LABEL_CHARACTERS) or [""]]
    if line.work_type_before:
        lines += [(text, ' class="app-chart__before-name"') for text in textwrap.wrap(
            f"Before: {line.work_type_before}", LABEL_CHARACTERS)]
    return lines


def bar_chart(lines: list[Line], caption: str) -> Markup:
    longest = max([v for line in lines for v in (line.avg_before_minutes,
                                                 line.avg_after_minutes) if v] or [1])
    scale = (WIDTH - LABEL_WIDTH - 110) / longest
    parts, top = [], 10
    for line in lines:
        label = _label(line)
        parts.append(f'<text x="0" y="{top + 15}" class="app-chart__label">' + "".join(
            f'<tspan x="0" dy="{LINE_HEIGHT if n else 0}"{kind}>{escape(text)}</tspan>'
            for n, (text, kind) in enumerate(label)) + "</text>")
        for j, (name, value) in enumerate((("Before", line.avg_before_minutes),
                                           ("After", line.avg_after_minutes))):
            y = top + j * (BAR + 4)
            length = (value or 0) * scale
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" '
                         f'height="{BAR}" class="app-chart__{name.lower()}"/>')
            parts.append(f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR - 6}" '
                         f'class="app-chart__value">{name}: {minutes_seconds(value)}</text>')
        top += max(2 * BAR + 4, LINE_HEIGHT * len(label)) + GAP
    height = top + 30
    head = [f'<svg class="app-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="chart-title">{escape(caption)}</title>']
    legend = (f'<text x="{LABEL_WIDTH}" y="{top + 10}" class="app-chart__value">'
              'Dark bars: before. Light bars: after. Average time per piece of work.'
              '</text></svg>')
    return Markup("".join(head + parts + [legend]))  # noqa: S704 - every text part is escaped
