"""The bundle's entry point: `corrigenda` as the console script runs it, made freezable.

freeze_support() must come first: OCR runs pages in worker processes started with "spawn",
and in a frozen program each worker is this executable started again with special arguments.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from corrigenda.cli import main

    sys.exit(main())
