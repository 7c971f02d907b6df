"""The window's export does what `corrigenda export` does: the output name is checked by the
core (formats.registry.check_output: several pages of PAGE make a ZIP, so the dialog offers
*.zip and a name without it is corrected with the user's yes), and words without boxes are
warned about, naming the pages (formats.registry.unboxed_warning)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from PySide6.QtWidgets import QMessageBox, QWidget

from corrigenda.errors import UsageError
from corrigenda.fileio import atomic_write
from corrigenda.formats.registry import Exporter, check_output, export_pages, unboxed_warning
from corrigenda.review.before_export import NotVerifiedError, checked_for_export
from corrigenda.store import Project


@dataclass(frozen=True)
class Choice:
    """One line of the save dialog's filter list, and the suffix it suggests."""

    exporter: Exporter
    filter: str
    suffix: str


def choices(formats: Sequence[Exporter], count: int) -> list[Choice]:
    """The dialog's filters; a format that makes a ZIP of several pages offers *.zip."""
    found = []
    for fmt in formats:
        if count >= 2 and fmt.several_suffix:
            text = f"{_short(fmt)}: {count} pages as a ZIP (*{fmt.several_suffix})"
            found.append(Choice(fmt, text, fmt.several_suffix))
        else:
            found.append(Choice(fmt, f"{fmt.description} (*{fmt.suffix})", fmt.suffix))
    return found


def _short(fmt: Exporter) -> str:
    """The format's name without its parenthesis ("PAGE XML 2019")."""
    return fmt.description.split(" (")[0]


def suggested(fmt: Exporter, path: Path) -> Path:
    """The name check_output asks for: the same stem with the ZIP's suffix."""
    stem = PurePath(path.name).name.split(".")[0] or "pages"
    return path.with_name(stem + fmt.several_suffix)


def zip_box(parent: QWidget | None, message: str, target: Path) -> QMessageBox:
    """The question put when the name given cannot hold several pages of the format."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Export as a ZIP?",
        f"{message[0].upper()}{message[1:]}.\n\nExport to {target.name} instead?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box


def ask_zip(parent: QWidget, message: str, target: Path) -> bool:
    return zip_box(parent, message, target).exec() == QMessageBox.StandardButton.Yes


def output_for(
    fmt: Exporter, count: int, path: Path, ask: Callable[[str, Path], bool]
) -> Path | None:
    """`path` if the core accepts it for `count` pages; else the suggested name if `ask`
    (the core's message, the suggestion) says yes; None: the user declined."""
    try:
        check_output(fmt, count, str(path))
        return path
    except UsageError:
        target = suggested(fmt, path)
        check_output(fmt, count, str(target))  # the suggestion passes, or this raises
        # The core's reason, in the window's words (the CLI's names its options).
        reason = f"{count} pages of {_short(fmt)} make a ZIP of one file per page"
        return target if ask(f"{reason}, not one {path.name}", target) else None


def write(project: Project, fmt: Exporter, path: Path, force: bool = False) -> str | None:
    """Export every page (on a worker, from a read-only connection); the warning about
    words without boxes, if any. A project that does not verify raises NotVerifiedError
    (review/before_export.py) unless `force`: the window asks first."""
    problem = checked_for_export(project.path, force, "Export anyway (in the window's question)")
    pages = project.document().pages
    check_output(fmt, len(pages), str(path))  # pages may have been added since the dialog
    with atomic_write(path) as out:
        export_pages(fmt, project, pages, out, {"unverified": problem} if problem else {})
    return unboxed_warning(fmt, pages)


def unverified_box(parent: QWidget | None, exc: NotVerifiedError) -> QMessageBox:
    """The question when the project does not verify: export anyway, or not (the default)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "The project does not verify",
        f"This project does not verify: {exc.problem}.\n\nIts text may have been changed "
        "outside Corrigenda, and an export would pass it off as the record. Review ▸ Verify "
        "(or 'corrigenda verify') lists every problem.\n\nExport anyway?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def ask_export_unverified(parent: QWidget, exc: NotVerifiedError) -> bool:
    return unverified_box(parent, exc).exec() == QMessageBox.StandardButton.Yes


def unboxed_box(parent: QWidget | None, warning: str) -> QMessageBox:
    text = f"{warning[0].upper()}{warning[1:]}."
    return QMessageBox(QMessageBox.Icon.Warning, "Words without boxes", text, parent=parent)


def warn_unboxed(parent: QWidget, warning: str) -> None:
    unboxed_box(parent, warning).exec()
