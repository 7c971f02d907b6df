"""Loading page images from files, folders and PDFs, refusing what cannot be trusted.

PNG and JPEG pages keep the file's own bytes, checked whole (a PNG by its chunks' checksums, a
JPEG by decoding it). Each frame of a multi-page TIFF and each page of a PDF (rasterised by
pdfium at 300 dpi by default) becomes a lossless PNG. Pillow's decompression-bomb limit stays
on; truncated, unreadable and encrypted files are refused by name.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from corrigenda.errors import InputError
from corrigenda.model import PageImage

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
PDF_SUFFIX = ".pdf"
MAX_PDF_PAGES = 5000  # pages of one PDF, and frames of one TIFF
DEFAULT_PDF_DPI = 300


@dataclass(frozen=True)
class Skipped:
    """An input that was left out, and why (for the user)."""

    path: Path
    reason: str


def natural_key(path: Path) -> list[object]:
    """Sort 'page-2' before 'page-10'."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]


def is_page_file(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES | {PDF_SUFFIX}


def expand(
    inputs: Iterable[str | Path],
    keep: Callable[[Path], bool] = is_page_file,
    what: str = "PNG, JPEG, TIFF or PDF files",
) -> list[Path]:
    """Files named, and the files of folders named that `keep` accepts (hidden files never),
    in natural order. A folder with none of them is an error: it was named for a reason."""
    files: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            found = [
                p for p in item.iterdir() if p.is_file() and not p.name.startswith(".") and keep(p)
            ]
            if not found:
                raise InputError(f"folder {item} holds no {what}")
            files.extend(sorted(found, key=natural_key))
        elif item.is_file():
            files.append(item)
        else:
            raise InputError(f"{item} does not exist")
    return files


def load_pages(
    inputs: Iterable[str | Path], *, pdf_dpi: int = DEFAULT_PDF_DPI, skipped: list[Skipped]
) -> Iterator[PageImage]:
    """Yield every page of the inputs; a bad file is added to `skipped` and the rest go on."""
    for path in expand(inputs):
        try:
            if path.suffix.lower() == PDF_SUFFIX or _starts_with(path, b"%PDF-"):
                yield from _pdf_pages(path, pdf_dpi)
            else:
                yield from _image_pages(path)
        except InputError as exc:
            skipped.append(Skipped(path, exc.message))


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False


def _image_pages(path: Path) -> Iterator[PageImage]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    with warnings.catch_warnings():
        # Over Pillow's pixel limit is refused, not merely warned about.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                frames = _frame_count(path, data, image)
                if image.format not in {"PNG", "JPEG", "TIFF"}:
                    raise InputError(
                        f"{path} is a {image.format} image; Corrigenda takes PNG, JPEG, TIFF "
                        "and PDF: convert it first"
                    )
                if frames == 1:
                    _check_whole(image)
                    yield _page_image(path.name, data, image)
                    return
                for index in range(frames):
                    image.seek(index)
                    frame = image.copy()
                    yield _png_page(f"{path.name}#{index + 1}", frame, _dpi(image))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise InputError(
                f"{path} claims more pixels than a page scan can have: refused ({exc})"
            ) from exc
        except UnidentifiedImageError as exc:
            raise InputError(f"{path} is not an image Corrigenda can read") from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise InputError(
                f"{path} is damaged or truncated ({exc}): rescan or re-export it"
            ) from exc


def _check_whole(image: Image.Image) -> None:
    """Fail on a damaged or truncated file. A PNG's chunks each carry a checksum, which Pillow's
    verify reads through to the end without decoding the pixels (a tenth of the time of
    decoding, most of a `new` of a few pages); other formats are decoded."""
    if image.format == "PNG":
        image.verify()
    else:
        image.load()


def _frame_count(path: Path, data: bytes, image: Image.Image) -> int:
    """The frames of a (TIFF) image, refusing more than a PDF may have pages without
    counting them all (a hostile file can chain millions of tiny frames).

    Pillow reads a frame's tags only when it seeks there, and a damaged frame raises KeyError
    (an unknown compression) or TypeError (no dimensions) from the seek. A failed seek leaves
    Pillow's frame count wrong, so the probe is a second handle on the same bytes.
    """
    try:
        if getattr(image, "is_animated", False):
            with Image.open(io.BytesIO(data)) as probe:
                try:
                    probe.seek(MAX_PDF_PAGES)
                except EOFError:
                    pass
                else:
                    raise InputError(f"{path} has more than {MAX_PDF_PAGES} frames: split it first")
        return int(getattr(image, "n_frames", 1))
    except (KeyError, TypeError) as exc:
        raise InputError(f"{path} is damaged (a frame is unreadable: {exc!r}): rescan it") from exc


def _dpi(image: Image.Image) -> int | None:
    dpi = image.info.get("dpi")
    if dpi and dpi[0]:
        return round(float(dpi[0]))
    return None


def _page_image(name: str, data: bytes, image: Image.Image) -> PageImage:
    return PageImage(
        name=name,
        data=data,
        format=str(image.format),
        width=image.width,
        height=image.height,
        dpi=_dpi(image),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _png_page(name: str, image: Image.Image, dpi: int | None) -> PageImage:
    buffer = io.BytesIO()
    if image.mode not in {"1", "L", "RGB", "RGBA", "I;16"}:
        image = image.convert("RGB")
    image.save(buffer, format="PNG", dpi=(dpi, dpi) if dpi else None)
    data = buffer.getvalue()
    return PageImage(
        name, data, "PNG", image.width, image.height, dpi, hashlib.sha256(data).hexdigest()
    )


def _pdf_pages(path: Path, dpi: int) -> Iterator[PageImage]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise InputError(
                f"{path} is encrypted: remove the password (e.g. with qpdf) and try again"
            ) from exc
        raise InputError(f"{path} is not a readable PDF ({reason})") from exc
    try:
        count = len(document)
        if count == 0:
            raise InputError(f"{path} has no pages")
        if count > MAX_PDF_PAGES:
            raise InputError(f"{path} has {count} pages, more than {MAX_PDF_PAGES}: split it first")
        for index in range(count):
            page = document[index]
            width, height = page.get_size()  # in points
            pixels = (width * dpi / 72) * (height * dpi / 72)
            if pixels > Image.MAX_IMAGE_PIXELS:
                raise InputError(
                    f"{path} page {index + 1} would be {pixels / 1e6:.0f} megapixels at {dpi} dpi: "
                    "refused; lower the resolution"
                )
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            yield _png_page(f"{path.name}#{index + 1}", image, dpi)
    except pdfium.PdfiumError as exc:
        raise InputError(f"{path} is damaged ({exc})") from exc
    finally:
        document.close()
