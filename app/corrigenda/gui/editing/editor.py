"""The transcript editor: the page's text, one editor line per scan line.

Typing is committed to the project within a moment (after a short pause, when the cursor leaves
the line, or before any other command) as an undo command; the project re-aligns the edited
line to its old words, so words keep their boxes. Lines can't be split or joined here: Enter and
Backspace at a line's start move between lines instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from corrigenda.errors import CorrigendaError
from corrigenda.gui.editing.line_numbers import LineNumbers
from corrigenda.gui.session import ProjectSession
from corrigenda.model import Line, Page, RegionType
from corrigenda.store import LineEdit, Source

COMMIT_DELAY_MS = 400  # a pause in typing; autosave is promised within a second
TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Underline:
    """A stretch of a line drawn with an underline (its colour and pattern say the flag's
    kind), and what its tooltip says."""

    line_id: int
    start: int  # character offsets in the line's text
    end: int
    colour: QColor
    tooltip: str
    style: QTextCharFormat.UnderlineStyle = QTextCharFormat.UnderlineStyle.WaveUnderline


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class TranscriptEditor(QPlainTextEdit):
    """Edits one page; `current_word_changed(line_id, word_id)` follows the cursor."""

    current_word_changed = Signal(int, int)  # word id -1: the line has no word there
    return_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Transcript editor")
        self.setUndoRedoEnabled(False)  # undo belongs to the project's undo stack
        # Long lines wrap on screen; each scan line stays one block (one line number, one
        # line id), and no line's start is ever scrolled out of view sideways.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._context_actions: Callable[[], list[QAction]] = list
        # Line numbers in a margin: a wrapped line's continuation has none, so it never looks
        # like the next scan line.
        self._numbers = LineNumbers(self)
        self.blockCountChanged.connect(lambda _count: self._fit_numbers())
        self._fit_numbers()
        self._confirm_first_edit: Callable[[], bool] | None = None
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(10.0, font.pointSizeF()))
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        self.setFont(font)
        self._session: ProjectSession | None = None
        self._page: Page | None = None
        self._line_ids: list[int] = []
        self._handwritten: set[int] = set()  # line ids of handwritten lines: shown in italics
        self._committed: dict[int, str] = {}
        self._dirty: set[int] = set()  # line ids typed in but not yet committed
        self._loading = False
        self._underlines: list[Underline] = []
        self._last_block = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.document().contentsChange.connect(self._contents_change)
        self.cursorPositionChanged.connect(self._cursor_moved)

    def set_session(self, session: ProjectSession | None) -> None:
        self._session = session
        if session is not None:
            session.typing_committed_by(self.flush)

    # -- content ---------------------------------------------------------------------------

    def page(self) -> Page | None:
        return self._page

    def confirm_first_edit(self, confirm: Callable[[], bool] | None) -> None:
        """`confirm()` is asked before the first change to the page shown (a signed-off page:
        editing it sends it back to review); False leaves the page as it is."""
        self._confirm_first_edit = confirm

    def set_page(self, page: Page | None) -> None:
        self.flush()
        self._confirm_first_edit = None
        self._page = page
        self._line_ids = [line.id for line in page.lines] if page else []
        self._committed = {line.id: line.text for line in page.lines} if page else {}
        self._dirty.clear()
        self._underlines = []
        self._loading = True
        try:
            # setPlainText writes the new text in the cursor's format: after a handwritten
            # line had the cursor, every line came out italic.
            self.setCurrentCharFormat(QTextCharFormat())
            self.setPlainText(
                "\n".join(self._shown_text(page, line) for line in page.lines) if page else ""
            )
            self._mark_handwriting(page)
        finally:
            self._loading = False
        self._last_block = -1
        self.setReadOnly(page is None or not page.lines)
        self._refresh_selections()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._cursor_moved()

    def _mark_handwriting(self, page: Page | None) -> None:
        """Handwritten lines in italics, with a bar in the margin (not by colour alone)."""
        hand = RegionType.HANDWRITTEN
        lines = page.lines if page else ()
        self._handwritten = {line.id for line in lines if page and page.region_type(line) == hand}
        italic = QTextCharFormat()
        italic.setFontItalic(True)
        for row, line in enumerate(lines):
            if line.id in self._handwritten:
                cursor = QTextCursor(self.document().findBlockByNumber(row))
                cursor.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                cursor.mergeCharFormat(italic)
                cursor.mergeBlockCharFormat(italic)  # typing into an empty line too
        rows = {row for row, line in enumerate(lines) if line.id in self._handwritten}
        self._numbers.set_marked(rows)

    def is_handwritten(self, line_id: int) -> bool:
        return line_id in self._handwritten

    def _shown_text(self, page: Page, line: Line) -> str:
        """The line's text, or the typing in it that is not saved yet."""
        unsaved = self._session.unsaved_text(page.id, line.id) if self._session else None
        return line.text if unsaved is None else unsaved

    def update_lines(self, page: Page, line_ids: list[int]) -> None:
        """The project changed these lines (an undo, a replace): show its text."""
        if self._page is None or page.id != self._page.id:
            return
        self._page = page
        for line_id in line_ids:
            if line_id not in self._committed:
                continue
            text = page.line(line_id).text
            self._committed[line_id] = text
            block = self.document().findBlockByNumber(self._line_ids.index(line_id))
            if line_id in self._dirty:
                continue  # typed again meanwhile (a retried save came back): keep the typing
            if normalise(block.text()) != text:
                self._dirty.discard(line_id)
                cursor = QTextCursor(block)
                cursor.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                self._loading = True
                try:
                    cursor.insertText(text)
                finally:
                    self._loading = False
        self._refresh_selections()
        self._cursor_moved(force=True)

    def line_text(self, line_id: int) -> str:
        return self.document().findBlockByNumber(self._line_ids.index(line_id)).text()

    # -- committing ------------------------------------------------------------------------

    def flush(self) -> None:
        """Commit what was typed: one undo command per line (merged while typing goes on)."""
        self._timer.stop()
        if not self._dirty or self._session is None or self._page is None:
            self._dirty.clear()
            return
        dirty, self._dirty = sorted(self._dirty), set()
        for line_id in dirty:
            text = self.line_text(line_id)
            before = self._committed[line_id]
            if normalise(text) == before:
                continue
            number = self._line_ids.index(line_id) + 1
            edit = LineEdit(self._page.id, line_id, before, text)
            label = f"Type in page {self._page.number}, line {number}"
            try:
                self._session.edit([edit], Source("keyboard"), label, typing=True)
            except CorrigendaError as exc:
                # Not saved (disk full, read-only file): the text stays here and is retried.
                self._session.keep_unsaved(edit, exc.message)
            else:
                self._session.saved(self._page.id, line_id)

    def has_pending(self) -> bool:
        return bool(self._dirty)

    def _contents_change(self, position: int, removed: int, added: int) -> None:
        if self._loading or self._page is None:
            return
        if self.document().blockCount() != len(self._line_ids):
            # A paste or an input method split or joined lines: put the page back as stored.
            QTimer.singleShot(0, self._restore_lines)
            return
        first = self.document().findBlock(position).blockNumber()
        last = self.document().findBlock(position + added).blockNumber()
        for number in range(first, max(first, last) + 1):
            if 0 <= number < len(self._line_ids):
                line_id = self._line_ids[number]
                self._dirty.add(line_id)
                if self._session is not None:
                    # On disk at once (the journal); the edit event follows at the pause.
                    text = self.document().findBlockByNumber(number).text()
                    edit = LineEdit(self._page.id, line_id, self._committed[line_id], text)
                    self._session.journal_typing(edit)
        self._timer.start()

    def _restore_lines(self) -> None:
        page = self._page
        if page is not None and self._session is not None:
            self._dirty.clear()
            self.set_page(self._session.page(page.id))

    # -- cursor and words ------------------------------------------------------------------

    def current_line_id(self) -> int | None:
        number = self.textCursor().blockNumber()
        return self._line_ids[number] if 0 <= number < len(self._line_ids) else None

    def selection_start_in_line(self) -> int:
        """Where the cursor (or the start of its selection) is in its line."""
        cursor = self.textCursor()
        return cursor.selectionStart() - cursor.block().position()

    def current_word_index(self) -> int:
        cursor = self.textCursor()
        column = cursor.positionInBlock()
        spans = [m.span() for m in TOKEN.finditer(cursor.block().text())]
        for index, (_start, end) in enumerate(spans):
            if column <= end:  # in the word, or in the space before it
                return index
        return len(spans) - 1

    def move_to_word(self, line_id: int, word_id: int) -> None:
        if self._page is None or line_id not in self._committed:
            return
        row = self._line_ids.index(line_id)
        words = [w.id for w in self._page.line(line_id).words]
        block = self.document().findBlockByNumber(row)
        spans = [m.span() for m in TOKEN.finditer(block.text())]
        index = words.index(word_id) if word_id in words else 0
        column = spans[index][0] if index < len(spans) else 0
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + column)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def move_to_offset(self, line_id: int, column: int, length: int = 0) -> None:
        """Put the cursor at a character offset of a line (a flag, a find match)."""
        if line_id not in self._committed:
            return
        block = self.document().findBlockByNumber(self._line_ids.index(line_id))
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(column, block.length() - 1))
        if length:
            cursor.setPosition(
                block.position() + min(column + length, block.length() - 1),
                QTextCursor.MoveMode.KeepAnchor,
            )
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _cursor_moved(self, force: bool = False) -> None:
        block = self.textCursor().blockNumber()
        if block != self._last_block and self._dirty:
            # Leaving a line commits it, so each line's typing is its own undo step.
            QTimer.singleShot(0, self.flush)
        self._last_block = block
        self._refresh_current_line()
        line_id = self.current_line_id()
        if self._page is None or line_id is None:
            return
        words = self._page.line(line_id).words
        index = self.current_word_index()
        word_id = words[index].id if 0 <= index < len(words) else -1
        self.current_word_changed.emit(line_id, word_id)

    # -- underlines (flags) and the current line -------------------------------------------

    def set_underlines(self, underlines: list[Underline]) -> None:
        self._underlines = list(underlines)
        self._refresh_selections()

    def _refresh_current_line(self) -> None:
        self._refresh_selections()

    def _refresh_selections(self) -> None:
        selections = []
        current = QTextEdit.ExtraSelection()
        current.format.setBackground(self.palette().alternateBase())
        current.format.setProperty(QTextCharFormat.Property.FullWidthSelection, True)
        current.cursor = QTextCursor(self.textCursor().block())
        selections.append(current)
        rows = {line_id: row for row, line_id in enumerate(self._line_ids)}
        for mark in self._underlines:
            row = rows.get(mark.line_id)
            if row is None:
                continue
            block = self.document().findBlockByNumber(row)
            selection = QTextEdit.ExtraSelection()
            selection.format.setUnderlineStyle(mark.style)
            selection.format.setUnderlineColor(mark.colour)
            selection.format.setToolTip(mark.tooltip)
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + min(mark.start, block.length() - 1))
            cursor.setPosition(
                block.position() + min(mark.end, block.length() - 1),
                QTextCursor.MoveMode.KeepAnchor,
            )
            selection.cursor = cursor
            selections.append(selection)
        self.setExtraSelections(selections)

    def underline_at(self, line_id: int, column: int) -> Underline | None:
        for mark in self._underlines:
            if mark.line_id == line_id and mark.start <= column <= mark.end:
                return mark
        return None

    # -- keys: keep one editor line per scan line ------------------------------------------

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._window_key(event)
        ):
            event.ignore()  # let the window's actions (Undo, Redo, ...) have these keys
            return False
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
            line_id = self._line_ids[cursor.blockNumber()] if self._line_ids else None
            mark = self.underline_at(line_id, cursor.positionInBlock()) if line_id else None
            if mark is not None:
                QToolTip.showText(event.globalPos(), mark.tooltip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    @staticmethod
    def _window_key(event: QKeyEvent) -> bool:
        """Keys the window's actions own even while the editor has the focus."""
        keys = (
            QKeySequence.StandardKey.Undo,
            QKeySequence.StandardKey.Redo,
            QKeySequence.StandardKey.ZoomIn,
            QKeySequence.StandardKey.ZoomOut,
        )
        return any(event.matches(key) for key in keys)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        cursor = self.textCursor()
        spans_lines = cursor.hasSelection() and (
            self.document().findBlock(cursor.selectionStart()).blockNumber()
            != self.document().findBlock(cursor.selectionEnd()).blockNumber()
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.return_pressed.emit()
            return
        if key == Qt.Key.Key_Backspace and not cursor.hasSelection() and cursor.atBlockStart():
            self.moveCursor(QTextCursor.MoveOperation.PreviousBlock)
            self.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
            return
        if key == Qt.Key.Key_Delete and not cursor.hasSelection() and cursor.atBlockEnd():
            return
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and not (
            event.modifiers()
            & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        ):
            # Home and End go to the ends of the transcript line (the scan's line), not of
            # the row it wraps onto in a narrow editor.
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock
                if key == Qt.Key.Key_End
                else QTextCursor.MoveOperation.StartOfBlock,
                QTextCursor.MoveMode.KeepAnchor
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                else QTextCursor.MoveMode.MoveAnchor,
            )
            self.setTextCursor(cursor)
            return
        changes_text = (bool(event.text()) and event.text().isprintable()) or key in (
            Qt.Key.Key_Backspace,
            Qt.Key.Key_Delete,
        )
        if spans_lines and (changes_text or event.matches(QKeySequence.StandardKey.Cut)):
            return  # an edit across lines would join them
        if changes_text and not self.isReadOnly() and self._confirm_first_edit is not None:
            confirm, self._confirm_first_edit = self._confirm_first_edit, None
            if not confirm():
                self._confirm_first_edit = confirm  # asked again at the next try
                return
        super().keyPressEvent(event)

    # -- line numbers ----------------------------------------------------------------------

    def _fit_numbers(self) -> None:
        self.setViewportMargins(self._numbers.width_needed(), 0, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        width = self._numbers.width_needed()
        self._numbers.setGeometry(rect.left(), rect.top(), width, rect.height())

    # -- the context menu: what can be done with the flag under the pointer ----------------

    def context_actions_from(self, actions: Callable[[], list[QAction]]) -> None:
        """`actions()` gives the actions for the cursor's place (none: Qt's own menu)."""
        self._context_actions = actions

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        clicked = self.cursorForPosition(event.pos())
        if not self.textCursor().hasSelection() or not (
            self.textCursor().selectionStart()
            <= clicked.position()
            <= self.textCursor().selectionEnd()
        ):
            self.setTextCursor(clicked)  # the menu is about the word clicked on
        menu = QMenu(self)
        menu.setToolTipsVisible(True)  # a long explanation is cut short in the menu
        actions = self._context_actions()
        for action in actions:
            if action.isSeparator():
                menu.addSeparator()
            else:
                menu.addAction(action)
        standard = self.createStandardContextMenu()
        if actions:
            menu.addSeparator()
            menu.addMenu(standard).setText("&Text")
        else:
            menu = standard
        menu.exec(event.globalPos())

    def insertFromMimeData(self, source: QMimeData) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection() and "\u2029" in cursor.selectedText():
            return
        self.insertPlainText(" ".join(source.text().split()))

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()
