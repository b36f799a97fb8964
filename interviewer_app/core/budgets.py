"""Time budgets: bundled prompts/budgets.toml, optionally overridden by the user's budgets.toml."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from interviewer_app.core.datafile import TomlDoc, read_toml
from interviewer_app.core.errors import UsageError
from interviewer_app.core.models import Budget
from interviewer_app.core.paths import resource_dir

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MIN_BUDGET_S = 1
MAX_BUDGET_S = 4 * 3600
# What a phase of an interview asks for (the mock interview, mock/plan.py, reads these): "story" a
# past project told with C.A.R.E., "scenario" a hypothetical execution problem, "live-scenario" an
# incident or risk scenario (Stripe's live scenario, guide 002); "intro" and "questions" (the
# candidate's questions at the end) take no answer to analyse.
PHASE_ASKS: tuple[str, ...] = ("story", "scenario", "live-scenario", "intro", "questions")
ANSWER_ASKS: tuple[str, ...] = ("story", "scenario", "live-scenario")
MAX_FOLLOW_UPS = 3


@dataclass(frozen=True)
class Phase:
    key: str
    name: str
    seconds: float
    asks: tuple[str, ...] = ()  # empty when the file does not say (mock/plan.py infers it)
    follow_ups: int | None = None  # most follow-ups after each answer in a mock; None: default


@dataclass(frozen=True)
class Format:
    key: str
    name: str
    kind: str  # "company" or "drill"
    phases: tuple[Phase, ...]
    default_phase: str
    source: str | None = None

    def phase(self, key: str | None) -> Phase:
        valid = ", ".join(p.key for p in self.phases)
        if key is not None and not key.strip():
            raise UsageError(f"--phase needs a name; valid phases: {valid}")
        wanted = (key or self.default_phase).strip().lower()
        for phase in self.phases:
            if phase.key == wanted or phase.name.lower() == wanted:
                return phase
        raise UsageError(f"unknown phase '{key}' for {self.name}; valid phases: {valid}")

    def budget(self, phase_key: str | None = None) -> Budget:
        phase = self.phase(phase_key)
        return Budget(seconds=phase.seconds, format_key=self.key, format_name=self.name,
                      phase_key=phase.key, phase_name=phase.name, source=self.source)


def bundled_budgets_file() -> Path:
    return resource_dir("prompts") / "budgets.toml"


@dataclass(frozen=True)
class BudgetBook:
    formats: tuple[Format, ...]

    @classmethod
    def load(cls, user_file: Path | None = None, bundled_file: Path | None = None) -> "BudgetBook":
        merged: dict[str, Format] = {f.key: f for f in parse_budgets_file(bundled_file or bundled_budgets_file())}
        if user_file is not None and user_file.exists():
            for fmt in parse_budgets_file(user_file):
                merged[fmt.key] = fmt
        return cls(tuple(merged.values()))

    def format(self, name: str) -> Format:
        valid = ", ".join(f.key for f in self.formats)
        if not name.strip():
            raise UsageError(f"--company needs a name; valid: {valid}")
        wanted = name.strip().lower()
        for fmt in self.formats:
            if fmt.key == wanted or fmt.name.lower() == wanted:
                return fmt
        raise UsageError(f"unknown company or drill '{name}'; valid: {valid}")

    def resolve(self, company: str | None, phase: str | None, seconds: float | None) -> Budget | None:
        """The budget the user asked for: company + phase, or custom seconds, or none. An empty
        name is a mistake, not "none"."""
        if seconds is not None:
            if company is not None or phase is not None:
                raise UsageError("give either --budget SECONDS or --company/--phase, not both")
            return custom_budget(seconds)
        if phase is not None and company is None:
            raise UsageError("--phase needs --company (for example --company amazon --phase deep-dive)")
        if company is not None:
            return self.format(company).budget(phase)
        return None


def custom_budget(seconds: float) -> Budget:
    if not math.isfinite(seconds) or not MIN_BUDGET_S <= seconds <= MAX_BUDGET_S:
        raise UsageError(f"budget must be between {MIN_BUDGET_S} and {MAX_BUDGET_S} seconds, got {seconds:g}")
    return Budget(seconds=float(seconds))


def parse_budgets_file(path: Path) -> list[Format]:
    doc = read_toml(path)
    tables = doc.data.get("format")
    if not isinstance(tables, list) or not tables:
        raise doc.error(1, "no [[format]] tables found; each format starts with a [[format]] line")
    formats, seen = [], set()
    for index, table in enumerate(tables):
        if not isinstance(table, dict):
            raise doc.error(doc.table_line("format", index), "'format' must be written as [[format]] tables")
        fmt = _validate_format(doc, index, table)
        if fmt.key in seen:
            raise doc.error(doc.key_line("format", index, "key"), f"duplicate format key '{fmt.key}'")
        seen.add(fmt.key)
        formats.append(fmt)
    return formats


def _validate_format(doc: TomlDoc, index: int, table: dict) -> Format:
    def fail(key: str, problem: str):
        return doc.error(doc.key_line("format", index, key), problem)

    key, name = table.get("key"), table.get("name")
    if not isinstance(key, str) or not _KEY.match(key):
        raise fail("key", f"format #{index + 1} needs a 'key' of lowercase letters, digits or hyphens")
    if not isinstance(name, str) or not name.strip():
        raise fail("name", f"format '{key}' needs a non-empty 'name'")
    kind = table.get("kind", "drill")
    if kind not in ("company", "drill"):
        raise fail("kind", f"format '{key}': kind must be \"company\" or \"drill\"")
    raw_phases = table.get("phases")
    if not isinstance(raw_phases, list) or not raw_phases:
        raise fail("phases", f"format '{key}' needs a non-empty 'phases' list")
    phases = []
    for raw in raw_phases:
        if not isinstance(raw, dict):
            raise fail("phases", f"format '{key}': each phase is {{ key = ..., name = ..., seconds = ... }}")
        p_key, p_name, secs = raw.get("key"), raw.get("name"), raw.get("seconds")
        if not isinstance(p_key, str) or not _KEY.match(p_key) or not isinstance(p_name, str):
            raise fail("phases", f"format '{key}': every phase needs a lowercase 'key' and a 'name'")
        if isinstance(secs, bool) or not isinstance(secs, (int, float)) or not MIN_BUDGET_S <= secs <= MAX_BUDGET_S:
            raise fail("phases", f"format '{key}', phase '{p_key}': seconds must be a number from "
                                 f"{MIN_BUDGET_S} to {MAX_BUDGET_S}")
        if any(p.key == p_key for p in phases):
            raise fail("phases", f"format '{key}': duplicate phase key '{p_key}'")
        asks = raw.get("asks", ())
        asks = (asks,) if isinstance(asks, str) else asks
        if not isinstance(asks, (list, tuple)) or not all(a in PHASE_ASKS for a in asks):
            raise fail("phases", f"format '{key}', phase '{p_key}': asks must be one or a list of: "
                                 f"{', '.join(PHASE_ASKS)}")
        follow_ups = raw.get("follow_ups")
        if follow_ups is not None and (isinstance(follow_ups, bool) or not isinstance(follow_ups, int)
                                       or not 0 <= follow_ups <= MAX_FOLLOW_UPS):
            raise fail("phases", f"format '{key}', phase '{p_key}': follow_ups must be a whole number "
                                 f"from 0 to {MAX_FOLLOW_UPS}")
        phases.append(Phase(p_key, p_name, float(secs), tuple(asks), follow_ups))
    default = table.get("default_phase", phases[0].key)
    if not isinstance(default, str) or default not in {p.key for p in phases}:
        raise fail("default_phase", f"format '{key}': default_phase '{default}' is not one of its phases")
    source = table.get("source")
    return Format(key=key, name=name.strip(), kind=kind, phases=tuple(phases),
                  default_phase=default, source=source if isinstance(source, str) else None)
