"""Corrigenda: correct OCR transcriptions of scanned documents."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """`corrigenda.__version__`, read from the installed metadata only when asked for:
    importlib.metadata costs every command's start a few tens of milliseconds."""
    if name != "__version__":
        raise AttributeError(f"module 'corrigenda' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("corrigenda")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0+unknown"
    globals()["__version__"] = found
    return found
