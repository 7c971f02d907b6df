"""Decoding page images off the GUI thread, with a small cache.

The project's bytes are read on the GUI thread (one SQLite row, fast); decoding a 300 dpi scan
takes longer than a frame, so it runs on a worker and comes back as a QImage through a signal.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from corrigenda.gui.jobs import Job, Jobs

THUMBNAIL_WIDTH = 96


class _Decode(Job):
    def __init__(self, service: ImageService, page_id: int, data: bytes, thumbnail: bool) -> None:
        super().__init__()
        self._service = service
        self._page_id = page_id
        self._data = data
        self._thumbnail = thumbnail

    def work(self) -> None:
        image = QImage.fromData(self._data)
        if self._thumbnail:
            image = image.scaledToWidth(THUMBNAIL_WIDTH, Qt.TransformationMode.SmoothTransformation)
            self._service.thumbnail_ready.emit(self._page_id, image)
        else:
            self._service.image_ready.emit(self._page_id, image)


class ImageService(QObject):
    """Asks for page images and thumbnails; answers come as signals on the GUI thread."""

    image_ready = Signal(int, QImage)
    thumbnail_ready = Signal(int, QImage)

    def __init__(self, pool: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._images: OrderedDict[int, QImage] = OrderedDict()
        self._pending: set[tuple[int, bool]] = set()
        self.image_ready.connect(self._keep)
        self.thumbnail_ready.connect(lambda page_id, _img: self._pending.discard((page_id, True)))

    def cached(self, page_id: int) -> QImage | None:
        return self._images.get(page_id)

    def request(self, page_id: int, data: bytes, *, thumbnail: bool = False) -> None:
        if (page_id, thumbnail) in self._pending:
            return
        self._pending.add((page_id, thumbnail))
        self._pool.start(_Decode(self, page_id, data, thumbnail))

    def _keep(self, page_id: int, image: QImage) -> None:
        self._pending.discard((page_id, False))
        self._images[page_id] = image
        self._images.move_to_end(page_id)
        while len(self._images) > 4:  # a few scans; each is tens of megabytes decoded
            self._images.popitem(last=False)
