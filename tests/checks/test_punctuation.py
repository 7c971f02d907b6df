"""A flag's top suggestion keeps the punctuation around a word that the word does not own."""

from __future__ import annotations

from pathlib import Path

from corrigenda.checks import flagger_for
from corrigenda.checks.flag import Token
from corrigenda.checks.name_check import _keep_edges
from corrigenda.cli import main
from corrigenda.store import Project

NAMES = Path(__file__).resolve().parents[2] / "samples" / "names.txt"


def test_keep_edges_puts_back_a_full_stop_the_name_lacks() -> None:
    def window(*texts: str) -> list[Token]:
        return [Token(t, 0, len(t), i) for i, t in enumerate(texts)]

    assert _keep_edges(window("Isracl."), "Israel") == "Israel."
    assert _keep_edges(window("(Isracl.),"), "Israel") == "(Israel.),"
    assert _keep_edges(window("I.I.", "Brezhnev"), "L.I. Brezhnev") == "L.I. Brezhnev"
    assert _keep_edges(window("I.I."), "L.I.") == "L.I."  # the name's own stop: not doubled
    assert _keep_edges(window("Jr.,"), "Jr.") == "Jr.,"


def test_no_top_suggestion_drops_a_final_stop_or_comma(
    ocred_sample: Path, sample_dir: Path
) -> None:
    truth = {
        int(p.name[5:8]): p.read_text(encoding="utf-8") for p in sample_dir.glob("page-*.gt.txt")
    }
    # The handwritten notes first go to regions of their own, as a transcriber accepts them:
    # OCR splices them onto typed lines, where "problems. fur. 2174" makes any stop look odd.
    assert main(["regions", str(ocred_sample), "--find", "--accept"]) == 0
    with Project.open(ocred_sample, readonly=True) as project:
        flags = flagger_for(project, extra_names=[NAMES])[0].flag_document()
    assert flags
    dropped = []
    for flag in flags:
        if not flag.suggestions or not any(ch.isalnum() for ch in flag.text):
            continue  # a stray mark's flag is there to delete it
        best = flag.suggestions[0]
        for mark in ".,":
            # The flagged text ends a sentence or clause; the truth has the corrected word
            # followed by that mark; the suggestion must not lose it.
            if (
                flag.text.endswith(mark)
                and not best.endswith(mark)
                and f"{best}{mark}" in truth[flag.page]
            ):
                dropped.append((flag.page, flag.line, flag.kind, flag.text, best))
        for mark in "(\"'":
            if flag.text.startswith(mark) and not best.startswith(mark):
                dropped.append((flag.page, flag.line, flag.kind, flag.text, best))
    assert dropped == [], "\n".join(map(repr, dropped))
