"""How each page was read, in the window: the pages panel's reading markers, the page view's
"as read" toggle, and re-reading the current page under a chosen clean-up variant.

The cleaned image is never stored: the core derives it again from the original bytes and the
recorded variant (corrigenda.ocr.readings.as_read), on a worker, and it is shown in place of
the scan; word boxes fit because it is mapped back to the original's geometry.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QMenu

from corrigenda.gui.background import Background, Latest, read_only
from corrigenda.gui.pages.page_list import PageList
from corrigenda.gui.scan.images import ImageService
from corrigenda.gui.scan.page_view import PageView
from corrigenda.gui.session import ProjectSession
from corrigenda.ocr.cleanup import VARIANTS
from corrigenda.ocr.readings import ReadingSummary, as_read, page_readings
from corrigenda.store import Project

# What a re-read can ask for: the automatic choice, the scan as it is, or one variant.
REREAD_CHOICES: tuple[tuple[str, str], ...] = (
    ("auto", "Automatic (clean up only if the engine doubts)"),
    ("none", "As scanned (no clean-up)"),
    *((v.name, f"{v.name}: {v.description}") for v in VARIANTS.values()),
)


def to_qimage(pixels: np.ndarray) -> QImage:
    """8-bit grey pixels as a QImage that owns its memory (made on the worker)."""
    height, width = pixels.shape
    data = np.ascontiguousarray(pixels, dtype=np.uint8)
    return QImage(data.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


class ReadingsController(QObject):
    """Keeps the pages panel's readings current and shows the page original or as read."""

    as_read_shown = Signal(int)  # the page whose cleaned image is now on screen
    readings_loaded = Signal()

    def __init__(
        self,
        pages: PageList,
        view: PageView,
        images: ImageService,
        background: Background,
        say: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pages, self._view, self._images = pages, view, images
        self._say = say
        self.session: ProjectSession | None = None
        self.showing_as_read = False
        self._shown: tuple[int, str] | None = None  # (page, variant) of the cleaned image shown
        self._cache: tuple[int, str, QImage] | None = None  # the last one derived
        self._loads: Latest[dict[int, ReadingSummary]] = Latest(background, self._loaded, say, self)
        self._derivations: Latest[tuple[int, str, QImage]] = Latest(
            background, self._derived, self._derive_failed, self
        )

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session
        self._cache = self._shown = None
        self._derivations.cancel()
        self._loads.cancel()
        if session is not None:
            self.refresh()

    def refresh(self) -> None:
        """Read every page's reading on a worker (after OCR, or on opening a project)."""
        if self.session is not None:
            self._loads.start(read_only(self.session.path, page_readings))

    def _loaded(self, readings: dict[int, ReadingSummary]) -> None:
        if self._pages.model is not None:
            self._pages.model.set_readings(readings)
        self.readings_loaded.emit()
        page_id = self._pages.current_page_id
        if self.showing_as_read and page_id is not None:
            self.page_shown(page_id)  # a re-read may have chosen another variant

    def reading(self, page_id: int) -> ReadingSummary | None:
        model = self._pages.model
        return model.reading(page_id) if model is not None else None

    # -- original / as read ------------------------------------------------------------------

    def set_as_read(self, on: bool) -> None:
        self.showing_as_read = on
        page_id = self._pages.current_page_id
        if page_id is None:
            return
        if on:
            self.page_shown(page_id)
        elif self._shown is not None:
            self._original(page_id)

    def page_shown(self, page_id: int) -> None:
        """The page (with its original scan) is on screen: show it as read, if asked to."""
        session = self.session
        if not self.showing_as_read or session is None or page_id != self._pages.current_page_id:
            return
        reading = self.reading(page_id)
        variant = reading.variant if reading is not None else None
        if variant is None:
            self._shown = None
            how = "as scanned" if reading is not None else "without a recorded clean-up"
            self._say(f"This page was read {how}: the original is what the engine read")
            return
        # The window has just put the original scan on screen: the cleaned one goes over it.
        if self._cache is not None and self._cache[:2] == (page_id, variant):
            self._derived(self._cache)
            return
        self._say(f"Cleaning the page as it was read ({variant})…")
        path = session.path

        def work() -> tuple[int, str, QImage]:
            with Project.open(path, readonly=True) as project:
                data = project.image(page_id).data
            return page_id, variant, to_qimage(as_read(data, variant))

        self._derivations.start(work)

    def _derived(self, result: tuple[int, str, QImage]) -> None:
        page_id, variant, image = result
        self._cache = result
        if not self.showing_as_read or page_id != self._pages.current_page_id:
            return
        self._view.set_image(image)
        self._shown = (page_id, variant)
        self._say(f"Showing the page as read: cleaned with {variant}")
        self.as_read_shown.emit(page_id)

    def _derive_failed(self, message: str) -> None:
        self._say(f"The cleaned page cannot be shown: {message}")

    def _original(self, page_id: int) -> None:
        self._shown = None
        image = self._images.cached(page_id)
        if image is not None:
            self._view.set_image(image)
        else:
            self._images.request(page_id)  # the window shows it when decoded
        self._say("Showing the original scan")


def fill_reread_menu(menu: QMenu, reread: Callable[[str], None]) -> list[QAction]:
    """One action per clean-up choice; each re-reads the current page with it."""
    actions = []
    for name, text in REREAD_CHOICES:
        action = menu.addAction(text)
        action.setData(name)
        action.triggered.connect(lambda _checked=False, n=name: reread(n))
        actions.append(action)
    return actions
