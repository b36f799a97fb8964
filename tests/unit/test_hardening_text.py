"""Issue 18 item 12: a typed transcript's size and shape cannot exhaust memory or time. A long
token (a pasted URL or base64) once kept every prefix of every word (cues.Tokens: quadratic, a
MemoryError at 300,000 characters); long comma lists and hyphenated tokens made some cue
patterns rescan the rest of the sentence from every word. Each measurement runs in its own
process under an address-space limit (RLIMIT_AS) and a timeout, so a regression fails the test
instead of exhausting the machine."""

from __future__ import annotations

import base64
import json
import os
import random
import resource
import subprocess
import sys

import pytest

from tests.conftest import CLI, ROOT, cli_env

ADDRESS_SPACE = 2 << 30  # bytes a measuring process may map: far above the linear need

# One process: analyze() each generated text (after a warm-up, so the step model's one-off load
# is not counted) and print CPU seconds and tracemalloc peak per text, as JSON.
MEASURE = r"""
import base64, json, random, sys, time, tracemalloc
from interviewer_app.analysis.feedback.answer import analyze, typed_transcript

WORDS = ("the goal is retention so i would first scope the problem map the funnel and find the "
         "bottleneck then list options prioritize them by impact and effort").split()

def make(shape, n):
    rng = random.Random(7)
    if shape == "token":
        return "a" * n
    if shape == "base64":
        return base64.b64encode(rng.randbytes(n)).decode()[:n]
    if shape == "url":
        return ("https://example.com/" + "a-b/c.d_e?" * (n // 10 + 1))[:n]
    if shape == "hyphens":
        return "a-" * (n // 2)
    if shape == "comma-list":
        return "alpha beta, " * (n // 12)
    if shape == "stage-list":
        return "steps: " * (n // 7)
    sep, length = {"words": (". ", None), "run-ons": (". ", 40), "one-run-on": (" ", 40)}[shape]
    out, size = [], 0
    while size < n:
        s = " ".join(rng.choice(WORDS) for _ in range(length or rng.randint(5, 20))) + sep
        out.append(s)
        size += len(s)
    return "".join(out)[:n]

analyze(typed_transcript("The goal is retention. We could add a banner."))
results = []
for shape, n in json.loads(sys.argv[1]):
    text = make(shape, n)
    tracemalloc.start()
    cpu = time.process_time()
    feedback = analyze(typed_transcript(text)).to_dict()
    cpu = time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    results.append({"shape": shape, "n": n, "cpu": cpu, "peak": peak, "sentences": len(feedback["sentences"])})
print(json.dumps(results))
"""


def _limit_address_space():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def measure(cases: list[tuple[str, int]], timeout: float = 120) -> list[dict]:
    done = subprocess.run([sys.executable, "-c", MEASURE, json.dumps(cases)], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, preexec_fn=_limit_address_space)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("shape", ["token", "base64", "url", "hyphens"])
def test_a_300000_character_token_is_analysed_in_bounded_memory(shape):
    (result,) = measure([(shape, 300_000)])
    assert result["peak"] < 50e6, f"{shape}: tracemalloc peak {result['peak'] / 1e6:.0f} MB"
    assert result["sentences"] >= 1


@pytest.mark.parametrize("shape", ["base64", "hyphens", "comma-list", "stage-list", "words",
                                   "run-ons", "one-run-on"])
def test_time_and_memory_grow_linearly_with_the_text(shape):
    """Four times the text: at most about four times the CPU time and memory (8x allowed for
    noise on a busy machine; the quadratic spots were 12-40x)."""
    size = 25_000 if shape == "words" else 50_000  # under tokens_of's cache of 2048 sentences
    small, large = measure([(shape, size), (shape, 4 * size)])
    assert large["peak"] < 6 * small["peak"] + 2e6, (small, large)
    assert large["cpu"] < 8 * small["cpu"] + 0.3, (small, large)


def _cli(*args, timeout=120):
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=cli_env(), timeout=timeout,
                          preexec_fn=_limit_address_space)


def test_a_5_mb_token_file_is_refused_with_the_limit(tmp_path):
    huge = tmp_path / "pasted.txt"
    huge.write_text(base64.b64encode(random.Random(1).randbytes(3_750_000)).decode())  # 5 MB, one token
    result = _cli("analyze", str(huge))
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{huge} is too big (5.0 MB; the limit is 1.0 MB)" in result.stderr
    assert "split it into answers" in result.stderr


def test_a_transcript_just_under_the_limit_is_analysed(tmp_path):
    """The worst shape the limit lets in (1 MB of base64 in one token) finishes, in bounded memory."""
    big = tmp_path / "pasted.txt"
    big.write_text(base64.b64encode(random.Random(2).randbytes(749_000)).decode())
    assert 990_000 < big.stat().st_size <= 1_000_000
    result = _cli("analyze", str(big), "--json")
    assert result.returncode == 0, result.stderr[-2000:]
    feedback = json.loads(result.stdout)
    assert "".join(s["text"] for s in feedback["sentences"]) == big.read_text()


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_transcript_that_is_not_a_regular_file_is_refused_at_once(tmp_path, kind):
    path = tmp_path / "answer.txt"
    if kind == "fifo":
        os.mkfifo(path)  # reading it would wait forever for a writer
    elif kind == "device":
        path.symlink_to("/dev/zero")  # endless
    else:
        path.mkdir()
    result = _cli("analyze", str(path), timeout=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    expected = "is a folder, not a file" if kind == "folder" else "is not a regular file"
    assert f"{path} {expected}" in result.stderr, result.stderr


def test_windows_and_old_mac_line_ends_still_end_sentences(tmp_path):
    path = tmp_path / "answer.txt"
    path.write_bytes(b"The goal is retention\r\nWe could add a banner\rThen ship it")
    result = _cli("analyze", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert [s["text"] for s in json.loads(result.stdout)["sentences"]] == [
        "The goal is retention", "We could add a banner", "Then ship it"]


def test_a_caption_without_full_stops_is_cut_into_thoughts_not_by_length():
    """Real captions carry no punctuation: a 5-minute answer typed from them is one run-on of
    several thousand characters. It is cut where a new thought starts (clauses.py, issue 19),
    never by the length cut (that split mid-clause and changed the steps heard in real answers;
    ../shared/realanswers has run-ons of up to 3,725 characters), and nothing is lost."""
    from interviewer_app.analysis.feedback.answer import analyze, typed_transcript
    from interviewer_app.analysis.structure.sentences import MAX_TEXT_SENTENCE_CHARS

    clause = "so um the first thing i would look at is whether the drop is real and then"
    text = " ".join([clause] * 110)  # about 8,000 characters, no full stop
    assert len(text) > 8000
    sentences = analyze(typed_transcript(text), None, None).to_dict()["sentences"]
    assert " ".join(s["text"] for s in sentences) == text
    assert len(sentences) == 110  # one thought per "and then", the marker opening the next
    assert all(s["text"].startswith("and then so um the first thing") for s in sentences[1:])
    assert max(len(s["text"]) for s in sentences) < MAX_TEXT_SENTENCE_CHARS
