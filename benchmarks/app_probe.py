"""The shared start of the desktop-app benchmark children: the real window, shown, and a 10 ms UI
timer whose gaps measure event-loop stalls (a gap well over 10 ms is time the UI was frozen)."""

from __future__ import annotations

import sys


class StallProbe:
    def __init__(self):
        from interviewer_app.qt_binding import QtCore

        self.gaps: list[int] = []  # ms between beats
        self.clock = QtCore.QElapsedTimer()
        self.clock.start()
        self._last = self.clock.elapsed()
        self.timer = QtCore.QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = self.clock.elapsed()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self._last = self.clock.elapsed()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def open_window():
    """(QApplication, main window shown) exactly as the app builds them."""
    from interviewer_app.qt_binding import QtWidgets
    from interviewer_app.ui.app import apply_theme, create_window

    app = QtWidgets.QApplication(sys.argv)
    apply_theme(app)
    window = create_window()
    window.show()
    return app, window
