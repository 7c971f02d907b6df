"""Words keep their boxes when a line is edited (DESIGN.md, "Words keep their boxes")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corrigenda.align import realign_line, tokenize
from corrigenda.model import BBox, Line, Word


def make_line(*texts: str) -> Line:
    words = tuple(
        Word(i + 1, t, BBox(100 * i, 0, 100 * i + 90, 20), 90.0) for i, t in enumerate(texts)
    )
    return Line(1, words, BBox(0, 0, 100 * len(texts), 20))


def test_substituted_word_keeps_its_id_and_box() -> None:
    line = make_line("I.I.", "Brezhnev", "sends")
    new, next_id = realign_line(line, "L.I. Brezhnev sends", 4)
    assert [w.text for w in new.words] == ["L.I.", "Brezhnev", "sends"]
    assert new.words[0].id == 1 and new.words[0].bbox == line.words[0].bbox
    assert new.words[0].conf is None  # a person typed it
    assert new.words[1] == line.words[1]
    assert next_id == 4


def test_split_word_divides_its_box() -> None:
    line = make_line("greetingsand", "congratulations")
    new, next_id = realign_line(line, "greetings and congratulations", 3)
    first, second = new.words[0], new.words[1]
    assert (first.id, second.id) == (1, 3) and next_id == 4
    assert first.bbox and second.bbox
    assert first.bbox.x0 == 0 and second.bbox.x1 == 90 and first.bbox.x1 == second.bbox.x0
    assert new.words[2] == line.words[1]


def test_merged_words_join_their_boxes() -> None:
    line = make_line("Sovi", "et", "Union")
    new, _ = realign_line(line, "Soviet Union", 4)
    assert new.words[0].text == "Soviet"
    assert new.words[0].bbox == BBox(0, 0, 190, 20)
    assert new.words[1] == line.words[2]


def test_inserted_word_has_no_box_and_a_new_id() -> None:
    line = make_line("Mr.", "Carter")
    new, next_id = realign_line(line, "Mr. Jimmy Carter", 3)
    assert new.words[1].text == "Jimmy" and new.words[1].bbox is None and new.words[1].id == 3
    assert next_id == 4


tokens = st.lists(st.text(alphabet="abcIL1.", min_size=1, max_size=5), max_size=8)


@given(old=tokens, new=tokens)
def test_realign_keeps_text_order_and_unique_ids(old: list[str], new: list[str]) -> None:
    line = make_line(*old)
    result, next_id = realign_line(line, " ".join(new), len(old) + 1)
    assert [w.text for w in result.words] == tokenize(" ".join(new))
    ids = [w.id for w in result.words]
    assert len(ids) == len(set(ids))
    assert all(i < next_id for i in ids)
    # a word whose text did not change is the same word, box and all
    old_by_id = {w.id: w for w in line.words}
    for word in result.words:
        if word.id in old_by_id and old_by_id[word.id].text == word.text:
            assert old_by_id[word.id].bbox is not None
