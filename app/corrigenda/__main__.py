"""`python -m corrigenda` runs the command line."""

from __future__ import annotations

import sys

from corrigenda.cli import main

sys.exit(main())
