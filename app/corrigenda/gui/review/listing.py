"""Review mode's listing: every edit of the document read on a worker (review.jobs) into the
panel's models, again a moment after the document changes while the dock is shown, and
when the dock is shown after a change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDockWidget

from corrigenda.gui.background import Background, Latest
from corrigenda.gui.review.filters import EditFilters
from corrigenda.gui.review.jobs import read_edits
from corrigenda.gui.review.panel import ReviewPanel
from corrigenda.gui.review.selection import EditSelection
from corrigenda.gui.session import ProjectSession
from corrigenda.review import receipts
from corrigenda.review.edits import EditView
from corrigenda.review.sampling import qc_summary

RELOAD_DELAY_MS = 600  # typing produces many edits; list again once it pauses


class EditListing(QObject):
    """Lists the edits into the panel (its Edits and Quality control tabs, its receipt)."""

    def __init__(
        self,
        panel: ReviewPanel,
        dock: QDockWidget,
        filters: EditFilters,
        selection: EditSelection,
        background: Background,
        say: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel, self.dock = panel, dock
        self.model, self.qc_model = panel.model, panel.qc_model
        self._filters, self._selection, self.say = filters, selection, say
        self.session: ProjectSession | None = None
        self.lister: Latest[list[EditView]] = Latest(
            background, self._listed, lambda m: self.say(f"listing failed: {m}"), self
        )
        self._stale = True
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        dock.visibilityChanged.connect(lambda shown: shown and self._stale and self.reload())

    def set_session(self, session: ProjectSession | None) -> None:
        """The project opened (or None: closed)."""
        self.session = session
        if session is None:
            self._reload_timer.stop()
            self.lister.cancel()  # any answer still on its way is for the old project
            self.model.set_edits([])
            self.qc_model.set_rows([])
            self.panel.details.clear()
            return
        session.lines_changed.connect(lambda *_: self._changed())
        session.pages_changed.connect(self._changed)
        self.panel.page_spin.setMaximum(len(session.project.pages()))
        self._stale = True
        if self.dock.isVisible():
            self.reload()

    def _changed(self) -> None:
        self._stale = True
        if self.dock.isVisible():
            self._reload_timer.start()

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
        selected = self._selection.selected_ids()
        self.model.set_edits(edits)
        net = self.model.net()  # one count everywhere: the net change
        self.qc_model.set_rows(qc_summary(net))
        self._filters.offer(len(self.session.project.pages()))
        self._selection.select_ids(selected)
        self._filters.count()
        self.panel.show_receipt(receipts.latest(self.session.project))
        self.say(f"{len(net)} edit{'' if len(net) == 1 else 's'} listed")
