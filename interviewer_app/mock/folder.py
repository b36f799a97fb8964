"""A folder of recorded answers read as one mock interview (`interviewer-app analyze-mock DIR`).

Either a manifest, DIR/session.toml:

    company = "google"          # optional: --company overrides it
    seed = 7                    # optional: draws the questions not named below

    [[answer]]
    file = "01-story.wav"
    phase = "story"             # a phase key of the format (`interviewer-app budgets`); without
                                # it, the next phase that takes an answer
    prompt = "project-off-track-recovery"   # optional: the bank prompt you answered

    [[answer]]
    file = "02-story-followup.wav"
    follow_up = true            # answers a follow-up to the latest main answer (of `phase`, if given)
    question = "What did you personally decide, rather than the team?"   # optional: the question
                                # asked; without it, the next follow-up the rules chose

Custom phases instead of a company: `[[phase]]` tables with `name`, `minutes` and `asks`.

Or, with no manifest, the file names: NN-LABEL.EXT, taken in the order of NN, where LABEL is
  main               the next phase that takes an answer (in the format's order)
  PHASE              a main answer in that phase (e.g. 01-story.wav, 03-scenario.wav)
  followup           a follow-up to the latest main answer (also follow-up)
  PHASE-followup     a follow-up to the latest main answer in that phase
EXT is an audio file (wav, flac, ogg, mp3, m4a, ...) or a typed .txt transcript (untimed).
Files without a leading number are left alone unless they are audio (then it is an error).

Only regular files inside DIR are read: a symlink pointing out of it, an absolute or `..` path in
session.toml, a pipe or a device is refused (links and subfolders inside DIR are fine).
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from interviewer_app.core.datafile import read_toml
from interviewer_app.core.errors import UsageError
from interviewer_app.core.models import plural
from interviewer_app.mock.plan import MockPlan, question_key

MANIFEST = "session.toml"
AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".m4a", ".aac", ".webm", ".mp4")
TEXT_SUFFIXES = (".txt", ".md")
_NUMBERED = re.compile(r"^(\d+)[-_ .]+(.+)$")
_FOLLOW = re.compile(r"^(?:(.+?)[-_ ])?follow[-_ ]?ups?$")


@dataclass(frozen=True)
class FolderAnswer:
    path: Path
    phase: str | None  # None: for a main answer, the next phase taking answers; for a follow-up, the latest
    follow_up: bool = False
    prompt_id: str | None = None  # main answers: the bank prompt answered
    question: str | None = None  # follow-ups: the question asked
    where: str = ""  # where it was named, for messages ("session.toml line 7" or the file name)


@dataclass(frozen=True)
class MockFolder:
    folder: Path
    answers: tuple[FolderAnswer, ...]
    company: str | None = None
    seed: int | None = None
    phases: tuple[tuple[str, float, tuple[str, ...]], ...] = ()  # custom phases (name, seconds, asks)
    manifest: Path | None = None


@dataclass(frozen=True)
class Assigned:
    """A folder answer placed in the plan."""

    answer: FolderAnswer
    question_key: str
    phase_key: str
    main_index: int | None = None  # follow-ups: index (in the assigned list) of the main answer


def read_folder(folder: Path) -> MockFolder:
    folder = Path(folder)
    if not folder.exists():
        raise UsageError(f"folder not found: {folder}")
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder; give the folder that holds the answers")
    manifest = folder / MANIFEST
    if manifest.is_symlink() or manifest.exists():
        problem = _unsafe(folder, manifest)
        if problem:
            raise UsageError(f"{manifest}: {problem}")
        found = _read_manifest(folder, manifest)
    else:
        found = _read_names(folder)
    if not found.answers:
        raise UsageError(f"no answers found in {folder}: add files named 01-main.wav, 02-followup.wav, "
                         f"... or a {MANIFEST} listing them (see `interviewer-app analyze-mock --help`)")
    return found


def _read_names(folder: Path) -> MockFolder:
    numbered = []
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if path.is_dir() or suffix not in AUDIO_SUFFIXES + TEXT_SUFFIXES:
            continue
        m = _NUMBERED.match(path.stem)
        if m is None:
            if suffix in AUDIO_SUFFIXES:
                raise UsageError(f"{path}: cannot tell where this answer goes; name it NN-LABEL{suffix} "
                                 f"(e.g. 01-main{suffix}, 02-followup{suffix}) or list it in {MANIFEST}")
            continue
        problem = _unsafe(folder, path)
        if problem:
            raise UsageError(f"{path}: {problem}")
        numbered.append((int(m.group(1)), path.name, m.group(2).lower(), path))
    answers = []
    for _n, _name, label, path in sorted(numbered):
        follow = _FOLLOW.match(label)
        if follow:
            answers.append(FolderAnswer(path, follow.group(1), True, where=path.name))
        else:
            answers.append(FolderAnswer(path, None if label == "main" else label, False, where=path.name))
    return MockFolder(folder, tuple(answers))


def _read_manifest(folder: Path, manifest: Path) -> MockFolder:
    doc = read_toml(manifest)
    data = doc.data
    company = data.get("company")
    if company is not None and not isinstance(company, str):
        raise doc.error(None, "'company' must be text, e.g. company = \"google\"")
    seed = data.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise doc.error(None, "'seed' must be a whole number")
    phases = []
    for i, table in enumerate(data.get("phase") or []):
        name, minutes, asks = table.get("name"), table.get("minutes"), table.get("asks")
        if not isinstance(name, str) or isinstance(minutes, bool) or not isinstance(minutes, (int, float)) \
                or not (isinstance(asks, str) or (isinstance(asks, list) and asks)):
            raise doc.error(doc.key_line("phase", i, "name"),
                            "each [[phase]] needs name = \"...\", minutes = N and asks = \"story\" (or a list)")
        phases.append((name, float(minutes) * 60, (asks,) if isinstance(asks, str) else tuple(asks)))
    tables = data.get("answer")
    if not isinstance(tables, list) or not tables:
        raise doc.error(1, "no [[answer]] tables found; list each recording as [[answer]] with file = \"...\"")
    answers = []
    for i, table in enumerate(tables):
        line = doc.key_line("answer", i, "file")
        file = table.get("file")
        if not isinstance(file, str) or not file.strip():
            raise doc.error(line, f"answer #{i + 1} needs file = \"NAME\" (a file in {folder})")
        problem = _unsafe(folder, folder / file)
        if problem:
            raise doc.error(line, f"file = \"{file}\" {problem}")
        follow_up = table.get("follow_up", False)
        if not isinstance(follow_up, bool):
            raise doc.error(doc.key_line("answer", i, "follow_up"), "follow_up must be true or false")
        values = {}
        for key in ("phase", "prompt", "question"):
            value = table.get(key)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise doc.error(doc.key_line("answer", i, key), f"'{key}' must be text")
            values[key] = value.strip() if isinstance(value, str) else None
        if follow_up and values["prompt"]:
            raise doc.error(doc.key_line("answer", i, "prompt"),
                            "a follow-up answers a question, not a prompt: use question = \"...\"")
        if not follow_up and values["question"]:
            raise doc.error(doc.key_line("answer", i, "question"),
                            "'question' is for follow-ups (follow_up = true); a main answer names its prompt")
        answers.append(FolderAnswer(folder / file, values["phase"], follow_up, values["prompt"],
                                    values["question"], where=f"{manifest.name} line {line}"))
    return MockFolder(folder, tuple(answers), company, seed, tuple(phases), manifest)


def _unsafe(folder: Path, path: Path) -> str | None:
    """Why `path` may not be read as part of `folder`, or None. A missing file is left to the
    reader (it says "file not found"); anything resolving outside the folder, a folder, a pipe or a
    device is refused, so a folder cannot pull in /etc/passwd or hang on a FIFO."""
    try:
        root, target = folder.resolve(), path.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        return f"cannot be followed ({getattr(exc, 'strerror', None) or 'a symlink loop'})"
    if target == root or not target.is_relative_to(root):
        return (f"is outside the answers folder (it leads to {target}); "
                f"only files inside {folder} are read: copy the file in")
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISDIR(mode):
        return "is a folder, not an answer file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe or a device); answers are audio or text files"
    return None


def assign(found: MockFolder, plan: MockPlan) -> list[Assigned]:
    """Place every answer on the plan's questions: main answers take their phase's questions in
    order, follow-ups attach to the latest main answer (of their phase, if named)."""
    used: dict[str, int] = {}
    out: list[Assigned] = []
    for a in found.answers:
        if a.follow_up:
            main = next((i for i in range(len(out) - 1, -1, -1) if out[i].main_index is None
                         and (a.phase is None or out[i].phase_key == _phase_key(plan, a))), None)
            if main is None:
                where = f" in phase '{a.phase}'" if a.phase else ""
                raise UsageError(f"{a.where}: a follow-up comes before any main answer{where}; "
                                 "put the main answer first")
            out.append(Assigned(a, out[main].question_key, out[main].phase_key, main))
            continue
        phase_key = _phase_key(plan, a) if a.phase else _next_phase(plan, used, a)
        phase = plan.phase(phase_key)
        n = used.get(phase.key, 0)
        if n >= len(phase.questions):
            if not phase.takes_answer:
                raise UsageError(f"{a.where}: phase '{phase.key}' takes no answer ({phase.note})")
            raise UsageError(f"{a.where}: phase '{phase.key}' asks {plural(len(phase.questions), 'question')} "
                             f"and this is main answer {n + 1}; "
                             "mark it as a follow-up or put it in another phase")
        used[phase.key] = n + 1
        out.append(Assigned(a, question_key(phase.key, n), phase.key))
    return out


def pinned_prompts(found: MockFolder, assigned: Sequence[Assigned]) -> dict[str, str]:
    """question key -> prompt id, for main answers whose prompt the manifest names."""
    return {x.question_key: x.answer.prompt_id for x in assigned
            if x.main_index is None and x.answer.prompt_id}


def _phase_key(plan: MockPlan, a: FolderAnswer) -> str:
    try:
        return plan.phase(a.phase).key
    except UsageError as exc:
        raise UsageError(f"{a.where}: {exc}") from None


def _next_phase(plan: MockPlan, used: dict[str, int], a: FolderAnswer) -> str:
    for phase in plan.phases:
        if len(phase.questions) > used.get(phase.key, 0):
            return phase.key
    raise UsageError(f"{a.where}: every question of {plan.format_name} already has a main answer; "
                     "name this one a follow-up (NN-followup)")
