"""Input devices (microphones) as PortAudio sees them, through an injectable sounddevice module."""

from __future__ import annotations

import re
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


_ALSA_CARD = re.compile(r"\s*\(hw:[^)]*\)\s*$", re.IGNORECASE)
_SOUND_SERVERS = {
    "default": "System default microphone",
    "sysdefault": "System default microphone (ALSA)",
    "pulse": "System sound server (PulseAudio or PipeWire)",
    "pipewire": "System sound server (PipeWire)",
    "jack": "JACK sound server",
}


def friendly_name(device: InputDevice) -> str:
    """What to call a microphone on screen: PortAudio's "default" and "pulse" in plain words, ALSA's
    card numbers ("(hw:2,0)", which change between plug-ins) left out, and the system default
    marked once ("default (default)" said nothing)."""
    plain = _SOUND_SERVERS.get(device.name.strip().lower())
    name = plain or _ALSA_CARD.sub("", device.name).strip() or device.name
    if device.is_default and "default" not in name.lower():
        name += " (default)"
    return name
