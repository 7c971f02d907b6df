"""Importers and exporters, found through one registry that the CLI and the GUI share."""

from __future__ import annotations

from corrigenda.formats.registry import (
    EXPORTERS,
    IMPORTERS,
    Exporter,
    ImportedFile,
    ImportedPage,
    Importer,
    exporter,
    get_exporter,
    get_importer,
    importer,
)

# Importing a format's module registers it.
from corrigenda.formats import text, hocr, alto, pagexml, tei, jsonmodel, tsv, pdf  # noqa: F401  isort: skip

__all__ = [
    "EXPORTERS",
    "IMPORTERS",
    "Exporter",
    "ImportedFile",
    "ImportedPage",
    "Importer",
    "exporter",
    "get_exporter",
    "get_importer",
    "importer",
]
