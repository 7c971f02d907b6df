"""The flags panel and the keys that act on flags: next/previous, accept a suggestion, ignore,
accept the word, add it to the name list, and "fix all like this" through the concordance."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QListView,
    QVBoxLayout,
    QWidget,
)

from corrigenda import checks
from corrigenda.checks import Flag
from corrigenda.checks.decisions import line_edits
from corrigenda.errors import CorrigendaError
from corrigenda.gui.background import read_only
from corrigenda.gui.commands import EditCommand
from corrigenda.gui.editing.editor import TOKEN, Underline
from corrigenda.gui.flag_process import RemoteFlagger
from corrigenda.gui.flags.concordance_dialog import ConcordanceDialog
from corrigenda.gui.flags.model import (
    FlagRole,
    FlagService,
    FlagsModel,
    FlagsProxy,
    kind_colour,
)
from corrigenda.gui.session import LineChange
from corrigenda.model import Page
from corrigenda.store import Source

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow


class FlagsController:
    """Owns the flags of the open project and everything that shows or acts on them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.model = FlagsModel(window)
        self.proxy = FlagsProxy(window)
        self.proxy.setSourceModel(self.model)
        self.service = FlagService(window.jobs, window)
        self.service.done.connect(self._flagged)
        self.service.failed.connect(window.show_message)
        self.flagger: RemoteFlagger | None = None
        self._edited_meanwhile: set[tuple[int, int]] = set()
        self._build_panel()
        self._build_actions()

    # -- the panel -------------------------------------------------------------------------

    def _build_panel(self) -> None:
        panel = QWidget()
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Flag kind")
        self.kind_box.addItem("All kinds")
        for kind in checks.all_kinds():
            # The kind's colour beside its name: the key to the stripes in the list below.
            swatch = QPixmap(12, 12)
            swatch.fill(kind_colour(kind))
            self.kind_box.addItem(QIcon(swatch), kind)
        self.kind_box.currentIndexChanged.connect(
            lambda i: self.proxy.set_kind(self.kind_box.itemText(i) if i > 0 else "")
        )
        self.sort_box = QComboBox()
        self.sort_box.setAccessibleName("Sort flags by")
        self.sort_box.addItems(["by position", "by score"])
        self.sort_box.currentIndexChanged.connect(lambda i: self.proxy.sort_by_score(i == 1))
        self.page_only = QCheckBox("This page")
        self.page_only.setAccessibleName("Only this page's flags")
        self.page_only.setChecked(True)
        self.page_only.toggled.connect(lambda _on: self._filter_page())
        self.list = QListView()
        self.list.setAccessibleName("Flags")
        self.list.setModel(self.proxy)
        self.list.setIconSize(QSize(6, 18))  # the kind's colour as a thin bar
        # Long flags wrap instead of hiding behind a horizontal scroll bar.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.activated.connect(self._go_to_index)
        self.list.clicked.connect(self._go_to_index)
        row = QHBoxLayout()
        row.addWidget(self.kind_box, 1)
        row.addWidget(self.sort_box)
        row.addWidget(self.page_only)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.dock = QDockWidget("Flags", self.window)
        self.dock.setObjectName("flags")
        self.dock.setWidget(panel)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)

    def _build_actions(self) -> None:
        menu = self.window.flags_menu
        self.actions: dict[str, QAction] = {}

        def add(name: str, text: str, keys: str, slot: Any) -> None:
            action = QAction(text, self.window)
            action.setShortcut(QKeySequence(keys))
            action.setProperty("needs_project", True)
            action.setEnabled(False)
            action.triggered.connect(lambda _c=False: slot())
            menu.addAction(action)
            self.actions[name] = action
            self.window.actions[f"flag_{name}"] = action

        add("next", "&Next flag", "F8", lambda: self.step(1))
        add("previous", "&Previous flag", "Shift+F8", lambda: self.step(-1))
        menu.addSeparator()
        for n in range(1, 10):
            add(f"accept_{n}", f"Accept suggestion {n}", f"Alt+{n}", lambda n=n: self.accept(n - 1))
        menu.addSeparator()
        add("ignore", "&Ignore this flag", "Ctrl+Shift+I", self.ignore)
        add("accept_word", "Add to &accepted words", "Ctrl+Shift+A", self.accept_word)
        add("add_name", "Add to the &name list", "Ctrl+Shift+N", self.add_name)
        add("fix_all", "&Fix all like this…", "Ctrl+Shift+F", self.fix_all)
        menu.addSeparator()
        menu.addAction(self.dock.toggleViewAction())

    # -- flagging --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Flag the whole document again, in the background."""
        session = self.window.session
        if session is None:
            return
        self._edited_meanwhile = set()
        self.service.start(session.path, self.window.settings)

    def ready(self) -> bool:
        return self.flagger is not None and not self.service.running

    def project_closed(self) -> None:
        self.flagger = None
        self.service.stop()  # answers still on their way are stale
        self.model.set_flags([])

    def _flagged(self, generation: int) -> None:
        result = self.service.take(generation)
        if result is None or generation != self.service.generation or self.window.session is None:
            return
        flagger, flags, problems = result
        self.flagger = flagger
        self.model.set_flags(flags)
        # Lines edited while the worker read the document: flag them as they are now.
        edited, self._edited_meanwhile = self._edited_meanwhile, set()
        for page_id in {p for p, _l in edited}:
            self.lines_changed(page_id, [line for p, line in edited if p == page_id])
        self._show_counts()
        self.page_shown()
        if problems:
            self.window.show_message(f"Flags: {problems[0]}")

    def lines_changed(self, page_id: int, line_ids: list[int]) -> None:
        """Re-flag the edited lines (and their twins); move the page's other flags along."""
        session = self.window.session
        if session is None:
            return
        if self.service.running:
            # The flagger is busy with the whole document: these lines are done after it.
            self._edited_meanwhile.update((page_id, line_id) for line_id in line_ids)
            return
        if self.flagger is None:
            return
        page = session.page(page_id)
        lines = [line for line in page.lines if line.id in set(line_ids)]
        try:
            old_starts, fresh = self.flagger.update_lines(page_id, lines)
        except CorrigendaError as exc:
            self.window.show_message(exc.message)
            return
        new_starts = {s.line_id: s.start for s in page.layout()[1]}
        for pid in {pid for pid, _lid in fresh} | {page_id}:
            changed = {lid for p, lid in fresh if p == pid}
            kept = self.model.page_flags(pid)
            if pid == page_id:
                kept = [
                    shifted(f, new_starts.get(f.line_id, 0) - old_starts.get(f.line_id, 0))
                    for f in kept
                    if f.line_id not in changed
                ]
            else:
                kept = [f for f in kept if f.line_id not in changed]
            new = [f for (p, _lid), flags in fresh.items() if p == pid for f in flags]
            self.model.set_page_flags(pid, kept + new)
        self._show_counts()
        self.page_shown()

    def _show_counts(self) -> None:
        if self.window.pages_model is not None:
            self.window.pages_model.set_flag_counts(self.model.counts())

    def _filter_page(self) -> None:
        on = self.page_only.isChecked()
        self.model.set_page(self.window.current_page_id if on else None)

    def page_shown(self) -> None:
        """Underline the current page's flags and colour their boxes."""
        self._filter_page()
        page = self.window.editor.page()
        if page is None:
            return
        flags = self.model.page_flags(page.id)
        self.window.editor.set_underlines(underlines(page, flags))
        self.window.view.set_flag_colours(word_colours(page, flags))

    # -- the current flag and acting on it -------------------------------------------------

    def current_flag(self) -> Flag | None:
        """The flag under the editor's cursor, else the one selected in the panel."""
        page = self.window.editor.page()
        line_id = self.window.editor.current_line_id()
        if page is not None and line_id is not None:
            starts = {s.line_id: s.start for s in page.layout()[1]}
            column = self.window.editor.textCursor().positionInBlock()
            offset = starts[line_id] + column
            for flag in self.model.page_flags(page.id):
                if flag.line_id == line_id and flag.start <= offset <= flag.end:
                    return flag
        index = self.list.currentIndex()
        flag = index.data(FlagRole) if index.isValid() else None
        return (
            flag if isinstance(flag, Flag) and flag.page_id == self.window.current_page_id else None
        )

    def step(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) flag in the panel's order."""
        rows = self.proxy.rowCount()
        if not rows:
            self.window.show_message("No flags")
            return
        current = self.list.currentIndex().row()
        row = (current + direction) % rows if current >= 0 else (0 if direction > 0 else rows - 1)
        index = self.proxy.index(row, 0)
        self.list.setCurrentIndex(index)
        self._go_to_index(index)

    def _go_to_index(self, index: QModelIndex) -> None:
        flag = index.data(FlagRole)
        if isinstance(flag, Flag):
            self.go_to(flag)

    def go_to(self, flag: Flag) -> None:
        window = self.window
        if window.current_page_id != flag.page_id and window.pages_model is not None:
            window.select_row(window.pages_model.row_of(flag.page_id))
        page = window.editor.page()
        if page is None:
            return
        start = {s.line_id: s.start for s in page.layout()[1]}[flag.line_id]
        window.editor.move_to_offset(flag.line_id, flag.start - start, flag.end - flag.start)
        window.editor.setFocus()
        window.show_message(
            f"{flag.kind}: {flag.explanation}"
            + (f" — Enter: {flag.suggestions[0]}" if flag.suggestions else "")
        )

    def accept(self, choice: int) -> bool:
        """Replace the current flag's text with its suggestion number `choice` (0: best)."""
        flag = self.current_flag()
        session = self.window.session
        if flag is None or session is None:
            return False
        if not 0 <= choice < len(flag.suggestions):
            self.window.show_message(f"The flag on {flag.text!r} has no suggestion {choice + 1}")
            return True
        self.window.editor.flush()
        try:
            edits = line_edits(session.project, [(flag, flag.suggestions[choice])])
        except CorrigendaError as exc:
            self.window.show_message(exc.message)
            return True
        changes = [LineChange(e.page_id, e.line_id, e.before, e.after) for e in edits]
        source = Source("suggestion", {"check": flag.check, "kind": flag.kind})
        label = f"Accept {flag.suggestions[choice]!r} for {flag.text!r}"
        session.undo_stack.push(EditCommand(session, changes, source, label))
        self.step_after_accept()
        return True

    def step_after_accept(self) -> None:
        if self.proxy.rowCount():
            self.step(1)

    def _decide(self, what: str, decide: Any, drop: Any) -> None:
        flag = self.current_flag()
        session = self.window.session
        if flag is None or session is None:
            self.window.show_message("No flag at the cursor")
            return
        try:
            decide(session.project, flag)
        except CorrigendaError as exc:
            self.window.show_message(exc.message)
            return
        self.model.remove(lambda f: drop(f, flag))
        self._show_counts()
        self.page_shown()
        self.window.show_message(f"{what}: {flag.text}")

    def ignore(self) -> None:
        self._decide("Ignored", checks.ignore, lambda f, flag: f.key == flag.key)

    def accept_word(self) -> None:
        self._decide(
            "Accepted word",
            lambda p, flag: checks.accept_word(p, flag.text),
            lambda f, flag: f.text == flag.text and f.kind in ("spelling", "real-word"),
        )

    def add_name(self) -> None:
        self._decide(
            "Added to the name list",
            lambda p, flag: checks.add_name(p, flag.text),
            lambda f, flag: f.text == flag.text,
        )

    def fix_all(self) -> None:
        """Every occurrence of the current flag's text, ticked, with a count; then one step."""
        flag = self.current_flag()
        session = self.window.session
        if flag is None or session is None:
            self.window.show_message("No flag at the cursor")
            return
        self.window.editor.flush()
        replacement = flag.suggestions[0] if flag.suggestions else flag.text
        pattern, escaped = re.escape(flag.text), replacement.replace("\\", "\\\\")
        self.window.show_message(f"Looking for every {flag.text!r}…")
        # The whole document is read on a worker; the concordance opens when it is found.
        self.window.background.run(
            read_only(
                session.path,
                lambda project: checks.concordance(project.document(), pattern, escaped),
            ),
            lambda hits: self._concordance(flag, replacement, hits),
            lambda exc: self.window.show_message(f"Fix all failed: {exc}"),
        )

    def _concordance(self, flag: Flag, replacement: str, hits: list[checks.Occurrence]) -> None:
        session = self.window.session
        if session is None:
            return
        dialog = ConcordanceDialog(self.window, flag.text, replacement, hits)
        if dialog.exec() != ConcordanceDialog.DialogCode.Accepted:
            return
        chosen = dialog.ticked()
        if not chosen:
            return
        try:
            edits = line_edits(
                session.project, [(hit.as_flag(), dialog.replacement()) for hit in chosen]
            )
        except CorrigendaError as exc:
            self.window.show_message(exc.message)
            return
        changes = [LineChange(e.page_id, e.line_id, e.before, e.after) for e in edits]
        source = Source(
            "replace-all",
            {"pattern": flag.text, "replacement": dialog.replacement(), "from": "concordance"},
        )
        label = f"Fix {len(chosen)}× {flag.text!r} → {dialog.replacement()!r}"
        session.undo_stack.push(EditCommand(session, changes, source, label))
        self.window.show_message(label)


PAPER = QColor("white")


def shifted(flag: Flag, delta: int) -> Flag:
    """The flag moved by `delta` characters (an earlier line of its page changed length)."""
    if not delta:
        return flag
    return dataclasses.replace(flag, start=flag.start + delta, end=flag.end + delta)


def underlines(page: Page, flags: list[Flag]) -> list[Underline]:
    starts = {s.line_id: s.start for s in page.layout()[1]}
    marks = []
    for flag in flags:
        start = starts.get(flag.line_id)
        if start is None:
            continue
        best = ", ".join(flag.suggestions[:3])
        tip = f"{flag.kind}: {flag.explanation}" + (f"\nSuggestions: {best}" if best else "")
        marks.append(
            Underline(
                flag.line_id, flag.start - start, flag.end - start, kind_colour(flag.kind), tip
            )
        )
    return marks


def word_colours(page: Page, flags: list[Flag]) -> dict[tuple[int, int], QColor]:
    """The boxes of flagged words take the colour of their flag's kind."""
    starts = {s.line_id: s.start for s in page.layout()[1]}
    colours: dict[tuple[int, int], QColor] = {}
    for flag in flags:
        if flag.line_id not in starts:
            continue
        line = page.line(flag.line_id)
        a, b = flag.start - starts[flag.line_id], flag.end - starts[flag.line_id]
        for word, match in zip(line.words, TOKEN.finditer(line.text)):
            if match.start() < b and match.end() > a:
                # Boxes are drawn on the scan's paper, light whatever the theme.
                colours[(line.id, word.id)] = kind_colour(flag.kind, PAPER)
    return colours
