"""Issue 18, "Must show": seeded property tests (a fixed number of cases, a fixed seed, so every
run is the same and bounded in time) for the typed-text path and for the config files.

Text: random Unicode (astral, combining marks, right-to-left and bidi controls, C0/C1 control
characters, NUL, unusual spaces), huge tokens, empty and whitespace-only input go through
analyze(typed_transcript(text)), the CLI's text report and the Markdown and HTML exports: nothing
raises, every sentence is the text's own words in order, every piece of evidence quotes a sentence
and its cue lies inside it. Config: random bytes, and truncated, mutated or type-confused copies of
the bundled prompts.toml and budgets.toml, load or raise DataFileError naming the file, never
anything else."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
from interviewer_app.analysis.structure.steps import normalise
from interviewer_app.cli.report import text_report
from interviewer_app.core.budgets import BudgetBook, bundled_budgets_file
from interviewer_app.core.errors import DataFileError
from interviewer_app.core.prompts import PromptBank, bundled_prompts_file
from interviewer_app.export.attempt import to_html, to_markdown

TEXT_CASES = 300
CONFIG_CASES = 400

WORDS = ("the goal is retention so i'd first scope it map the funnel find the bottleneck then "
         "options we could prioritize by impact sequence it and the risks are 15% activation "
         "success means weekly active users rollback guardrail").split()
ODD = [
    "\U0001F600", "\U0001D49C", "\U00010348", "\U0010FFFD",  # astral: emoji, math letter, Gothic, private use
    "e\u0301", "\u0301", "\u0336\u0336", "a\u20dd",  # combining marks, alone too
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u202e", "\u202d", "\u2066", "\u200f", "\u061c",  # RTL, bidi
    "\x00", "\x01", "\x07", "\x08", "\x1b[2J", "\x1b]0;t\x07", "\x7f", "\x85", "\x9b", "\ufeff", "\ufffe",  # controls
    "\u2028", "\u2029", "\u00a0", "\u3000", "\t", "\r", "\n", "\x0b", "\x0c", "\x1c", "\x1f", "\u200b",  # spaces, separators
    "\u0130", "\u00df", "\ufb03", "\u2019", "\u2018", "'", "-", "--", ",", ", ", ".", "?!", "...", "\"", ")", "]",
    "%", "50%", "1,000", "3.5", "\\", "*", "_", "[x](javascript:alert(1))", "<script>", "&amp;", "`", "#",
]


def random_text(rng: random.Random) -> str:
    shape = rng.random()
    if shape < 0.05:
        return rng.choice(["", " ", "\n\n", "\t \u3000\u00a0", "\x00", ".", "\u202e", "   .  ?  !  "])
    if shape < 0.12:  # one huge token, sometimes with word starts inside
        unit = rng.choice(["a", "a-", "x/", "\U0001F600", "e\u0301", "\x00", "9.", "\u0130"])
        return unit * rng.randint(1_000, 20_000)
    parts = []
    for _ in range(rng.randint(1, 120)):
        pick = rng.random()
        if pick < 0.55:
            parts.append(rng.choice(WORDS))
        elif pick < 0.85:
            parts.append(rng.choice(ODD))
        else:
            parts.append("".join(chr(rng.choice([rng.randint(0, 0x2FF), rng.randint(0, 0xFFFF),
                                                  rng.randint(0x10000, 0x10FFFF)]))
                                 for _ in range(rng.randint(1, 6))))
        parts.append(rng.choice([" ", " ", " ", "", ". ", ", ", "\n", "? "]))
    return "".join(parts)


def _in_order(tokens: list[str], text: str) -> bool:
    at = 0
    for token in tokens:
        found = text.find(token, at)
        if found < 0:
            return False
        at = found + len(token)
    return True


def _evidence(d: dict):
    for step in d["steps"].values():
        yield from step["evidence"]
    for signal in d["signals"]:
        yield from signal.get("evidence") or []
    for part in ((d.get("framework") or {}).get("parts") or []):
        yield from part.get("evidence") or []


def test_random_unicode_through_the_text_path():
    rng = random.Random(18)
    start = time.process_time()
    for case in range(TEXT_CASES):
        text = random_text(rng)
        if rng.random() < 0.5:
            text = "".join(c for c in text if not 0xD800 <= ord(c) <= 0xDFFF)
        feedback = analyze(typed_transcript(text))
        d = feedback.to_dict()
        json.dumps(d)  # storable as the history keeps it
        stripped = text.strip()
        sentences = [s["text"] for s in d["sentences"]]
        assert _in_order([t for s in sentences for t in s.split(" ") if t], stripped), (case, text[:200])
        assert all(s.strip() == s and s for s in sentences), case
        for ev in _evidence(d):
            assert ev["text"] in sentences, (case, ev)
            assert ev["cue"] and ev["cue"] in ev["text"], (case, ev)
        assert d["no_speech"] == (not stripped.split()), case
        report = text_report(feedback, Path("answer.txt"))
        markdown = to_markdown(d, {"created_at": "2026-12-06"}, {}, text[:50])
        page = to_html(d, {}, {"metrics": 3}, text[:50])
        assert report and markdown and page
    assert time.process_time() - start < 120  # bounded: the cases are fixed, about 20 s here


def test_normalise_keeps_every_offset():
    """Cue offsets found in the normalised sentence are cut from the original one."""
    rng = random.Random(5)
    for _ in range(2_000):
        s = "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(0, 30)))
        assert len(normalise(s)) == len(s), [hex(ord(c)) for c in s]
    assert normalise("\u0130STANBUL, the goal is") == "istanbul, the goal is"


# -- config files ------------------------------------------------------------------------------
TYPE_SWAPS = ['[1]', '{}', '[]', '1e400', 'nan', '-inf', '0', '-1', 'true', '1979-05-27', '"\\u0000"',
              '"' + 'x' * 5000 + '"', '[[[[1]]]]', '{ a = { b = 1 } }', '[{}]', '[1, "a"]', '"\u202e"']


def mutate(rng: random.Random, text: str) -> str:
    choice = rng.randrange(8)
    lines = text.splitlines(keepends=True)
    if choice == 0:  # truncated anywhere
        return text[: rng.randrange(len(text) + 1)]
    if choice == 1:  # a value swapped for another type
        i = rng.randrange(len(lines))
        if "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {rng.choice(TYPE_SWAPS)}\n"
        return "".join(lines)
    if choice == 2:  # a whole array or table swapped
        name = rng.choice(["prompt", "format", "phases"])
        return f"{name} = {rng.choice(TYPE_SWAPS)}\n" + text[rng.randrange(len(text) + 1):]
    if choice == 3:  # lines deleted or repeated
        for _ in range(rng.randint(1, 5)):
            i = rng.randrange(len(lines))
            if rng.random() < 0.5:
                del lines[i]
            else:
                lines.insert(i, lines[i])
            if not lines:
                break
        return "".join(lines)
    if choice == 4:  # bytes flipped
        data = bytearray(text.encode())
        for _ in range(rng.randint(1, 10)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return data.decode("utf-8", errors="surrogateescape")
    if choice == 5:  # structure characters inserted
        at = rng.randrange(len(text) + 1)
        return text[:at] + "".join(rng.choice('[]{}="\'\\\n#,.') for _ in range(rng.randint(1, 8))) + text[at:]
    if choice == 6:  # deep nesting somewhere
        depth = rng.choice([50, 99, 101, 400, 5000])
        opener, closer = rng.choice([("[", "]"), ("{a=", "}")])
        inner = "1" if opener == "{a=" else ""
        return text + f"\ndeep = {opener * depth}{inner}{closer * depth}\n"
    return "".join(lines[: rng.randrange(len(lines) + 1)])  # cut at a line


def _write(path: Path, text: str, rng: random.Random) -> None:
    if rng.random() < 0.1:
        path.write_bytes(rng.randbytes(rng.randint(0, 3000)))  # pure noise
    else:
        path.write_bytes(text.encode("utf-8", errors="surrogateescape"))


@pytest.mark.parametrize("loader, bundled", [(PromptBank.load, bundled_prompts_file),
                                             (BudgetBook.load, bundled_budgets_file)],
                         ids=["prompts", "budgets"])
def test_broken_config_files_load_or_name_the_file(tmp_path, loader, bundled):
    rng = random.Random(13)
    original = bundled().read_text(encoding="utf-8")
    path = tmp_path / bundled().name
    outcomes = {"loaded": 0, "refused": 0}
    start = time.process_time()
    for case in range(CONFIG_CASES):
        text = mutate(rng, original)
        _write(path, text, rng)
        try:
            loader(path)
        except DataFileError as exc:
            assert exc.path == path and str(exc).startswith(str(path)), (case, str(exc))
            assert "\n" not in str(exc), (case, str(exc))
            outcomes["refused"] += 1
        else:
            outcomes["loaded"] += 1
    assert outcomes["loaded"] > 20 and outcomes["refused"] > 100, outcomes  # both sides exercised
    assert time.process_time() - start < 60
