"""`python -m corrigenda` runs the command line."""

from __future__ import annotations

from corrigenda.cli import run

run()
