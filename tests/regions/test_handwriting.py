"""Finding handwriting: notes in the margin or in blank space are proposed as regions, the
typed body is not, and the sample's four notes are found and kept out of its body lines."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from corrigenda.cli import main
from corrigenda.evaluation import score
from corrigenda.model import BBox, Line, Page, Word
from corrigenda.regions.body import body_of
from corrigenda.regions.handwriting import propose
from corrigenda.regions.ink import unread_ink
from corrigenda.store import LineEdit, Project, Source

PITCH, HEIGHT, STEP, LEFT = 30, 36, 75, 300


def _typed(line_id: int, text: str, row: int, first_word: int) -> Line:
    words, x = [], LEFT
    for i, token in enumerate(text.split()):
        box = BBox(x, 300 + row * STEP, x + PITCH * len(token), 300 + row * STEP + HEIGHT)
        words.append(Word(first_word + i, token, box, 95.0))
        x += PITCH * (len(token) + 1)
    return Line(line_id, tuple(words), BBox.enclosing([w.bbox for w in words]), 1, row // 6)


def _page(extra: list[Line] | None = None) -> Page:
    text = "the quick brown foxes jumped over lazy dogs while typing memoranda"
    lines = [_typed(n + 1, text, n, 100 * (n + 1)) for n in range(12)]
    return Page(1, 1, "p.png", 2550, 3300, 300, tuple(lines + (extra or [])))


def _spliced(page: Page) -> Page:
    """Two scribbled words spliced onto typed line 3, in the right margin."""
    line = page.lines[2]
    assert line.bbox is not None
    y = line.bbox.y0
    scribble = (
        Word(901, "fy", BBox(2290, y - 10, 2330, y + 60), 40.0),
        Word(902, "Hathinan,", BBox(2340, y - 12, 2520, y + 50), 21.0),
    )
    lines = list(page.lines)
    lines[2] = Line(line.id, line.words + scribble, line.bbox.union(scribble[1].bbox), 1, 0)  # type: ignore[arg-type]
    return Page(1, 1, "p.png", 2550, 3300, 300, tuple(lines))


def test_a_typed_page_has_no_handwriting() -> None:
    assert propose(_page()) == []


def test_margin_words_spliced_onto_a_typed_line_are_proposed() -> None:
    (found,) = propose(_spliced(_page()))
    assert set(found.words) == {901, 902}
    assert found.box.x0 > 2260 and "right margin" in found.reason
    assert found.lines == (3,)


def test_a_line_of_scribble_in_blank_space_is_proposed() -> None:
    y = 300 + 12 * STEP + 40
    scribble = Line(
        50,
        (
            Word(951, "Mal,", BBox(450, y, 540, y + 70), 44.0),
            Word(952, "thexther", BBox(560, y - 5, 700, y + 62), 0.0),
        ),
        BBox(450, y - 5, 700, y + 70),
        2,
        0,
    )
    (found,) = propose(_page([scribble]))
    assert set(found.words) == {951, 952}


def test_unread_ink_is_proposed_and_a_dropped_page_number_is_not() -> None:
    note = BBox(1500, 120, 1700, 210)
    page_number = BBox(1230, 3000, 1320, 3040)
    found = propose(_page(), [note, page_number])
    assert [p.reason for p in found] == ["ink OCR left unread"]
    assert found[0].box.x0 <= note.x0 and found[0].box.y1 >= note.y1


def test_a_page_all_handwriting_is_proposed_whole_with_a_reason() -> None:
    lines = tuple(
        Line(n, (Word(n, "scrawl", BBox(400, 300 + 80 * n, 600, 360 + 80 * n), 30.0),))
        for n in range(1, 6)
    )
    (found,) = propose(Page(1, 1, "p.png", 2550, 3300, 300, lines))
    assert "handwritten throughout" in found.reason
    assert set(found.words) == {1, 2, 3, 4, 5}


@pytest.mark.slow
def test_the_samples_notes_are_found_and_kept_out_of_the_body(
    ocred_sample: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["regions", str(ocred_sample), "--find", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [p["page"] for p in found] == [1, 1, 2, 3]  # "original", the routing note,
    top, routing, margin, oral = (p["box"] for p in found)  # "Delivered ...", "Oral."
    assert top[3] < 330 and routing[1] > 1000 and margin[0] > 2250 and oral[2] < 700
    assert main(["flag", str(ocred_sample), "--kinds", "handwriting", "--json"]) == 0
    flags = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    # Asked for by kind, the ink OCR left unread ("original") is proposed too, in page order.
    assert [f["box"] for f in flags] == [top, routing, margin, oral]
    assert flags[0]["text"] == "" and "unread" in flags[0]["explanation"]

    assert main(["regions", str(ocred_sample), "--find", "--accept"]) == 0
    assert main(["verify", str(ocred_sample)]) == 0
    with Project.open(ocred_sample, readonly=True) as project:
        for info in project.pages():
            page = project.page(info.id)
            body = [line for line in page.lines if line.region is None]
            # No word of the body in the right margin: nothing spliced is left.
            assert all(w.bbox is None or w.bbox.x1 < 2280 for line in body for w in line.words)
            truth = (sample_dir / f"{Path(info.name).stem}.gt.txt").read_text(encoding="utf-8")
            typed = "\n".join(ln for ln in _unstarred(truth))
            text = "\n".join(line.text for line in body)
            assert score(text, typed).cer < 0.03, info.name


@pytest.mark.slow
def test_a_name_in_a_transcribed_note_is_checked_against_the_name_list(
    ocred_sample: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The routing note made a region, its first line typed as written on the page.
    assert main(["regions", str(ocred_sample), "--find", "--accept", "--page", "1"]) == 0
    with Project.open(ocred_sample) as project:
        info = project.pages()[0]
        page = project.page(info.id)
        note = next(r for r in page.regions if r.bbox and r.bbox.y0 > 1000)
        first = next(line for line in page.lines if line.region == note.id)
        typed = "From: Nov 20 - 76 J. Brezhnev to Mr. Carter, hand"
        project.write_lines([LineEdit(info.id, first.id, first.text, typed)], Source("keyboard"))
    capsys.readouterr()
    names = str(sample_dir.parent / "names.txt")
    assert main(["flag", str(ocred_sample), "--names", names, "--json"]) == 0
    flags = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    (flag,) = [f for f in flags if f["text"] == "J. Brezhnev" and f["page"] == 1]
    assert flag["kind"] == "name" and flag["suggestions"][0] == "L.I. Brezhnev"


def _unstarred(truth: str) -> list[str]:
    """The ground truth's typed lines: the *...* notes left out."""
    out, inside = [], False
    for line in truth.splitlines():
        if line.startswith("*"):
            inside = True
        if not inside:
            out.append(line)
        if inside and line.endswith("*"):
            inside = False
    return out


def test_a_page_of_a_few_typed_words_is_not_taken_for_handwriting() -> None:
    page = _page()
    short = Page(1, 1, "p.png", 2550, 3300, 300, page.lines[:1])  # nine sure words
    assert propose(short) == []


PROSE = (
    "it was the custom of the ladies of that period to wear their hair in long plaits "
    "bound with ribbons of silk and gold while the gentlemen of the court affected short "
    "cloaks of velvet lined with fur and edged with embroidery of the richest description"
)


def _typeset_page() -> Page:
    """A printed book page: proportional type justified to a column (word widths per letter
    vary a little, the spaces stretch line by line), a heading in larger capitals, a line of
    small caps OCR read unsurely, and a rule beside the column read as "|"."""
    text = PROSE.split()
    lines: list[Line] = [
        Line(
            1,
            tuple(
                Word(1 + i, w, BBox(600 + 260 * i, 200, 600 + 260 * i + 38 * len(w), 262), 95.0)
                for i, w in enumerate(["THE", "CHILD", "OF", "THE"])
            ),
            None,
            0,
            0,
        )
    ]
    width, n = 1400, 0
    for row in range(16):
        tokens = [text[(row * 7 + i) % len(text)] for i in range(8)]
        widths = [
            21.0 * len(t) * (0.82 + 0.36 * ((n + i) * 7 % 11) / 10) for i, t in enumerate(tokens)
        ]
        gap = (width - sum(widths)) / (len(tokens) - 1)
        x, y, words = 200.0, 320 + 52 * row, []
        for i, (t, w) in enumerate(zip(tokens, widths)):
            conf = 62.0 if row == 9 else 95.0  # small caps: OCR unsure of a whole line
            words.append(
                Word(
                    1000 + n + i,
                    t.upper() if row == 9 else t,
                    BBox(round(x), y, round(x + w), y + 36),
                    conf,
                )
            )
            x += w + gap
        if row == 4:
            words.append(Word(5000, "|", BBox(1640, y - 4, 1643, y + 40), 65.0))
        n += len(tokens)
        lines.append(Line(row + 2, tuple(words), None, 1, row // 5))
    return Page(1, 1, "book.png", 1800, 2400, 300, tuple(lines))


def test_a_typeset_page_without_notes_has_no_handwriting() -> None:
    # Proportional type is on no typewriter's grid or pitch; its headings are taller and its
    # small caps read unsurely: none of that is a second hand.
    assert propose(_typeset_page()) == []


def test_a_single_line_read_unsurely_is_not_handwritten_throughout() -> None:
    # A line image (UW-III's, read with --psm 7) has no body to compare with and no page.
    line = Line(
        1,
        tuple(
            Word(i + 1, t, BBox(20 + 180 * i, 10, 160 + 180 * i, 60), 55.0)
            for i, t in enumerate(["Tlie", "rnethod", "of", "mcasurement"])
        ),
        None,
        0,
        0,
    )
    assert propose(Page(1, 1, "line.png", 900, 80, 300, (line,))) == []


# Book pages that were flagged most (whole typeset lines taken for handwriting: off a
# "typewriter's grid" proportional type never had), from three of the seven books, and a few
# UW-III line images (read one line each, --psm 7).
BOOK_PAGES = ("e050.png", "f034.png", "j051.png")
UW3_LINES = ("010001.bin.png", "010002.bin.png", "010003.bin.png", "010005.bin.png")


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.tesseract
@pytest.mark.parametrize(
    ("folder", "names", "psm"),
    [("oldbooks-pages/images", BOOK_PAGES, "3"), ("uw3-lines/lines", UW3_LINES, "7")],
)
def test_printed_pages_and_line_images_get_no_handwriting_flag(
    shared_data: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    folder: str,
    names: tuple[str, ...],
    psm: str,
) -> None:
    images = tmp_path / "images"
    images.mkdir()
    for name in names:
        (images / name).write_bytes((shared_data / folder / name).read_bytes())
    path = str(tmp_path / "p.corrigenda")
    assert main(["new", path, str(images), "--psm", psm]) in (0, 5)
    assert main(["ocr", path]) == 0
    capsys.readouterr()
    assert main(["flag", path, "--kinds", "handwriting", "--json"]) == 0
    assert capsys.readouterr().out.strip() == ""


def test_a_printed_pages_figure_and_a_frame_round_the_text_are_not_notes() -> None:
    figure = BBox(300, 1300, 1500, 2000)  # an engraving below the text
    frame = BBox(150, 150, 1700, 1250)  # a ruled border round the text block
    assert propose(_typeset_page(), [figure, frame]) == []
    # On a typewritten page a frame round the typing is no note either.
    assert propose(_page(), [BBox(250, 250, 2400, 1300)]) == []


def test_dust_scattered_over_blank_paper_is_no_unread_ink() -> None:
    image = Image.new("L", (1200, 800), 255)
    draw = ImageDraw.Draw(image)
    for x in range(300, 800, 45):  # specks of a 1-bit scan, a few pixels each
        for y in (300, 340, 395):
            draw.rectangle((x + y % 7, y, x + y % 7 + 3, y + 3), fill=0)
    assert unread_ink(image, [], 20, 40) == []
    for x in range(300, 800, 12):  # a pen's line of writing over the same stretch
        draw.line((x, 560, x + 8, 610), fill=0, width=3)
    (blob,) = unread_ink(image, [], 20, 40)
    assert blob.y0 >= 540 and blob.x0 <= 310


def test_ocr_imported_without_confidences_is_not_handwritten_throughout() -> None:
    # OCRopus's hOCR gives no confidences: its words are not unsure, so no page of them is
    # proposed whole as handwriting (every oldbooks page was).
    page = _typeset_page()
    bare = tuple(
        Line(line.id, tuple(Word(w.id, w.text, w.bbox, None) for w in line.words), None, 1, 0)
        for line in page.lines
    )
    assert propose(Page(1, 1, "book.png", 1800, 2400, 300, bare)) == []


def _flags_of(page: Page) -> list:  # type: ignore[type-arg]
    from corrigenda.checks import Flagger, build_context
    from corrigenda.model import Document

    document = Document("t", (page,))
    context, _ = build_context(document, {}, ())
    return Flagger(document, context).flag_document()


def _note_after_typed_line() -> Page:
    """A typed page whose line 3 ends a sentence, then a scribbled note below all the typing
    whose words a spelling or case check would 'correct' ("fun: fr"), and spliced words."""
    page = _spliced(_page())
    lines = list(page.lines)
    last = lines[-1]
    words = tuple(
        Word(w.id, w.text + ("." if i == len(last.words) - 1 else ""), w.bbox, w.conf)
        for i, w in enumerate(last.words)
    )
    lines[-1] = Line(last.id, words, last.bbox, last.block, last.paragraph)
    y = 300 + 12 * STEP + 80
    scribble = [("fun:", 45.0), ("fr", 40.0), ("Mal,", 30.0), ("hatd", 50.0)]
    note, x = [], 420
    for i, (text, conf) in enumerate(scribble):
        note.append(Word(990 + i, text, BBox(x, y - 8 * (i % 2), x + 55 * len(text), y + 70), conf))
        x += 55 * len(text) + 60
    lines.append(Line(99, tuple(note), BBox.enclosing([w.bbox for w in note]), 2, 9))
    return Page(1, 1, "p.png", 2550, 3300, 300, tuple(lines))


def test_a_proposed_note_carries_no_text_suggestion_and_is_not_checked_as_typing() -> None:
    page = _note_after_typed_line()
    proposals = propose(page)
    assert {99, 3} <= {line for p in proposals for line in p.lines}
    flags = _flags_of(page)
    hand = [f for f in flags if f.kind == "handwriting"]
    assert hand and all(f.suggestions == () and "box" in f.extra for f in hand)
    note_words = {"fun:", "fr", "Mal,", "hatd", "fy", "Hathinan,"}
    others = [f for f in flags if f.kind != "handwriting"]
    # No spelling, case or punctuation flag on the note's words, nor on the typed word
    # before them ("memoranda." is no full stop "before a lowercase word").
    assert not [f for f in others if set(f.text.split()) & note_words], others
    assert not [f for f in others if f.text.startswith("memoranda")], others
    # `fix --accept-above` never applies a proposal as text.
    from corrigenda.checks.flag_decisions import best_first_suggestions

    assert not [f for f, _ in best_first_suggestions(flags, 0.0) if f.kind == "handwriting"]


def _read_poorly(page: Page) -> Page:
    """The page as a clean-up variant that did not suit it reads it: every other typed line
    read unsurely, and on some of those words garbled (shorter than their ink: off the pitch)."""
    lines = []
    for line in page.lines:
        words = []
        for i, word in enumerate(line.words):
            garbled = line.id % 4 == 0 and i % 2 == 0
            text = word.text[:2] + "." if garbled else word.text
            unsure = line.id % 2 == 0
            words.append(replace(word, text=text, conf=20.0 if unsure else word.conf))
        lines.append(replace(line, words=tuple(words)))
    return replace(page, lines=tuple(lines))


def _typed_above(line_id: int, text: str, y: int) -> Line:
    """A typed line OCR left out of the body, above it (a title), read unsurely."""
    line = _typed(line_id, text, 0, 900)
    words = tuple(
        replace(w, bbox=BBox(w.bbox.x0, y, w.bbox.x1, y + HEIGHT), conf=40.0 if i % 2 else 90.0)
        for i, w in enumerate(line.words)
        if w.bbox
    )
    return Line(line_id, words, BBox.enclosing([w.bbox for w in words]), 0, 0)


def test_a_page_read_poorly_with_a_variant_gets_no_false_proposals() -> None:
    title = _typed_above(40, "AND AMBASSADOR DOBRYNIN HOBE SOUND FICGRIDA NOVEMBER", 200)
    y = 300 + 12 * STEP + 40
    note = Line(
        50,
        (
            Word(951, "Mal,", BBox(450, y, 540, y + 70), 44.0),
            Word(952, "thexther", BBox(560, y - 5, 700, y + 62), 0.0),
        ),
        BBox(450, y - 5, 700, y + 70),
        2,
        0,
    )
    page = _read_poorly(_page([title, note]))
    dropped = BBox(1500, 300 + 5 * STEP, 1570, 300 + 5 * STEP + 50)  # letters left unread
    (found,) = propose(page, [dropped])
    assert set(found.words) == {951, 952}  # the note, still found; no typing proposed
    # Read well, the typed title above the body is not a note in the top margin either.
    assert [p.words for p in propose(_page([title]))] == []


def _written_line(line_id: int, y: int, words: list[tuple[str, int, int, int, float]]) -> Line:
    """A line of writing: (text, x0, x1, height, confidence) for each word, from row `y`."""
    made = tuple(
        Word(line_id * 10 + i, text, BBox(x0, y, x1, y + height), conf)
        for i, (text, x0, x1, height, conf) in enumerate(words)
    )
    return Line(line_id, made, BBox.enclosing([w.bbox for w in made]), 3, 0)


def test_a_line_of_writing_is_proposed_whole_not_only_its_oddest_word() -> None:
    # "copy to Sec. Vance" in blank space, of about the typing's size and read surely but
    # for "Sec.": its words off the typewriter's grid, only "Sec." taller than the typing.
    # The whole line is the note; before, "Copy to Vance" stayed a body line.
    text = "the quick brown foxes jumped over lazy dogs while typing memoranda"
    after = [_typed(20 + n, text, 15 + n, 100 * (20 + n)) for n in range(4)]  # typing below
    y = 300 + 13 * STEP
    note = _written_line(
        60,
        y,
        [
            ("Copy", 455, 555, 49, 94.3),
            ("to", 586, 637, 49, 67.6),
            ("Sec.", 666, 771, 59, 77.4),
            ("Vance", 821, 973, 52, 94.7),
        ],
    )
    (found,) = propose(_page([note, *after]))
    assert set(found.words) == {600, 601, 602, 603}
    assert "margin" not in found.reason  # in blank space among the typing
    assert found.text == "Copy to Sec. Vance"


def test_a_short_note_above_the_typing_off_its_pitch_and_unsure_is_a_top_margin_note() -> None:
    # "seen 12/3" read "seth 12/3" above a memorandum: typing's height, "seth" off the pitch
    # and read not quite surely; a typed date there (on the pitch, sure) is no note.
    note = _written_line(70, 130, [("seth", 1568, 1647, 36, 63.2), ("12/3", 1665, 1752, 42, 90.1)])
    (found,) = propose(_page([note]))
    assert set(found.words) == {700, 701} and "top margin" in found.reason
    date = _typed(71, "November 22, 1976", 0, 800)
    date = replace(
        date,
        words=tuple(
            replace(w, bbox=BBox(w.bbox.x0 + 1200, 140, w.bbox.x1 + 1200, 176))
            for w in date.words
            if w.bbox
        ),
        bbox=None,
    )
    assert propose(_page([date])) == []


def test_unread_ink_becomes_an_empty_handwriting_flag_beside_its_line() -> None:
    from corrigenda.checks.handwriting import ink_flags
    from tests.regions.inked import NOTE, inked_page

    page, image = inked_page()
    (flag,) = ink_flags(page, image)
    _text, spans = page.layout()
    end = next(s.end for s in spans if s.line_id == 3)  # the line beside the note
    assert (flag.kind, flag.line_id, flag.start, flag.end, flag.text) == (
        "handwriting",
        3,
        end,
        end,
        "",
    )
    box = BBox(*flag.extra["box"])
    assert box.x0 <= NOTE.x0 + 8 and box.y0 <= NOTE.y0 + 8 and box.x1 >= NOTE.x1 - 24
    assert "ink OCR left unread" in flag.explanation and flag.suggestions == ()
    assert "no word of it read" in flag.explanation  # not taken for a flag over words
    # Ignored at its place, it is not proposed again; nor where a region is drawn already.
    assert ink_flags(page, image, {flag.key}) == []
    from corrigenda.model import Region, RegionType

    drawn = replace(page, regions=(Region(1, RegionType.STAMP, box, "a stamp"),))
    assert ink_flags(drawn, image) == []


def test_unread_ink_round_words_ocr_read_is_flagged_over_those_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Ink proposed round a word OCR read but took for typing ("com." of a note whose other
    # strokes it left unread): accepting the region takes the word, so the flag shows it
    # rather than an empty "(unread ink)" flag at a line's end.
    from corrigenda.checks import handwriting
    from corrigenda.regions.handwriting import Proposal

    y = 300 + 12 * STEP + 40
    word = _written_line(95, y, [("com.", 688, 783, 36, 90.0)])
    page = _page([word])
    box = BBox(430, y - 20, 800, y + 60)
    unread = Proposal(box, (), (), 0.6, "ink OCR left unread")
    monkeypatch.setattr(handwriting, "find_handwriting", lambda _page, _image: [unread])
    (flag,) = handwriting.ink_flags(page, Image.new("L", (10, 10)))
    assert (flag.line_id, flag.text, flag.extra["box"]) == (95, "com.", box.as_list())
    assert "with words OCR read in it" in flag.explanation


def test_a_line_of_writing_of_the_typings_size_read_surely_but_off_its_grid_is_a_note() -> None:
    # "copy to Sec. Vance" above a memorandum in a tidy upright hand (Femke Klaver): of about
    # the typing's height, three words read surely, only their starts scattered off the
    # typewriter's grid. The grid alone proposed nothing, and the note stayed a body line.
    note = _written_line(
        80,
        141,
        [
            ("copy", 1573, 1696, 50, 96.0),
            ("to", 1718, 1772, 41, 96.1),
            ("Sec.", 1790, 1900, 47, 95.7),
            ("Vance", 1925, 2090, 55, 66.7),
        ],
    )
    (found,) = propose(_page([note]))
    assert set(found.words) == {800, 801, 802, 803}
    assert found.text == "copy to Sec. Vance"


def _around(line: Line) -> list[Line]:
    """Typing below a line in blank space, so the typed lines around it are on both sides."""
    text = "the quick brown foxes jumped over lazy dogs while typing memoranda"
    return [line] + [_typed(20 + n, text, 14 + n, 100 * (20 + n)) for n in range(4)]


def test_a_word_alone_in_blank_space_off_the_grid_of_the_typing_around_it_is_a_note() -> None:
    # "Oral," in a heavy marker hand (Steve Hand), on a line of its own between paragraphs:
    # taller than the typing, read surely. One word tells no grid of its own, but it starts
    # a quarter step off the grid every typed line around it starts on; a typed word
    # there, as tall (a speck joined to it) and as sure, starts on that grid.
    y = 300 + 12 * STEP + 20
    oral = _written_line(90, y, [("Oral,", 458, 635, 67, 87.9)])
    (found,) = propose(_page(_around(oral)))
    assert set(found.words) == {900} and "grid of the typing" in found.reason
    typed = _written_line(91, y, [("importance.", 450, 780, 61, 96.0)])
    assert propose(_page(_around(typed))) == []


def test_a_short_stroke_of_writing_in_the_margin_read_as_dashes_is_a_note() -> None:
    # A note in a small light hand (Delphine) beside a typed line, read as "——": under the
    # typing's height and no letters, it was dropped as a speck, and the dashes stayed
    # spliced onto the line. A full stop there is still a speck.
    page = _page()
    line = page.lines[2]
    assert line.bbox is not None
    y = line.bbox.y0
    dashes = Word(901, "——", BBox(2289, y, 2433, y + 24), 22.8)
    lines = list(page.lines)
    lines[2] = replace(line, words=(*line.words, dashes), bbox=line.bbox.union(dashes.bbox))
    (found,) = propose(replace(page, lines=tuple(lines)))
    assert found.words == (901,) and found.box.x0 <= 2289 and found.box.x1 >= 2433
    speck = Word(901, ".", BBox(2289, y + 10, 2297, y + 18), 22.8)
    lines[2] = replace(line, words=(*line.words, speck), bbox=line.bbox.union(speck.bbox))
    assert propose(replace(page, lines=tuple(lines))) == []


def _reworded(line: Line, changes: dict[int, tuple[str, int, float]]) -> Line:
    """A typed line with some words changed: {index: (text, shift along the line, conf)}."""
    words = list(line.words)
    for i, (text, shift, conf) in changes.items():
        box = words[i].bbox
        assert box is not None
        moved = BBox(box.x0 + shift, box.y0, box.x1 + shift, box.y1)
        words[i] = replace(words[i], text=text, bbox=moved, conf=conf)
    return replace(line, words=tuple(words), bbox=BBox.enclosing([w.bbox for w in words if w.bbox]))


def test_a_typed_line_opening_with_a_quote_is_on_the_typewriters_grid() -> None:
    # "‘the important probicins of world policy.": the quote is narrower than its cell and
    # centred in it, so the first word's box starts a third of a step in; that put the line
    # off the grid, and with one word read unsurely the whole typed line was proposed.
    line = _typed(40, "the important problems of world policy.", 13, 4000)
    jitter = [11, -2, 3, -3, 2, -3]  # a typed word's ink starts a few pixels either way
    texts = ["‘the", "important", "probicins", "of", "world", "policy."]
    confs = [93.7, 96.5, 48.1, 96.3, 96.7, 95.8]
    line = _reworded(line, dict(enumerate(zip(texts, jitter, confs, strict=True))))
    assert propose(_page([line])) == []


def test_a_speck_read_after_a_paragraphs_last_words_does_not_take_them_off_the_grid() -> None:
    # "Mr. Carter." ending a paragraph, then a speck read as "oe" a third of a step off the
    # grid: of three words, one off the grid put the line's grid off for all, and the typed
    # words were proposed with it. They start on the grid of the typing around them.
    line = _typed(40, "Mr. Carter. oe", 12, 4000)
    line = _reworded(line, {1: ("Carter.", 1, 96.0), 2: ("oe", 8 * PITCH + 10, 0.0)})
    assert not any({4000, 4001} & set(p.words) for p in propose(_page(_around(line))))


def test_a_paragraphs_last_words_at_the_foot_of_the_typing_are_no_bottom_margin_note() -> None:
    # "theix long-term prospect." under the page's last full line, "theix" read unsurely:
    # below all the typing, it was taken for a note in the bottom margin. Its words start
    # on the typing's grid and are of its height: typing.
    line = _typed(40, "theix long-term prospect.", 12, 4000)
    line = _reworded(line, {0: ("theix", 0, 40.0)})
    assert propose(_page([line])) == []


def test_a_word_read_unsurely_inside_a_typed_line_does_not_cut_where_the_typing_ends() -> None:
    # A line's run of typed words is measured from its last sure word: a word read unsurely
    # midway made a gap, the run ended there, and the page's last full line was left out of
    # where the typing ends (so a paragraph's last words below it stood in the bottom
    # margin). Four sure words on the typewriter's grid are typing too.
    page = _page()
    last = _reworded(page.lines[-1], {2: ("brovvn", 0, 60.0), 3: ("foxes", 0, 70.0)})
    body = body_of(replace(page, lines=(*page.lines[:-1], last)))
    assert body is not None and last.bbox is not None and body.bottom == last.bbox.y1


def test_a_speck_read_as_a_full_stop_does_not_make_a_typed_line_mostly_unlike_the_typing() -> None:
    # "appropriate international problems." with dust over two words (taller than the
    # typing) and a speck read unsurely as ".": the speck counted as a word of the line, so
    # the line was mostly unlike the typing and its two tall words were proposed.
    line = _typed(40, "appropriate international problems. .", 12, 4000)
    tall = {1: ("international", 0, 94.0), 2: ("problems.", 0, 94.0), 3: (".", 0, 20.0)}
    line = _reworded(line, tall)
    words = list(line.words)
    for i, height in ((1, 57), (2, 60)):
        box = words[i].bbox
        assert box is not None
        words[i] = replace(words[i], bbox=BBox(box.x0, box.y1 - height, box.x1, box.y1))
    line = replace(line, words=tuple(words), bbox=BBox.enclosing([w.bbox for w in words if w.bbox]))
    assert propose(_page(_around(line))) == []


def test_a_paragraphs_last_word_alone_at_the_foot_of_the_typing_is_no_note() -> None:
    # "importance." alone under the last full line, read unsurely: on the typing's grid and
    # pitch and of its height, a paragraph's last word, not a note in the bottom margin.
    line = _reworded(_typed(40, "importance.", 12, 4000), {0: ("importance.", 0, 30.0)})
    assert propose(_page([line])) == []


def test_a_long_typed_lines_last_word_past_the_columns_edge_is_no_margin_note() -> None:
    # "... should be in the center of": "of" a typed space after "center", past the right
    # edge most lines end at; read surely and like the typing in every measure, it carries
    # the typed line on. Any word in a typed page's margin was proposed.
    text = "the quick brown foxes jumped over lazy dogs while typing memoranda"
    more = [_typed(30 + n, text, 13 + n, 100 * (30 + n)) for n in range(10)]
    long = _typed(40, text + " of", 12, 4000)
    assert propose(_page([long, *more])) == []
    # A note spliced on a space after the typing is still one: unlike it.
    note = _reworded(long, {11: ("copy", 0, 51.0)})
    (found,) = propose(_page([note, *more]))
    assert found.words == (4011,)


def test_a_typed_page_number_above_the_typing_read_unsurely_is_no_note() -> None:
    # "- 2 -" centred above the typing of a second page, on its grid, read "- Zar" unsurely.
    number = _written_line(45, 160, [("-", 1230, 1255, 5, 64.0), ("Zar", 1290, 1370, 18, 10.0)])
    assert propose(_page([number])) == []


def test_two_words_in_blank_space_both_off_the_grid_of_the_typing_are_a_note() -> None:
    # "seen A2/3" between paragraphs (Delphine): of the typing's size, read well enough, each
    # word off the grid of the typing around it, which alone proposed neither; both off it,
    # the line scatters as writing does. Two typed words there start on the grid.
    y = 300 + 12 * STEP + 20
    note = _written_line(92, y, [("seen", 465, 561, 46, 83.0), ("A2/3", 583, 683, 37, 74.0)])
    (found,) = propose(_page(_around(note)))
    assert set(found.words) == {920, 921}
    typed = _written_line(
        93, y, [("these", 450, 600, 36, 96.0), ("relations.", 630, 930, 38, 90.0)]
    )
    assert propose(_page(_around(typed))) == []


def test_a_short_typed_line_on_the_typings_grid_is_typing_however_dust_makes_it_look() -> None:
    # "appropriate international problems." with dust over two words: taller than the
    # typing, one read unsurely, so the line looked mostly unlike the typing. Its three
    # words start on the grid of the typing around them and are of its pitch.
    line = _typed(40, "appropriate international problems.", 12, 4000)
    words = list(line.words)
    for i, (height, conf) in {0: (59, 38.0), 2: (66, 61.0)}.items():
        box = words[i].bbox
        assert box is not None
        words[i] = replace(words[i], bbox=BBox(box.x0, box.y1 - height, box.x1, box.y1), conf=conf)
    line = replace(line, words=tuple(words), bbox=BBox.enclosing([w.bbox for w in words if w.bbox]))
    assert propose(_page(_around(line))) == []


def test_a_paragraphs_last_line_of_four_words_on_the_typewriters_grid_is_no_bottom_note() -> None:
    # "views of Sovict leaders." under the page's last full line, "leaders." read unsurely:
    # a run of three sure words is too short for the typing's extent, so the line stood in
    # the bottom margin and, with a word read unsurely, was proposed. Its four words start
    # on the typewriter's grid: typing.
    line = _typed(40, "views of Sovict leaders.", 12, 4000)
    line = _reworded(line, {3: ("leaders.", 0, 21.0)})
    assert propose(_page([line])) == []


def test_a_speck_read_as_letters_does_not_put_a_typed_line_off_the_grid() -> None:
    # "these relations," then a dot of dust three pixels high read "oe" at the column's
    # edge, then a note in the margin ("allached"): the speck's "start" put the line off
    # the typewriter's grid and the two typed words were proposed with the note.
    line = _typed(40, "these relations,", 12, 4000)
    assert line.bbox is not None
    y = line.bbox.y0
    speck = Word(4002, "oe", BBox(2235, y + 28, 2238, y + 31), 20.0)  # half a step off
    note = Word(4003, "allached", BBox(2292, y + 9, 2413, y + 42), 78.0)
    line = replace(line, words=(*line.words, speck, note), bbox=line.bbox.union(note.bbox))
    found = propose(_page(_around(line)))
    assert not any({4000, 4001} & set(p.words) for p in found), found
    assert any(4003 in p.words for p in found)


def _deep(page: Page) -> Page:
    """The page with its typed words' descenders below the others' baseline: a word with
    g, j, p, q or y a quarter taller than the typing, as a typewriter's are."""
    lines = []
    for line in page.lines:
        words = tuple(
            replace(w, bbox=BBox(w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1 + 9))
            if w.bbox and any(ch in "gjpqy" for ch in w.text)
            else w
            for w in line.words
        )
        lines.append(replace(line, words=words, bbox=BBox.enclosing([w.bbox for w in words])))
    return replace(page, lines=tuple(lines))


def test_a_paragraphs_last_word_with_a_descender_at_the_foot_of_the_typing_is_no_note() -> None:
    # "irporvance," alone under the last full line, read unsurely: 1.26 of the typing's
    # height, over the limit for a line of typing, because "p" reaches below the baseline,
    # as every typed word with a descender does on the page.
    line = _reworded(_typed(40, "irporvance,", 12, 4000), {0: ("irporvance,", 0, 54.0)})
    box = line.words[0].bbox
    assert box is not None
    word = replace(line.words[0], bbox=BBox(box.x0, box.y0, box.x1, box.y0 + 46))
    page = _deep(_page())
    line = replace(line, words=(word,), bbox=word.bbox)
    assert propose(replace(page, lines=(*page.lines, line))) == []


def test_a_line_of_writing_takes_its_much_taller_and_its_short_words() -> None:
    # "Wallace" and "Vance" in blank space (Delphine), read "J allac li d" and "ely le Lee,
    # Vane": the line was proposed for its unsure and off-pitch words, but "d" (one letter,
    # read surely: nothing to measure) and "Vane" (read surely, on the pitch, half again
    # the typing's height) stayed behind as body lines beside the region.
    y = 300 + 12 * STEP + 20
    wallace = _written_line(
        97,
        y,
        [
            ("J", 449, 486, 16, 31.0),
            ("allac", 513, 579, 36, 91.0),
            ("li", 588, 640, 52, 37.0),
            ("d", 650, 666, 45, 90.0),
        ],
    )
    (found,) = propose(_page(_around(wallace)))
    assert set(found.words) == {970, 971, 972, 973}
    vance = _written_line(
        98,
        y,
        [
            ("ely", 444, 516, 60, 68.0),
            ("le", 537, 561, 37, 72.0),
            ("Lee,", 599, 657, 47, 69.0),
            ("Vane", 691, 793, 55, 88.0),
        ],
    )
    (found,) = propose(_page(_around(vance)))
    assert set(found.words) == {980, 981, 982, 983}


def test_a_line_of_writing_taller_than_the_typing_throughout_is_a_note() -> None:
    # "Check the date" between paragraphs (Kristi), read surely, each word starting on the
    # typewriter's grid and of 1.22 to 1.31 of the typing's height: under the height a
    # single word is told by, the line stayed a body line. Typed lines keep a word of
    # their height; dust makes one word of a line taller, not all.
    y = 300 + 12 * STEP + 20
    check = [
        ("Check", 450, 600, 47, 93.6),
        ("the", 630, 720, 47, 95.8),
        ("date", 750, 870, 44, 95.8),
    ]
    (found,) = propose(_page(_around(_written_line(99, y, check))))
    assert set(found.words) == {990, 991, 992} and "taller than the typing" in found.reason
    typed = [("these", 450, 600, 47, 96.0), ("relations.", 630, 930, 38, 96.0)]
    assert propose(_page(_around(_written_line(99, y, typed)))) == []


def test_a_line_of_writing_takes_its_words_read_unsurely() -> None:
    # "File: USSR corr." in blank space between paragraphs (Delphine), read "File? UBSR
    # con": the line was proposed, but "con", of the typing's size and on its pitch, read at
    # 60 (unsure, though not so low as to count as a sign in itself), stayed a body line.
    y = 300 + 12 * STEP + 20
    note = _written_line(
        96,
        y,
        [("File?", 457, 548, 59, 69.5), ("UBSR", 580, 670, 38, 49.6), ("con", 693, 790, 32, 60.0)],
    )
    (found,) = propose(_page(_around(note)))
    assert set(found.words) == {960, 961, 962}


def test_a_word_in_the_top_margin_in_ink_heavier_than_the_typing_is_a_note() -> None:
    # "Oval." above a memorandum (Steve Hand), read surely, of about the typing's size and
    # on its pitch: only its ink, heavier than any typing's, tells a hand, and a word above
    # the typing had to be read unsurely or be taller to be a note there.
    note = _written_line(70, 145, [("Oval.", 1609, 1739, 44, 90.9)])
    (found,) = propose(_page([note]), heavy={700: 1.0})
    assert found.words == (700,) and "top margin" in found.reason
    assert propose(_page([note])) == []
