"""The image's evidence ranks suggestions, and names without a list are never damaged."""

from __future__ import annotations

from corrigenda.checks import Flagger, build_context
from corrigenda.checks.evidence import doubtful_marks, rerank, support
from corrigenda.checks.ranking import GUESS_SCORE
from corrigenda.model import Document, Evidence, Line, Page, Word
from tests.checks.text_pages import FILLER, by_text, flags_of


def sure(text: str) -> tuple[tuple[tuple[str, float], ...], ...]:
    return tuple(((ch, 0.99),) for ch in text)


def test_no_evidence_means_no_opinion() -> None:
    assert support(None, "bard", "hard") is None
    assert support(Evidence(), "bard", "hard") is None
    assert rerank(None, "bard", ["card", "hard"]) == ("card", "hard")


def test_an_alternative_the_engine_offered_supports_a_substitution() -> None:
    choices = ((("b", 0.5), ("h", 0.45)), *sure("ard"))
    evidence = Evidence(choices=choices)
    assert support(evidence, "bard", "hard") == 0.9  # relative to the engine's first choice
    assert support(evidence, "bard", "card") == 0.0  # the engine never saw a c there
    assert rerank(evidence, "bard", ["card", "hard"]) == ("hard", "card")


def test_another_reading_supports_its_text() -> None:
    evidence = Evidence(readings=(("having", 88.0),))
    assert support(evidence, "haying", "having") == 0.88
    assert rerank(evidence, "haying", ["paying", "having"]) == ("having", "paying")


def test_removing_a_mark_is_backed_by_the_engines_doubt_in_it() -> None:
    evidence = Evidence(choices=(*sure("the"), ((".", 0.3), (",", 0.2))))
    assert abs(support(evidence, "the.", "the") - 0.7) < 1e-9  # type: ignore[operator]
    assert doubtful_marks(evidence, "the.") == [3]
    assert doubtful_marks(Evidence(choices=(*sure("the"), ((".", 0.95),))), "the.") == []
    assert doubtful_marks(evidence, "them") == []  # evidence of another text: no opinion


def document_with(words: list[Word]) -> Document:
    line = Line(1, tuple(words), None, 0, 0)
    filler = Line(2, tuple(Word(i + 20, t) for i, t in enumerate(FILLER.split())), None, 0, 0)
    return Document("t", (Page(1, 1, "p.png", 100, 100, None, (line, filler)),))


def flag_words(words: list[Word]) -> dict[str, object]:
    document = document_with(words)
    context, _ = build_context(document, {}, [])
    return by_text(Flagger(document, context).flag_document())  # type: ignore[return-value]


def test_the_image_reorders_a_flags_suggestions() -> None:
    plain = [Word(i + 1, t) for i, t in enumerate(["it", "was", "very", "harb", "to", "see"])]
    assert flag_words(plain)["harb"].suggestions[:2] == ("hard", "harm")  # type: ignore[attr-defined]
    # The engine hesitated between b and m at the end, never saw a d there.
    choices = (*sure("har"), (("b", 0.5), ("m", 0.48)))
    seen = [*plain[:3], Word(4, "harb", None, 60.0, Evidence(choices=choices)), *plain[4:]]
    flag = flag_words(seen)["harb"]
    assert flag.suggestions[0] == "harm"  # type: ignore[attr-defined]
    assert "hard" in flag.suggestions  # type: ignore[attr-defined]


def test_an_unsupported_suggestion_keeps_its_place_and_score() -> None:
    plain = [Word(i + 1, t) for i, t in enumerate(["it", "was", "very", "harb", "to", "see"])]
    before = flag_words(plain)["harb"]
    # Sure of every letter: the image backs no suggestion, but the engine's alternatives
    # often lack the right letter, so the score stays what the checks made it.
    seen = [*plain[:3], Word(4, "harb", None, 99.0, Evidence(choices=sure("harb"))), *plain[4:]]
    after = flag_words(seen)["harb"]
    assert after.score == before.score  # type: ignore[attr-defined]


def test_a_name_nobody_listed_gets_no_common_word_first() -> None:
    text = f"he telephoned me at Hobe Sound on the coming weekend\n{FILLER}"
    assert "Hobe" not in by_text(flags_of(text))  # clean OCR: a name, most likely
    flags = by_text(flags_of(text, noise=0.1))
    # Without the guard the lexicon's first suggestions were "Home" and "OVERALL".
    assert flags["Hobe"].suggestions == ()
    assert flags["Hobe"].score <= GUESS_SCORE
    heading = by_text(flags_of(f"CONVERSATION BETWEEN W. AVERELL HARRIMAN\n{FILLER}", noise=0.1))
    assert heading["AVERELL"].suggestions == ()
    assert heading["AVERELL"].score <= GUESS_SCORE


def test_a_name_nobody_listed_that_the_document_repeats_is_not_flagged() -> None:
    # Noisy OCR: an unknown capital with no reading stays flagged once ("Clmreh" may be a
    # garbled word), but a form the document repeats is a name ("Hamid" twice).
    once = f"the people of Hamid were at peace\n{FILLER}"
    assert by_text(flags_of(once, noise=0.1))["Hamid"].suggestions == ()
    twice = f"the people of Hamid were at peace\nand Hamid said so\n{FILLER}"
    assert "Hamid" not in by_text(flags_of(twice, noise=0.1))


def test_a_capitalised_word_one_letter_off_a_function_word_gets_it_first() -> None:
    """The sample's heading: "SETWEEN" had no suggestion, guarded as a possible name; the
    closed classes are no one's name. Still a guess for a capital, so not auto-fixed."""
    text = f"MEMORANDUM OF TELEPHONE CONVERSATION SETWEEN W. AVERELL HARRIMAN\n{FILLER}"
    flag = by_text(flags_of(text, noise=0.1))["SETWEEN"]
    assert flag.suggestions[0] == "BETWEEN"
    assert flag.score <= GUESS_SCORE
    # Two letters off ("OVERALL" for "AVERELL") is no such word: still nothing offered.
    assert by_text(flags_of(text, noise=0.1))["AVERELL"].suggestions == ()


def test_a_long_word_of_a_heading_one_letter_off_a_word_gets_it_as_a_guess() -> None:
    text = (
        f"THE BOY APPRENTICED TO AN ENCIANTER\nFIG. 51. WOBKING DRAWING OF HAND STRIPPER\n{FILLER}"
    )
    flags = by_text(flags_of(text, noise=0.1))
    for word, fixed in (("ENCIANTER", "ENCHANTER"), ("WOBKING", "WORKING")):
        assert flags[word].suggestions[0] == fixed
        assert flags[word].score <= GUESS_SCORE
    # In running text such a word may be a name: nothing offered.
    assert (
        by_text(flags_of(f"the boy met Wobking there\n{FILLER}", noise=0.1))["Wobking"].suggestions
        == ()
    )


def test_a_long_word_whose_capital_alone_was_misread_gets_its_word() -> None:
    # "Nassacres": every letter but the capital stands, as a name's would not; a short word
    # ("Hobe") or a rare reading ("Nerces" is no "Terces") is still no such case.
    text = f"the great Nassacres of April and the Nerces of that day\n{FILLER}"
    flags = by_text(flags_of(text, noise=0.1))
    assert flags["Nassacres"].suggestions[0] == "Massacres"
    assert flags["Nassacres"].score <= GUESS_SCORE
    assert "Terces" not in flags["Nerces"].suggestions


def test_a_capital_at_a_sentences_start_may_still_be_a_misread_word() -> None:
    flags = by_text(flags_of(f"It was late. Ihe people of the town slept.\n{FILLER}"))
    assert "The" in flags["Ihe"].suggestions


def test_the_image_may_back_a_common_word_for_a_capitalised_one() -> None:
    choices = (*sure("Ho"), (("b", 0.5), ("m", 0.48)), *sure("e"))
    words = [Word(i + 1, t) for i, t in enumerate(["he", "telephoned", "me", "at"])]
    words += [Word(5, "Hobe", None, 60.0, Evidence(choices=choices)), Word(6, "Sound")]
    hobe = flag_words(words).get("Hobe")
    assert hobe is not None and hobe.suggestions[0] == "Home"  # type: ignore[attr-defined]
