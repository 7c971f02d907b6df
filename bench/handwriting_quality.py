#!/usr/bin/env python3
"""Handwriting figures: how many handwritten notes are found, how many proposals are false,
whether the body lines beside a note are left clean; and how close the corrected sample,
exported with --join-pages --drop-running-heads, comes to the seed transcript.

Usage (from the repository root; needs the Debian handwriting fonts below and Tesseract):

    python bench/handwriting_quality.py [--docs N] [--seed-only] [--development-only]
        [--first N] [--cleanup sauvola] [--explain]
    python bench/handwriting_quality.py --printed [--data ../shared/data] [--cache DIR]

Pages: typewritten pages rendered by samples/make_sample.py's typewriter from the seed's
paragraphs (each document its own choice and order of them), with notes written by hand in
the margins, above the text and in blank space, where OCR splices or drops them. The split is
BY DOCUMENT and by hand: development documents are written in the faces the detector is tuned
on, report-only documents in faces it never saw (Humor Sans, Dancing Script, Because We Learn,
Because We Build). Both are printed; only development is tuned on. The development faces were
Kristi (the sample's), DKG and Breip; on those the detector never failed, so there was nothing
left to tune on, and five were added (issue 18): Ecolier (a French school cursive), Femke Klaver
(a thin outlined hand), Rufscript (a heavy upright marker hand), Delphine (a small light
print hand) and Steve Hand (a large irregular felt-tip hand). None is of the report-only faces'
families (no comic sans like Humor Sans, no brush or bouncing script like Dancing Script, no
other face of the Because We Had To set). Each side writes one document per face unless --docs
says otherwise.

--printed counts the proposals on printed pages that hold no handwriting (all of them false):
the oldbooks pages, development books a c e j and report-only d f g as in bench/flag_sets.py,
and the UW-III line images (report-only); their OCR is cached as bench/flag_quality.py's is.

    apt-get install fonts-kristi fonts-dkg-handwriting fonts-breip fonts-ecolier-court \\
        fonts-femkeklaver fonts-rufscript fonts-sjfonts fonts-humor-sans \\
        fonts-dancingscript fonts-bwht fonts-freefont-ttf
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "app"), str(REPO / "samples")]

import make_sample as ms  # noqa: E402

from corrigenda.evaluation import score  # noqa: E402
from corrigenda.model import BBox, Page, PageImage, RegionType  # noqa: E402
from corrigenda.regions.body import body_of, word_evidence  # noqa: E402
from corrigenda.regions.handwriting import find_handwriting  # noqa: E402
from corrigenda.regions.ink import unread_ink  # noqa: E402
from corrigenda.regions.strokes import heaviness  # noqa: E402
from corrigenda.regions.typewriter import off_grid  # noqa: E402
from corrigenda.store import Project, Source  # noqa: E402

SEED_TEXT = REPO.parent / "shared" / "seed" / "000_5aa61bff0ee774d2.txt"
DEV_FONTS = [
    "/usr/share/fonts/truetype/kristi/Kristi.ttf",
    "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
    "/usr/share/fonts/truetype/breip/Breip.ttf",
    "/usr/share/fonts/truetype/ecolier-court/Ecolier-court.ttf",
    "/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf",
    "/usr/share/fonts/truetype/rufscript/Rufscript010.ttf",
    "/usr/share/fonts/truetype/sjfonts/Delphine.ttf",
    "/usr/share/fonts/truetype/sjfonts/SteveHand.ttf",
]
REPORT_FONTS = [
    "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf",
    "/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf",
    "/usr/share/fonts/opentype/bwht/BecauseWeLearn-Regular.otf",
    "/usr/share/fonts/opentype/bwht/BecauseWeBuild-Regular.otf",
]
NOTES = [
    "seen 12/3",
    "File: USSR corr.",
    "copy to Sec. Vance",
    "Ask W.A.H.",
    "original",
    "Oral.",
    "Nov. 22 76 - to the President",
    "Rec'd by hand",
    "Not sent",
    "check the date",
    "Delivered to me by Mr. Harriman at White House",
    "see attached",
]


@dataclass
class Tally:
    notes: int = 0
    found: int = 0
    proposals: int = 0
    false: int = 0
    pages: int = 0
    beside: int = 0  # body lines beside a note
    spliced: int = 0  # of those, lines still holding handwriting after accepting
    misses: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # the body lines with handwriting left
    wrong: list[str] = field(default_factory=list)  # the false proposals
    # --explain: the words of the lines beside each miss and each line left, as measured
    explained: list[str] = field(default_factory=list)


def document(index: int, font: str, blocks: list[tuple[str, str]]) -> list[tuple[bytes, list]]:
    """Two pages of one document: PNG bytes and the boxes of its notes."""
    rng = np.random.default_rng(1000 + index)
    paras = [b for b in blocks if b[0] == "para"]
    chosen = [paras[i] for i in rng.permutation(len(paras))[:7]]
    notes = [NOTES[i] for i in rng.permutation(len(NOTES))[:6]]
    places = ["top", "margin", "space", "margin", "space", "margin"]
    mixed: list[tuple[str, str]] = [("hand", notes[0])]
    for n, para in enumerate(chosen):
        mixed.append(para)
        if n + 1 < len(notes):  # a note after each of the first paragraphs
            mixed.append(("hand", notes[n + 1]))
    ms.NOTE_PLACES = places
    ms.HAND_FONT = (font, "a handwriting font package")
    pages, top = ms.layout(mixed)
    typewriter = ms.Typewriter(ms.find_font(), rng)
    pen = ms.Pen(np.random.default_rng(2000 + index))
    out = []
    for n, page in enumerate(pages[:2]):
        boxes: list = []
        image = ms.render_page(typewriter, pen, page, top if n == 0 else None, rng, boxes)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", dpi=(300, 300))
        out.append((buffer.getvalue(), boxes))
    return out


def explain(page: Page, image: Image.Image, rows: list[BBox], label: str) -> list[str]:
    """What the detector saw beside the given boxes: the body's measures, then each word of
    the lines across them with its confidence, box and evidence (margin, unlikeness, why),
    and the unread ink there. Development pages only: a diagnosis to tune by."""
    body = body_of(page)
    out = [f"{label}: body {body}"]
    if body is None:
        return out
    typed = [w for w in page.words() if w.bbox and w.conf is not None and w.conf >= 85]
    heavy = heaviness(image, page.words(), typed) if body.monospace else {}
    for line in page.lines:
        box = line.bbox
        if box is None or not any(r.y0 - 20 <= box.y1 and box.y0 <= r.y1 + 20 for r in rows):
            continue
        grid = off_grid([w for w in line.words], body)
        out.append(f"  line {line.id} {box.as_list()} region={line.region} grid={grid:.2f}")
        for w in line.words:
            margin, unlike, reasons = word_evidence(w, body, 0.0, 0.0, heavy.get(w.id, 0.0))
            out.append(
                f"    {w.text!r} conf={w.conf} box={w.bbox.as_list() if w.bbox else None} "
                f"h={w.bbox.height / body.height if w.bbox else 0:.2f} margin={margin:.0f} "
                f"unlike={unlike:.2f} {reasons}"
            )
    read = [w.bbox for w in page.words() if w.bbox]
    for blob in unread_ink(image, read, 0.5 * body.height, body.pitch):
        if any(blob.intersection_area(r) for r in rows):
            out.append(f"  unread ink {blob.as_list()}")
    return out


def evaluate(
    docs: list[list[tuple[bytes, list]]],
    workdir: Path,
    name: str,
    cleanup: str = "",
    diagnose: bool = False,
    keep: bool = False,
) -> Tally:
    tally = Tally()
    path = workdir / f"{name}.corrigenda"
    images, truth = [], []
    for d, pages in enumerate(docs):
        for p, (data, boxes) in enumerate(pages):
            sha = hashlib.sha256(data).hexdigest()
            images.append(PageImage(f"doc{d}-p{p}.png", data, "PNG", 2550, 3300, 300, sha))
            truth.append([BBox(*b) for b in boxes])
    Project.create(path, images).close()
    subprocess.run(
        [sys.executable, "-m", "corrigenda", "ocr", str(path), "--jobs", "2"]
        + (["--cleanup", cleanup] if cleanup else []),
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "app")},
    )
    if keep:  # as OCR left it, before the bench accepts the proposals
        shutil.copyfile(path, workdir / f"{name}-ocr.corrigenda")
    with Project.open(path) as project:
        for info, notes in zip(project.pages(), truth):
            page = project.page(info.id)
            with Image.open(io.BytesIO(project.image(info.id).data)) as image:
                found = find_handwriting(page, image)
            tally.pages += 1
            tally.notes += len(notes)
            tally.proposals += len(found)
            for note in notes:
                if any(p.box.intersection_area(note) >= 0.3 * note.area for p in found):
                    tally.found += 1
                else:
                    tally.misses.append(f"{info.name} {note.as_list()}")
                    if diagnose:
                        with Image.open(io.BytesIO(project.image(info.id).data)) as image:
                            label = f"miss {info.name} {note.as_list()}"
                            tally.explained += explain(page, image, [note], label)
            for p in found:
                if not any(p.box.intersection_area(n) for n in notes):
                    tally.false += 1
                    tally.wrong.append(f"{info.name} {p.box.as_list()} {p.text!r} ({p.reason})")
            with project.batch():
                for p in found:
                    project.add_region(info.id, RegionType.HANDWRITTEN, p.box, Source("bench"))
            read, page = page, project.page(info.id)  # as OCR read it; with the regions
            for line in page.lines:
                if line.region is not None or line.bbox is None:
                    continue
                rows = [n for n in notes if n.y0 - 20 <= line.bbox.y1 and line.bbox.y0 <= n.y1 + 20]
                if not rows:
                    continue
                tally.beside += 1
                inked = [
                    w.text
                    for w in line.words
                    if any(w.bbox and w.bbox.intersection_area(n) > 0.5 * w.bbox.area for n in rows)
                ]
                tally.spliced += bool(inked)
                if inked:
                    note = " ".join(inked)
                    tally.left.append(f"{info.name} line {line.id}: {line.text!r} (note: {note!r})")
                    if diagnose:
                        with Image.open(io.BytesIO(project.image(info.id).data)) as image:
                            # Explained as OCR read the page: accepting splits its lines.
                            label = f"left {info.name} line {line.id} (as read: the lines there)"
                            tally.explained += explain(read, image, rows, label)
    return tally


def report(name: str, tally: Tally) -> None:
    recall = tally.found / tally.notes if tally.notes else 0.0
    per_page = tally.false / tally.pages if tally.pages else 0.0
    print(
        f"{name}: {tally.found} of {tally.notes} notes found ({recall:.1%}); "
        f"{tally.proposals} proposals, {tally.false} false ({per_page:.2f} a page, "
        f"{tally.pages} pages); body lines beside a note: {tally.beside}, "
        f"{tally.spliced} with handwriting left after accepting"
    )
    if name.startswith("development"):  # report-only pages are never looked at one by one
        for miss in tally.misses:
            print(f"    missed: {miss}")
        for left in tally.left:
            print(f"    handwriting left in {left}")
        for wrong in tally.wrong:
            print(f"    false: {wrong}")
        for row in tally.explained:
            print(f"    {row}")


def seed_reference() -> str:
    """The seed with its known errors corrected: "I.I." for "L.I.", the page number "3."
    standing inside a paragraph taken out, and the paragraphs it and the other page break
    cut joined (no sentence end before the break, a small letter after it), as
    samples/make_sample.py reads it and --join-pages flows them."""
    raw = SEED_TEXT.read_text(encoding="utf-8")
    for wrong, right, _count in ms.SEED_CORRECTIONS:
        raw = raw.replace(wrong, right)
    raw = re.sub(r"\n\s*3\.\s*\n", "\n", raw)
    return re.sub(r"(?<![.!?:;\"”’)\]*])[ \t]*\n\s*\n(?=[a-z])", "\n", raw)


def seed_figures(workdir: Path) -> None:
    """The sample, with its notes accepted and its ground truth imported (the corrected
    sample), exported with --join-pages --drop-running-heads and compared with the seed."""
    from corrigenda.cli import main

    path = workdir / "sample.corrigenda"
    sample = REPO / "samples" / "memorandum"
    quiet = ["new", str(path), str(sample)]
    assert main(quiet) == 0 and main(["ocr", str(path)]) == 0
    truths = sorted(sample.glob("page-*.gt.txt"))
    copies = []
    for truth in truths:
        copy = workdir / truth.name.replace(".gt.txt", ".txt")
        copy.write_text(truth.read_text(encoding="utf-8"), encoding="utf-8")
        copies.append(str(copy))
    assert main(["import", str(path), *copies]) == 0
    out = workdir / "sample.txt"
    args = ["export", str(path), "-o", str(out), "--join-pages", "--drop-running-heads"]
    assert main(args) == 0
    exported = out.read_text(encoding="utf-8")
    reference = seed_reference()
    result = score(exported, reference)
    notes = len(re.findall(r"\*[^*]+\*", exported))
    ours = [" ".join(p.split()) for p in exported.split("\n\n") if p.strip()]
    theirs = [" ".join(p.split()) for p in reference.split("\n\n") if p.strip()]
    paragraphs, seed_paragraphs = len(ours), len(theirs)
    same = sum(n for _a, _b, n in SequenceMatcher(None, ours, theirs).get_matching_blocks())
    print(
        f"corrected sample, --join-pages --drop-running-heads, against the corrected seed: "
        f"CER {result.cer:.2%} ({result.char_errors} of {result.chars} characters), "
        f"{notes} *...* notes (seed: 4), {paragraphs} paragraphs (seed: {seed_paragraphs}), "
        f"{same} of them the seed's word for word"
    )
    top = result.confusions.most_common(5)
    print("    most frequent differences: " + "; ".join(f"{a!r}->{b!r} x{n}" for (a, b), n in top))


def printed_figures(data: Path, cache: Path) -> None:
    """Proposals on pages with no handwriting at all, every one false: the oldbooks pages
    (19th-century books, OCRed here; split by book as bench/flag_sets.py does) and the UW-III
    line images (one line each, --psm 7). With the scans, so unread ink counts too."""
    from flag_sets import oldbooks_sets, uw3_set

    sets = oldbooks_sets(data, cache, {"oldbooks-ours"}) + uw3_set(data, cache)
    folders = {
        "oldbooks-ours": data / "oldbooks-pages" / "images",
        "uw3": data / "uw3-lines" / "lines",
    }
    totals: dict[tuple[str, str], list[int]] = {}
    for item in sets:
        cell = totals.setdefault((item.set, item.side), [0, 0, 0, 0])
        for page in item.document.pages:
            with Image.open(folders[item.set] / page.name) as image:
                found = find_handwriting(page, image)
            cell[0] += 1
            cell[1] += sum(1 for p in found if p.words)
            cell[2] += sum(1 for p in found if not p.words)
            cell[3] += bool(found)
    for (label, side), (pages, words, ink, hit) in sorted(totals.items()):
        print(
            f"printed {label} [{side}]: {pages} pages, {words + ink} false proposals "
            f"({words} on words, {ink} unread ink), {hit} pages with any"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--docs",
        type=int,
        default=0,
        help="documents per side (2 pages each; default one per face of the side)",
    )
    parser.add_argument("--seed-only", action="store_true", help="only the seed comparison")
    parser.add_argument(
        "--development-only", action="store_true", help="only the development documents"
    )
    parser.add_argument(
        "--first",
        type=int,
        default=0,
        metavar="N",
        help="number the development documents from N (other paragraphs, notes and places on "
        "the same faces; report-only documents are numbered from 100, so keep N+docs under 100 "
        "or N at 200 or more)",
    )
    parser.add_argument(
        "--cleanup",
        default="",
        metavar="NAME",
        help="read the pages with this clean-up variant (as `ocr --cleanup`), e.g. sauvola",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="for each development miss and line left with handwriting, print the words of "
        "the lines there as the detector measures them (report-only pages never)",
    )
    parser.add_argument(
        "--printed",
        action="store_true",
        help="only the false proposals on printed pages without handwriting (../shared/data)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="keep the OCRed projects in DIR (development.corrigenda, ...) to look into",
    )
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "corrigenda-bench")
    args = parser.parse_args()
    if not args.data.is_dir() and Path("/work/shared/data").is_dir():
        args.data = Path("/work/shared/data")  # a worktree beside the repository
    if args.printed:
        printed_figures(args.data, args.cache)
        return 0
    missing = [f for f in DEV_FONTS + REPORT_FONTS if not Path(f).exists()]
    if missing:
        sys.exit(f"handwriting_quality.py: fonts missing ({', '.join(missing)}); see --help")
    blocks = ms.load_blocks(SEED_TEXT)
    with tempfile.TemporaryDirectory(prefix="corrigenda-hand-") as tmp:
        workdir = Path(tmp)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            workdir = args.keep
        if not args.seed_only:
            sides = [("development", DEV_FONTS, args.first), ("report-only", REPORT_FONTS, 100)]
            for name, fonts, first in sides[:1] if args.development_only else sides:
                docs = [
                    document(first + i, fonts[i % len(fonts)], blocks)
                    for i in range(args.docs or len(fonts))
                ]
                label = f"{name} (--cleanup {args.cleanup})" if args.cleanup else name
                diagnose = args.explain and name == "development"
                tally = evaluate(docs, workdir, name, args.cleanup, diagnose, bool(args.keep))
                report(label, tally)
        if not args.development_only:
            seed_figures(workdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
