"""The flags panel: the list of flags with its kind filter, sort order and "this page" box."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from corrigenda import checks
from corrigenda.gui.flags.model import FlagsProxy, kind_icon


class FlagsPanel(QWidget):
    """The widgets of the Flags dock; the flags controller fills and follows them."""

    def __init__(self, proxy: FlagsProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Flag kind")
        self.kind_box.addItem("All kinds")
        for kind in checks.all_kinds():
            # The kind's colour and pattern beside its name: the key to the list below.
            self.kind_box.addItem(kind_icon(kind), kind)
        self.kind_box.currentIndexChanged.connect(
            lambda i: proxy.set_kind(self.kind_box.itemText(i) if i > 0 else "")
        )
        self.sort_box = QComboBox()
        self.sort_box.setAccessibleName("Sort flags by")
        self.sort_box.addItems(["by position", "by score"])
        self.sort_box.currentIndexChanged.connect(lambda i: proxy.sort_by_score(i == 1))
        self.page_only = QCheckBox("This page")
        self.page_only.setAccessibleName("Only this page's flags")
        self.page_only.setChecked(True)
        self.state_label = QLabel()
        self.state_label.setAccessibleName("Flagging state")
        self.state_label.hide()
        self.list = QListView()
        self.list.setAccessibleName("Flags")
        self.list.setModel(proxy)
        self.list.setIconSize(QSize(22, 12))  # the kind's colour in its underline pattern
        # Long flags wrap instead of hiding behind a horizontal scroll bar.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row = QHBoxLayout()
        row.addWidget(self.kind_box, 1)
        row.addWidget(self.sort_box)
        row.addWidget(self.page_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.state_label)
        layout.addWidget(self.list)

    def show_state(self, text: str) -> None:
        """ "Flagging…" while the document is flagged (the list is stale or empty meanwhile)."""
        self.state_label.setText(text)
        self.state_label.setVisible(bool(text))
