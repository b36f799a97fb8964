"""One colour per answer step, readable on light and dark backgrounds (used for highlights and
the legend). Colours are Okabe-Ito-like so they stay distinct for colour-blind users."""

from interviewer_app.core.steps import STEP_COLORS, STEP_KEYS

assert tuple(STEP_COLORS) == STEP_KEYS


def highlight(step: str, alpha: int = 70) -> str:
    """A translucent background colour for highlighting text of a step (#AARRGGBB)."""
    return f"#{alpha:02X}{STEP_COLORS[step][1:]}"
