"""The full document model as JSON, versioned: pages with their current lines and words,
the OCR baseline each page started from, and the project's settings."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO

import corrigenda
from corrigenda.formats.registry import exporter
from corrigenda.model import Page
from corrigenda.store import Project

FORMAT = "corrigenda-document"
VERSION = 1


@exporter("json", ".json", "the full document model as JSON (versioned)")
def write_json(
    project: Project, pages: Sequence[Page], out: BinaryIO, options: Mapping[str, Any]
) -> None:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"Corrigenda {corrigenda.__version__}",
        "title": project.path.stem,
        "settings": {k: v for k, v in project.settings().items() if k != "name_lists"},
        "pages": [_page(project, page) for page in pages],
    }
    if options.get("unverified"):
        document["integrity"] = {"verified": False, "problem": str(options["unverified"])}
    out.write(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))


def _page(project: Project, page: Page) -> dict[str, Any]:
    run = project.ocr_run(page.id)
    return {
        "id": page.id,
        "number": page.number,
        "name": page.name,
        "width": page.width,
        "height": page.height,
        "dpi": page.dpi,
        "status": page.status.value,
        "text": page.text(),
        "lines": [line.to_json() for line in page.lines],
        "regions": [region.to_json() for region in page.regions],
        "ocr": None
        if run is None
        else {
            "engine": run.engine,
            "engine_version": run.engine_version,
            "languages": run.languages,
            "params": run.params,
            "lines": [line.to_json() for line in run.lines],
        },
    }
