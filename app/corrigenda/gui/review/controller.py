"""Review mode: the archivist's dock and Review menu, wired to corrigenda.review.

Decisions go through the core (corrigenda.review.decisions), recorded through the session
(the GUI's one write path); listing the edits and `verify` run on workers with their own
read-only connections. The methods that decide (approve_selected, reject_selected,
sign_off_pages, ...) take their reason as an argument; the `ask_*` functions of
review.asking open the dialogs and call them.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QMessageBox, QWidget

from corrigenda.errors import CorrigendaError
from corrigenda.gui.background import Background, Latest
from corrigenda.gui.pages.page_list import PageList
from corrigenda.gui.review import asking
from corrigenda.gui.review.dialogs import VerifyDialog
from corrigenda.gui.review.jobs import read_edits, run_verify
from corrigenda.gui.review.model import (
    CheckRole,
    EditRole,
    SourceRole,
)
from corrigenda.gui.review.panel import ReviewPanel, edit_details
from corrigenda.gui.review.sampling import Draw, SampleDrawer
from corrigenda.gui.session import ProjectSession
from corrigenda.review import decisions, receipts
from corrigenda.review.edits import PENDING, EditFilter, EditView
from corrigenda.review.sampling import qc_summary
from corrigenda.review.verify import VerifyReport
from corrigenda.store import Event, Project

RELOAD_DELAY_MS = 600  # typing produces many edits; list again once it pauses


class ReviewController(QObject):
    """Owns the review dock's models and the Review menu; decides through the session."""

    def __init__(
        self,
        panel: ReviewPanel,
        dock: QDockWidget,
        pages: PageList,
        background: Background,
        say: Callable[[str], None],
        parent: QWidget,
        open_flags: Callable[[set[int]], list[str]] = lambda _pages: [],
    ) -> None:
        super().__init__(parent)
        self._open_flags = open_flags  # page numbers -> the flags still open on them
        self.panel, self.dock, self._pages = panel, dock, pages
        self.model, self.proxy, self.qc_model = panel.model, panel.proxy, panel.qc_model
        self._say_in_window = say
        self._parent = parent
        self.session: ProjectSession | None = None
        self.lister: Latest[list[EditView]] = Latest(
            background, self._listed, lambda m: self.say(f"listing failed: {m}"), self
        )
        self.verifier: Latest[VerifyReport] = Latest(
            background, self._verified, lambda m: self.say(f"verify failed: {m}"), self
        )
        self.sampler = SampleDrawer(
            background,
            lambda: self.session.project if self.session else None,
            self._record_sample,
            self,
        )
        self.last_report: VerifyReport | None = None
        self.report_dialog: VerifyDialog | None = None
        self._stale = True
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.actions: dict[str, QAction] = {}
        self.menu = QMenu("&Review", parent)
        self._build_menu()
        self._connect()
        self._enable(False)

    # -- wiring ----------------------------------------------------------------------------

    def _build_menu(self) -> None:
        menu = self.menu
        toggle = self.dock.toggleViewAction()
        toggle.setText("Review &mode")
        toggle.setShortcut(QKeySequence("Ctrl+Shift+R"))
        menu.addAction(toggle)
        menu.addSeparator()

        def add(name: str, text: str, slot: Callable[[], object], keys: str | None = None) -> None:
            action = QAction(text, self._parent)
            if keys:
                action.setShortcut(QKeySequence(keys))
            # Never the slot itself: triggered(bool) would arrive as its first argument.
            action.triggered.connect(lambda _checked=False: slot())
            menu.addAction(action)
            self.actions[name] = action

        add("approve", "&Approve selected edits", self.approve_selected, "Ctrl+Alt+A")
        add("reject", "Re&ject selected edits…", self.ask_reject)
        menu.addSeparator()
        add(
            "sign_page",
            "Approve this page and &sign it off…",
            self.ask_sign_off_page,
        )
        add(
            "return",
            "Re&turn this page to the transcriber…",
            self.ask_return_page,
        )
        add("submit", "Su&bmit this page for review", self.submit_current_page)
        add(
            "sign_document",
            "Approve the whole &document and sign it off…",
            self.ask_sign_off_document,
        )
        menu.addSeparator()
        add("sample", "Draw a &quality-control sample", self.sample_from_panel)
        add("verify", "&Verify the project…", self.start_verify)

    def _connect(self) -> None:
        p = self.panel
        self.dock.visibilityChanged.connect(lambda shown: shown and self._stale and self.reload())
        self.sampler.failed.connect(lambda message: self.say(f"sample: {message}"))
        for box in (p.user_box, p.source_box, p.check_box, p.state_box):
            box.currentIndexChanged.connect(self.apply_filters)
        p.page_spin.valueChanged.connect(self.apply_filters)
        for edit in (p.since_edit, p.until_edit):
            edit.editingFinished.connect(self.apply_filters)
        p.list.selectionModel().currentChanged.connect(self._current_changed)
        p.list.doubleClicked.connect(self._go_to_edit)
        # Not connected to approve_selected itself: clicked(bool) would arrive as its reason.
        p.approve_button.clicked.connect(lambda _checked=False: self.approve_selected())
        p.reject_button.clicked.connect(lambda _checked=False: self.ask_reject())
        p.sign_page_button.clicked.connect(lambda _checked=False: self.ask_sign_off_page())
        p.return_button.clicked.connect(lambda _checked=False: self.ask_return_page())
        p.verify_button.clicked.connect(lambda _checked=False: self.start_verify())
        p.sample_button.clicked.connect(lambda _checked=False: self.sample_from_panel())
        p.sampled_only_button.clicked.connect(lambda _checked=False: self._show_sampled())

    # -- the questions before a decision (review.asking) ----------------------------------

    def ask_reject(self) -> None:
        count = len(self.selected_ids())
        if not count:
            self.say("select the edits to reject")
            return
        reason = asking.rejection_reason(self._parent, count)
        if reason:
            self.reject_selected(reason)

    def ask_sign_off_page(self) -> None:
        number = self.current_page_number()
        if number is None or self.session is None:
            return
        comment = asking.sign_off_comment(
            self._parent,
            self.session.project.actor,
            f"page {number} (its pending edits too)",
            self.sign_off_warnings({number}),
        )
        if comment is not None:
            self.sign_off_pages([number], comment or None)

    def ask_sign_off_document(self) -> None:
        if self.session is None:
            return
        numbers = [i.number for i in self.session.project.pages()]
        what = f"the whole document ({len(numbers)} page{'' if len(numbers) == 1 else 's'})"
        warnings = self.sign_off_warnings(set(numbers))
        comment = asking.sign_off_comment(self._parent, self.session.project.actor, what, warnings)
        if comment is not None:
            self.sign_off_pages(numbers, comment or None)

    def sign_off_warnings(self, numbers: set[int]) -> str:
        """What a sign-off of these pages would approve unseen: open flags, pending edits."""
        flags = self._open_flags(numbers)
        pending = [e for e in self.model.edits() if e.page_number in numbers and e.state == PENDING]
        parts = []
        if flags:
            listed = ", ".join(html.escape(f) for f in flags[:8])
            more = f" and {len(flags) - 8} more" if len(flags) > 8 else ""
            count = "1 flag is" if len(flags) == 1 else f"{len(flags)} flags are"
            parts.append(f"<b>{count} still open:</b> {listed}{more}.")
        if pending:
            count = "1 edit" if len(pending) == 1 else f"{len(pending)} edits"
            parts.append(f"<b>{count} not reviewed yet</b>: signing approves them as they are.")
        if not parts:
            return ""
        return f'<p style="color:#9a3a00">{"<br>".join(parts)}</p>'

    def ask_return_page(self) -> None:
        number = self.current_page_number()
        if number is None:
            return
        note = asking.return_note(self._parent, number)
        if note:
            self.return_page(number, note)

    def _enable(self, on: bool) -> None:
        for action in self.actions.values():
            action.setEnabled(on)
        self.panel.setEnabled(on)

    def set_session(self, session: ProjectSession | None) -> None:
        """The project opened (or None: closed)."""
        self.session = session
        if session is None:
            self._reload_timer.stop()
            self.lister.cancel()  # any answer still on its way is for the old project
            self.sampler.cancel()
            self.model.set_edits([])
            self.qc_model.set_rows([])
            self.panel.details.clear()
            self._enable(False)
            return
        session.lines_changed.connect(lambda *_: self._changed())
        session.pages_changed.connect(self._changed)
        self.panel.page_spin.setMaximum(len(session.project.pages()))
        self._enable(True)
        self._stale = True
        if self.dock.isVisible():
            self.reload()

    def _changed(self) -> None:
        self._stale = True
        if self.dock.isVisible():
            self._reload_timer.start()

    # -- listing and filtering -------------------------------------------------------------

    def reload(self) -> int | None:
        """List every edit again on a worker; returns the request's generation."""
        if self.session is None:
            return None
        self._stale = False
        self.say("listing edits…")
        path = self.session.path
        return self.lister.start(lambda: read_edits(path))

    def _listed(self, edits: list[EditView]) -> None:
        if self.session is None:
            return
        selected = set(self.selected_ids())
        self.model.set_edits(edits)
        net = self.model.net()  # one count everywhere: the net change
        self.qc_model.set_rows(qc_summary(net))
        p = self.panel
        p.set_choices(p.user_box, sorted({e.actor for e in net}))
        p.set_choices(p.source_box, self.model.values(SourceRole))
        p.set_choices(p.check_box, self.model.values(CheckRole))
        p.page_spin.setMaximum(len(self.session.project.pages()))
        self._select_ids(selected)
        self._count()
        self.panel.show_receipt(receipts.latest(self.session.project))
        self.say(f"{len(net)} edit{'' if len(net) == 1 else 's'} listed")

    def apply_filters(self) -> None:
        p = self.panel
        page = p.page_spin.value()
        self.proxy.set_filter(
            EditFilter(
                pages=[page] if page else None,
                actors=p.choice(p.user_box),
                since=p.since_edit.text().strip() or None,
                until=p.until_edit.text().strip() or None,
                sources=p.choice(p.source_box),
                checks=p.choice(p.check_box),
                states=p.choice(p.state_box),
            )
        )
        self._count()

    def _count(self) -> None:
        net = self.model.net()
        shown, total = self.proxy.rowCount(), len(net)
        pending = sum(e.state == PENDING for e in net)
        edits = "1 edit" if total == 1 else f"{total} edits"
        self.panel.count_label.setText(f"{shown} of {edits} shown, {pending} pending")

    def _show_sampled(self) -> None:
        self.panel.tabs.setCurrentIndex(0)
        self.proxy.set_filter(EditFilter(sampled=True))
        self._count()

    # -- selection -------------------------------------------------------------------------

    def selected(self) -> list[EditView]:
        rows = self.panel.list.selectionModel().selectedRows()
        return sorted((r.data(EditRole) for r in rows), key=lambda e: e.event_id)

    def selected_ids(self) -> list[int]:
        return [e.event_id for e in self.selected()]

    def select_ids(self, ids: list[int]) -> None:
        """Select the listed edits with these event ids (those the filters show)."""
        self._select_ids(set(ids))

    def _select_ids(self, ids: set[int]) -> None:
        selection = self.panel.list.selectionModel()
        selection.clearSelection()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(EditRole).event_id in ids:
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        edit = current.data(EditRole) if current.isValid() else None
        self.panel.details.setHtml(edit_details(edit) if edit else "")

    def _go_to_edit(self, index: QModelIndex) -> None:
        edit = index.data(EditRole)
        if edit is not None:
            self._pages.select_row(edit.page_number - 1)

    # -- decisions -------------------------------------------------------------------------

    def _decide(self, what: str, act: Callable[[Project], list[Event]]) -> list[Event] | None:
        """Record a decision through the session; say what happened; list the edits again."""
        if self.session is None:
            return None
        try:
            events = self.session.record(act)
        except decisions.OwnEditsError:
            raise  # an approval of one's own edits: _decide_own asks the user
        except CorrigendaError as exc:
            self.say(f"{what}: {exc.message}")
            return None
        self.say(f"{what}: {len(events)} event{'' if len(events) == 1 else 's'} recorded")
        self._stale = True
        self.reload()
        return events

    def approve_selected(self, reason: str | None = None) -> list[Event] | None:
        ids = self.selected_ids()
        if not ids:
            self.say("select the edits to approve")
            return None
        return self._decide_own(
            "approve",
            lambda p, own: decisions.approve(p, ids, reason, allow_own_edits=own),
        )

    def reject_selected(self, reason: str) -> list[Event] | None:
        ids = self.selected_ids()
        if not ids:
            self.say("select the edits to reject")
            return None
        return self._decide("reject", lambda p: decisions.reject(p, ids, reason))

    def sign_off_pages(self, numbers: list[int], reason: str | None = None) -> list[Event] | None:
        return self._decide_own(
            "sign-off",
            lambda p, own: decisions.approve_pages(p, numbers, reason, allow_own_edits=own),
        )

    def _decide_own(
        self, what: str, act: Callable[[Project, bool], list[Event]]
    ) -> list[Event] | None:
        """Approve; if that includes the reviewer's own edits, ask before approving them
        (separation of duties: the record then marks them as self-approved)."""
        if self.session is None:
            return None
        try:
            return self._decide(what, lambda p: act(p, False))
        except decisions.OwnEditsError as exc:
            count = len(exc.event_ids)
            answer = QMessageBox.question(
                self._parent,
                "Approve your own edits?",
                f"{count} of these edits {'was' if count == 1 else 'were'} made by you "
                f"({self.session.project.actor}). Archives usually have another reviewer "
                "approve them.\n\nApprove them yourself? The record will show it.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.say(f"{what}: not approved (your own edits)")
                return None
            return self._decide(what, lambda p: act(p, True))

    def return_page(self, number: int, note: str) -> list[Event] | None:
        return self._decide("return", lambda p: [decisions.return_page(p, number, note)])

    def submit_current_page(self) -> list[Event] | None:
        number = self.current_page_number()
        if number is None:
            return None
        return self._decide("submit", lambda p: [decisions.submit_page(p, number)])

    def sample(self, percent: float, seed: int | None = None) -> int | None:
        """Draw a QC sample on a worker; `sampler.recorded` says when it is recorded."""
        if self.session is None:
            return None
        self.session.commit_typing()
        self.say("drawing a sample…")
        return self.sampler.start(self.session.path, percent, seed)

    def _record_sample(self, draw: Draw) -> bool:
        """Record a sample drawn on a worker, on the window's Project (the one writer)."""
        if draw.event_ids:
            ids, seed = draw.event_ids, draw.seed or 0
            if self._decide("sample", lambda p: p.record_sample(ids, draw.percent, seed)) is None:
                return False
        self.say(
            f"sampled {len(draw.edits)} edits ({draw.percent:g}% of each transcriber's pending)"
        )
        return True

    def sample_from_panel(self) -> None:
        self.sample(self.panel.percent_spin.value())

    def current_page_number(self) -> int | None:
        return self._pages.current_number() if self.session is not None else None

    # -- verify ----------------------------------------------------------------------------

    def start_verify(self) -> int | None:
        if self.session is None:
            return None
        self.session.commit_typing()
        self.say("verifying…")
        path = self.session.path
        return self.verifier.start(lambda: run_verify(path))

    def _verified(self, report: VerifyReport) -> None:
        self.last_report = report
        self.say("verified: OK" if report.ok else f"NOT verified: {report.first_problem}")
        self.show_report(report)

    def show_report(self, report: VerifyReport) -> VerifyDialog:
        dialog = VerifyDialog(self._parent, report)
        dialog.setModal(False)
        dialog.show()
        self.report_dialog = dialog
        return dialog

    def say(self, text: str) -> None:
        self.panel.status_label.setText(text)
        if text:
            self._say_in_window(f"Review: {text}")
