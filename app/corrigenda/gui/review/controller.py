"""Review mode: the archivist's dock and Review menu, wired to corrigenda.review.

`ReviewController` builds the parts, each with the session and the widgets it needs, and
hands them the open project:

- review.listing — every edit read on a worker into the panel (again after changes);
- review.filters — the Edits tab's filter boxes and its count;
- review.selection — the selected edits, the current one's diffs, going to its page;
- review.decide — approve, reject, sign off, return, submit, recorded through the session
  (the GUI's one write path); review.asking asks for the reason first;
- review.sampling — a QC sample drawn on a worker, recorded as a decision;
- review.verify_view — `verify` on a worker, its report in a dialog;
- review.menu — the Review menu's actions and the panel's buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDockWidget, QWidget

from corrigenda.gui.background import Background
from corrigenda.gui.pages.page_list import PageList
from corrigenda.gui.review.asking import Questions
from corrigenda.gui.review.decide import Decisions
from corrigenda.gui.review.dialogs import VerifyDialog
from corrigenda.gui.review.filters import EditFilters
from corrigenda.gui.review.listing import EditListing
from corrigenda.gui.review.menu import build_menu, connect_buttons
from corrigenda.gui.review.panel import ReviewPanel
from corrigenda.gui.review.sampling import QcSampling
from corrigenda.gui.review.selection import EditSelection
from corrigenda.gui.review.verify_view import VerifyView
from corrigenda.gui.session import ProjectSession
from corrigenda.review.verify import VerifyReport


class ReviewController(QObject):
    """Builds review mode's parts and hands them the open project; says what they did."""

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
        self.panel, self.dock = panel, dock
        self.model, self.proxy, self.qc_model = panel.model, panel.proxy, panel.qc_model
        self._say_in_window = say
        self.filters = EditFilters(panel)
        self.selection = EditSelection(panel, pages)
        self.listing = EditListing(
            panel, dock, self.filters, self.selection, background, self.say, self
        )
        self.decide = Decisions(self.selection, pages, self.listing.reload, self.say, parent)
        self.ask = Questions(self.decide, self.selection, self.model, open_flags, self.say, parent)
        self.sampling = QcSampling(
            panel.percent_spin, background, self.decide.decide, self.say, self
        )
        self.verify = VerifyView(background, self.say, parent)
        self.menu, self.actions = build_menu(
            dock, self.decide, self.ask, self.sampling, self.verify, parent
        )
        connect_buttons(panel, self.decide, self.ask, self.sampling, self.verify, self.filters)
        self._enable(False)

        # What the window, its menus and scripts call, by the names they have always had.
        self.lister, self.reload = self.listing.lister, self.listing.reload
        self.apply_filters = self.filters.apply
        self.selected_ids, self.select_ids = self.selection.selected_ids, self.selection.select_ids
        self.approve_selected = self.decide.approve_selected
        self.reject_selected = self.decide.reject_selected
        self.sign_off_pages = self.decide.sign_off_pages
        self.return_page = self.decide.return_page
        self.sign_off_warnings = self.ask.sign_off_warnings
        self.sampler, self.sample = self.sampling.sampler, self.sampling.sample
        self.verifier, self.start_verify = self.verify.verifier, self.verify.start_verify

    @property
    def last_report(self) -> VerifyReport | None:
        return self.verify.last_report

    @property
    def report_dialog(self) -> VerifyDialog | None:
        return self.verify.report_dialog

    def _show_sampled(self) -> None:
        self.filters.show_sampled()

    def set_session(self, session: ProjectSession | None) -> None:
        """The project opened (or None: closed)."""
        for part in (self.listing, self.decide, self.ask, self.sampling, self.verify):
            part.set_session(session)
        self._enable(session is not None)

    def _enable(self, on: bool) -> None:
        for action in self.actions.values():
            action.setEnabled(on)
        self.panel.setEnabled(on)

    def say(self, text: str) -> None:
        self.panel.status_label.setText(text)
        if text:
            self._say_in_window(f"Review: {text}")
