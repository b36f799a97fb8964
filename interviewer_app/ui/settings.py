"""Settings the app remembers between runs, as typed accessors over one INI file in the config
folder (so tests and portable installs keep it out of the user's real settings)."""

from __future__ import annotations

from pathlib import Path

from interviewer_app.qt_binding import QtCore


class AppSettings:
    KEYS = {
        "prompt_id": str, "budget_format": str, "budget_phase": str, "budget_seconds": float,
        "device_name": str, "voice": str, "speak_prompt": bool, "think_seconds": int,
        "window_geometry": QtCore.QByteArray, "first_run_done": bool, "show_live": bool, "export_dir": str, "rate_first": bool,
        "speech_model": str,  # a model name or folder (ui/model_choice.py); unset: the bundled tiny.en
        "speech_speed": str,  # "<seconds of work per audio second> <model>", the last answer's
        "keep_fillers": bool,  # Settings › Write down "um" and "uh" (ui/model_choice.py)
    }
    DEFAULTS = {"speak_prompt": True, "think_seconds": 0, "first_run_done": False, "show_live": True,
                "keep_fillers": False}

    def __init__(self, config_dir: Path):
        config_dir.mkdir(parents=True, exist_ok=True)
        self._s = QtCore.QSettings(str(config_dir / "settings.ini"), QtCore.QSettings.Format.IniFormat)

    def get(self, key: str):
        kind = self.KEYS[key]
        value = self._s.value(key, self.DEFAULTS.get(key))
        if value is None or (value == "" and kind is not str):
            return self.DEFAULTS.get(key)
        if kind is bool:
            return value in (True, "true", "1", 1)
        if kind in (int, float):
            try:
                return kind(value)
            except (TypeError, ValueError):
                return self.DEFAULTS.get(key)
        return value

    def set(self, key: str, value) -> None:
        if key not in self.KEYS:
            raise KeyError(key)
        if value is None:
            self._s.remove(key)
        else:
            self._s.setValue(key, value)
        self._s.sync()
