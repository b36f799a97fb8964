"""One colour per answer step, readable on light and dark backgrounds (used for highlights and
the legend). Colours are Okabe-Ito-like so they stay distinct for colour-blind users."""

from interviewer_app.core.steps import STEP_KEYS

STEP_COLORS: dict[str, str] = {
    "restate": "#E69F00",
    "scope": "#56B4E9",
    "map": "#009E73",
    "bottleneck": "#D55E00",
    "options": "#CC79A7",
    "prioritize": "#0072B2",
    "sequence": "#9467BD",
    "risks": "#B8860B",
}
assert tuple(STEP_COLORS) == STEP_KEYS


def highlight(step: str, alpha: int = 70) -> str:
    """A translucent background colour for highlighting text of a step (#AARRGGBB)."""
    return f"#{alpha:02X}{STEP_COLORS[step][1:]}"
