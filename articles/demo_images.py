"""
Featured images for the demo articles, drawn with Pillow so the demo ships no photographs.

Each picture is a soft two-colour gradient with a few simple shapes on it; the shapes are
placed by a random generator seeded with the article's slug, so a picture is the same on every
run and different from its neighbours.
"""

import io
import math
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = (1600, 900)
PORTRAIT_SIZE = (480, 480)
# (top, bottom, letters) colours of the demo portraits, chosen by the person's slug.
PORTRAIT_PALETTES = (
    ((214, 236, 240), (60, 140, 170), (255, 255, 255)),
    ((236, 226, 214), (160, 100, 70), (255, 255, 255)),
    ((222, 238, 228), (40, 120, 90), (255, 255, 255)),
    ((232, 226, 240), (110, 80, 150), (255, 255, 255)),
)


def draw_featured_image(*, slug, motif, palette, size=None):
    """A JPEG named after the slug, ready to assign to Article.featured_image."""
    size = size or SIZE
    top, bottom, accent, light = palette
    rng = random.Random(slug)
    image = _gradient(size, top, bottom)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    _bubbles(draw, size, rng, light)
    MOTIFS[motif](draw, size, rng, accent, light)
    layer = layer.filter(ImageFilter.GaussianBlur(1.2))
    image = Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88)
    return ContentFile(out.getvalue(), name=f"{slug}.jpg")


def draw_portrait(*, slug, name, size=None):
    """A square JPEG with the person's initials, named after the slug: the demo's stand-in
    for a photograph, ready to assign to Person.photo."""
    size = size or PORTRAIT_SIZE
    rng = random.Random(slug)
    top, bottom, letters = rng.choice(PORTRAIT_PALETTES)
    image = _gradient(size, top, bottom)
    draw = ImageDraw.Draw(image)
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    font = ImageFont.load_default(size=size[1] // 3)
    draw.text((size[0] / 2, size[1] / 2), initials, fill=letters, font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88)
    return ContentFile(out.getvalue(), name=f"{slug}.jpg")


def _gradient(size, top, bottom):
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _alpha(color, alpha):
    return (*color, alpha)


def _bubbles(draw, size, rng, color):
    """Faint circles scattered over the background, for depth."""
    width, height = size
    for _ in range(14):
        radius = rng.randint(height // 30, height // 8)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=_alpha(color, rng.randint(18, 45)),
        )


def _wave_points(size, baseline, amplitude, wavelength, phase):
    width, height = size
    points = [
        (x, baseline + amplitude * math.sin(2 * math.pi * x / wavelength + phase))
        for x in range(0, width + 20, 20)
    ]
    return [*points, (width, height), (0, height)]


def _waves(draw, size, rng, accent, light):
    height = size[1]
    for index in range(4):
        baseline = height * (0.55 + 0.11 * index)
        points = _wave_points(
            size, baseline, rng.randint(18, 40), rng.randint(500, 900), rng.random() * 6
        )
        draw.polygon(points, fill=_alpha(accent if index % 2 else light, 70 + 30 * index))


def _sun(draw, size, rng, accent, light):
    width, height = size
    cx, cy, radius = width * rng.uniform(0.62, 0.78), height * 0.36, height * 0.17
    for step in range(16):
        angle = step * math.pi / 8
        inner, outer = radius * 1.3, radius * 1.75
        draw.line(
            (
                cx + inner * math.cos(angle),
                cy + inner * math.sin(angle),
                cx + outer * math.cos(angle),
                cy + outer * math.sin(angle),
            ),
            fill=_alpha(light, 170),
            width=10,
        )
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=_alpha(light, 235))
    _hills(draw, size, rng, accent)


def _hills(draw, size, rng, color):
    width, height = size
    for index, alpha in enumerate((120, 190)):
        cx = width * rng.uniform(0.1, 0.9)
        rx, top = width * (0.55 - 0.1 * index), height * (0.68 + 0.08 * index)
        draw.ellipse((cx - rx, top, cx + rx, top + height), fill=_alpha(color, alpha))


def _leaf(draw, cx, cy, length, angle, fill, vein):
    """A leaf: two arcs meeting at the tips, drawn as a polygon, with a midrib."""
    points = []
    for side in (1, -1):
        for step in range(21):
            t = step / 20 if side == 1 else 1 - step / 20
            along = (t - 0.5) * length
            across = side * math.sin(math.pi * t) * length * 0.22
            points.append(
                (
                    cx + along * math.cos(angle) - across * math.sin(angle),
                    cy + along * math.sin(angle) + across * math.cos(angle),
                )
            )
    draw.polygon(points, fill=fill)
    half = length / 2
    draw.line(
        (
            cx - half * math.cos(angle),
            cy - half * math.sin(angle),
            cx + half * math.cos(angle),
            cy + half * math.sin(angle),
        ),
        fill=vein,
        width=4,
    )


def _leaves(draw, size, rng, accent, light):
    width, height = size
    stem_x = width * rng.uniform(0.55, 0.7)
    draw.line((stem_x, height, stem_x + 60, height * 0.12), fill=_alpha(accent, 220), width=12)
    for index in range(7):
        t = 0.2 + index * 0.11
        x, y = stem_x + 60 * (1 - t), height * (1 - 0.88 * t)
        side = 1 if index % 2 else -1
        length = height * rng.uniform(0.22, 0.3)
        angle = (
            math.radians(180 + side * rng.uniform(25, 45))
            if side < 0
            else math.radians(-rng.uniform(25, 45))
        )
        offset = length * 0.45
        _leaf(
            draw,
            x + offset * math.cos(angle),
            y + offset * math.sin(angle),
            length,
            angle,
            _alpha(accent, 200),
            _alpha(light, 150),
        )


def _moon(draw, size, rng, accent, light):
    width, height = size
    for _ in range(40):
        x, y, r = rng.randint(0, width), rng.randint(0, int(height * 0.7)), rng.randint(2, 5)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_alpha(light, rng.randint(120, 230)))
    draw.polygon(_crescent(width * 0.7, height * 0.34, height * 0.2), fill=_alpha(light, 240))
    _hills(draw, size, rng, accent)


def _crescent(cx, cy, radius, steps=120):
    """The part of a disc not covered by the same disc shifted up and to the right."""
    sx, sy = cx + radius * 0.45, cy - radius * 0.18

    def inside(x, y, ox, oy):
        return (x - ox) ** 2 + (y - oy) ** 2 < radius**2

    toward = math.atan2(sy - cy, sx - cx)
    outer = [
        (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        for angle in (toward + 2 * math.pi * step / steps for step in range(steps + 1))
    ]
    inner = [
        (sx + radius * math.cos(angle), sy + radius * math.sin(angle))
        for angle in (toward - 2 * math.pi * step / steps for step in range(steps + 1))
    ]
    lit = [point for point in outer if not inside(*point, sx, sy)]
    edge = [point for point in inner if inside(*point, cx, cy)]
    return lit + edge


def _drops(draw, size, rng, accent, light):
    width, height = size
    for _ in range(9):
        cx, cy = rng.uniform(0.1, 0.9) * width, rng.uniform(0.2, 0.85) * height
        radius = rng.uniform(0.05, 0.1) * height
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius), fill=_alpha(accent, 150)
        )
        draw.polygon(
            [
                (cx - radius * 0.97, cy - radius * 0.25),
                (cx, cy - radius * 2.4),
                (cx + radius * 0.97, cy - radius * 0.25),
            ],
            fill=_alpha(accent, 150),
        )
        glint = radius * 0.3
        draw.ellipse(
            (cx - radius * 0.5, cy - radius * 0.5, cx - radius * 0.5 + glint, cy - radius * 0.2),
            fill=_alpha(light, 200),
        )


def _path(draw, size, rng, accent, light):
    """A winding path over rolling hills: walking."""
    width, height = size
    _hills(draw, size, rng, accent)
    phase = rng.random() * 2
    left, right = [], []
    for step in range(41):
        t = step / 40
        x = width * (0.5 + 0.16 * math.sin(t * 6 + phase) * (1 - t))
        y = height - t * height * 0.5
        half = 4 + 80 * (1 - t)
        left.append((x - half, y))
        right.append((x + half, y))
    draw.polygon(left + right[::-1], fill=_alpha(light, 210))
    _sun_disc(draw, width * 0.2, height * 0.25, height * 0.09, light)


def _sun_disc(draw, cx, cy, radius, color):
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=_alpha(color, 220))


def _rings(draw, size, rng, accent, light):
    """Concentric rings spreading like a slow breath."""
    width, height = size
    cx, cy = width * rng.uniform(0.45, 0.6), height * 0.5
    for index in range(7, 0, -1):
        radius = height * 0.07 * index
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            outline=_alpha(light, 60 + 22 * (7 - index)),
            width=8,
        )
    _sun_disc(draw, cx, cy, height * 0.06, accent)


def _jars(draw, size, rng, accent, light):
    """Three rounded jars on a shelf: fermented foods."""
    width, height = size
    shelf = height * 0.8
    draw.rectangle((0, shelf, width, shelf + height * 0.04), fill=_alpha(accent, 200))
    for index in range(3):
        jar_w, jar_h = width * 0.13, height * rng.uniform(0.38, 0.5)
        left = width * (0.22 + 0.2 * index)
        draw.rounded_rectangle(
            (left, shelf - jar_h, left + jar_w, shelf), radius=40, fill=_alpha(light, 150)
        )
        draw.rounded_rectangle(
            (left + 12, shelf - jar_h * 0.65, left + jar_w - 12, shelf - 12),
            radius=30,
            fill=_alpha(accent, 150 + 30 * index),
        )
        draw.rectangle(
            (left + 10, shelf - jar_h - 28, left + jar_w - 10, shelf - jar_h + 6),
            fill=_alpha(accent, 230),
        )


MOTIFS = {
    "waves": _waves,
    "sun": _sun,
    "leaves": _leaves,
    "moon": _moon,
    "drops": _drops,
    "path": _path,
    "rings": _rings,
    "jars": _jars,
}
