"""The answer's transcript as clickable sentences, each highlighted in its step's colour (filler
sounds greyed), plus a legend."""

from __future__ import annotations

import html
import re

from interviewer_app.analysis.pacing.fillers import SINGLE
from interviewer_app.core.models import format_clock
from interviewer_app.core.steps import STEPS, STEPS_BY_KEY
from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets, Signal
from interviewer_app.ui.step_colors import STEP_COLORS, highlight

MARK_MS = 1500  # how long scroll_to_time keeps its mark on the sentence


def _cue_ranges(sentence: dict, steps: dict) -> list[tuple[int, int]]:
    """Character ranges of the sentence's cue words (evidence whose text is this sentence), merged."""
    text = sentence.get("text") or ""
    lowered = text.lower()
    ranges = []
    for key in sentence.get("steps") or []:
        for ev in (steps.get(key) or {}).get("evidence") or []:
            same = (ev.get("text") or "").strip() == text.strip() or (
                ev.get("start") is not None and ev.get("start") == sentence.get("start"))
            cue = (ev.get("cue") or "").strip()
            at = lowered.find(cue.lower()) if same and cue else -1
            if at >= 0:
                ranges.append((at, at + len(cue)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_FILLER = re.compile(r"\b(?:" + "|".join(sorted(SINGLE, key=len, reverse=True)) + r")\b,?", re.IGNORECASE)


def _plain(text: str, muted: str | None) -> str:
    """Escaped text with filler sounds (um, uh, ...) greyed: where they were said, still readable past."""
    if muted is None:
        return html.escape(text)
    out, pos = [], 0
    for m in _FILLER.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(f"<span class='filler' style='color:{muted}'>{html.escape(m.group())}</span>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _sentence_body(sentence: dict, steps: dict, muted: str | None = None) -> str:
    text = sentence.get("text") or ""
    out, pos = [], 0
    for start, end in _cue_ranges(sentence, steps):
        out.append(_plain(text[pos:start], muted))
        out.append(f"<b><u>{html.escape(text[start:end])}</u></b>")
        pos = end
    out.append(_plain(text[pos:], muted))
    return "".join(out)


def _sentence_tooltip(sentence: dict, steps: dict) -> str:
    lines = []
    for key in sentence.get("steps") or []:
        step = STEPS_BY_KEY[key]
        cues = [f"“{ev['cue']}”: {ev['rule']}" for ev in (steps.get(key) or {}).get("evidence") or []
                if (ev.get("text") or "").strip() == (sentence.get("text") or "").strip()]
        lines.append(f"{step.number}. {step.title}" + (f" — {cues[0]}" if cues else ""))
    if sentence.get("start") is not None:
        lines.append("Click to play from here")
    return "\n".join(lines)


class TranscriptView(QtWidgets.QTextBrowser):
    """Shows `feedback["sentences"]`; clicking a timed sentence emits its start time."""

    sentence_clicked = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("transcript_view")
        self.setAccessibleName("Transcript")
        self.setAccessibleDescription("Your answer, sentence by sentence, highlighted by step. "
                                      "Activate a sentence to play the recording from there.")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setMinimumSize(280, 160)
        self.anchorClicked.connect(self._on_anchor)
        self._feedback: dict | None = None
        self._blocks: dict[int, tuple[int, int]] = {}  # sentence index -> (first char, last char)
        self.source_html = ""
        self.marked_sentence: int | None = None
        self.mark_timer = QtCore.QTimer(self)
        self.mark_timer.setSingleShot(True)
        self.mark_timer.setInterval(MARK_MS)
        self.mark_timer.timeout.connect(self._clear_mark)
        self.show_feedback(None)

    # -- rendering -------------------------------------------------------------------------------
    def show_feedback(self, d: dict | None) -> None:
        self._feedback = d
        self._clear_mark()
        pal = self.palette()
        text = pal.color(QtGui.QPalette.ColorRole.Text).name()
        muted = pal.color(QtGui.QPalette.ColorRole.PlaceholderText).name()
        self.document().setDefaultStyleSheet(
            f"a {{ color: {text}; text-decoration: none; }} "
            f".ts {{ color: {muted}; }} .pause {{ color: {muted}; font-style: italic; }}")
        self.source_html = self._render(d or {}, muted)
        self.setHtml(self.source_html)
        self._index_blocks()

    def _render(self, d: dict, muted: str) -> str:
        sentences = d.get("sentences") or []
        if not d:
            return f"<p style='color:{muted}'>No answer to show yet.</p>"
        if d.get("no_speech") or not sentences:
            if d.get("duration_s") is None:
                msg = "The transcript is empty: there is nothing to review."
            else:
                msg = ("No speech was heard in this recording. Check that the right microphone is "
                       "selected and not muted, then try again.")
            return f"<p style='font-size:large; margin:12px'><b>{html.escape(msg)}</b></p>"
        steps = d.get("steps") or {}
        fixed = QtGui.QFontDatabase.systemFont(QtGui.QFontDatabase.SystemFont.FixedFont).family()
        long_pauses = sorted((p for p in (d.get("pacing") or {}).get("pauses") or [] if p.get("long")),
                             key=lambda p: p["start"])
        parts = []
        for i, s in enumerate(sentences):
            start = s.get("start")
            while long_pauses and start is not None and long_pauses[0]["start"] <= start:
                p = long_pauses.pop(0)
                parts.append(f"<p class='pause' style='margin:0 0 6px 0'>… {p['duration']:.1f} s pause "
                             f"at {format_clock(p['start'])}</p>")
            stamp = (f"<span class='ts' style='font-family:\"{fixed}\"; font-size:small'>"
                     f"[{format_clock(start)}]</span>&nbsp;" if start is not None else "")
            tags = "".join(f"<span style='color:{STEP_COLORS[k]}'>■</span><small>{STEPS_BY_KEY[k].number}</small>&nbsp;"
                           for k in s.get("steps") or [] if k in STEP_COLORS)
            body = _sentence_body(s, steps, muted)
            if s.get("steps") and s["steps"][0] in STEP_COLORS:
                body = f"<span style='background-color:{highlight(s['steps'][0])}'>{body}</span>"
            href = f" href='t:{start:.2f}'" if start is not None else ""
            title = html.escape(_sentence_tooltip(s, steps), quote=True)
            parts.append(f"<p style='margin:0 0 6px 0'><a name='s{i}'{href} title=\"{title}\">"
                         f"{stamp}{tags}{body}</a></p>")
        for p in long_pauses:  # pauses after the last sentence start
            parts.append(f"<p class='pause'>… {p['duration']:.1f} s pause at {format_clock(p['start'])}</p>")
        return "".join(parts)

    def _index_blocks(self) -> None:
        self._blocks = {}
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                for name in it.fragment().charFormat().anchorNames():
                    if name.startswith("s") and name[1:].isdigit():
                        self._blocks[int(name[1:])] = (block.position(), block.position() + block.length() - 1)
                it += 1
            block = block.next()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange and self._feedback is not None:
            self.show_feedback(self._feedback)

    # -- interaction -----------------------------------------------------------------------------
    def _on_anchor(self, url: QtCore.QUrl) -> None:
        target = url.toString()
        if target.startswith("t:"):
            try:
                self.sentence_clicked.emit(float(target[2:]))
            except ValueError:
                pass

    def sentence_at(self, seconds: float) -> int | None:
        """Index of the sentence being spoken at `seconds` (the last one started by then)."""
        found = None
        for i, s in enumerate((self._feedback or {}).get("sentences") or []):
            if s.get("start") is None:
                continue
            if s["start"] <= seconds + 0.05 or found is None:
                found = i
        return found

    def scroll_to_time(self, seconds: float) -> int | None:
        """Scroll to the sentence containing `seconds` and mark it briefly; returns its index."""
        i = self.sentence_at(seconds)
        if i is None or i not in self._blocks:
            return None
        self.scrollToAnchor(f"s{i}")
        first, last = self._blocks[i]
        cursor = QtGui.QTextCursor(self.document())
        cursor.setPosition(first)
        cursor.setPosition(last, QtGui.QTextCursor.MoveMode.KeepAnchor)
        mark = QtWidgets.QTextEdit.ExtraSelection()
        mark.cursor = cursor
        mark.format.setBackground(self.palette().color(QtGui.QPalette.ColorRole.Highlight))
        mark.format.setForeground(self.palette().color(QtGui.QPalette.ColorRole.HighlightedText))
        self.setExtraSelections([mark])
        self.marked_sentence = i
        self.mark_timer.start()
        return i

    def follow(self, seconds: float) -> int | None:
        """While the recording plays: keep the sentence being heard marked and in view."""
        i = self.sentence_at(seconds)
        if i is not None and i == self.marked_sentence:
            self.mark_timer.start()  # still the same sentence: keep it marked
            return i
        return self.scroll_to_time(seconds)

    def _clear_mark(self) -> None:
        self.marked_sentence = None
        self.setExtraSelections([])


class StepLegend(QtWidgets.QLabel):
    """Coloured chips naming the eight steps, matching the transcript's highlights; wraps when narrow."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("step_legend")
        self.setAccessibleName("Step colours")
        self.setWordWrap(True)
        self.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.setToolTip("\n".join(f"{s.number}. {s.title}: {s.summary}" for s in STEPS))
        chips = [f"<span style='background-color:{highlight(s.key)}'>&nbsp;<span style='color:{STEP_COLORS[s.key]}'>"
                 f"■</span>&nbsp;{s.number}&nbsp;{html.escape(s.title).replace(' ', '&nbsp;')}&nbsp;</span>"
                 for s in STEPS]
        self.setText("<p style='line-height:140%'>" + " &nbsp; ".join(chips) + "</p>")
