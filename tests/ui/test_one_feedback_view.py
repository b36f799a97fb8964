"""Every front end says the same things about an answer: the review's checklist and content list, the
CLI report, the Markdown, HTML and PDF exports, the JSON and the mock report all lay out one presentation
model (analysis/feedback/view.py). Three answers, each really analysed: a behavioral story (coached
on C.A.R.E., guide 002), a plan that jumps to options and runs over time (guide 003), and a
recording in which nothing was said."""

import html
import re

import pytest

from interviewer_app.analysis.feedback.answer import analyze
from interviewer_app.analysis.feedback.view import FEEDBACK_VERSION, feedback_view
from interviewer_app.cli.report import view_report
from interviewer_app.core.budgets import custom_budget
from interviewer_app.core.models import Transcript
from interviewer_app.core.prompts import PromptBank
from interviewer_app.core.steps import JUMPED_TO_OPTIONS_TIP, STEPS
from interviewer_app.export.attempt import to_html, to_markdown
from interviewer_app.mock.report import structure_line
from interviewer_app.ui.widgets.signal_list import SignalList
from interviewer_app.ui.widgets.step_checklist import StepChecklist
from tests.unit.timed import timed_transcript

BANK = PromptBank.load()

# our own story: context and an own action, no result and no escalation
STORY = [("Last autumn I ran the launch of a shared calendar for a clinic app, due before the winter "
          "rush with one mobile team.", 0.6),
         ("Two weeks out our load test failed on the booking service.", 0.5),
         ("I cut the reminders feature from the first release and moved one engineer onto the fix.", 0)]
# our own plan: a fix first, then some framing, and far longer than its budget
PLAN = [("We could add a reminder email and maybe a progress bar.", 0.8),
        ("The goal is checkout conversion, measured weekly.", 0.6),
        ("I'd look at the funnel by platform and app version to find where people drop.", 1.5),
        ("Then I'd pick the reminder email because it is cheap and easy to roll back.", 0)]


def _plain(text: str) -> str:
    """What a reader sees: tags gone, entities read, Markdown marks and spacing flattened."""
    text = re.sub(r"</?(?:a|b|i|span)\b[^>]*>", "", text)  # inline marks (a cited guide's link) join their words
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>|~])", r"\1", text)  # Markdown escapes
    text = text.replace("**", "").replace("*", "")
    return " ".join(text.split())


def _feedbacks() -> dict[str, dict]:
    budget = custom_budget(20)
    story = analyze(timed_transcript(STORY), None, BANK.get("project-off-track-recovery"))
    plan = analyze(timed_transcript(PLAN, word_s=0.9), budget, None)
    silent = analyze(Transcript(segments=(), model="test", duration_s=6.0), budget, None)
    return {"story": story.to_dict(), "plan": plan.to_dict(), "silent": silent.to_dict()}


FEEDBACKS = _feedbacks()


def _review_text(qtbot, d: dict) -> str:
    checklist, signals = StepChecklist(), SignalList()
    qtbot.addWidget(checklist)
    qtbot.addWidget(signals)
    checklist.show_feedback(d)
    signals.show_feedback(d)
    labels = [checklist.summary, checklist.tips_label, signals.summary,
              *signals.body.findChildren(type(checklist.summary))]
    if checklist.jump_callout.isVisibleTo(checklist):
        labels.append(checklist.jump_callout)
    return _plain(" ".join(label.text() for label in labels if not label.isHidden() or label is checklist.summary))


def _pdf_text(d: dict) -> str:
    import subprocess
    import unicodedata

    from interviewer_app.export.pdf import html_to_pdf_bytes

    pdf = html_to_pdf_bytes(to_html(d, {}, {}, ""))
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return _plain(unicodedata.normalize("NFKC", text).replace("\u00ad", ""))


def _front_ends(qtbot, d: dict) -> dict[str, str]:
    v = feedback_view(d)
    return {"review": _review_text(qtbot, d), "cli": _plain(view_report(v, "answer.wav")),
            "markdown": _plain(to_markdown(d, {}, {}, "")), "html": _plain(to_html(d, {}, {}, "")),
            "pdf": _pdf_text(d)}


@pytest.mark.parametrize("name", sorted(FEEDBACKS))
def test_every_front_end_says_the_same_things(qtbot, name):
    d = FEEDBACKS[name]
    v = feedback_view(d)
    s = v.structure
    said = [s.summary, *(t.title for t in s.tips), *(t.text for t in s.tips)]
    said += [x for x in (s.jumped, s.lead, s.message) if x]
    said += [v.signals.summary, *(c.title for c in v.signals.concerns), *(c.tip for c in v.signals.concerns)]
    for front, text in _front_ends(qtbot, d).items():
        missing = [x for x in said if _plain(x) not in text]
        assert not missing, f"{name}: the {front} does not say {missing}"
        if s.story or v.no_speech:  # a story is not coached on the steps, and silence on nothing
            assert JUMPED_TO_OPTIONS_TIP not in text, f"{name}: the {front} warns of jumping to options"
        if s.story:
            told = [step.title for step in STEPS if _plain(step.tip) in text]
            assert not told, f"{name}: the {front} gives 8-step tips to a story: {told}"
    assert d["feedback_version"] == FEEDBACK_VERSION and d["tips"] == v.tip_lines


def test_the_three_answers_are_what_they_claim_to_be():
    story, plan, silent = (feedback_view(FEEDBACKS[k]) for k in ("story", "plan", "silent"))
    assert story.structure.story and {t.title for t in story.structure.tips} >= {"Result", "Escalation"}
    assert plan.structure.jumped == JUMPED_TO_OPTIONS_TIP and plan.pacing.budget.over
    assert silent.no_speech and not silent.structure.tips and silent.structure.message


def test_the_mock_report_coaches_a_story_on_its_parts_and_a_plan_on_the_steps():
    story, plan = FEEDBACKS["story"], FEEDBACKS["plan"]
    assert structure_line(story).startswith("C.A.R.E.") and "steps" not in structure_line(story)
    line = structure_line(plan)
    assert line.startswith(f"{feedback_view(plan).structure.heard} of {len(STEPS)} steps")
    rows = {r.key: r.title for r in feedback_view(plan).structure.rows}
    assert all(rows[k] in line for k in feedback_view(plan).structure.missing)  # titles, as the review says them


def test_an_answer_stored_before_the_version_existed_reads_the_same():
    old = {k: v for k, v in FEEDBACKS["story"].items() if k not in ("feedback_version", "tips")}
    v = feedback_view(old)
    assert v.version == 1 and v.tip_lines == FEEDBACKS["story"]["tips"]
