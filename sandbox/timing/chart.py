"""The before-and-after bar chart, drawn on the server as SVG: readable without JavaScript,
with a text alternative and the same figures in the table beside it."""

from markupsafe import Markup, escape

from sandbox.timing.report import Line, hours_minutes

ROW, BAR, LABEL_WIDTH, WIDTH = 64, 22, 240, 720


def bar_chart(lines: list[Line], caption: str) -> Markup:
    longest = max([v for line in lines for v in (line.avg_before_minutes,
                                                 line.avg_after_minutes) if v] or [1])
    scale = (WIDTH - LABEL_WIDTH - 90) / longest
    height = ROW * len(lines) + 40
    parts = [f'<svg class="app-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
             f'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="chart-title">{escape(caption)}</title>']
    for i, line in enumerate(lines):
        top = 10 + i * ROW
        parts.append(f'<text x="0" y="{top + BAR}" class="app-chart__label">'
                     f'{escape(line.work_type[:34])}</text>')
        for j, (name, value) in enumerate((("Before", line.avg_before_minutes),
                                           ("After", line.avg_after_minutes))):
            y = top + j * (BAR + 4)
            length = (value or 0) * scale
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" '
                         f'height="{BAR}" class="app-chart__{name.lower()}"/>')
            parts.append(f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR - 6}" '
                         f'class="app-chart__value">{name}: {hours_minutes(value)}</text>')
    legend = 10 + len(lines) * ROW
    parts.append(f'<text x="{LABEL_WIDTH}" y="{legend + 16}" class="app-chart__value">'
                 'Dark bars: before. Light bars: after. Average time per piece of work.'
                 '</text></svg>')
    return Markup("".join(parts))  # noqa: S704 - every text part is escaped above
