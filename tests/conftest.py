"""Shared test setup: every test gets its own data, config and cache folders (never the user's)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CLI = str(VENV_BIN / "interviewer-app")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "interviewer-home"
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    for var in ("INTERVIEWER_DATA_DIR", "INTERVIEWER_CONFIG_DIR", "INTERVIEWER_CACHE_DIR"):
        monkeypatch.delenv(var, raising=False)
    return home


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env
