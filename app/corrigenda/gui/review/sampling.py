"""Drawing a quality-control sample without freezing the window.

`draw_sample` lists every pending edit (seconds on a project with 100,000 events), then records
the draw. The listing and the draw run on a worker through a read-only connection whose
`record_sample` only notes what would be recorded; the window's own Project (the one writer)
then records it on the GUI thread. A decision recorded while the worker drew may have made a
drawn edit no longer pending: the draw then starts again from the new state. `QcSampling`
is review mode's side of it: the Quality control tab's Draw button and the recorded event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDoubleSpinBox

from corrigenda.gui.background import Background, Latest
from corrigenda.gui.session import ProjectSession
from corrigenda.review.edits import EditView
from corrigenda.review.sampling import draw_sample
from corrigenda.store import Event, Project
from corrigenda.store.events import REVIEWED_KINDS

# A new edit (or region change) written while the worker drew is merely not in this sample;
# any other event (a decision, a sign-off, a page status, new OCR, a removed page) may
# unsettle the draw.
SETTLED = (*REVIEWED_KINDS, "setting")


@dataclass(frozen=True)
class Draw:
    """A sample drawn on a worker and not recorded yet."""

    edits: list[EditView]
    event_ids: list[int]
    percent: float
    seed: int | None
    head: int  # the last event the draw saw


class _NoteOnly:
    """A read-only Project whose `record_sample` notes the draw instead of writing it."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self.noted: tuple[list[int], float, int] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._project, name)

    def record_sample(self, event_ids: Sequence[int], percent: float, seed: int) -> list[Event]:
        self.noted = (list(event_ids), percent, seed)
        return []


def head_event(project: Project) -> int:
    """The last event's id. The store has no query for it, and reading all 100,000 events to
    learn it took 0.8 s: probe instead, ~2 log2(n) queries that each fetch one row."""

    def beyond(event_id: int) -> bool:
        return next(project.events(after_id=event_id), None) is not None

    low, high = 0, 1  # the head is above low (unless there are no events) and at most high
    while beyond(high):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if beyond(middle) else (low, middle)
    return high if beyond(low) else low


def draw_on_worker(path: Path, percent: float, seed: int | None) -> Draw:
    with Project.open(path, readonly=True) as project:
        head = head_event(project)
        noting = _NoteOnly(project)
        edits = draw_sample(noting, percent, seed)  # type: ignore[arg-type]
    ids, _percent, used_seed = noting.noted or ([], percent, seed)
    return Draw(edits, ids, percent, used_seed, head)


class SampleDrawer(QObject):
    """Draws on a worker; `record` (given by QcSampling) writes on the GUI thread
    to `open_project()`, the window's Project (None once it is closed)."""

    recorded = Signal(int)  # how many edits the sample drew (0: none pending)
    failed = Signal(str)

    def __init__(
        self,
        background: Background,
        open_project: Callable[[], Project | None],
        record: Callable[[Draw], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_project = open_project
        self._record = record
        self._service: Latest[Draw] = Latest(background, self._drawn, self.failed.emit, self)
        self._path: Path | None = None
        self.last_drawn: list[EditView] = []

    @property
    def running(self) -> bool:
        return self._service.running

    def start(self, path: Path, percent: float, seed: int | None = None) -> int:
        self._path = path
        return self._service.start(lambda: draw_on_worker(path, percent, seed))

    def cancel(self) -> None:
        self._service.cancel()  # an answer still on its way is dropped

    def _drawn(self, draw: Draw) -> None:
        project = self._open_project()
        if project is None or project.path != self._path:
            return  # the project was closed (or another opened) while the worker drew
        # Written since the worker read? A decision there can unsettle the draw: draw again.
        if any(e.kind not in SETTLED for e in project.events(after_id=draw.head)):
            self.start(project.path, draw.percent, draw.seed)
            return
        if self._record(draw):
            self.last_drawn = draw.edits
            self.recorded.emit(len(draw.edits))


Decide = Callable[[str, Callable[[Project], list[Event]]], list[Event] | None]


class QcSampling(QObject):
    """Draws a QC sample of the pending edits; records it as a decision (review.decide)."""

    def __init__(
        self,
        percent: QDoubleSpinBox,
        background: Background,
        decide: Decide,
        say: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._percent, self._decide, self.say = percent, decide, say
        self.session: ProjectSession | None = None
        self.sampler = SampleDrawer(
            background,
            lambda: self.session.project if self.session else None,
            self._record_sample,
            self,
        )
        self.sampler.failed.connect(lambda message: self.say(f"sample: {message}"))

    def set_session(self, session: ProjectSession | None) -> None:
        self.session = session
        if session is None:
            self.sampler.cancel()

    def sample(self, percent: float, seed: int | None = None) -> int | None:
        """Draw a QC sample on a worker; `sampler.recorded` says when it is recorded."""
        if self.session is None:
            return None
        self.session.commit_typing()
        self.say("drawing a sample…")
        return self.sampler.start(self.session.path, percent, seed)

    def _record_sample(self, draw: Draw) -> bool:
        """Record a sample drawn on a worker, on the window's Project (the one writer)."""
        if draw.event_ids:
            ids, seed = draw.event_ids, draw.seed or 0
            if self._decide("sample", lambda p: p.record_sample(ids, draw.percent, seed)) is None:
                return False
        self.say(
            f"sampled {len(draw.edits)} edits ({draw.percent:g}% of each transcriber's pending)"
        )
        return True

    def sample_from_panel(self) -> None:
        self.sample(self._percent.value())
