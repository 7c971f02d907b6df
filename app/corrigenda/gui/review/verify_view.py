"""Review mode's verify: `corrigenda verify` run on a worker (review.jobs), its report shown
in a dialog that stays open beside the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from corrigenda.gui.background import Background, Latest
from corrigenda.gui.review.dialogs import VerifyDialog
from corrigenda.gui.review.jobs import run_verify
from corrigenda.gui.session import ProjectSession
from corrigenda.review.verify import VerifyReport


class VerifyView(QObject):
    """Verifies the open project on a worker and shows the report."""

    def __init__(
        self,
        background: Background,
        say: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.say, self._parent = say, parent
        self.session: ProjectSession | None = None
        self.verifier: Latest[VerifyReport] = Latest(
            background, self._verified, lambda m: self.say(f"verify failed: {m}"), self
        )
        self.last_report: VerifyReport | None = None
        self.report_dialog: VerifyDialog | None = None

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session

    def start_verify(self) -> int | None:
        if self.session is None:
            return None
        self.session.commit_typing()
        self.say("verifying…")
        path = self.session.path
        return self.verifier.start(lambda: run_verify(path))

    def _verified(self, report: VerifyReport) -> None:
        self.last_report = report
        self.say("verified: OK" if report.ok else f"NOT verified: {report.first_problem}")
        self.show_report(report)

    def show_report(self, report: VerifyReport) -> VerifyDialog:
        dialog = VerifyDialog(self._parent, report)
        dialog.setModal(False)
        dialog.show()
        self.report_dialog = dialog
        return dialog
