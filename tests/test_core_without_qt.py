"""The core must import and work with PySide6 unavailable: the GUI adapts the core, never the
other way round."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CORE_MODULES = [
    "corrigenda.model",
    "corrigenda.align",
    "corrigenda.store",
    "corrigenda.ocr.batch",
    "corrigenda.ocr.inputs",
    "corrigenda.formats",
    "corrigenda.evaluation",
    "corrigenda.cli",
]


def test_core_imports_with_pyside6_blocked() -> None:
    script = textwrap.dedent(
        f"""
        import importlib, pkgutil, sys

        class BlockQt:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6"):
                    raise ImportError("Qt is blocked in this test")
                return None

        sys.meta_path.insert(0, BlockQt())
        import corrigenda
        for name in {CORE_MODULES!r}:
            importlib.import_module(name)
        # every module of the core, found by walking the package, not only those listed
        for info in pkgutil.walk_packages(corrigenda.__path__, "corrigenda."):
            if not info.name.endswith(("__main__", "gui_command")) and ".gui" not in info.name:
                importlib.import_module(info.name)
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
