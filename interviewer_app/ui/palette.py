"""Colours that follow the light or dark palette: good / bad / warning, and tinted callout boxes."""

from __future__ import annotations

from interviewer_app.qt_binding import QtGui


def is_dark(palette: QtGui.QPalette) -> bool:
    return palette.color(QtGui.QPalette.ColorRole.Window).lightness() < 128


def status_colors(palette: QtGui.QPalette) -> dict[str, str]:
    """Good / bad / warning colours readable on the palette's window colour."""
    if is_dark(palette):
        return {"good": "#3FB950", "bad": "#FF7B72", "warn": "#E3B341"}
    return {"good": "#166D31", "bad": "#CF222E", "warn": "#8A5C00"}  # >= 4.5:1 on the light window


def callout_style(selector: str, color: str, alpha: int = 40, padding: str | None = "6px 8px") -> str:
    """A box tinted with `color` and a solid bar of it on the left (warnings, notes, summaries)."""
    c = QtGui.QColor(color)
    pad = f" padding: {padding};" if padding else ""
    return (f"{selector} {{ background-color: rgba({c.red()},{c.green()},{c.blue()},{alpha}); "
            f"border-left: 4px solid {c.name()}; border-radius: 3px;{pad} }}")
