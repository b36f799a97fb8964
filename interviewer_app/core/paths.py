"""Where Interviewer keeps its files: one place, from platformdirs, overridable by environment.

INTERVIEWER_HOME puts data, config, cache and logs under one folder (handy for tests and portable
use); INTERVIEWER_DATA_DIR, INTERVIEWER_CONFIG_DIR, INTERVIEWER_CACHE_DIR and INTERVIEWER_LOG_DIR
override each one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "interviewer-app"
DB_FILENAME = "interviewer.sqlite3"
USER_PROMPTS_FILENAME = "prompts.toml"
USER_BUDGETS_FILENAME = "budgets.toml"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    cache_dir: Path
    log_dir: Path | None = None  # None: <cache_dir>/logs

    def __post_init__(self) -> None:
        if self.log_dir is None:
            object.__setattr__(self, "log_dir", self.cache_dir / "logs")

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def recordings_dir(self) -> Path:
        return self.data_dir / "recordings"

    @property
    def models_dir(self) -> Path:
        return self.cache_dir / "models"

    @property
    def user_prompts(self) -> Path:
        return self.config_dir / USER_PROMPTS_FILENAME

    @property
    def user_budgets(self) -> Path:
        return self.config_dir / USER_BUDGETS_FILENAME


def app_paths(env: dict[str, str] | None = None) -> AppPaths:
    """Resolve the folders from the environment (read at call time, never at import)."""
    env = os.environ if env is None else env
    home = env.get("INTERVIEWER_HOME")

    def pick(var: str, sub: str, default: str) -> Path:
        if env.get(var):
            return Path(env[var]).expanduser()
        if home:
            return Path(home).expanduser() / sub
        return Path(default)

    return AppPaths(
        data_dir=pick("INTERVIEWER_DATA_DIR", "data", platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=pick("INTERVIEWER_CONFIG_DIR", "config", platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache_dir=pick("INTERVIEWER_CACHE_DIR", "cache", platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        log_dir=pick("INTERVIEWER_LOG_DIR", "logs", platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def resource_dir(name: str) -> Path:
    """A folder of bundled data (`prompts`, `assets`) shipped with the package."""
    return Path(__file__).resolve().parent.parent / "resources" / name
