"""The flags of the open project and the keys that act on them: next/previous, accept a
suggestion, ignore, accept the word, add it to the name list, "fix all like this", and the
document's learned words (unlearn, relearn)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from corrigenda import checks
from corrigenda.checks import Flag
from corrigenda.checks.concordance import form_query, literal_replacement
from corrigenda.checks.flag import page_flags_after_edit
from corrigenda.checks.flag_decisions import line_edits
from corrigenda.checks.flag_process import RemoteFlagger
from corrigenda.errors import CorrigendaError
from corrigenda.gui.background import Background, read_only
from corrigenda.gui.editing.editor import TranscriptEditor
from corrigenda.gui.flags.concordance_dialog import ConcordanceDialog
from corrigenda.gui.flags.learned_dialog import LearnedWordsDialog
from corrigenda.gui.flags.marks import flagged_words, underlines
from corrigenda.gui.flags.model import (
    FlagResult,
    FlagRole,
    FlagService,
    FlagsModel,
    FlagsProxy,
    from_scan,
    is_ink,
)
from corrigenda.gui.flags.panel import FlagsPanel
from corrigenda.gui.pages.page_list import PageList
from corrigenda.gui.scan.page_view import PageView
from corrigenda.gui.session import ProjectSession
from corrigenda.gui.widgets.actions import make_action
from corrigenda.model import BBox
from corrigenda.settings import Settings
from corrigenda.store import Project, Source

Say = Callable[[str], None]


TITLE_CHARS = 64  # the context menu's first line: the flag's kind and why


class FlagsController(QObject):
    """Owns the flags of the open project and everything that shows or acts on them."""

    def __init__(
        self,
        panel: FlagsPanel,
        model: FlagsModel,
        proxy: FlagsProxy,
        editor: TranscriptEditor,
        view: PageView,
        pages: PageList,
        background: Background,
        settings: Settings,
        say: Say,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.panel, self.model, self.proxy = panel, model, proxy
        self._editor, self._view, self._pages = editor, view, pages
        self._background, self._settings, self._say = background, settings, say
        self._parent = parent
        self._make_region: Callable[[Flag], bool] = lambda _flag: False
        self._gone_to: Flag | None = None  # the flag last gone to (F8, the list)
        self.session: ProjectSession | None = None
        self.service = FlagService(background, self._flagged, self._failed, self, self._inked)
        self.flagger: RemoteFlagger | None = None
        self._edited_meanwhile: set[tuple[int, int]] = set()
        self.actions: dict[str, QAction] = {}
        self.learned_dialog: LearnedWordsDialog | None = None
        self._build_actions()
        panel.page_only.toggled.connect(lambda _on: self._filter_page())
        editor.cursorPositionChanged.connect(self._name_suggestions)
        editor.context_actions_from(self.context_actions)
        panel.list.activated.connect(self._go_to_index)
        panel.list.clicked.connect(self._go_to_index)

    def make_regions_by(self, make: Callable[[Flag], bool]) -> None:
        """`make(flag)` accepts a flag that proposes a region (`handwriting`): True if made."""
        self._make_region = make

    def _build_actions(self) -> None:
        def add(name: str, text: str, keys: str, slot: Callable[[], object]) -> None:
            self.actions[name] = make_action(self._parent, text, slot, keys, needs_project=True)

        add("next", "&Next flag", "F8", lambda: self.step(1))
        add("previous", "&Previous flag", "Shift+F8", lambda: self.step(-1))
        for n in range(1, 10):

            def accept(choice: int = n - 1) -> bool:
                return self.accept(choice)

            add(f"accept_{n}", f"Accept suggestion {n}", f"Alt+{n}", accept)
        add("ignore", "&Ignore this flag", "Ctrl+Shift+I", self.ignore)
        add("ignore_everywhere", "Ignore this form &everywhere", "", self.ignore_everywhere)
        add("accept_word", "Add to &accepted words", "Ctrl+Shift+A", self.accept_word)
        add("add_name", "Add to the &name list", "Ctrl+Shift+N", self.add_name)
        add("fix_all", "&Fix all like this…", "Ctrl+Shift+F", self.fix_all)
        add("learned", "&Learned words…", "", self.learned_words)

    # -- flagging --------------------------------------------------------------------------

    def set_session(self, session: ProjectSession | None) -> None:
        if session is None:
            self.flagger = None
            self.service.stop()  # answers still on their way are stale
            self.model.set_flags([])
            self.panel.show_state("")
        self.session = session

    def refresh(self) -> None:
        """Flag the whole document again, in the background."""
        if self.session is None:
            return
        self._edited_meanwhile = set()
        self.panel.show_state("Flagging…" if self.flagger is None else "Flagging again…")
        self.service.start(self.session.path, self._settings)

    def ready(self) -> bool:
        return self.flagger is not None and not self.service.running

    def _failed(self, message: str) -> None:
        self.panel.show_state("")
        self._say(message)

    def _flagged(self, result: FlagResult) -> None:
        if self.session is None:
            return
        flagger, flags, problems = result
        self.flagger = flagger
        self.model.set_flags(flags)
        self.panel.show_state("")
        # Lines edited while the document was flagged: flag them as they are now.
        edited, self._edited_meanwhile = self._edited_meanwhile, set()
        for page_id in {p for p, _l in edited}:
            self.lines_changed(page_id, [line for p, line in edited if p == page_id])
        self._show_counts()
        self.page_shown()
        if problems:
            self._say(f"Flags: {problems[0]}")
        self.service.find_ink(self.session.path)  # then the ink OCR left unread

    def _inked(self, flags: list[Flag]) -> None:
        """The unread ink's `handwriting` flags arrived: each page's join its other flags."""
        if self.session is None or self.service.running:
            return  # flagged again meanwhile: the ink is looked for after that
        pages = {f.page_id for f in flags} | {
            f.page_id for f in self.model.all_flags() if from_scan(f)
        }
        for page_id in pages:
            kept = [f for f in self.model.page_flags(page_id) if not from_scan(f)]
            self.model.set_page_flags(page_id, kept + [f for f in flags if f.page_id == page_id])
        self._show_counts()
        self.page_shown()

    def lines_changed(self, page_id: int, line_ids: list[int]) -> None:
        """Re-flag the edited lines (and their twins); move the page's other flags along."""
        if self.session is None:
            return
        if self.service.running:
            # The whole document is being flagged: these lines are done after it.
            self._edited_meanwhile.update((page_id, line_id) for line_id in line_ids)
            return
        if self.flagger is None:
            return
        page = self.session.page(page_id)
        lines = [line for line in page.lines if line.id in set(line_ids)]
        try:
            old_starts, fresh = self.flagger.update_lines(page_id, lines)
        except CorrigendaError as exc:
            self._say(exc.message)
            return
        new_starts = {s.line_id: s.start for s in page.layout()[1]}
        new_ends = {s.line_id: s.end for s in page.layout()[1]}
        for pid in {pid for pid, _lid in fresh} | {page_id}:
            changed = {lid for p, lid in fresh if p == pid}
            new = [f for (p, _lid), flags in fresh.items() if p == pid for f in flags]
            # Unread ink beside an edited line stays, at the line's end; a flag over words
            # the scan's pass found a hand's goes with the words edited, until that pass runs
            # again on the document as it reads then.
            if pid == page_id:
                new += [
                    replace(f, start=new_ends[f.line_id], end=new_ends[f.line_id])
                    for f in self.model.page_flags(pid)
                    if is_ink(f) and f.line_id in changed and f.line_id in new_ends
                ]
            # Only the edited page's lines changed length; a twin's page keeps its offsets.
            starts = (old_starts, new_starts) if pid == page_id else ({}, {})
            kept = page_flags_after_edit(self.model.page_flags(pid), new, changed, *starts)
            self.model.set_page_flags(pid, kept)
        self._show_counts()
        self.page_shown()

    def open_flags(self, page_numbers: set[int]) -> list[str]:
        """The flags still open on these pages, as the sign-off lists them."""
        return [
            f"“{f.text}” ({f.kind}, page {f.page})"
            for f in self.model.all_flags()
            if f.page in page_numbers
        ]

    def _show_counts(self) -> None:
        if self._pages.model is not None:
            self._pages.model.set_flag_counts(self.model.counts())

    def _filter_page(self) -> None:
        on = self.panel.page_only.isChecked()
        self.model.set_page(self._pages.current_page_id if on else None)

    def page_shown(self) -> None:
        """Underline the current page's flags and colour their boxes."""
        self._filter_page()
        page = self._editor.page()
        if page is None:
            return
        flags = self.model.page_flags(page.id)
        self._editor.set_underlines(underlines(page, flags))
        self._view.set_flagged(flagged_words(page, flags))

    # -- the current flag and moving between flags -----------------------------------------

    def _cursor(self) -> tuple[int, int] | None:
        """(page number, offset into the page's text) of the editor's cursor."""
        page, line_id = self._editor.page(), self._editor.current_line_id()
        if page is None or line_id is None:
            return None
        starts = {s.line_id: s.start for s in page.layout()[1]}
        return page.number, starts[line_id] + self._editor.selection_start_in_line()

    def flag_at_cursor(self) -> Flag | None:
        """The flag under the editor's cursor; where flags overlap there ("I.i." collated and
        "I.i. Brezhnev" a name), the one gone to (from the list, F8)."""
        page, where = self._editor.page(), self._cursor()
        line_id = self._editor.current_line_id()
        if page is not None and where is not None:
            offset = where[1]
            here = [
                flag
                for flag in self.model.page_flags(page.id)
                if flag.line_id == line_id and flag.start <= offset <= flag.end
            ]
            # Flags can overlap (a misread word in a note): the one gone to is the one meant.
            return self._gone_to if self._gone_to in here else (here[0] if here else None)
        return None

    def current_flag(self) -> Flag | None:
        """The flag under the editor's cursor, else the one selected in the panel."""
        at_cursor = self.flag_at_cursor()
        if at_cursor is not None:
            return at_cursor
        index = self.panel.list.currentIndex()
        chosen = index.data(FlagRole) if index.isValid() else None
        current = self._pages.current_page_id
        return chosen if isinstance(chosen, Flag) and chosen.page_id == current else None

    def step(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) flag after (before) the cursor, across pages;
        at the end of the document, round to its start."""
        kind = self.proxy.kind()
        flags = [f for f in self.model.all_flags() if not kind or f.kind == kind]
        if not flags:
            self._say("No flags")
            return
        where = self._cursor() or (0, -1)
        if direction > 0:
            after = [f for f in flags if (f.page, f.start) > where]
            target = after[0] if after else flags[0]
        else:
            before = [f for f in flags if (f.page, f.start) < where]
            target = before[-1] if before else flags[-1]
        self.go_to(target)

    def _go_to_index(self, index: QModelIndex) -> None:
        flag = index.data(FlagRole)
        if isinstance(flag, Flag):
            self.go_to(flag)

    def go_to(self, flag: Flag) -> None:
        self._gone_to = flag
        self._pages.go_to(flag.page_id)
        page = self._editor.page()
        if page is None:
            return
        start = {s.line_id: s.start for s in page.layout()[1]}[flag.line_id]
        self._editor.move_to_offset(flag.line_id, flag.start - start, flag.end - flag.start)
        self._editor.setFocus()
        self._select_in_list(flag)
        box = flag.extra.get("box") if flag.kind == "handwriting" else None
        self._view.show_proposal(BBox(*box) if box else None)
        best = flag.suggestions[0] if flag.suggestions else None
        # What to do first: a narrow status bar cuts the end of a long explanation.
        if flag.kind == "handwriting":
            todo = "Enter: make the handwritten region, or Ctrl+Shift+I to ignore"
        elif best:
            todo = f"Enter: {best}"
        else:
            todo = "No suggestion: edit it, or Ctrl+Shift+I to ignore"
        self._say(f"{todo} — {flag.kind}: {flag.explanation}")

    def _select_in_list(self, flag: Flag) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(FlagRole) == flag:
                self.panel.list.setCurrentIndex(index)
                return

    # -- what can be done with the current flag (the Flags menu, the context menu) -------

    def _name_suggestions(self) -> None:
        """The Flags menu names the current flag's suggestions: "Accept 'L.I. Brezhnev'"."""
        flag = self.current_flag()
        suggestions = flag.suggestions if flag is not None else ()
        for n in range(1, 10):
            action = self.actions[f"accept_{n}"]
            if n <= len(suggestions):
                action.setText(f"Accept “{suggestions[n - 1] or '(remove)'}”")
            else:
                action.setText(f"Accept suggestion {n}")

    def context_actions(self) -> list[QAction]:
        """For the editor's context menu on a flagged word: every suggestion with its key,
        then what else can be done with the flag; none without a flag there."""
        flag = self.flag_at_cursor()
        if flag is None:
            return []
        found: list[QAction] = []
        # A long explanation made the menu as wide as the screen: its start, whole in the
        # status bar (go_to says it) and the tooltip.
        text = f"{flag.kind}: {flag.explanation}"
        short = text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"
        title = QAction(short, self)
        title.setToolTip(text)
        title.setEnabled(False)
        found.append(title)
        suggestions = () if flag.kind == "handwriting" else flag.suggestions
        for n, suggestion in enumerate(suggestions[:9]):
            action = QAction(f"{suggestion or '(remove)'}\tAlt+{n + 1}", self)
            action.triggered.connect(lambda _checked=False, n=n: self.accept(n))
            found.append(action)
        if flag.kind == "handwriting":
            region = QAction("Make it a handwritten region\tEnter", self)
            region.triggered.connect(lambda _checked=False: self.accept(0))
            found.append(region)
        elif not flag.suggestions:
            none = QAction("(no suggestion: edit the text, or ignore the flag)", self)
            none.setEnabled(False)
            found.append(none)
        separator = QAction(self)
        separator.setSeparator(True)
        found.append(separator)
        names = ("ignore", "ignore_everywhere", "accept_word", "add_name", "fix_all")
        found.extend(self.actions[name] for name in names)
        return found

    # -- acting on the current flag --------------------------------------------------------

    def accept(self, choice: int) -> bool:
        """Replace the current flag's text with its suggestion number `choice` (0: best)."""
        flag = self.current_flag()
        if flag is None or self.session is None:
            return False
        if choice == 0 and flag.kind == "handwriting":
            self._make_region(flag)  # accepting it makes its region, as `regions --accept`
            return True
        if not 0 <= choice < len(flag.suggestions):
            self._say(f"The flag on {flag.text!r} has no suggestion {choice + 1}")
            return True
        self.replace(flag, flag.suggestions[choice])
        return True

    def replace(self, flag: Flag, text: str) -> None:
        """Put `text` in place of the flag's text (one undo step), then go to the next flag."""
        session = self.session
        if session is None:
            return
        session.commit_typing()
        source = Source("suggestion", {"check": flag.check, "kind": flag.kind})
        try:
            edits = line_edits(session.project, [(flag, text)])
            session.edit(edits, source, f"Accept {text!r} for {flag.text!r}")
        except CorrigendaError as exc:
            self._say(exc.message)
            return
        # From where the flag was: the next flag after it, on this page or a later one.
        page = self._editor.page()
        if page is not None and page.id == flag.page_id:
            self._editor.move_to_offset(flag.line_id, self._column(flag))
        self.step(1)

    def _column(self, flag: Flag) -> int:
        page = self._editor.page()
        assert page is not None
        return flag.start - {s.line_id: s.start for s in page.layout()[1]}[flag.line_id]

    def _decide(
        self, what: str, decide: Callable[[Project, Flag], None], drop: Callable[[Flag], bool]
    ) -> None:
        flag = self.current_flag()
        if flag is None or self.session is None:
            self._say("No flag at the cursor")
            return
        try:
            self.session.record(lambda project: decide(project, flag))
        except CorrigendaError as exc:
            self._say(exc.message)
            return
        self.model.remove(drop)
        self._show_counts()
        self.page_shown()
        self._say(f"{what}: {flag.text}")

    def ignore(self) -> None:
        flag = self.current_flag()
        self._decide("Ignored", checks.ignore, lambda f: flag is not None and f.key == flag.key)

    def ignore_everywhere(self) -> None:
        flag = self.current_flag()
        self._decide(
            "Ignored everywhere",
            lambda p, flag: checks.ignore_everywhere(p, flag.text),
            lambda f: flag is not None and f.text == flag.text,
        )

    def accept_word(self) -> None:
        flag = self.current_flag()
        self._decide(
            "Accepted word",
            lambda p, flag: checks.accept_word(p, flag.text),
            lambda f: (
                flag is not None and f.text == flag.text and f.kind in ("spelling", "real-word")
            ),
        )

    def add_name(self) -> None:
        flag = self.current_flag()
        self._decide(
            "Added to the name list",
            lambda p, flag: checks.add_name(p, flag.text),
            lambda f: flag is not None and f.text == flag.text,
        )

    def fix_all(self) -> None:
        """Every occurrence of the current flag's text, ticked, with a count; then one step."""
        flag = self.current_flag()
        session = self.session
        if flag is None or session is None:
            self._say("No flag at the cursor")
            return
        session.commit_typing()
        replacement = flag.suggestions[0] if flag.suggestions else flag.text
        query = form_query(flag.text)  # several words or punctuation: found as written
        self._say(f"Looking for every {flag.text!r}…")
        # The whole document is read on a worker; the concordance opens when it is found.
        self._background.run(
            read_only(
                session.path,
                lambda project: checks.concordance(
                    project.document(), query, literal_replacement(replacement)
                ),
            ),
            lambda hits: self._concordance(flag, replacement, hits),
            lambda exc: self._say(f"Fix all failed: {exc}"),
        )

    def learned_words(self) -> None:
        """The document's learned vocabulary, with Unlearn and Relearn (each recorded as
        `flag --unlearn/--relearn` records it); flagged again after a change."""
        if self.session is None:
            return
        if not self.ready() or self.flagger is None:
            self._say("The document is being flagged: its learned words are known after that")
            return
        try:
            learned, unlearned = self.flagger.learned()
        except CorrigendaError as exc:
            self._say(exc.message)
            return
        dialog = LearnedWordsDialog(
            self._parent,
            learned,
            unlearned,
            lambda form: self._record_form(
                "Unlearned", lambda project, f: checks.unlearn(project, f, learned), form
            ),
            lambda form: self._record_form("Relearned", checks.relearn, form),
        )
        dialog.finished.connect(lambda _result: self._learned_closed(dialog))
        self.learned_dialog = dialog
        dialog.open()

    def _learned_closed(self, dialog: LearnedWordsDialog) -> None:
        self.learned_dialog = None
        if dialog.changed:
            self.refresh()  # the vocabulary's flags, and the names it excused, change

    def _record_form(self, what: str, decide: Callable[[Project, str], None], form: str) -> bool:
        if self.session is None:
            return False
        try:
            self.session.record(lambda project: decide(project, form))
        except CorrigendaError as exc:
            self._say(exc.message)
            return False
        self._say(f"{what}: {form}")
        return True

    def _concordance(self, flag: Flag, replacement: str, hits: list[checks.Occurrence]) -> None:
        session = self.session
        if session is None:
            return
        self._say(f"{len(hits)} found of {flag.text!r}")
        dialog = ConcordanceDialog(self._parent, flag.text, replacement, hits)
        if dialog.exec() != ConcordanceDialog.DialogCode.Accepted or not dialog.ticked():
            return
        chosen, text = dialog.ticked(), dialog.replacement()
        source = Source(
            "replace-all", {"pattern": flag.text, "replacement": text, "from": "concordance"}
        )
        label = f"Fix {len(chosen)}× {flag.text!r} → {text!r}"
        try:
            edits = line_edits(session.project, [(hit.as_flag(), text) for hit in chosen])
            session.edit(edits, source, label)
        except CorrigendaError as exc:
            self._say(exc.message)
            return
        self._say(label)
