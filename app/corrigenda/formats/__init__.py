"""Importers and exporters, found through one registry that the CLI and the GUI share."""

from __future__ import annotations

from corrigenda.formats.registry import EXPORTERS, Exporter, exporter, get_exporter

# Importing a format's module registers it.
from corrigenda.formats import text  # noqa: F401  isort: skip

__all__ = ["EXPORTERS", "Exporter", "exporter", "get_exporter"]
