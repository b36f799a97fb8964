"""The one place the UI imports Qt from, so a Qt upgrade or binding change touches one file."""

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot  # noqa: F401
