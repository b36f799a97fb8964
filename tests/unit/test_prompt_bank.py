"""The bundled prompt bank and the user's own prompts file."""

import re

import pytest

from interviewer_app.core.errors import DataFileError, UsageError
from interviewer_app.core.prompts import CATEGORIES, FRAMEWORKS, PromptBank, bundled_prompts_file

GUIDE_000 = "000_2726c1ce649d4db0.txt"


def test_bundled_bank_is_complete_and_valid():
    bank = PromptBank.load()
    by_source = {}
    for p in bank.prompts:
        by_source.setdefault(p.source, []).append(p)
        assert p.category in CATEGORIES and p.framework in FRAMEWORKS
        assert p.hint and p.text.endswith(("?", "."))
    # all 16 practice prompts of guide 000, plus its worked example
    assert len(by_source[GUIDE_000]) >= 16
    for source in ("001_3bb2a46e75a71a3b.txt", "002_295c2e5020856213.txt", "004_2c4abb2c31d61dc5.txt"):
        assert len(by_source[source]) >= 4, source
    assert len({p.id for p in bank.prompts}) == len(bank.prompts)
    # every suggested framework is used somewhere
    assert {p.framework for p in bank.prompts} == set(FRAMEWORKS)


def test_practice_bank_prompts_of_guide_000_are_all_there():
    bank = PromptBank.load()
    texts = " ".join(p.text.lower() for p in bank.prompts)
    for phrase in ("onboarding completion dropped 15%", "referral program", "payment failures",
                   "strategic enterprise customer", "ai feature", "two weeks before launch",
                   "engagement with notifications", "legacy experience", "adoption is low",
                   "two teams disagree", "support tickets doubled", "one engineer for a quarter",
                   "trial-to-paid", "pricing change", "fraud attack", "supply response time"):
        assert phrase in texts, phrase


def test_user_prompts_are_merged_and_can_replace_a_bundled_one(tmp_path):
    user = tmp_path / "prompts.toml"
    first = PromptBank.load().prompts[0]
    user.write_text(
        '[[prompt]]\nid = "my-own-drill"\ntext = "How would you cut scope this week?"\n'
        'category = "prioritization"\nframework = "8-step"\nhint = "Name what you drop and why."\n\n'
        f'[[prompt]]\nid = "{first.id}"\ntext = "My version?"\ncategory = "{first.category}"\n'
        f'framework = "{first.framework}"\nhint = "mine"\n')
    bank = PromptBank.load(user)
    assert bank.get("my-own-drill").origin == str(user)
    assert bank.get(first.id).text == "My version?"
    assert len(bank.prompts) == len(PromptBank.load().prompts) + 1


@pytest.mark.parametrize("body, line, words", [
    ('[[prompt]]\nid = "ok-id"\ntext = "x?"\ncategory = "metric-drop"\nframework = "meter"\nhint = "h"\n'
     '\n[[prompt]]\nid = "second"\ntext = "y?"\ncategory = "vibes"\nframework = "meter"\nhint = "h"\n',
     11, "unknown category 'vibes'"),
    ('[[prompt]]\nid = "ok-id"\ntext = "x?"\ncategory = "metric-drop"\nframework = "meter"\n', 1,
     "needs a non-empty text value for 'hint'"),
    ('[[prompt]]\nid = "ok-id"\ntext = "unclosed\ncategory = "metric-drop"\n', 3, "not valid TOML"),
    ('[[prompt]]\nid = "Bad Id"\ntext = "x?"\ncategory = "metric-drop"\nframework = "meter"\nhint = "h"\n',
     2, "must be 3-60 lowercase"),
    ('[[prompt]]\nid = "dup"\ntext = "x?"\ncategory = "metric-drop"\nframework = "meter"\nhint = "h"\n'
     '[[prompt]]\nid = "dup"\ntext = "x?"\ncategory = "metric-drop"\nframework = "meter"\nhint = "h"\n',
     8, "duplicate prompt id 'dup'"),
])
def test_a_broken_user_file_is_named_with_its_line(tmp_path, body, line, words):
    user = tmp_path / "prompts.toml"
    user.write_text(body)
    with pytest.raises(DataFileError) as err:
        PromptBank.load(user)
    message = str(err.value)
    assert message.startswith(f"{user}:{line}:"), message
    assert words in message


def test_unknown_prompt_id_suggests_close_ones():
    bank = PromptBank.load()
    with pytest.raises(UsageError, match="unknown prompt id 'onboarding'.*Did you mean"):
        bank.get("onboarding")


def test_filter_and_random():
    import random

    bank = PromptBank.load()
    metric = bank.filter(category="metric-drop")
    assert metric and all(p.category == "metric-drop" for p in metric)
    assert all("fraud" in (p.text + p.hint).lower() for p in bank.filter(text="fraud"))
    rng = random.Random(7)
    picks = {bank.random(rng).id for _ in range(30)}
    assert len(picks) > 5
    assert bank.random(rng, exclude=metric[0].id).id != metric[0].id


def test_bundled_file_has_only_own_hint_wording():
    """Hints are written in our words: no run of 8 words copied from a guide."""
    from pathlib import Path

    guides = Path(__file__).resolve().parents[3] / "shared" / "guides"
    if not guides.exists():
        pytest.skip("../shared/guides not beside the repo")
    corpus = " ".join(" ".join(re.sub(r"[^a-z0-9 ]", " ", g.read_text().lower()).split()) for g in guides.glob("*.txt"))
    for p in PromptBank.load(bundled_file=bundled_prompts_file()).prompts:
        words = re.sub(r"[^a-z0-9 ]", " ", p.hint.lower()).split()
        for i in range(len(words) - 7):
            assert " ".join(words[i:i + 8]) not in corpus, (p.id, " ".join(words[i:i + 8]))


def test_search_ranks_prompts_that_ask_about_the_word_before_those_whose_hint_mentions_it():
    bank = PromptBank.load()
    found = bank.filter(text="notification")
    asks = [p for p in found if "notification" in p.text.lower()]
    assert asks and found[:len(asks)] == asks  # the questions about notifications come first
    assert all("notification" in (p.text + p.hint + p.id).lower() for p in found)
    hint_only = [p for p in found if "notification" not in (p.text + p.id).lower()]
    assert found[len(found) - len(hint_only):] == hint_only  # a mention in a hint comes last
