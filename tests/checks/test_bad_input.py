"""Bad input for the flags: another language, tables of numbers, huge pages and lists."""

from __future__ import annotations

import random

from corrigenda.checks import Flagger, build_context, parse_name_list
from corrigenda.model import Document
from tests.checks.text_pages import FILLER, page

GERMAN = (
    "Die Würde des Menschen ist unantastbar. Sie zu achten und zu schützen ist Verpflichtung "
    "aller staatlichen Gewalt. Das Deutsche Volk bekennt sich darum zu unverletzlichen und "
    "unveräußerlichen Menschenrechten als Grundlage jeder menschlichen Gemeinschaft, des "
    "Friedens und der Gerechtigkeit in der Welt."
)


def lines_of(words: list[str], per_line: int = 12) -> str:
    return "\n".join(" ".join(words[i : i + per_line]) for i in range(0, len(words), per_line))


def flagger(*texts: str) -> Flagger:
    document = Document("t", tuple(page(t, n + 1) for n, t in enumerate(texts)))
    return Flagger(document, build_context(document, {})[0])


def test_a_page_in_another_language_is_noted_not_flagged_word_by_word() -> None:
    english = "\n".join([FILLER] * 4)
    run = flagger(english, lines_of((GERMAN + " ").split() * 3))
    flags = run.flag_document()
    assert not [f for f in flags if f.page == 2 and f.kind in ("spelling", "real-word")]
    notes = run.notes()
    assert len(notes) == 1 and notes[0].startswith("page 2:") and "lexicon" in notes[0]


def test_a_table_of_numbers_gives_nothing_to_auto_fix() -> None:
    rng = random.Random(7)
    cells = [f"{rng.randint(0, 99999):,}" if rng.random() < 0.8 else "|" for _ in range(600)]
    flags = flagger(lines_of(cells, 10)).flag_document()
    assert not [f for f in flags if f.score > 0.8 and f.suggestions]


def test_a_page_of_twenty_thousand_words_in_one_line_is_flagged() -> None:
    rng = random.Random(3)
    words = [rng.choice([*FILLER.split(), "thhe", "‘speck", "now,."]) for _ in range(20_000)]
    flags = flagger(" ".join(words)).flag_document()
    assert {f.text for f in flags} >= {"thhe", "now,."}


def test_a_long_name_list_is_indexed_and_used() -> None:
    rng = random.Random(5)
    letters = "abcdefghijklmnopqrstuvwxyz"
    names = [
        f"{''.join(rng.choices(letters, k=6)).capitalize()} "
        f"{''.join(rng.choices(letters, k=8)).capitalize()}"
        for _ in range(20_000)
    ]
    listed = parse_name_list("\n".join([*names, "Averell Harriman"]), "big")
    document = Document("t", (page(f"{FILLER} and Averell Harrirnan said {FILLER}"),))
    flags = Flagger(document, build_context(document, {}, [listed])[0]).flag_document()
    assert [f.suggestions[0] for f in flags if f.kind == "name"] == ["Averell Harriman"]
