"""Input devices (microphones) as PortAudio sees them, through an injectable sounddevice module."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    channels: int
    default_samplerate: float
    is_default: bool


def _sounddevice():
    try:
        import sounddevice
    except OSError:  # PortAudio library missing
        return None
    return sounddevice


def list_input_devices(sd=None) -> list[InputDevice]:
    sd = sd or _sounddevice()
    if sd is None:
        return []
    try:
        devices = sd.query_devices()
        default_in = sd.default.device[0] if sd.default.device else -1
    except Exception:
        return []
    return [InputDevice(i, d["name"], int(d["max_input_channels"]), float(d["default_samplerate"]),
                        i == default_in)
            for i, d in enumerate(devices) if d["max_input_channels"] > 0]
