"""Draw the app icon: a white 年 on a red rounded square (resources/icons/nianbao.png and .ico).

A one-off developer tool; the icons it writes are committed. Needs Pillow and the
WenQuanYi Micro Hei font (Debian: fonts-wqy-microhei). Run: python3 tools/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
RED, GOLD, WHITE = (183, 28, 28, 255), (255, 214, 102, 255), (255, 255, 255, 255)
CANVAS = 1024  # drawn large, then scaled down for each size
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def draw(size: int) -> Image.Image:
    """The icon at `size` pixels; small sizes get a bolder glyph so 年 stays legible."""
    img = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    margin = CANVAS // 32
    d.rounded_rectangle((margin, margin, CANVAS - margin, CANVAS - margin), radius=CANVAS // 6, fill=RED)
    # a thin gold rule near the bottom: the underline of a report title
    if size >= 32:
        d.rectangle((CANVAS * 0.22, CANVAS * 0.82, CANVAS * 0.78, CANVAS * 0.85), fill=GOLD)
    font = ImageFont.truetype(FONT, int(CANVAS * 0.62), index=0)
    stroke = CANVAS // (24 if size <= 24 else 40)
    centre_y = CANVAS * (0.44 if size >= 32 else 0.5)
    d.text((CANVAS / 2, centre_y), "年", font=font, fill=WHITE, anchor="mm", stroke_width=stroke, stroke_fill=WHITE)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(OUT / "nianbao.png", optimize=True)
    frames = [draw(s) for s in ICO_SIZES]
    frames[-1].save(OUT / "nianbao.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=frames[:-1])
    print(f"wrote {OUT / 'nianbao.png'} and {OUT / 'nianbao.ico'}")


if __name__ == "__main__":
    main()
