"""The Qt binding itself must not corrupt Python's reference counts when the app emits signals:
PySide6 6.12.0 returned Signal.emit()'s bool without a reference, so each emit decremented
True/False and a recording (20+ emits a second) ended in a CPython abort after a few minutes."""

import sys

from interviewer_app.qt_binding import QObject, Signal


class Emitter(QObject):
    tick = Signal(float, float)
    update = Signal(object, object)


def test_emitting_signals_leaves_the_reference_counts_of_true_false_and_none_alone(qtbot):
    emitter = Emitter()
    received = []
    emitter.tick.connect(lambda a, b: received.append(a))
    emitter.update.connect(lambda a, b: received.append(a))
    before = [sys.getrefcount(x) for x in (True, False, None)]
    for i in range(5000):  # about four minutes of a recording's ticks
        emitter.tick.emit(float(i), -20.0)
        emitter.update.emit(i, None)
    after = [sys.getrefcount(x) for x in (True, False, None)]
    assert len(received) == 10000
    assert all(a >= b - 50 for a, b in zip(after, before)), (before, after)
