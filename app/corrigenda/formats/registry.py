"""The registry of export formats."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from corrigenda.errors import CorrigendaError
from corrigenda.model import Page
from corrigenda.store import Project

WriteFn = Callable[[Project, Sequence[Page], BinaryIO, Mapping[str, Any]], None]


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str
    description: str
    write: WriteFn


EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str, suffix: str, description: str) -> Callable[[WriteFn], WriteFn]:
    def register(write: WriteFn) -> WriteFn:
        EXPORTERS[name] = Exporter(name, suffix, description, write)
        return write

    return register


def get_exporter(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise CorrigendaError(
            f"unknown format {name!r}: choose one of {', '.join(sorted(EXPORTERS))}"
        ) from None
