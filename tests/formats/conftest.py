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
