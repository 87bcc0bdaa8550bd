"""Link-preview images (Open Graph ``og:image``): one card per section, collection and other page, per language.

Drawn at build time with Pillow and a system font that has every Vietnamese letter (Noto Sans or DejaVu
Sans, from Debian's fonts-noto-core and fonts-dejavu-core), without the network. A card shows only
interface text (the site's name, its organisation, the section's title), never content, and the same
titles give the same bytes (PNG without metadata), so two builds stay identical.
"""

from __future__ import annotations

import dataclasses
import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from portal.cache import BuildCache, digest
from portal.problems import BuildError

SIZE = WIDTH, HEIGHT = 1200, 630
"""What link previews show whole (Open Graph's recommended 1.91:1)."""
FOLDER = "assets/cards"
NAMESPACE = "cards"
"""Where the build cache keeps drawn cards."""
MARGIN = 72
BAND = 132
BLUE, WHITE, INK, ACCENT = "#0b3d6b", "#ffffff", "#1f1f1f", "#d9730d"
FONTS = (
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)
"""Fonts with every Vietnamese letter, the first found is used."""


@dataclass(frozen=True)
class Card:
    """One card: the file it is written to and what it says."""

    key: str
    """The section, collection or page it stands for (``home`` for the home and hand-written pages)."""
    lang: str
    organisation: str
    site_name: str
    title: str

    @property
    def path(self) -> str:
        """Site-relative address of its PNG file."""
        return f"{FOLDER}/{self.key}.{self.lang}.png"

    @property
    def alt(self) -> str:
        return self.site_name if self.title == self.site_name else f"{self.site_name}: {self.title}"


def font_path() -> str:
    """The first installed font of FONTS; a BuildError naming the package to install when none is."""
    for path in FONTS:
        if os.path.isfile(path):
            return path
    raise BuildError("no font with Vietnamese letters for the link-preview images: install fonts-noto-core")


def _lines(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width``, at spaces."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _fitted(draw: ImageDraw.ImageDraw, text: str, path: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font size (72 down to 36) at which ``text`` takes at most three lines."""
    for size in range(72, 35, -6):
        font = ImageFont.truetype(path, size)
        lines = _lines(draw, text, font, width)
        if len(lines) <= 3:
            return font, lines
    return font, lines[:3]


def draw(card: Card, font: str) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", SIZE, WHITE)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, BAND), fill=BLUE)
    pen.rectangle((0, BAND, WIDTH, BAND + 10), fill=ACCENT)
    small = ImageFont.truetype(font, 34)
    pen.text((MARGIN, BAND // 2), card.organisation, font=small, fill=WHITE, anchor="lm")
    title, lines = _fitted(pen, card.title, font, WIDTH - 2 * MARGIN)
    pen.multiline_text((MARGIN, 200), "\n".join(lines), font=title, fill=INK, spacing=18)
    pen.text((MARGIN, HEIGHT - MARGIN), card.site_name, font=small, fill=BLUE, anchor="ls")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def write_cards(cards: list[Card], site_dir: Path, store: BuildCache | None = None) -> list[Path]:
    """Every card drawn into ``site_dir``, or taken from ``store`` where an earlier build drew it with the same
    font (the drawing code and Pillow's version are the store's version); return the paths."""
    font = font_path()
    face = digest(font, Path(font).read_bytes()) if store else ""
    written = []
    for card in cards:
        key = digest(face, *dataclasses.astuple(card))
        data = store.get(NAMESPACE, key) if store else None
        if data is None:
            data = draw(card, font)
            if store:
                store.put(NAMESPACE, key, data)
        path = site_dir / card.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
