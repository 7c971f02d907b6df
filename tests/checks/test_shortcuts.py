"""The flagger's shortcuts answer as the slow ways they replace (speed, not new behaviour)."""

from __future__ import annotations

from corrigenda.checks.casing import in_capitals
from corrigenda.checks.context import LineContext, page_lines
from corrigenda.model import Line, Page, Word


def _walk_back(line: LineContext, index: int) -> str | None:
    """previous_token as it was: a walk back from the token at each ask."""
    for at in range(index - 1, -1, -1):
        text = line.tokens[at].text
        if at not in line.pending and any(ch.isalnum() for ch in text):
            return text
    return line.previous_word


def _page(*texts: str) -> Page:
    lines = tuple(
        Line(n + 1, tuple(Word(k + 1, w) for k, w in enumerate(t.split())), None, 0, 0)
        for n, t in enumerate(texts)
    )
    return Page(1, 1, "p.png", 10, 10, None, lines)


def test_the_word_before_each_token_is_the_one_a_walk_back_finds() -> None:
    page = _page("“ . Countries -- of the , world", ". ; ’", "and — so on")
    pending = {2: frozenset({0}), 3: frozenset({1, 2})}
    for line in page_lines(page, "before", "after", pending):
        for index in range(-1, len(line.tokens) + 1):
            assert line.previous_token(index) == _walk_back(line, index), (line.text, index)


def test_a_line_in_capitals_is_told_as_by_listing_its_letters() -> None:
    def listed(text: str) -> bool:
        letters = [ch for ch in text if ch.isalpha()]
        return len(letters) >= 6 and all(ch.isupper() for ch in letters)

    for text in (
        "THE FISHERMAN'S SON",
        "THE FISHERMAn",
        "ÉTÉ À PARIS",
        "ÉTÉ À PARïS",
        "ABC",
        "NO. 12 — ŒUVRE",
        "ⓐ ABCDEFG",
        "ǅABCDEF",
        "",
        "12345 678",
        "ABCDEF ß",
    ):
        assert in_capitals(text) == listed(text), text
    line = next(page_lines(_page("THE FISHERMAN'S SON")))
    assert line.all_capitals


def test_one_edit_neighbours_of_a_long_word_are_those_the_lexicon_lists() -> None:
    from corrigenda.checks.lexicon import load_lexicon

    lexicon = load_lexicon()
    letters = lexicon._letters()
    for word in ("govemment", "cornmittee", "tbings", "rnoney", "anyhting", "settiement"):
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = {a + b[1:] for a, b in splits if b}
        edits.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
        edits.update(a + c + b[1:] for a, b in splits if b for c in letters)
        edits.update(a + c + b for a, b in splits for c in letters)
        edits.discard(word)
        slow = [w for w in edits if w in lexicon.counts]
        assert sorted(lexicon.one_edit(word)) == sorted(slow), word


def test_real_word_readings_costed_when_they_fit_cost_what_they_did() -> None:
    from corrigenda.checks.bigrams import load_bigrams
    from corrigenda.checks.folding import confusion_cost
    from corrigenda.checks.lexicon import load_lexicon
    from corrigenda.checks.real_words import TYPICAL_COST, _Readings, candidates

    lexicon = load_lexicon()
    model = load_bigrams(lexicon)
    assert model is not None
    for word in ("he", "arc", "tool", "lad", "tie", "bad", "modem"):
        found = candidates(word, lexicon, model)
        typical = {c for c, t in found if t}
        every = [  # as the check costed them before: each one, up front
            (
                c,
                min(confusion_cost(word, c), TYPICAL_COST)
                if c in typical
                else confusion_cost(word, c),
            )
            for c, _ in found
        ]
        readings = _Readings(word, found)
        assert readings.costed(found[1::2]) == every[1::2]
        assert readings.costed(found) == every
        assert found and [c for c, _ in found] == sorted(c for c, _ in found)


def test_a_page_s_language_is_judged_the_same_from_words_judged_before() -> None:
    from corrigenda.checks import build_context
    from corrigenda.checks.language import foreign
    from corrigenda.model import Document

    english = " ".join(["the house was built of stone and wood by the river"] * 3)
    other = " ".join(["das haus wurde aus stein und holz gebaut am fluss dort"] * 3)
    pages = [
        Page(n, n, f"p{n}.png", 10, 10, None, _page(text).lines)
        for n, text in enumerate([english, other, f"{english} {other}", other], 1)
    ]
    document = Document("d", tuple(pages))
    fresh = []
    for page in pages:  # each in a context of its own: no word judged before
        context = build_context(Document("d", (page,)), {})[0]
        fresh.append(foreign(page, context))
    shared = build_context(document, {})[0]
    assert [foreign(page, shared) for page in pages] == fresh == [False, True, False, True]


def test_flagging_again_with_every_memo_warm_gives_the_same_flags() -> None:
    from corrigenda.checks import Flagger, build_context
    from corrigenda.model import Document

    texts = [
        "the settiement of tbe country was froin the town , and ofthe people 0F it",
        "THE FISHERMAN'S SON . l876 was I4 years ha|t the 5o called wor(d can he seen",
        "and it can he seen from the house ; the arc of the settiement was froin l876",
    ]
    document = Document(
        "d",
        tuple(Page(n, n, "p.png", 10, 10, None, _page(t).lines) for n, t in enumerate(texts, 1)),
    )
    flagger = Flagger(document, build_context(document, {})[0])
    cold = flagger.flag_document()
    assert cold and flagger.flag_document() == cold


def test_a_word_list_folds_at_once_as_word_by_word() -> None:
    from corrigenda.checks.folding import fold, fold_all
    from corrigenda.checks.lexicon import load_lexicon

    words = [*list(load_lexicon().counts)[::50], "Straße", "İstanbul", "ǅemal", "régime",
             "ÉTÉ", "rn|ln!", "cornl1ne", "vvell", "", "a\nb", "ﬁne"]  # fmt: skip
    assert fold_all(words) == [fold(w) for w in words]
    assert fold_all(words[:-2]) == [fold(w) for w in words[:-2]]  # no newline: the fast way
    assert fold_all([]) == []


def test_the_document_s_forms_are_counted_as_word_by_word_in_their_order() -> None:
    from collections import Counter

    from corrigenda.checks.context import core, document_forms, ends_sentence
    from corrigenda.model import Document

    def word_by_word(document: Document) -> tuple[dict[str, Counter[str]], Counter[str]]:
        forms: dict[str, Counter[str]] = {}
        counts: Counter[str] = Counter()
        after_end = True
        for page in document.pages:
            for word in page.words():
                text = core(word.text)
                counts[text] += 1
                if text and not after_end:
                    forms.setdefault(text.casefold(), Counter())[text] += 1
                if any(ch.isalnum() for ch in word.text):
                    after_end = ends_sentence(word.text)
        return forms, counts

    texts = ["The house . And the House, the HOUSE's door", "“ Door ” — And so the door. The"]
    document = Document("d", tuple(Page(n, n, "p.png", 10, 10, None, _page(t).lines)
                                   for n, t in enumerate(texts * 2, 1)))  # fmt: skip
    forms, counts = document_forms(document)
    slow_forms, slow_counts = word_by_word(document)
    assert list(counts.items()) == list(slow_counts.items())
    assert [(k, list(v.items())) for k, v in forms.items()] == [
        (k, list(v.items())) for k, v in slow_forms.items()
    ]


def test_a_token_of_letters_only_has_no_mark_in_it_to_flag() -> None:
    from corrigenda.checks.patterns import punctuation

    # in_word returns at once for letters only: none of its rules can hold there.
    for text in ("settiement", "Harbour", "naïve", "ʼTwas", "ǅemal", "ΑΘΗΝΑ", "İ"):
        assert text.isalpha()
        assert punctuation._DOUBLED_QUOTES.search(text) is None
        assert punctuation._GLUED.match(text) is None
        assert punctuation._INNER_MARK.search(text) is None
        assert text[-1:] not in ".:;"


def test_each_line_s_neighbouring_words_skip_pending_words_and_empty_lines() -> None:
    page = _page("first line here", "note note", "", "and more", "last words")
    pending = {2: frozenset({0, 1}), 4: frozenset({0})}
    lines = list(page_lines(page, "before", "after", pending))
    # line 2 is all pending (a note of its own hand); line 3 has no words; line 4 starts pending
    assert [(c.previous_word, c.next_word) for c in lines] == [
        ("before", "more"),
        ("before", "after"),
        ("here", "more"),
        ("here", "last"),
        ("more", "after"),
    ]


def test_a_form_misreads_a_common_word_as_when_both_searches_were_joined() -> None:
    from corrigenda.checks.folding import confusion_cost
    from corrigenda.checks.lexicon import load_lexicon
    from corrigenda.checks.vocabulary import COMMON, _misreads_common

    lexicon = load_lexicon()

    def joined(form: str) -> bool:
        key = form.casefold()
        near = {*lexicon.folded_twins(key), *lexicon.one_edit(key)}
        floor = lexicon.total * COMMON
        return any(lexicon.frequency(w) > floor and confusion_cost(key, w) <= 1.0 for w in near)

    forms = ["Turlish", "thhe", "coflec", "Dobrynin", "Dobrynim", "Mahommedan", "govemment",
             "tbings", "Harriman", "Averell", "Epwin", "qzxv", "rnoney", "settiement"]  # fmt: skip
    results = [_misreads_common(form, lexicon) for form in forms]
    assert results == [joined(form) for form in forms]
    assert True in results and False in results


def test_the_real_word_readings_that_fit_are_those_the_model_lists() -> None:
    from corrigenda.checks.bigrams import load_bigrams
    from corrigenda.checks.lexicon import load_lexicon
    from corrigenda.checks.real_words import _Readings, candidates

    lexicon = load_lexicon()
    model = load_bigrams(lexicon)
    assert model is not None
    sides = [None, "the", "can", "of", "seen", "it", "was", "house", "zzzz"]
    fitted = 0
    for word in ("he", "arc", "tool", "lad", "tie", "bad", "modem", "cf", "tbe"):
        readings = _Readings(word, candidates(word, lexicon, model))
        for before in sides:
            for after in sides:
                slow = model.fitting(before, after, readings.candidates)
                assert readings.fitting(model, before, after) == slow, (word, before, after)
                fitted += bool(slow)
    assert fitted > 20


def test_the_two_edit_search_answers_as_symspell_s_index_does() -> None:
    import random

    from symspellpy import SymSpell, Verbosity

    from corrigenda.checks.lexicon import load_lexicon

    lexicon = load_lexicon()
    index = SymSpell(max_dictionary_edit_distance=2, prefix_length=5)
    for term, count in lexicon.counts.items():
        if count >= lexicon.index_floor:
            index.create_dictionary_entry(term, count)
    rng = random.Random(9)
    common = sorted(lexicon.counts, key=lexicon.counts.__getitem__, reverse=True)[:40000]
    words = ["", "a", "Thc", "tbe", "q" * 30]
    for _ in range(200):
        word = rng.choice(common)
        for _ in range(rng.choice((1, 2, 3))):
            at, letter = rng.randrange(len(word) + 1), rng.choice("abcdefghijklmnopqrstuvwxyz'")
            edit = rng.choice("sidt")
            if edit == "s":
                word = word[:at] + letter + word[at + 1 :]
            elif edit == "i":
                word = word[:at] + letter + word[at:]
            elif edit == "d":
                word = word[:at] + word[at + 1 :]
            elif at + 1 < len(word):
                word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        words.append(word.capitalize() if rng.random() < 0.3 else word)
    for word in words:
        expected = {item.term for item in index.lookup(word, Verbosity.CLOSEST, 2)}
        assert set(lexicon._lookup(word)) == expected, word
