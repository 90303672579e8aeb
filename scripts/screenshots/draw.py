#!/usr/bin/env python3
"""Draw the screenshots of tebiki's bundled example site.

Every guide under content/ (index.md in Japanese, index.en.md in English)
refers to pictures such as ``shots/step03.png``. This script reads those
guides, finds every ``![alt](shots/NAME.png "caption")`` together with the
numbered step it belongs to, looks the picture up in the SCENES table below
(keyed by "<guide folder>/shots/<file>") and draws it with Pillow as a
stylised Windows 11 screen: window frames, the taskbar, the Settings app,
dialogs, drop-down lists, Wi-Fi and Bluetooth lists, Task Manager, a
terminal, a sign-in screen... The element the step asks you to click gets a
red rounded rectangle. The UI language follows the guide that shows the
picture (index.en.md -> English, index.md -> Japanese).

Run from anywhere:

    pip install pillow                         # Pillow >= 9.2
    apt-get install -y fonts-noto-cjk          # a Japanese font
    python3 scripts/screenshots/draw.py        # redraw every picture
    python3 scripts/screenshots/draw.py --check  # only list missing scenes

Output is deterministic (no randomness, no timestamps): running it twice
gives byte-identical PNGs (800x500, 64-colour palette). After drawing it
prints a warning for each [label] of a step that does not appear in its
picture and for each character the font could not draw.
"""

import math
import os
import re
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
W, H = 800, 500
TASKBAR_H = 44

# ---------------------------------------------------------------- colours
ACCENT = (0, 95, 184)
ACCENT_HOVER = (25, 117, 197)
ACCENT_SOFT = (204, 228, 247)
RED = (226, 35, 35)
GREEN = (16, 124, 65)
OK_GREEN = (15, 123, 15)
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)

LIGHT = dict(
    bg=(243, 243, 243), card=(251, 251, 251), card2=(255, 255, 255),
    border=(229, 229, 229), text=(27, 27, 27), sub=(96, 96, 96),
    faint=(140, 140, 140), sel=(234, 234, 234), chrome=(238, 238, 238),
    field=(255, 255, 255), field_line=(134, 134, 134), btn=(251, 251, 251),
    menu=(249, 249, 249), dark=False,
)
DARK = dict(
    bg=(32, 32, 32), card=(43, 43, 43), card2=(50, 50, 50),
    border=(29, 29, 29), text=(255, 255, 255), sub=(200, 200, 200),
    faint=(160, 160, 160), sel=(45, 45, 45), chrome=(32, 32, 32),
    field=(45, 45, 45), field_line=(154, 154, 154), btn=(55, 55, 55),
    menu=(44, 44, 44), dark=True,
)
DARK_ACCENT = (76, 194, 255)


# ---------------------------------------------------------------- fonts
def _find_fonts():
    """Return {regular, bold} paths of a CJK sans font (Noto/IPA)."""
    cands = [
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
         "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc"),
    ]
    for reg, bold in cands:
        if os.path.exists(reg):
            return reg, bold if os.path.exists(bold) else reg
    try:
        out = subprocess.run(["fc-list", ":lang=ja", "file"], capture_output=True,
                             text=True, check=False).stdout
    except OSError:
        out = ""
    files = sorted({l.split(":")[0].strip() for l in out.splitlines() if l.strip()})
    sans = [f for f in files if "Serif" not in f and "Mincho" not in f] or files
    if not sans:
        sys.exit("no Japanese font found: apt-get install -y fonts-noto-cjk")
    bold = [f for f in sans if "Bold" in f]
    reg = [f for f in sans if "Bold" not in f] or sans
    return reg[0], (bold or reg)[0]


FONT_REG, FONT_BOLD = _find_fonts()
MONO_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def _face_index(path, want):
    """Index of the face whose family is `want` inside a .ttc (else 0)."""
    if not path.endswith(".ttc"):
        return 0
    for i in range(12):
        try:
            if ImageFont.truetype(path, 10, index=i).getname()[0] == want:
                return i
        except OSError:
            break
    return 0


_FONTS = {}


def font(size, bold=False, mono=False):
    key = (size, bold, mono)
    if key not in _FONTS:
        path = FONT_BOLD if bold else FONT_REG
        if mono:
            # Noto Sans Mono CJK JP covers both Latin and kana in one face.
            idx = _face_index(path, "Noto Sans Mono CJK JP")
            if idx == 0 and os.path.exists(MONO_FILE):
                _FONTS[key] = ImageFont.truetype(MONO_FILE, size)
                return _FONTS[key]
        else:
            idx = _face_index(path, "Noto Sans CJK JP")
        _FONTS[key] = ImageFont.truetype(path, size, index=idx)
    return _FONTS[key]


# ---------------------------------------------------------------- canvas
class Ctx:
    """One picture being drawn: the image, named element boxes, drawn text."""

    def __init__(self, lang):
        self.lang = lang
        self.img = Image.new("RGB", (W, H), WHITE)
        self.d = ImageDraw.Draw(self.img)
        self.el = {}
        self.texts = []

    def L(self, ja, en):
        return en if self.lang == "en" else ja

    def mark(self, name, box):
        self.el[name] = tuple(int(v) for v in box)

    def tw(self, s, size=15, bold=False, mono=False):
        return self.d.textlength(s, font=font(size, bold, mono))

    def text(self, x, y, s, size=15, fill=None, bold=False, mono=False, anchor="la"):
        f = font(size, bold, mono)
        self.d.text((x, y), s, font=f, fill=fill or LIGHT["text"], anchor=anchor)
        self.texts.append(s)
        return self.d.textbbox((x, y), s, font=f, anchor=anchor)

    def rr(self, box, r=6, fill=None, outline=None, width=1):
        self.d.rounded_rectangle(box, r, fill=fill, outline=outline, width=width)

    def rect(self, box, fill=None, outline=None, width=1):
        self.d.rectangle(box, fill=fill, outline=outline, width=width)

    def dim(self, box=(0, 0, W, H), amount=0.38, color=BLACK):
        box = tuple(int(v) for v in box)
        region = self.img.crop(box)
        region = Image.blend(region, Image.new("RGB", region.size, color), amount)
        self.img.paste(region, box[:2])

    def shadow(self, box, r=8, blur=10, alpha=70, offset=4):
        mask = Image.new("L", (W, H), 0)
        md = ImageDraw.Draw(mask)
        x0, y0, x1, y1 = box
        md.rounded_rectangle((x0, y0 + offset, x1, y1 + offset), r, fill=alpha)
        mask = mask.filter(ImageFilter.GaussianBlur(blur))
        self.img.paste((0, 0, 0), (0, 0), mask)


def wrap(ctx, s, width, size=15, bold=False):
    """Split s into lines no wider than width (words for Latin, chars for CJK)."""
    tokens = re.findall(r"[A-Za-z0-9@._\-/:()'*%,!?\"]+ ?|\s|.", s)
    lines, cur = [], ""
    for t in tokens:
        if ctx.tw(cur + t, size, bold) <= width or not cur:
            cur += t
        else:
            lines.append(cur.rstrip())
            cur = t.lstrip()
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def para(ctx, x, y, s, width, size=15, fill=None, bold=False, lh=None):
    lh = lh or int(size * 1.55)
    for line in wrap(ctx, s, width, size, bold):
        ctx.text(x, y, line, size, fill, bold)
        y += lh
    return y


# ---------------------------------------------------------------- icons
def icon(ctx, name, cx, cy, s=16, color=None, bg=None):
    """Small line/flat icons drawn from primitives, centred on (cx, cy)."""
    d = ctx.d
    c = color or LIGHT["text"]
    h = s / 2
    if name == "wifi":
        for i, rad in enumerate((h, h * 0.66, h * 0.33)):
            d.arc((cx - rad, cy - rad + h * 0.45, cx + rad, cy + rad + h * 0.45),
                  225, 315, fill=c, width=max(2, int(s / 9)))
        d.ellipse((cx - 2, cy + h * 0.3, cx + 2, cy + h * 0.3 + 4), fill=c)
    elif name == "wifi_lock":
        icon(ctx, "wifi", cx - 2, cy, s, c)
        d.rectangle((cx + h * 0.35, cy + h * 0.25, cx + h, cy + h * 0.85), fill=c)
        d.arc((cx + h * 0.42, cy - h * 0.05, cx + h * 0.93, cy + h * 0.5), 180, 360, fill=c, width=2)
    elif name == "globe":
        d.ellipse((cx - h, cy - h, cx + h, cy + h), outline=c, width=2)
        d.ellipse((cx - h * 0.4, cy - h, cx + h * 0.4, cy + h), outline=c, width=1)
        d.line((cx - h, cy, cx + h, cy), fill=c, width=1)
    elif name == "ethernet":
        d.rectangle((cx - h * 0.8, cy - h * 0.5, cx + h * 0.8, cy + h * 0.6), outline=c, width=2)
        d.rectangle((cx - h * 0.3, cy + h * 0.6, cx + h * 0.3, cy + h * 0.9), fill=c)
    elif name == "speaker":
        d.polygon([(cx - h, cy - h * 0.35), (cx - h * 0.45, cy - h * 0.35), (cx, cy - h * 0.8),
                   (cx, cy + h * 0.8), (cx - h * 0.45, cy + h * 0.35), (cx - h, cy + h * 0.35)], fill=c)
        d.arc((cx - h * 0.4, cy - h * 0.5, cx + h * 0.5, cy + h * 0.5), 300, 60, fill=c, width=2)
        d.arc((cx - h * 0.4, cy - h * 0.85, cx + h * 0.95, cy + h * 0.85), 300, 60, fill=c, width=2)
    elif name == "battery":
        d.rounded_rectangle((cx - h, cy - h * 0.45, cx + h * 0.8, cy + h * 0.45), 2, outline=c, width=2)
        d.rectangle((cx + h * 0.8, cy - h * 0.2, cx + h, cy + h * 0.2), fill=c)
        d.rectangle((cx - h + 3, cy - h * 0.45 + 3, cx + h * 0.3, cy + h * 0.45 - 3), fill=c)
    elif name == "bluetooth":
        p = [(cx - h * 0.45, cy - h * 0.4), (cx + h * 0.45, cy + h * 0.4), (cx, cy + h * 0.85),
             (cx, cy - h * 0.85), (cx + h * 0.45, cy - h * 0.4), (cx - h * 0.45, cy + h * 0.4)]
        d.line(p, fill=c, width=2, joint="curve")
    elif name == "plane":
        d.line((cx, cy - h, cx, cy + h), fill=c, width=2)
        d.polygon([(cx - h, cy + h * 0.1), (cx + h, cy + h * 0.1), (cx, cy - h * 0.4)], fill=c)
        d.polygon([(cx - h * 0.45, cy + h), (cx + h * 0.45, cy + h), (cx, cy + h * 0.6)], fill=c)
    elif name == "leaf":
        d.ellipse((cx - h * 0.6, cy - h, cx + h * 0.6, cy + h), outline=c, width=2)
        d.line((cx, cy - h * 0.6, cx, cy + h), fill=c, width=2)
    elif name == "moon":
        d.ellipse((cx - h, cy - h, cx + h, cy + h), fill=c)
        d.ellipse((cx - h * 0.3, cy - h * 1.1, cx + h * 1.3, cy + h * 0.5), fill=bg or LIGHT["card"])
    elif name == "access":
        d.ellipse((cx - h, cy - h, cx + h, cy + h), outline=c, width=2)
        d.ellipse((cx - 2, cy - h * 0.6, cx + 2, cy - h * 0.6 + 4), fill=c)
        d.line((cx - h * 0.5, cy - h * 0.15, cx + h * 0.5, cy - h * 0.15), fill=c, width=2)
        d.line((cx, cy - h * 0.15, cx, cy + h * 0.2), fill=c, width=2)
        d.line((cx, cy + h * 0.2, cx - h * 0.35, cy + h * 0.65), fill=c, width=2)
        d.line((cx, cy + h * 0.2, cx + h * 0.35, cy + h * 0.65), fill=c, width=2)
    elif name == "power":
        d.arc((cx - h * 0.8, cy - h * 0.7, cx + h * 0.8, cy + h * 0.9), 300, 240, fill=c, width=2)
        d.line((cx, cy - h, cx, cy), fill=c, width=2)
    elif name == "sun":
        d.ellipse((cx - h * 0.45, cy - h * 0.45, cx + h * 0.45, cy + h * 0.45), outline=c, width=2)
        for a in range(0, 360, 45):
            r0, r1 = h * 0.7, h
            ax, ay = math.cos(math.radians(a)), math.sin(math.radians(a))
            d.line((cx + ax * r0, cy + ay * r0, cx + ax * r1, cy + ay * r1), fill=c, width=2)
    elif name == "person":
        d.ellipse((cx - h * 0.4, cy - h * 0.9, cx + h * 0.4, cy - h * 0.1), outline=c, width=2)
        d.arc((cx - h * 0.85, cy, cx + h * 0.85, cy + h * 1.6), 180, 360, fill=c, width=2)
    elif name == "gear":
        for a in range(0, 360, 45):
            ax, ay = math.cos(math.radians(a)), math.sin(math.radians(a))
            d.line((cx + ax * h * 0.5, cy + ay * h * 0.5, cx + ax * h, cy + ay * h), fill=c, width=max(2, int(s / 6)))
        d.ellipse((cx - h * 0.72, cy - h * 0.72, cx + h * 0.72, cy + h * 0.72), fill=c)
        d.ellipse((cx - h * 0.3, cy - h * 0.3, cx + h * 0.3, cy + h * 0.3), fill=bg or WHITE)
    elif name == "shield":
        d.polygon([(cx - h * 0.8, cy - h * 0.7), (cx, cy - h), (cx + h * 0.8, cy - h * 0.7),
                   (cx + h * 0.7, cy + h * 0.3), (cx, cy + h), (cx - h * 0.7, cy + h * 0.3)], outline=c, width=2)
    elif name == "lock":
        d.rectangle((cx - h * 0.7, cy - h * 0.1, cx + h * 0.7, cy + h * 0.9), outline=c, width=2)
        d.arc((cx - h * 0.45, cy - h * 0.9, cx + h * 0.45, cy + h * 0.2), 180, 360, fill=c, width=2)
    elif name == "vpn":
        icon(ctx, "shield", cx, cy, s, c)
        d.line((cx - h * 0.3, cy, cx - h * 0.05, cy + h * 0.3, cx + h * 0.35, cy - h * 0.3), fill=c, width=2)
    elif name == "hotspot":
        d.ellipse((cx - 2, cy - 2, cx + 2, cy + 2), fill=c)
        d.arc((cx - h * 0.55, cy - h * 0.55, cx + h * 0.55, cy + h * 0.55), 200, 340, fill=c, width=2)
        d.arc((cx - h, cy - h, cx + h, cy + h), 200, 340, fill=c, width=2)
    elif name == "phone":
        d.rounded_rectangle((cx - h * 0.5, cy - h, cx + h * 0.5, cy + h), 3, outline=c, width=2)
        d.line((cx - 2, cy + h * 0.7, cx + 2, cy + h * 0.7), fill=c, width=2)
    elif name == "mail":
        d.rectangle((cx - h, cy - h * 0.65, cx + h, cy + h * 0.65), outline=c, width=2)
        d.line((cx - h, cy - h * 0.65, cx, cy + h * 0.1, cx + h, cy - h * 0.65), fill=c, width=2)
    elif name == "headphones":
        d.arc((cx - h * 0.85, cy - h * 0.9, cx + h * 0.85, cy + h * 0.8), 180, 360, fill=c, width=2)
        d.rounded_rectangle((cx - h * 0.95, cy, cx - h * 0.45, cy + h * 0.9), 2, fill=c)
        d.rounded_rectangle((cx + h * 0.45, cy, cx + h * 0.95, cy + h * 0.9), 2, fill=c)
    elif name == "monitor":
        d.rectangle((cx - h, cy - h * 0.7, cx + h, cy + h * 0.45), outline=c, width=2)
        d.line((cx - h * 0.4, cy + h * 0.85, cx + h * 0.4, cy + h * 0.85), fill=c, width=2)
        d.line((cx, cy + h * 0.45, cx, cy + h * 0.85), fill=c, width=2)
    elif name == "keyboard":
        d.rectangle((cx - h, cy - h * 0.5, cx + h, cy + h * 0.5), outline=c, width=2)
        for i in range(3):
            d.line((cx - h * 0.6 + i * h * 0.6, cy - h * 0.1, cx - h * 0.5 + i * h * 0.6, cy - h * 0.1), fill=c, width=2)
        d.line((cx - h * 0.5, cy + h * 0.25, cx + h * 0.5, cy + h * 0.25), fill=c, width=2)
    elif name == "mouse":
        d.rounded_rectangle((cx - h * 0.5, cy - h * 0.9, cx + h * 0.5, cy + h * 0.9), int(h * 0.5), outline=c, width=2)
        d.line((cx, cy - h * 0.9, cx, cy - h * 0.2), fill=c, width=2)
    elif name == "plus":
        d.line((cx - h, cy, cx + h, cy), fill=c, width=2)
        d.line((cx, cy - h, cx, cy + h), fill=c, width=2)
    elif name == "check":
        d.line((cx - h * 0.7, cy, cx - h * 0.2, cy + h * 0.5, cx + h * 0.75, cy - h * 0.55), fill=c, width=max(2, int(s / 7)))
    elif name == "chev_r":
        d.line((cx - h * 0.25, cy - h * 0.5, cx + h * 0.25, cy, cx - h * 0.25, cy + h * 0.5), fill=c, width=2)
    elif name == "chev_l":
        d.line((cx + h * 0.25, cy - h * 0.5, cx - h * 0.25, cy, cx + h * 0.25, cy + h * 0.5), fill=c, width=2)
    elif name == "chev_d":
        d.line((cx - h * 0.5, cy - h * 0.25, cx, cy + h * 0.25, cx + h * 0.5, cy - h * 0.25), fill=c, width=2)
    elif name == "chev_u":
        d.line((cx - h * 0.5, cy + h * 0.25, cx, cy - h * 0.25, cx + h * 0.5, cy + h * 0.25), fill=c, width=2)
    elif name == "search":
        d.ellipse((cx - h * 0.8, cy - h * 0.8, cx + h * 0.3, cy + h * 0.3), outline=c, width=2)
        d.line((cx + h * 0.2, cy + h * 0.2, cx + h * 0.9, cy + h * 0.9), fill=c, width=2)
    elif name == "home":
        d.polygon([(cx - h, cy), (cx, cy - h), (cx + h, cy)], outline=c)
        d.rectangle((cx - h * 0.65, cy, cx + h * 0.65, cy + h * 0.9), outline=c, width=2)
    elif name == "eye":
        d.ellipse((cx - h, cy - h * 0.5, cx + h, cy + h * 0.5), outline=c, width=2)
        d.ellipse((cx - h * 0.3, cy - h * 0.3, cx + h * 0.3, cy + h * 0.3), fill=c)
    elif name == "arrow_r":
        d.line((cx - h * 0.7, cy, cx + h * 0.7, cy), fill=c, width=2)
        d.line((cx + h * 0.2, cy - h * 0.5, cx + h * 0.7, cy, cx + h * 0.2, cy + h * 0.5), fill=c, width=2)
    elif name == "arrow_l":
        d.line((cx - h * 0.7, cy, cx + h * 0.7, cy), fill=c, width=2)
        d.line((cx - h * 0.2, cy - h * 0.5, cx - h * 0.7, cy, cx - h * 0.2, cy + h * 0.5), fill=c, width=2)
    elif name == "pencil":
        d.line((cx - h * 0.7, cy + h * 0.7, cx + h * 0.6, cy - h * 0.6), fill=c, width=3)
    elif name == "paperclip":
        d.rounded_rectangle((cx - h * 0.35, cy - h, cx + h * 0.35, cy + h), int(h * 0.35), outline=c, width=2)
        d.line((cx, cy - h * 0.5, cx, cy + h * 0.5), fill=c, width=2)
    elif name == "warn":
        d.polygon([(cx, cy - h), (cx + h, cy + h * 0.8), (cx - h, cy + h * 0.8)], fill=(252, 225, 0))
        d.line((cx, cy - h * 0.35, cx, cy + h * 0.25), fill=BLACK, width=2)
        d.ellipse((cx - 1.5, cy + h * 0.4, cx + 1.5, cy + h * 0.4 + 3), fill=BLACK)
    elif name == "info":
        d.ellipse((cx - h, cy - h, cx + h, cy + h), fill=c)
        d.line((cx, cy - h * 0.1, cx, cy + h * 0.55), fill=WHITE, width=2)
        d.ellipse((cx - 1.5, cy - h * 0.55, cx + 1.5, cy - h * 0.55 + 3), fill=WHITE)
    elif name == "question":
        d.ellipse((cx - h, cy - h, cx + h, cy + h), fill=c)
        ctx.text(cx, cy, "?", int(s * 0.8), WHITE, True, anchor="mm")
    elif name == "ok_circle":
        d.ellipse((cx - h, cy - h, cx + h, cy + h), fill=c)
        icon(ctx, "check", cx, cy, s * 0.7, WHITE)
    elif name == "apps":
        for dx in (-1, 1):
            for dy in (-1, 1):
                d.rectangle((cx + dx * h * 0.55 - h * 0.35, cy + dy * h * 0.55 - h * 0.35,
                             cx + dx * h * 0.55 + h * 0.35, cy + dy * h * 0.55 + h * 0.35), outline=c, width=2)
    elif name == "brush":
        d.ellipse((cx - h, cy - h, cx + h, cy + h), outline=c, width=2)
        for a, col in ((200, (232, 17, 35)), (270, (0, 120, 212)), (340, (16, 124, 16))):
            ax, ay = math.cos(math.radians(a)), math.sin(math.radians(a))
            d.ellipse((cx + ax * h * 0.5 - 2, cy + ay * h * 0.5 - 2, cx + ax * h * 0.5 + 2, cy + ay * h * 0.5 + 2), fill=col)
    elif name == "clock":
        d.ellipse((cx - h, cy - h, cx + h, cy + h), outline=c, width=2)
        d.line((cx, cy - h * 0.6, cx, cy, cx + h * 0.45, cy + h * 0.2), fill=c, width=2)
    elif name == "game":
        d.rounded_rectangle((cx - h, cy - h * 0.5, cx + h, cy + h * 0.5), int(h * 0.5), outline=c, width=2)
        d.line((cx - h * 0.6, cy, cx - h * 0.2, cy), fill=c, width=2)
    elif name == "update":
        d.arc((cx - h * 0.8, cy - h * 0.8, cx + h * 0.8, cy + h * 0.8), 30, 330, fill=c, width=2)
        d.polygon([(cx + h * 0.9, cy - h * 0.6), (cx + h * 0.9, cy), (cx + h * 0.35, cy - h * 0.3)], fill=c)
    elif name == "more":
        for dx in (-h * 0.6, 0, h * 0.6):
            d.ellipse((cx + dx - 1.6, cy - 1.6, cx + dx + 1.6, cy + 1.6), fill=c)
    elif name == "hamburger":
        for dy in (-h * 0.55, 0, h * 0.55):
            d.line((cx - h * 0.8, cy + dy, cx + h * 0.8, cy + dy), fill=c, width=2)
    elif name == "close":
        d.line((cx - h * 0.6, cy - h * 0.6, cx + h * 0.6, cy + h * 0.6), fill=c, width=1)
        d.line((cx - h * 0.6, cy + h * 0.6, cx + h * 0.6, cy - h * 0.6), fill=c, width=1)
    elif name == "chart":
        for i, hh in enumerate((0.5, 1.0, 0.7)):
            x = cx - h * 0.7 + i * h * 0.6
            d.rectangle((x, cy + h - hh * h * 1.8, x + h * 0.4, cy + h), fill=c)
    else:
        d.ellipse((cx - h, cy - h, cx + h, cy + h), outline=c, width=2)


APP_COLOURS = {
    "edge": (11, 130, 160), "word": (24, 90, 189), "excel": (16, 124, 65), "ppt": (196, 62, 28),
    "outlook": (0, 114, 198), "store": (40, 40, 40), "photos": (0, 120, 212), "settings": (110, 110, 110),
    "calc": (70, 70, 70), "notepad": (40, 120, 200), "explorer": (240, 190, 50), "calendar": (0, 99, 177),
    "terminal": (30, 30, 30), "teams": (80, 89, 201), "paint": (230, 120, 40), "clock": (50, 50, 50),
    "onedrive": (0, 120, 212), "ubuntu": (233, 84, 32), "taskmgr": (0, 120, 212), "folder": (240, 190, 50),
    "zip": (240, 190, 50), "recycle": (140, 170, 200), "doc": (255, 255, 255), "m365": (220, 60, 50),
}


def app_icon(ctx, app, cx, cy, s=24):
    """Flat app icon: a tinted rounded square with a simple symbol."""
    d = ctx.d
    h = s / 2
    col = APP_COLOURS.get(app, (120, 120, 120))
    if app in ("explorer", "folder"):
        d.rounded_rectangle((cx - h, cy - h * 0.7, cx - h * 0.1, cy - h * 0.3), 2, fill=(222, 160, 20))
        d.rounded_rectangle((cx - h, cy - h * 0.5, cx + h, cy + h * 0.75), 3, fill=col)
        return
    if app == "zip":
        app_icon(ctx, "folder", cx, cy, s)
        for i in range(4):
            y = cy - h * 0.45 + i * h * 0.3
            d.rectangle((cx - 2, y, cx + 2, y + h * 0.15), fill=(90, 90, 90))
        return
    if app == "recycle":
        d.polygon([(cx - h * 0.7, cy - h * 0.6), (cx + h * 0.7, cy - h * 0.6), (cx + h * 0.5, cy + h),
                   (cx - h * 0.5, cy + h)], fill=(200, 220, 240), outline=(110, 140, 170))
        d.line((cx - h * 0.85, cy - h * 0.6, cx + h * 0.85, cy - h * 0.6), fill=(110, 140, 170), width=2)
        return
    if app == "doc":
        d.polygon([(cx - h * 0.7, cy - h), (cx + h * 0.35, cy - h), (cx + h * 0.7, cy - h * 0.65),
                   (cx + h * 0.7, cy + h), (cx - h * 0.7, cy + h)], fill=WHITE, outline=(150, 150, 150))
        for i in range(3):
            d.line((cx - h * 0.4, cy - h * 0.3 + i * h * 0.4, cx + h * 0.4, cy - h * 0.3 + i * h * 0.4), fill=(150, 150, 150))
        return
    if app == "start":
        g = h * 0.08
        for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
            x0 = cx + (g if dx > 0 else -h * 0.9)
            y0 = cy + (g if dy > 0 else -h * 0.9)
            d.rectangle((x0, y0, x0 + h * 0.9 - g, y0 + h * 0.9 - g), fill=(0, 120, 212))
        return
    if app == "edge":
        d.ellipse((cx - h, cy - h, cx + h, cy + h), fill=col)
        d.ellipse((cx - h * 0.55, cy - h * 0.3, cx + h * 0.75, cy + h * 0.75), fill=(90, 200, 120))
        d.ellipse((cx - h * 0.25, cy - h * 0.05, cx + h * 0.45, cy + h * 0.55), fill=col)
        return
    if app == "store":
        d.rounded_rectangle((cx - h * 0.85, cy - h * 0.55, cx + h * 0.85, cy + h * 0.9), 3, fill=col)
        d.arc((cx - h * 0.4, cy - h, cx + h * 0.4, cy - h * 0.1), 180, 360, fill=col, width=2)
        for (dx, dy), cc in zip(((-1, -1), (1, -1), (-1, 1), (1, 1)),
                               ((242, 80, 34), (127, 186, 0), (0, 164, 239), (255, 185, 0))):
            x0 = cx + (1 if dx > 0 else -h * 0.45)
            y0 = cy + h * 0.15 + (1 if dy > 0 else -h * 0.45)
            d.rectangle((x0, y0, x0 + h * 0.42, y0 + h * 0.42), fill=cc)
        return
    if app == "settings":
        icon(ctx, "gear", cx, cy, s, (90, 90, 90), WHITE)
        return
    if app == "photos":
        d.rounded_rectangle((cx - h, cy - h * 0.75, cx + h, cy + h * 0.75), 3, fill=(0, 120, 212))
        d.polygon([(cx - h, cy + h * 0.75), (cx - h * 0.2, cy - h * 0.1), (cx + h * 0.5, cy + h * 0.75)], fill=(120, 200, 255))
        d.ellipse((cx + h * 0.3, cy - h * 0.5, cx + h * 0.6, cy - h * 0.2), fill=(255, 220, 90))
        return
    if app == "terminal":
        d.rounded_rectangle((cx - h, cy - h * 0.8, cx + h, cy + h * 0.8), 3, fill=col, outline=(110, 110, 110))
        d.line((cx - h * 0.6, cy - h * 0.3, cx - h * 0.2, cy, cx - h * 0.6, cy + h * 0.3), fill=WHITE, width=2)
        d.line((cx, cy + h * 0.35, cx + h * 0.5, cy + h * 0.35), fill=WHITE, width=2)
        return
    if app == "ubuntu":
        d.ellipse((cx - h, cy - h, cx + h, cy + h), fill=col)
        d.ellipse((cx - h * 0.5, cy - h * 0.5, cx + h * 0.5, cy + h * 0.5), outline=WHITE, width=2)
        return
    if app == "taskmgr":
        d.rounded_rectangle((cx - h, cy - h, cx + h, cy + h), 3, fill=(235, 245, 255), outline=col)
        d.line((cx - h * 0.8, cy + h * 0.2, cx - h * 0.3, cy + h * 0.2, cx - h * 0.1, cy - h * 0.5,
                cx + h * 0.2, cy + h * 0.5, cx + h * 0.4, cy, cx + h * 0.8, cy), fill=col, width=2)
        return
    letters = {"word": "W", "excel": "X", "ppt": "P", "outlook": "O", "calc": "=", "notepad": "≡",
               "calendar": "31", "teams": "T", "paint": "✎", "clock": "◷", "onedrive": "☁", "m365": "M"}
    d.rounded_rectangle((cx - h, cy - h, cx + h, cy + h), max(3, int(s / 6)), fill=col)
    ch = letters.get(app, app[:1].upper())
    if ch in ("✎", "◷", "☁", "≡"):
        if app == "clock":
            icon(ctx, "clock", cx, cy, s * 0.7, WHITE)
        elif app == "notepad":
            for i in range(3):
                d.line((cx - h * 0.5, cy - h * 0.4 + i * h * 0.4, cx + h * 0.5, cy - h * 0.4 + i * h * 0.4), fill=WHITE, width=2)
        elif app == "onedrive":
            d.ellipse((cx - h * 0.7, cy - h * 0.2, cx + h * 0.2, cy + h * 0.5), fill=WHITE)
            d.ellipse((cx - h * 0.3, cy - h * 0.5, cx + h * 0.7, cy + h * 0.5), fill=WHITE)
        else:
            icon(ctx, "brush", cx, cy, s * 0.7, WHITE)
        return
    ctx.text(cx, cy, ch, int(s * 0.55), WHITE, True, anchor="mm")


# ---------------------------------------------------------------- widgets
def toggle(ctx, x, y, on, th=LIGHT, label=None, accent=None):
    """Toggle switch whose left/centre edge is (x, y); returns its box."""
    acc = accent or (DARK_ACCENT if th["dark"] else ACCENT)
    box = (x, y - 10, x + 40, y + 10)
    if on:
        ctx.rr(box, 10, fill=acc)
        ctx.d.ellipse((x + 25, y - 6, x + 37, y + 6), fill=BLACK if th["dark"] else WHITE)
    else:
        ctx.rr(box, 10, fill=th["card2"], outline=th["field_line"])
        ctx.d.ellipse((x + 5, y - 5, x + 15, y + 5), fill=th["sub"])
    if label:
        ctx.text(x - 10, y, label, 14, th["text"], anchor="rm")
    return box


def button(ctx, box, label, primary=False, th=LIGHT, size=14, name=None, disabled=False):
    x0, y0, x1, y1 = box
    if primary:
        ctx.rr(box, 5, fill=DARK_ACCENT if th["dark"] else ACCENT)
        col = BLACK if th["dark"] else WHITE
    else:
        ctx.rr(box, 5, fill=th["btn"], outline=(200, 200, 200) if not th["dark"] else (70, 70, 70))
        col = th["faint"] if disabled else th["text"]
    ctx.text((x0 + x1) / 2, (y0 + y1) / 2, label, size, col, anchor="mm")
    ctx.mark(name or "btn:" + label, box)
    return box


def btn_width(ctx, label, size=14, minw=96):
    return max(minw, ctx.tw(label, size) + 32)


def field(ctx, box, value="", kind="text", th=LIGHT, focus=False, caret=False, name=None, size=15):
    """Text box. kind: text | password | placeholder | dropdown."""
    x0, y0, x1, y1 = box
    ctx.rr(box, 4, fill=th["field"], outline=(210, 210, 210) if not th["dark"] else (70, 70, 70))
    if focus:
        ctx.d.line((x0 + 2, y1 - 1, x1 - 2, y1 - 1), fill=ACCENT, width=2)
    else:
        ctx.d.line((x0 + 2, y1 - 1, x1 - 2, y1 - 1), fill=th["field_line"], width=1)
    cy = (y0 + y1) / 2
    if kind == "password":
        shown = "●" * len(value)
        ctx.text(x0 + 10, cy, shown, 11, th["text"], anchor="lm")
        end = x0 + 10 + ctx.tw(shown, 11)
        icon(ctx, "eye", x1 - 18, cy, 14, th["sub"])
    elif kind == "placeholder":
        ctx.text(x0 + 10, cy, value, size, th["faint"], anchor="lm")
        end = x0 + 10
    else:
        ctx.text(x0 + 10, cy, value, size, th["text"], anchor="lm")
        end = x0 + 10 + ctx.tw(value, size)
    if kind == "dropdown":
        icon(ctx, "chev_d", x1 - 16, cy, 12, th["sub"])
    if caret:
        ctx.d.line((end + 2, cy - 9, end + 2, cy + 9), fill=th["text"], width=1)
    if name:
        ctx.mark(name, box)
    return box


def radio(ctx, x, cy, checked, th=LIGHT):
    ctx.d.ellipse((x, cy - 9, x + 18, cy + 9), outline=th["field_line"] if not checked else ACCENT,
                  width=1 if not checked else 5, fill=th["field"])


def checkbox(ctx, x, cy, checked, th=LIGHT):
    box = (x, cy - 9, x + 18, cy + 9)
    if checked:
        ctx.rr(box, 3, fill=DARK_ACCENT if th["dark"] else ACCENT)
        icon(ctx, "check", x + 9, cy, 14, BLACK if th["dark"] else WHITE)
    else:
        ctx.rr(box, 3, fill=th["field"], outline=th["field_line"])


def highlight(ctx, box, pad=5):
    x0, y0, x1, y1 = box
    ctx.rr((x0 - pad, y0 - pad, x1 + pad, y1 + pad), 8, outline=RED, width=3)


def cursor(ctx, x, y):
    """Mouse pointer with its tip at (x, y)."""
    pts = [(0, 0), (0, 19), (5, 14), (9, 22), (12, 21), (8, 13), (14, 13)]
    poly = [(x + px, y + py) for px, py in pts]
    ctx.d.polygon(poly, fill=WHITE, outline=BLACK)


# ---------------------------------------------------------------- chrome
def desktop_bg(ctx, box=(0, 0, W, H), dark=False):
    x0, y0, x1, y1 = box
    top, bottom = ((22, 58, 120), (74, 140, 214)) if not dark else ((16, 28, 60), (40, 70, 120))
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0)
        ctx.d.line((x0, y, x1, y), fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    # the Windows 11 "bloom", as two flat petals
    ctx.d.ellipse((x0 + 240, y0 + 110, x0 + 760, y0 + 520), fill=(86, 150, 226) if not dark else (44, 80, 140))
    ctx.d.ellipse((x0 + 330, y0 + 170, x0 + 700, y0 + 520), fill=(120, 180, 240) if not dark else (60, 100, 160))


def desktop_icons(ctx, items, x=14, y=12, dark_text=False):
    for app, label in items:
        app_icon(ctx, app, x + 36, y + 22, 34)
        box = (x + 2, y, x + 70, y + 68)
        for i, line in enumerate(wrap(ctx, label, 76, 12)[:2]):
            ctx.text(x + 36, y + 46 + i * 15, line, 12, WHITE, anchor="ma")
        ctx.mark("icon:" + label, box)
        y += 84


def taskbar(ctx, dark=False, net="wifi", apps=("explorer", "edge", "outlook", "store"), active=None,
            start_pressed=False):
    th = DARK if dark else LIGHT
    y0 = H - TASKBAR_H
    ctx.rect((0, y0, W, H), fill=(28, 28, 28) if dark else (238, 240, 244))
    ctx.d.line((0, y0, W, y0), fill=(60, 60, 60) if dark else (215, 215, 220))
    cy = y0 + TASKBAR_H / 2
    items = ["start", "search"] + list(apps)
    n = len(items)
    x = W / 2 - n * 40 / 2 + 20
    for it in items:
        box = (x - 18, cy - 18, x + 18, cy + 18)
        if it == "start" and start_pressed:
            ctx.rr(box, 4, fill=(60, 60, 60) if dark else (222, 226, 232))
        if it == "search":
            icon(ctx, "search", x, cy, 18, th["text"])
        else:
            app_icon(ctx, it, x, cy, 22)
        if it == active:
            ctx.rr((x - 6, y0 + TASKBAR_H - 5, x + 6, y0 + TASKBAR_H - 2), 1, fill=DARK_ACCENT if dark else ACCENT)
        elif it not in ("start", "search") and it in ("explorer", "edge"):
            ctx.rr((x - 3, y0 + TASKBAR_H - 5, x + 3, y0 + TASKBAR_H - 2), 1, fill=(140, 140, 140))
        ctx.mark("tb:" + it, box)
        x += 40
    # tray, from the right
    ctx.text(W - 12, cy - 9, "10:24", 12, th["text"], anchor="rm")
    ctx.text(W - 12, cy + 9, "2025/06/02", 12, th["text"], anchor="rm")
    gx1 = W - 92
    gx0 = gx1 - 78
    ctx.mark("tray:group", (gx0, cy - 16, gx1, cy + 16))
    icons = [("globe" if net == "none" else net, "tray:net"), ("speaker", "tray:speaker"), ("battery", "tray:battery")]
    for i, (nm, key) in enumerate(icons):
        ix = gx0 + 14 + i * 25
        icon(ctx, nm, ix, cy, 16, th["text"])
        ctx.mark(key, (ix - 11, cy - 13, ix + 11, cy + 13))
    if ctx.lang == "ja":
        ctx.text(gx0 - 16, cy, "あ", 13, th["text"], anchor="mm")
        icon(ctx, "chev_u", gx0 - 42, cy, 12, th["text"])
    else:
        icon(ctx, "chev_u", gx0 - 16, cy, 12, th["text"])


def window(ctx, box, title, th=LIGHT, title_icon=None, suffix=None, title_bg=None, title_fg=None,
           shadow=True, radius=8, title_h=32):
    """Window frame with title bar and caption buttons. Returns the client box."""
    x0, y0, x1, y1 = box
    if shadow and (x0 > 0 or y0 > 0 or x1 < W or y1 < H):
        ctx.shadow(box, radius, 12, 90, 6)
    tb = title_bg or th["chrome"]
    tf = title_fg or th["text"]
    ctx.rr(box, radius, fill=tb, outline=(190, 190, 190) if not th["dark"] else (70, 70, 70))
    tx = x0 + 12
    if title_icon:
        app_icon(ctx, title_icon, x0 + 20, y0 + title_h / 2, 16)
        tx = x0 + 36
    bb = ctx.text(tx, y0 + title_h / 2, title, 13, tf, anchor="lm")
    ctx.mark("title", bb)
    if suffix:
        sb = ctx.text(bb[2] + 6, y0 + title_h / 2, suffix, 13, tf, anchor="lm")
        ctx.mark("title_suffix", sb)
    cy = y0 + title_h / 2
    for i, kind in enumerate(("close", "max", "min")):
        cx = x1 - 23 - i * 46
        if kind == "close":
            icon(ctx, "close", cx, cy, 14, tf)
        elif kind == "max":
            ctx.rect((cx - 5, cy - 5, cx + 5, cy + 5), outline=tf)
        else:
            ctx.d.line((cx - 5, cy, cx + 5, cy), fill=tf)
    return (x0 + 1, y0 + title_h, x1 - 1, y1 - 1)


# ---------------------------------------------------------------- forms
def form(ctx, items, x, y, w, th=LIGHT):
    """Lay out form items top to bottom from (x, y) in width w; returns end y.

    Items are tuples: ("title", s) ("text", s) ("sub", s) ("label", s)
    ("field", label, value, {kind, focus, caret, w}) ("radio", label, checked[, sub])
    ("check", label, checked) ("link", s) ("buttons", [(label, primary)])
    ("gap", px) ("success", s) ("choice", icon, title, sub) ("device", icon, name, sub)
    """
    for it in items:
        k = it[0]
        if k == "title":
            y = para(ctx, x, y, it[1], w, 20, th["text"], True, 30) + 8
        elif k == "text":
            y = para(ctx, x, y, it[1], w, 15, th["text"], lh=23) + 6
        elif k == "sub":
            y = para(ctx, x, y, it[1], w, 13, th["sub"], lh=20) + 4
        elif k == "label":
            ctx.text(x, y, it[1], 14, th["text"])
            y += 24
        elif k == "field":
            label, value = it[1], it[2]
            o = it[3] if len(it) > 3 else {}
            if label:
                ctx.text(x, y, label, 14, th["text"])
                y += 24
            fw = o.get("w", w)
            field(ctx, (x, y, x + fw, y + 34), value, o.get("kind", "text"), th, o.get("focus"),
                  o.get("caret"), name="field:" + (label or o.get("name", value)))
            y += 46
        elif k in ("radio", "check"):
            label, checked = it[1], it[2]
            sub = it[3] if len(it) > 3 else None
            (radio if k == "radio" else checkbox)(ctx, x, y + 11, checked, th)
            bb = ctx.text(x + 28, y + 11, label, 15, th["text"], anchor="lm")
            bottom = y + 24
            if sub:
                sb = ctx.text(x + 28, y + 32, sub, 13, th["sub"])
                bottom = sb[3] + 2
                bb = (bb[0], bb[1], max(bb[2], sb[2]), sb[3])
            ctx.mark(k + ":" + label, (x - 2, y - 2, bb[2] + 4, bottom))
            y = bottom + 12
        elif k == "link":
            bb = ctx.text(x, y, it[1], 14, DARK_ACCENT if th["dark"] else ACCENT)
            ctx.mark("link:" + it[1], bb)
            y += 28
        elif k == "buttons":
            bx = x + w
            for label, primary in reversed(it[1]):
                bw = btn_width(ctx, label)
                button(ctx, (bx - bw, y, bx, y + 34), label, primary, th)
                bx -= bw + 10
            y += 46
        elif k == "gap":
            y += it[1]
        elif k == "success":
            icon(ctx, "ok_circle", x + 16, y + 16, 30, OK_GREEN)
            bb = ctx.text(x + 42, y + 16, it[1], 18, th["text"], True, anchor="lm")
            ctx.mark("success", (x, y, bb[2], y + 32))
            y += 46
        elif k in ("choice", "device"):
            _, ic, title, sub = it[:4]
            hgt = 64 if k == "choice" else 56
            box = (x, y, x + w, y + hgt)
            ctx.rr(box, 6, fill=th["card"], outline=th["border"])
            if ic in APP_COLOURS or ic == "start":
                app_icon(ctx, ic, x + 28, y + hgt / 2, 26)
            else:
                icon(ctx, ic, x + 28, y + hgt / 2, 24, th["text"])
            if sub:
                ctx.text(x + 58, y + hgt / 2 - 11, title, 15, th["text"], k == "choice", anchor="lm")
                ctx.text(x + 58, y + hgt / 2 + 12, sub, 13, th["sub"], anchor="lm")
            else:
                ctx.text(x + 58, y + hgt / 2, title, 15, th["text"], anchor="lm")
            ctx.mark(k + ":" + title, box)
            y += hgt + 8
        else:
            raise ValueError("unknown form item %r" % (k,))
    return y


def measure(ctx, items, w, th=LIGHT):
    return form(Ctx(ctx.lang), items, 0, 0, w, th)


def ms_logo(ctx, x, y, s=12):
    for (dx, dy), c in zip(((0, 0), (1, 0), (0, 1), (1, 1)),
                           ((242, 80, 34), (127, 186, 0), (0, 164, 239), (255, 185, 0))):
        ctx.rect((x + dx * (s / 2 + 1), y + dy * (s / 2 + 1), x + dx * (s / 2 + 1) + s / 2,
                  y + dy * (s / 2 + 1) + s / 2), fill=c)
    ctx.text(x + s + 8, y + s / 2, "Microsoft", 15, (115, 115, 115), True, anchor="lm")


def ms_panel(ctx, spec):
    """A Microsoft-account sign-in style white panel (logo, account, form)."""
    if spec.get("dim", True):
        ctx.dim(amount=0.45)
    w = spec.get("w", 440)
    inner = w - 64
    account = spec.get("account", ctx.L("hanako.sato@outlook.jp", "alex.kim@outlook.com"))
    hgt = measure(ctx, spec["items"], inner) + 110
    x0 = (W - w) / 2
    y0 = max(16, (H - hgt) / 2 - (10 if spec.get("taskbar") else 0))
    ctx.shadow((x0, y0, x0 + w, y0 + hgt), 4, 10, 80)
    ctx.rect((x0, y0, x0 + w, y0 + hgt), fill=WHITE)
    ms_logo(ctx, x0 + 32, y0 + 26)
    ctx.text(x0 + 32, y0 + 52, account, 14, LIGHT["sub"])
    form(ctx, spec["items"], x0 + 32, y0 + 84, inner)


def dialog(ctx, spec):
    """A Windows 11 content dialog: title, form, grey footer with buttons."""
    th = DARK if spec.get("dark") else LIGHT
    if spec.get("dim", True):
        ctx.dim(amount=0.3)
    w = spec.get("w", 460)
    inner = w - 48
    body_h = measure(ctx, spec["items"], inner, th) + 40
    foot_h = 72 if spec.get("buttons") else 0
    hgt = body_h + foot_h
    x0 = spec.get("x", (W - w) / 2)
    y0 = spec.get("y", max(10, (H - hgt) / 2))
    box = (x0, y0, x0 + w, y0 + hgt)
    ctx.shadow(box, 8, 12, 90, 6)
    ctx.rr(box, 8, fill=th["card2"], outline=(200, 200, 200) if not th["dark"] else (70, 70, 70))
    form(ctx, spec["items"], x0 + 24, y0 + 24, inner, th)
    if foot_h:
        fy = y0 + body_h
        ctx.d.rectangle((x0 + 1, fy, x0 + w - 1, y0 + hgt - 8), fill=th["bg"])
        ctx.rr((x0 + 1, y0 + hgt - 16, x0 + w - 1, y0 + hgt - 1), 8, fill=th["bg"])
        ctx.d.line((x0 + 1, fy, x0 + w - 1, fy), fill=th["border"])
        btns = spec["buttons"]
        n = len(btns)
        bw = (w - 48 - (n - 1) * 8) / n
        for i, (label, primary) in enumerate(btns):
            bx = x0 + 24 + i * (bw + 8)
            button(ctx, (bx, fy + 20, bx + bw, fy + 52), label, primary, th)
    return box


def classic(ctx, spec):
    """A classic Win32 dialog (Run, message box): title bar, body, buttons."""
    if spec.get("dim", False):
        ctx.dim(amount=0.25)
    w = spec.get("w", 420)
    inner = w - 48 - (44 if spec.get("icon") else 0)
    body_h = measure(ctx, spec["items"], inner) + 36
    hgt = 32 + body_h + 56
    x0 = spec.get("x", (W - w) / 2)
    y0 = spec.get("y", (H - hgt) / 2)
    client = window(ctx, (x0, y0, x0 + w, y0 + hgt), spec["title"], LIGHT, spec.get("title_icon"),
                    title_bg=WHITE)
    ctx.rect((client[0], client[1], client[2], client[3] - 56), fill=WHITE)
    ctx.rr((client[0], client[3] - 64, client[2], client[3]), 7, fill=(240, 240, 240))
    ctx.rect((client[0], client[3] - 64, client[2], client[3] - 56), fill=WHITE)
    fx = client[0] + 24
    if spec.get("icon"):
        ic = spec["icon"]
        if ic in APP_COLOURS:
            app_icon(ctx, ic, fx + 16, client[1] + 34, 32)
        else:
            icon(ctx, ic, fx + 16, client[1] + 34, 32, ACCENT)
        fx += 44
    form(ctx, spec["items"], fx, client[1] + 18, inner)
    bx = client[2] - 16
    for label, primary in reversed(spec.get("buttons", [])):
        bw = btn_width(ctx, label, 14, 88)
        button(ctx, (bx - bw, client[3] - 44, bx, client[3] - 12), label, primary)
        bx -= bw + 8


def menu(ctx, x, y, items, th=LIGHT, hover=None, up=False, row=30, size=14, minw=180, name="menu"):
    """Context menu; items are labels, None for a separator, or (label, icon)."""
    labels = [i if not isinstance(i, tuple) else i[0] for i in items]
    w = max([minw] + [ctx.tw(l, size) + 76 for l in labels if l])
    hgt = sum(row if i is not None else 9 for i in items) + 8
    if up:
        y -= hgt
    box = (x, y, x + w, y + hgt)
    ctx.shadow(box, 8, 8, 70, 4)
    ctx.rr(box, 8, fill=th["menu"], outline=(210, 210, 210) if not th["dark"] else (70, 70, 70))
    cy = y + 4
    for it in items:
        if it is None:
            ctx.d.line((x + 1, cy + 4, x + w - 1, cy + 4), fill=th["border"] if not th["dark"] else (70, 70, 70))
            cy += 9
            continue
        label, ic = (it if isinstance(it, tuple) else (it, None))
        rbox = (x + 5, cy + 2, x + w - 5, cy + row - 2)
        if label == hover:
            ctx.rr(rbox, 4, fill=th["sel"] if not th["dark"] else (60, 60, 60))
        sub = label.endswith(" >")
        shown = label[:-2] if sub else label
        if ic:
            if ic in APP_COLOURS:
                app_icon(ctx, ic, x + 24, cy + row / 2, 16)
            else:
                icon(ctx, ic, x + 24, cy + row / 2, 16, th["text"])
        ctx.text(x + 44, cy + row / 2, shown, size, th["text"], anchor="lm")
        if sub:
            icon(ctx, "chev_r", x + w - 20, cy + row / 2, 12, th["text"])
        ctx.mark(name + ":" + shown, rbox)
        cy += row
    return box


def dropdown(ctx, spec):
    """Open list of a combo box: spec = {of, options, current, hover, dark}."""
    th = DARK if spec.get("dark") else LIGHT
    of = ctx.el[spec["of"]]
    opts = spec["options"]
    row = 36
    w = max(of[2] - of[0], max(ctx.tw(o, 15) for o in opts) + 48)
    idx = opts.index(spec["current"]) if spec.get("current") in opts else 0
    y0 = of[1] - 4 - idx * row
    if spec.get("below"):
        y0 = of[3] + 2
    hgt = len(opts) * row + 8
    y0 = min(max(6, y0), H - 6 - hgt - (TASKBAR_H if spec.get("taskbar") else 0))
    x0 = min(of[0], W - 10 - w)
    box = (x0, y0, x0 + w, y0 + hgt)
    ctx.shadow(box, 8, 8, 70, 4)
    ctx.rr(box, 8, fill=th["menu"], outline=(210, 210, 210) if not th["dark"] else (70, 70, 70))
    for i, o in enumerate(opts):
        ry = y0 + 4 + i * row
        rbox = (x0 + 5, ry + 2, x0 + w - 5, ry + row - 2)
        if o == spec.get("current"):
            ctx.rr(rbox, 4, fill=th["sel"] if not th["dark"] else (60, 60, 60))
            ctx.rr((x0 + 6, ry + 10, x0 + 9, ry + row - 10), 2, fill=DARK_ACCENT if th["dark"] else ACCENT)
        ctx.text(x0 + 18, ry + row / 2, o, 15, th["text"], anchor="lm")
        ctx.mark("opt:" + o, rbox)


# ---------------------------------------------------------------- settings app
NAV = [
    ("home", "ホーム", "Home", (90, 90, 90)),
    ("monitor", "システム", "System", (0, 120, 212)),
    ("bluetooth", "Bluetooth とデバイス", "Bluetooth & devices", (0, 99, 177)),
    ("wifi", "ネットワークとインターネット", "Network & internet", (0, 120, 212)),
    ("brush", "個人用設定", "Personalization", (202, 80, 16)),
    ("apps", "アプリ", "Apps", (80, 80, 80)),
    ("person", "アカウント", "Accounts", (16, 124, 16)),
    ("clock", "時刻と言語", "Time & language", (0, 120, 212)),
    ("game", "ゲーム", "Gaming", (80, 80, 80)),
    ("access", "アクセシビリティ", "Accessibility", (0, 99, 177)),
    ("shield", "プライバシーとセキュリティ", "Privacy & security", (80, 80, 80)),
    ("update", "Windows Update", "Windows Update", (0, 120, 212)),
]


def user(ctx):
    return (ctx.L("佐藤 花子", "Alex Kim"), ctx.L("hanako.sato@outlook.jp", "alex.kim@outlook.com"))


def avatar(ctx, cx, cy, r, bg=(200, 214, 230), fg=(90, 110, 140)):
    ctx.d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=bg)
    ctx.d.ellipse((cx - r * 0.35, cy - r * 0.6, cx + r * 0.35, cy + r * 0.1), fill=fg)
    ctx.d.chord((cx - r * 0.7, cy + r * 0.2, cx + r * 0.7, cy + r * 1.3), 180, 360, fill=fg)


def draw_settings(ctx, s, box=(0, 0, W, H)):
    th = DARK if s.get("dark") else LIGHT
    client = window(ctx, box, ctx.L("設定", "Settings"), th, "settings", shadow=box != (0, 0, W, H),
                    title_bg=th["bg"])
    x0, y0, x1, y1 = client
    ctx.rect(client, fill=th["bg"])
    # left navigation
    name, mail = user(ctx)
    avatar(ctx, x0 + 34, y0 + 30, 20)
    ctx.text(x0 + 64, y0 + 20, name, 15, th["text"], True, anchor="lm")
    ctx.text(x0 + 64, y0 + 41, mail, 12, th["sub"], anchor="lm")
    field(ctx, (x0 + 12, y0 + 60, x0 + 238, y0 + 92), ctx.L("設定の検索", "Find a setting"), "placeholder", th, size=14)
    icon(ctx, "search", x0 + 220, y0 + 76, 14, th["sub"])
    ny = y0 + 102
    step = 29
    n = min(len(NAV), int((y1 - ny - 4) / step))
    sel = s.get("nav")
    for ic, ja, en, col in NAV[:n]:
        label = ctx.L(ja, en)
        rb = (x0 + 8, ny, x0 + 242, ny + step - 3)
        if label == sel:
            ctx.rr(rb, 4, fill=th["sel"] if not th["dark"] else (45, 45, 45))
            ctx.rr((x0 + 8, ny + 7, x0 + 11, ny + step - 10), 2, fill=DARK_ACCENT if th["dark"] else ACCENT)
        icon(ctx, ic, x0 + 30, ny + (step - 3) / 2, 15, col if not th["dark"] else (150, 200, 255))
        ctx.text(x0 + 50, ny + (step - 3) / 2, label, 14, th["text"], anchor="lm")
        ctx.mark("nav:" + label, rb)
        ny += step
    # page
    px, pw = x0 + 258, x1 - x0 - 258 - 14
    crumbs = s.get("crumbs", [])
    cx = px
    for i, c in enumerate(crumbs):
        last = i == len(crumbs) - 1
        bb = ctx.text(cx, y0 + 14, c, 22, th["text"] if last else th["sub"], True)
        ctx.mark("crumb:" + c, bb)
        cx = bb[2] + 8
        if not last:
            icon(ctx, "chev_r", cx + 6, y0 + 30, 14, th["sub"])
            cx += 20
    rows(ctx, s.get("rows", []), px, y0 + 58, pw, th, y1)


def rows(ctx, items, x, y, w, th, ymax=H):
    for it in items:
        t = it.get("type", "row")
        if t == "section":
            ctx.text(x + 2, y + 4, it["title"], 14, th["text"], True)
            y += 30
            continue
        if t in HEROES:
            y = HEROES[t](ctx, it, x, y, w, th)
            continue
        sub = it.get("sub")
        hgt = it.get("h", 58 if sub else 48)
        if y + hgt > ymax - 4:
            break
        box = (x, y, x + w, y + hgt)
        ctx.rr(box, 5, fill=th["card"], outline=th["border"] if not th["dark"] else (29, 29, 29))
        cy = y + hgt / 2
        tx = x + 16
        if it.get("icon"):
            ic = it["icon"]
            if ic in APP_COLOURS:
                app_icon(ctx, ic, x + 26, cy, 22)
            else:
                icon(ctx, ic, x + 26, cy, 18, th["text"])
            tx = x + 52
        if sub:
            ctx.text(tx, cy - 10, it["title"], 15, th["text"], anchor="lm")
            sb = ctx.text(tx, cy + 11, sub, 12, it.get("sub_color") or th["sub"], anchor="lm")
            ctx.mark("sub:" + it["title"], sb)
        else:
            ctx.text(tx, cy, it["title"], 15, th["text"], anchor="lm")
        ctx.mark("row:" + it["title"], box)
        ctrl = it.get("ctrl", ("chevron",))
        k = ctrl[0]
        rx = x + w - 16
        if k == "chevron":
            icon(ctx, "chev_r", rx - 6, cy, 14, th["text"])
        elif k == "expand":
            icon(ctx, "chev_d", rx - 6, cy, 14, th["text"])
        elif k == "toggle":
            tb = toggle(ctx, rx - 40, cy, ctrl[1], th, ctx.L("オン", "On") if ctrl[1] else ctx.L("オフ", "Off"))
            ctx.mark("ctrl:" + it["title"], (tb[0] - 40, tb[1], tb[2], tb[3]))
        elif k in ("button", "buttons"):
            labels = [ctrl[1]] if k == "button" else ctrl[1]
            bx = rx
            for i, lab in enumerate(reversed(labels)):
                bw = btn_width(ctx, lab, 14, 80)
                primary = (k == "button" and len(ctrl) > 2 and ctrl[2])
                button(ctx, (bx - bw, cy - 16, bx, cy + 16), lab, primary, th)
                bx -= bw + 8
        elif k == "dropdown":
            dw = max(150, ctx.tw(ctrl[1], 14) + 50)
            field(ctx, (rx - dw, cy - 17, rx, cy + 17), ctrl[1], "dropdown", th, name="dd:" + it["title"], size=14)
        elif k == "text":
            bb = ctx.text(rx, cy, ctrl[1], 14, th["sub"], anchor="rm")
            ctx.mark("val:" + it["title"], bb)
        elif k == "more":
            mb = (rx - 34, cy - 15, rx, cy + 15)
            ctx.rr(mb, 4, fill=th["sel"] if len(ctrl) > 1 and ctrl[1] else th["card"])
            ctx.text(rx - 17, cy - 1, "・・・", 10, th["text"], anchor="mm")
            ctx.mark("more:" + it["title"], mb)
            if len(ctrl) > 2:
                ctx.text(mb[0] - 14, cy, ctrl[2], 13, th["sub"], anchor="rm")
        elif k == "none":
            pass
        y += hgt + 4
    return y


def hero_banner(ctx, it, x, y, w, th):
    hgt = 76
    ctx.rr((x, y, x + w, y + hgt), 6, fill=(255, 244, 206), outline=(240, 220, 160))
    icon(ctx, "warn", x + 24, y + 24, 18)
    ctx.text(x + 44, y + 14, it["title"], 15, LIGHT["text"], True)
    para(ctx, x + 44, y + 40, it["sub"], w - 200, 13, LIGHT["sub"], lh=18)
    bw = btn_width(ctx, it["button"], 14, 90)
    button(ctx, (x + w - 16 - bw, y + 22, x + w - 16, y + 54), it["button"], False, th)
    return y + hgt + 8


def hero_user(ctx, it, x, y, w, th):
    hgt = 84
    ctx.rr((x, y, x + w, y + hgt), 6, fill=th["card"], outline=th["border"])
    avatar(ctx, x + 48, y + hgt / 2, 30)
    name, mail = user(ctx)
    ctx.text(x + 92, y + 20, name, 18, th["text"], True)
    ctx.text(x + 92, y + 48, mail, 13, th["sub"])
    ctx.text(x + 92 + ctx.tw(mail, 13) + 16, y + 48, ctx.L("Microsoft アカウント", "Microsoft account"), 13, th["sub"])
    return y + hgt + 8


def hero_net(ctx, it, x, y, w, th):
    hgt = 70
    ctx.rr((x, y, x + w, y + hgt), 6, fill=th["card"], outline=th["border"])
    icon(ctx, it.get("icon", "wifi"), x + 32, y + hgt / 2, 26, th["text"])
    ctx.text(x + 64, y + 16, it["title"], 16, th["text"], True)
    ctx.text(x + 64, y + 42, it["sub"], 13, th["sub"])
    lab = ctx.L("プロパティ", "Properties")
    button(ctx, (x + w - 16 - btn_width(ctx, lab, 14, 90), y + 19, x + w - 16, y + 51), lab, False, th)
    return y + hgt + 8


def hero_theme(ctx, it, x, y, w, th):
    hgt = 112
    ctx.rr((x, y, x + w, y + hgt), 6, fill=th["card"], outline=th["border"])
    pv = (x + 14, y + 12, x + 160, y + hgt - 12)
    ctx.rr(pv, 4, fill=(70, 130, 210))
    ctx.d.ellipse((pv[0] + 40, pv[1] + 30, pv[2] + 20, pv[3] + 40), fill=(110, 170, 235))
    ctx.rect((pv[0], pv[3] - 10, pv[2], pv[3]), fill=(235, 238, 242))
    ctx.rr((pv[0] + 40, pv[1] + 14, pv[0] + 110, pv[1] + 56), 3, fill=WHITE)
    ctx.text(x + 180, y + 14, ctx.L("適用するテーマを選択", "Select a theme to apply"), 14, th["text"])
    cols = [((90, 150, 230), WHITE), ((40, 60, 120), (30, 30, 30)), ((200, 120, 60), WHITE),
            ((120, 170, 120), WHITE), ((150, 110, 190), (30, 30, 30))]
    tx = x + 180
    for bgc, win in cols:
        if tx + 66 > x + w - 10:
            break
        ctx.rr((tx, y + 42, tx + 62, y + 94), 4, fill=bgc)
        ctx.rr((tx + 14, y + 54, tx + 48, y + 80), 2, fill=win)
        tx += 72
    return y + hgt + 8


def hero_devices(ctx, it, x, y, w, th):
    """Device cards strip of the Bluetooth & devices page, with the add card."""
    hgt = 84
    cards = it.get("devices", [])
    add = ctx.L("デバイスの追加", "Add device")
    cw = (w - 8 * len(cards)) / (len(cards) + 1) if cards else w / 2
    cx = x
    for ic, nm, st in cards:
        b = (cx, y, cx + cw, y + hgt)
        ctx.rr(b, 6, fill=th["card"], outline=th["border"])
        icon(ctx, ic, cx + 26, y + 30, 24, th["text"])
        ctx.text(cx + 50, y + 22, nm, 14, th["text"], True)
        sb = ctx.text(cx + 50, y + 44, st, 13, OK_GREEN if st in ("接続済み", "Connected") else th["sub"])
        ctx.mark("devcard:" + nm, b)
        ctx.mark("devstatus:" + nm, sb)
        cx += cw + 8
    b = (cx, y, x + w, y + hgt)
    ctx.rr(b, 6, fill=th["card"], outline=th["border"])
    icon(ctx, "plus", cx + 30, y + hgt / 2, 18, th["text"])
    ctx.text(cx + 52, y + hgt / 2, add, 15, th["text"], anchor="lm")
    ctx.mark("btn:" + add, b)
    return y + hgt + 8


def hero_search(ctx, it, x, y, w, th):
    field(ctx, (x, y, x + w - 190, y + 34), it["placeholder"], "placeholder", th, size=14)
    icon(ctx, "search", x + w - 208, y + 17, 14, th["sub"])
    ctx.text(x + w, y + 17, it["sort"], 13, th["sub"], anchor="rm")
    return y + 46


HEROES = {"banner": hero_banner, "user": hero_user, "net": hero_net, "theme": hero_theme,
          "devices": hero_devices, "search": hero_search}
