"""Labels and small helpers shared by the prompt browser and the add-prompt dialog."""

from __future__ import annotations

import re

from interviewer_app.core.prompts import CATEGORIES, FRAMEWORKS
from interviewer_app.qt_binding import Qt, QtGui, QtWidgets

PROMPT_ROLE = Qt.ItemDataRole.UserRole
META_ROLE = Qt.ItemDataRole.UserRole + 1

_CATEGORY_LABELS = {"trade-off": "trade-off"}  # a real hyphenated word, keep the hyphen
_FRAMEWORK_LABELS = {"8-step": "8 steps"}
_STOPWORDS = frozenset("a an the you your we our i what do does how is are to of and or in on for with "
                       "would should it that this".split())



def category_label(key: str) -> str:
    """'metric-drop' -> 'metric drop'."""
    return _CATEGORY_LABELS.get(key, key.replace("-", " "))


def framework_label(key: str) -> str:
    """A short name for a framework: 'METER', 'C.A.R.E.', '8 steps'."""
    if key in _FRAMEWORK_LABELS:
        return _FRAMEWORK_LABELS[key]
    desc = FRAMEWORKS.get(key, "")
    return desc.split(":")[0].strip() if ":" in desc else key


def source_label(source: str) -> str:
    """'000_2726c1ce649d4db0.txt' -> 'guide 000'; anything else as written."""
    match = re.match(r"^(\d{3})_", source or "")
    return f"guide {match.group(1)}" if match else (source or "your own")


def derive_id(text: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A prompt id from its text: the first few meaningful words, hyphenated, unique among `taken`."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    meaningful = [w for w in words if w not in _STOPWORDS] or words
    slug = ""
    for word in meaningful[:6]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 48:
            break
        slug = candidate
    if not slug and meaningful:
        slug = meaningful[0][:48]
    if len(slug) < 3:
        return slug
    unique, n = slug, 2
    while unique in taken:
        unique, n = f"{slug}-{n}", n + 1
    return unique


def _muted(palette: QtGui.QPalette, role=QtGui.QPalette.ColorRole.WindowText, alpha: int = 175) -> QtGui.QColor:
    color = QtGui.QColor(palette.color(role))
    color.setAlpha(alpha)
    return color


def _set_muted(label: QtWidgets.QLabel) -> None:
    pal = label.palette()
    pal.setColor(QtGui.QPalette.ColorRole.WindowText, _muted(pal))
    label.setPalette(pal)


def _elided_lines(text: str, font: QtGui.QFont, width: int, max_lines: int) -> list[str]:
    """Word-wrap `text` to `width`, at most `max_lines` lines, the last one elided with '…'."""
    metrics = QtGui.QFontMetrics(font)
    layout = QtGui.QTextLayout(text, font)
    lines: list[str] = []
    layout.beginLayout()
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 10))
        start, length = line.textStart(), line.textLength()
        if len(lines) == max_lines - 1:
            lines.append(metrics.elidedText(text[start:].strip(), Qt.TextElideMode.ElideRight, width))
        else:
            lines.append(text[start:start + length].strip())
    layout.endLayout()
    return lines


def _fill_category_combo(combo: QtWidgets.QComboBox, all_text: str | None) -> None:
    if all_text:
        combo.addItem(all_text, None)
    for key in CATEGORIES:
        label = category_label(key)
        combo.addItem(label[:1].upper() + label[1:], key)


def _fill_framework_combo(combo: QtWidgets.QComboBox, all_text: str | None) -> None:
    if all_text:
        combo.addItem(all_text, None)
        combo.setItemData(0, "Prompts of every answer framework", Qt.ItemDataRole.ToolTipRole)
    for key, description in FRAMEWORKS.items():
        combo.addItem(framework_label(key), key)
        combo.setItemData(combo.count() - 1, description, Qt.ItemDataRole.ToolTipRole)


def _select_data(combo: QtWidgets.QComboBox, value) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
