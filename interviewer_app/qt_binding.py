"""The one place Interviewer imports Qt from (the desktop app, the prompt voice and the PDF writer),
so a Qt upgrade or a change of binding touches one file. The optional add-on modules are loaded
on first use: a machine without them still runs everything else."""

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot  # noqa: F401


def charts():
    """QtCharts (the habits charts)."""
    from PySide6 import QtCharts

    return QtCharts


def media_devices():
    """QMediaDevices (which audio outputs exist), from QtMultimedia."""
    from PySide6.QtMultimedia import QMediaDevices

    return QMediaDevices


def text_to_speech():
    """QTextToSpeech, from QtTextToSpeech (ImportError when the add-on is missing)."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    return QTextToSpeech
