"""The mock interview screens (set-up, the running interview, the report) wired to their MockFlow
and to the main window: built on first use, added to the window's page stack, with Space routed
to them and Esc confirmed while a mock is under way (leaving keeps the session unfinished). The
flow and pages are imported on first use, so they do not slow the app's start."""

from __future__ import annotations

from interviewer_app.qt_binding import QObject, QtWidgets
from interviewer_app.ui.palette import callout_style, status_colors

Yes = QtWidgets.QMessageBox.StandardButton.Yes


class MockScreens(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.flow = None  # MockFlow
        self.setup = self.page = self.report = None

    @property
    def active(self) -> bool:
        """A mock is under way: the session's signals are the mock's, not the practice round's."""
        return self.flow is not None and self.flow.active

    def owns(self, page) -> bool:
        return page is not None and any(page is p for p in (self.setup, self.page, self.report))

    # -- showing ------------------------------------------------------------------------------------
    def show(self) -> None:
        """Practice › Mock interview: the running mock if there is one, else the set-up page (not
        while a practice answer is being recorded or analysed)."""
        if not self.active and self.window.session.state != "idle":
            return
        self._build()
        pages = self.window.pages
        if self.active:
            pages.setCurrentWidget(self.report if self.flow.at_report else self.page)
            return
        self._notice(self.setup.notice, "")
        pages.setCurrentWidget(self.setup)
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        self.flow.store.list_recent(
            self.setup.show_sessions,
            lambda m: self._notice(self.setup.notice, f"Past sessions not listed: {m}", bad=True))

    def start(self, plan, speak: bool = True) -> None:
        """Start a new session of `plan` on the interview page."""
        from interviewer_app.ui.widgets.mock_phase_table import mock_title

        self._build()
        self.page.begin(mock_title(plan))
        self.window.pages.setCurrentWidget(self.page)
        self.flow.auto_advance = self.page.auto_advance.isChecked()
        self.flow.start(plan, speak=speak)

    def resume(self, session_id: int, speak: bool = True) -> None:
        self._build()
        self.page.begin(f"Mock session {session_id}")
        self.window.pages.setCurrentWidget(self.page)
        self.flow.resume_session(session_id, speak=speak)

    # -- keys and leaving ------------------------------------------------------------------------------
    def space(self) -> None:
        current = self.window.pages.currentWidget()
        if current is self.setup:
            self.setup.request_start()
        elif current is self.page:
            self.flow.primary()

    def may_leave(self) -> bool:
        """Esc or Back from a mock screen: while a mock is under way, ask first; it stays unfinished."""
        if not self.active:
            return True
        if self.flow.busy:
            return False
        kept = len(self.flow.run.answers) if self.flow.run else 0
        if not self._confirm("Leave the mock interview?",
                             f"The session stays unfinished with its {kept} answer(s) kept; resume it "
                             "later from Practice › Mock interview."):
            return False
        return self.flow.leave()

    def shutdown(self) -> None:
        if self.flow is not None:
            self.flow.shutdown()

    # -- wiring -----------------------------------------------------------------------------------------
    def _build(self) -> None:
        if self.flow is not None:
            return
        from interviewer_app.ui.mock_flow import MockFlow
        from interviewer_app.ui.pages.mock_page import MockPage
        from interviewer_app.ui.pages.mock_report_page import MockReportPage
        from interviewer_app.ui.pages.mock_setup_page import MockSetupPage

        w = self.window
        self.flow = flow = MockFlow(w.ctx, w.session, w.voice, device=w.choose.device_combo.current_device,
                                    prepare_voice=w._load_voices if w.voice is not None else None, parent=self)
        self.setup = MockSetupPage(w.choose.browser.bank, w.choose.budget_picker.book)
        self.page, self.report = MockPage(), MockReportPage()
        for page in (self.setup, self.page, self.report):
            w.pages.addWidget(page)
        self.setup.start_requested.connect(self.start)
        self.setup.resume_requested.connect(self.resume)
        self.setup.abandon_requested.connect(self._abandon_stored)
        self.setup.back_requested.connect(w.back_to_choose)
        self.page.primary_requested.connect(flow.primary)
        self.page.skip_requested.connect(flow.skip_follow_up)
        self.page.end_phase_requested.connect(flow.end_phase)
        self.page.pause_requested.connect(lambda: flow.unpause() if flow.state == "paused" else flow.pause())
        self.page.abandon_requested.connect(self._abandon)
        self.page.auto_advance.toggled.connect(lambda on: setattr(flow, "auto_advance", on))
        self.page.live.setVisible(w.live_action.isChecked())
        w.live_action.toggled.connect(self.page.live.setVisible)
        self.report.finish_requested.connect(self._finish)
        self.report.back_requested.connect(w.back_to_choose)
        self.report.export_requested.connect(self._export)
        flow.state_changed.connect(self.page.set_state)
        flow.turn_ready.connect(lambda turn: self.page.show_turn(turn, flow.plan))
        flow.clock.connect(self.page.set_clock)
        flow.live_update.connect(self.page.live.show_live)
        flow.answer_kept.connect(self.page.show_kept)
        flow.notice.connect(lambda m: self._notice(self.page.notice, m))
        flow.failed.connect(self._failed)
        flow.finished.connect(self._interview_over)
        flow.report_changed.connect(self.report.show_report)
        flow.ended.connect(self._ended)
        w.pages.currentChanged.connect(self._page_changed)

    def _export(self) -> None:
        """Report page › Export…: the report as shown, with the self-score given so far."""
        page = self.report
        if page.report is None:
            return
        d = page.report.to_dict()
        scores = {k: v for k, v in page.score_form.scores().items() if v}
        if scores or page.score_form.notes():
            d.update(self_score=scores, notes=page.score_form.notes())
        self.window.exporter.export_mock(d)

    def _page_changed(self, _index: int) -> None:
        if self.active and not self.owns(self.window.pages.currentWidget()):
            self.flow.leave()  # shown another screen: the session stays unfinished

    def _interview_over(self, report) -> None:
        self.report.show_report(report, fresh=True)
        self.window.pages.setCurrentWidget(self.report)

    def _finish(self, scores: dict, notes: str) -> None:
        self.report.set_saving(True)
        self.flow.finish(scores, notes)

    def _abandon(self) -> None:
        kept = len(self.flow.run.answers) if self.flow.run else 0
        if self._confirm("Abandon this mock interview?",
                         f"The session is kept as abandoned with its {kept} answer(s); they stay in history."):
            self.flow.abandon()

    def _abandon_stored(self, session_id: int) -> None:
        if not self._confirm("Abandon this unfinished mock?", "Its answers stay kept, in history too."):
            return
        self.flow.store.abandon(session_id, lambda _r: (self._notice(self.setup.notice, f"Mock session {session_id} "
                                                                      "abandoned; its answers are kept."),
                                                        self.refresh_sessions()),
                                lambda m: self._notice(self.setup.notice, m, bad=True))

    def _ended(self, status: str) -> None:
        sid, kept = self.flow.session_id, len(self.flow.run.answers)
        message = f"Mock session {sid} {status}; its {kept} answer(s) are kept."
        self.window.statusBar().showMessage(message, 6000)
        if status == "finished":
            self.report.set_finished()
        else:
            self.window.pages.setCurrentWidget(self.setup)
            self._notice(self.setup.notice, message)
            self.refresh_sessions()

    def _failed(self, message: str) -> None:
        current = self.window.pages.currentWidget()
        if current is self.report:
            self.report.set_saving(False)
            self._notice(self.report.notice, message, bad=True)
        elif current is self.page and not self.flow.active:  # the session could not be started or resumed
            self.window.pages.setCurrentWidget(self.setup)
            self._notice(self.setup.notice, message, bad=True)
        else:
            self._notice(self.page.notice if current is self.page else self.setup.notice, message, bad=True)

    def _notice(self, label: QtWidgets.QLabel, text: str, bad: bool = False) -> None:
        label.setText(text)
        colors = status_colors(label.palette())
        label.setStyleSheet(callout_style("QLabel", colors["bad" if bad else "warn"]) if text else "")

    def _confirm(self, title: str, text: str) -> bool:
        return QtWidgets.QMessageBox.question(self.window, title, text) == Yes
