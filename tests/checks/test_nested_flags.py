"""One flag per place: a flag inside a longer one that already mends its words goes."""

from __future__ import annotations

from corrigenda.checks.engine import nested_aside
from corrigenda.checks.flag import Flag
from corrigenda.checks.names import parse_name_list
from tests.checks.text_pages import FILLER, flags_of


def flag(text: str, start: int, kind: str, *suggestions: str) -> Flag:
    return Flag(1, 1, start, start + len(text), text, kind, 0.8, kind, suggestions, 1, 1, kind)


def test_a_word_the_longer_flag_mends_loses_its_own_flag() -> None:
    name = flag("The Sovict Union", 10, "name", "The Soviet Union")
    word = flag("Sovict", 14, "spelling", "Soviet")
    unexplained = flag("Sovict", 14, "spelling")  # no suggestion of its own
    assert nested_aside([name, word]) == [name]
    assert nested_aside([name, unexplained]) == [name]


def test_a_word_the_longer_flag_leaves_as_it_is_keeps_its_flag() -> None:
    name = flag("I.i. Brezhnev", 0, "name", "L.I. Brezhnev")
    other = flag("Brezhnev", 5, "spelling", "Brezhnevs")
    assert nested_aside([name, other]) == [name, other]


def test_a_longer_flag_that_joins_or_splits_words_covers_them_all() -> None:
    joined = flag("to morrow", 0, "hyphenation", "tomorrow")
    part = flag("morrow", 3, "spelling", "marrow")
    assert nested_aside([joined, part]) == [joined]


def test_flags_without_suggestions_or_on_other_pages_cover_nothing() -> None:
    note = flag("fun: fr 20", 0, "handwriting")
    word = flag("fr", 5, "spelling", "for")
    assert nested_aside([note, word]) == [note, word]


def test_a_misread_name_is_one_flag_with_the_listed_form() -> None:
    names = parse_name_list("The Soviet Union\n", "places")
    text = f"{FILLER} The talks with The Sovict Union went well. {FILLER}"
    flags = [f for f in flags_of(text, names=(names,)) if "Sovict" in f.text]
    assert [(f.text, f.suggestions[0]) for f in flags] == [("The Sovict Union", "The Soviet Union")]


def test_only_flags_that_reach_over_a_flag_are_asked_and_the_answer_is_the_same() -> None:
    # A line of thousands of dash-joined words once took minutes: every flag was compared
    # with every other. The flags kept must be those the pair-by-pair rule keeps.
    import random

    from corrigenda.checks.engine import _covers

    rng = random.Random(3)
    text = " ".join(rng.choice(["tbe", "Sovict", "the", "a—b"]) for _ in range(300))
    flags = []
    for _ in range(400):
        start = rng.randrange(len(text) - 20)
        end = start + rng.randrange(1, 20)
        piece = text[start:end]
        readings = rng.choice([(), (piece.upper(),), (piece,), (piece.replace(" ", ""),)])
        kind = rng.choice(["spelling", "name", "confidence"])
        f = flag(piece, start, kind, *readings)
        flags.append(f.__class__(**{**f.__dict__, "score": rng.random()}))
    pairwise = [
        f
        for f in flags
        if not any(
            _covers(o, f) and (not f.suggestions or o.score >= f.score) for o in flags if o is not f
        )
    ]
    assert nested_aside(flags) == pairwise
