"""The export history of some pages reads only those pages' events (exporting PAGE, one
document per page, was quadratic in the pages when each page scanned every event)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corrigenda.formats.history import history
from corrigenda.store import Event, Project


def test_history_of_one_page_reads_only_its_events(
    ocred_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(ocred_sample, readonly=True) as project:
        pages = project.document().pages
        read: list[Event] = []
        events = project.events

        def counting(*args: Any, **kwargs: Any) -> Iterator[Event]:
            for event in events(*args, **kwargs):
                read.append(event)
                yield event

        monkeypatch.setattr(project, "events", counting)
        past = history(project, [pages[1]])
    assert read and {event.page for event in read} == {pages[1].id}
    assert len(past.ocr) == 1 and past.ocr[0].time is not None
