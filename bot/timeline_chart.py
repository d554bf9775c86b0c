"""The /status timeline chart: claims on a topic by side over time, as PNG bytes (matplotlib, Agg).

One lane per side (Russia, Ukraine, independent), one marker per claim, coloured by its stance on
control; rendered off-screen, so it runs on servers without a display.
"""

from __future__ import annotations

import io
from datetime import date

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402 - after choosing the backend

from bot.topics import SIDE_NAMES, SIDES, TopicStatus  # noqa: E402

STANCE_COLOURS = {
    "captured": "#c0392b", "withdrawal": "#e67e22", "encircled": "#d35400",
    "contested": "#8e44ad", "held": "#2471a3", "not_encircled": "#2e86c1", "other": "#95a5a6",
}
LANES = (*SIDES, None)


def render_timeline_png(status: TopicStatus, *, width: float = 8.0, height: float = 3.6,
                        dpi: int = 100) -> bytes:
    """A PNG of the topic's dated claims: x is the day, y the side, colour the stance."""
    figure = Figure(figsize=(width, height), dpi=dpi)
    axes = figure.subplots()
    lanes = [lane for lane in LANES if any(i.side == lane for i in status.items)] or list(SIDES)
    seen: set[str] = set()
    counts: dict[tuple[int, str], int] = {}
    for item in status.items:
        if not item.day or item.side not in lanes:
            continue
        try:
            day = date.fromisoformat(item.day)
        except ValueError:
            continue
        y = lanes.index(item.side)
        stacked = counts.get((y, item.day), 0)
        counts[(y, item.day)] = stacked + 1
        label = item.stance if item.stance not in seen else None
        seen.add(item.stance)
        axes.scatter([day], [y + 0.12 * stacked - 0.2], s=60,
                     color=STANCE_COLOURS.get(item.stance, STANCE_COLOURS["other"]),
                     edgecolors="black", linewidths=0.4, label=label, zorder=3)
    axes.set_yticks(range(len(lanes)),
                    [SIDE_NAMES.get(lane or "", "Unattributed") for lane in lanes])
    axes.set_ylim(-0.7, len(lanes) - 0.1)
    axes.grid(axis="x", linestyle=":", linewidth=0.6)
    axes.set_title(f"Claims about {status.topic}, by side")
    figure.autofmt_xdate()
    if seen:
        axes.legend(loc="upper left", fontsize=7, ncols=4, frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
