"""Where the window's widgets sit: helpers that stack, split and dock them; the sizes of a
first start and the geometry saved from the last one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QVBoxLayout, QWidget

from corrigenda.gui.project.state import WindowState

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
PAGES_DOCK_WIDTH, FLAGS_DOCK_WIDTH = 200, 330


def column(*widgets: QWidget, stretch_last: bool = False) -> QWidget:
    """Widgets stacked top to bottom with no margins or gaps."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(0)
    for widget in widgets[:-1]:
        box.addWidget(widget)
    box.addWidget(widgets[-1], 1 if stretch_last else 0)
    return holder


def side_by_side(left: QWidget, right: QWidget) -> QSplitter:
    """Two widgets sharing the width; neither can be squeezed away."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 1)
    splitter.setChildrenCollapsible(False)  # neither the scan nor the text can vanish
    return splitter


def strip_above(strip: QWidget, editor: QWidget) -> QSplitter:
    """The line strip above the editor; dragging the handle between them enlarges the strip."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(strip)
    splitter.addWidget(editor)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    splitter.setChildrenCollapsible(False)
    return splitter


def dock(window: QMainWindow, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    dock_widget = QDockWidget(title, window)
    dock_widget.setObjectName(title.lower().replace(" ", "_"))
    dock_widget.setWidget(widget)
    window.addDockWidget(area, dock_widget)
    return dock_widget


def restore(
    window: QMainWindow,
    splitter: QSplitter,
    pages: QDockWidget,
    flags: QDockWidget,
    state: WindowState,
) -> None:
    """The geometry and docks saved at the last close, or the first-start sizes."""
    geometry = state.layout("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        default(window, pages, flags, splitter)
    dock_state = state.layout("state")
    if dock_state is not None:
        window.restoreState(dock_state)
    split = state.layout("splitter")
    if not (split is not None and splitter.restoreState(split)):
        # No saved split (a window saved before it was kept): halves, not the size hints,
        # which squeezed the scan to a sliver beside the text.
        splitter.setSizes([1000, 1000])


def default(
    window: QMainWindow,
    pages: QDockWidget,
    flags: QDockWidget,
    splitter: QSplitter,
    width: int = 1500,
    height: int = 950,
) -> None:
    """Sizes for a first start (and for screenshots): page and text side by side."""
    window.resize(width, height)
    window.resizeDocks(
        [pages, flags], [PAGES_DOCK_WIDTH, FLAGS_DOCK_WIDTH], Qt.Orientation.Horizontal
    )
    # More of the width to the scan: the text wraps, the scan's words must stay legible.
    rest = width - PAGES_DOCK_WIDTH - FLAGS_DOCK_WIDTH
    splitter.setSizes([rest * 55 // 100, rest * 45 // 100])


def save(window: QMainWindow, splitter: QSplitter, state: WindowState) -> None:
    """Kept for the next start (see `restore`)."""
    state.save_layout("geometry", window.saveGeometry())
    state.save_layout("state", window.saveState())
    state.save_layout("splitter", splitter.saveState())
