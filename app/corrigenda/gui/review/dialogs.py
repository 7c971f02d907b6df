"""Review mode's dialogs: a reason or note, the sign-off (which may make the reviewer's key),
and the verify report."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from corrigenda.gui.widgets.buttons import ok_cancel
from corrigenda.review import signing
from corrigenda.review.verify import VerifyReport


class ReasonDialog(QDialog):
    """Asks for a reason or a note; OK stays disabled while a required one is empty."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        prompt: str,
        *,
        required: bool,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        self.label = QLabel(prompt)
        self.label.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Reason")
        self.text.setPlaceholderText(placeholder or ("required" if required else "optional"))
        self.text.setMaximumHeight(90)
        self.buttons = ok_cancel(self)
        self.text.textChanged.connect(self._update)
        # Sized to its text: as wide as about 60 characters, as tall as the wrapped prompt
        # needs (a fixed size cut the sign-off's warning mid-sentence).
        width = 60 * self.fontMetrics().averageCharWidth()
        self.label.setMinimumWidth(width)
        self._fit_label = lambda: self.label.setMinimumHeight(self.label.heightForWidth(width))
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self._fit_label()
        self._update()

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not self.required or bool(self.reason()))


def sign_off_prompt(reviewer: str, what: str) -> str:
    """What signing means, and whether this sign-off makes the reviewer's key."""
    key = signing.load_key(reviewer, create=False)
    path = html.escape(str(signing.key_path(reviewer)))
    who = html.escape(reviewer)
    if key is None:
        return (
            f"Approve {what} and sign it off as <b>{who}</b>.<br><br>"
            "<b>This is your first sign-off:</b> Corrigenda will now make your personal "
            f"Ed25519 signing key and keep it in<br><code>{path}</code><br>readable by you "
            "alone. Its public half goes into the project, so anyone can check your "
            "signature; keep the key file safe, since whoever holds it can sign as you."
        )
    return (
        f"Approve {what} and sign it off as <b>{who}</b> with your key "
        f"<code>{key.fingerprint}</code><br>(<code>{path}</code>)."
    )


class SignOffDialog(ReasonDialog):
    def __init__(
        self, parent: QWidget | None, reviewer: str, what: str, warnings: str = ""
    ) -> None:
        super().__init__(
            parent,
            "Sign off",
            warnings + sign_off_prompt(reviewer, what),
            required=False,
            placeholder="a comment for the audit trail (optional)",
        )
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self._fit_label()  # measured again as rich text


def verify_html(report: VerifyReport) -> str:
    colour, verdict = ("#2e7d32", "Verified") if report.ok else ("#c62828", "NOT verified")
    parts = [
        f'<h2 style="color:{colour}">{verdict}</h2>',
        f"<p>{html.escape(str(report.path))}<br>{report.events} events, {report.pages} pages, "
        f"chain head <code>{report.head[:16]}</code></p>",
    ]
    if report.ok:
        parts.append(
            "<p>The chain is intact, every transcript rebuilds from its OCR and the "
            "events, images match their hashes, sign-offs are valid.</p>"
        )
    if report.signoffs:
        rows = "".join(
            f"<tr><td>{s.event_id}</td><td>{html.escape(s.reviewer)}</td><td>{s.scope}</td>"
            f"<td>{', '.join(map(str, s.page_numbers)) or '-'}</td><td>{s.key_fingerprint}</td>"
            f"<td>{html.escape(s.state if s.valid else s.state + ': ' + s.reason)}</td></tr>"
            for s in report.signoffs
        )
        parts.append(
            "<h3>Sign-offs</h3><table cellpadding=3><tr><th>event</th><th>reviewer</th>"
            "<th>scope</th><th>pages</th><th>key</th><th>state</th></tr>"
            f"{rows}</table>"
        )
    if report.problems:
        items = "".join(f"<li>{html.escape(str(p))}</li>" for p in report.problems[:50])
        parts.append(f"<h3>Problems</h3><ol>{items}</ol>")
    parts.extend(f"<p><i>note: {html.escape(n)}</i></p>" for n in report.notes)
    return "".join(parts)


class VerifyDialog(QDialog):
    def __init__(self, parent: QWidget | None, report: VerifyReport) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verify the project")
        self.report = report
        self.browser = QTextBrowser()
        self.browser.setHtml(verify_html(report))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 420)
