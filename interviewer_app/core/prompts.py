"""The prompt bank: bundled prompts/prompts.toml merged with the user's own prompts file."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from interviewer_app.core.datafile import TomlDoc, read_toml
from interviewer_app.core.errors import UsageError
from interviewer_app.core.models import Prompt
from interviewer_app.core.paths import resource_dir

CATEGORIES: tuple[str, ...] = (
    "metric-drop", "root-cause", "launch-plan", "improve-funnel", "prioritization", "trade-off",
    "stakeholder", "behavioral", "success-metrics", "experiment-design", "incident-response",
)
# Frameworks a prompt can suggest: the 8 steps (guide 000), C.A.R.E. (002), METER, CAUSE and
# VALUE (004).
FRAMEWORKS: dict[str, str] = {
    "8-step": "8-step answer structure (guide 000)",
    "care": "C.A.R.E.: Context, Action, Result, Escalation (guide 002)",
    "meter": "METER: Metric, Evidence, Time and segments, Experience funnel, Response (guide 004)",
    "cause": "CAUSE: Confirm, Area, User journey, System change, Evidence (guide 004)",
    "value": "VALUE: Value, Affected users, Levers, Uncertainty, Evaluation (guide 004)",
}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$")
_REQUIRED = ("id", "text", "category", "framework", "hint")


def bundled_prompts_file() -> Path:
    return resource_dir("prompts") / "prompts.toml"


@dataclass(frozen=True)
class PromptBank:
    prompts: tuple[Prompt, ...]

    @classmethod
    def load(cls, user_file: Path | None = None, bundled_file: Path | None = None) -> "PromptBank":
        """Bundled prompts, then the user's file if it exists (same id: the user's replaces ours)."""
        merged: dict[str, Prompt] = {}
        for prompt in parse_prompts_file(bundled_file or bundled_prompts_file(), origin="bank"):
            merged[prompt.id] = prompt
        if user_file is not None and user_file.exists():
            for prompt in parse_prompts_file(user_file, origin=str(user_file)):
                merged[prompt.id] = prompt
        return cls(tuple(merged.values()))

    def get(self, prompt_id: str) -> Prompt:
        if not prompt_id.strip():
            raise UsageError("--prompt needs a prompt id; run `interviewer-app prompts` to list them")
        for prompt in self.prompts:
            if prompt.id == prompt_id:
                return prompt
        close = [p.id for p in self.prompts if prompt_id.lower() in p.id][:5]
        hint = f" Did you mean: {', '.join(close)}?" if close else " Run `interviewer-app prompts` to list them."
        raise UsageError(f"unknown prompt id '{prompt_id}'.{hint}")

    def filter(self, category: str | None = None, framework: str | None = None,
               text: str | None = None) -> list[Prompt]:
        """The prompts of `category` and `framework` whose text, id or hint holds `text`: those
        whose question says it first (a word starting with it before one merely containing it),
        then those whose id has it, then those where only the hint does; bank order within each."""
        needle = (text or "").lower()
        chosen = [p for p in self.prompts
                  if (category is None or p.category == category)
                  and (framework is None or p.framework == framework)]
        if not needle:
            return chosen
        word = re.compile(r"\b" + re.escape(needle))

        def rank(p: Prompt) -> int | None:
            question = p.text.lower()
            if word.search(question):
                return 0
            if needle in question:
                return 1
            if needle in p.id:
                return 2
            return 3 if needle in p.hint.lower() else None
        ranked = [(r, i, p) for i, p in enumerate(chosen) if (r := rank(p)) is not None]
        return [p for _r, _i, p in sorted(ranked, key=lambda t: (t[0], t[1]))]

    def random(self, rng: random.Random | None = None, exclude: str | None = None) -> Prompt:
        pool = [p for p in self.prompts if p.id != exclude] or list(self.prompts)
        return (rng or random.Random()).choice(pool)


def parse_prompts_file(path: Path, origin: str) -> list[Prompt]:
    doc = read_toml(path)
    tables = doc.data.get("prompt")
    if tables is None:
        if doc.data:
            raise doc.error(1, "no [[prompt]] tables found; each prompt starts with a [[prompt]] line")
        return []
    if not isinstance(tables, list):
        raise doc.error(None, "'prompt' must be written as [[prompt]] tables")
    seen: dict[str, int] = {}
    prompts = []
    for index, table in enumerate(tables):
        if not isinstance(table, dict):
            raise doc.error(doc.table_line("prompt", index), "'prompt' must be written as [[prompt]] tables")
        prompt = _validate(doc, index, table, origin)
        if prompt.id in seen:
            raise doc.error(doc.key_line("prompt", index, "id"),
                            f"duplicate prompt id '{prompt.id}' (first used on line {seen[prompt.id]})")
        seen[prompt.id] = doc.key_line("prompt", index, "id") or 0
        prompts.append(prompt)
    return prompts


def _validate(doc: TomlDoc, index: int, table: dict, origin: str) -> Prompt:
    def fail(key: str, problem: str):
        return doc.error(doc.key_line("prompt", index, key), problem)

    for key in _REQUIRED:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(key, f"prompt #{index + 1} needs a non-empty text value for '{key}'")
    if not _ID.match(table["id"]):
        raise fail("id", f"prompt id '{table['id']}' must be 3-60 lowercase letters, digits or hyphens")
    if table["category"] not in CATEGORIES:
        raise fail("category", f"unknown category '{table['category']}'; use one of: {', '.join(CATEGORIES)}")
    if table["framework"] not in FRAMEWORKS:
        raise fail("framework", f"unknown framework '{table['framework']}'; use one of: {', '.join(FRAMEWORKS)}")
    follow_ups = table.get("follow_ups", [])
    if not isinstance(follow_ups, list) or not all(isinstance(f, str) and f.strip() for f in follow_ups):
        raise fail("follow_ups", "'follow_ups' must be a list of questions in quotes")
    source = table.get("source", "your own")
    if not isinstance(source, str):
        raise fail("source", "'source' must be text")
    return Prompt(id=table["id"], text=table["text"].strip(), category=table["category"],
                  framework=table["framework"], hint=table["hint"].strip(), source=source,
                  follow_ups=tuple(f.strip() for f in follow_ups), origin=origin)
