"""Clean-up variants: any image mode in, 8-bit grey out; the same bytes give the same page."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from corrigenda.model import BBox
from corrigenda.ocr import cleanup


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "TIFF" if image.mode in ("CMYK", "I") else "PNG")
    return out.getvalue()


def _text_page(width: int = 400, height: int = 160) -> Image.Image:
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    for row in range(3):
        draw.rectangle((20, 20 + row * 45, 380, 45 + row * 45), fill=0)  # bars of "ink"
    return page


@pytest.mark.parametrize("mode", ["1", "L", "P", "RGB", "RGBA", "LA", "CMYK", "I;16", "I"])
def test_every_image_mode_becomes_8_bit_grey(mode: str) -> None:
    page = _text_page()
    if mode == "I;16":
        image = Image.fromarray(np.asarray(page, dtype=np.uint16) * 200)
    elif mode == "I":
        image = Image.fromarray(np.asarray(page, dtype=np.int32) * 200)
    else:
        image = page.convert(mode)
    assert image.mode == mode
    pixels = cleanup.grey(_png(image))
    assert pixels.dtype == np.uint8 and pixels.shape == (160, 400)
    assert pixels[30, 100] < 64 and pixels[5, 5] > 192  # ink stays dark, paper light


def test_tiny_and_undecodable_images_are_refused_with_a_reason() -> None:
    with pytest.raises(cleanup.CleanupError, match="too small"):
        cleanup.grey(_png(Image.new("L", (10, 1), 255)))
    with pytest.raises(cleanup.CleanupError, match="cannot be decoded"):
        cleanup.grey(b"not an image at all")


def test_a_variant_is_derived_again_byte_for_byte() -> None:
    data = _png(_text_page())
    for name in cleanup.VARIANTS:
        assert cleanup.derive(data, name) == cleanup.derive(data, name)


def test_unknown_variants_name_the_choices() -> None:
    with pytest.raises(ValueError, match="despeckle"):
        cleanup.variant("sharpen")


def test_specks_go_and_print_stays() -> None:
    page = np.full((200, 400), 255, dtype=np.uint8)
    for x in range(20, 380, 40):
        page[60:100, x : x + 20] = 0  # letters: 20×40, strokes 4 pixels wide
        page[64:96, x + 4 : x + 16] = 255
    page[94:100, 206:212] = 0  # a full stop: 6×6, kept
    rng = np.random.default_rng(1)
    ys, xs = rng.integers(120, 200, 300), rng.integers(0, 400, 300)
    page[ys, xs] = 0  # single-pixel speckle
    cleaned = cleanup.apply(page, cleanup.Variant("t", ("specks",), "")).pixels
    assert (cleaned[120:, :] == 255).all()
    assert (cleaned[60:100, 20:40] == page[60:100, 20:40]).all()
    assert (cleaned[94:100, 206:212] == 0).all()


def test_deskew_straightens_and_maps_boxes_back_to_the_original() -> None:
    page = Image.new("L", (800, 600), 255)
    draw = ImageDraw.Draw(page)
    for row in range(8):
        draw.rectangle((100, 80 + row * 60, 700, 100 + row * 60), fill=0)
    tilted = np.asarray(page.rotate(1.5, fillcolor=255, resample=Image.BILINEAR))
    cleaned = cleanup.apply(tilted, cleanup.variant("deskew"))
    assert cleaned.moved and abs(abs(cleaned.params["deskew"]) - 1.5) < 0.25
    rows = (cleaned.pixels < 128).sum(axis=1)
    assert rows.max() > 0.9 * 600  # a bar lies flat again: one row holds nearly all of it
    inside = BBox(390, 290, 410, 310)
    back = cleaned.to_original(inside, 800, 600)
    assert abs(back.x0 - 390) < 15 and abs(back.y0 - 290) < 15


@pytest.mark.parametrize("angle", [-2.7, -0.8, 0.6, 2.3])
def test_deskew_finds_angles_between_the_coarse_steps(angle: float) -> None:
    # The search looks every half degree, then every tenth around the best: an angle between
    # two coarse steps is still found to a tenth.
    page = Image.new("L", (800, 600), 255)
    draw = ImageDraw.Draw(page)
    for row in range(8):
        draw.rectangle((100, 80 + row * 60, 700, 100 + row * 60), fill=0)
    tilted = np.asarray(page.rotate(angle, fillcolor=255, resample=Image.BILINEAR))
    found = cleanup.apply(tilted, cleanup.variant("deskew")).params["deskew"]
    assert abs(abs(found) - abs(angle)) <= 0.11


def test_a_blank_page_is_not_turned() -> None:
    # Every angle sharpens nothing: the page stays as it is (the first angle tried once won).
    cleaned = cleanup.apply(np.full((300, 400), 255, dtype=np.uint8), cleanup.variant("deskew"))
    assert not cleaned.moved and cleaned.params["deskew"] == 0.0


def test_upscale_maps_boxes_back_at_half_size() -> None:
    cleaned = cleanup.apply(np.asarray(_text_page()), cleanup.variant("upscale"))
    assert cleaned.pixels.shape == (320, 800)
    assert cleaned.to_original(BBox(100, 40, 200, 80), 400, 160) == BBox(50, 20, 100, 40)


def test_dust_apart_from_the_print_goes_and_full_stops_and_dashes_stay() -> None:
    page = np.full((300, 600), 255, dtype=np.uint8)
    for x in range(20, 300, 40):
        page[60:100, x : x + 20] = 0  # a word of letters, 20×40
    page[94:100, 286:292] = 0  # its full stop, beside the last letter
    page[200:209, 400:409] = 0  # dust between lines, as big as the full stop and more
    page[150:156, 100:106] = 0
    page[250:255, 300:324] = 0  # a dash standing alone ("- 2 -"): print, not dust
    cleaned = cleanup.apply(page, cleanup.Variant("t", ("isolated",), "")).pixels
    assert (cleaned[94:100, 286:292] == 0).all() and (cleaned[60:100, 20:40] == 0).all()
    assert (cleaned[250:255, 300:324] == 0).all()
    cleaned[250:255, 300:324] = 255
    assert (cleaned[140:, :] == 255).all()


def test_speckle_counts_tiny_marks_per_letter_however_many_there_are() -> None:
    page = np.full((400, 800), 255, dtype=np.uint8)
    for row in range(4):
        for x in range(20, 780, 30):
            page[40 + row * 90 : 80 + row * 90, x : x + 18] = 0  # 104 letters
    assert cleanup.speckle(page) == 0.0
    rng = np.random.default_rng(3)
    for dots, low, high in ((100, 0.5, 1.5), (5000, 20, 60)):
        specked = page.copy()
        specked[rng.integers(0, 400, dots), rng.integers(0, 800, dots)] = 0
        assert low < cleanup.speckle(specked) < high  # specks never pass for letters


def test_specks_and_dust_removed_in_one_pass_as_in_two() -> None:
    # `apply` runs "specks" then "isolated" from one labelling of the ink; the page must be
    # the one the two steps make one after the other.
    rng = np.random.default_rng(7)
    page = np.full((300, 600), 255, dtype=np.uint8)
    for x in range(20, 560, 40):
        page[100:130, x : x + 22] = 0  # letters
        page[128:131, x + 26 : x + 29] = 0  # a full stop beside each
    ys, xs = rng.integers(0, 300, 400), rng.integers(0, 600, 400)
    page[ys, xs] = 0  # salt
    for y, x in zip(rng.integers(0, 290, 30), rng.integers(0, 590, 30)):
        page[y : y + 4, x : x + 5] = 0  # dust
    both = cleanup.apply(page, cleanup.Variant("t", ("specks", "isolated"), "")).pixels
    apart = cleanup.apply(
        cleanup.apply(page, cleanup.Variant("s", ("specks",), "")).pixels,
        cleanup.Variant("i", ("isolated",), ""),
    ).pixels
    assert np.array_equal(both, apart)
    assert not np.array_equal(both, page)
