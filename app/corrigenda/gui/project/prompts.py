"""Questions the window asks before something it cannot take back.

Each is a plain function so that tests can answer it (monkeypatch) without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from corrigenda.ocr.region import PSM_MODES


def open_read_only(window: QWidget, message: str) -> bool:
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


def close_with_unsaved(window: QWidget, count: int, save_copy: Callable[[], bool]) -> bool:
    """Typing could not be saved: save a copy first, close anyway, or stay (False)."""
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Typing not saved")
    lines = "1 edited line" if count == 1 else f"{count} edited lines"
    box.setText(f"{lines} could not be saved to the project file.")
    box.setInformativeText("Save a copy elsewhere (it will hold them), or close and lose them.")
    copy = box.addButton("Save a &copy as…", QMessageBox.ButtonRole.AcceptRole)
    lose = box.addButton("Close and &lose them", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(copy)
    box.exec()
    if box.clickedButton() is copy:
        return save_copy()
    return box.clickedButton() is lose


def choose_psm(window: QWidget) -> int | None:
    """How Tesseract should read a drawn region (its --psm); None: cancelled."""
    items = [f"{text} (psm {psm})" for psm, text in PSM_MODES.items()]
    choice, ok = QInputDialog.getItem(
        window, "Read a region again", "Read the region as:", items, 0, False
    )
    if not ok:
        return None
    return list(PSM_MODES)[items.index(choice)]


def edit_signed_page(window: QWidget, number: int) -> bool:
    """Before the first change to a signed-off page: say what editing it does."""
    answer = QMessageBox.question(
        window,
        "Edit a signed-off page?",
        f"Page {number} is approved and signed off. Editing it sends it back to review: it "
        "must be approved and signed again. The sign-off stays in the history, valid for the "
        "text it covered.\n\nEdit the page?",
    )
    return answer == QMessageBox.StandardButton.Yes


REGION_TYPES = {
    "handwritten": "Handwritten notes (typed by you, never re-OCRed)",
    "printed": "Printed text (read by OCR)",
    "page-number": "Page number",
    "running-head": "Running head",
    "running-foot": "Running foot",
    "stamp": "Stamp (described, not transcribed)",
    "signature": "Signature (described, not transcribed)",
    "figure": "Figure (described, not transcribed)",
}


def choose_region_type(window: QWidget) -> str | None:
    """What a region drawn on the scan holds (a RegionType value); None: cancelled."""
    items = list(REGION_TYPES.values())
    choice, ok = QInputDialog.getItem(window, "New region", "The region holds:", items, 0, False)
    return list(REGION_TYPES)[items.index(choice)] if ok else None


def ask_line(window: QWidget, title: str, label: str) -> str | None:
    """A line of text (a handwritten line, a mark's description); None: cancelled."""
    text, ok = QInputDialog.getText(window, title, label)
    return text if ok else None


def refused(window: QWidget, title: str, message: str) -> None:
    """A change was refused (nothing was made): say why."""
    QMessageBox.warning(window, title, message)


def confirm(window: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(window, title, text)
    return answer == QMessageBox.StandardButton.Yes
