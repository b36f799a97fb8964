"""Time budgets from guide 002/004/000, resolution of company + phase, and user overrides."""

import pytest

from interviewer_app.core.budgets import BudgetBook, custom_budget
from interviewer_app.core.errors import DataFileError, UsageError


def _seconds(book, key):
    return {ph.key: ph.seconds for ph in book.format(key).phases}


def test_company_timings_match_guide_002():
    book = BudgetBook.load()
    assert _seconds(book, "amazon") == {"setup": 300, "deep-dive": 1800, "qa": 600}
    assert _seconds(book, "google") == {"intro": 600, "story": 1500, "scenario": 600}
    assert _seconds(book, "meta") == {"story-1": 1200, "story-2": 1200}
    assert _seconds(book, "stripe") == {"deep-dive": 3600}


def test_drills():
    book = BudgetBook.load()
    practice = _seconds(book, "practice")
    assert (practice["setup"], practice["story"], practice["wrap-up"]) == (120, 180, 60)
    assert _seconds(book, "sixty") == {"answer": 60}
    assert 1500 <= book.format("mock").budget().seconds <= 1800


def test_resolve_company_phase_and_custom():
    book = BudgetBook.load()
    b = book.resolve("Amazon", "qa", None)
    assert (b.format_key, b.phase_key, b.seconds) == ("amazon", "qa", 600)
    assert book.resolve("google", None, None).phase_key == "story"  # the format's main phase
    assert book.resolve(None, None, 90).seconds == 90
    assert book.resolve(None, None, None) is None
    assert "1:30" in custom_budget(90).label


@pytest.mark.parametrize("company, phase, seconds, words", [
    ("netflix", None, None, "valid: amazon, google, meta, stripe"),
    ("amazon", "lunch", None, "valid phases: setup, deep-dive, qa"),
    (None, "qa", None, "--phase needs --company"),
    ("amazon", None, 60, "not both"),
    (None, None, -5, "between 1 and"),
])
def test_bad_choices_list_the_valid_ones(company, phase, seconds, words):
    with pytest.raises(UsageError, match=words):
        BudgetBook.load().resolve(company, phase, seconds)


def test_user_file_overrides_a_format(tmp_path):
    user = tmp_path / "budgets.toml"
    user.write_text('[[format]]\nkey = "amazon"\nname = "Amazon (my loop)"\nkind = "company"\n'
                    'phases = [ { key = "deep-dive", name = "Deep dive", seconds = 1500 } ]\n')
    book = BudgetBook.load(user)
    assert book.resolve("amazon", None, None).seconds == 1500
    assert book.format("stripe")  # the others are still there


def test_broken_user_budgets_file_names_the_line(tmp_path):
    user = tmp_path / "budgets.toml"
    user.write_text('[[format]]\nkey = "mine"\nname = "Mine"\n'
                    'phases = [ { key = "a", name = "A", seconds = "ten" } ]\n')
    with pytest.raises(DataFileError, match=rf"^{user}:4: format 'mine', phase 'a': seconds must be"):
        BudgetBook.load(user)
