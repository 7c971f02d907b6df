"""Review mode's widgets: filters, the list of edits with their diffs, the selected edit's
details, the decision buttons, and the quality-control tab. The logic is in review_controller.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from corrigenda.gui.review.model import (
    STATE_COLOURS,
    EditsModel,
    EditsProxy,
    QcModel,
    RowHtmlRole,
    diff_html,
    source_text,
)
from corrigenda.review.edits import EditView
from corrigenda.review.receipts import Receipt

ANY = "(any)"


class RowDelegate(QStyledItemDelegate):
    """Draws a row's rich text (RowHtmlRole): who, when, how, state; then the diff."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(3)
        doc.setHtml(str(index.data(RowHtmlRole) or ""))
        doc.setTextWidth(opt.rect.width())
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(opt.rect.translated(-opt.rect.topLeft()))
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # Fixed: measuring every row's HTML would make the diffs of rows nobody looks at.
        return QSize(300, 2 * option.fontMetrics.lineSpacing() + 10)


def edit_details(edit: EditView) -> str:
    """The selected edit in full: provenance, decision, and its three diffs."""
    colour = STATE_COLOURS.get(edit.state, "#000")
    rows = [
        (
            "Region change" if edit.is_region_change else "Edit",
            f"event {edit.event_id} ({edit.kind}), {edit.time.replace('T', ' ')}",
        ),
        ("By", html.escape(edit.actor)),
        ("Where", f"page {edit.page_number} ({html.escape(edit.page_name)}), {edit.where}"),
        ("Source", html.escape(source_text(edit))),
        (
            "State",
            f'<b style="color:{colour}">{edit.state}</b>'
            + (f" by {html.escape(edit.decided_by)}, {edit.decided_at}" if edit.decided_by else ""),
        ),
    ]
    if edit.is_region_change:
        rows.append(("Note", "a region change: approve it, or return the page (not rejectable)"))
    if edit.reason:
        rows.append(("Reason", html.escape(edit.reason)))
    if edit.comment:
        rows.append(("Comment", html.escape(edit.comment)))
    if edit.after_approval:
        rows.append(("Note", "made after the page was signed off"))
    if edit.cancels is not None:
        rows.append(("Undone", f"it and event {edit.cancels} cancel out: no change to review"))
    if edit.redoes is not None:
        rows.append(("Redo", f"brings back event {edit.redoes}, which an undo took back"))
    table = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
    return (
        f"<table cellpadding=2>{table}</table>"
        f"<p><b>Against the OCR</b><br>{diff_html(edit.diff_ocr())}</p>"
        f"<p><b>Against the last approved state</b><br>{diff_html(edit.diff_approved())}</p>"
        f"<p><b>This edit alone</b><br>{diff_html(edit.diff())}</p>"
    )


class ReviewPanel(QWidget):
    """The review dock's contents."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EditsModel(self)
        self.proxy = EditsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.qc_model = QcModel(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._edits_tab(self.proxy), "Edits")
        self.tabs.addTab(self._qc_tab(self.qc_model), "Quality control")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)

    def _edits_tab(self, proxy: EditsProxy) -> QWidget:
        self.user_box = self._combo("User")
        self.source_box = self._combo("Source")
        self.check_box = self._combo("Check")
        self.state_box = self._combo("State")
        self.state_box.addItems(list(STATE_COLOURS))
        self.page_spin = QSpinBox()
        self.page_spin.setAccessibleName("Page")
        self.page_spin.setSpecialValueText("all")
        self.since_edit = self._date("From", "from YYYY-MM-DD")
        self.until_edit = self._date("To", "to YYYY-MM-DD")
        self.count_label = QLabel()
        filters = QHBoxLayout()
        for label, widget in (
            ("User", self.user_box),
            ("Source", self.source_box),
            ("Check", self.check_box),
            ("State", self.state_box),
            ("Page", self.page_spin),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        for date in (self.since_edit, self.until_edit):
            filters.addWidget(date)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.list = QListView()
        self.list.setAccessibleName("Edits under review")
        self.list.setModel(proxy)
        self.list.setItemDelegate(RowDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setAlternatingRowColors(True)
        palette = self.list.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe3fb"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#000000"))
        self.list.setPalette(palette)
        self.details = QTextBrowser()
        self.details.setAccessibleName("Selected edit")
        self.details.setPlaceholderText("Select an edit to see its diffs.")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        self.approve_button = QPushButton("&Approve")
        self.reject_button = QPushButton("Re&ject…")
        self.sign_page_button = QPushButton("Approve page && &sign off…")
        self.return_button = QPushButton("Re&turn page…")
        self.verify_button = QPushButton("&Verify…")
        self.status_label = QLabel()
        buttons = QHBoxLayout()
        for button in (
            self.approve_button,
            self.reject_button,
            self.sign_page_button,
            self.return_button,
        ):
            buttons.addWidget(button)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.verify_button)

        # The latest sign-off's receipt: what the archive keeps outside the project, so that a
        # history cut short after it can be detected (verify --receipt).
        self.receipt_label = QLabel()
        self.receipt_label.setWordWrap(True)
        self.receipt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addWidget(self.receipt_label)
        layout.addLayout(buttons)
        return tab

    def show_receipt(self, receipt: Receipt | None) -> None:
        if receipt is None:
            self.receipt_label.setText("No sign-off yet, so no receipt.")
            return
        self.receipt_label.setText(
            f"Latest receipt: {receipt.events} events, chain head {receipt.head[:16]}…, "
            f"signed by {receipt.reviewer} on {receipt.signoff.get('signed', '?')}. Keep it "
            "outside the project (corrigenda receipt) and check with verify --receipt."
        )

    def _qc_tab(self, qc_model: QcModel) -> QWidget:
        self.percent_spin = QDoubleSpinBox()
        self.percent_spin.setAccessibleName("Sample percentage")
        self.percent_spin.setRange(0.1, 100)
        self.percent_spin.setValue(10)
        self.percent_spin.setSuffix(" %")
        self.sample_button = QPushButton("&Draw a sample of each transcriber's pending edits")
        self.sampled_only_button = QPushButton("Show sampled edits")
        row = QHBoxLayout()
        row.addWidget(QLabel("Sample"))
        row.addWidget(self.percent_spin)
        row.addWidget(self.sample_button)
        row.addWidget(self.sampled_only_button)
        row.addStretch(1)
        self.qc_table = QTableView()
        self.qc_table.setAccessibleName("Quality control per transcriber")
        self.qc_table.setModel(qc_model)
        self.qc_table.verticalHeader().hide()
        self.qc_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.qc_table, 1)
        return tab

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.addItem(ANY)
        box.setMinimumContentsLength(8)
        return box

    def _date(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMaximumWidth(120)
        return edit

    @staticmethod
    def choice(box: QComboBox) -> list[str] | None:
        text = box.currentText()
        return None if text == ANY else [text]

    @staticmethod
    def set_choices(box: QComboBox, values: list[str]) -> None:
        """Refill a filter box, keeping its choice when it is still there."""
        current = box.currentText()
        box.blockSignals(True)
        box.clear()
        box.addItem(ANY)
        box.addItems(values)
        box.setCurrentIndex(max(0, box.findText(current)))
        box.blockSignals(False)
