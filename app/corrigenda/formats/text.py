"""Plain-text export: UTF-8, pages separated by a form feed, as `Page.layout` lays them out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO

from corrigenda.formats.registry import exporter
from corrigenda.model import Page
from corrigenda.store import Project


@exporter("text", ".txt", "plain text, pages separated by a form feed")
def write_text(
    project: Project, pages: Sequence[Page], out: BinaryIO, options: Mapping[str, Any]
) -> None:
    text = "\f".join(page.text() for page in pages)
    out.write((text + "\n").encode("utf-8"))
