"""What the window does with regions. Every change is one core call through the session
(the same calls as `corrigenda regions`), then the page is shown and flagged again: a region
rebuilds the page's lines (the words it takes leave the body lines)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from corrigenda.checks import Flag
from corrigenda.errors import CorrigendaError
from corrigenda.gui.editing.editor import TranscriptEditor
from corrigenda.gui.pages.page_list import PageList
from corrigenda.gui.project import prompts
from corrigenda.gui.regions.commands import RegionCommand
from corrigenda.gui.scan.page_view import PageView
from corrigenda.gui.session import ProjectSession
from corrigenda.gui.widgets.actions import make_action
from corrigenda.model import BBox, Line, Page, PageStatus, Region, RegionType
from corrigenda.regions.geometry import centre_in, check_box
from corrigenda.store import Project, Source
from corrigenda.store.events import REGION_KINDS

Say = Callable[[str], None]


class RegionsController(QObject):
    """Makes, fills and deletes the current page's regions; `changed(page_id)` afterwards."""

    def __init__(
        self,
        view: PageView,
        editor: TranscriptEditor,
        pages: PageList,
        say: Say,
        changed: Callable[[int], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._view, self._editor, self._pages = view, editor, pages
        self._say, self._changed, self._parent = say, changed, parent
        self.session: ProjectSession | None = None
        self.actions: dict[str, QAction] = {}
        self._placing: int | None = None  # the unplaced note the next box drawn places
        self._build_actions()
        view.area_drawn.connect(self._drawn)
        view.drawing_cancelled.connect(self._stop_placing)

    def _build_actions(self) -> None:
        def add(name: str, text: str, keys: str, slot: Callable[[], object]) -> None:
            self.actions[name] = make_action(self._parent, text, slot, keys, needs_project=True)

        add("draw", "&Draw a region (handwriting, furniture, a mark)…", "Ctrl+Shift+D", self.draw)
        add(
            "add_line",
            "&Type a new line in this handwritten region…",
            "Ctrl+Shift+J",
            self.add_line,
        )
        add("place", "&Place this note on the scan…", "Ctrl+Shift+P", self.place_current)
        add("delete", "D&elete this line's region…", "", self.delete_current)

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session

    # -- making a region -------------------------------------------------------------------

    def accept_flag(self, flag: Flag) -> bool:
        """A `handwriting` flag accepted: make its region (False: not such a flag)."""
        box = flag.extra.get("box")
        if flag.kind != "handwriting" or not box:
            return False
        page_id, score, area = flag.page_id, flag.score, BBox(*box)
        first_line = ""
        if self.session is not None and not _words_inside(self.session.page(page_id), area):
            # Ink OCR left unread: the region starts with the line the user types now.
            answer = prompts.ask_line(
                self._parent, "New handwritten region", "Its first line (as written):"
            )
            if answer is None:
                return True  # cancelled: nothing made; the flag stays
            if not answer.strip():
                # A region of no line has no line to put the cursor on to type the rest.
                self._say(
                    "No region made: type the note's first line as written "
                    "(or Ctrl+Shift+I to ignore the proposal)"
                )
                return True
            first_line = answer.strip()

        def change(project: Project) -> Region:
            with project.batch():
                region, _event = project.accept_handwriting(page_id, area, score)
                if first_line:
                    project.add_region_line(page_id, region.id, first_line, Source("keyboard"))
            return region

        self._change(
            page_id,
            change,
            "Handwritten region made: its lines are marked in the margin; type what it says",
        )
        return True

    def draw(self) -> None:
        """The next drag on the scan draws a region; its type is asked for then."""
        if self.session is None or self._pages.current_page_id is None:
            return
        self._placing = None
        self._view.draw_area()
        self._say("Drag over the scan to draw the region")

    def unplaced_note(self) -> Region | None:
        """The handwritten region of the cursor's line when it has no box on the scan yet (a
        note a transcript brought, not placed): the one `place_current` places."""
        found = self._current_region()
        if found is None:
            return None
        region = found[1]
        return region if region.type == RegionType.HANDWRITTEN and region.bbox is None else None

    def place_current(self) -> None:
        """The next drag on the scan gives the cursor's note (unplaced) its box."""
        region = self.unplaced_note()
        if region is None:
            self._say(
                "Put the cursor on a line of a note not placed yet (its lines have no box): "
                "that note is placed by the box drawn"
            )
            return
        self._placing = region.id
        self._view.draw_area()
        self._say(f"Drag over the scan where note {region.id} is written (Escape stops)")

    def _stop_placing(self) -> None:
        self._placing = None

    def _drawn(self, rect: QRectF) -> None:
        session, page_id = self.session, self._pages.current_page_id
        placing, self._placing = self._placing, None
        if session is None or page_id is None:
            return
        box = BBox(int(rect.left()), int(rect.top()), int(rect.right()), int(rect.bottom()))
        page = session.page(page_id)
        if placing is not None and page.region(placing) is None:
            placing = None  # the note went meanwhile: the box drawn is a new region
        try:  # a box that cannot be a region is refused before any question about it
            check_box(box, page.width, page.height, session.project.regions(page_id), placing)
        except CorrigendaError as exc:
            prompts.refused(self._parent, "No region made", exc.message)
            self._say(exc.message)
            return
        if placing is not None:
            region_id = placing
            self._change(
                page_id,
                lambda project: project.move_region(page_id, region_id, box, Source("keyboard")),
                f"Note {region_id} placed on the scan: its lines show its image",
            )
            return
        name = prompts.choose_region_type(self._parent)
        if name is None:
            return
        kind = RegionType(name)
        description, first_line = "", ""
        if kind.is_mark:
            answer = prompts.ask_line(self._parent, "New region", f"What the {name} shows:")
            if answer is None:
                return
            description = answer.strip()
        elif kind == RegionType.HANDWRITTEN and not _words_inside(session.page(page_id), box):
            # Nothing OCR read there: the region starts with the line the user types now.
            answer = prompts.ask_line(
                self._parent, "New handwritten region", "Its first line (as written):"
            )
            if answer is None:
                return
            first_line = answer.strip()

        def change(project: Project) -> Region:
            with project.batch():
                region, _event = project.add_region(
                    page_id, kind, box, Source("keyboard"), description
                )
                if first_line:
                    project.add_region_line(page_id, region.id, first_line, Source("keyboard"))
            return region

        self._change(page_id, change, f"{kind.value} region made")

    # -- its lines -------------------------------------------------------------------------

    def _current_region(self) -> tuple[Page, Region, int] | None:
        page, line_id = self._editor.page(), self._editor.current_line_id()
        if self.session is None or page is None or line_id is None:
            return None
        region = page.region(page.line(line_id).region)
        return (page, region, line_id) if region is not None else None

    def add_line(self) -> None:
        """Type a new line into the current line's handwritten region, after the current line."""
        found = self._current_region()
        if found is None or found[1].type != RegionType.HANDWRITTEN:
            self._say("Put the cursor on a handwritten line first (or draw a region: Ctrl+Shift+D)")
            return
        page, region, line_id = found
        text = prompts.ask_line(self._parent, "New handwritten line", "The line (as written):")
        if not text or not text.strip():
            return
        self._change(
            page.id,
            lambda project: project.add_region_line(
                page.id, region.id, text.strip(), Source("keyboard"), line_id
            ),
            "Handwritten line added",
        )

    def delete_current(self) -> None:
        found = self._current_region()
        if found is None:
            self._say("The line at the cursor is in no region")
            return
        page, region, _line_id = found
        goes = "its lines go with it" if region.type.ocr_keeps_out else "its lines stay"
        if not prompts.confirm(
            self._parent,
            "Delete the region?",
            f"Delete region {region.id} ({region.type.value}): {goes}.",
        ):
            return
        self._change(
            page.id,
            lambda project: project.delete_region(page.id, region.id, Source("keyboard")),
            f"Region {region.id} deleted",
        )

    # -- the one way a region change is made -----------------------------------------------

    def _change(self, page_id: int, change: Callable[[Project], object], done: str) -> None:
        session = self.session
        if session is None:
            return
        signed = session.page(page_id)
        if signed.status == PageStatus.APPROVED and not prompts.edit_signed_page(
            self._parent, signed.number
        ):
            return  # a region change sends a signed-off page back to review, as an edit does
        session.commit_typing()  # first, so the state kept for undo is the page as shown
        project = session.project
        before, first = project.region_state(page_id), project.last_event_id()
        try:
            result = session.record(change, quiet=True)
        except CorrigendaError as exc:
            prompts.refused(self._parent, "Nothing was changed", exc.message)
            self._say(exc.message)
            return
        # One undo step: Ctrl+Z restores the page's lines and regions as they were (an
        # event, as the change is); the typing steps before it stay undoable after it.
        ids = [e.id for e in project.events(page_id=page_id, after_id=first, kinds=REGION_KINDS)]
        states = (before, project.region_state(page_id))
        label = done.split(":")[0]  # "Handwritten region made", as "Undone: …" names it
        session.push(RegionCommand(session, page_id, ids, states, label, self._changed))
        self._changed(page_id)
        page = self._editor.page()
        target = None
        if isinstance(result, Region) and page is not None:
            # The cursor goes to the new region's first line, ready to type what it says.
            target = next((line for line in page.lines if line.region == result.id), None)
        elif isinstance(result, Line) and page is not None:
            target = result  # a line added: the cursor at its end, to go on typing
        if target is not None and page is not None and target.id in {ln.id for ln in page.lines}:
            end = len(page.line(target.id).text) if isinstance(result, Line) else 0
            self._editor.move_to_offset(target.id, end)
            self._editor.setFocus()
        self._say(done)


def _words_inside(page: Page, box: BBox) -> bool:
    return any(
        centre_in(word.bbox, box)
        for line in page.lines
        if line.region is None
        for word in line.words
    )
