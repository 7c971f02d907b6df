"""A repeated passage whose copies drift by a word midway is still one passage."""

from __future__ import annotations

from corrigenda.checks.collation import MIN_PASSAGE, _passages


def test_a_copy_that_gains_a_word_midway_stays_one_passage() -> None:
    # The second copy runs 287 words after the first, then 286 after a word it lost: sorted
    # by offset, the later part (286) comes first.
    early = [(j, j + 287) for j in range(100, 120)]
    late = [(j, j + 286) for j in range(121, 140)]
    (passage,) = list(_passages(early + late))
    assert len(passage) == len(early) + len(late)
    assert max(i for _, i in passage) - min(i for _, i in passage) >= MIN_PASSAGE
