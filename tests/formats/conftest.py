"""Fixtures for the format tests: exporting a project to bytes, the official schemas."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from corrigenda.formats import get_exporter
from corrigenda.store import Project

Export = Callable[..., bytes]


@pytest.fixture
def export() -> Export:
    """export(project_path, format, pages=None, **options) -> the exported bytes."""

    def run(path: Path, name: str, pages: list[int] | None = None, **options: object) -> bytes:
        with Project.open(path, readonly=True) as project:
            chosen = [p for p in project.document().pages if pages is None or p.number in pages]
            out = io.BytesIO()
            get_exporter(name).write(project, chosen, out, options)
        return out.getvalue()

    return run


class _XlinkResolver(etree.Resolver):
    """ALTO's schemas import xlink.xsd from the web; the local copy stands in for it."""

    def __init__(self, local: Path) -> None:
        super().__init__()
        self.local = local

    def resolve(self, url: str, pubid: str, context: object) -> object:
        if url.endswith("xlink.xsd"):
            return self.resolve_filename(str(self.local), context)
        return None


@pytest.fixture(scope="session")
def alto_schema(shared_data: Path) -> etree.XMLSchema:
    folder = shared_data / "schemas" / "alto"
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_XlinkResolver(folder / "xlink.xsd"))
    return etree.XMLSchema(etree.parse(str(folder / "alto-4-2.xsd"), parser))


@pytest.fixture(scope="session")
def page_schema(shared_data: Path) -> etree.XMLSchema:
    path = shared_data / "schemas" / "page-xml" / "2019-07-15" / "pagecontent.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture(scope="session")
def tei_lite(shared_data: Path) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(shared_data / "schemas" / "tei" / "tei_lite.rng")))


# Words in several scripts: the PDF's text layer must carry them all (no .notdef glyph).
SMALL_TEXTS = [
    ["MEMORANDUM OF CONVERSATION", "Brezhnev met «мир» and ﬁne 漢字 Ελλάδα"],
    ["The General Secretary said that the rnessage", "had been received by a man I know"],
]


def small_project(folder: Path, image_format: str = "PNG") -> Path:
    """A two-page project with a synthetic OCR baseline (no Tesseract): 600 x 200 scans."""
    import hashlib

    from PIL import Image

    from corrigenda.model import PageImage
    from corrigenda.store import Source
    from tests.synthetic import ocr_run

    images = []
    for n in (1, 2):
        buffer = io.BytesIO()
        Image.new("RGB", (600, 200), (250, 245, 230)).save(buffer, format=image_format)
        data = buffer.getvalue()
        suffix = ".jpg" if image_format == "JPEG" else ".png"
        images.append(
            PageImage(
                f"scan-{n}{suffix}",
                data,
                image_format,
                600,
                200,
                300,
                hashlib.sha256(data).hexdigest(),
            )
        )
    path = folder / "small.corrigenda"
    with Project.create(path, images, actor="transcriber") as project:
        for info, texts in zip(project.pages(), SMALL_TEXTS):
            project.set_ocr(info.id, ocr_run(texts), Source("ocr", {"engine": "test"}))
    return path
