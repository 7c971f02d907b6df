"""Structured fuzzing of everything that reads files from elsewhere: seeds, mutations, targets.

Seeds are small valid files made by Corrigenda's own exporters (hOCR, ALTO, PAGE, text), a
Tesseract TSV, a name list, PNG/JPEG/TIFF/PDF pages, and the small real files in
../shared/data/ocr-outputs when present. Mutations flip, insert and delete bytes, give
attributes hostile values (negative or huge coordinates, NaN confidences, empty or duplicated
ids, control characters) and nest elements deeply. A target runs one input through a reader:
success and a CorrigendaError are the only acceptable outcomes; anything else is a bug.

Used by tests/robustness/test_fuzz_*.py (few examples, derandomised) and bench/fuzz_soak.py
(many).
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st
from PIL import Image, ImageDraw

from corrigenda.checks.names import NameIndex, decode_name_list, parse_name_list
from corrigenda.errors import CorrigendaError, InputError
from corrigenda.formats import get_exporter
from corrigenda.formats.ocrimport import import_files, read_file
from corrigenda.formats.registry import ImportedFile
from corrigenda.model import BBox, Line, OcrRun, PageImage, Word
from corrigenda.ocr.inputs import Skipped, load_pages
from corrigenda.store import Project, Source

ROOT = Path(__file__).resolve().parents[2]
OCR_OUTPUTS = ROOT.parent / "shared" / "data" / "ocr-outputs"
MAX_REAL_SEED = 40_000  # bytes: bigger real files make each example slow without finding more
MAX_COORDINATE = 10**7  # no scan is ten million pixels wide; an importer must not pass more on

HOSTILE_VALUES = (
    "", "-1", "-2147483649", "99999999999999999999", "1e308", "1e999", "-1e999", "nan", "NaN",
    "inf", "-inf", "0", "0.0", "x", "1,2", "1 2 3", "\u202e\u0007", "\x7f", "\ufffd", "𝔘𝔫𝔦",
    "bbox -5 -5 -1 -1", "bbox 0 0 1e400 5", "bbox nan 0 1 1", "x_wconf nan", "x_wconf -inf",
    'image "../../etc/passwd"', "bbox 1 2", "0,0 nan,nan", "-3,-4 -1,-2", "1e999,1 2,2",
    "a" * 300, "id", "line_1_1", "page_1",
)  # fmt: skip
HOSTILE_SNIPPETS = (
    b"<", b">", b"&", b"&amp;", b"&#0;", b"&#xD800;", b"]]>", b"<![CDATA[", b"<!--", b"\x00",
    b"\xff\xfe", b"\xef\xbb\xbf", b"\f", b"\t", b"\r\n", b'"', b"'", b" title='bbox 0 0 -1 9'",
    b" class='ocr_page'", b" class='ocrx_word'", b"<span class='ocr_line'>", b"</span>",
    b"<String CONTENT='' HPOS='nan'/>", b"<TextLine><String WC='inf'/></TextLine>",
    b"<TextEquiv index='x' conf='nan'><Unicode/></TextEquiv>", b"<Coords points='a,b'/>",
    b"<!DOCTYPE x>", "\u202e".encode(), b"|", b" | ", b",name\n",
)  # fmt: skip

ATTRIBUTE = re.compile(rb"""(\w+)=(["'])(.*?)\2""", re.S)


@dataclass(frozen=True)
class Seed:
    name: str  # the file name the reader sees (some readers look at suffixes)
    data: bytes


# -- seeds -----------------------------------------------------------------------------------


def _png(width: int = 240, height: int = 80) -> Image.Image:
    image = Image.new("L", (width, height), 255)
    ImageDraw.Draw(image).text((10, 10), "L.I. Brezhnev 1976", fill=0)
    return image


def _encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _lines() -> tuple[Line, ...]:
    words = [("L.I.", 88.0), ("Brezhnev", 91.5), ("wrote", None), ("1976.", 40.0)]
    first = tuple(
        Word(i + 1, text, BBox(10 + 50 * i, 10, 55 + 50 * i, 30), conf)
        for i, (text, conf) in enumerate(words)
    )
    second = (Word(5, "Moscow", BBox(10, 40, 80, 60), 77.0),)
    return (
        Line(1, first, BBox(10, 10, 205, 30), 1, 1),
        Line(2, second, BBox(10, 40, 80, 60), 2, 1),
    )


def seed_project(path: Path) -> Project:
    """A one-page project (scan-1.png, 240x80) with OCR words, open for writing."""
    data = _encoded(_png(), "PNG")
    image = PageImage("scan-1.png", data, "PNG", 240, 80, None, "0" * 64)
    project = Project.create(path, [image])
    run = OcrRun("fuzz", "1", "eng", {}, "", _lines())
    project.set_ocr(project.pages()[0].id, run, Source("ocr"))
    return project


def exported_seeds(folder: Path) -> list[Seed]:
    """Files made by our own exporters from a one-page project with OCR words."""
    seeds = []
    with seed_project(folder / "seed.corrigenda") as project:
        pages = project.document().pages
        for name, filename in (
            ("hocr", "scan-1.hocr"),
            ("alto", "scan-1.alto.xml"),
            ("page", "scan-1.page.xml"),
            ("text", "scan-1.txt"),
        ):
            out = io.BytesIO()
            get_exporter(name).write(project, pages, out, {})
            seeds.append(Seed(filename, out.getvalue()))
    return seeds


TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t240\t80\t-1\t\n"
    "2\t1\t1\t0\t0\t0\t10\t10\t200\t20\t-1\t\n"
    "3\t1\t1\t1\t0\t0\t10\t10\t200\t20\t-1\t\n"
    "4\t1\t1\t1\t1\t0\t10\t10\t200\t20\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t10\t10\t45\t20\t88.5\tL.I.\n"
    "5\t1\t1\t1\t1\t2\t60\t10\t45\t20\t91\tBrezhnev\n"
)
NAMES = "# people\nL.I. Brezhnev | Leonid Brezhnev | Brezhnev\nA.A. Gromyko | Gromyko\nMoscow\n"
NAMES_CSV = 'id,name,note\n1,L.I. Brezhnev,leader\n2,"Gromyko, A.A.",minister\n'


def text_seeds() -> list[Seed]:
    return [Seed("scan-1.tsv", TSV.encode()), Seed("scan-1.gt.txt", b"L.I. Brezhnev wrote\n")]


def real_seeds() -> list[Seed]:
    """The small real OCR files of ../shared/data (none when it is absent)."""
    if not OCR_OUTPUTS.is_dir():
        return []
    found = []
    for path in sorted(OCR_OUTPUTS.rglob("*")):
        usable = path.suffix in {".xml", ".html", ".hocr", ".txt"} and path.is_file()
        if usable and path.stat().st_size <= MAX_REAL_SEED:
            found.append(Seed(path.name, path.read_bytes()))
    return found


def name_seeds() -> list[Seed]:
    return [Seed("names.txt", NAMES.encode()), Seed("names.csv", NAMES_CSV.encode())]


def image_seeds() -> list[Seed]:
    page = _png(120, 40)
    frames = [_png(60, 20), _png(60, 20).rotate(180)]
    tiff = io.BytesIO()
    frames[0].save(tiff, format="TIFF", save_all=True, append_images=frames[1:])
    return [
        Seed("p.png", _encoded(page, "PNG", dpi=(300, 300))),
        Seed("p.jpg", _encoded(page.convert("RGB"), "JPEG", quality=60)),
        Seed("p.tif", tiff.getvalue()),
        Seed("p.pdf", _encoded(page.convert("RGB"), "PDF", resolution=72.0)),
    ]


# -- mutations -------------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, seeds: list[Seed], structured: bool = True) -> Seed:
    """A seed after a few byte-level and (for markup) attribute-level mutations."""
    seed = draw(st.sampled_from(seeds))
    data = bytearray(seed.data)
    for _ in range(draw(st.integers(0, 4))):
        kinds = ["flip", "insert", "delete", "snippet"]
        if structured:
            kinds += ["attribute", "attribute", "nest", "duplicate"]
        kind = draw(st.sampled_from(kinds))
        data = bytearray(_mutate(draw, kind, bytes(data)))
    return Seed(seed.name, bytes(data))


def _mutate(draw: st.DrawFn, kind: str, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    if kind == "flip" and data:
        at = min(at, len(data) - 1)
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if kind == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if kind == "delete":
        return data[:at] + data[at + draw(st.integers(1, 64)) :]
    if kind == "snippet":
        return data[:at] + draw(st.sampled_from(HOSTILE_SNIPPETS)) + data[at:]
    matches = list(ATTRIBUTE.finditer(data))
    if kind == "attribute" and matches:
        match = draw(st.sampled_from(matches))
        value = draw(st.sampled_from(HOSTILE_VALUES)).encode("utf-8")
        value = value.replace(match.group(2), b"")
        return data[: match.start(3)] + value + data[match.end(3) :]
    if kind == "nest":
        depth = draw(st.integers(1, 300))
        tag = draw(st.sampled_from([b"div", b"span", b"TextBlock", b"TextRegion", b"a"]))
        return data[:at] + b"<%s>" % tag * depth + b"</%s>" % tag * depth + data[at:]
    if kind == "duplicate" and data:
        start = min(at, len(data) - 1)
        end = min(len(data), start + draw(st.integers(1, 400)))
        return data[:end] + data[start:end] + data[end:]
    return data


# -- targets ---------------------------------------------------------------------------------


class Bug(AssertionError):
    """A reader did something other than succeed or raise a CorrigendaError."""


def _check_imported(item: ImportedFile | str) -> None:
    if isinstance(item, str):
        return
    for page in item.pages:
        for size in (page.width, page.height):
            if size is not None and not 0 <= size <= MAX_COORDINATE:
                raise Bug(f"page size {size} passed on from {item.path.name}")
        for line in page.lines:
            for box in [line.bbox, *(w.bbox for w in line.words)]:
                if box is not None and not all(0 <= v <= MAX_COORDINATE for v in box.as_list()):
                    raise Bug(f"box {box} passed on from {item.path.name}")
            for word in line.words:
                if word.conf is not None and not math.isfinite(word.conf):
                    raise Bug(f"confidence {word.conf} passed on from {item.path.name}")


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def run_target(target: Callable[[Path], object], folder: Path, seed: Seed) -> str:
    """Run `target` on `seed` written into `folder`: 'ok', 'refused', or raise Bug."""
    path = folder / seed.name
    path.write_bytes(seed.data)
    before = _listing(folder)
    try:
        target(path)
        outcome = "ok"
    except CorrigendaError:
        outcome = "refused"
    except Bug:
        raise
    except Exception as exc:  # anything else is the bug this fuzzing is here to find
        raise Bug(f"{type(exc).__name__}: {exc} reading {seed.name}") from exc
    finally:
        after = _listing(folder)
        path.unlink()
    if after != before:
        raise Bug(f"reading {seed.name} wrote {sorted(after - before)}")
    return outcome


def import_target(path: Path) -> None:
    _check_imported(read_file(path))


class ProjectTarget:
    """Imports each file (OCR file or transcript) into a fresh copy of the seed project, then
    reads the page back, so hostile values that parse are also followed into the store."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.template = folder / "template.corrigenda"
        seed_project(self.template).close()

    def __call__(self, path: Path) -> None:
        target = self.folder / "target.corrigenda"
        shutil.copyfile(self.template, target)
        with Project.open(target) as project:
            import_files(project, [path])
            for info in project.pages():
                project.page(info.id).layout()


def names_target(path: Path) -> None:
    text, _ = decode_name_list(path.read_bytes(), path.name)
    index = NameIndex([parse_name_list(text, path.name)])
    for window in ("L.I. Brezhnev", "I.I. Brezhnev", "Gromyko", "", "l"):
        index.exact(window)
        index.approximate(window)


def loader_target(path: Path) -> None:
    skipped: list[Skipped] = []
    for page in load_pages([path], skipped=skipped):
        if page.width <= 0 or page.height <= 0 or not page.data:
            raise Bug(f"page {page.name} of {page.width}x{page.height} passed on")
    if skipped:  # the loader goes on past a bad file; the refusal is what counts here
        raise InputError(skipped[0].reason)


# -- running a reader in a subprocess under limits -------------------------------------------


@dataclass(frozen=True)
class Limited:
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool


def run_limited(code: str, *, seconds: float = 60, memory_mb: int = 1500) -> Limited:
    """Run Python `code` in a fresh interpreter with an address-space limit and a timeout.

    The code prints its outcome; a hang shows as timed_out, runaway memory as a MemoryError or
    a non-zero exit.
    """
    prelude = textwrap.dedent(
        f"""
        import resource
        limit = {memory_mb} * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        """
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "app"), OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            [sys.executable, "-c", prelude + textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=seconds,
            env=env,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return Limited(-1, out, "", True)
    return Limited(done.returncode, done.stdout, done.stderr, False)
