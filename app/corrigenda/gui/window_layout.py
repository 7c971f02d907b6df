"""Where the window's widgets sit: page and text side by side, the docks, the status bar; the
sizes of a first start and the geometry saved from the last one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from corrigenda.gui.editing.editor import TranscriptEditor
from corrigenda.gui.pages.panel import PagesView
from corrigenda.gui.project.history_bar import HistoryBar
from corrigenda.gui.project.lifecycle import window_settings
from corrigenda.gui.project.save_bar import SaveBar
from corrigenda.gui.project.welcome import WelcomePage
from corrigenda.gui.scan.line_strip import LineStrip
from corrigenda.gui.scan.page_view import PageView, legend_html

if TYPE_CHECKING:
    from corrigenda.gui.main_window import MainWindow


def _column(*widgets: QWidget, stretch_last: bool = False) -> QWidget:
    """Widgets stacked top to bottom with no margins or gaps."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets[:-1]:
        layout.addWidget(widget)
    layout.addWidget(widgets[-1], 1 if stretch_last else 0)
    return holder


def build(window: MainWindow) -> None:
    """Make the window's widgets and set them as its attributes."""
    window.view = PageView()
    window.view.set_thresholds(window.settings.confidence_low, window.settings.confidence_doubtful)
    window.strip = LineStrip()
    window.editor = TranscriptEditor()
    window.splitter = QSplitter(Qt.Orientation.Horizontal)
    window.splitter.addWidget(window.view)
    window.splitter.addWidget(_column(window.strip, window.editor))
    window.splitter.setStretchFactor(0, 1)
    window.splitter.setStretchFactor(1, 1)
    window.splitter.setChildrenCollapsible(False)  # neither the scan nor the text can vanish
    window.welcome = WelcomePage()
    window.stack = QStackedWidget()
    window.stack.addWidget(window.welcome)
    window.stack.addWidget(window.splitter)
    window.save_bar = SaveBar()
    window.history_bar = HistoryBar()
    window.setCentralWidget(
        _column(window.save_bar, window.history_bar, window.stack, stretch_last=True)
    )

    window.pages_view = PagesView()
    window.pages_dock = dock(
        window, "Pages", window.pages_view, Qt.DockWidgetArea.LeftDockWidgetArea
    )

    window.undo_view = QUndoView()
    window.undo_view.setAccessibleName("History")
    window.undo_view.setEmptyLabel("Opened")
    window.history_dock = dock(
        window, "History", window.undo_view, Qt.DockWidgetArea.RightDockWidgetArea
    )
    window.history_dock.hide()

    window.status_label = QLabel()
    window.zoom_label = QLabel()
    window.legend_label = QLabel(legend_html())
    window.legend_label.setAccessibleName("Box colours")
    window.legend_label.setToolTip(
        "What the colours of the word boxes on the scan mean; View ▸ Show word boxes hides them"
    )
    window.progress = QProgressBar()
    window.progress.setAccessibleName("OCR progress")
    window.progress.setMaximumWidth(220)
    window.cancel_button = QPushButton("Cancel OCR")
    window.cancel_button.setAccessibleName("Cancel OCR")
    for widget in (window.progress, window.cancel_button):
        widget.hide()
    bar = window.statusBar()
    bar.addWidget(window.status_label, 1)
    bar.addPermanentWidget(window.progress)
    bar.addPermanentWidget(window.cancel_button)
    bar.addPermanentWidget(window.legend_label)
    bar.addPermanentWidget(window.zoom_label)
    window.stack.currentChanged.connect(lambda _index: _page_status(window))
    window.view.boxes_shown.connect(lambda _shown: _page_status(window))
    _page_status(window)


def _page_status(window: MainWindow) -> None:
    """The zoom and the boxes' legend describe a page on screen: the welcome page has none,
    and the legend never explains boxes that are hidden."""
    page_shown = window.stack.currentWidget() is window.splitter
    window.zoom_label.setVisible(page_shown)
    window.legend_label.setVisible(page_shown and window.view.boxes_visible())


def dock(window: MainWindow, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    dock_widget = QDockWidget(title, window)
    dock_widget.setObjectName(title.lower().replace(" ", "_"))
    dock_widget.setWidget(widget)
    window.addDockWidget(area, dock_widget)
    return dock_widget


def restore(window: MainWindow) -> None:
    """The geometry and docks saved at the last close, or the first-start sizes."""
    state = window_settings()
    geometry = state.value("geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.default_layout()
    dock_state = state.value("state")
    if isinstance(dock_state, QByteArray):
        window.restoreState(dock_state)
    split = state.value("splitter")
    if not (isinstance(split, QByteArray) and window.splitter.restoreState(split)):
        # No saved split (a window saved before it was kept): halves, not the size hints,
        # which squeezed the scan to a sliver beside the text.
        window.splitter.setSizes([1000, 1000])


def default(window: MainWindow, width: int = 1500, height: int = 950) -> None:
    """Sizes for a first start (and for screenshots): page and text side by side."""
    window.resize(width, height)
    window.resizeDocks(
        [window.pages_dock, window.flags.dock], [200, 330], Qt.Orientation.Horizontal
    )
    side = (width - 200 - 330) // 2
    window.splitter.setSizes([side, side])


def save(window: MainWindow) -> None:
    """Kept for the next start (see `restore`)."""
    window.state.setValue("geometry", window.saveGeometry())
    window.state.setValue("state", window.saveState())
    window.state.setValue("splitter", window.splitter.saveState())
