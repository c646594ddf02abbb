"""The progress view drawn as a small SVG chart, for an app to show (``repairkit[charts]``).

``progress_svg(kit.progress(couple, actor=...))`` returns the SVG text: one panel of
the couple's lines week by week, one of the reader's own lines, the harder weeks
shaded lightly as part of the path. Trends and ranges, never a score, never one
partner against the other (the view holds no per-person figure about anyone but its
reader). A week a line does not show (its counts aged out, or before the couple began)
is a gap, not a zero.

It uses matplotlib (installed with ``pip install repairkit[charts]``) through its
object API, with no global state, so it is safe in a server; the text is the same for
the same view (no date, fixed ids).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from repairkit.core.progress import Progress, ProgressLine

__all__ = ["progress_svg"]

_CALM = ("#4c72b0", "#55a868", "#8172b2", "#64b5cd", "#ccb974", "#937860", "#8c8c8c")
"""Soft colours, none of them an alarm red (repairkit's own palette)."""


def _matplotlib() -> tuple[Any, Any]:
    try:
        import matplotlib as mpl  # noqa: PLC0415 - an optional extra, imported when drawing
        from matplotlib.figure import Figure  # noqa: PLC0415
    except ModuleNotFoundError as missing:  # pragma: no cover - the extra is installed here
        msg = "repairkit.charts needs matplotlib: pip install 'repairkit[charts]'"
        raise ModuleNotFoundError(msg) from missing
    return mpl, Figure


def progress_svg(progress: Progress, *, title: str = "How the weeks went", own: bool = True) -> str:
    """Return *progress* drawn as an SVG document (text), the same for the same view.

    The reader's own lines get a panel of their own; ``own=False`` leaves it out, for a
    screen both partners look at (those lines are the reader's alone).

    Raises:
        ModuleNotFoundError: matplotlib is not installed (``repairkit[charts]``).
    """
    mpl, figure_type = _matplotlib()
    weeks = [w.name.split("-")[1] for w in progress.weeks]
    panels = [("Together", progress.lines)]
    if own and progress.own:
        panels.append(("Your own (only you see this)", progress.own))
    with mpl.rc_context({"svg.hashsalt": "repairkit", "font.size": 8}):
        figure = figure_type(figsize=(7.0, 2.4 * len(panels)), layout="constrained")
        axes = figure.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
        figure.suptitle(title)
        for ax, (heading, lines) in zip(axes, panels, strict=True):
            _panel(
                ax,
                heading,
                weeks,
                lines,
                harder=progress.harder,
                names=[w.name for w in progress.weeks],
            )
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _panel(
    ax: Any,  # noqa: ANN401 - a matplotlib Axes
    heading: str,
    weeks: list[str],
    lines: Sequence[ProgressLine],
    *,
    harder: Sequence[str],
    names: list[str],
) -> None:
    for index, name in enumerate(names):
        if name in harder:
            ax.axvspan(index - 0.5, index + 0.5, color="#e8e2d0", zorder=0)
    for number, line in enumerate(lines):
        if line.low is None:  # not shown in any of these weeks (aged out, or not agreed)
            continue
        values = [math.nan if v is None else v for v in line.values]
        ax.plot(
            range(len(weeks)),
            values,
            marker="o",
            markersize=3,
            linewidth=1.5,
            linestyle="--" if line.setback else "-",
            color=_CALM[number % len(_CALM)],
            label=line.label,
        )
    ax.set_title(heading, loc="left")
    ax.set_xticks(range(len(weeks)), weeks)
    ax.set_ylim(bottom=0)
    ax.spines[["top", "right"]].set_visible(False)
    if harder:
        ax.plot([], [], color="#e8e2d0", linewidth=6, label="a harder week")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
