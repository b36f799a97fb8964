"""The main window's menu bar: File, Practice, History, Settings and Help, with their shortcuts.
Each entry calls a method of the window; the checkable ones keep their state in its settings."""

from __future__ import annotations

from interviewer_app.qt_binding import QtGui
from interviewer_app.ui import dialogs
from interviewer_app.ui.model_choice import KEEP_FILLERS_TIP, KEEP_FILLERS_TITLE, apply_filler_choice


def build_menus(window) -> None:
    def action(menu, text, slot, shortcut=None):
        act = QtGui.QAction(text, window)
        if shortcut:
            act.setShortcut(QtGui.QKeySequence(shortcut))
        act.triggered.connect(slot)
        menu.addAction(act)
        window.addAction(act)
        return act

    def toggle(menu, text, checked: bool, slot, tip: str | None = None):
        act = QtGui.QAction(text, window)
        act.setCheckable(True)
        act.setChecked(checked)
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        act.toggled.connect(slot)
        menu.addAction(act)
        return act

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    action(file_menu, "Analyze an audio file…", window.analyze_file_dialog, "Ctrl+O")
    action(file_menu, "Export this answer…", window.export_answer, "Ctrl+E")
    action(file_menu, "Quit", window.quit_app, "Ctrl+Q")
    practice = bar.addMenu("&Practice")
    window.space_action = action(practice, "Start / stop recording", window.space_pressed, "Space")
    action(practice, "Replay prompt", window.replay_prompt, "R")
    action(practice, "Next prompt", window.next_prompt, "N")
    action(practice, "Next for me (from your history)", window.next_for_me, "Shift+N")
    action(practice, "Try again", window.try_again, "T")
    action(practice, "Play / pause recording", window._toggle_playback, "P")
    action(practice, "Back to prompts", window.back_to_choose, "Esc")
    action(practice, "Mock interview…", window.mock.show, "Ctrl+M")
    practice.addSeparator()
    settings = window.settings
    window.live_action = toggle(practice, "Show live transcript while answering",
                                bool(settings.get("show_live")), window._set_live_visible)
    window.rate_action = toggle(practice, "Rate each answer before the feedback", bool(settings.get("rate_first")),
                                lambda on: settings.set("rate_first", on))
    window.answer.set_live_visible(window.live_action.isChecked())
    history = bar.addMenu("Hi&story")
    action(history, "Past attempts", window.show_history, "Ctrl+H")
    action(history, "Habits dashboard", window.show_habits, "Ctrl+D")
    settings_menu = bar.addMenu("Se&ttings")
    settings_menu.setToolTipsVisible(True)
    action(settings_menu, "Speech model…", window.choose_speech_model)
    window.fillers_action = toggle(settings_menu, KEEP_FILLERS_TITLE, window.ctx.options.keep_fillers,
                                   lambda on: apply_filler_choice(window.ctx, settings, on), KEEP_FILLERS_TIP)
    help_menu = bar.addMenu("&Help")
    action(help_menu, "Keyboard shortcuts", lambda: dialogs.show_shortcuts(window), "F1")
    action(help_menu, "Coaching notes (what the guides say)", lambda: window.show_guide_notes())
    action(help_menu, "Welcome and microphone check…", window.show_welcome)
    action(help_menu, "Open log folder", window.open_log_folder)
    action(help_menu, "About Interviewer", window.show_about)
