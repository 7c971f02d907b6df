"""Small dialogs: settings, keyboard shortcuts, about."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMenuBar,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import corrigenda
from corrigenda.errors import CorrigendaError
from corrigenda.gui.widgets.buttons import ok_cancel
from corrigenda.ocr.engine import find_engine
from corrigenda.settings import Settings


class SettingsDialog(QDialog):
    """The user's settings (corrigenda.settings.Settings): who, which Tesseract, thresholds."""

    def __init__(self, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._settings = settings
        form = QFormLayout()
        s = self._settings
        self.user_name = self._line(form, "&User name (for the audit trail):", s.user_name)
        self.tesseract = self._line(form, "&Tesseract program (empty: built in):", s.tesseract_path)
        self.tessdata = self._line(form, "Tesseract &language data folder:", s.tessdata_dir)
        self.languages = self._line(form, "OCR l&anguages (e.g. eng+deu):", s.languages)
        self.low = self._spin(form, "Confidence below this is &low (%):", s.confidence_low)
        self.doubtful = self._spin(
            form, "Confidence below this is &doubtful (%):", s.confidence_doubtful
        )
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _line(self, form: QFormLayout, label: str, value: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setAccessibleName(label.replace("&", "").rstrip(":"))
        edit.setMinimumWidth(320)
        form.addRow(label, edit)
        return edit

    def _spin(self, form: QFormLayout, label: str, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(0, 100)
        spin.setValue(value)
        spin.setAccessibleName(label.replace("&", "").rstrip(":"))
        form.addRow(label, spin)
        return spin

    def apply(self) -> None:
        s = self._settings
        s.user_name = self.user_name.text().strip()
        s.tesseract_path = self.tesseract.text().strip()
        s.tessdata_dir = self.tessdata.text().strip()
        s.languages = self.languages.text().strip() or "eng"
        s.confidence_low = self.low.value()
        s.confidence_doubtful = max(self.low.value(), self.doubtful.value())
        s.save()


def edit_settings(parent: QWidget, settings: Settings) -> bool:
    """The settings dialog; True when the settings were changed and saved."""
    dialog = SettingsDialog(parent, settings)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        dialog.apply()
    except (OSError, CorrigendaError) as exc:
        QMessageBox.warning(parent, "Settings not saved", str(exc))
        return False
    return True


def shortcut_rows(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every menu action with a shortcut."""
    rows = []
    for menu_action in bar.actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        for text, action in _all_actions(menu.actions()):
            keys = ", ".join(k.toString() for k in action.shortcuts())
            if keys:
                rows.append((menu_action.text().replace("&", ""), text, keys))
    return rows


def _all_actions(actions: list[QAction], within: str = "") -> list[tuple[str, QAction]]:
    """Each action with its text, a submenu's action after the submenu's ("Read a region
    again ▸ As scanned")."""
    found = []
    for action in actions:
        sub = action.menu()
        text = within + action.text().replace("&", "")
        if isinstance(sub, QMenu):
            found.extend(_all_actions(sub.actions(), f"{text} ▸ "))
        else:
            found.append((text, action))
    return found


def shortcuts(parent: QWidget, bar: QMenuBar) -> None:
    rows = shortcut_rows(bar)
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    table = QTableWidget(len(rows), 3)
    table.setAccessibleName("Keyboard shortcuts")
    table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem(value))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().hide()
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(560, 520)
    dialog.exec()


def about_text() -> str:
    try:
        tesseract = find_engine().version()
    except CorrigendaError as exc:
        tesseract = f"not usable ({exc.message})"
    return (
        f"<h3>Corrigenda {corrigenda.__version__}</h3>"
        "<p>Correct OCR transcriptions of scanned documents, with an audit trail.</p>"
        f"<p>Qt {qVersion()} (PySide6 {pyside_version})<br>Tesseract {tesseract}<br>"
        f"Python {platform.python_version()}</p>"
    )


def about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About Corrigenda", about_text())
