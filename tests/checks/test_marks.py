"""Punctuation and case from specks: quotes out of balance, doubled marks, clause ends, case."""

from __future__ import annotations

from corrigenda.checks import Flag, Flagger, build_context
from corrigenda.checks.marks import _unbalanced
from corrigenda.model import Document, Evidence, Line, Page, Word
from tests.checks.test_evidence import flag_words, sure
from tests.checks.text_pages import FILLER, by_text, flags_of


def marks(text: str) -> dict[str, tuple[str, ...]]:
    return {f.text: f.suggestions for f in flags_of(f"{text}\n{FILLER}") if f.check == "marks"}


def test_a_quote_opened_mid_paragraph_and_never_closed_is_a_speck() -> None:
    found = _unbalanced("the people of the ‘town said that it was so.")
    assert found == [(18, "", "a quotation mark never closed in its paragraph (a speck?)")]
    assert _unbalanced("“A quotation that runs on into the next paragraph") == []
    assert _unbalanced("he said “go home” and left; the nations’ wish") == []


def test_a_single_quote_closed_by_a_double_one_was_a_double_quote() -> None:
    assert _unbalanced("he said ‘go home” and left") == [
        (8, "“", "‘ closed by ”: a double quote misread")
    ]


def test_a_closing_quote_after_a_letter_that_nothing_opened_is_a_speck() -> None:
    assert [at for at, _, _ in _unbalanced("and went away with’ the rest")] == [18]
    assert _unbalanced("the end of the matter.” Then he left") == []  # a quote opened before


def test_doubled_marks_keep_one() -> None:
    assert marks("he was there now,. and then")["now,."][:2] == ("now.", "now,")
    assert "III.," not in marks("the daughter of Edward III., the subject")


def test_no_sentence_ends_on_an_article() -> None:
    assert marks("he saw the. people of the town")["the."][0] == "the"
    # Not even before a capital (the "the." mid-sentence); "his" or "of" may end one.
    assert marks("we talked. Then the. President said")["the."][0] == "the"
    assert "his." not in marks("it was his. The end came")
    assert "of." not in marks("he alone knew of. And so")
    assert marks("he gave it to a, man of the town")["a,"] == ("a",)
    assert "of." not in marks("a star that he alone knew of. And when")


def test_a_comma_before_a_sentence_start_was_a_full_stop() -> None:
    assert marks("it was late in the day, The people went home")["day,"][0] == "day."


def test_a_capital_mid_sentence_the_document_writes_lowercase() -> None:
    text = "they had no opportunity to go\nand when neither chance nor Opportunity can help"
    assert marks(text)["Opportunity"] == ("opportunity",)
    assert "Germany" not in marks("Russia, France, and Germany combined to secure it")


def test_a_mark_the_engine_doubted_is_flagged_for_removal() -> None:
    words = [Word(i + 1, t) for i, t in enumerate(["we", "saw", "the"])]
    choices = (*sure("people"), ((".", 0.35), (",", 0.2)))
    words += [Word(4, "people.", None, 80.0, Evidence(choices=choices)), Word(5, "of")]
    words += [Word(6, "the"), Word(7, "town")]
    flag = flag_words(words)["people."]
    assert flag.suggestions[0] == "people"  # type: ignore[attr-defined]
    assert "unsure" in flag.explanation  # type: ignore[attr-defined]
    confident = Word(4, "people.", None, 99.0, Evidence(choices=sure("people.")))
    again = flag_words([*words[:3], confident, *words[4:]]).get("people.")
    assert again is None or "unsure" not in again.explanation  # type: ignore[attr-defined]


def test_a_clause_mark_set_apart_belongs_to_its_word() -> None:
    flags = {f.text: f for f in flags_of(f"the people of the town say ; and the rest\n{FILLER}")}
    assert flags["say ;"].suggestions[0] == "say;"
    doubled = {f.text: f for f in flags_of(f"he said ‘‘ Young men of the town\n{FILLER}")}
    assert doubled["‘‘ Young"].suggestions[0] == "“Young"


def test_a_capitalised_function_word_after_a_comma_starts_a_sentence() -> None:
    assert marks("for this helpless race, Are they not the people")["race,"][0] == "race."
    flags = flags_of(f"for this helpless race, Are they not the people\n{FILLER}")
    assert not [f for f in flags if f.text == "Are"]  # the comma was misread, not the case


def test_a_comma_inside_a_paragraphs_last_line_is_judged_too() -> None:
    # The last line of a page (or of a paragraph): only its last word has no next sentence
    # to judge by; a comma inside it still stands before one ("grade, They indicate").
    flags = by_text(flags_of(f"{FILLER}\nin the eighth grade, They indicate the work"))
    assert flags["grade,"].suggestions[0] == "grade."


def test_a_full_stop_lost_before_a_sentence_start() -> None:
    assert marks("it was late in the day The people went home")["day"][0] == "day."
    assert "I" not in marks("and then I went home")


def test_a_star_between_two_words_is_a_speck_for_a_space() -> None:
    assert marks("and if*he could come")["if*he"] == ("if he",)
    assert marks("he wrote to Mr.*Carter. and")["Mr.*Carter."] == ("Mr. Carter.",)
    assert "a*b" not in marks("the product a*b of the two")


def test_only_marks_at_a_words_edges_count_as_doubted() -> None:
    from corrigenda.checks.evidence import doubtful_marks

    unsure = ((("—", 0.76),),)
    inside = Evidence(choices=(*sure("Soviet"), *unsure, *sure("US")))
    assert doubtful_marks(inside, "Soviet—US") == []
    edge = Evidence(choices=((("‘", 0.81), ("“", 0.5)), *sure("by")))
    assert doubtful_marks(edge, "‘by") == [0]


def test_quotes_set_apart_join_the_word_they_belong_to() -> None:
    flags = {f.text: f for f in flags_of(f"the so-called the '' Liberal Turks came\n{FILLER}")}
    assert flags["'' Liberal"].suggestions[0] == "“Liberal"  # no quotation closes on "the"
    speck = {f.text: f for f in flags_of(f"the limitation « of arms was agreed\n{FILLER}")}
    assert speck["« of"].suggestions[0] == "of"  # a quotation seldom opens on "of"


def test_garbage_keeps_the_case_and_the_sentences_stop() -> None:
    flags = {f.text: f for f in flags_of(f"{FILLER} the A1men1an F01 the oppr.essor The end")}
    assert flags["A1men1an"].suggestions[0] == "Armenian"
    assert flags["F01"].suggestions[0] == "For"
    assert flags["oppr.essor"].suggestions[0] == "oppressor."


def test_digits_between_words_read_as_the_letters_they_were() -> None:
    flags = {f.text: f for f in flags_of(f"they stand there 111 mute and 011 the\n{FILLER}")}
    assert flags["111"].suggestions == ("in",) and flags["111"].score < 0.8
    assert flags["011"].suggestions == ("on",)
    assert "111" not in {f.text for f in flags_of(f"as we saw on page 111 and then\n{FILLER}")}


def test_a_stop_or_comma_glued_to_a_words_start_is_a_speck() -> None:
    flags = {f.text: f for f in flags_of(f"{FILLER} with .due regard to .Carter and ,the rest")}
    assert flags[".due"].suggestions[0] == "due" and flags[".due"].kind == "punctuation"
    assert flags[".Carter"].suggestions[0] == "Carter"
    assert flags[",the"].suggestions[0] == "the"
    # A number, an ellipsis and a name that starts with a stop are no specks.
    assert not [f for f in flags_of(f"{FILLER} some .5 inches ... then .NET") if f.text[0] == "."]


def test_two_words_glued_by_an_apostrophe_are_parted() -> None:
    flags = {f.text: f for f in flags_of(f"{FILLER} we went'round and’the company'oF men")}
    assert flags["went'round"].suggestions[0] == "went round"
    assert flags["and’the"].suggestions[0] == "and the"
    assert flags["company'oF"].suggestions[0] == "company of"
    # Contractions, possessives and elisions keep their apostrophe.
    text = f"{FILLER} don't o'clock John's the nations’ men ne'er"
    assert not [f for f in flags_of(text) if f.kind == "punctuation"]


def test_an_apostrophe_inside_a_word_closes_no_quotation() -> None:
    text = "at last. ‘Time passed on, and the Pasha’s men came back to the town"
    assert [(text[at], why) for at, _fix, why in _unbalanced(text)] == [
        ("‘", "a quotation mark never closed in its paragraph (a speck?)")
    ]


def test_small_capitals_read_as_small_letters_are_put_back_in_capitals() -> None:
    flags = {
        f.text: f for f in flags_of(f"{FILLER}\nWEAVING oF CANE AND STRAW\nthe wEAVING of cane")
    }
    assert flags["oF"].suggestions[0] == "OF"  # in a heading
    assert flags["wEAVING"].suggestions[:2] == ("WEAVING", "weaving")  # mostly capitals
    assert flags_of(f"{FILLER} the tOWn was quiet")[0].suggestions[0] == "town"


def test_a_lone_i_reads_as_the_words_around_it_say() -> None:
    first = {f.text: f.suggestions[0] for f in flags_of(f"{FILLER} and then i went home")}
    assert first["i"] == "I"
    assert by_text(flags_of(f"{FILLER} the people i the town"))["i"].suggestions[0] == "in"


def test_an_acronym_glued_to_a_word_is_parted_not_respelled() -> None:
    # "CPSU.as" was respelled "Casual": the acronym is no word the lexicon knows.
    text = f"{FILLER} the Central Committee of the CPSU.as well as the Government {FILLER}"
    flag = by_text(flags_of(text))["CPSU.as"]
    assert flag.suggestions[0] == "CPSU as"


def test_a_bar_ending_a_line_with_no_table_is_a_speck() -> None:
    # The sample read "AVERELL HARRIMAN |" (a speck after the name) and nothing flagged it:
    # "|" alone was always taken for a table's rule.
    flags = by_text(flags_of("CONVERSATION BETWEEN W. AVERELL HARRIMAN |\nAND AMBASSADOR"))
    assert flags["|"].kind == "punctuation" and flags["|"].suggestions == ("",)
    assert "|" not in by_text(flags_of("| 12 | 13 |"))  # a table's row: rules between cells
    # Before a lowercase word it is the pronoun, here or starting the next line.
    assert by_text(flags_of("he said that |\nwas there."))["|"].suggestions == ("I",)


def test_a_doubled_hyphen_in_a_compound_written_with_one_keeps_one() -> None:
    # The sample read "Soviet--US" beside seven "Soviet-US", and "non--proliferation.".
    text = (
        "the friendly Soviet-US relations and the Soviet-US talks\n"
        "and of Soviet--US relations, the regime of non--proliferation.\n"
        "And this--and that, so on--though not here"
    )
    flags = by_text(flags_of(text))
    assert flags["Soviet--US"].suggestions == ("Soviet-US",)
    assert flags["non--proliferation."].suggestions == ("non-proliferation.",)
    assert flags["Soviet--US"].score > flags["non--proliferation."].score  # printed beats known
    assert "this--and" not in flags and "on--though" not in flags  # a typist's dash


def test_a_token_wrong_in_its_marks_and_its_word_gets_both_repairs_first() -> None:
    flags = by_text(flags_of(f"{FILLER}\nand he drank the coflec!'' and\n{FILLER}"))
    assert flags["coflec!''"].suggestions[0] == "coffee!”"
    # A capitalised word may be a name: its reading is a guess, the marks' repair stays first.
    flags = by_text(flags_of(f"{FILLER}\nand the boy said Vartan.'' to\n{FILLER}"))
    assert flags["Vartan.''"].suggestions[0] == "Vartan.”"


def test_a_tilde_alone_is_a_speck_before_it_is_a_dash() -> None:
    # "the settlement of ~" (a speck ending a line) was offered "-" first.
    flags = by_text(flags_of(f"{FILLER} the United States in the settlement of ~\n{FILLER}"))
    assert flags["~"].suggestions == ("", "-")
    assert by_text(flags_of(f"{FILLER} the talks -- \n{FILLER}")).get("--") is None  # a dash
    dashes = by_text(flags_of(f"{FILLER} the talks ——— went on {FILLER}"))
    assert dashes["———"].suggestions[0] == "-"


def _paragraphs(*paragraphs: str) -> list[Flag]:
    """The flags of one page whose paragraphs are these (lines split at newlines)."""
    lines = []
    for n, text in enumerate(paragraphs):
        for raw in text.splitlines():
            words = tuple(Word(i + 1, t) for i, t in enumerate(raw.split()))
            lines.append(Line(len(lines) + 1, words, None, 0, n))
    document = Document("t", (Page(1, 1, "p1.png", 100, 100, None, tuple(lines)),))
    context, _ = build_context(document, {})
    return Flagger(document, context).flag_document()


def test_a_quotation_opened_in_the_pages_last_paragraph_may_close_overleaf() -> None:
    # Book pages ending "that “instead of a girdle there should be a" were flagged: the
    # quotation closes on the next page.
    def unclosed(*paragraphs: str) -> list[Flag]:
        return [f for f in _paragraphs(*paragraphs) if "never closed" in f.explanation]

    first = f"{FILLER}\nand so it was."
    runs_on = "he held, that “instead of a girdle\nthere should be a"
    assert unclosed(first, runs_on, "12") == []  # a page number below it is no text
    finished = "he held, that “instead of a girdle\nthere should be a rope."
    assert [f.text for f in unclosed(first, finished)] == ["“"]
    # Not the page's last paragraph, or opened far up it: it had lines to close in.
    assert [f.text for f in unclosed(runs_on, first)] == ["“"]
    far_up = "he held, that “instead of a girdle\nthere should\nbe some\nthing like a"
    assert [f.text for f in unclosed(first, far_up)] == ["“"]


def test_a_paragraph_below_a_title_in_capitals_starts_a_sentence() -> None:
    # The sample's "ambassador Dobrynin telephoned me" below its two-line title was missed:
    # only a paragraph after a finished sentence was judged.
    title = (
        "MEMORANDUM OF TELEPHONE CONVERSATION BETWEEN W. AVERELL HARRIMAN\n"
        "AND AMBASSADOR DOBRYNIN, HOBE SOUND, FLORIDA, NOVEMBER 19, 1976"
    )
    body = "ambassador Dobrynin telephoned me at Hobe Sound on"
    found = [f for f in _paragraphs(title, body) if f.text == "ambassador"]
    assert [f.suggestions for f in found] == [("Ambassador",)]
    # Below a one-line heading (a running head, a caption) the text may run on.
    assert not [f for f in _paragraphs("THE ARMENIAN QUESTION", body) if f.text == "ambassador"]
