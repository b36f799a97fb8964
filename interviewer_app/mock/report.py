"""The report of one mock interview: time per phase against its budget and the overtime of each
phase and of the whole interview, the steps and signals of every answer, the follow-ups chosen
after each main answer (why, and how they were answered), and the habits of each phase. A dict
for JSON (`to_dict`) and a text report for the CLI (`text`). Pure computation over MockAnswers, so
it reads a session just analysed and one loaded from storage alike.

Time is recorded answer time (each recording's length); the interviewer's talking between answers
is not in it. An answer without times (a typed transcript) counts as untimed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Sequence

from interviewer_app.analysis.content.frameworks import FRAMEWORK_SPECS
from interviewer_app.analysis.content.signals import SIGNALS_BY_KEY
from interviewer_app.core.models import format_clock, plural
from interviewer_app.core.rubric import RUBRIC
from interviewer_app.core.steps import STEP_KEYS, STEPS_BY_KEY
from interviewer_app.mock.follow_ups import AnswerGaps, FollowUp, addressed, norm
from interviewer_app.mock.plan import MockAnswer, MockPlan


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 2)


def signal_summary(feedback: dict) -> dict:
    """Strengths heard and missing, and concerns shown, by key (signals that did not apply are left out)."""
    out = {"strengths_heard": [], "strengths_missing": [], "concerns": []}
    for s in feedback.get("signals") or []:
        if not s.get("checked", True):
            continue
        if s["kind"] == "strength":
            out["strengths_heard" if s["present"] else "strengths_missing"].append(s["key"])
        elif s["present"]:
            out["concerns"].append(s["key"])
    return out


def framework_summary(feedback: dict) -> dict | None:
    """The prompt's framework parts heard and missing (C.A.R.E. for a story, METER, ...)."""
    fw = feedback.get("framework")
    if not fw:
        return None
    return {"key": fw["key"], "name": fw["name"], "heard": [p["key"] for p in fw["parts"] if p["heard"]],
            "missing": [p["key"] for p in fw["parts"] if not p["heard"]], "of": fw["of"]}


def _answer_facts(a: MockAnswer) -> dict:
    fb = a.feedback
    return {"duration_s": _r(fb.get("duration_s")), "steps_heard": fb.get("steps_heard", 0),
            "missing_steps": list(fb.get("missing_steps") or []), "framework": framework_summary(fb),
            "signals": signal_summary(fb), "no_speech": bool(fb.get("no_speech")),
            "wpm": (fb.get("pacing") or {}).get("wpm"),
            "fillers": ((fb.get("pacing") or {}).get("fillers") or {}).get("count")}


@dataclass
class MockReport:
    plan: MockPlan
    answers: list[MockAnswer]
    status: str  # "analysed" (a folder), "finished", "abandoned" or "unfinished"
    session_id: int | None = None
    self_score: dict | None = None
    notes: str = ""

    # -- time ------------------------------------------------------------------------------------
    def phase_rows(self) -> list[dict]:
        rows = []
        for phase in self.plan.phases:
            mine = [a for a in self.answers if a.phase_key == phase.key]
            durations = [a.duration_s for a in mine]
            timed = [d for d in durations if d is not None]
            used = sum(timed) if timed else (None if mine else 0.0)
            row = {"key": phase.key, "name": phase.name, "asks": list(phase.asks),
                   "takes_answer": phase.takes_answer, "budget_s": phase.seconds,
                   "answers": sum(not a.is_follow_up for a in mine),
                   "follow_up_answers": sum(a.is_follow_up for a in mine),
                   "untimed_answers": len(durations) - len(timed)}
            if not phase.takes_answer:
                row.update(used_s=None, left_s=None, overtime_s=None, over_budget=None,
                           ran_out=None, note="not recorded")
            else:
                over = None if used is None else max(0.0, used - phase.seconds)
                row.update(used_s=_r(used), left_s=None if used is None else _r(phase.seconds - used),
                           overtime_s=_r(over), over_budget=None if over is None else over > 0,
                           ran_out=self._ran_out(mine, phase.seconds),
                           note="" if mine else "no answer recorded")
            rows.append(row)
        return rows

    def _ran_out(self, answers: Sequence[MockAnswer], budget: float) -> dict | None:
        """Where the phase's budget ran out: which answer, how far into it, and the step then."""
        elapsed = 0.0
        for a in answers:
            d = a.duration_s
            if d is None:
                return None
            if elapsed + d > budget:
                into = budget - elapsed
                step = None
                for key in STEP_KEYS:
                    first = (a.feedback.get("steps") or {}).get(key, {}).get("first_s")
                    if first is not None and first <= into and (step is None or first >= step[1]):
                        step = (key, first)
                return {"position": a.position, "into_answer_s": _r(into), "step": step[0] if step else None}
            elapsed += d
        return None

    def totals(self, rows: list[dict]) -> dict:
        answered = [r for r in rows if r["takes_answer"]]
        used = [r["used_s"] for r in answered if r["used_s"] is not None]
        used_s = sum(used) if used else None
        overtime = None if used_s is None else max(0.0, used_s - self.plan.answer_s)
        return {"interview_budget_s": self.plan.total_s, "answer_budget_s": self.plan.answer_s,
                "used_s": _r(used_s), "overtime_s": _r(overtime),
                "over_budget": None if overtime is None else overtime > 0,
                "phase_overtime_s": _r(sum(r["overtime_s"] or 0.0 for r in answered)),
                "phases_over": [r["key"] for r in answered if r["over_budget"]],
                "untimed_answers": sum(r["untimed_answers"] for r in rows)}

    # -- answers and follow-ups -------------------------------------------------------------------
    def answer_rows(self) -> list[dict]:
        out = []
        for a in self.answers:
            row = {"position": a.position, "phase": a.phase_key, "question_key": a.question_key,
                   "question": a.question, "is_follow_up": a.is_follow_up, "follow_up_of": a.follow_up_of,
                   "source": a.source, "attempt_id": a.attempt_id, **_answer_facts(a)}
            if a.is_follow_up:
                row["asked_because"] = a.follow_up.get("reason")
                row["rule"] = a.follow_up.get("rule")
            else:
                row["follow_ups"] = [self._follow_up_row(a, f) for f in a.follow_ups]
            out.append(row)
        return out

    def _follow_up_row(self, main: MockAnswer, f: dict) -> dict:
        reply = next((a for a in self.answers if a.follow_up_of == main.position
                      and norm(a.follow_up["question"]) == norm(f["question"])), None)
        row = {**f, "after": main.position, "phase": main.phase_key, "answered": reply is not None,
               "answer_position": None, "answer": None, "addressed": None}
        if reply is not None:
            row["answer_position"] = reply.position
            row["answer"] = _answer_facts(reply)
            row["addressed"] = addressed(FollowUp.from_dict(f), AnswerGaps.from_dict(reply.feedback))
        else:
            row["not_asked_because"] = self._why_not_asked(main, f)
        return row

    def _why_not_asked(self, main: MockAnswer, f: dict) -> str:
        """Why a follow-up chosen after `main` was never answered, as far as the answers tell."""
        replies = [a for a in self.answers if a.follow_up_of == main.position]
        if any(addressed(FollowUp.from_dict(f), AnswerGaps.from_dict(a.feedback)) for a in replies):
            return "an earlier follow-up answer already covered it"
        phase = self.plan.phase(main.phase_key)
        used = sum(a.duration_s or 0.0 for a in self.answers if a.phase_key == main.phase_key)
        if used >= phase.seconds:
            return "the phase's time ran out"
        return "the interview moved on"

    def follow_up_rows(self, answer_rows: list[dict]) -> list[dict]:
        """Every follow-up chosen in the session, in order, plus any asked that the rules did not choose."""
        chosen = [f for r in answer_rows if not r["is_follow_up"] for f in r["follow_ups"]]
        known = {(f["after"], norm(f["question"])) for f in chosen}
        for a in self.answers:
            if a.is_follow_up and (a.follow_up_of, norm(a.follow_up["question"])) not in known:
                chosen.append({**a.follow_up, "after": a.follow_up_of, "phase": a.phase_key, "answered": True,
                               "answer_position": a.position, "answer": _answer_facts(a),
                               "addressed": addressed(a.follow_up, AnswerGaps.from_dict(a.feedback))})
        return chosen

    # -- habits per phase ---------------------------------------------------------------------------
    def habits(self, rows: list[dict]) -> list[dict]:
        out = []
        for row in rows:
            if not row["takes_answer"]:
                continue
            mine = [a for a in self.answers if a.phase_key == row["key"]]
            mains = [a for a in mine if not a.is_follow_up and not a.feedback.get("no_speech")]
            spoken = [a for a in mine if not a.feedback.get("no_speech")]
            speaking = sum((a.feedback.get("pacing") or {}).get("speaking_s") or 0.0 for a in spoken)
            words = sum(len((a.feedback.get("transcript") or "").split()) for a in spoken)
            fillers = sum(((a.feedback.get("pacing") or {}).get("fillers") or {}).get("count") or 0 for a in spoken)
            # what the phase never heard: a part filled in a follow-up answer was heard
            never = _never_heard([a for a in spoken if not a.is_follow_up or a.follow_up_of in
                                  {m.position for m in mains}])
            concerns: dict[str, int] = {}
            for a in spoken:
                for key in signal_summary(a.feedback)["concerns"]:
                    concerns[key] = concerns.get(key, 0) + 1
            habit = {"phase": row["key"], "name": row["name"], "over_budget": row["over_budget"],
                     "overtime_s": row["overtime_s"], "ran_out": row["ran_out"],
                     "wpm": round(words / speaking * 60, 1) if speaking else None,
                     "fillers_per_min": round(fillers / speaking * 60, 2) if speaking else None,
                     "never_heard": never, "concerns": concerns}
            habit["summary"] = self._habit_sentence(row, habit, bool(mains))
            out.append(habit)
        return out

    @staticmethod
    def _habit_sentence(row: dict, habit: dict, spoken: bool) -> str:
        name = row["name"]
        if row["used_s"] is None:
            return f"{name}: answers without times (typed), so time was not measured."
        if not row["answers"] and not row["follow_up_answers"]:
            return f"{name}: no answer recorded."
        parts = []
        if row["over_budget"]:
            ran = row["ran_out"] or {}
            step = STEPS_BY_KEY.get(ran.get("step") or "")
            during = f", during {step.title}" if step else ""
            parts.append(f"{name}: {format_clock(row['used_s'])} of {format_clock(row['budget_s'])}, "
                         f"{format_clock(row['overtime_s'])} over; time ran out in answer "
                         f"{ran.get('position')}{during}")
        else:
            parts.append(f"{name}: {format_clock(row['used_s'])} of {format_clock(row['budget_s'])}, "
                         f"within budget")
        never = habit["never_heard"]
        if spoken and never.get("steps"):
            parts.append("steps never heard: " + step_titles(never["steps"]))
        if spoken and never.get("care"):
            parts.append("C.A.R.E. parts never heard: " + part_titles("care", never["care"]))
        if habit["concerns"]:
            parts.append("concerns: " + signal_titles(list(habit["concerns"])))
        return "; ".join(parts) + "."

    # -- output -------------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        rows = self.phase_rows()
        answers = self.answer_rows()
        return {"session_id": self.session_id, "status": self.status, "plan": self.plan.to_dict(),
                "totals": self.totals(rows), "phases": rows, "answers": answers,
                "follow_ups": self.follow_up_rows(answers), "habits": self.habits(rows),
                "self_score": self.self_score or {}, "notes": self.notes}

    def text(self) -> str:
        d = self.to_dict()
        t = d["totals"]
        plan = self.plan
        head = f"Mock interview report: {plan.format_name}"
        if self.session_id is not None:
            head += f" · session {self.session_id}"
        out = [head, f"Status: {self.status}"]
        if t["used_s"] is None:
            out.append(f"Time: not measured (typed answers) · budget {format_clock(t['answer_budget_s'])} "
                       f"answering, {format_clock(t['interview_budget_s'])} in all")
        else:
            verdict = (f"OVER by {format_clock(t['overtime_s'])}" if t["over_budget"]
                       else f"{format_clock(t['answer_budget_s'] - t['used_s'])} to spare")
            out.append(f"Time: {format_clock(t['used_s'])} answering of {format_clock(t['answer_budget_s'])} "
                       f"({format_clock(t['interview_budget_s'])} with the phases not recorded) · {verdict}")
        out += ["", "Phases"]
        for r in d["phases"]:
            if not r["takes_answer"]:
                out.append(f"  {r['name']:<30} {'':>6}   {format_clock(r['budget_s']):>6}  not recorded")
                continue
            used = "-" if r["used_s"] is None else format_clock(r["used_s"])
            flag = ""
            if r["over_budget"]:
                flag = f"  OVER by {format_clock(r['overtime_s'])}"
            elif r["note"]:
                flag = f"  {r['note']}"
            count = f"{plural(r['answers'], 'answer')}, {plural(r['follow_up_answers'], 'follow-up')}"
            out.append(f"  {r['name']:<30} {used:>6} / {format_clock(r['budget_s']):>6}  ({count}){flag}")
        out += ["", "Answers"]
        for a in d["answers"]:
            kind = f"follow-up to {a['follow_up_of']}" if a["is_follow_up"] else "main"
            length = format_clock(a["duration_s"]) if a["duration_s"] is not None else "untimed"
            # the user's own file when the answers came from a folder; never the app's recording names
            src = f" [{PurePath(a['source']).name}]" if a["source"] and self.status == "analysed" else ""
            out.append(f"  {a['position']}. {a['phase']} · {kind} · {length}{src}")
            out.append(f"     Q: {a['question']}")
            if a["is_follow_up"]:
                out.append(f"     why: {reason_words(a['asked_because'])}")
            if a["no_speech"]:
                out.append("     no speech was heard")
                continue
            out.append(f"     {structure_words(a)}")
            sig = a["signals"]
            if sig["strengths_heard"]:
                out.append(f"     heard: {signal_titles(sig['strengths_heard'])}")
            if sig["concerns"]:
                out.append(f"     concerns: {signal_titles(sig['concerns'])}")
        out += ["", "Follow-ups"]
        if not d["follow_ups"]:
            out.append("  none chosen")
        for f in d["follow_ups"]:
            out.append(f"  after {f['after']}: {f['question']}")
            out.append(f"     {reason_words(f['reason'])}")
            if f["answered"]:
                ans = f["answer"]
                gap = {True: "gap filled", False: "gap still open", None: "a twist (no gap to fill)"}[f["addressed"]]
                out.append(f"     answered in {f['answer_position']}: {gap}; heard "
                           f"{signal_titles(ans['signals']['strengths_heard']) or 'no strengths'}")
            else:
                out.append(f"     not asked: {f.get('not_asked_because') or 'the interview moved on'}")
        out += ["", "Habits by phase"] + [f"  {h['summary']}" for h in d["habits"]]
        if d["self_score"]:
            titles = {r.key: r.title for r in RUBRIC}
            out += ["", "Self-score: " + ", ".join(f"{titles.get(k, k)} {v}/5" for k, v in d["self_score"].items() if v)]
        if d["notes"]:
            out += [f"Notes: {d['notes']}"]
        return "\n".join(out) + "\n"


def _never_heard(mains: Sequence[MockAnswer]) -> dict[str, list[str]]:
    """What no answer of a phase had (main answers and the follow-ups to them): C.A.R.E. parts
    across its stories, the eight steps across its other answers (a story is not framed with the
    eight steps)."""
    stories = [a for a in mains if (a.feedback.get("framework") or {}).get("key") == "care"]
    others = [a for a in mains if a not in stories]
    out = {}
    if others:
        out["steps"] = [k for k in STEP_KEYS if all(k in (a.feedback.get("missing_steps") or []) for a in others)]
    if stories:
        parts = [p["key"] for p in stories[0].feedback["framework"]["parts"]]
        out["care"] = [k for k in parts if all(k in (framework_summary(a.feedback) or {}).get("missing", ())
                                               for a in stories)]
    return out


_EMPHASIS = re.compile(r"\*([^*]+)\*")  # a follow-up's reason names a step as *risks*


def reason_words(text: str) -> str:
    """A follow-up's reason for plain text: *risks* becomes “risks”."""
    return _EMPHASIS.sub(r"“\1”", text or "")


def reason_html(text: str) -> str:
    """A follow-up's reason after "Why asked:" on a page: *risks* in italics, the rest escaped."""
    import html

    from interviewer_app.core.safe_text import printable

    return _EMPHASIS.sub(r"<i>\1</i>", html.escape(printable((text or "").removeprefix("asked because "))))


def step_titles(keys) -> str:
    return ", ".join(STEPS_BY_KEY[k].title if k in STEPS_BY_KEY else str(k) for k in keys)


def part_titles(framework: str, keys) -> str:
    parts = {p.key: p.title for p in FRAMEWORK_SPECS[framework].parts} if framework in FRAMEWORK_SPECS else {}
    return ", ".join(parts.get(k, str(k)) for k in keys)


def signal_titles(keys) -> str:
    return ", ".join(SIGNALS_BY_KEY[k].title if k in SIGNALS_BY_KEY else str(k) for k in keys)



def structure_line(feedback: dict) -> str:
    """An answer's structure in one line (AnswerFeedback.to_dict() in)."""
    return structure_words({"framework": framework_summary(feedback), "steps_heard": feedback.get("steps_heard", 0),
                            "missing_steps": list(feedback.get("missing_steps") or [])})


def structure_words(a: dict) -> str:
    """An answer's structure: a story by its C.A.R.E. parts, a plan by the eight steps (and its
    framework), in the titles the review uses."""
    fw = a.get("framework")
    steps = f"{a['steps_heard']} of {len(STEP_KEYS)} steps" + (
        f"; not heard: {step_titles(a['missing_steps'])}" if a["missing_steps"] else "")
    if fw is None or fw["key"] == "8-step":
        return steps
    parts = f"{fw['name']} {len(fw['heard'])} of {fw['of']}" + (
        f"; not heard: {part_titles(fw['key'], fw['missing'])}" if fw["missing"] else "")
    return parts if fw["key"] == "care" else f"{steps} · {parts}"


def build_report(plan: MockPlan, answers: Sequence[MockAnswer], status: str = "analysed", *,
                 session_id: int | None = None, self_score: dict | None = None, notes: str = "") -> MockReport:
    return MockReport(plan, list(answers), status, session_id, self_score, notes)

