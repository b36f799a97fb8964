"""The choose page's widgets: prompt browser, budget picker and microphone combo (pytest-qt)."""

from __future__ import annotations

import random

import pytest

from interviewer_app.audio.devices import InputDevice
from interviewer_app.core.budgets import BudgetBook
from interviewer_app.core.models import Budget, Prompt
from interviewer_app.core.prompts import PromptBank, parse_prompts_file
from interviewer_app.core.user_prompts import append_user_prompt
from interviewer_app.qt_binding import Qt
from interviewer_app.ui.widgets.budget_picker import KIND_ROLE, BudgetPicker, parse_clock
from interviewer_app.ui.widgets.device_combo import NO_DEVICE_TEXT, DeviceCombo
from interviewer_app.ui.widgets.prompt_browser import PromptBrowser
from interviewer_app.ui.widgets.prompt_labels import PROMPT_ROLE, derive_id


@pytest.fixture
def bank() -> PromptBank:
    return PromptBank.load()


@pytest.fixture
def browser(qtbot, bank):
    added: list[Prompt] = []
    widget = PromptBrowser(bank, added.append, rng=random.Random(7))
    widget.added = added
    qtbot.addWidget(widget)
    widget.resize(800, 700)
    return widget


def listed(browser: PromptBrowser) -> list[Prompt]:
    return [browser.list.item(row).data(PROMPT_ROLE) for row in range(browser.list.count())
            if not browser.list.item(row).isHidden()]


# -- prompt browser ---------------------------------------------------------------------------------
def test_starts_with_every_prompt_and_the_first_selected(browser, bank):
    assert len(listed(browser)) == len(bank.prompts)
    assert browser.current_prompt() == bank.prompts[0]
    assert browser.detail_text.text() == bank.prompts[0].text


def test_typing_in_search_filters_text_hint_and_id(qtbot, browser, bank):
    qtbot.keyClicks(browser.search, "payment")
    shown = listed(browser)
    assert 0 < len(shown) < len(bank.prompts)
    assert all("payment" in f"{p.text} {p.hint} {p.id}".lower() for p in shown)
    assert browser.current_prompt() in shown
    browser.search.clear()
    qtbot.keyClicks(browser.search, bank.prompts[5].id)  # ids are searchable too
    assert bank.prompts[5] in listed(browser)


def test_search_with_no_match_shows_the_empty_state(qtbot, browser):
    selected = []
    browser.prompt_selected.connect(selected.append)
    qtbot.keyClicks(browser.search, "zzzz-no-such-prompt")
    assert selected[-1] is None
    assert listed(browser) == []
    assert browser.current_prompt() is None
    assert browser.list_stack.currentWidget() is browser.empty_label
    assert not browser.random_button.isEnabled()
    browser.clear_filters()
    assert browser.current_prompt() is not None


def test_category_and_framework_filters(browser, bank):
    combo = browser.category_combo
    combo.setCurrentIndex(combo.findData("metric-drop"))
    assert combo.currentText() == "Metric drop"
    shown = listed(browser)
    assert shown and all(p.category == "metric-drop" for p in shown)
    assert len(shown) == len([p for p in bank.prompts if p.category == "metric-drop"])
    assert "metric drop · " in browser.detail_meta.text()

    frameworks = browser.framework_combo
    frameworks.setCurrentIndex(frameworks.findData("meter"))
    assert frameworks.currentText() == "METER"
    assert frameworks.toolTip().startswith("METER: Metric")
    assert frameworks.itemData(frameworks.currentIndex(), Qt.ItemDataRole.ToolTipRole).startswith("METER")
    assert all(p.category == "metric-drop" and p.framework == "meter" for p in listed(browser))


def test_hint_is_hidden_until_the_user_asks(browser):
    browser.show()
    prompt = browser.current_prompt()
    assert browser.hint_label.isHidden()
    assert browser.hint_button.text() == "Show hint"
    browser.hint_button.click()
    assert browser.hint_label.isVisible()
    assert browser.hint_label.text() == prompt.hint
    assert browser.hint_button.text() == "Hide hint"
    assert browser.source_label.text() == "Source: guide 000"
    browser.list.setCurrentRow(3)  # another prompt: its hint starts hidden again
    assert browser.hint_label.isHidden()


def test_random_respects_filters_and_never_repeats_the_current(browser):
    browser.category_combo.setCurrentIndex(browser.category_combo.findData("stakeholder"))
    pool = listed(browser)
    assert len(pool) >= 2
    for _ in range(20):
        before = browser.current_prompt()
        browser.random_button.click()
        after = browser.current_prompt()
        assert after in pool
        assert after.id != before.id


def test_random_with_one_match_keeps_it(qtbot, browser, bank):
    qtbot.keyClicks(browser.search, bank.prompts[0].id)
    assert len(listed(browser)) == 1
    assert browser.pick_random() == bank.prompts[0]


def test_select_clears_filters_that_hide_the_prompt(browser, bank):
    browser.category_combo.setCurrentIndex(browser.category_combo.findData("behavioral"))
    target = next(p for p in bank.prompts if p.category != "behavioral")
    assert browser.select(target.id)
    assert browser.current_prompt() == target
    assert browser.category_combo.currentData() is None
    assert not browser.select("no-such-prompt")


def test_enter_and_double_click_activate(qtbot, browser):
    browser.show()
    qtbot.waitExposed(browser)
    browser.list.setFocus()
    qtbot.keyClick(browser.list, Qt.Key.Key_Down)
    second = browser.current_prompt()
    assert second == listed(browser)[1]
    with qtbot.waitSignal(browser.prompt_activated) as blocker:
        qtbot.keyClick(browser.list, Qt.Key.Key_Return)
    assert blocker.args == [second]

    center = browser.list.visualItemRect(browser.list.item(2)).center()
    qtbot.mouseClick(browser.list.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert browser.current_prompt() == listed(browser)[2]
    with qtbot.waitSignal(browser.prompt_activated) as blocker:
        qtbot.mouseDClick(browser.list.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == [listed(browser)[2]]


def test_ctrl_f_focuses_search_and_arrows_move_the_list(qtbot, browser):
    browser.show()
    qtbot.waitExposed(browser)
    browser.activateWindow()
    qtbot.waitUntil(lambda: browser.isActiveWindow())
    browser.list.setFocus()
    qtbot.keyClick(browser.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert browser.search.hasFocus()
    qtbot.keyClick(browser.search, Qt.Key.Key_Down)  # Down in the search box moves the selection
    assert browser.current_prompt() == listed(browser)[1]
    assert browser.search.hasFocus()


def test_add_your_own_calls_on_add_with_a_valid_prompt(qtbot, browser, tmp_path):
    browser.category_combo.setCurrentIndex(browser.category_combo.findData("launch-plan"))
    browser.add_button.click()
    dialog = browser.add_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.category_combo.currentData() == "launch-plan"  # starts on the current filter
    assert not dialog.save_button.isEnabled()
    dialog.text_edit.setPlainText("How would you launch dark mode for a banking app?")
    assert dialog.id_edit.text() == "launch-dark-mode-banking-app"
    dialog.framework_combo.setCurrentIndex(dialog.framework_combo.findData("value"))
    assert not dialog.save_button.isEnabled()  # still needs a hint
    assert "hint" in dialog.problem_label.text().lower()
    dialog.hint_edit.setPlainText("Start with who asked for it and why, then stage the rollout.")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()

    assert len(browser.added) == 1
    prompt = browser.added[0]
    assert prompt == Prompt(id="launch-dark-mode-banking-app",
                            text="How would you launch dark mode for a banking app?",
                            category="launch-plan", framework="value",
                            hint="Start with who asked for it and why, then stage the rollout.",
                            source="your own", origin="user")
    user_file = tmp_path / "prompts.toml"
    append_user_prompt(user_file, prompt)  # the core accepts it as written
    assert parse_prompts_file(user_file, origin="test")[0].id == prompt.id
    assert browser.current_prompt() == prompt  # shown and selected right away


def test_add_dialog_keeps_ids_unique_and_respects_a_typed_id(qtbot, browser, bank):
    dialog = browser.open_add_dialog()
    taken = bank.prompts[0]
    dialog.text_edit.setPlainText(taken.id.replace("-", " "))
    assert dialog.id_edit.text() != taken.id and dialog.id_edit.text().startswith(taken.id)
    qtbot.keyClicks(dialog.id_edit, "x")  # typing takes over from the text
    typed = dialog.id_edit.text()
    dialog.text_edit.setPlainText("Something else entirely")
    assert dialog.id_edit.text() == typed
    dialog.id_edit.setText(taken.id)
    dialog.hint_edit.setPlainText("hint")
    assert "already used" in dialog.problem()
    dialog.reject()
    assert browser.added == []


def test_derive_id():
    assert derive_id("Onboarding completion dropped 15% after a redesign. What do you do?") == \
        "onboarding-completion-dropped-15-after-redesign"
    assert derive_id("Why?") == "why"
    assert derive_id("Why?", {"why"}) == "why-2"
    assert derive_id("a") == "a"  # too short: left for the dialog to flag


def test_set_bank_keeps_the_selection(browser, bank):
    browser.select(bank.prompts[4].id)
    browser.set_bank(PromptBank(tuple(reversed(bank.prompts))))
    assert browser.current_prompt() == bank.prompts[4]


# -- budget picker ----------------------------------------------------------------------------------
@pytest.fixture
def picker(qtbot):
    widget = BudgetPicker(BudgetBook.load())
    qtbot.addWidget(widget)
    return widget


def test_budget_picker_groups_formats(picker):
    combo = picker.format_combo
    texts = [combo.itemText(row) for row in range(combo.count())]
    assert texts[0] == "Companies" and "Drills" in texts
    assert texts.index("Amazon") < texts.index("Drills") < texts.index("60-second answer")
    assert texts[-2:] == ["Custom time", "No time limit"]
    header = combo.model().item(0)
    assert not header.isSelectable() and not header.isEnabled()
    assert combo.itemData(0, KIND_ROLE) == "header"


def test_budget_picker_starts_on_a_drill(picker):
    budget = picker.current_budget()
    assert budget is not None and budget.format_key == "practice" and budget.seconds == 180


def test_amazon_qa_is_600_seconds(qtbot, picker):
    combo = picker.format_combo
    with qtbot.waitSignal(picker.changed) as blocker:
        combo.setCurrentIndex(combo.findText("Amazon"))
    assert blocker.args[0].phase_key == "deep-dive"  # the format's default phase
    assert picker.description.text() == "Amazon · Deep dive — 30:00, from guide 002"
    assert picker.phase_combo.isVisibleTo(picker) and not picker.custom_box.isVisibleTo(picker)
    with qtbot.waitSignal(picker.changed) as blocker:
        picker.phase_combo.setCurrentIndex(picker.phase_combo.findData("qa"))
    expected = Budget(seconds=600.0, format_key="amazon", format_name="Amazon", phase_key="qa",
                      phase_name="Q&A", source="002_295c2e5020856213.txt")
    assert blocker.args == [expected]
    assert picker.current_budget() == expected
    assert picker.phase_combo.currentText() == "Q&A — 10:00"


def test_custom_90_seconds(qtbot, picker):
    picker.format_combo.setCurrentIndex(picker.format_combo.findText("Custom time"))
    assert picker.custom_box.isVisibleTo(picker) and not picker.phase_combo.isVisibleTo(picker)
    picker.custom_seconds.setValue(90)
    assert picker.current_budget() == Budget(seconds=90.0)
    assert picker.custom_seconds.text() == "1:30"
    assert picker.description.text() == "Custom — 1:30"
    picker.custom_seconds.lineEdit().selectAll()
    qtbot.keyClicks(picker.custom_seconds, "2:05")
    picker.custom_seconds.interpretText()
    assert picker.current_budget().seconds == 125


def test_no_time_limit(qtbot, picker):
    with qtbot.waitSignal(picker.changed) as blocker:
        picker.format_combo.setCurrentIndex(picker.format_combo.findText("No time limit"))
    assert blocker.args == [None]
    assert picker.current_budget() is None
    assert not picker.phase_combo.isVisibleTo(picker) and not picker.custom_box.isVisibleTo(picker)


def test_set_current_restores_saved_choices(qtbot, picker):
    assert picker.set_current("amazon", "qa")
    assert picker.current_budget().seconds == 600
    assert picker.set_current("google", "no-such-phase")
    assert picker.current_budget().phase_key == "story"
    assert picker.set_current("custom", seconds=90)
    assert picker.current_budget() == Budget(seconds=90.0)
    assert picker.set_current(None) and picker.current_budget() is None
    assert not picker.set_current("no-such-company")
    assert picker.current_budget() is None
    with qtbot.assertNotEmitted(picker.changed):
        picker.set_current("none")  # same budget again: no signal


def test_parse_clock():
    assert parse_clock("1:30") == 90
    assert parse_clock("90") == 90
    assert parse_clock("0:05") == 5
    assert parse_clock("1:75") is None
    assert parse_clock("") is None


# -- device combo ------------------------------------------------------------------------------------
TWO_MICS = [InputDevice(0, "Built-in Microphone", 2, 48000.0, False),
            InputDevice(3, "USB Headset (hw:2,0)", 1, 44100.0, True)]


def test_device_combo_marks_the_default(qtbot):
    combo = DeviceCombo(lambda: TWO_MICS)
    qtbot.addWidget(combo)
    assert combo.has_devices() and combo.isEnabled()
    assert [combo.itemText(i) for i in range(combo.count())] == ["Built-in Microphone",
                                                                 "USB Headset (default)"]  # no ALSA card number
    assert combo.currentIndex() == 1
    assert combo.current_device() is None  # the system default
    combo.setCurrentIndex(0)
    assert combo.current_device() == 0


def test_device_combo_select_by_name_and_refresh(qtbot):
    devices = list(TWO_MICS)
    combo = DeviceCombo(lambda: devices)
    qtbot.addWidget(combo)
    assert combo.select_by_name("Built-in Microphone")
    assert combo.current_device() == 0
    assert combo.select_by_name("USB Headset (hw:2,0) (default)")  # as an older version showed it
    assert combo.current_name() == "USB Headset (hw:2,0)"
    assert combo.select_by_name("usb headset (hw:1,0)")  # ALSA renumbered the card
    assert combo.currentIndex() == 1
    assert not combo.select_by_name("Studio Mic")
    assert combo.currentIndex() == 1

    combo.setCurrentIndex(0)
    devices.insert(0, InputDevice(1, "Studio Mic", 1, 48000.0, False))
    combo.refresh()  # still on the built-in microphone, now at another row
    assert combo.current_name() == "Built-in Microphone" and combo.current_device() == 0


def test_device_combo_without_devices(qtbot):
    combo = DeviceCombo(lambda: [])
    qtbot.addWidget(combo)
    assert not combo.has_devices()
    assert combo.count() == 1 and combo.currentText() == NO_DEVICE_TEXT
    assert not combo.isEnabled()
    assert combo.current_device() is None and combo.current_name() is None
    assert not combo.select_by_name("Built-in Microphone")


def test_device_combo_survives_a_broken_audio_stack(qtbot):
    def broken():
        raise RuntimeError("PortAudio not initialized")

    combo = DeviceCombo(broken)
    qtbot.addWidget(combo)
    assert not combo.has_devices() and combo.currentText() == NO_DEVICE_TEXT


def test_device_combo_refresh_reports_a_change(qtbot):
    devices = list(TWO_MICS)
    combo = DeviceCombo(lambda: devices)
    qtbot.addWidget(combo)
    devices.clear()
    with qtbot.waitSignal(combo.currentIndexChanged, timeout=1000):
        combo.refresh()
    assert combo.currentText() == NO_DEVICE_TEXT



def test_device_combo_says_sound_servers_in_plain_words(qtbot):
    """PortAudio's "default" and "pulse" devices were shown as "default (default)" and "pulse"."""
    devices = [InputDevice(0, "HDA Intel PCH: ALC3246 Analog (hw:0,0)", 2, 44100.0, False),
               InputDevice(5, "pulse", 32, 44100.0, False), InputDevice(7, "default", 32, 44100.0, True)]
    combo = DeviceCombo(lambda: devices)
    qtbot.addWidget(combo)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "HDA Intel PCH: ALC3246 Analog", "System sound server (PulseAudio or PipeWire)", "System default microphone"]
    assert combo.current_name() == "default" and combo.current_device() is None  # remembered by its own name
    assert combo.select_by_name("pulse") and combo.current_device() == 5
    assert "pulse" in combo.itemData(1, Qt.ItemDataRole.ToolTipRole)  # the name PortAudio gives, for support
