#!/usr/bin/env python3
"""Draw some of the example site's screenshots at 2x, without the red frame
burned in, and print the `#mark=` each guide writes instead.

It reuses draw.py's scenes, drawing every shape and text at twice the
coordinates (fonts at twice the size), so a `NAME@2x.png` is a true 1600x1000
HiDPI capture of the same 800x500 screen. The element draw.py would frame
(`hl`) becomes a `rect:` mark in the 2x pixels instead.

    python3 scripts/screenshots/draw2x.py account/reset-password/shots/en-step02.png ...

Each argument is a scene key of draw.py; the picture is written beside the
1x one as `<name>@2x.png`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import draw  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

S = 2


def sc(v):
    if isinstance(v, (int, float)):
        return v * S
    return type(v)(sc(x) for x in v) if isinstance(v, (list, tuple)) else v


class ScaledDraw:
    """ImageDraw at S times the coordinates, widths, radii and font sizes."""

    def __init__(self, img):
        self.d = ImageDraw.Draw(img)

    @staticmethod
    def big(f):
        return f.font_variant(size=f.size * S)

    def _kw(self, kw):
        if "width" in kw:
            kw["width"] = max(1, kw["width"] * S)
        if "font" in kw:
            kw["font"] = self.big(kw["font"])
        return kw

    def line(self, xy, **kw):
        return self.d.line(sc(xy), **self._kw(kw))

    def ellipse(self, xy, **kw):
        return self.d.ellipse(sc(xy), **self._kw(kw))

    def arc(self, xy, start, end, **kw):
        return self.d.arc(sc(xy), start, end, **self._kw(kw))

    def chord(self, xy, start, end, **kw):
        return self.d.chord(sc(xy), start, end, **self._kw(kw))

    def polygon(self, xy, **kw):
        return self.d.polygon(sc(xy), **self._kw(kw))

    def rectangle(self, xy, **kw):
        return self.d.rectangle(sc(xy), **self._kw(kw))

    def rounded_rectangle(self, xy, radius=0, **kw):
        return self.d.rounded_rectangle(sc(xy), radius * S, **self._kw(kw))

    def text(self, xy, text, **kw):
        return self.d.text(sc(xy), text, **self._kw(kw))

    def textlength(self, text, font=None, **kw):
        return self.d.textlength(text, font=font, **kw)

    def textbbox(self, xy, text, font=None, **kw):
        # Measured at 1x: layout stays the 1x layout.
        return ImageDraw.Draw(Image.new("1", (1, 1))).textbbox(xy, text, font=font, **kw)


def ctx_init(self, lang):
    self.lang = lang
    self.img = Image.new("RGB", (draw.W * S, draw.H * S), draw.WHITE)
    self.d = ScaledDraw(self.img)
    self.el = {}
    self.texts = []


def dim(self, box=(0, 0, draw.W, draw.H), amount=0.38, color=draw.BLACK):
    box = tuple(int(v * S) for v in box)
    region = self.img.crop(box)
    region = Image.blend(region, Image.new("RGB", region.size, color), amount)
    self.img.paste(region, box[:2])


def shadow(self, box, r=8, blur=10, alpha=70, offset=4):
    mask = Image.new("L", (draw.W * S, draw.H * S), 0)
    md = ImageDraw.Draw(mask)
    x0, y0, x1, y1 = box
    md.rounded_rectangle(sc((x0, y0 + offset, x1, y1 + offset)), r * S, fill=alpha)
    mask = mask.filter(ImageFilter.GaussianBlur(blur * S))
    self.img.paste((0, 0, 0), (0, 0), mask)


FRAMES = []


def highlight(ctx, box, pad=5):
    x0, y0, x1, y1 = box
    x0, y0 = max(1, x0 - pad), max(1, y0 - pad)
    x1, y1 = min(draw.W - 2, x1 + pad), min(draw.H - 2, y1 + pad)
    FRAMES.append("rect:%d,%d,%d,%d" % (x0 * S, y0 * S, (x1 - x0) * S, (y1 - y0) * S))


draw.Ctx.__init__ = ctx_init
draw.Ctx.dim = dim
draw.Ctx.shadow = shadow
draw.highlight = highlight


def main(keys):
    refs = {r["key"]: r for r in draw.references()}
    for key in keys:
        plain = key.replace("@2x.png", ".png")
        r = refs.get(key) or refs[plain]
        FRAMES.clear()
        ctx = draw.render(draw.SCENES[plain], r["lang"])
        out = draw.CONTENT / (plain[: -len(".png")] + "@2x.png")
        draw.save(ctx, out)
        print("%s %d bytes #mark=%s" % (out.relative_to(draw.ROOT), out.stat().st_size, ";".join(FRAMES)))


if __name__ == "__main__":
    main(sys.argv[1:])
