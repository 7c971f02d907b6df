"""Find and replace through the concordance: whole lines with every occurrence replaced, and
a flag's form found as written; flags moved along after an earlier line changed length."""

from __future__ import annotations

from corrigenda.checks.concordance import form_query, line_replacements, literal_query
from corrigenda.checks.flag import Flag, page_flags_after_edit
from corrigenda.model import Document, Page
from tests.synthetic import ocr_run


def document() -> Document:
    run = ocr_run(["I.I. Brezhnev and I.I. Brezhnev", "the other (a+) theme"])
    return Document("d", (Page(1, 1, "p", 1000, 1000, None, tuple(run.lines)),))


def test_every_occurrence_of_a_line_is_replaced_and_counted() -> None:
    (found, *rest) = line_replacements(document(), literal_query("I.I. Brezhnev"), "L.I. B")
    assert not rest and found.count == 2
    assert found.edit.after == "L.I. B and L.I. B"
    (found,) = line_replacements(document(), literal_query("(a+)"), "x")
    assert found.edit.after == "the other x theme"  # regex characters, found as written
    (found,) = line_replacements(document(), literal_query("THE"), "a", ignore_case=True)
    assert found.count == 3  # inside words too: "the", "other", "theme"


def test_a_flag_form_is_found_as_written_and_a_word_as_a_word() -> None:
    assert form_query("I.I. Brezhnev") == "I.I. Brezhnev"  # escaped once, by the query
    assert form_query("/x/") == literal_query("/x/")


def test_flags_after_an_edit_move_by_the_growth_of_earlier_lines() -> None:
    def flag(line_id: int, start: int) -> Flag:
        return Flag(1, line_id, start, start + 3, "abc", "spelling", 0.5, "", (), 1, line_id)

    flags = [flag(1, 0), flag(2, 20)]
    fresh = [flag(1, 4)]
    after = page_flags_after_edit(flags, fresh, {1}, {1: 0, 2: 18}, {1: 0, 2: 21})
    assert sorted((f.line_id, f.start) for f in after) == [(1, 4), (2, 23)]
