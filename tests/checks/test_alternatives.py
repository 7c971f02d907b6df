"""What the engine nearly read: letters and stops its per-character alternatives offered."""

from __future__ import annotations

from corrigenda.checks import Flagger, build_context
from corrigenda.checks.alternatives import GUESS_SCORE
from corrigenda.model import Document, Evidence, Line, Page, Word
from tests.checks.text_pages import FILLER

NEARLY = "the engine nearly read"
Choices = tuple[tuple[tuple[str, float], ...], ...]


def sure(text: str) -> Choices:
    return tuple(((ch, 0.95),) for ch in text)


def offering(text: str, at: int, *others: tuple[str, float]) -> Evidence:
    """Evidence for `text`: sure of every character but the one at `at`, where the engine
    also offered `others`."""
    choices = list(sure(text))
    choices[at] = ((text[at], 0.9), *others)
    return Evidence(choices=tuple(choices))


def image_flags(line: str, evidence: dict[str, Evidence]) -> dict[str, tuple[str, ...]]:
    """The image check's flags on `line` (words given evidence by text), by flagged text."""
    words = tuple(Word(i + 1, t, None, 90.0, evidence.get(t)) for i, t in enumerate(line.split()))
    filler = [
        Line(n + 2, tuple(Word(i + 1, t) for i, t in enumerate(FILLER.split())), None, 0, 0)
        for n in range(3)
    ]
    lines = (Line(1, words, None, 0, 0), *filler)
    document = Document("t", (Page(1, 1, "p.png", 100, 100, None, lines),))
    context, _ = build_context(document, {}, [])
    # Merged with other checks' flags on the same word, a flag keeps the image's reason.
    flags = [f for f in Flagger(document, context).flag_document() if NEARLY in f.explanation]
    assert all(f.score <= GUESS_SCORE for f in flags)
    return {f.text: f.suggestions for f in flags}


def test_a_letter_offered_that_makes_a_commoner_word_is_read() -> None:
    # "hame" for "home", "toy" for "boy", "tother" for "bother": the engine offered the letter.
    found = image_flags(
        "he came back to his hame at last",
        {"hame": offering("hame", 1, ("o", 0.6))},
    )
    assert found["hame"][0] == "home"
    found = image_flags(
        "the toy, was there and it did not tother him",
        {"toy,": offering("toy,", 0, ("b", 0.62)), "tother": offering("tother", 0, ("b", 0.55))},
    )
    assert found["toy,"][0] == "boy," and found["tother"][0] == "bother"


def test_a_letter_offered_is_not_read_when_it_makes_a_rarer_word_or_only_a_case() -> None:
    # "has" with "g" offered would be "hag": rarer, so the printed word stands.
    assert image_flags("he has gone", {"has": offering("has", 2, ("g", 0.8))}) == {}
    # "Fig." with "I" offered is the same word in capitals: no reading of its own.
    assert image_flags("see Fig. 4 here", {"Fig.": offering("Fig.", 1, ("I", 0.8))}) == {}
    # Far below the chosen letter: no rival.
    assert image_flags("he came back to his hame", {"hame": offering("hame", 1, ("o", 0.2))}) == {}


def test_a_small_letter_is_never_read_as_a_capital_that_makes_a_name() -> None:
    assert image_flags("the lon was here", {"lon": offering("lon", 0, ("J", 0.9))}) == {}


def test_inside_a_word_an_offered_letter_takes_the_words_case() -> None:
    # "Tue" with "H" offered in the middle: "The", not "THe".
    found = image_flags("Tue day was long", {"Tue": offering("Tue", 1, ("H", 0.85))})
    assert found["Tue"][0] == "The"


def test_an_unknown_word_gets_the_image_reading_the_lexicon_guard_would_drop() -> None:
    # "Jined" capitalised and unknown: the name guard gives no common word first, but the
    # image itself offered the small l.
    found = image_flags("the cloak was Jined with fur", {"Jined": offering("Jined", 0, ("l", 0.6))})
    assert found["Jined"][0] == "lined"


def test_a_comma_the_engine_nearly_read_as_a_stop_before_a_sentence() -> None:
    comma = offering("blow,", 4, (".", 0.8))
    found = image_flags("it was a blow, They had lost", {"blow,": comma})
    assert found["blow,"][0] == "blow."
    # Before a small letter, or a name, the comma stands.
    assert image_flags("it was a blow, they had lost", {"blow,": comma}) == {}
    paris = "it was a blow, Paris had lost and we saw Paris and Paris again"
    assert image_flags(paris, {"blow,": comma}) == {}  # capitalised wherever it stands
    # No stop offered: no reading.
    assert (
        image_flags("it was a blow, They had lost", {"blow,": Evidence(choices=sure("blow,"))})
        == {}
    )
