"""Questions the window asks before something it cannot take back.

Each is a plain function so that tests can answer it (monkeypatch) without a dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow


def open_read_only(window: MainWindow, message: str) -> bool:
    """The project has another writer: open it read-only (True) or not at all (False)."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("The project is open elsewhere")
    box.setText("Another Corrigenda has this project open for changes.")
    box.setInformativeText(
        f"{message}\n\nYou can open it read-only, to look and export, "
        "or cancel and close it in the other window first."
    )
    read_only = box.addButton("Open &read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def close_with_unsaved(window: MainWindow) -> bool:
    """Typing could not be saved: save a copy first, close anyway, or stay (False)."""
    from corrigenda.gui.project import files as project_files

    session = window.session
    count = len(session.unsaved) if session else 0
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Typing not saved")
    box.setText(f"{count} edited line(s) could not be saved to the project file.")
    box.setInformativeText("Save a copy elsewhere (it will hold them), or close and lose them.")
    copy = box.addButton("Save a &copy as…", QMessageBox.ButtonRole.AcceptRole)
    lose = box.addButton("Close and &lose them", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(copy)
    box.exec()
    if box.clickedButton() is copy:
        return project_files.save_copy(window)
    return box.clickedButton() is lose


def choose_psm(window: MainWindow) -> int | None:
    """How Tesseract should read a drawn region (its --psm); None: cancelled."""
    from PySide6.QtWidgets import QInputDialog

    from corrigenda.gui.ocr.region import PSM_MODES

    items = [f"{text} (psm {psm})" for psm, text in PSM_MODES.items()]
    choice, ok = QInputDialog.getItem(
        window, "Re-OCR a region", "Read the region as:", items, 0, False
    )
    if not ok:
        return None
    return list(PSM_MODES)[items.index(choice)]
