"""Page images come back through the window's one background pattern, and only for the
project that asked for them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from corrigenda.gui.scan.images import ImageService
from corrigenda.store import Project
from tests.review.helpers import make_project


def _first_page(path: Path) -> int:
    with Project.open(path, readonly=True) as project:
        return project.pages()[0].id


def test_an_image_arrives_decoded_and_is_kept(qtbot, tmp_path: Path) -> None:
    path = make_project(tmp_path)
    page_id = _first_page(path)
    service = ImageService()
    service.set_project(path)
    with qtbot.waitSignal(service.image_ready, timeout=10_000) as arrived:
        service.request(page_id)
    got_id, image = arrived.args
    assert got_id == page_id and not image.isNull()
    assert service.cached(page_id) is not None
    service.wait()


def test_a_late_image_of_the_project_before_is_dropped(qtbot, tmp_path: Path) -> None:
    first = make_project(tmp_path)
    page_id = _first_page(first)
    service = ImageService()
    arrived: list[int] = []
    service.image_ready.connect(lambda pid, _image: arrived.append(pid))
    service.set_project(first)
    service.request(page_id)
    service.set_project(None)  # the window closed the project before the image came
    service.wait()
    for _ in range(5):
        QCoreApplication.processEvents()
    assert arrived == [] and service.cached(page_id) is None
