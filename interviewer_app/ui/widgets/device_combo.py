"""Choose the microphone: the input devices PortAudio sees, the system default marked."""

from __future__ import annotations

import re
from typing import Callable, Sequence

from interviewer_app.audio.devices import InputDevice, friendly_name, list_input_devices
from interviewer_app.qt_binding import Qt, QtWidgets

INDEX_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_ROLE = Qt.ItemDataRole.UserRole + 2
DEFAULT_MARK = " (default)"
NO_DEVICE_TEXT = "No microphone found"
# "(default)" is ours; "(hw:2,0)" is ALSA's card number, which can change between plug-ins.
_NAME_NOISE = re.compile(r"(\s*\((default|hw:[^)]*)\))+\s*$", re.IGNORECASE)


def _plain_name(name: str) -> str:
    return _NAME_NOISE.sub("", name or "").strip().lower()


class DeviceCombo(QtWidgets.QComboBox):
    """One entry per input device; the system default is marked "(default)" and reported as None
    by current_device(), so recording follows the system default. With no device at all the combo
    holds one disabled entry, "No microphone found"."""

    def __init__(self, list_devices: Callable[[], Sequence[InputDevice]] | None = None, parent=None):
        super().__init__(parent)
        self._list_devices = list_devices or list_input_devices
        self._has_devices = False
        self.setObjectName("device_combo")
        self.setAccessibleName("Microphone")
        self.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.refresh()

    def has_devices(self) -> bool:
        return self._has_devices

    def current_device(self) -> int | None:
        """The PortAudio index to record from; None for the system default (or no device)."""
        if not self._has_devices or self.currentIndex() < 0 or self.currentData(DEFAULT_ROLE):
            return None
        return self.currentData(INDEX_ROLE)

    def current_name(self) -> str | None:
        """The device's own name, without the "(default)" mark; None when there is no device."""
        return self.currentData(NAME_ROLE) if self._has_devices else None

    def select_by_name(self, name: str | None) -> bool:
        """Select a remembered device by name (indices change between runs). Accepts the name with
        or without "(default)"; False, and the selection unchanged, if no such device is present."""
        if not self._has_devices or not name:
            return False
        names = [self.itemData(row, NAME_ROLE) or "" for row in range(self.count())]
        row = names.index(name) if name in names else -1
        if row < 0:
            wanted = _plain_name(name)
            row = next((i for i, n in enumerate(names) if _plain_name(n) == wanted), -1)
        if row >= 0:
            self.setCurrentIndex(row)
        return row >= 0

    def refresh(self) -> None:
        """List the devices again, keeping the chosen one if it is still there, else the default."""
        keep = self.current_name()
        before = self.currentText()
        try:
            devices = list(self._list_devices())
        except Exception:  # noqa: BLE001 (a broken audio stack means "no microphone", not a crash)
            devices = []
        self.blockSignals(True)
        self.clear()
        for device in devices:
            self.addItem(friendly_name(device))
            row = self.count() - 1
            self.setItemData(row, device.index, INDEX_ROLE)
            self.setItemData(row, device.name, NAME_ROLE)
            self.setItemData(row, device.is_default, DEFAULT_ROLE)
            channels = f"{device.channels} channel{'s' if device.channels != 1 else ''}"
            self.setItemData(row, f"{device.name}\n{channels} · {device.default_samplerate / 1000:g} kHz"
                             + ("\nThe system's default microphone" if device.is_default else ""),
                             Qt.ItemDataRole.ToolTipRole)
        self._has_devices = bool(devices)
        if devices:
            self.setEnabled(True)
            self.setToolTip("The microphone to record your answer with")
            default_row = next((i for i, d in enumerate(devices) if d.is_default), 0)
            self.setCurrentIndex(default_row)
            if keep:
                self.select_by_name(keep)
        else:
            self.addItem(NO_DEVICE_TEXT)
            self.setEnabled(False)
            self.setToolTip("No microphone was found. Plug one in and refresh, or analyze an audio file.")
        self.blockSignals(False)
        if self.currentText() != before:
            self.currentIndexChanged.emit(self.currentIndex())
