"""What the window keeps on disk between runs (QSettings beside the user's settings): its
geometry, the project open when it stopped, and the page and line last shown per project, so
a restart (or a crash) comes back where the user was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from corrigenda.settings import config_dir


class WindowState:
    """The window's QSettings, with a name for each thing kept."""

    def __init__(self) -> None:
        self._settings = QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def layout(self, name: str) -> QByteArray | None:
        """Saved geometry or dock state ("geometry", "state", "splitter")."""
        value = self._settings.value(name)
        return value if isinstance(value, QByteArray) else None

    def save_layout(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(name, value)

    def forget_layout(self, name: str) -> None:
        self._settings.remove(name)

    def zoom(self) -> tuple[str, float]:
        """How the scan was fitted ("text", "width", "page"; "" for the user's own zoom)."""
        fit = str(self._settings.value("zoom/fit", "text") or "")
        try:
            scale = float(str(self._settings.value("zoom/scale", 1.0)))
        except ValueError:
            scale = 1.0
        return fit, scale

    def save_zoom(self, fit: str, scale: float) -> None:
        self._settings.setValue("zoom/fit", fit)
        self._settings.setValue("zoom/scale", scale)

    def open_project(self) -> Path | None:
        value = self._settings.value("open_project")
        return Path(str(value)) if value else None

    def set_open_project(self, path: Path | None) -> None:
        if path is None:
            self._settings.remove("open_project")
        else:
            self._settings.setValue("open_project", str(path.resolve()))
        self._settings.sync()

    def last_page(self, project: Path) -> int:
        return int(str(self._settings.value(f"last_page/{project.resolve()}", 0) or 0))

    def last_line(self, project: Path) -> int | None:
        value = self._settings.value(f"last_line/{project.resolve()}")
        return int(str(value)) if value else None

    def remember(self, project: Path, page_id: int, line_id: int | None) -> None:
        """Kept on disk at every page and line change, so a crash loses no place."""
        where = str(project.resolve())
        self._settings.setValue(f"last_page/{where}", page_id)
        if line_id is not None:
            self._settings.setValue(f"last_line/{where}", line_id)
        self._settings.sync()
