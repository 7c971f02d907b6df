"""`eval` scores as dinglehopper does: checked against dinglehopper itself (a dev dependency)
on every page pair of ../shared/data/oldbooks-pages and on texts made to be awkward."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from corrigenda.cli import main
from corrigenda.evaluation import compared_text, read_text, score, words

AWKWARD = [
    # (ocr, ground truth)
    ("ﬁne ﬂour\r\nand —dashes— ", "fine flour\nand –dashes–\n"),
    ("e\u0301te\u0301 cafe\u0301", "\xe9t\xe9 caf\xe9"),  # NFC, grapheme clusters
    ("don't stop, 3.5 times!", "don’t  stop 3.5 times"),  # apostrophes, punctuation
    ("u\u0364ber  \n\n  line", "\xfcber line"),  # an equivalence, blank lines, spaces
    ("👍🏽 ok \ue000x", "👍 ok \ue000x"),  # emoji modifiers, private use
    ("", "something"),
    ("anything", ""),
]


def _dinglehopper(ocr: Path, gt: Path, folder: Path) -> dict[str, float]:
    """dinglehopper's own report (its CLI's `process`) for one pair of plain-text files."""
    dinglehopper_cli = pytest.importorskip("dinglehopper.cli")
    prefix = f"{gt.stem}-report"
    dinglehopper_cli.process(str(gt), str(ocr), prefix, str(folder), plain_encoding="utf-8")
    report: dict[str, float] = json.loads((folder / f"{prefix}.json").read_text("utf-8"))
    return report


def _same(ours: float, theirs: float) -> bool:
    return ours == theirs or (math.isinf(ours) and math.isinf(theirs))


@pytest.mark.parametrize(("ocr", "gt"), AWKWARD)
def test_awkward_texts_score_as_dinglehopper_scores_them(tmp_path: Path, ocr: str, gt: str) -> None:
    pytest.importorskip("dinglehopper")
    for keep in (True, False):
        # dinglehopper reads files; without keep, it gets each text on one line
        ocr_file, gt_file = tmp_path / f"ocr-{keep}.txt", tmp_path / f"gt-{keep}.txt"
        ocr_file.write_bytes((ocr if keep else compared_text(ocr)).encode())
        gt_file.write_bytes((gt if keep else compared_text(gt)).encode())
        report = _dinglehopper(ocr_file, gt_file, tmp_path)
        ours = score(ocr, gt, keep_line_breaks=keep)
        assert (ours.chars, ours.words) == (report["n_characters"], report["n_words"])
        assert _same(ours.cer, report["cer"]) and _same(ours.wer, report["wer"])


@pytest.mark.shared
@pytest.mark.slow  # half a minute of dinglehopper on every page pair
def test_every_shared_page_pair_scores_as_dinglehopper_scores_it(
    shared_data: Path, tmp_path: Path
) -> None:
    pytest.importorskip("dinglehopper")
    from dinglehopper.character_error_rate import character_error_rate_n
    from dinglehopper.ocr_files import extract
    from dinglehopper.word_error_rate import word_error_rate_n, words_normalized

    folder = shared_data / "oldbooks-pages"
    pairs = [
        (folder / "ocr-tesseract-2017-txt" / f"{gt.name.split('.')[0]}.tess.txt", gt)
        for gt in sorted((folder / "gt").glob("*.gt.txt"))
    ]
    assert len(pairs) == 77
    for ocr, gt in pairs:
        for keep in (True, False):
            if keep:
                ocr_file, gt_file = ocr, gt
            else:
                ocr_file, gt_file = tmp_path / "ocr.txt", tmp_path / "gt.txt"
                ocr_file.write_text(compared_text(read_text(ocr)), encoding="utf-8")
                gt_file.write_text(compared_text(read_text(gt)), encoding="utf-8")
            # what dinglehopper's `process` does, without writing its HTML report
            gt_text = extract(str(gt_file), plain_encoding="utf-8")
            ocr_text = extract(str(ocr_file), plain_encoding="utf-8")
            cer, chars = character_error_rate_n(gt_text, ocr_text)
            wer, n_words = word_error_rate_n(
                list(words_normalized(gt_text)), list(words_normalized(ocr_text))
            )
            ours = score(read_text(ocr), read_text(gt), keep_line_breaks=keep)
            assert (ours.cer, ours.chars, ours.wer, ours.words) == (cer, chars, wer, n_words), (
                gt.name,
                keep,
            )


def test_line_breaks_count_only_when_kept() -> None:
    flowed = "one two three four"
    lines = "one two\nthree four\n"
    assert score(lines, flowed).cer == 0.0
    assert score(lines, flowed, keep_line_breaks=True).char_errors == 1
    assert score(lines, flowed).wer == score(lines, flowed, keep_line_breaks=True).wer == 0.0


def test_words_leave_out_punctuation_and_keep_contractions() -> None:
    assert words("Hello, world — it's 3.5 km (roughly).") == [
        "Hello",
        "world",
        "it's",
        "3.5",
        "km",
        "roughly",
    ]


def test_a_grapheme_cluster_is_one_character() -> None:
    assert score("cafe\u0301", "caf\xe9").cer == 0.0  # NFC
    assert score("ne\u0301", "na\u0301").char_errors == 1  # one cluster, not two code points
    assert score("f\xed", "\ufb01\u0301").cer == 0.0  # NFC again after unjoining "ﬁ"


@pytest.mark.shared
def test_eval_reports_pages_by_file_name_as_dinglehopper(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole command: a project from two scans with OCRopus's hOCR, scored per page."""
    folder = shared_data / "oldbooks-pages"
    names = ["c023", "j029"]
    project = tmp_path / "books.corrigenda"
    images = [str(folder / "images" / f"{name}.png") for name in names]
    hocr = [str(folder / "ocr-ocropus-hocr" / f"{name}.ocropus.html") for name in names]
    assert main(["new", str(project), *images, *[f"--ocr-from={h}" for h in hocr]]) == 0
    capsys.readouterr()
    assert main(["eval", str(project), "--gt", str(folder / "gt"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sorted(report["pages"]) == ["c023.png", "j029.png"]
    export = tmp_path / "text"
    export.mkdir()
    assert main(["export", str(project), "-o", f"{export}/"]) == 0
    for name in names:
        ocr = tmp_path / f"{name}.ocr.txt"
        ocr.write_text(compared_text((export / f"{name}.txt").read_text("utf-8")), "utf-8")
        gt = tmp_path / f"{name}.gt.txt"
        gt.write_text(compared_text(read_text(folder / "gt" / f"{name}.gt.txt")), "utf-8")
        theirs = _dinglehopper(ocr, gt, tmp_path)
        ours = report["pages"][f"{name}.png"]
        assert ours["cer"] == pytest.approx(theirs["cer"], abs=1e-12)
        assert ours["wer"] == pytest.approx(theirs["wer"], abs=1e-12)
        assert ours["cer"] > 0.01  # OCRopus 0.4 made errors: the score is not trivially 0
    assert main(["eval", str(project), "--gt", str(folder / "gt")]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("c023.png ") and table[1].startswith("j029.png ")


# Characters that stress normalisation, clusters, line handling and word segmentation.
TRICKY = (
    "ab ,.'’-—=\n\r\t\x0b\x0c\x1c\u2028\u0085\xa0"
    "\u0301\u0364\u200d\ufb01\ufb00\ue8bf\uf50e\ue000\u2e17"
    "éaouq0 9\U0001f44d\U0001f3fd\u05d0\u0627"
)


@settings(max_examples=80, deadline=None)
@given(
    ocr=st.text(alphabet=TRICKY, max_size=40),
    gt=st.text(alphabet=TRICKY, min_size=1, max_size=40),
    keep=st.booleans(),
)
def test_any_text_scores_as_dinglehopper_scores_it(ocr: str, gt: str, keep: bool) -> None:
    pytest.importorskip("dinglehopper")
    from dinglehopper.character_error_rate import character_error_rate_n
    from dinglehopper.ocr_files import plain_extract
    from dinglehopper.word_error_rate import word_error_rate_n, words_normalized

    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, text in (("ocr.txt", ocr), ("gt.txt", gt)):
            path = Path(folder) / name
            path.write_bytes((text if keep else compared_text(text)).encode("utf-8"))
            try:
                files.append(plain_extract(str(path), encoding="utf-8"))
            except ValueError:  # dinglehopper refuses what its normalisation leaves not NFC
                assume(False)
        ocr_text, gt_text = files
        cer, chars = character_error_rate_n(gt_text, ocr_text)
        wer, n_words = word_error_rate_n(
            list(words_normalized(gt_text)), list(words_normalized(ocr_text))
        )
    ours = score(ocr, gt, keep_line_breaks=keep)
    assert (ours.chars, ours.words) == (chars, n_words)
    assert _same(ours.cer, cer) and _same(ours.wer, wer)
