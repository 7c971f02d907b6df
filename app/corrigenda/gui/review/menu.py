"""Review mode's commands: the Review menu's actions and the panel's buttons, wired to the
decisions, the questions before them, sampling and verify."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from corrigenda.gui.review.asking import Questions
from corrigenda.gui.review.decide import Decisions
from corrigenda.gui.review.filters import EditFilters
from corrigenda.gui.review.panel import ReviewPanel
from corrigenda.gui.review.sampling import QcSampling
from corrigenda.gui.review.verify_view import VerifyView
from corrigenda.gui.widgets.actions import make_action


def build_menu(
    dock: QDockWidget,
    decide: Decisions,
    ask: Questions,
    sampling: QcSampling,
    verify: VerifyView,
    parent: QWidget,
) -> tuple[QMenu, dict[str, QAction]]:
    """The Review menu (its first entry shows the dock) and its actions by name."""
    menu = QMenu("&Review", parent)
    actions: dict[str, QAction] = {}
    toggle = dock.toggleViewAction()
    toggle.setText("Review &mode")
    toggle.setShortcut(QKeySequence("Ctrl+Shift+R"))
    menu.addAction(toggle)
    menu.addSeparator()

    def add(name: str, text: str, slot: Callable[[], object], keys: str | None = None) -> None:
        actions[name] = make_action(parent, text, slot, keys)
        menu.addAction(actions[name])

    add("approve", "&Approve selected edits", decide.approve_selected, "Ctrl+Alt+A")
    add("reject", "Re&ject selected edits…", ask.ask_reject)
    menu.addSeparator()
    add(
        "sign_page",
        "Approve this page and &sign it off…",
        ask.ask_sign_off_page,
    )
    add(
        "return",
        "Re&turn this page to the transcriber…",
        ask.ask_return_page,
    )
    add("submit", "Su&bmit this page for review", decide.submit_current_page)
    add(
        "sign_document",
        "Approve the whole &document and sign it off…",
        ask.ask_sign_off_document,
    )
    menu.addSeparator()
    add("sample", "Draw a &quality-control sample", sampling.sample_from_panel)
    add("verify", "&Verify the project…", verify.start_verify)
    return menu, actions


def connect_buttons(
    panel: ReviewPanel,
    decide: Decisions,
    ask: Questions,
    sampling: QcSampling,
    verify: VerifyView,
    filters: EditFilters,
) -> None:
    """The panel's buttons: the menu's commands, and showing only the sampled edits."""
    p = panel
    # Not connected to approve_selected itself: clicked(bool) would arrive as its reason.
    p.approve_button.clicked.connect(lambda _checked=False: decide.approve_selected())
    p.reject_button.clicked.connect(lambda _checked=False: ask.ask_reject())
    p.sign_page_button.clicked.connect(lambda _checked=False: ask.ask_sign_off_page())
    p.return_button.clicked.connect(lambda _checked=False: ask.ask_return_page())
    p.verify_button.clicked.connect(lambda _checked=False: verify.start_verify())
    p.sample_button.clicked.connect(lambda _checked=False: sampling.sample_from_panel())
    p.sampled_only_button.clicked.connect(lambda _checked=False: filters.show_sampled())
