"""The suggested score of one rubric dimension, shown under the user's own score on the Self-score
tab: "Suggested 3 of 5 — goal restated at 0:01; constraints named at 0:09", every reason in the
tooltip. It is a second opinion worked out from what was heard (analysis/content/rubric_assist.py) and
never fills in or changes the user's score."""

from __future__ import annotations

import html

from interviewer_app.analysis.content.rubric_assist import NOTE
from interviewer_app.core.rubric import SCORE_RANGE, Dimension, describe
from interviewer_app.qt_binding import QtCore, QtGui, QtWidgets

HIGH = SCORE_RANGE[1]
SHOWN_REASONS = 2  # reasons on the line itself; all of them are in the tooltip
INTRO = ("Each dimension also shows a suggested score, worked out from what was heard: a second "
         "opinion that never fills in or changes your own score, which is the only one saved.")


def suggestion_text(dim: Dimension, suggestion: dict) -> tuple[str, str]:
    """(the line's rich text, the tooltip) for one dimension's {"score": n, "reasons": [...]}."""
    score, reasons = suggestion.get("score"), [str(r) for r in suggestion.get("reasons") or []]
    shown = "; ".join(reasons[:SHOWN_REASONS]) + (f"; +{len(reasons) - SHOWN_REASONS} more"
                                                   if len(reasons) > SHOWN_REASONS else "")
    text = f"Suggested <b>{score} of {HIGH}</b>" + (f" — {html.escape(shown)}" if shown else "")
    tip = (f"Suggested {dim.title.lower()}: {score} of {HIGH} ({describe(dim, score)})\n"
           + "\n".join(f"• {r}" for r in reasons) + f"\n\n{NOTE}")
    return text, tip


class SuggestionLine(QtWidgets.QLabel):
    """Muted, word-wrapped; hidden while there is no suggestion."""

    def __init__(self, dim: Dimension, parent=None):
        super().__init__(parent)
        self.dim = dim
        self.score: int | None = None
        self.setObjectName(f"score_suggestion_{dim.key}")
        self.setWordWrap(True)
        self.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.setContentsMargins(0, 0, 0, 8)
        self.hide()

    def show_suggestion(self, suggestion: dict | None) -> None:
        score = (suggestion or {}).get("score")
        self.score = score if isinstance(score, int) else None
        if self.score is None:
            self.clear()
            self.setToolTip("")
            self.hide()
            return
        text, tip = suggestion_text(self.dim, suggestion)
        self.setText(text)
        self.setToolTip(tip)
        self.setAccessibleName(f"{self.dim.title}: suggested score {self.score} of {HIGH}, not your score")
        self.show()
