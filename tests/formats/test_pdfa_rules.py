"""The PDF/A check itself: our export passes, and each way of breaking PDF/A-2b is caught."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from tests.formats.conftest import Export, small_project
from tests.formats.pdfa_rules import pdfa2b_problems


def _no_output_intent(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.OutputIntents


def _pdfa_part_1(pdf: pikepdf.Pdf) -> None:
    stream = pdf.Root.Metadata
    stream.write(stream.read_bytes().replace(b"<pdfaid:part>2<", b"<pdfaid:part>1<"))


def _info_differs(pdf: pikepdf.Pdf) -> None:
    pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String("other")))


def _lzw_stream(pdf: pikepdf.Pdf) -> None:
    stream = pikepdf.Stream(pdf, b"")
    stream.write(b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01", filter=pikepdf.Name.LZWDecode)
    pdf.Root.Extra = pdf.make_indirect(stream)


def _notdef_shown(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    commands = pikepdf.parse_content_stream(page)
    for i, (_operands, operator) in enumerate(commands):
        if str(operator) == "Tj":
            commands[i] = pikepdf.ContentStreamInstruction(
                [pikepdf.String(b"\x00\x00")], pikepdf.Operator("Tj")
            )
            break
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(commands))


def _javascript(pdf: pikepdf.Pdf) -> None:
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.Root.OpenAction = pdf.make_indirect(action)


@pytest.mark.parametrize(
    ("breaking", "clause"),
    [
        (_no_output_intent, "6.2.3"),
        (_pdfa_part_1, "6.6.4"),
        (_info_differs, "6.6.3"),
        (_lzw_stream, "6.1.7.2"),
        (_notdef_shown, "6.2.11.8"),
        (_javascript, "6.5.1"),
    ],
)
def test_each_broken_rule_is_named_by_its_clause(
    tmp_path: Path, export: Export, breaking: Callable[[pikepdf.Pdf], None], clause: str
) -> None:
    good = tmp_path / "good.pdf"
    good.write_bytes(export(small_project(tmp_path), "pdf"))
    assert pdfa2b_problems(good) == []
    bad = tmp_path / "bad.pdf"
    with pikepdf.open(good) as pdf:
        breaking(pdf)
        # as it is: qpdf would otherwise decode LZW and compress with Flate
        pdf.save(bad, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    problems = pdfa2b_problems(bad)
    assert any(clause in problem for problem in problems), problems


def test_an_encrypted_file_is_caught(tmp_path: Path, export: Export) -> None:
    good = tmp_path / "good.pdf"
    good.write_bytes(export(small_project(tmp_path), "pdf"))
    bad = tmp_path / "bad.pdf"
    with pikepdf.open(good) as pdf:
        pdf.save(bad, encryption=pikepdf.Encryption(owner="owner", user=""))
    assert any(p.startswith("6.1.3: the file is encrypted") for p in pdfa2b_problems(bad))
