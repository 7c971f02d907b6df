"""Loading page images: formats, natural order, and refusal of bad files by name."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from corrigenda.errors import InputError
from corrigenda.ocr.inputs import Skipped, expand, load_pages


def save(path: Path, size: tuple[int, int] = (120, 80), fmt: str = "PNG") -> Path:
    Image.new("L", size, 200).save(path, format=fmt, dpi=(300, 300))
    return path


def load(*paths: Path) -> tuple[list, list[Skipped]]:
    skipped: list[Skipped] = []
    return list(load_pages(paths, skipped=skipped)), skipped


def test_folder_is_read_in_natural_order(tmp_path: Path) -> None:
    for name in ["page-10.png", "page-2.png", "page-1.jpg", "notes.txt"]:
        if name.endswith("txt"):
            (tmp_path / name).write_text("not a page")
        else:
            save(tmp_path / name, fmt="JPEG" if name.endswith("jpg") else "PNG")
    assert [p.name for p in expand([tmp_path])] == ["page-1.jpg", "page-2.png", "page-10.png"]


def test_png_keeps_its_own_bytes(tmp_path: Path) -> None:
    path = save(tmp_path / "a.png")
    (page,), skipped = load(path)
    assert page.data == path.read_bytes() and page.dpi == 300 and not skipped


def test_multipage_tiff_gives_one_page_per_frame(tmp_path: Path) -> None:
    frames = [Image.new("L", (50, 40), shade) for shade in (0, 128, 255)]
    path = tmp_path / "scan.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    pages, _ = load(path)
    assert [p.name for p in pages] == ["scan.tif#1", "scan.tif#2", "scan.tif#3"]
    assert Image.open(io.BytesIO(pages[1].data)).getpixel((0, 0)) == 128


def test_pdf_pages_are_rasterised(tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    Image.new("L", (200, 100), 255).save(
        path, save_all=True, resolution=100, append_images=[Image.new("L", (200, 100), 0)]
    )
    pages, skipped = load(path)
    assert not skipped
    assert [p.name for p in pages] == ["doc.pdf#1", "doc.pdf#2"]
    assert pages[0].dpi == 300 and pages[0].width == 600  # 2 inches at 300 dpi


def test_bad_files_are_skipped_by_name_and_good_ones_kept(tmp_path: Path) -> None:
    good = save(tmp_path / "good.png")
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"this is not an image")
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(good.read_bytes()[:-30])
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    pages, skipped = load(garbage, good, truncated, broken_pdf)
    assert [p.name for p in pages] == ["good.png"]
    reasons = {s.path.name: s.reason for s in skipped}
    assert "not an image" in reasons["garbage.png"]
    assert "truncated" in reasons["truncated.png"]
    assert "broken.pdf" in reasons["broken.pdf"]


def test_damaged_and_truncated_pages_are_refused_without_decoding_them(tmp_path: Path) -> None:
    """A PNG is checked by its chunks' checksums (nothing decoded); a JPEG is decoded whole."""
    png = save(tmp_path / "scan.png", size=(400, 300)).read_bytes()
    idat = png.index(b"IDAT") + 20
    flipped = png[:idat] + bytes([png[idat] ^ 0x40]) + png[idat + 1 :]
    (tmp_path / "flipped.png").write_bytes(flipped)
    (tmp_path / "no-end.png").write_bytes(png[: png.index(b"IEND") - 4])
    jpeg = save(tmp_path / "scan.jpg", size=(400, 300), fmt="JPEG").read_bytes()
    (tmp_path / "short.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    names = ["scan.png", "flipped.png", "no-end.png", "scan.jpg", "short.jpg"]
    pages, skipped = load(*(tmp_path / name for name in names))
    assert [p.name for p in pages] == ["scan.png", "scan.jpg"]
    assert pages[0].width == 400 and pages[0].height == 300 and pages[0].dpi == 300
    assert sorted(s.path.name for s in skipped) == ["flipped.png", "no-end.png", "short.jpg"]
    assert all("damaged or truncated" in s.reason for s in skipped)


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge size (a decompression bomb's calling card)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png_claiming(40000, 40000))
    pages, skipped = load(bomb)
    assert pages == [] and "more pixels" in skipped[0].reason


def test_encrypted_pdf_is_refused_by_name(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    Image.new("L", (100, 100), 255).save(plain)
    data = plain.read_bytes()
    # An /Encrypt entry in the trailer makes a reader ask for the password.
    encrypted = data.replace(
        b"trailer\n<<",
        b"trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <"
        + b"00" * 32
        + b"> /U <"
        + b"00" * 32
        + b"> /P -4 >>\n/ID [<00> <00>]",
        1,
    )
    assert encrypted != data
    path = tmp_path / "secret.pdf"
    path.write_bytes(encrypted)
    pages, skipped = load(path)
    assert pages == []
    assert "secret.pdf" in skipped[0].reason
    assert "encrypted" in skipped[0].reason or "password" in skipped[0].reason


def test_missing_path_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.png does not exist"):
        expand([tmp_path / "nowhere.png"])


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="holds no PNG"):
        expand([tmp_path])
