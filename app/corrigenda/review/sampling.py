"""Quality-control sampling: review a random share of each transcriber's edits.

A sample draws `percent` of each transcriber's pending edits (at least one when they have
any), with a recorded seed so the draw can be repeated, and records it in the event log. The
summary then shows, per transcriber, the totals over all their edits (approved, rejected,
pending) and, apart from them, how many *sampled* edits the reviewer approved, rejected or
changed (edited the line again): the error rate is the sample's.
"""

from __future__ import annotations

import math
import random
import secrets
from collections import defaultdict
from dataclasses import dataclass

from corrigenda.errors import CorrigendaError
from corrigenda.review.edits import (
    APPROVED,
    PENDING,
    REJECTED,
    REVERT,
    EditFilter,
    EditView,
    list_edits,
)
from corrigenda.store import Project


@dataclass(frozen=True)
class TranscriberQc:
    """One transcriber's line in the quality-control summary."""

    actor: str
    edits: int  # all the transcriber's edits
    sampled: int  # of those, drawn in a QC sample
    approved: int  # sampled and approved (not changed later)
    rejected: int  # sampled and rejected
    changed: int  # sampled edits whose line someone else edited again afterwards
    pending: int  # sampled and not yet decided
    all_approved: int = 0  # over all the transcriber's edits, sampled or not
    all_rejected: int = 0
    all_pending: int = 0
    self_signed: int = 0  # of all the transcriber's edits, signed off by the transcriber

    @property
    def error_rate(self) -> float | None:
        """Share of reviewed sampled edits the reviewer rejected or changed."""
        reviewed = self.approved + self.rejected + self.changed
        return (self.rejected + self.changed) / reviewed if reviewed else None


def draw_sample(project: Project, percent: float, seed: int | None = None) -> list[EditView]:
    """Draw and record a sample of pending, not yet sampled edits; returns the sampled edits."""
    if not 0 < percent <= 100:
        raise CorrigendaError(f"a sample is a percentage above 0 and at most 100, not {percent}")
    seed = secrets.randbits(32) if seed is None else seed
    rng = random.Random(seed)
    by_actor: dict[str, list[EditView]] = defaultdict(list)
    for edit in list_edits(project, EditFilter(states=[PENDING], sampled=False)):
        by_actor[edit.actor].append(edit)
    drawn: list[EditView] = []
    for actor in sorted(by_actor):
        edits = by_actor[actor]
        drawn.extend(rng.sample(edits, max(1, math.ceil(len(edits) * percent / 100))))
    drawn.sort(key=lambda e: e.event_id)
    if drawn:
        project.record_sample([e.event_id for e in drawn], percent, seed)
    return drawn


def qc_summary(edits: list[EditView]) -> list[TranscriberQc]:
    """Per transcriber: edits, sampled, and what the review did with the sampled ones."""
    later_by_other: set[int] = set()
    last_on_line: dict[tuple[int, str], EditView] = {}
    for edit in edits:  # oldest first
        earlier = last_on_line.get(edit.target)
        if earlier is not None and earlier.actor != edit.actor and edit.state != REVERT:
            later_by_other.add(earlier.event_id)
        last_on_line[edit.target] = edit
    rows = []
    actors = sorted({e.actor for e in edits if e.state != REVERT})
    for actor in actors:
        own = [e for e in edits if e.actor == actor and e.state != REVERT]
        sampled = [e for e in own if e.sampled]
        changed = {
            e.event_id for e in sampled if e.event_id in later_by_other and e.state != REJECTED
        }
        rows.append(
            TranscriberQc(
                actor,
                len(own),
                len(sampled),
                approved=sum(e.state == APPROVED and e.event_id not in changed for e in sampled),
                rejected=sum(e.state == REJECTED for e in sampled),
                changed=len(changed),
                pending=sum(e.state == PENDING and e.event_id not in changed for e in sampled),
                all_approved=sum(e.state == APPROVED for e in own),
                all_rejected=sum(e.state == REJECTED for e in own),
                all_pending=sum(e.state == PENDING for e in own),
                self_signed=sum(e.self_signed for e in own),
            )
        )
    return rows
