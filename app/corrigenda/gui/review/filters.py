"""Review mode's filters: the Edits tab's User, Source, Check, State, Page and date boxes, the
filter they make for the list, and the count under it ("3 of 5 edits shown, 2 pending")."""

from __future__ import annotations

from corrigenda.gui.review.model import CheckRole, SourceRole
from corrigenda.gui.review.panel import ReviewPanel
from corrigenda.review.edits import PENDING, EditFilter


class EditFilters:
    """Filters the panel's list by what its boxes say; offers the values listed to choose."""

    def __init__(self, panel: ReviewPanel) -> None:
        self.panel = panel
        self.model, self.proxy = panel.model, panel.proxy
        for box in (panel.user_box, panel.source_box, panel.check_box, panel.state_box):
            box.currentIndexChanged.connect(self.apply)
        panel.page_spin.valueChanged.connect(self.apply)
        for edit in (panel.since_edit, panel.until_edit):
            edit.editingFinished.connect(self.apply)

    def offer(self, page_count: int) -> None:
        """Refill the boxes with the values the listed edits have (keeping each choice)."""
        p, net = self.panel, self.model.net()
        p.set_choices(p.user_box, sorted({e.actor for e in net}))
        p.set_choices(p.source_box, self.model.values(SourceRole))
        p.set_choices(p.check_box, self.model.values(CheckRole))
        p.page_spin.setMaximum(page_count)

    def apply(self) -> None:
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
        self.count()

    def count(self) -> None:
        net = self.model.net()
        shown, total = self.proxy.rowCount(), len(net)
        pending = sum(e.state == PENDING for e in net)
        edits = "1 edit" if total == 1 else f"{total} edits"
        self.panel.count_label.setText(f"{shown} of {edits} shown, {pending} pending")

    def show_sampled(self) -> None:
        """The Edits tab with only the edits the QC sample drew."""
        self.panel.tabs.setCurrentIndex(0)
        self.proxy.set_filter(EditFilter(sampled=True))
        self.count()
