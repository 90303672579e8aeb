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


NO_LINE_START = "。、,.)）」』!！?？ー…:"


def wrap(ctx, s, width, size=15, bold=False):
    """Split s into lines no wider than width (words for Latin, chars for CJK)."""
    tokens = re.findall(r"[A-Za-z0-9@._\-/:()'*%,!?\"]+ ?|\s|.", s)
    lines, cur = [], ""
    for t in tokens:
        # kinsoku: closing punctuation never starts a line
        if ctx.tw(cur + t, size, bold) <= width or not cur or t[0] in NO_LINE_START:
            cur += t
        else:
            lines.append(cur.rstrip())
            cur = t.lstrip()
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def para(ctx, x, y, s, width, size=15, fill=None, bold=False, lh=None):
    lh = lh or int(size * 1.55)
    for chunk in s.split("\n"):
        if not chunk:
            y += lh // 2
        for line in wrap(ctx, chunk, width, size, bold):
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
        for rad in (h, h * 0.66, h * 0.33):
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
        g = max(1.0, h * 0.08)
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
    ctx.rr((max(1, x0 - pad), max(1, y0 - pad), min(W - 2, x1 + pad), min(H - 2, y1 + pad)), 8,
           outline=RED, width=3)


def cursor(ctx, x, y):
    """Mouse pointer with its tip at (x, y)."""
    pts = [(0, 0), (0, 19), (5, 14), (9, 22), (12, 21), (8, 13), (14, 13)]
    poly = [(x + px, y + py) for px, py in pts]
    ctx.d.polygon(poly, fill=WHITE, outline=BLACK)


# ---------------------------------------------------------------- chrome
def petal(ctx, cx, cy, a, b, angle, fill):
    """A rotated ellipse, as a polygon."""
    ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    pts = []
    for i in range(72):
        t = 2 * math.pi * i / 72
        x, y = a * math.cos(t), b * math.sin(t)
        pts.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    ctx.d.polygon(pts, fill=fill)


def desktop_bg(ctx, box=(0, 0, W, H), dark=False):
    """Flat wallpaper with a Windows 11 like "bloom" of layered petals."""
    base = (24, 66, 138) if not dark else (14, 24, 52)
    ctx.rect(box, fill=base)
    shades = [(40, 96, 178), (62, 128, 208), (96, 160, 230), (140, 192, 244)] if not dark else \
             [(22, 40, 84), (32, 56, 112), (44, 74, 140), (60, 96, 168)]
    # petals fan out from a point below the screen, back ones first
    bx, by = 540, 520
    for ang, a, b, col in ((-58, 250, 70, shades[0]), (58, 250, 70, shades[0]), (-32, 280, 80, shades[1]),
                           (32, 280, 80, shades[1]), (-12, 300, 84, shades[2]), (12, 300, 84, shades[2]),
                           (0, 250, 62, shades[3])):
        rad = math.radians(ang - 90)
        a, b = a * 0.82, b * 0.82
        petal(ctx, bx + math.cos(rad) * a * 0.9, by + math.sin(rad) * a * 0.9, a, b, ang - 90, col)


def desktop_icons(ctx, items, x=14, y=12):
    for app, label in items:
        app_icon(ctx, app, x + 42, y + 22, 34)
        box = (x + 2, y, x + 82, y + 68)
        for i, line in enumerate(wrap(ctx, label, 86, 12)[:2]):
            ctx.text(x + 42, y + 46 + i * 15, line, 12, WHITE, anchor="ma")
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
                  o.get("caret"), name="field:" + (o.get("name") or label or value))
            y += 46
        elif k in ("radio", "check"):
            label, checked = it[1], it[2]
            sub = it[3] if len(it) > 3 else None
            (radio if k == "radio" else checkbox)(ctx, x, y + 11, checked, th)
            bb = ctx.text(x + 28, y + 11, label, 15, th["text"], anchor="lm")
            bottom = y + 24
            if sub:
                sy = y + 30
                for line in wrap(ctx, sub, w - 28, 13):
                    sb = ctx.text(x + 28, sy, line, 13, th["sub"])
                    bb = (bb[0], bb[1], max(bb[2], sb[2]), sb[3])
                    sy += 19
                bottom = bb[3] + 2
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
    if "bottom" in spec:
        y0 = spec["bottom"] - hgt
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


def menu(ctx, x, y, items, th=LIGHT, hover=None, up=False, row=30, size=14, minw=180, name="menu", right=False):
    """Context menu; items are labels, None for a separator, or (label, icon)."""
    labels = [i if not isinstance(i, tuple) else i[0] for i in items]
    w = max([minw] + [ctx.tw(l, size) + 76 for l in labels if l])
    hgt = sum(row if i is not None else 9 for i in items) + 8
    if up:
        y -= hgt
    if right:
        x -= w
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
            if y + HERO_H.get(t, 0) > ymax - 4:
                break
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
        ctrl = it.get("ctrl", ("chevron",))
        room = x + w - 16 - ctrl_width(ctx, ctrl) - 12 - tx
        tsize = 15
        while tsize > 12 and ctx.tw(it["title"], tsize) > room:
            tsize -= 1
        if sub:
            ctx.text(tx, cy - 10, it["title"], tsize, th["text"], anchor="lm")
            if ctx.tw(sub, 12) > room:
                while sub and ctx.tw(sub + "…", 12) > room:
                    sub = sub[:-1]
                sub += "…"
            sb = ctx.text(tx, cy + 11, sub, 12, it.get("sub_color") or th["sub"], anchor="lm")
            ctx.mark("sub:" + it["title"], sb)
        else:
            ctx.text(tx, cy, it["title"], tsize, th["text"], anchor="lm")
        ctx.mark("row:" + it["title"], box)
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
            dw = max(120, ctx.tw(ctrl[1], 14) + 50)
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


def ctrl_width(ctx, ctrl):
    k = ctrl[0]
    if k in ("chevron", "expand", "none"):
        return 16
    if k == "toggle":
        return 90
    if k in ("button", "buttons"):
        labels = [ctrl[1]] if k == "button" else ctrl[1]
        return sum(btn_width(ctx, l, 14, 80) + 8 for l in labels)
    if k == "dropdown":
        return max(120, ctx.tw(ctrl[1], 14) + 50)
    if k == "text":
        return ctx.tw(ctrl[1], 14)
    if k == "more":
        return 40 + (ctx.tw(ctrl[2], 13) + 14 if len(ctrl) > 2 else 0)
    return 40


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


def hero_swatches(ctx, it, x, y, w, th):
    """The "Windows colors" grid under Accent color."""
    hgt = 92
    ctx.rr((x, y, x + w, y + hgt), 5, fill=th["card"], outline=th["border"] if not th["dark"] else (29, 29, 29))
    ctx.text(x + 52, y + 12, it["title"], 14, th["text"])
    cols = [(255, 185, 0), (247, 99, 12), (202, 80, 16), (232, 17, 35), (234, 0, 94), (195, 0, 82),
            (0, 120, 212), (0, 99, 177), (142, 140, 216), (107, 105, 214), (0, 153, 188), (16, 124, 16)]
    sx = x + 52
    for i, c in enumerate(cols):
        bx = sx + i * 36
        if bx + 30 > x + w - 10:
            break
        ctx.rr((bx, y + 42, bx + 30, y + 72), 4, fill=c)
        if c == (0, 120, 212):
            ctx.rr((bx - 3, y + 39, bx + 33, y + 75), 6, outline=th["text"], width=2)
    return y + hgt + 4


HERO_H = {"swatches": 92, "banner": 76, "user": 84, "net": 70, "theme": 112, "devices": 84, "search": 34}
HEROES = {"swatches": hero_swatches, "banner": hero_banner, "user": hero_user, "net": hero_net, "theme": hero_theme,
          "devices": hero_devices, "search": hero_search}


# ---------------------------------------------------------------- sign-in screen
def lock_bg(ctx):
    ctx.rect((0, 0, W, H), fill=(20, 56, 100))
    ctx.d.ellipse((-200, 260, 500, 760), fill=(30, 78, 128))
    ctx.d.ellipse((420, 300, 1100, 800), fill=(26, 68, 116))


def draw_lock(ctx, s, box=None):
    lock_bg(ctx)
    for i, nm in enumerate(("power", "access", "wifi")):
        cx = W - 30 - i * 40
        icon(ctx, nm, cx, H - 30, 18, WHITE)
        ctx.mark("lock:" + nm, (cx - 14, H - 44, cx + 14, H - 16))
    mode = s.get("mode", "password")
    if mode == "panel":
        ms_panel(ctx, dict(s["panel"], dim=False))
        return
    if mode == "pin":
        dialog(ctx, dict(s["dialog"], dim=False))
        return
    name, _ = user(ctx)
    avatar(ctx, W / 2, 118, 58, (214, 222, 232), (120, 136, 160))
    ctx.text(W / 2, 206, name, 24, WHITE, anchor="mm")
    if mode == "error":
        y = 246
        for line in wrap(ctx, s["message"], 440, 15):
            ctx.text(W / 2, y, line, 15, WHITE, anchor="mm")
            y += 24
        b = (W / 2 - 60, y + 14, W / 2 + 60, y + 48)
        ctx.rr(b, 4, fill=(90, 120, 160), outline=(160, 185, 215))
        ctx.text(W / 2, y + 31, "OK", 15, WHITE, anchor="mm")
        ctx.mark("btn:OK", b)
        return
    fb = (W / 2 - 140, 240, W / 2 + 140, 276)
    ctx.rr(fb, 4, fill=(236, 240, 246) if mode == "typing" else (200, 212, 228), outline=(150, 175, 210))
    if mode == "typing":
        ctx.text(fb[0] + 12, 258, "●" * 11, 11, LIGHT["text"], anchor="lm")
        ctx.d.line((fb[0] + 12 + ctx.tw("●" * 11, 11) + 3, 249, fb[0] + 12 + ctx.tw("●" * 11, 11) + 3, 267), fill=BLACK)
        ctx.d.line((fb[0] + 2, fb[3] - 1, fb[2] - 2, fb[3] - 1), fill=ACCENT, width=2)
        icon(ctx, "eye", fb[2] - 54, 258, 14, LIGHT["sub"])
    else:
        ctx.text(fb[0] + 12, 258, s.get("placeholder", ctx.L("パスワード", "Password")), 15, (90, 100, 115), anchor="lm")
    ab = (fb[2] - 36, fb[1] + 3, fb[2] - 3, fb[3] - 3)
    ctx.rr(ab, 3, fill=ACCENT if mode == "typing" else (120, 140, 170))
    icon(ctx, "arrow_r", (ab[0] + ab[2]) / 2, (ab[1] + ab[3]) / 2, 16, WHITE)
    ctx.mark("field:password", fb)
    ctx.mark("btn:enter", ab)
    lb = ctx.text(W / 2, 300, ctx.L("パスワードを忘れた場合", "I forgot my password"), 15, WHITE, anchor="mm")
    ctx.mark("link:forgot", lb)
    ctx.text(W / 2, 332, ctx.L("サインイン オプション", "Sign-in options"), 15, (210, 222, 240), anchor="mm")
    if mode == "typing":
        k = ctx.text(W / 2 + 150, 258, "Enter", 13, LIGHT["text"], anchor="lm")
        ctx.rr((k[0] - 6, k[1] - 5, k[2] + 6, k[3] + 5), 4, outline=WHITE, width=1)
        ctx.rr((k[0] - 5, k[1] - 4, k[2] + 5, k[3] + 4), 4, fill=(240, 240, 240))
        ctx.text(W / 2 + 150, 258, "Enter", 13, LIGHT["text"], anchor="lm")


# ---------------------------------------------------------------- desktop, start, quick settings
def start_menu(ctx, hover=None):
    box = (140, 26, 660, H - TASKBAR_H - 10)
    ctx.shadow(box, 8, 12, 90, 6)
    ctx.rr(box, 8, fill=(242, 243, 246), outline=(205, 205, 210))
    x0, y0, x1, y1 = box
    field(ctx, (x0 + 28, y0 + 20, x1 - 28, y0 + 54), "", "placeholder", size=14)
    icon(ctx, "search", x0 + 46, y0 + 37, 14, LIGHT["sub"])
    ctx.text(x0 + 62, y0 + 37, ctx.L("アプリ、設定、ドキュメントの検索", "Search for apps, settings, and documents"),
             14, LIGHT["faint"], anchor="lm")
    ctx.text(x0 + 48, y0 + 72, ctx.L("ピン留め済み", "Pinned"), 15, LIGHT["text"], True)
    allb = ctx.L("すべてのアプリ", "All apps")
    bw = btn_width(ctx, allb, 13, 80)
    button(ctx, (x1 - 40 - bw, y0 + 68, x1 - 40, y0 + 94), allb, size=13)
    apps = [("edge", "Edge", "Edge"), ("word", "Word", "Word"), ("excel", "Excel", "Excel"),
            ("outlook", "Outlook", "Outlook"), ("store", "Microsoft Store", "Microsoft Store"), ("photos", "フォト", "Photos"),
            ("settings", "設定", "Settings"), ("calc", "電卓", "Calculator"), ("notepad", "メモ帳", "Notepad"),
            ("explorer", "エクスプローラー", "File Explorer"), ("calendar", "カレンダー", "Calendar"), ("clock", "クロック", "Clock"),
            ("teams", "Teams", "Teams"), ("paint", "ペイント", "Paint"), ("terminal", "ターミナル", "Terminal"),
            ("onedrive", "OneDrive", "OneDrive"), ("ppt", "PowerPoint", "PowerPoint"), ("taskmgr", "タスク マネージャー", "Task Manager")]
    cw = (x1 - x0 - 56) / 6
    for i, (app, ja, en) in enumerate(apps):
        r, c = divmod(i, 6)
        cx = x0 + 28 + cw * c + cw / 2
        cy = y0 + 128 + r * 78
        label = ctx.L(ja, en)
        tb = (cx - cw / 2 + 4, cy - 24, cx + cw / 2 - 4, cy + 46)
        if label == hover:
            ctx.rr(tb, 6, fill=(228, 230, 236))
        app_icon(ctx, app, cx, cy, 30)
        lines = wrap(ctx, label, cw - 6, 12)
        for j, line in enumerate(lines[:2]):
            ctx.text(cx, cy + 22 + j * 15, line, 12, LIGHT["text"], anchor="ma")
        ctx.mark("tile:" + label, tb)
    ctx.d.line((x0 + 1, y1 - 52, x1 - 1, y1 - 52), fill=(215, 215, 220))
    ctx.rect((x0 + 1, y1 - 51, x1 - 1, y1 - 8), fill=(232, 234, 238))
    ctx.rr((x0 + 1, y1 - 16, x1 - 1, y1 - 1), 8, fill=(232, 234, 238))
    avatar(ctx, x0 + 52, y1 - 26, 14)
    ctx.text(x0 + 74, y1 - 26, user(ctx)[0], 14, LIGHT["text"], anchor="lm")
    icon(ctx, "power", x1 - 48, y1 - 26, 16, LIGHT["text"])


QS_W, QS_X1 = 360, W - 12


def qs_panel(ctx, hgt):
    y1 = H - TASKBAR_H - 10
    box = (QS_X1 - QS_W, y1 - hgt, QS_X1, y1)
    ctx.shadow(box, 8, 12, 90, 6)
    ctx.rr(box, 8, fill=(243, 243, 243), outline=(205, 205, 210))
    return box


def qs_tiles(ctx, s):
    x0, y0, x1, y1 = qs_panel(ctx, 296)
    wifi_on = s.get("wifi_on", True)
    tiles = [("wifi", "Wi-Fi", wifi_on, True), ("bluetooth", "Bluetooth", True, True),
             ("plane", ctx.L("機内モード", "Airplane mode"), False, False),
             ("leaf", ctx.L("バッテリー節約", "Energy saver"), False, False),
             ("moon", ctx.L("集中モード", "Focus"), False, False),
             ("access", ctx.L("アクセシビリティ", "Accessibility"), False, True)]
    tw_, th_ = 100, 48
    for i, (ic, label, on, split) in enumerate(tiles):
        r, c = divmod(i, 3)
        tx = x0 + 20 + c * (tw_ + 10)
        ty = y0 + 18 + r * 80
        tb = (tx, ty, tx + tw_, ty + th_)
        fill = ACCENT if on else (251, 251, 251)
        fg = WHITE if on else LIGHT["text"]
        ctx.rr(tb, 6, fill=fill, outline=None if on else (210, 210, 210))
        if split:
            icon(ctx, ic, tx + 32, ty + th_ / 2, 18, fg)
            ctx.d.line((tx + 64, ty + 8, tx + 64, ty + th_ - 8), fill=(255, 255, 255) if on else (200, 200, 200))
            ctx.text(tx + 82, ty + th_ / 2 - 1, ">", 15, fg, True, anchor="mm")
            ctx.mark("qs:" + label, (tx, ty, tx + 64, ty + th_))
            ctx.mark("qs>:" + label, (tx + 64, ty, tx + tw_, ty + th_))
        else:
            icon(ctx, ic, tx + tw_ / 2, ty + th_ / 2, 18, fg, bg=fill)
            ctx.mark("qs:" + label, tb)
        ctx.text(tx + tw_ / 2, ty + th_ + 8, label, 12, LIGHT["text"], anchor="ma")
    sy = y0 + 190
    for ic, val, name in (("sun", 0.7, "brightness"), ("speaker", 0.45, "volume")):
        icon(ctx, ic, x0 + 30, sy, 16, LIGHT["text"])
        ctx.rr((x0 + 52, sy - 2, x0 + 286, sy + 2), 2, fill=(140, 140, 140))
        ctx.rr((x0 + 52, sy - 2, x0 + 52 + 234 * val, sy + 2), 2, fill=ACCENT)
        kx = x0 + 52 + 234 * val
        ctx.d.ellipse((kx - 9, sy - 9, kx + 9, sy + 9), fill=WHITE, outline=(200, 200, 200))
        ctx.d.ellipse((kx - 5, sy - 5, kx + 5, sy + 5), fill=ACCENT)
        if name == "volume":
            ctx.text(x1 - 36, sy, ">", 15, LIGHT["text"], True, anchor="mm")
            ctx.mark("qs:volume>", (x1 - 52, sy - 16, x1 - 20, sy + 16))
        sy += 44
    ctx.rect((x0 + 1, y1 - 46, x1 - 1, y1 - 8), fill=(235, 235, 235))
    ctx.rr((x0 + 1, y1 - 16, x1 - 1, y1 - 1), 8, fill=(235, 235, 235))
    icon(ctx, "battery", x0 + 30, y1 - 24, 16, LIGHT["text"])
    ctx.text(x0 + 46, y1 - 24, "82%", 13, LIGHT["text"], anchor="lm")
    icon(ctx, "pencil", x1 - 70, y1 - 24, 14, LIGHT["text"])
    icon(ctx, "gear", x1 - 36, y1 - 24, 16, LIGHT["text"], (235, 235, 235))


def qs_list(ctx, s):
    """The Wi-Fi network list or the sound output list inside quick settings."""
    lst = s["list"]
    row = 52
    extra = lst.get("expanded_h", 0) if lst.get("expanded") else 0
    hgt = 70 + len(lst["items"]) * row + extra + 54
    x0, y0, x1, y1 = qs_panel(ctx, hgt)
    icon(ctx, "chev_l", x0 + 28, y0 + 30, 16, LIGHT["text"])
    ctx.text(x0 + 48, y0 + 30, lst["title"], 17, LIGHT["text"], True, anchor="lm")
    if lst.get("toggle") is not None:
        toggle(ctx, x1 - 60, y0 + 30, lst["toggle"])
    y = y0 + 58
    for it in lst["items"]:
        name = it["name"]
        expanded = lst.get("expanded") == name
        hgt_i = row + (lst.get("expanded_h", 0) if expanded else 0)
        rb = (x0 + 8, y, x1 - 8, y + hgt_i - 4)
        if expanded or it.get("sel"):
            ctx.rr(rb, 6, fill=(234, 234, 234))
        if it.get("active"):
            ctx.rr((x0 + 9, y + 14, x0 + 12, y + 34), 2, fill=ACCENT)
        icon(ctx, it.get("icon", "wifi_lock"), x0 + 36, y + 24, 20, LIGHT["text"])
        ctx.text(x0 + 64, y + (14 if it.get("status") else 24), name, 15, LIGHT["text"], anchor="lm")
        if it.get("status"):
            sb = ctx.text(x0 + 64, y + 35, it["status"], 12, LIGHT["sub"], anchor="lm")
            ctx.mark("status:" + name, sb)
        ctx.mark("item:" + name, (rb[0], rb[1], rb[2], y + row - 4))
        if expanded:
            form(ctx, lst["form"], x0 + 64, y + row, x1 - x0 - 88)
        y += hgt_i
    ctx.d.line((x0 + 1, y1 - 46, x1 - 1, y1 - 46), fill=(215, 215, 215))
    ctx.text(x0 + 22, y1 - 23, lst["footer"], 14, LIGHT["text"], anchor="lm")


def tooltip(ctx, s):
    t = s["tooltip"]
    lines = t["lines"]
    w = max(ctx.tw(l, 13) for l in lines) + 20
    anchor = ctx.el[t["of"]]
    x1 = min(W - 8, (anchor[0] + anchor[2]) / 2 + w / 2)
    y1 = anchor[1] - 10
    box = (x1 - w, y1 - 12 - 20 * len(lines), x1, y1)
    ctx.shadow(box, 4, 6, 60, 3)
    ctx.rr(box, 4, fill=(249, 249, 249), outline=(200, 200, 200))
    for i, l in enumerate(lines):
        ctx.text(box[0] + 10, box[1] + 6 + i * 20, l, 13, LIGHT["text"])


def draw_desktop(ctx, s, box=None):
    dark_tb = s.get("taskbar_dark", False)
    desktop_bg(ctx, dark=s.get("dark_bg", False))
    desktop_icons(ctx, s.get("icons", [("recycle", ctx.L("ごみ箱", "Recycle Bin"))]))
    for win in s.get("windows", []):
        KINDS[win["kind"]](ctx, win, win["box"])
    taskbar(ctx, dark_tb, s.get("net", "wifi"), s.get("apps", ("explorer", "edge", "outlook", "store")),
            s.get("active"), s.get("start_pressed", False))
    if s.get("start"):
        start_menu(ctx, s.get("hover"))
    if s.get("qs") == "tiles":
        qs_tiles(ctx, s)
    elif s.get("qs") == "list":
        qs_list(ctx, s)
    if s.get("winx"):
        tb = ctx.el["tb:start"]
        menu(ctx, tb[0] - 4, tb[1] - 6, s["winx"], hover=s.get("hover"), up=True, row=21, size=13, name="menu")
    if s.get("tooltip"):
        tooltip(ctx, s)


# ---------------------------------------------------------------- terminal and notepad
PS_PROMPT = "PS {}> "
CAMPBELL = dict(bg=(12, 12, 12), fg=(204, 204, 204), cmd=(249, 241, 165), param=(150, 150, 150),
                string=(58, 150, 221), var=(22, 198, 12), num=(242, 242, 242), green=(22, 198, 12),
                blue=(59, 120, 255), comment=(118, 118, 118))


def ps_tokens(cmd):
    segs = []
    first = True
    for m in re.finditer(r"\"[^\"]*\"|'[^']*'|\$\w+|-\w+|\||>|[^\s\"'$|>]+|\s+", cmd):
        t = m.group(0)
        if t.isspace():
            segs.append((t, CAMPBELL["fg"]))
            continue
        if t[0] in "\"'":
            col = CAMPBELL["string"]
        elif t[0] == "$":
            col = CAMPBELL["var"]
        elif t.startswith("-") and len(t) > 1 and not t[1].isdigit():
            col = CAMPBELL["param"]
        elif t in ("|", ">"):
            col = CAMPBELL["param"]
            first = True
            segs.append((t, col))
            continue
        elif first:
            col = CAMPBELL["cmd"]
        else:
            col = CAMPBELL["fg"]
        first = False
        segs.append((t, col))
    return segs


def draw_terminal(ctx, s, box=(0, 0, W, H)):
    x0, y0, x1, y1 = box
    bg = CAMPBELL["bg"]
    ctx.rr(box, 8, fill=(32, 32, 32), outline=(70, 70, 70))
    # tab strip (the tabs live in the title bar)
    tx = x0 + 10
    for i, (app, label) in enumerate(s["tabs"]):
        act = i == s.get("active", 0)
        tw_ = ctx.tw(label, 13) + 64
        tb = (tx, y0 + 6, tx + tw_, y0 + 38)
        if act:
            ctx.rr(tb, 6, fill=bg)
            ctx.rect((tb[0], tb[1] + 10, tb[2], tb[3]), fill=bg)
        app_icon(ctx, app, tx + 16, y0 + 22, 16)
        ctx.text(tx + 30, y0 + 22, label, 13, WHITE if act else (190, 190, 190), anchor="lm")
        icon(ctx, "close", tb[2] - 14, y0 + 22, 10, (190, 190, 190))
        ctx.mark("tab:" + label, tb)
        tx += tw_ + 2
    icon(ctx, "plus", tx + 16, y0 + 22, 12, (220, 220, 220))
    ctx.text(tx + 44, y0 + 22, "∨", 14, (220, 220, 220), anchor="mm")
    ctx.mark("tab:new", (tx + 4, y0 + 8, tx + 58, y0 + 36))
    for i, kind in enumerate(("close", "max", "min")):
        cx = x1 - 23 - i * 46
        if kind == "close":
            icon(ctx, "close", cx, y0 + 22, 14, WHITE)
        elif kind == "max":
            ctx.rect((cx - 5, y0 + 17, cx + 5, y0 + 27), outline=WHITE)
        else:
            ctx.d.line((cx - 5, y0 + 22, cx + 5, y0 + 22), fill=WHITE)
    ctx.rect((x0 + 1, y0 + 38, x1 - 1, y1 - 8), fill=bg)
    ctx.rr((x0 + 1, y1 - 16, x1 - 1, y1 - 1), 8, fill=bg)
    size = s.get("size", 14)
    lh = size + 7
    y = y0 + 50
    for i, line in enumerate(s["lines"]):
        x = x0 + 12
        start_y = y
        right = x0 + 12
        for text, col in line:
            for ch_run in re.findall(r".{1,8}", text) or [""]:
                tw_ = ctx.tw(ch_run, size, mono=True)
                if x + tw_ > x1 - 12:
                    y += lh
                    x = x0 + 12
                ctx.text(x, y, ch_run, size, col, mono=True)
                x += tw_
                right = max(right, x)
        x_end = x
        x = right
        if i in s.get("mark_lines", ()):
            ctx.mark("line:%d" % i, (x0 + 8, start_y + 1, right + 4, y + lh - 4))
        y += lh
    # block cursor after the last line
    ctx.rect((x_end + 1, y - lh + 2, x_end + 9, y - 3), fill=CAMPBELL["fg"])
    if "mark_lines" in s:
        boxes = [ctx.el["line:%d" % i] for i in s["mark_lines"]]
        ctx.mark("commands", (min(b[0] for b in boxes), min(b[1] for b in boxes),
                              max(b[2] for b in boxes), max(b[3] for b in boxes)))


def ps_session(cwd, entries):
    """Terminal lines for PowerShell: entries ("cmd"|"cont"|"out"|"prompt"|"cd", text)."""
    lines, marks = [], []
    for kind, text in entries:
        if kind == "cd":
            cwd = text
        elif kind == "cmd":
            marks.append(len(lines))
            lines.append([(PS_PROMPT.format(cwd), CAMPBELL["fg"])] + ps_tokens(text))
        elif kind == "cont":
            marks.append(len(lines))
            lines.append([(">> ", CAMPBELL["fg"])] + ps_tokens(text))
        elif kind == "prompt":
            lines.append([(PS_PROMPT.format(cwd), CAMPBELL["fg"])])
        else:
            lines.append([(text, CAMPBELL["fg"])])
    return lines, marks


def bash_session(user_host, cwd, entries):
    lines, marks = [], []
    for kind, text in entries:
        if kind in ("cmd", "prompt"):
            if kind == "cmd":
                marks.append(len(lines))
            lines.append([(user_host, CAMPBELL["green"]), (":", CAMPBELL["fg"]), (cwd, CAMPBELL["blue"]),
                          ("$ ", CAMPBELL["fg"])] + ([(text, CAMPBELL["fg"])] if kind == "cmd" else []))
        elif kind == "cont":
            marks.append(len(lines))
            lines.append([("> " + text, CAMPBELL["fg"])])
        else:
            lines.append([(text, CAMPBELL["fg"])])
    return lines, marks


def draw_notepad(ctx, s, box=(0, 0, W, H)):
    x0, y0, x1, y1 = box
    ctx.shadow(box, 8, 12, 90, 6)
    ctx.rr(box, 8, fill=(238, 238, 238), outline=(190, 190, 190))
    tb = (x0 + 10, y0 + 6, x0 + 200, y0 + 38)
    ctx.rr(tb, 6, fill=(251, 251, 251))
    app_icon(ctx, "notepad", x0 + 28, y0 + 22, 16)
    ctx.text(x0 + 44, y0 + 22, s["file"], 13, LIGHT["text"], anchor="lm")
    ctx.mark("tab:" + s["file"], tb)
    icon(ctx, "plus", x0 + 220, y0 + 22, 12, LIGHT["text"])
    for i, kind in enumerate(("close", "max", "min")):
        cx = x1 - 23 - i * 46
        if kind == "close":
            icon(ctx, "close", cx, y0 + 22, 14, LIGHT["text"])
        elif kind == "max":
            ctx.rect((cx - 5, y0 + 17, cx + 5, y0 + 27), outline=LIGHT["text"])
        else:
            ctx.d.line((cx - 5, y0 + 22, cx + 5, y0 + 22), fill=LIGHT["text"])
    ctx.rect((x0 + 1, y0 + 38, x1 - 1, y0 + 70), fill=(251, 251, 251))
    mx = x0 + 16
    for m in s["menu"]:
        ctx.text(mx, y0 + 54, m, 14, LIGHT["text"], anchor="lm")
        mx += ctx.tw(m, 14) + 24
    ctx.rect((x0 + 1, y0 + 70, x1 - 1, y1 - 30), fill=WHITE)
    y = y0 + 82
    size = 14
    for i, line in enumerate(s["lines"]):
        col = (0, 110, 0) if line.lstrip().startswith("#") else LIGHT["text"]
        bb = ctx.text(x0 + 14, y, line, size, col, mono=True)
        if i in s.get("mark_lines", ()):
            ctx.mark("line:%d" % i, (x0 + 10, y + 2, bb[2] + 4, y + 19))
        y += 24
    if "mark_lines" in s:
        bs = [ctx.el["line:%d" % i] for i in s["mark_lines"]]
        ctx.mark("lines", (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs)))
    ctx.rect((x0 + 1, y1 - 30, x1 - 1, y1 - 8), fill=(243, 243, 243))
    ctx.rr((x0 + 1, y1 - 16, x1 - 1, y1 - 1), 8, fill=(243, 243, 243))
    ctx.text(x0 + 16, y1 - 16, s["status"], 12, LIGHT["sub"], anchor="lm")


# ---------------------------------------------------------------- Excel
def excel_chrome(ctx, box, title, suffix=None):
    client = window(ctx, box, title, LIGHT, "excel", suffix, title_bg=GREEN, title_fg=WHITE)
    return client


def draw_excel(ctx, s, box=(0, 0, W, H)):
    x0, y0, x1, y1 = excel_chrome(ctx, box, s["title"], s.get("suffix"))
    ctx.rect((x0, y0, x1, y1), fill=WHITE)
    tabs = ctx.L(["ファイル", "ホーム", "挿入", "ページ レイアウト", "数式", "データ", "校閲", "表示", "ヘルプ"],
                 ["File", "Home", "Insert", "Page Layout", "Formulas", "Data", "Review", "View", "Help"])
    ctx.rect((x0, y0, x1, y0 + 30), fill=(243, 243, 243))
    tx = x0 + 12
    for i, t in enumerate(tabs):
        bb = ctx.text(tx, y0 + 15, t, 13, LIGHT["text"], anchor="lm")
        if i == 1:
            ctx.d.line((bb[0], y0 + 28, bb[2], y0 + 28), fill=GREEN, width=2)
        ctx.mark("xtab:" + t, bb)
        tx = bb[2] + 16
    # ribbon
    ry = y0 + 30
    ctx.rect((x0, ry, x1, ry + 70), fill=(249, 249, 249))
    groups = ctx.L(["クリップボード", "フォント", "配置", "数値", "スタイル", "セル", "編集"],
                   ["Clipboard", "Font", "Alignment", "Number", "Styles", "Cells", "Editing"])
    gx = x0 + 8
    for g in groups:
        gw = max(70, ctx.tw(g, 11) + 20)
        for j in range(3):
            ctx.rr((gx + 6 + j * (gw - 12) / 3, ry + 10, gx + 2 + (j + 1) * (gw - 12) / 3, ry + 40), 3, fill=(228, 232, 236))
        ctx.text(gx + gw / 2, ry + 56, g, 11, LIGHT["sub"], anchor="mm")
        ctx.d.line((gx + gw, ry + 8, gx + gw, ry + 62), fill=(220, 220, 220))
        gx += gw + 4
    # formula bar
    fy = ry + 74
    field(ctx, (x0 + 6, fy, x0 + 80, fy + 24), "A1", size=12)
    ctx.text(x0 + 94, fy + 12, "fx", 13, LIGHT["sub"], anchor="lm")
    field(ctx, (x0 + 116, fy, x1 - 6, fy + 24), s.get("formula", ""), size=12)
    # grid
    gy = fy + 30
    cols = "ABCDEFGHIJ"
    cw, rh, hw = 84, 22, 36
    ctx.rect((x0, gy, x1, gy + rh), fill=(243, 243, 243))
    for i, c in enumerate(cols):
        cx = x0 + hw + i * cw
        ctx.text(cx + cw / 2, gy + rh / 2, c, 12, LIGHT["sub"], anchor="mm")
    data = s.get("cells", [])
    nrows = int((y1 - 30 - gy - rh) / rh)
    for r in range(nrows):
        ry_ = gy + rh * (r + 1)
        ctx.rect((x0, ry_, x0 + hw, ry_ + rh), fill=(243, 243, 243))
        ctx.text(x0 + hw / 2, ry_ + rh / 2, str(r + 1), 12, LIGHT["sub"], anchor="mm")
        ctx.d.line((x0 + hw, ry_ + rh, x1, ry_ + rh), fill=(225, 225, 225))
        if r < len(data):
            for i, v in enumerate(data[r]):
                if v == "":
                    continue
                cx = x0 + hw + i * cw
                num = v.replace(",", "").isdigit()
                ctx.text(cx + (cw - 6 if num else 6), ry_ + rh / 2, v, 13, LIGHT["text"], r == 0,
                         anchor="rm" if num else "lm")
    for i in range(len(cols) + 1):
        cx = x0 + hw + i * cw
        ctx.d.line((cx, gy, cx, gy + rh * (nrows + 1)), fill=(225, 225, 225))
    # selected cell
    ctx.rect((x0 + hw, gy + rh, x0 + hw + cw, gy + 2 * rh), outline=GREEN, width=2)
    # sheet tabs
    sy = y1 - 30
    ctx.rect((x0, sy, x1, y1), fill=(243, 243, 243))
    sx = x0 + 60
    for i, sh in enumerate(s.get("sheets", [])):
        bb = ctx.text(sx, sy + 15, sh, 13, GREEN if i == 0 else LIGHT["text"], i == 0, anchor="lm")
        if i == 0:
            ctx.d.line((bb[0], sy + 27, bb[2], sy + 27), fill=GREEN, width=2)
        sx = bb[2] + 24
    if s.get("hung"):
        ctx.dim((x0, y0, x1, y1), 0.45, WHITE)


def draw_excel_file(ctx, s, box=(0, 0, W, H)):
    x0, y0, x1, y1 = excel_chrome(ctx, box, s["title"])
    ctx.rect((x0, y0, x1, y1), fill=WHITE)
    pw = 176
    ctx.rect((x0, y0, x0 + pw, y1), fill=GREEN)
    ctx.d.ellipse((x0 + 16, y0 + 12, x0 + 44, y0 + 40), outline=WHITE, width=2)
    icon(ctx, "arrow_l", x0 + 30, y0 + 26, 14, WHITE)
    top = ctx.L(["ホーム", "新規", "開く", None, "情報", "上書き保存", "名前を付けて保存", "印刷", "共有", "エクスポート", "閉じる"],
                ["Home", "New", "Open", None, "Info", "Save", "Save As", "Print", "Share", "Export", "Close"])
    bottom = ctx.L(["アカウント", "フィードバック", "オプション"], ["Account", "Feedback", "Options"])
    y = y0 + 52
    for t in top:
        if t is None:
            ctx.d.line((x0 + 16, y + 6, x0 + pw - 16, y + 6), fill=(90, 160, 120))
            y += 12
            continue
        rb = (x0, y, x0 + pw, y + 28)
        if t == top[0]:
            ctx.rect(rb, fill=(12, 90, 48))
        ctx.text(x0 + 22, y + 14, t, 14, WHITE, anchor="lm")
        ctx.mark("file:" + t, rb)
        y += 28
    y = y1 - 28 * len(bottom) - 8
    for t in bottom:
        rb = (x0, y, x0 + pw, y + 28)
        ctx.text(x0 + 22, y + 14, t, 14, WHITE, anchor="lm")
        ctx.mark("file:" + t, rb)
        y += 28
    cx = x0 + pw + 32
    ctx.text(cx, y0 + 20, ctx.L("こんにちは", "Good morning"), 24, LIGHT["text"])
    ctx.text(cx, y0 + 70, ctx.L("新規", "New"), 15, LIGHT["text"], True)
    for i, lab in enumerate(ctx.L(["空白のブック", "ようこそ Excel へ", "予算表"], ["Blank workbook", "Welcome to Excel", "Budget"])):
        bx = cx + i * 140
        ctx.rr((bx, y0 + 98, bx + 124, y0 + 178), 4, fill=WHITE if i == 0 else (232, 245, 236), outline=(200, 200, 200))
        if i == 0:
            for r in range(4):
                ctx.d.line((bx, y0 + 114 + r * 16, bx + 124, y0 + 114 + r * 16), fill=(225, 225, 225))
        ctx.text(bx + 62, y0 + 190, lab, 12, LIGHT["text"], anchor="ma")
    ctx.text(cx, y0 + 226, ctx.L("最近使ったアイテム", "Recent"), 15, LIGHT["text"], True)
    for i, (nm, loc) in enumerate([("Q1-report.xlsx", ctx.L("OneDrive » ドキュメント", "OneDrive » Documents")),
                                   ("budget-2025.xlsx", ctx.L("OneDrive » 経理", "OneDrive » Finance")),
                                   ("inventory.xlsx", ctx.L("デスクトップ", "Desktop"))]):
        ry = y0 + 258 + i * 44
        app_icon(ctx, "excel", cx + 12, ry + 14, 20)
        ctx.text(cx + 34, ry + 4, nm, 14, LIGHT["text"])
        ctx.text(cx + 34, ry + 22, loc, 12, LIGHT["sub"])


def draw_excel_options(ctx, s, box=None):
    draw_excel(ctx, s["under"], (0, 0, W, H))
    ctx.dim(amount=0.2)
    bx = (40, 24, 760, 482)
    x0, y0, x1, y1 = window(ctx, bx, s["title"], LIGHT, "excel", title_bg=WHITE)
    ctx.rect((x0, y0, x1, y1 - 6), fill=WHITE)
    lw = 200
    ctx.rect((x0, y0, x0 + lw, y1 - 6), fill=(248, 248, 248))
    y = y0 + 10
    for t in s["left"]:
        rb = (x0 + 4, y, x0 + lw - 4, y + 25)
        if t == s["left_sel"]:
            ctx.rr(rb, 3, fill=(220, 236, 226))
            ctx.rect((x0 + 4, y + 4, x0 + 7, y + 21), fill=GREEN)
        ctx.text(x0 + 16, y + 12, t, 13, LIGHT["text"], anchor="lm")
        ctx.mark("left:" + t, rb)
        y += 26
    cx = x0 + lw + 20
    cw = x1 - cx - 20
    ctx.text(cx, y0 + 14, s["heading"], 16, LIGHT["text"], True)
    ty = y0 + 48
    cols = s["columns"]
    widths = [0.42, 0.36, 0.22]
    xs = [cx + sum(widths[:i]) * cw for i in range(3)]
    for i, c in enumerate(cols):
        ctx.text(xs[i] + 4, ty, c, 13, LIGHT["text"], True)
    ty += 24
    for sec, items in s["table"]:
        ctx.text(cx + 4, ty, sec, 13, LIGHT["text"], True)
        ty += 22
        for item in items:
            for i, v in enumerate(item):
                ctx.text(xs[i] + 12 if i == 0 else xs[i] + 4, ty, v, 12, LIGHT["sub"] if i else LIGHT["text"])
            ty += 20
        ty += 4
    # manage row
    my = y1 - 100
    ctx.d.line((cx, my - 14, x1 - 20, my - 14), fill=(220, 220, 220))
    lb = ctx.text(cx, my + 16, s["manage_label"], 14, LIGHT["text"], anchor="lm")
    field(ctx, (lb[2] + 10, my, lb[2] + 190, my + 32), s["manage_value"], "dropdown", name="dd:manage", size=14)
    bw = btn_width(ctx, s["go"], 14, 90)
    button(ctx, (lb[2] + 200, my, lb[2] + 200 + bw, my + 32), s["go"])
    for i, lab in enumerate(reversed(["OK", s["cancel"]])):
        bw = 96
        bx1 = x1 - 16 - i * (bw + 8)
        button(ctx, (bx1 - bw, y1 - 52, bx1, y1 - 20), lab, lab == "OK")


def draw_com_addins(ctx, s, box=None):
    draw_excel(ctx, s["under"], (0, 0, W, H))
    ctx.dim(amount=0.2)
    bx = (150, 70, 650, 400)
    x0, y0, x1, y1 = window(ctx, bx, s["title"], LIGHT, title_bg=WHITE)
    ctx.rect((x0, y0, x1, y1 - 6), fill=WHITE)
    ctx.text(x0 + 18, y0 + 14, s["label"], 14, LIGHT["text"])
    lb = (x0 + 18, y0 + 42, x1 - 140, y0 + 196)
    ctx.rect(lb, fill=WHITE, outline=(160, 160, 160))
    y = lb[1] + 8
    for name, checked, sel in s["items"]:
        rb = (lb[0] + 4, y - 2, lb[2] - 4, y + 26)
        if sel:
            ctx.rect(rb, fill=(204, 232, 255))
        checkbox(ctx, lb[0] + 10, y + 12, checked)
        ctx.text(lb[0] + 36, y + 12, name, 14, LIGHT["text"], anchor="lm")
        ctx.mark("addin:" + name, rb)
        y += 30
    by = y0 + 42
    for lab in s["buttons"]:
        button(ctx, (x1 - 124, by, x1 - 18, by + 32), lab, lab == "OK")
        by += 40
    ctx.text(x0 + 18, y0 + 212, s["location"], 13, LIGHT["sub"])
    ctx.text(x0 + 18, y0 + 236, s["behaviour"], 13, LIGHT["sub"])


# ---------------------------------------------------------------- Task Manager
def draw_taskmgr(ctx, s, box=(0, 0, W, H)):
    th = LIGHT
    x0, y0, x1, y1 = window(ctx, box, ctx.L("タスク マネージャー", "Task Manager"), th, "taskmgr", title_bg=th["bg"])
    ctx.rect((x0, y0, x1, y1), fill=th["bg"])
    field(ctx, (x0 + 220, y0 - 28, x0 + 520, y0 - 4), ctx.L("検索する名前、発行元、または PID", "Type a name, publisher, or PID"),
          "placeholder", size=12)
    # icon rail
    for i, ic in enumerate(("hamburger", "apps", "chart", "clock", "update", "person", "gear")):
        cy = y0 + 22 + i * 40
        if i == 1:
            ctx.rr((x0 + 6, cy - 16, x0 + 42, cy + 16), 4, fill=th["sel"])
            ctx.rr((x0 + 6, cy - 8, x0 + 9, cy + 8), 2, fill=ACCENT)
        icon(ctx, ic, x0 + 24, cy, 16, th["text"])
    cx0 = x0 + 52
    ctx.rr((cx0, y0 + 2, x1 - 4, y1 - 4), 6, fill=WHITE, outline=th["border"])
    ctx.text(cx0 + 16, y0 + 20, ctx.L("プロセス", "Processes"), 19, th["text"], True, anchor="lm")
    end = ctx.L("タスクを終了する", "End task")
    run = ctx.L("新しいタスクを実行する", "Run new task")
    enabled = s.get("selected") is not None
    bx1 = x1 - 16
    bw = ctx.tw(end, 14) + 40
    eb = (bx1 - bw, y0 + 6, bx1, y0 + 34)
    ctx.text(eb[0] + 28, y0 + 20, end, 14, th["text"] if enabled else th["faint"], anchor="lm")
    ctx.d.ellipse((eb[0] + 8, y0 + 13, eb[0] + 22, y0 + 27), outline=th["text"] if enabled else th["faint"], width=2)
    ctx.d.line((eb[0] + 11, y0 + 24, eb[0] + 19, y0 + 16), fill=th["text"] if enabled else th["faint"], width=2)
    ctx.mark("btn:" + end, eb)
    rw = ctx.tw(run, 14) + 40
    ctx.text(eb[0] - rw + 28, y0 + 20, run, 14, th["text"], anchor="lm")
    icon(ctx, "plus", eb[0] - rw + 14, y0 + 20, 12, th["text"])
    # table
    cols = ctx.L(["名前", "状態", "CPU", "メモリ", "ディスク"], ["Name", "Status", "CPU", "Memory", "Disk"])
    pct = ["", "", "38%", "61%", "4%"]
    xs = [cx0 + 16, cx0 + 300, cx0 + 430, cx0 + 520, cx0 + 620]
    hy = y0 + 48
    ctx.d.line((cx0 + 1, hy - 4, x1 - 5, hy - 4), fill=th["border"])
    for i, c in enumerate(cols):
        if i >= 2:
            ctx.text(xs[i] + 70, hy + 6, pct[i], 14, th["text"], anchor="ra")
            ctx.text(xs[i] + 70, hy + 26, c, 12, th["sub"], anchor="ra")
        else:
            ctx.text(xs[i], hy + 24, c, 12, th["sub"])
    ry = hy + 48
    rh = 30
    for row in s["rows"]:
        if row[0] == "section":
            ctx.text(cx0 + 16, ry + rh / 2, row[1], 14, ACCENT, True, anchor="lm")
            ry += rh
            continue
        app, name, status, cpu, mem, disk = row
        rb = (cx0 + 4, ry, x1 - 8, ry + rh - 2)
        if s.get("selected") == name:
            ctx.rr(rb, 3, fill=ACCENT_SOFT)
        icon(ctx, "chev_r", cx0 + 22, ry + rh / 2, 10, th["sub"])
        app_icon(ctx, app, cx0 + 44, ry + rh / 2, 18)
        ctx.text(cx0 + 62, ry + rh / 2, name, 14, th["text"], anchor="lm")
        if status:
            sb = ctx.text(xs[1], ry + rh / 2, status, 14, (180, 40, 40) if status in ("応答なし", "Not responding") else th["text"], anchor="lm")
            ctx.mark("status:" + name, sb)
        for i, v in enumerate((cpu, mem, disk)):
            heat = (255, 244, 196) if i == 1 and v.endswith("MB") and int(v.split()[0].replace(",", "")) > 1000 else None
            if heat:
                ctx.rect((xs[i + 2] - 6, ry, xs[i + 2] + 78, ry + rh - 2), fill=heat)
            ctx.text(xs[i + 2] + 70, ry + rh / 2, v, 14, th["text"], anchor="rm")
        ctx.mark("proc:" + name, rb)
        ry += rh
        if ry > y1 - 30:
            break


# ---------------------------------------------------------------- mail, phone, earbuds
def draw_mail(ctx, s, box=(0, 0, W, H)):
    x0, y0, x1, y1 = window(ctx, box, "Outlook", LIGHT, "outlook", title_bg=(0, 90, 158), title_fg=WHITE)
    ctx.rect((x0, y0, x1, y1), fill=WHITE)
    ctx.rect((x0, y0, x1, y0 + 40), fill=(0, 120, 212))
    field(ctx, (x0 + 200, y0 + 6, x0 + 520, y0 + 34), ctx.L("検索", "Search"), "placeholder", size=13)
    lw = 150 if s.get("folders", True) else 0
    ctx.rect((x0, y0 + 40, x0 + lw, y1), fill=(245, 245, 245))
    folders = ctx.L(["受信トレイ", "迷惑メール", "下書き", "送信済みアイテム", "削除済みアイテム"],
                    ["Inbox", "Junk Email", "Drafts", "Sent Items", "Deleted Items"])
    for i, f in enumerate(folders if lw else []):
        fy = y0 + 56 + i * 32
        if i == 0:
            ctx.rr((x0 + 6, fy - 4, x0 + lw - 6, fy + 24), 4, fill=(220, 234, 248))
        ctx.text(x0 + 18, fy + 10, f, 14, LIGHT["text"], i == 0, anchor="lm")
        if i == 0:
            ctx.text(x0 + lw - 14, fy + 10, "2", 13, ACCENT, True, anchor="rm")
    mx0, mx1 = x0 + lw, x0 + lw + (230 if s.get("messages") else 0)
    ctx.d.line((mx1, y0 + 40, mx1, y1), fill=(225, 225, 225))
    for i, (frm, subj, prev, sel) in enumerate(s.get("messages", [])):
        my = y0 + 44 + i * 70
        if sel:
            ctx.rect((mx0 + 1, my, mx1 - 1, my + 68), fill=(204, 228, 247))
            ctx.rect((mx0 + 1, my, mx0 + 4, my + 68), fill=ACCENT)
        ctx.text(mx0 + 12, my + 8, frm, 14, LIGHT["text"], sel)
        ctx.text(mx0 + 12, my + 28, subj[:18] if ctx.tw(subj, 13) > 200 else subj, 13, ACCENT if sel else LIGHT["text"])
        ctx.text(mx0 + 12, my + 47, prev, 12, LIGHT["sub"])
        ctx.d.line((mx0 + 8, my + 69, mx1 - 8, my + 69), fill=(235, 235, 235))
    rx = mx1 + 20
    rw = x1 - rx - 20
    if s.get("mode") == "compose":
        c = s["compose"]
        ctx.text(rx, y0 + 56, c["to_label"], 14, LIGHT["sub"])
        ctx.text(rx + 60, y0 + 56, c["to"], 14, LIGHT["text"])
        ctx.d.line((rx, y0 + 82, x1 - 20, y0 + 82), fill=(225, 225, 225))
        ctx.text(rx, y0 + 92, c["subject"], 14, LIGHT["text"])
        ctx.d.line((rx, y0 + 118, x1 - 20, y0 + 118), fill=(225, 225, 225))
        ab = (rx, y0 + 130, rx + 210, y0 + 174)
        ctx.rr(ab, 4, fill=(250, 250, 250), outline=(200, 200, 200))
        app_icon(ctx, "zip", rx + 22, y0 + 152, 24)
        ctx.text(rx + 44, y0 + 142, c["attachment"], 14, LIGHT["text"], True)
        ctx.text(rx + 44, y0 + 162, c["size"], 12, LIGHT["sub"])
        ctx.mark("attachment", ab)
        y = para(ctx, rx, y0 + 194, c["body"], rw, 14, LIGHT["text"], lh=22)
        sb = (rx, y1 - 50, rx + 90, y1 - 18)
        button(ctx, sb, c["send"], True)
        icon(ctx, "paperclip", rx + 120, y1 - 34, 18, LIGHT["text"])
        ctx.mark("btn:attach", (rx + 104, y1 - 50, rx + 136, y1 - 18))
        return
    r = s["read"]
    y = para(ctx, rx, y0 + 52, r["subject"], rw, 17, LIGHT["text"], True, 24) + 6
    avatar(ctx, rx + 16, y + 16, 16, (0, 120, 212), WHITE)
    ctx.text(rx + 42, y + 4, r["from"], 13, LIGHT["text"], True)
    ctx.text(rx + 42, y + 22, r["date"], 12, LIGHT["sub"])
    y += 52
    ms_logo(ctx, rx, y, 12)
    y += 28
    for kind, text in r["body"]:
        if kind == "code":
            bb = ctx.text(rx, y, text, 22, LIGHT["text"], True)
            ctx.mark("code", bb)
            y += 40
        elif kind == "h":
            ctx.text(rx, y, text, 20, (38, 114, 236))
            y += 34
        else:
            y = para(ctx, rx, y, text, rw, 14, LIGHT["text"], lh=22) + 6


def draw_phone(ctx, s, box=None):
    for y in range(H):
        t = y / H
        ctx.d.line((0, y, W, y), fill=(int(232 - 20 * t), int(238 - 16 * t), int(246 - 8 * t)))
    pb = (280, 14, 520, 486)
    ctx.shadow(pb, 30, 14, 80, 6)
    ctx.rr(pb, 30, fill=(30, 30, 34))
    sb = (pb[0] + 10, pb[1] + 10, pb[2] - 10, pb[3] - 10)
    ctx.rr(sb, 22, fill=WHITE)
    x0, y0, x1, y1 = sb
    ctx.rr(((x0 + x1) / 2 - 30, y0 + 8, (x0 + x1) / 2 + 30, y0 + 22), 7, fill=(30, 30, 34))
    ctx.text(x0 + 22, y0 + 15, "10:26", 12, LIGHT["text"], True, anchor="lm")
    icon(ctx, "wifi", x1 - 50, y0 + 15, 12, LIGHT["text"])
    icon(ctx, "battery", x1 - 26, y0 + 15, 14, LIGHT["text"])
    ctx.rect((x0, y0 + 30, x1, y0 + 96), fill=(246, 246, 246))
    icon(ctx, "chev_l", x0 + 18, y0 + 58, 14, ACCENT)
    ctx.d.ellipse(((x0 + x1) / 2 - 18, y0 + 36, (x0 + x1) / 2 + 18, y0 + 72), fill=(150, 160, 175))
    ctx.text((x0 + x1) / 2, y0 + 54, "M", 16, WHITE, True, anchor="mm")
    ctx.text((x0 + x1) / 2, y0 + 84, s["sender"], 12, LIGHT["text"], anchor="mm")
    ctx.text((x0 + x1) / 2, y0 + 116, s["when"], 11, LIGHT["sub"], anchor="mm")
    by = y0 + 134
    lines = s["lines"]
    bh = 24 * len(lines) + 50
    bub = (x0 + 14, by, x1 - 30, by + bh)
    ctx.rr(bub, 16, fill=(233, 233, 235))
    y = by + 12
    for line in lines:
        ctx.text(bub[0] + 14, y, line, 14, LIGHT["text"])
        y += 24
    cb = ctx.text(bub[0] + 14, y + 2, s["code"], 22, LIGHT["text"], True)
    ctx.mark("code", cb)
    field(ctx, (x0 + 14, y1 - 54, x1 - 14, y1 - 20), s["input"], "placeholder", size=13)


def draw_earbuds(ctx, s, box=None):
    ctx.rect((0, 0, W, H), fill=(238, 243, 248))
    ctx.text(30, 24, s["heading"], 20, LIGHT["text"], True)
    # case body and open lid
    ctx.shadow((250, 200, 550, 400), 60, 14, 60, 8)
    ctx.rr((250, 200, 550, 400), 60, fill=WHITE, outline=(170, 175, 185), width=2)
    ctx.d.rounded_rectangle((250, 80, 550, 196), 60, fill=(246, 247, 249), outline=(170, 175, 185), width=2,
                            corners=(True, True, False, False))
    ctx.rr((270, 200, 530, 230), 12, fill=(215, 220, 228))
    for ex in (335, 465):
        ctx.d.ellipse((ex - 34, 190, ex + 34, 246), fill=(252, 252, 252), outline=(160, 165, 175), width=2)
        ctx.d.ellipse((ex - 12, 204, ex + 12, 228), fill=(210, 214, 222))
    # blinking light
    ctx.d.ellipse((392, 282, 408, 298), fill=(60, 150, 255))
    for a in range(0, 360, 45):
        ax, ay = math.cos(math.radians(a)), math.sin(math.radians(a))
        ctx.d.line((400 + ax * 14, 290 + ay * 14, 400 + ax * 22, 290 + ay * 22), fill=(60, 150, 255), width=2)
    ctx.mark("led", (390, 280, 410, 300))
    # the button
    ctx.d.ellipse((386, 350, 414, 378), fill=(225, 228, 234), outline=(140, 145, 155), width=2)
    ctx.mark("button", (384, 348, 416, 380))
    # call-outs
    ctx.d.line((414, 290, 580, 250), fill=(90, 100, 115), width=1)
    ctx.text(586, 240, s["led"], 16, LIGHT["text"])
    ctx.d.line((384, 364, 220, 420), fill=(90, 100, 115), width=1)
    ctx.text(40, 412, s["press"], 16, LIGHT["text"], True)
    ctx.text(40, 440, s["press_sub"], 14, LIGHT["sub"])
    # a finger pressing
    ctx.d.polygon([(400, 392), (430, 470), (470, 470), (420, 380)], fill=(240, 205, 180), outline=(200, 160, 130))


KINDS = {
    "settings": draw_settings, "lock": draw_lock, "desktop": draw_desktop, "terminal": draw_terminal,
    "notepad": draw_notepad, "excel": draw_excel, "excel_file": draw_excel_file,
    "excel_options": draw_excel_options, "com_addins": draw_com_addins, "taskmgr": draw_taskmgr,
    "mail": draw_mail, "phone": draw_phone, "earbuds": draw_earbuds,
}


# ---------------------------------------------------------------- rendering
def union(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def element(ctx, name):
    """Box of a named element; "a|b" is the union of two elements."""
    try:
        return union([ctx.el[n] for n in name.split("|")])
    except KeyError as e:
        raise KeyError("no element %s; known: %s" % (e, ", ".join(sorted(ctx.el)))) from None


def render(scene, lang):
    ctx = Ctx(lang)
    KINDS[scene["kind"]](ctx, scene)
    if "panel" in scene:
        ms_panel(ctx, scene["panel"])
    if "dialog" in scene:
        dialog(ctx, scene["dialog"])
    if "classic" in scene:
        classic(ctx, scene["classic"])
    if "menu" in scene:
        m = scene["menu"]
        th = DARK if m.get("dark") else LIGHT
        if "of" in m:
            of = element(ctx, m["of"])
            menu(ctx, of[2], of[3] + 4, m["items"], th, m.get("hover"), right=True, minw=160)
        else:
            menu(ctx, m["x"], m["y"], m["items"], th, m.get("hover"))
    if "dropdown" in scene:
        dropdown(ctx, scene["dropdown"])
    hls = scene.get("hl", [])
    for name in hls:
        highlight(ctx, element(ctx, name))
    if hls and scene.get("click", True):
        x0, y0, x1, y1 = element(ctx, hls[-1])
        cursor(ctx, min(x0 + min((x1 - x0) * 0.7, 90), W - 16), min(y1 - min(8, (y1 - y0) / 3), H - 24))
    return ctx


KEY_COLOURS = [RED, ACCENT, DARK_ACCENT, GREEN, OK_GREEN, WHITE, BLACK, (242, 80, 34), (127, 186, 0),
               (0, 164, 239), (255, 185, 0), (252, 225, 0), (233, 84, 32), (180, 40, 40)] + \
    [(v, v, v) for v in (27, 50, 75, 96, 120, 150, 180, 210, 232, 243)]


def save(ctx, path, colors=64):
    """Save as a 64-colour PNG: an adaptive palette plus the key UI colours,
    so that small spots of colour (the red frame, logos) are not merged away."""
    path.parent.mkdir(parents=True, exist_ok=True)
    adaptive = ctx.img.quantize(colors=colors - len(KEY_COLOURS), method=Image.Quantize.MEDIANCUT,
                                dither=Image.Dither.NONE)
    pal = adaptive.getpalette()[: 3 * (colors - len(KEY_COLOURS))]
    for c in KEY_COLOURS:
        pal += list(c)
    pal_img = Image.new("P", (1, 1))
    pal_img.putpalette(pal + [0] * (768 - len(pal)))
    img = ctx.img.quantize(palette=pal_img, dither=Image.Dither.NONE)
    img.save(path, optimize=True)


# ---------------------------------------------------------------- guides
IMG_RE = re.compile(r'!\[([^\]]*)\]\(([^)\s]+)(?:\s+"([^"]*)")?\)')
LABEL_RE = re.compile(r"\[([^\]]+)\](?!\()")


def guide_lang(md):
    m = re.match(r"index\.([a-z]{2})\.md$", md.name)
    return m.group(1) if m else "ja"


def references():
    """Every picture a guide or an include file shows, with the step (numbered item) it belongs to."""
    refs = []
    includes = sorted((CONTENT / "includes").glob("*.md")) if (CONTENT / "includes").is_dir() else []
    for md in sorted(CONTENT.rglob("index*.md")) + includes:
        guide = md.parent.relative_to(CONTENT).as_posix()
        step = ""
        for line in md.read_text(encoding="utf-8").splitlines():
            line = line.strip() if line.lstrip().startswith(tuple("0123456789")) else line
            if line.startswith("#"):
                step = ""
            m = re.match(r"^(\d+)\.\s+(.*)", line)
            if m:
                step = m.group(2)
            for im in IMG_RE.finditer(line):
                src = im.group(2).split("#")[0]
                if src.startswith(("http:", "https:", "/")) or not src.endswith(".png"):
                    continue
                # `NAME@2x.png` is drawn by draw2x.py from the scene of `NAME.png`.
                x2 = src.endswith("@2x.png")
                src = src.replace("@2x.png", ".png")
                refs.append(dict(key=guide + "/" + src, path=md.parent / src, lang=guide_lang(md), x2=x2,
                                 md=md.relative_to(ROOT).as_posix(), step=step, alt=im.group(1),
                                 caption=im.group(3) or ""))
    return refs


def norm(s):
    return re.sub(r"\s+", "", s)


_NOTDEF = {}


def missing_glyphs(texts):
    f = font(15)
    if "x" not in _NOTDEF:
        m = f.getmask("\ue000")
        _NOTDEF["x"] = (m.size, bytes(m))
    bad = set()
    for ch in set("".join(texts)):
        if ch.isspace():
            continue
        m = f.getmask(ch)
        if (m.size, bytes(m)) == _NOTDEF["x"]:
            bad.add(ch)
    return bad


def main(argv):
    refs = references()
    langs = {}
    for r in refs:
        if langs.setdefault(r["key"], r["lang"]) != r["lang"]:
            print("warning: %s is shown by guides in two languages" % r["key"])
    missing = sorted({r["key"] for r in refs if r["key"] not in SCENES})
    for k in missing:
        print("error: no scene for %s" % k)
    for k in sorted(set(SCENES) - {r["key"] for r in refs}):
        print("warning: scene %s is not used by any guide" % k)
    if missing:
        return 1
    if "--check" in argv:
        print("%d pictures, all have scenes" % len(refs))
        return 0
    only = [a for a in argv if not a.startswith("-")]
    done, total, largest = 0, 0, (0, "")
    for r in refs:
        if (only and not any(o in r["key"] for o in only)) or r["x2"]:
            continue
        ctx = render(SCENES[r["key"]], r["lang"])
        save(ctx, r["path"])
        size = r["path"].stat().st_size
        done += 1
        total += size
        largest = max(largest, (size, r["key"]))
        drawn = norm("".join(ctx.texts))
        for label in LABEL_RE.findall(r["step"]):
            if norm(label) not in drawn:
                print("note: %s: step label [%s] is not in the picture" % (r["key"], label))
        bad = missing_glyphs(ctx.texts)
        if bad:
            print("warning: %s: no glyph for %s" % (r["key"], " ".join(sorted(bad))))
    print("drew %d pictures, %d bytes, largest %s (%d bytes)" % (done, total, largest[1], largest[0]))
    return 0


# ================================================================ scenes
# Each scene is keyed by "<guide folder>/shots/<file>". Fields:
#   kind      base screen: settings | lock | desktop | terminal | notepad | excel |
#             excel_file | excel_options | com_addins | taskmgr | mail | phone | earbuds
#   nav, crumbs, rows       Settings: selected left item, page title, cards
#   panel / dialog / classic  overlays: Microsoft-account panel, Windows 11
#             dialog, classic Win32 dialog (each a list of form items)
#   menu, dropdown          an open context menu or combo-box list
#   hl        element(s) to frame in red ("a|b" frames both as one box)
#   click     False when the step only shows a result (no mouse pointer)
SCENES = {}


def add(guide, file, **scene):
    SCENES["%s/shots/%s" % (guide, file)] = scene


def T(lang):
    return lambda ja, en: en if lang == "en" else ja


# ---------------------------------------------------------------- shared pages
def home_rows(t):
    return [
        dict(title=t("推奨設定", "Recommended settings"), sub=t("最近使った設定やおすすめの設定", "Recent and commonly used settings"), icon="gear"),
        dict(title=t("クラウド ストレージ", "Cloud storage"), sub=t("OneDrive 5 GB 中 1.2 GB を使用中", "1.2 GB of 5 GB used in OneDrive"), icon="onedrive"),
        dict(title=t("Bluetooth デバイス", "Bluetooth devices"), sub=t("接続済み: Surface Mouse", "Connected: Surface Mouse"), icon="bluetooth"),
        dict(title=t("個人用設定", "Personalize your device"), sub=t("背景、テーマ、色", "Background, themes, colors"), icon="brush"),
        dict(title="Microsoft 365", sub=t("サブスクリプションは有効です", "Your subscription is active"), icon="m365"),
        dict(title=t("Windows Update", "Windows Update"), sub=t("最新の状態です", "You're up to date"), icon="update"),
    ]


def settings_home(t, **kw):
    return dict(kind="settings", nav=t("ホーム", "Home"), crumbs=[t("ホーム", "Home")], rows=home_rows(t), **kw)


def net_rows(t, wifi_on=True):
    return [
        dict(type="net", icon="wifi", title="Wi-Fi", sub=t("Sato-Home-5G  接続済み、セキュリティ保護あり", "Home-5G  Connected, secured")),
        dict(title="Wi-Fi", sub=t("接続、既知のネットワークの管理、従量制課金接続", "Connect, manage known networks, metered network"), icon="wifi", ctrl=("toggle", wifi_on)),
        dict(title=t("イーサネット", "Ethernet"), sub=t("認証、IP と DNS の設定、従量制課金接続", "Authentication, IP and DNS settings, metered network"), icon="ethernet"),
        dict(title="VPN", sub=t("追加、接続、管理", "Add, connect, manage"), icon="vpn"),
        dict(title=t("モバイル ホットスポット", "Mobile hotspot"), sub=t("インターネット接続を共有する", "Share your internet connection"), icon="hotspot", ctrl=("toggle", False)),
        dict(title=t("機内モード", "Airplane mode"), sub=t("すべてのワイヤレス通信を停止する", "Stop all wireless communication"), icon="plane", ctrl=("toggle", False)),
        dict(title=t("プロキシ", "Proxy"), sub=t("Wi-Fi とイーサネット接続用のプロキシ サーバー", "Proxy server for Wi-Fi and Ethernet connections"), icon="globe"),
    ]


# ---------------------------------------------------------------- account/reset-password
def reset_password(lang, pre):
    t = T(lang)
    g = "account/reset-password"
    sms, mail = t("SMS", "Text"), t("メール", "Email")
    add(g, pre + "step01.png", kind="lock", mode="error",
        message=t("パスワードが正しくありません。もう一度やり直してください。",
                  "That password is incorrect. Make sure you're using the password for your Microsoft account."),
        hl=["btn:OK"])
    add(g, pre + "step02.png", kind="lock", mode="password", hl=["link:forgot"])
    title = ("title", t("本人確認", "Verify your identity"))
    how = ("text", t("セキュリティ コードの受け取り方法を選んでください。", "How would you like to get your security code?"))
    add(g, pre + "step03.png", kind="lock", mode="panel", hl=["radio:" + sms], panel=dict(items=[
        title, how,
        ("radio", sms, True, t("********12 に送信", "Text ********12")),
        ("radio", mail, False, t("ha*****@outlook.jp に送信", "Email al*****@outlook.com")),
        ("radio", t("どれも使えない場合", "I don't have any of these"), False,
         t("アカウントの回復フォームに進みます", "Go to the account recovery form")),
        ("buttons", [(t("キャンセル", "Cancel"), False)])]))
    get_code = t("コードの取得", "Get code")
    add(g, pre + "step04.png", kind="lock", mode="panel", hl=["field:digits", "btn:" + get_code], panel=dict(items=[
        title,
        ("radio", sms, True, t("********12 に送信", "Text ********12")),
        ("radio", mail, False, t("ha*****@outlook.jp に送信", "Email al*****@outlook.com")),
        ("text", t("確認のため、電話番号の下 4 桁を入力してください。",
                   "To verify that this is your phone number, enter the last 4 digits.")),
        ("field", None, "5612", dict(focus=True, caret=True, name="digits")),
        ("buttons", [(t("キャンセル", "Cancel"), False), (get_code, True)])]))
    nxt = t("次へ", "Next")
    add(g, pre + "step05.png", kind="lock", mode="panel", hl=["field:code", "btn:" + nxt], panel=dict(items=[
        ("title", t("コードの入力", "Enter code")),
        ("text", t("SMS で ********12 に送信したセキュリティ コードを入力してください。",
                   "Enter the security code we texted to ********12.")),
        ("field", None, "482913", dict(focus=True, caret=True, name="code")),
        ("link", t("コードを再送信", "Resend code")),
        ("buttons", [(nxt, True)])]))
    add(g, pre + "step06.png", kind="lock", mode="panel", hl=["field:pw1|field:pw2", "btn:" + nxt], panel=dict(items=[
        ("title", t("パスワードのリセット", "Reset your password")),
        ("sub", t("8 文字以上で、英大文字、英小文字、数字、記号のうち 2 種類以上を使ってください。",
                  "At least 8 characters, with at least two of: upper-case, lower-case, numbers, symbols.")),
        ("field", t("新しいパスワード", "New password"), "xxxxxxxxxxx", dict(kind="password", name="pw1")),
        ("field", t("パスワードの再入力", "Re-enter password"), "xxxxxxxxxxx", dict(kind="password", focus=True, name="pw2")),
        ("buttons", [(nxt, True)])]))
    sign = t("サインイン", "Sign in")
    add(g, pre + "step07.png", kind="lock", mode="panel", hl=["btn:" + sign], panel=dict(items=[
        ("success", t("パスワードが変更されました", "Your password has been changed")),
        ("text", t("新しいパスワードでサインインできるようになりました。",
                   "You can now use your new password to sign in.")),
        ("gap", 10),
        ("buttons", [(sign, True)])]))
    add(g, pre + "step08.png", kind="lock", mode="typing", hl=["field:password"], click=False)
    add(g, pre + "step09.png", kind="lock", mode="pin", hl=["btn:OK"], dialog=dict(w=420, items=[
        ("title", t("PIN のセットアップ", "Set up a PIN")),
        ("sub", t("PIN を使うと、このデバイスにすばやく安全にサインインできます。",
                  "A PIN is a quick, secure way to sign in to this device.")),
        ("field", t("新しい PIN", "New PIN"), "xxxxxx", dict(kind="password")),
        ("field", t("PIN の確認", "Confirm PIN"), "xxxxxx", dict(kind="password", focus=True)),
        ("check", t("英字と記号を含める", "Include letters and symbols"), False)],
        buttons=[("OK", True), (t("キャンセル", "Cancel"), False)]))


reset_password("ja", "")
reset_password("en", "en-")


# ---------------------------------------------------------------- account/verify-identity
def open_settings():
    # content/includes/open-settings.md: the first steps of many guides.
    add("includes", "start.png", kind="desktop", hl=["tb:start"])
    add("includes", "settings.png", kind="desktop", start=True, start_pressed=True, hover="設定", hl=["tile:設定"])


def verify_identity():
    t = T("ja")
    g = "account/verify-identity"
    add(g, "step03.png", **settings_home(t, hl=["nav:アカウント"]))

    def account(banner=True):
        rs = [dict(type="banner", title="このPCで本人確認を行ってください",
                   sub="パスワードを忘れたときにアカウントを回復できるよう、登録している連絡先を確認します。",
                   button="確認する")] if banner else []
        return dict(kind="settings", nav="アカウント", crumbs=["アカウント"], rows=rs + [
            dict(type="user"),
            dict(title="あなたの情報", sub="プロフィール写真", icon="person"),
            dict(title="サインイン オプション", sub="Windows Hello、セキュリティ キー、パスワード、動的ロック", icon="lock"),
            dict(title="メールとアカウント", sub="メール、カレンダー、連絡先で使用されるアカウント", icon="mail"),
            dict(title="家族", sub="家族のメンバーを管理し、アクセス許可を設定する", icon="person"),
            dict(title="Windows バックアップ", sub="ファイル、アプリ、設定をバックアップする", icon="update"),
        ])

    add(g, "step04.png", hl=["btn:確認する"], **account())
    how = ("label", "セキュリティコードの受け取り方法")
    sms = ("radio", "SMS", True, "********12 に送信")
    sms_off = ("radio", "SMS", False, "********12 に送信")
    mail = ("radio", "メール", False, "ha*****@outlook.jp に送信")
    mail_on = ("radio", "メール", True, "ha*****@outlook.jp に送信")
    title = ("title", "本人確認")
    cancel = ("キャンセル", False)
    send = ("コードを送信", True)
    add(g, "step05.png", hl=["radio:SMS"], panel=dict(items=[
        title, ("text", "本人確認のため、セキュリティ コードをお送りします。"), how, sms, mail,
        ("buttons", [cancel])]), **account())
    digits = ("text", "確認のため、電話番号の下 4 桁を入力してください。")
    add(g, "step06.png", hl=["field:digits"], panel=dict(items=[
        title, how, sms, mail, digits,
        ("field", None, "56", dict(focus=True, caret=True, name="digits")),
        ("buttons", [cancel, send])]), **account())
    add(g, "step07.png", hl=["btn:コードを送信"], panel=dict(items=[
        title, how, sms, mail, digits,
        ("field", None, "5612", dict(name="digits")),
        ("buttons", [cancel, send])]), **account())
    add(g, "step08.png", kind="phone", sender="Microsoft", when="今日 10:26",
        lines=["Microsoft アカウントの", "セキュリティ コード:"], code="482913",
        input="テキスト メッセージ", hl=["code"], click=False)
    add(g, "step09.png", hl=["field:セキュリティコード", "btn:確認"], panel=dict(items=[
        ("title", "コードの入力"),
        ("text", "SMS で ********12 に送信した 6 桁のコードを入力してください。"),
        ("field", "セキュリティコード", "482913", dict(focus=True, caret=True)),
        ("link", "コードを再送信"),
        ("buttons", [cancel, ("確認", True)])]), **account())
    add(g, "step10.png", hl=["btn:閉じる"], panel=dict(items=[
        ("success", "本人確認が完了しました"),
        ("text", "登録している連絡先が確認されました。パスワードを忘れたときは、この連絡先でアカウントを回復できます。"),
        ("gap", 6),
        ("buttons", [("閉じる", True)])]), **account(banner=False))
    add(g, "step11.png", hl=["radio:メール"], panel=dict(items=[
        title, ("text", "本人確認のため、セキュリティ コードをお送りします。"), how, sms_off, mail_on,
        ("buttons", [cancel])]), **account())
    add(g, "step12.png", hl=["field:email", "btn:コードを送信"], panel=dict(items=[
        title, how, sms_off, mail_on,
        ("text", "確認のため、メールアドレスを省略せずに入力してください。"),
        ("field", None, "hanako.sato@outlook.jp", dict(focus=True, caret=True, name="email")),
        ("buttons", [cancel, send])]), **account())
    add(g, "step13.png", kind="mail", hl=["code"], click=False, messages=[
        ("Microsoft アカウント チーム", "セキュリティ コード", "セキュリティ コード: 739150", True),
        ("サポートチーム", "お問い合わせの受付", "お問い合わせを受け付けました", False),
        ("OneDrive", "今月の思い出", "写真を振り返ってみましょう", False)],
        read=dict(subject="Microsoft アカウントのセキュリティ コード", **{"from": "Microsoft アカウント チーム"},
                  date="2025/06/02 10:31", body=[
                      ("h", "セキュリティ コード"),
                      ("t", "Microsoft アカウント ha*****@outlook.jp のセキュリティ コードとして、次のコードを使用してください。"),
                      ("code", "セキュリティ コード: 739150"),
                      ("t", "このコードはほかの人に教えないでください。")]))


verify_identity()


# ---------------------------------------------------------------- apps/collect-logs
def collect_logs(lang, pre):
    t = T(lang)
    g = "apps/collect-logs"
    me = t("hanako", "alex")
    home = "C:\\Users\\%s" % me
    logs = home + "\\Desktop\\tebiki-logs"
    admin = t("管理者: Windows PowerShell", "Administrator: Windows PowerShell")
    ubuntu = "Ubuntu"
    winx = t(["インストールされているアプリ", "モビリティ センター", "電源オプション", "イベント ビューアー", "システム",
              "デバイス マネージャー", "ネットワーク接続", "ディスクの管理", "コンピューターの管理", "ターミナル",
              "ターミナル (管理者)", None, "タスク マネージャー", "設定", "エクスプローラー", "検索",
              "ファイル名を指定して実行", None, "シャットダウンまたはサインアウト >", "デスクトップ"],
             ["Installed apps", "Mobility Center", "Power Options", "Event Viewer", "System", "Device Manager",
              "Network Connections", "Disk Management", "Computer Management", "Terminal", "Terminal (Admin)",
              None, "Task Manager", "Settings", "File Explorer", "Search", "Run", None,
              "Shut down or sign out >", "Desktop"])
    admin_item = t("ターミナル (管理者)", "Terminal (Admin)")
    add(g, pre + "step01.png", kind="desktop", winx=winx, hover=admin_item, start_pressed=True,
        hl=["menu:" + admin_item])
    banner = [("out", "Windows PowerShell"),
              ("out", "Copyright (C) Microsoft Corporation. All rights reserved."),
              ("out", ""),
              ("out", t("新機能と改善のために最新の PowerShell をインストールしてください!https://aka.ms/PSWindows",
                        "Install the latest PowerShell for new features and improvements! https://aka.ms/PSWindows")),
              ("out", "")]
    step2 = [("cmd", "$dest = Join-Path ([Environment]::GetFolderPath('Desktop')) 'tebiki-logs'"),
             ("cmd", "New-Item -ItemType Directory -Path $dest -Force | Out-Null"),
             ("cmd", "Set-Location $dest"), ("cd", logs)]
    lines, marks = ps_session("C:\\Windows\\system32", banner + step2 + [("prompt", "")])
    tabs = [("terminal", admin)]
    add(g, pre + "step02.png", kind="terminal", tabs=tabs, lines=lines, mark_lines=marks, hl=["commands"], click=False)
    step3 = [("cmd", '$week = "*[System[TimeCreated[timediff(@SystemTime) <= 604800000]]]"'),
             ("cmd", 'wevtutil epl System      System.evtx      "/q:$week"'),
             ("cmd", 'wevtutil epl Application Application.evtx "/q:$week"')]
    lines, marks = ps_session("C:\\Windows\\system32", banner + step2 + step3 + [("prompt", "")])
    add(g, pre + "step03.png", kind="terminal", tabs=tabs, lines=lines, mark_lines=marks[3:], hl=["commands"], click=False)
    date = t("2025/06/02     10:4", "6/2/2025  10:4")
    ampm = t("", " AM")
    listing = [("out", ""), ("out", t("    ディレクトリ: ", "    Directory: ") + logs), ("out", ""),
               ("out", "Mode                 LastWriteTime         Length Name"),
               ("out", "----                 -------------         ------ ----")]
    for mnt, size, name in (("1", "20975616", "Application.evtx"), ("3", "     612", "computerinfo.json"),
                            ("2", "    5834", "ipconfig.txt"), ("1", "15798272", "System.evtx"),
                            ("2", "    9216", "systeminfo.txt")):
        listing.append(("out", "-a----        %s%s%s      %s %s" % (date, mnt, ampm, size, name)))
    step4 = [("cmd", "systeminfo > systeminfo.txt"),
             ("cmd", "ipconfig /all > ipconfig.txt"),
             ("cmd", "Get-ComputerInfo -Property OsName, OsVersion, OsBuildNumber, CsManufacturer, CsModel |"),
             ("cont", "    ConvertTo-Json | Out-File computerinfo.json -Encoding utf8"),
             ("cmd", "Get-ChildItem")]
    lines, marks = ps_session(logs, step4 + listing + [("out", ""), ("prompt", "")])
    add(g, pre + "step04.png", kind="terminal", tabs=tabs, lines=lines, mark_lines=marks[:4], hl=["commands"], click=False)
    host = "%s@%s" % (me, t("SATO-PC", "KIM-LAPTOP"))
    bash = [("out", "Welcome to Ubuntu 24.04.1 LTS (GNU/Linux 5.15.167.4-microsoft-standard-WSL2 x86_64)"), ("out", ""),
            ("cmd", "dest=\"$(wslpath \"$(cmd.exe /c 'echo %USERPROFILE%' 2>/dev/null | tr -d '\\r')\")/Desktop/tebiki-logs\""),
            ("cmd", "uname -a > \"$dest/wsl-uname.txt\""),
            ("cmd", "cat /etc/os-release > \"$dest/wsl-os-release.txt\""),
            ("cmd", "sudo dmesg | tail -n 300 > \"$dest/wsl-dmesg.txt\""),
            ("out", "[sudo] password for %s: " % me),
            ("cmd", "ls \"$dest\""),
            ("out", "Application.evtx   ipconfig.txt  systeminfo.txt  wsl-os-release.txt"),
            ("out", "computerinfo.json  System.evtx   wsl-dmesg.txt   wsl-uname.txt"),
            ("prompt", "")]
    lines, marks = bash_session(host, "~", bash)
    add(g, pre + "step05.png", kind="terminal", tabs=[("terminal", admin), ("ubuntu", ubuntu)], active=1,
        lines=lines, mark_lines=marks[:4], hl=["tab:" + ubuntu, "commands"], click=False)
    yaml = t(['# notes.yaml: 起きたことをご自身の言葉で',
              'ticket: "48213"            # サポートからのメールに記載の受付番号(あれば)',
              'problem: 大きなブックを開くと Excel が応答なしになる',
              'started: 2026-01-12',
              'every_time: true',
              'steps:',
              '  - Excel を起動する',
              '  - OneDrive の Q1-report.xlsx を開く',
              '  - 「売上」シートまでスクロールする'],
             ['# notes.yaml: what happened, in your own words',
              'ticket: "48213"            # the number from our email, if you have one',
              'problem: Excel stops responding when I open a large workbook',
              'started: 2026-01-12',
              'every_time: true',
              'steps:',
              '  - Open Excel',
              '  - Open Q1-report.xlsx from OneDrive',
              '  - Scroll to the "Sales" sheet'])
    term = dict(kind="terminal", box=(20, 16, 700, 300), tabs=tabs,
                lines=ps_session(logs, [("cmd", "notepad notes.yaml")])[0])
    add(g, pre + "step06.png", kind="desktop", apps=("explorer", "terminal", "notepad", "edge"), active="notepad",
        windows=[term, dict(kind="notepad", box=(60, 40, 780, 440), file="notes.yaml",
                            menu=t(["ファイル", "編集", "表示"], ["File", "Edit", "View"]), lines=yaml,
                            mark_lines=list(range(1, 9)),
                            status=t("行 9、列 24    100%    Windows (CRLF)    UTF-8", "Ln 9, Col 31    100%    Windows (CRLF)    UTF-8"))],
        hl=["lines"], click=False)
    add(g, pre + "step07.png", kind="desktop", apps=("explorer", "terminal", "outlook", "edge"), active="outlook",
        icons=[("recycle", t("ごみ箱", "Recycle Bin")), ("folder", "tebiki-logs"), ("zip", "tebiki-logs.zip")],
        windows=[dict(kind="mail", box=(200, 16, 786, 446), folders=False, mode="compose", compose=dict(
            to_label=t("宛先", "To"), to="support@example.com",
            subject=t("RE: [受付番号 48213] ログご提出のお願い", "RE: [Ticket 48213] Please send us your logs"),
            attachment="tebiki-logs.zip", size="2.4 MB",
            body=t("サポート窓口 ご担当者様\n\nご依頼のログを添付してお送りします。よろしくお願いいたします。",
                   "Hello,\n\nThe logs you asked for are attached. Thank you."),
            send=t("送信", "Send")))],
        hl=["icon:tebiki-logs.zip", "attachment"], click=False)


collect_logs("en", "")
collect_logs("ja", "ja-")


# ---------------------------------------------------------------- apps/office/app-crash
def app_crash():
    g = "apps/office/app-crash"
    cells = [["地域", "1月", "2月", "3月", "合計"],
             ["北海道", "1,240", "1,310", "1,405", "3,955"],
             ["東北", "2,118", "2,064", "2,250", "6,432"],
             ["関東", "8,904", "9,215", "9,870", "27,989"],
             ["中部", "4,310", "4,122", "4,506", "12,938"],
             ["近畿", "6,025", "6,310", "6,488", "18,823"],
             ["中国", "1,870", "1,902", "2,015", "5,787"],
             ["四国", "940", "988", "1,012", "2,940"],
             ["九州", "3,402", "3,511", "3,690", "10,603"]]
    book = dict(title="Q1-report.xlsx - Excel", cells=cells, sheets=["売上", "集計", "前年比"], formula="地域")
    add(g, "step01.png", kind="excel", suffix="(応答なし)", hung=True, hl=["title_suffix"], click=False, **book)
    procs = [("section", "アプリ (4)"),
             ("excel", "Microsoft Excel", "応答なし", "0%", "1,854 MB", "0 MB/秒"),
             ("edge", "Microsoft Edge (8)", "", "2.1%", "612 MB", "0.1 MB/秒"),
             ("explorer", "エクスプローラー", "", "0.4%", "98 MB", "0 MB/秒"),
             ("taskmgr", "タスク マネージャー", "", "1.2%", "64 MB", "0 MB/秒"),
             ("section", "バックグラウンド プロセス (86)"),
             ("onedrive", "Microsoft OneDrive", "", "0%", "42 MB", "0 MB/秒"),
             ("teams", "Microsoft Teams", "", "0.3%", "210 MB", "0 MB/秒"),
             ("settings", "Windows セキュリティ", "", "0%", "12 MB", "0 MB/秒"),
             ("store", "Microsoft Store", "", "0%", "18 MB", "0 MB/秒")]
    add(g, "step02.png", kind="taskmgr", rows=procs, hl=["status:Microsoft Excel"], click=False)
    add(g, "step03.png", kind="taskmgr", rows=procs, selected="Microsoft Excel",
        hl=["proc:Microsoft Excel", "btn:タスクを終了する"])
    add(g, "step04.png", kind="desktop", hl=["field:名前(O):", "btn:OK"], classic=dict(
        title="ファイル名を指定して実行", x=12, bottom=H - TASKBAR_H - 12, w=430, icon="monitor", items=[
            ("text", "実行するプログラム名、または開くフォルダーやドキュメント名、インターネット リソース名を入力してください。"),
            ("field", "名前(O):", "excel /safe", dict(kind="dropdown", focus=True, caret=True))],
        buttons=[("OK", True), ("キャンセル", False), ("参照(B)...", False)]))
    add(g, "step05.png", kind="desktop", apps=("explorer", "edge", "excel", "outlook"), hl=["btn:はい"], classic=dict(
        title="Microsoft Excel", icon="question", w=440, items=[
            ("text", "Ctrl キーが押されています。Excel をセーフ モードで起動しますか?"),
            ("sub", "セーフ モードでは、アドインやカスタマイズは読み込まれません。")],
        buttons=[("はい", True), ("いいえ", False)]))
    add(g, "step06.png", kind="excel", suffix="(セーフ モード)", hl=["title_suffix"], click=False, **book)
    add(g, "step07.png", kind="excel_file", title="Q1-report.xlsx - Excel", hl=["file:オプション"])
    add(g, "step08.png", kind="excel_options", under=book, title="Excel のオプション",
        left=["全般", "数式", "データ", "文章校正", "保存", "言語", "アクセシビリティ", "詳細設定",
              "リボンのユーザー設定", "クイック アクセス ツール バー", "アドイン", "トラスト センター"],
        left_sel="アドイン", heading="Microsoft Office のアドインの表示と管理", columns=["名前", "場所", "種類"],
        table=[("アクティブなアプリケーション アドイン", [
            ("Contoso Sales Connector", "C:\\Program Files\\Contoso\\…", "COM アドイン"),
            ("Microsoft Power Pivot for Excel", "C:\\Program Files\\Micro…", "COM アドイン")]),
            ("アクティブでないアプリケーション アドイン", [
                ("分析ツール", "C:\\Program Files\\Micro…", "Excel アドイン"),
                ("ソルバー アドイン", "C:\\Program Files\\Micro…", "Excel アドイン")])],
        manage_label="管理(A):", manage_value="COM アドイン", go="設定(G)...", cancel="キャンセル",
        hl=["left:アドイン", "dd:manage|btn:設定(G)..."])
    add(g, "step09.png", kind="com_addins", under=book, title="COM アドイン", label="使用できるアドイン(D):",
        items=[("Contoso Sales Connector", False, True), ("Microsoft Power Pivot for Excel", True, False),
               ("Microsoft Power Map for Excel", True, False), ("Microsoft Data Streamer for Excel", True, False)],
        buttons=["OK", "キャンセル", "追加(A)...", "削除(R)"],
        location="場所: C:\\Program Files\\Contoso\\SalesConnector\\connector.dll",
        behaviour="読み込み時の動作: 起動時に読み込み",
        hl=["addin:Contoso Sales Connector", "btn:OK"])
    add(g, "step10.png", kind="settings", nav="アプリ", crumbs=["アプリ"], hl=["row:インストールされているアプリ"], rows=[
        dict(title="インストールされているアプリ", sub="PC 上のアプリのアンインストールと並べ替え", icon="apps"),
        dict(title="詳細アプリ設定", sub="アプリの入手先を選択する、アプリのアーカイブ", icon="gear"),
        dict(title="既定のアプリ", sub="ファイルやリンクの種類ごとの既定、その他の既定", icon="check"),
        dict(title="オフライン マップ", sub="ダウンロード、保存場所、マップの更新", icon="globe"),
        dict(title="オプション機能", sub="デバイスの追加機能", icon="plus"),
        dict(title="Web サイト用のアプリ", sub="アプリで開くことができる Web サイト", icon="monitor"),
        dict(title="スタートアップ", sub="サインイン時に自動的に起動するアプリ", icon="clock")])
    installed = dict(kind="settings", nav="アプリ", crumbs=["アプリ", "インストールされているアプリ"], rows=[
        dict(type="search", placeholder="アプリの検索", sort="並べ替え: 名前"),
        dict(title="Microsoft 365 - ja-jp", icon="m365", sub="16.0.18129.20158 | Microsoft Corporation | 2025/05/12",
             ctrl=("more", True, "2.61 GB")),
        dict(title="Microsoft Edge", icon="edge", sub="137.0.3296.52 | Microsoft Corporation | 2025/05/30",
             ctrl=("more", False, "")),
        dict(title="Microsoft OneDrive", icon="onedrive", sub="25.085.0504.0002 | Microsoft Corporation",
             ctrl=("more", False, "310 MB")),
        dict(title="Microsoft Teams", icon="teams", sub="25122.1415.3698.6812 | Microsoft Corporation",
             ctrl=("more", False, "1.02 GB")),
        dict(title="Microsoft Visual C++ 2015-2022 Redistributable (x64)", icon="apps", sub="14.42.34433.0 | Microsoft Corporation",
             ctrl=("more", False, "20.6 MB"))])
    add(g, "step11.png", menu=dict(of="more:Microsoft 365 - ja-jp", items=["変更", "アンインストール"], hover="変更"),
        hl=["menu:変更"], **installed)
    add(g, "step12.png", hl=["radio:クイック修復", "btn:修復"], dialog=dict(w=480, items=[
        ("title", "Office プログラムをどのように修復しますか?"),
        ("radio", "クイック修復", True, "データ接続なしで、ほとんどの問題をすばやく修復します。"),
        ("radio", "オンライン修復", False, "すべての問題を修復しますが、時間がかかります。インターネット接続が必要です。")],
        buttons=[("修復", True), ("キャンセル", False)]), **installed)


app_crash()


# ---------------------------------------------------------------- network/bluetooth-pairing
def bluetooth():
    t = T("ja")
    g = "network/bluetooth-pairing"
    add(g, "step01.png", kind="earbuds", heading="イヤホンをペアリング モードにする", led="ランプが点滅",
        press="ケースのボタンを長押し", press_sub="ふたを開けたまま、ランプが点滅するまで(約 3 秒)",
        hl=["button"], click=False)
    add(g, "step02.png", **settings_home(t, hl=["nav:Bluetooth とデバイス"]))

    def bt_page(on=True, buds=False, **kw):
        devs = [("mouse", "Surface Mouse", "接続済み")]
        if buds:
            devs = [("headphones", "Contoso Buds", "接続済み")] + devs
        return dict(kind="settings", nav="Bluetooth とデバイス", crumbs=["Bluetooth とデバイス"], rows=[
            dict(type="devices", devices=devs),
            dict(title="Bluetooth", sub="「SATO-PC」として発見可能" if on else "オフ", icon="bluetooth", ctrl=("toggle", on)),
            dict(title="デバイス", sub="マウス、キーボード、ペン、オーディオ、ディスプレイとドック", icon="keyboard"),
            dict(title="プリンターとスキャナー", sub="設定、トラブルシューティング", icon="monitor"),
            dict(title="スマートフォン連携", sub="PC から Android デバイスや iPhone にすぐにアクセス", icon="phone"),
            dict(title="カメラ", sub="接続されているカメラ、既定の画像設定", icon="globe"),
            dict(title="マウス", sub="ボタン、マウス ポインターの速度、スクロール", icon="mouse")], **kw)

    add(g, "step03.png", hl=["ctrl:Bluetooth"], **bt_page(on=False))
    add(g, "step04.png", hl=["btn:デバイスの追加"], **bt_page())
    add(g, "step05.png", hl=["choice:Bluetooth"], dialog=dict(w=500, items=[
        ("title", "デバイスを追加する"),
        ("sub", "デバイスの種類を選択してください。"),
        ("choice", "bluetooth", "Bluetooth", "マウス、キーボード、ペン、オーディオなど"),
        ("choice", "monitor", "ワイヤレス ディスプレイまたはドック", "ワイヤレス モニター、テレビ、Miracast 対応の PC"),
        ("choice", "plus", "その他すべて", "Xbox コントローラー、DLNA など")],
        buttons=[("キャンセル", False)]), **bt_page())
    add(g, "step06.png", hl=["device:Contoso Buds"], dialog=dict(w=500, items=[
        ("title", "デバイスを追加する"),
        ("sub", "デバイスの電源がオンになっていて、検出可能であることを確認してください。接続するデバイスを選んでください。"),
        ("device", "headphones", "Contoso Buds", "オーディオ"),
        ("device", "keyboard", "LE-Keyboard", None),
        ("device", "monitor", "LIVING-TV", "ディスプレイ"),
        ("device", "phone", "Pixel 8", None)],
        buttons=[("キャンセル", False)]), **bt_page())
    add(g, "step07.png", hl=["btn:完了"], dialog=dict(w=500, items=[
        ("title", "デバイスを追加する"),
        ("success", "デバイスの準備が整いました"),
        ("device", "headphones", "Contoso Buds", "接続済みの音声")],
        buttons=[("完了", True)]), **bt_page())
    add(g, "step08.png", hl=["devcard:Contoso Buds"], click=False, **bt_page(buds=True))
    add(g, "step09.png", kind="desktop", qs="list", apps=("explorer", "edge", "outlook", "store"),
        list=dict(title="サウンド出力", items=[
            dict(name="スピーカー (Realtek(R) Audio)", icon="speaker"),
            dict(name="Contoso Buds", icon="headphones", status="接続済み", sel=True, active=True)],
            footer="その他の音量設定"),
        hl=["item:Contoso Buds"])
    add(g, "step10.png", hl=["row:デバイス"], **bt_page(buds=True))
    devices = dict(kind="settings", nav="Bluetooth とデバイス", crumbs=["Bluetooth とデバイス", "デバイス"], rows=[
        dict(title="Bluetooth またはその他のデバイスを追加する", ctrl=("button", "デバイスの追加")),
        dict(type="section", title="オーディオ"),
        dict(title="Contoso Buds", icon="headphones", sub="接続済みの音声、バッテリー 80%", ctrl=("more", True)),
        dict(title="スピーカー (Realtek(R) Audio)", icon="speaker", ctrl=("more", False)),
        dict(type="section", title="マウス、キーボード、ペン"),
        dict(title="Surface Mouse", icon="mouse", sub="接続済み", ctrl=("more", False))])
    add(g, "step11.png", menu=dict(of="more:Contoso Buds", items=["切断", "デバイスの削除"], hover="デバイスの削除"),
        hl=["menu:デバイスの削除"], **devices)
    add(g, "step12.png", hl=["btn:はい"], dialog=dict(w=420, items=[
        ("title", "このデバイスを削除しますか?"),
        ("text", "Contoso Buds の登録を削除します。もう一度使うときは、ペアリングし直す必要があります。")],
        buttons=[("はい", True), ("いいえ", False)]), **devices)


bluetooth()


# ---------------------------------------------------------------- network/vpn-setup
def vpn():
    t = T("en")
    g = "network/vpn-setup"
    add(g, "step01.png", **settings_home(t, hl=["nav:Network & internet"]))
    add(g, "step02.png", kind="settings", nav="Network & internet", crumbs=["Network & internet"],
        rows=net_rows(t), hl=["row:VPN"])

    def vpn_page(conn=None, **kw):
        rs = [dict(title="VPN connections", icon="vpn", ctrl=("button", "Add VPN"))]
        if conn:
            rs.append(dict(title="Office VPN", icon="vpn", sub=conn[0], sub_color=OK_GREEN if conn[0] == "Connected" else None,
                           ctrl=("buttons", conn[1])))
        rs += [dict(type="section", title="Advanced settings for all VPN connections"),
               dict(title="Allow VPN over metered networks", ctrl=("toggle", True)),
               dict(title="Allow VPN while roaming", ctrl=("toggle", True))]
        return dict(kind="settings", nav="Network & internet", crumbs=["Network & internet", "VPN"], rows=rs, **kw)

    add(g, "step03.png", hl=["btn:Add VPN"], **vpn_page())
    title = ("title", "Add a VPN connection")
    buttons = [("Save", True), ("Cancel", False)]
    add(g, "step04.png", hl=["opt:Windows (built-in)"], dialog=dict(items=[
        title,
        ("field", "VPN provider", "", dict(kind="dropdown", focus=True)),
        ("field", "Connection name", ""),
        ("field", "Server name or address", ""),
        ("field", "VPN type", "Automatic", dict(kind="dropdown"))], buttons=buttons),
        dropdown=dict(of="field:VPN provider", options=["Windows (built-in)"], below=True), **vpn_page())
    add(g, "step05.png", hl=["field:Connection name|field:Server name or address"], click=False, dialog=dict(items=[
        title,
        ("field", "VPN provider", "Windows (built-in)", dict(kind="dropdown")),
        ("field", "Connection name", "Office VPN"),
        ("field", "Server name or address", "vpn.example.com", dict(focus=True, caret=True)),
        ("field", "VPN type", "Automatic", dict(kind="dropdown"))], buttons=buttons), **vpn_page())
    add(g, "step06.png", hl=["opt:IKEv2"], dialog=dict(items=[
        title,
        ("field", "Server name or address", "vpn.example.com"),
        ("field", "VPN type", "Automatic", dict(kind="dropdown", focus=True)),
        ("field", "Type of sign-in info", "User name and password", dict(kind="dropdown")),
        ("field", "User name (optional)", "")], buttons=buttons),
        dropdown=dict(of="field:VPN type", current="Automatic", options=[
            "Automatic", "Point to Point Tunneling Protocol (PPTP)", "L2TP/IPsec with certificate",
            "L2TP/IPsec with pre-shared key", "Secure Socket Tunneling Protocol (SSTP)", "IKEv2"]), **vpn_page())
    add(g, "step07.png", hl=["btn:Save"], dialog=dict(items=[
        title,
        ("field", "VPN type", "IKEv2", dict(kind="dropdown")),
        ("field", "Type of sign-in info", "User name and password", dict(kind="dropdown")),
        ("field", "User name (optional)", "alex.kim@example.com"),
        ("field", "Password (optional)", "xxxxxxxxxx", dict(kind="password")),
        ("check", "Remember my sign-in info", True)], buttons=buttons), **vpn_page())
    add(g, "step08.png", hl=["btn:Connect"], **vpn_page(conn=("", ["Connect"])))
    add(g, "step09.png", hl=["row:Office VPN"], click=False, **vpn_page(conn=("Connected", ["Disconnect"])))


vpn()


# ---------------------------------------------------------------- network/wifi-connect
def wifi():
    t = T("ja")
    g = "network/wifi-connect"
    add(g, "step01.png", kind="desktop", net="none", tooltip=dict(of="tray:net", lines=["ネットワーク", "インターネットに接続されていません"]),
        hl=["tray:net"])
    add(g, "step02.png", kind="desktop", net="none", qs="tiles", wifi_on=False, hl=["qs:Wi-Fi"])
    add(g, "step03.png", kind="desktop", net="none", qs="tiles", wifi_on=True, hl=["qs>:Wi-Fi"])
    nets = [dict(name="Sato-Home-5G"), dict(name="Sato-Home-2G"), dict(name="aterm-7a8b9c-a"),
            dict(name="Buffalo-G-1234"), dict(name="FreeWiFi_Cafe", icon="wifi")]

    def wlist(items, **kw):
        d = dict(title="Wi-Fi", toggle=True, items=items, footer="その他の Wi-Fi 設定")
        d.update(kw)
        return d

    add(g, "step04.png", kind="desktop", net="none", qs="list", list=wlist(nets), hl=["item:Sato-Home-5G"])
    first = dict(name="Sato-Home-5G", status="セキュリティ保護あり")
    add(g, "step05.png", kind="desktop", net="none", qs="list", hl=["check:自動的に接続", "btn:接続"],
        list=wlist([first] + nets[1:4], expanded="Sato-Home-5G", expanded_h=96,
                   form=[("check", "自動的に接続", True), ("buttons", [("接続", True)])]))
    add(g, "step06.png", kind="desktop", net="none", qs="list",
        hl=["field:ネットワーク セキュリティ キーの入力", "btn:次へ"],
        list=wlist([first] + nets[1:3], expanded="Sato-Home-5G", expanded_h=124,
                   form=[("field", "ネットワーク セキュリティ キーの入力", "xxxxxxxxxxxx", dict(kind="password", focus=True)),
                         ("buttons", [("次へ", True), ("キャンセル", False)])]))
    add(g, "step07.png", kind="desktop", net="wifi", qs="list", hl=["item:Sato-Home-5G"], click=False,
        list=wlist([dict(name="Sato-Home-5G", status="接続済み、セキュリティ保護あり", active=True)] + nets[1:4],
                   expanded="Sato-Home-5G", expanded_h=84,
                   form=[("link", "プロパティ"), ("buttons", [("切断", False)])]))
    add(g, "step08.png", kind="desktop", net="wifi",
        tooltip=dict(of="tray:net", lines=["Sato-Home-5G", "インターネット アクセス"]), hl=["tray:net"], click=False)
    add(g, "step09.png", kind="settings", nav="ネットワークとインターネット", crumbs=["ネットワークとインターネット"],
        rows=net_rows(t), hl=["row:Wi-Fi"])
    add(g, "step10.png", kind="settings", nav="ネットワークとインターネット", crumbs=["ネットワークとインターネット", "Wi-Fi"],
        hl=["row:既知のネットワークの管理"], rows=[
            dict(title="Wi-Fi", icon="wifi", ctrl=("toggle", True)),
            dict(title="Sato-Home-5G のプロパティ", sub="接続済み、セキュリティ保護あり", icon="wifi_lock"),
            dict(title="利用可能なネットワークを表示", icon="wifi", ctrl=("expand",)),
            dict(title="既知のネットワークの管理", sub="追加、削除、編集", icon="apps"),
            dict(title="ハードウェアのプロパティ", sub="Wi-Fi アダプターのプロパティを表示および管理する", icon="monitor"),
            dict(title="ランダムなハードウェア アドレス", sub="追跡されにくくします", icon="shield", ctrl=("toggle", False))])

    def known(extra=None, **kw):
        rs = [dict(title="新しいネットワークの追加", icon="plus", ctrl=("button", "ネットワークの追加")),
              dict(type="section", title="既知のネットワーク")]
        names = ([extra] if extra else []) + ["Sato-Home-5G", "Sato-Home-2G", "Office-Guest"]
        rs += [dict(title=n, icon="wifi_lock", ctrl=("button", "削除")) for n in names]
        return dict(kind="settings", nav="ネットワークとインターネット", crumbs=["Wi-Fi", "既知のネットワークの管理"], rows=rs, **kw)

    add(g, "step11.png", hl=["btn:ネットワークの追加"], **known())
    add(g, "step12.png", hl=["btn:保存"], dialog=dict(w=520, items=[
        ("title", "新しいネットワークの追加"),
        ("field", "ネットワーク名", "SATO-PRIVATE"),
        ("field", "セキュリティの種類", "WPA2-パーソナル AES", dict(kind="dropdown")),
        ("field", "セキュリティ キー", "xxxxxxxxxxxx", dict(kind="password", focus=True)),
        ("check", "自動的に接続する", True),
        ("check", "ネットワークがブロードキャストを行っていない場合でも接続する", True)],
        buttons=[("保存", True), ("キャンセル", False)]), **known())
    add(g, "step13.png", hl=["row:SATO-PRIVATE"], click=False, **known("SATO-PRIVATE"))


wifi()


# ---------------------------------------------------------------- settings/dark-mode
def dark_mode(lang, pre):
    t = T(lang)
    g = "settings/dark-mode"
    light, dark, custom = t("ライト", "Light"), t("ダーク", "Dark"), t("カスタム", "Custom")
    pers = t("個人用設定", "Personalization")
    colors = t("色", "Colors")
    choose = t("モードを選ぶ", "Choose your mode")
    winmode = t("既定の Windows モードを選択してください", "Choose your default Windows mode")
    appmode = t("既定のアプリ モードを選択します", "Choose your default app mode")
    personalize = t("個人用設定", "Personalize")
    items = t([("表示 >", "apps"), ("並べ替え >", None), ("最新の情報に更新", "update"), None, ("新規作成 >", "plus"), None,
               ("ディスプレイ設定", "monitor"), ("個人用設定", "brush"), None, ("ターミナルで開く", "terminal"), None,
               ("その他のオプションを確認", None)],
              [("View >", "apps"), ("Sort by >", None), ("Refresh", "update"), None, ("New >", "plus"), None,
               ("Display settings", "monitor"), ("Personalize", "brush"), None, ("Open in Terminal", "terminal"), None,
               ("Show more options", None)])
    add(g, pre + "step01.png", kind="desktop", menu=dict(x=300, y=80, items=items, hover=personalize),
        hl=["menu:" + personalize])
    add(g, pre + "step02.png", kind="settings", nav=pers, crumbs=[pers], hl=["row:" + colors], rows=[
        dict(type="theme"),
        dict(title=t("背景", "Background"), sub=t("背景画像、色、スライドショー", "Background image, color, slideshow"), icon="photos"),
        dict(title=colors, sub=t("アクセント カラー、透明効果、配色テーマ", "Accent color, transparency effects, color theme"), icon="brush"),
        dict(title=t("テーマ", "Themes"), sub=t("インストール、作成、管理", "Install, create, manage"), icon="brush"),
        dict(title=t("ロック画面", "Lock screen"), sub=t("ロック画面の画像、アプリ、アニメーション", "Lock screen images, apps, animations"), icon="lock"),
        dict(title=t("スタート", "Start"), sub=t("最近使ったアプリと項目、フォルダー", "Recent apps and items, folders"), icon="apps")])

    def colors_page(mode, win=None, app=None, dark_ui=False, box=None, **kw):
        rs = [dict(title=choose, sub=t("Windows とアプリに表示される色を変更します", "Change the colors that appear in Windows and your apps"),
                   icon="brush", ctrl=("dropdown", mode))]
        if mode == custom:
            rs += [dict(title=winmode, ctrl=("dropdown", win)), dict(title=appmode, ctrl=("dropdown", app))]
        rs += [dict(title=t("透明効果", "Transparency effects"), sub=t("ウィンドウとサーフェスを半透明にする", "Windows and surfaces appear translucent"),
                    icon="monitor", ctrl=("toggle", True)),
               dict(title=t("アクセント カラー", "Accent color"), icon="brush", ctrl=("dropdown", t("手動", "Manual"))),
               dict(type="swatches", title=t("Windows の色", "Windows colors"))]
        d = dict(kind="settings", nav=pers, crumbs=[pers, colors], rows=rs, dark=dark_ui, **kw)
        if box:
            d["box"] = box
        return d

    add(g, pre + "step03.png", hl=["dd:" + choose], **colors_page(light))
    add(g, pre + "step04.png", hl=["opt:" + dark], dropdown=dict(of="dd:" + choose, options=[light, dark, custom], current=light),
        **colors_page(light))
    add(g, pre + "step05.png", kind="desktop", dark_bg=True, taskbar_dark=True, apps=("explorer", "edge", "settings", "store"),
        active="settings", windows=[colors_page(dark, dark_ui=True, box=(0, 0, W, H - TASKBAR_H))],
        hl=["dd:" + choose], click=False)
    add(g, pre + "step06.png", hl=["opt:" + custom], dropdown=dict(of="dd:" + choose, options=[light, dark, custom], current=light),
        **colors_page(light))
    add(g, pre + "step07.png", hl=["opt:" + dark], dropdown=dict(of="dd:" + winmode, options=[light, dark], current=light, below=True),
        **colors_page(custom, light, light))
    add(g, pre + "step08.png", hl=["opt:" + light], dropdown=dict(of="dd:" + appmode, options=[light, dark], current=dark, below=True),
        **colors_page(custom, dark, dark))
    add(g, pre + "step09.png", kind="desktop", taskbar_dark=True, apps=("explorer", "edge", "settings", "store"),
        active="settings", windows=[colors_page(custom, dark, light, box=(40, 18, 760, 438))],
        hl=["dd:" + winmode, "dd:" + appmode], click=False)


dark_mode("ja", "")
dark_mode("en", "en-")


def display_scale():
    g = "settings/display-scale"
    t = T("ja")
    system, display, scale = "システム", "ディスプレイ", "拡大/縮小"
    sizes = ["100% (推奨)", "125%", "150%", "175%"]
    add(g, "w11-step03.png", **settings_home(t, hl=["nav:" + system]))
    add(g, "w11-step04.png", kind="settings", nav=system, crumbs=[system], hl=["row:" + display], rows=[
        dict(title=display, sub="モニター、明るさ、夜間モード、ディスプレイ プロファイル", icon="monitor"),
        dict(title="サウンド", sub="音量レベル、出力、入力、サウンド デバイス", icon="speaker"),
        dict(title="通知", sub="アプリとシステムからの通知", icon="info"),
        dict(title="電源とバッテリー", sub="スリープ、バッテリーの使用状況、省電力", icon="battery"),
        dict(title="記憶域", sub="ストレージ領域、ドライブ、構成ルール", icon="folder"),
        dict(title="マルチタスク", sub="ウィンドウのスナップ、デスクトップ、タスクの切り替え", icon="apps")])

    def display_page(value):
        return dict(kind="settings", nav=system, crumbs=[system, display], rows=[
            dict(type="section", title="拡大縮小とレイアウト"),
            dict(title=scale, sub="テキスト、アプリ、その他の項目のサイズを変更します", icon="monitor", ctrl=("dropdown", value)),
            dict(title="ディスプレイの解像度", sub="接続されているディスプレイに合うように解像度を調整する", icon="monitor",
                 ctrl=("dropdown", "1920 × 1080 (推奨)")),
            dict(title="画面の向き", icon="monitor", ctrl=("dropdown", "横")),
            dict(title="マルチ ディスプレイ", sub="ディスプレイの表示モードを選択する", icon="monitor", ctrl=("expand",))])

    add(g, "w11-step05.png", hl=["opt:125%"], dropdown=dict(of="dd:" + scale, options=sizes, current=sizes[0]),
        **display_page(sizes[0]))
    items = [("表示 >", "apps"), ("並べ替え >", None), ("最新の情報に更新", "update"), None, ("新規作成 >", "plus"), None,
             ("ディスプレイ設定", "monitor"), ("個人用設定", "brush")]
    add(g, "w10-step01.png", kind="desktop", menu=dict(x=300, y=90, items=items, hover="ディスプレイ設定"),
        hl=["menu:ディスプレイ設定"])
    size = "テキスト、アプリ、その他の項目のサイズを変更する"
    add(g, "w10-step02.png", kind="settings", nav=system, crumbs=[display], hl=["opt:125%"],
        dropdown=dict(of="dd:" + size, options=sizes, current=sizes[0], below=True), rows=[
            dict(type="section", title="拡大縮小とレイアウト"),
            dict(title=size, ctrl=("dropdown", sizes[0])),
            dict(title="ディスプレイの解像度", ctrl=("dropdown", "1920 × 1080 (推奨)")),
            dict(title="画面の向き", ctrl=("dropdown", "横"))])


open_settings()
display_scale()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
