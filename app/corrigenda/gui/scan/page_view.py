"""The page view: the scan with its word boxes, zoomable and pannable.

Boxes are coloured by the OCR's confidence (or by a flag's kind when a word is flagged); a
click on a word reports it, and the editor's current word is highlighted and scrolled to.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from corrigenda.model import BBox, Line, Page, Word

# Okabe and Ito's colour-blind-safe palette; on the scan each colour means one thing only:
# a flagged word is always FLAGGED (its kind is in the Flags list and the editor), a word a
# person typed has no confidence and a dashed grey box. Colour is never the only cue: boxes
# whose colours come close under a colour-vision deficiency differ in line (BOX_LINES;
# tests/gui/test_flag_palette.py measures it).
LOW = QColor("#d55e00")  # vermilion
DOUBTFUL = QColor("#e69f00")  # orange, dashed
CONFIDENT = QColor("#009e73")  # bluish green
TYPED = QColor("#6b6b6b")  # grey, dashed
FLAGGED = QColor("#cc79a7")  # reddish purple
HIGHLIGHT = QColor("#0072b2")  # blue: the editor's current word, a ring around its box
REGION = QColor("#202020")  # near black, dash-dot, with its type written beside it
QUIET = (CONFIDENT, TYPED)  # neither flagged nor doubtful: a faint outline
# How each box is drawn besides its colour: "faint" is thin and half transparent.
BOX_LINES = {
    LOW.name(): "solid",
    DOUBTFUL.name(): "dash",
    CONFIDENT.name(): "faint solid",
    TYPED.name(): "faint dash",
    FLAGGED.name(): "solid",
    HIGHLIGHT.name(): "ring",
    REGION.name(): "dash-dot",
}
# What the box colours mean, for the legend under the page.
LEGEND = (
    (LOW, "low confidence"),
    (DOUBTFUL, "doubtful (dashed)"),
    (CONFIDENT, "confident"),
    (TYPED, "typed by a person (dashed)"),
    (FLAGGED, "flagged"),
    (HIGHLIGHT, "the word at the cursor (outer ring)"),
)


def legend_html() -> str:
    """The box colours' legend as rich text for a QLabel."""
    parts = [f'<span style="color:{c.name()}">■</span>&nbsp;{text}' for c, text in LEGEND]
    return "Boxes: " + " &nbsp; ".join(parts)


TEXT_MARGIN = 20  # scan pixels kept beside the text block when it is fitted

# QGraphicsItem.data keys. Only ints and floats go in: PySide6 miscounts references of Python
# objects (None, tuples) kept in C++ items, which crashed the interpreter at exit.
LINE_KEY, WORD_KEY = 0, 1


class PageView(QGraphicsView):
    """Shows one page; emits `word_clicked(line_id, word_id)`."""

    word_clicked = Signal(int, int)
    zoom_changed = Signal(float)
    region_drawn = Signal(QRectF)  # to re-OCR; in scene (scan pixel) coordinates
    area_drawn = Signal(QRectF)  # to make a typed region of the page; scan pixels too
    boxes_shown = Signal(bool)  # the word boxes were shown (True) or hidden
    drawing_cancelled = Signal()  # Escape while drawing a region: nothing was drawn

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setAccessibleName("Page image")
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#6b6b6b"))
        # A page shorter than the view starts at its top, where reading starts.
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        # Always there: a scroll bar appearing would narrow the view and change a fitted zoom.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._pixmap_item: QGraphicsPixmapItem | None = None
        self._boxes: dict[int, list[QGraphicsRectItem]] = {}  # line id -> its word boxes
        # What each box shows, kept in Python: reading it back through item.data() while
        # restyling thousands of boxes is where PySide6 went wrong with reference counts.
        self._box_words: dict[int, tuple[int, int, float | None]] = {}  # id(item) -> word
        self._highlight = QGraphicsRectItem()
        # Outlined, never filled: the ink of the word being judged stays as it is.
        self._highlight.setPen(QPen(HIGHLIGHT, 3))
        self._highlight.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self._highlight.setZValue(10)
        self._highlight.setVisible(False)
        self.scene().addItem(self._highlight)
        self._thresholds = (60.0, 85.0)
        self._flag_colours: dict[tuple[int, int], QColor] = {}
        self._boxes_visible = True
        # The text block fills the width: body text is legible where fitting the whole sheet
        # (margins included) into a half-window pane left it at a fifth of its size.
        self._fit = "text"
        self._text_rect = QRectF()
        self._scale = 1.0
        self._rotation = 0
        self._paints: dict[int, tuple[QPen, QBrush]] = {}
        self._region: QGraphicsRectItem | None = None  # being drawn
        self._region_start = QPointF()
        self._drawing = False
        self._purpose = "reocr"  # what the region being drawn is for: "reocr" or "region"
        self._region_items: list[QGraphicsItem] = []  # the page's typed regions, outlined
        # The region a selected `handwriting` flag proposes, dashed until it is decided.
        self._proposal = QGraphicsRectItem()
        self._proposal.setPen(QPen(REGION, 3, Qt.PenStyle.DashLine))
        self._proposal.setZValue(6)
        self._proposal.setVisible(False)
        self.scene().addItem(self._proposal)

    # -- content ---------------------------------------------------------------------------

    def set_thresholds(self, low: float, doubtful: float) -> None:
        self._thresholds = (low, doubtful)

    def set_page(self, page: Page, image: QImage | None) -> None:
        self.clear_page()
        self.scene().setSceneRect(QRectF(0, 0, page.width, page.height))
        self._text_rect = _text_block(page)
        self.set_image(image)
        for line in page.lines:
            self._add_line(line)
        self._show_regions(page)
        self.apply_fit()

    def clear_page(self) -> None:
        """No page (the project was closed): an empty view."""
        scene = self.scene()
        for items in self._boxes.values():
            for item in items:
                scene.removeItem(item)
        self._boxes.clear()
        self._box_words.clear()
        for region_item in self._region_items:
            scene.removeItem(region_item)
        self._region_items.clear()
        self._highlight.setVisible(False)
        self._proposal.setVisible(False)
        if self._pixmap_item is not None:
            scene.removeItem(self._pixmap_item)
            self._pixmap_item = None
        self._text_rect = QRectF()

    def set_image(self, image: QImage | None) -> None:
        if image is None or image.isNull():
            return
        if self._pixmap_item is not None:
            self.scene().removeItem(self._pixmap_item)
        self._pixmap_item = self.scene().addPixmap(QPixmap.fromImage(image))
        self._pixmap_item.setZValue(-1)
        self._pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)

    def has_image(self) -> bool:
        return self._pixmap_item is not None

    def update_lines(self, page: Page, line_ids: list[int]) -> None:
        for line_id in line_ids:
            for item in self._boxes.pop(line_id, []):
                self._box_words.pop(id(item), None)
                self.scene().removeItem(item)
            try:
                self._add_line(page.line(line_id))
            except KeyError:
                continue

    def set_flagged(self, words: set[tuple[int, int]]) -> None:
        """(line id, word id) of the flagged words: their boxes are FLAGGED."""
        self.set_flag_colours(dict.fromkeys(words, FLAGGED))

    def set_flag_colours(self, colours: dict[tuple[int, int], QColor]) -> None:
        """(line id, word id) -> the colour of the flag on that word."""
        changed = {
            key
            for key in set(colours) | set(self._flag_colours)
            if colours.get(key) != self._flag_colours.get(key)
        }
        self._flag_colours = colours
        if not changed:
            return
        for items in self._boxes.values():
            for item in items:
                if self._box_words[id(item)][:2] in changed:
                    self._style(item)

    def set_boxes_visible(self, visible: bool) -> None:
        self._boxes_visible = visible
        for items in self._boxes.values():
            for item in items:
                item.setVisible(visible)
        self.boxes_shown.emit(visible)

    def boxes_visible(self) -> bool:
        return self._boxes_visible

    def box_count(self) -> int:
        return sum(len(items) for items in self._boxes.values())

    def _add_line(self, line: Line) -> None:
        items = []
        for word in line.words:
            if word.bbox is None:
                continue
            box = word.bbox
            item = QGraphicsRectItem(box.x0, box.y0, box.width, box.height)
            item.setData(LINE_KEY, line.id)
            item.setData(WORD_KEY, word.id)
            self._box_words[id(item)] = (line.id, word.id, word.conf)
            item.setToolTip(_tooltip(word))
            if not self._boxes_visible:
                item.setVisible(False)
            self._style(item)
            self.scene().addItem(item)
            items.append(item)
        self._boxes[line.id] = items

    def _show_regions(self, page: Page) -> None:
        """Each typed region outlined (dash-dot) and named by its type at its top left."""
        for region in page.regions:
            if region.bbox is None:
                continue
            box = region.bbox
            outline = QGraphicsRectItem(box.x0, box.y0, box.width, box.height)
            outline.setPen(QPen(REGION, 3, Qt.PenStyle.DashDotLine))
            outline.setZValue(5)
            outline.setToolTip(f"region {region.id}: {region.type.value}")
            label = QGraphicsSimpleTextItem(region.type.value)
            label.setBrush(QBrush(REGION))
            label.setScale(2.5)
            label.setPos(box.x0, max(0, box.y0 - 40))
            label.setZValue(5)
            for item in (outline, label):
                self.scene().addItem(item)
                self._region_items.append(item)

    def show_proposal(self, box: BBox | None) -> None:
        """Outline the region a `handwriting` flag proposes (None: none)."""
        if box is None:
            self._proposal.setVisible(False)
            return
        self._proposal.setRect(QRectF(box.x0, box.y0, box.width, box.height))
        self._proposal.setToolTip("proposed handwritten region: Enter makes it")
        self._proposal.setVisible(True)
        self.ensureVisible(self._proposal, 8, 30)

    def proposal_rect(self) -> QRectF | None:
        return self._proposal.rect() if self._proposal.isVisible() else None

    def region_outlines(self) -> list[str]:
        """The tooltips of the regions drawn on the page (for tests and the status bar)."""
        return [
            item.toolTip() for item in self._region_items if isinstance(item, QGraphicsRectItem)
        ]

    def _style(self, item: QGraphicsRectItem) -> None:
        line_id, word_id, conf = self._box_words[id(item)]
        colour = self._flag_colours.get((line_id, word_id))
        if colour is None:
            colour = self._confidence_colour(conf)
        pen, brush = self._paint_for(colour)
        item.setPen(pen)
        item.setBrush(brush)

    def _paint_for(self, colour: QColor) -> tuple[QPen, QBrush]:
        """One pen and brush per colour, shared by its boxes (thousands on a page)."""
        key = colour.rgba()
        paint = self._paints.get(key)
        if paint is None:
            if colour in QUIET:
                # Most words are confident: a faint outline, no tint, so the scan stays legible
                # and the strong boxes (low confidence, flags) stand out.
                line = QColor(colour)
                line.setAlpha(110)
                pen = QPen(line, 1)
            else:
                # Doubtful words and flags: a strong outline, no fill over the ink.
                pen = QPen(colour, 3)
            if BOX_LINES.get(colour.name(), "").endswith("dash"):
                pen.setStyle(Qt.PenStyle.DashLine)
            paint = self._paints[key] = (pen, QBrush(Qt.BrushStyle.NoBrush))
        return paint

    def _confidence_colour(self, conf: float | None) -> QColor:
        if conf is None:
            return TYPED
        low, doubtful = self._thresholds
        return LOW if conf < low else DOUBTFUL if conf < doubtful else CONFIDENT

    # -- the current word ------------------------------------------------------------------

    def highlight(self, line_id: int, word_id: int | None) -> None:
        items = self._boxes.get(line_id, [])
        target = next((i for i in items if self._box_words[id(i)][1] == word_id), None)
        if target is None and items:
            rect = items[0].rect()
            for item in items[1:]:
                rect = rect.united(item.rect())
        elif target is not None:
            rect = target.rect()
        else:
            self._highlight.setVisible(False)
            return
        self._highlight.setRect(rect.adjusted(-3, -3, 3, 3))
        self._highlight.setVisible(True)
        # Little sideways margin: a fitted text block stays put while the word moves.
        self.ensureVisible(self._highlight, 8, 60)

    def highlighted_rect(self) -> QRectF | None:
        return self._highlight.rect() if self._highlight.isVisible() else None

    # -- zoom ------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self._scale

    def rotation(self) -> int:
        return self._rotation

    def _apply(self) -> None:
        self.resetTransform()
        self.rotate(self._rotation)
        self.scale(self._scale, self._scale)
        self.zoom_changed.emit(self._scale)

    def zoom_by(self, factor: float) -> None:
        scale = self._scale * factor
        if 0.05 <= scale <= 8:
            self._fit = ""
            self._scale = scale
            self._apply()

    def rotate_by(self, degrees: int) -> None:
        """Turn the view (not the scan) by a multiple of 90 degrees; the fit is kept."""
        self._rotation = (self._rotation + degrees) % 360
        if self._fit:
            self.apply_fit()
        else:
            self._apply()

    def fit_width(self) -> None:
        self._fit = "width"
        self.apply_fit()

    def fit_page(self) -> None:
        self._fit = "page"
        self.apply_fit()

    def fit_text(self) -> None:
        """The text block (the lines' boxes, not the sheet's margins) fills the width."""
        self._fit = "text"
        self.apply_fit()

    def use_zoom(self, fit: str, scale: float) -> None:
        """A fit (or, with fit "", the user's zoom) kept from the last run."""
        if fit in ("text", "width", "page"):
            self._fit = fit
        elif 0.05 <= scale <= 8:
            self._fit, self._scale = "", scale
        if self._fit:
            self.apply_fit()
        else:
            self._apply()

    def fit(self) -> str:
        """How the page is fitted: "text", "width", "page", or "" (the user's zoom)."""
        return self._fit

    def apply_fit(self) -> None:
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        turned = self._rotation in (90, 270)
        width, height = (rect.height(), rect.width()) if turned else (rect.width(), rect.height())
        view_w, view_h = self.viewport().width() - 4, self.viewport().height() - 4
        text = self._text_rect
        # No lines yet (not OCRed), or turned: the sheet's width instead of the text's.
        fit = "width" if self._fit == "text" and (text.isEmpty() or turned) else self._fit
        if fit == "page":
            self._scale = max(0.01, min(view_w / width, view_h / height))
        elif fit == "width":
            self._scale = max(0.01, view_w / width)
        elif fit == "text":
            self._scale = max(0.01, view_w / (text.width() + 2 * TEXT_MARGIN))
        self._apply()
        if fit == "text":
            # The text block across the view: centred sideways, where it was up and down.
            middle = self.mapToScene(self.viewport().rect().center())
            self.centerOn(text.center().x(), middle.y())

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(1.15 if delta > 0 else 1 / 1.15)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._drawing and event.key() == Qt.Key.Key_Escape:
            self.cancel_drawing()
        elif event.matches(QKeySequence.StandardKey.ZoomIn) or event.text() == "+":
            self.zoom_by(1.25)
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or event.text() == "-":
            self.zoom_by(0.8)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A fit to the width does not change with the height: refitting then would let the
        # horizontal scroll bar, coming and going, resize the view for ever.
        width_only = self._fit in ("width", "text")
        if self._fit and not (width_only and event.size().width() == event.oldSize().width()):
            self.apply_fit()

    # -- drawing a region (re-OCR, or a typed region) --------------------------------------

    def draw_region(self) -> None:
        """The next drag on the scan draws a region to re-OCR instead of panning."""
        self._start_drawing("reocr")

    def draw_area(self) -> None:
        """The next drag on the scan draws a typed region of the page (`area_drawn`)."""
        self._start_drawing("region")

    def _start_drawing(self, purpose: str) -> None:
        self._purpose = purpose
        self._drawing = True
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.setFocus()  # Escape, which cancels, must reach the view, not the text being typed

    def cancel_drawing(self) -> None:
        """Stop drawing (Escape): the half-drawn box goes, the next drag pans again."""
        if self._drawing:
            self._end_region()
            self.drawing_cancelled.emit()

    def drawing_region(self) -> bool:
        return self._drawing

    def _end_region(self) -> QRectF:
        rect = QRectF()
        if self._region is not None:
            rect = self._region.rect().normalized().intersected(self.sceneRect())
            self.scene().removeItem(self._region)
            self._region = None
        self._drawing = False
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().unsetCursor()
        return rect

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._region is not None:
            start = self._region_start
            end = self.mapToScene(event.position().toPoint())
            self._region.setRect(QRectF(start, end).normalized())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._region is not None:
            rect = self._end_region()
            if rect.width() > 4 and rect.height() > 4:
                drawn = self.area_drawn if self._purpose == "region" else self.region_drawn
                drawn.emit(rect)
            return
        super().mouseReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._drawing:
            start = self.mapToScene(event.position().toPoint())
            self._region = QGraphicsRectItem(QRectF(start, start))
            self._region_start = start
            self._region.setPen(QPen(HIGHLIGHT, 3, Qt.PenStyle.DashLine))
            self._region.setZValue(20)
            self.scene().addItem(self._region)
            return
        pos = event.position().toPoint()
        for item in self.items(pos):
            if isinstance(item, QGraphicsRectItem) and item.data(WORD_KEY) is not None:
                self.word_clicked.emit(int(item.data(LINE_KEY)), int(item.data(WORD_KEY)))
                break
        super().mousePressEvent(event)


def _text_block(page: Page) -> QRectF:
    """The union of the page's line boxes (empty without lines)."""
    boxes = [line.bbox for line in page.lines if line.bbox is not None and line.bbox.area]
    if not boxes:
        return QRectF()
    x0, y0 = min(b.x0 for b in boxes), min(b.y0 for b in boxes)
    x1, y1 = max(b.x1 for b in boxes), max(b.y1 for b in boxes)
    return QRectF(x0, y0, x1 - x0, y1 - y0)


def _tooltip(word: Word) -> str:
    conf = "typed" if word.conf is None else f"confidence {word.conf:.0f}%"
    return f"{word.text} ({conf})"
