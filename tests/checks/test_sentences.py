"""Sentence ends and case: commas where sentences ended, a misread I, small capitals."""

from __future__ import annotations

from corrigenda.checks import Flagger, build_context
from corrigenda.checks.sentences import GUESS_SCORE
from corrigenda.model import Document, Line, Page, Word
from tests.checks.text_pages import FILLER, flags_of


def found(text: str) -> dict[str, tuple[tuple[str, ...], float]]:
    return {
        f.text: (f.suggestions, f.score)
        for f in flags_of(f"{text}\n{FILLER}")
        if f.check == "sentences"
    }


def test_a_comma_before_an_ordinary_word_capitalised_was_a_full_stop() -> None:
    text = "they had hardly begun when it came\nand followed blow, Hardly had the day begun"
    suggestions, score = found(text)["blow,"]
    assert suggestions[0] == "blow." and score <= GUESS_SCORE  # read from words, not ink
    names = "we went to Paris and then\nto Rome, Paris was far"
    assert "Rome," not in found(names)  # "Paris" is never lowercase here: a name


def test_a_heading_in_capitals_ends_in_a_stop() -> None:
    texts = [FILLER, "THE CORSET AND THE CRINOLINE,", FILLER]
    lines = tuple(
        Line(n + 1, tuple(Word(i + 1, t) for i, t in enumerate(text.split())), None, 0, n)
        for n, text in enumerate(texts)
    )
    document = Document("t", (Page(1, 1, "p.png", 9, 9, None, lines),))
    flags = Flagger(document, build_context(document, {})[0]).flag_document()
    heading = [f for f in flags if f.text == "CRINOLINE,"]
    assert heading and heading[0].suggestions[0] == "CRINOLINE."


def test_a_lone_letter_where_the_pronoun_reads() -> None:
    assert found("and as J saw them the people")["J"][0] == ("I",)
    assert "J" not in found("see Fig. J and the rest")
    # Tesseract 5 on the development books: after a comma, and at a sentence's start.
    assert found("there is, T think, no parallel")["T"][0] == ("I",)
    assert found("Van and Erzeroum. J also found that")["J"][0] == ("I",)
    assert "J" not in found("the letters of Fig. J show the same")
    assert "T" not in found("and then Mr. T said so")  # a title's stop ends no sentence
    assert "|" not in found("of the prospect. | the next")  # a bar after a sentence: a speck


def test_a_zero_before_a_name_is_the_vocative_o_whatever_mark_ends_the_name() -> None:
    # "your three dreams, 0 King." was missed: the name's stop hid it.
    assert found("the meaning of your three dreams, 0 King. And")["0"][0] == ("O",)
    assert found("I will speak of again, 0 King, and")["0"][0] == ("O",)
    assert "0" not in found("the total was 10, 0 Kings and 3 queens")  # a number among numbers


def test_small_capitals_read_as_capitals_and_small_letters() -> None:
    assert found("the end of THe story was near")["THe"][0][0] == "The"
    # A word in capitals but its last letter is a capital misread (OCRopus's "STUFFINg" in a
    # caption), and so is one in a heading.
    assert found("FIG. 3. THE STUFFINg OF THE SEAT")["STUFFINg"][0][:2] == ("STUFFING", "Stuffing")
    assert found("THE CORSET AND THe CRINOLINE")["THe"][0][0] == "THE"


def test_two_quotation_marks_where_one_belongs() -> None:
    assert found("the people of the nations.”” and the rest")["nations.””"][0] == ("nations.”",)
    assert found("he said ‘“When the day comes")["‘“When"][0] == ("“When",)


def test_commas_read_for_stops_again_and_again_hide_no_sentence_start() -> None:
    # OCR that reads stops as commas makes each sentence's capital look mid-sentence
    # ("way, Strands" twice): a word the document writes in lowercase far more often is
    # still an ordinary word, and the comma before it still a stop.
    lines = [
        "the third under way, Strands run over the first",
        "the fourth under way, Strands are woven as before",
        *["and the strands and more strands in the holes"] * 3,
    ]
    assert found("\n".join(lines))["way,"][0][0] == "way."


def test_a_running_head_or_caption_in_capitals_ends_in_a_stop_inside_a_paragraph() -> None:
    # OCR joined the running head (and its page number) or a caption to the text's
    # paragraph: the comma ending it is still a stop.
    head = found("THE CORSET AND THE CRINOLINE, 25\nclaborately ornamented waistbelts")
    assert head["CRINOLINE,"][0][0] == "CRINOLINE."
    caption = found("AND THE FOURTH UNDER WAY,\nused to keep strands taut")
    assert caption["WAY,"][0][0] == "WAY."
    # A comma inside the capitals, before more words, stays.
    assert "CORSET," not in found("THE CORSET, AND THE CRINOLINE\nand so on")


def test_a_comma_ending_an_abbreviation_was_its_stop() -> None:
    flags = found("strips 1% in, wide and coils of 2oo ft, each as in Fig, 22 of St, Petersburg")
    for token in ("in,", "ft,", "Fig,", "St,"):
        suggestions, score = flags[token]
        assert suggestions[0] == token[:-1] + "." and score <= GUESS_SCORE
    # "in" as a word, a label before words, a title before a lowercase word: commas.
    flags = found("the people who came in, and the Fig, which grew as the St, said")
    assert not {"in,", "Fig,", "St,"} & set(flags)


def test_a_comma_before_a_word_that_opens_sentences_and_is_no_name_was_a_stop() -> None:
    # Once in the document, never lowercase: the counts cannot tell, the word can.
    flags = found("to form any kind of community, Indeed the villagers came")
    assert flags["community,"][0] == ("community.",)
    assert "community," not in found("to form any kind of community, Ahmed the villager came")
