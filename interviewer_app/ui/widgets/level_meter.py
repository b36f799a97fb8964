"""A horizontal microphone level meter (-60..0 dBFS) with green/amber/red zones and a decaying peak mark.

Pure view: the owner pushes levels in with `set_level()` (the recorder's status, polled every
50 ms); the peak mark holds for `hold_updates` calls and then falls `decay_db` per call, so no
timer lives in here and tests are deterministic.
"""

from __future__ import annotations

import math

from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets

MIN_DB = -60.0
MAX_DB = 0.0
AMBER_DB = -15.0  # speech RMS above this is loud; peaks are near clipping
RED_DB = -6.0  # RMS this high almost certainly clips
ZONES = ((MIN_DB, AMBER_DB, "#2E9E44"), (AMBER_DB, RED_DB, "#F2A900"), (RED_DB, MAX_DB, "#D32F2F"))
TICKS_DB = (-48.0, -36.0, -24.0, -12.0, -6.0)


def _clamp(dbfs: float) -> float:
    if dbfs is None or math.isnan(dbfs):
        return MIN_DB
    return min(MAX_DB, max(MIN_DB, dbfs))


class LevelMeter(QtWidgets.QWidget):
    def __init__(self, parent=None, *, hold_updates: int = 30, decay_db: float = 1.0):
        super().__init__(parent)
        self._hold_updates = hold_updates
        self._decay_db = decay_db
        self._level = MIN_DB
        self._peak = MIN_DB
        self._hold_left = 0
        self._described = None
        self.setAccessibleName("Input level")
        self.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
        self.setMinimumSize(120, 14)
        self._describe()

    # -- model -----------------------------------------------------------------------------
    def set_level(self, dbfs: float) -> None:
        """Show a new level (dBFS; -inf or NaN for silence). Also advances the peak hold/decay."""
        self._level = _clamp(dbfs)
        if self._level >= self._peak:
            self._peak = self._level
            self._hold_left = self._hold_updates
        elif self._hold_left > 0:
            self._hold_left -= 1
        else:
            self._peak = max(self._level, self._peak - self._decay_db)
        self._describe()
        self.update()

    def level(self) -> float:
        """The level shown, clamped to -60..0 dBFS."""
        return self._level

    def peak(self) -> float:
        """Where the peak mark is, in dBFS."""
        return self._peak

    def reset(self) -> None:
        self._level = self._peak = MIN_DB
        self._hold_left = 0
        self._describe()
        self.update()

    def _describe(self) -> None:
        text = "silent" if self._level <= MIN_DB else f"{self._level:.0f} dBFS, peak {self._peak:.0f} dBFS"
        if text != self._described:  # screen readers and tooltips get whole-dB changes only
            self._described = text
            self.setAccessibleDescription(text)
            self.setToolTip(f"Input level: {text}")

    # -- view ------------------------------------------------------------------------------
    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(240, 18)

    def _x(self, rect: QtCore.QRectF, dbfs: float) -> float:
        return rect.left() + rect.width() * (dbfs - MIN_DB) / (MAX_DB - MIN_DB)

    def paintEvent(self, event) -> None:
        p = QtGui.QPainter(self)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        rect = QtCore.QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        track = pal.color(QtGui.QPalette.ColorRole.Base)
        p.setPen(QtGui.QPen(pal.color(QtGui.QPalette.ColorRole.Mid), 1))
        p.setBrush(track)
        p.drawRoundedRect(rect, 3, 3)
        inner = rect.adjusted(2, 2, -2, -2)
        enabled = self.isEnabled()
        for low, high, colour in ZONES:
            zone = QtCore.QRectF(QtCore.QPointF(self._x(inner, low), inner.top()),
                                 QtCore.QPointF(self._x(inner, high), inner.bottom()))
            dim = QtGui.QColor(colour)
            dim.setAlphaF(0.18)
            p.fillRect(zone, dim)  # the scale is always visible, faintly
            if enabled and self._level > low:
                lit = QtCore.QRectF(zone)
                lit.setRight(self._x(inner, min(self._level, high)))
                p.fillRect(lit, QtGui.QColor(colour))
        tick_pen = QtGui.QPen(pal.color(QtGui.QPalette.ColorRole.Mid), 1)
        p.setPen(tick_pen)
        for db in TICKS_DB:
            x = round(self._x(inner, db)) + 0.5
            p.drawLine(QtCore.QPointF(x, inner.bottom() - 3), QtCore.QPointF(x, inner.bottom()))
        if enabled and self._peak > MIN_DB:
            colour = next(c for low, high, c in ZONES if self._peak <= high)
            x = self._x(inner, self._peak)
            p.fillRect(QtCore.QRectF(min(x, inner.right() - 3), inner.top(), 3, inner.height()),
                       QtGui.QColor(colour).darker(130))
        p.end()
