"""Page images and thumbnails, read and decoded off the GUI thread, with a small cache.

A 300 dpi scan takes longer than a frame to read and decode, so both happen on a worker (its
own small pool, so that a long flagging or OCR job never delays the page the user turns to),
and the image comes back as a QImage already in the format the screen uses. The neighbours of
the page shown are decoded ahead (`prefetch`), so turning a page usually finds its image ready.
"""

from __future__ import annotations

import io
import logging
import sqlite3
from collections import OrderedDict
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QImage

from corrigenda.errors import CorrigendaError
from corrigenda.gui.background import Background, failure_text
from corrigenda.gui.jobs import Jobs
from corrigenda.store import Project

logger = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 96
CACHED_IMAGES = 6  # the page, its neighbours and a few behind; each is tens of MB decoded


def decode(data: bytes, thumbnail: bool, ratio: float = 1.0) -> QImage:
    """The scan (or its thumbnail) as a QImage, decoded with Pillow.

    A thumbnail is THUMBNAIL_WIDTH pixels wide on screen: `ratio` device pixels to each (2 on
    a high-DPI screen), so that it stays sharp there instead of being scaled up.

    Pillow releases Python's interpreter lock while it decodes and converts; Qt's own decoder,
    called from Python, holds it for the whole decode (a quarter of a second for a 300 dpi
    scan), and the GUI thread would stall meanwhile.
    """
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if thumbnail:
                width = round(THUMBNAIL_WIDTH * ratio)
                opened.draft("RGB", (width * 2, width * 4))
                opened.thumbnail((width, width * 4))
            # Grey scans stay grey (a quarter of the bytes to move); the rest become RGB.
            picture = opened.convert("L" if opened.mode in ("1", "L", "I;16") else "RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        return QImage()
    grey = picture.mode == "L"
    depth, form = (1, QImage.Format.Format_Grayscale8) if grey else (3, QImage.Format.Format_RGB888)
    raw = picture.tobytes()
    # copy(): the QImage must own its pixels, not borrow the bytes object's.
    image = QImage(raw, picture.width, picture.height, picture.width * depth, form).copy()
    if thumbnail:
        image.setDevicePixelRatio(ratio)
    return image


def _device_pixel_ratio() -> float:
    """Device pixels per logical pixel of the sharpest screen (2 on most high-DPI ones)."""
    app = QGuiApplication.instance()
    return app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0


def read(path: Path, page_id: int, thumbnail: bool, ratio: float) -> QImage:
    """The page's image (or thumbnail) read from the project and decoded: on a worker."""
    try:
        with Project.open(path, readonly=True) as project:
            data = project.image(page_id).data
    except (CorrigendaError, KeyError, OSError, sqlite3.Error):
        # The project was closed or the page removed meanwhile: nothing to show.
        logger.info("no image for page %s of %s", page_id, path, exc_info=True)
        return QImage()
    return decode(data, thumbnail, ratio)


class ImageService(QObject):
    """Asks for page images and thumbnails; answers come as signals on the GUI thread."""

    image_ready = Signal(int, QImage)
    thumbnail_ready = Signal(int, QImage)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = Jobs(2, "corrigenda-images")
        self._background = Background(self._jobs, self)
        self._path: Path | None = None
        self._images: OrderedDict[int, QImage] = OrderedDict()
        self._pending: set[tuple[int, bool]] = set()
        self.image_ready.connect(self._keep)
        self.thumbnail_ready.connect(lambda page_id, _img: self._pending.discard((page_id, True)))

    def set_project(self, path: Path | None) -> None:
        self._background.cancel()  # a late image of the project before is not this one's
        self._path = path
        self._images.clear()
        self._pending.clear()

    def cached(self, page_id: int) -> QImage | None:
        image = self._images.get(page_id)
        if image is not None:
            self._images.move_to_end(page_id)
        return image

    def request(self, page_id: int, *, thumbnail: bool = False, ahead: bool = False) -> None:
        if self._path is None or (page_id, thumbnail) in self._pending:
            return
        if not thumbnail and page_id in self._images:
            return
        self._pending.add((page_id, thumbnail))
        # The page to show first, then its neighbours, then thumbnails.
        priority = 0 if thumbnail else 1 if ahead else 2
        path, ratio = self._path, _device_pixel_ratio()

        def done(image: QImage) -> None:
            (self.thumbnail_ready if thumbnail else self.image_ready).emit(page_id, image)

        def failed(exc: BaseException) -> None:  # a bug: logged, and the page stays blank
            self._pending.discard((page_id, thumbnail))
            logger.error("decoding page %s failed: %s", page_id, failure_text(exc))

        self._background.run(lambda: read(path, page_id, thumbnail, ratio), done, failed, priority)

    def prefetch(self, page_ids: list[int]) -> None:
        for page_id in page_ids:
            self.request(page_id, ahead=True)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the images asked for (at most `timeout` seconds): True if all came."""
        return self._jobs.wait(timeout)

    def _keep(self, page_id: int, image: QImage) -> None:
        self._pending.discard((page_id, False))
        if image.isNull():
            return
        self._images[page_id] = image
        self._images.move_to_end(page_id)
        while len(self._images) > CACHED_IMAGES:
            self._images.popitem(last=False)
