"""Realistic 2x screenshots for the benchmark corpus (`gen_site.py --shots realistic`).

A help center's screenshots are HiDPI captures of real applications: window
chrome, a navigation column, labels, text fields, toggles, buttons, lists of
rows, now and then a photo or a wallpaper, all of it anti-aliased text on
soft backgrounds. Their bytes and their compressibility come from exactly
that mix, so a benchmark that measures image encoding or the bytes a page
downloads needs pictures of that kind, not flat colours.

`draw_screen(rng, lang)` draws one such screen with Pillow at twice its CSS
size (a `name@2x.png`) and returns `(png_bytes, target)`: the PNG, and the
rectangle of the element a step would ask the reader to click, in image
pixels, for a `#mark=rect:` fragment. The same seed gives the same picture.

Pillow and the fonts come from Debian (`python3-pil`, `fonts-dejavu-core`,
`fonts-noto-cjk`), or `pip install pillow`; gen_site.py only imports this
module when asked for realistic screenshots, so its default stays stdlib-only.
"""

import io
import math

from PIL import Image, ImageDraw, ImageFilter, ImageFont

S = 2  # device pixels per CSS pixel

# Logical (CSS) sizes of what gets captured: a full window, a smaller window,
# a dialog, a phone-like panel. Weighted toward full windows, as in practice.
SIZES = [(1280, 800)] * 4 + [(1100, 720)] * 3 + [(720, 520)] * 2 + [(480, 620)]

LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LATIN_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"

THEMES = [
    # (window bg, sidebar, accent, text, muted, card, line)
    ((243, 243, 243), (235, 238, 243), (0, 95, 184), (27, 27, 27), (96, 96, 96), (251, 251, 251), (222, 222, 222)),
    ((250, 250, 252), (240, 242, 247), (98, 100, 167), (36, 36, 36), (110, 110, 120), (255, 255, 255), (225, 225, 232)),
    ((32, 32, 32), (43, 43, 43), (96, 205, 255), (240, 240, 240), (170, 170, 170), (45, 45, 45), (70, 70, 70)),
    ((246, 248, 250), (255, 255, 255), (31, 136, 61), (31, 35, 40), (101, 109, 118), (255, 255, 255), (208, 215, 222)),
]

WORDS = {
    "ja": {
        "apps": ["設定", "メール", "予定表", "Web会議", "ファイル", "管理センター", "プリンター", "セキュリティ"],
        "nav": ["ホーム", "システム", "Bluetoothとデバイス", "ネットワークとインターネット", "個人用設定",
                "アプリ", "アカウント", "時刻と言語", "ゲーム", "アクセシビリティ", "プライバシーとセキュリティ",
                "Windows Update", "受信トレイ", "送信済み", "下書き", "共有フォルダー", "最近使ったファイル"],
        "labels": ["サインインオプション", "パスワードを変更する", "回復用メールアドレス", "2段階認証を使う",
                   "通知を受け取る", "自動的に同期する", "既定のプリンター", "接続済みのデバイス", "表示言語",
                   "バックアップの頻度", "保存先のフォルダー", "画面の明るさ", "マイクへのアクセス",
                   "共有のアクセス許可", "自動応答を送信する", "ストレージの使用量", "更新プログラムの確認"],
        "help": ["この設定は組織によって管理されています。", "変更はすぐに反映されます。",
                 "最後に確認した日時: 今日 9:41", "詳しくはヘルプデスクにお問い合わせください。",
                 "オンにすると、すべてのデバイスで同じ設定が使われます。", "空き容量: 128 GB / 256 GB"],
        "buttons": ["保存", "次へ", "OK", "キャンセル", "追加", "変更", "接続", "今すぐ確認", "適用", "送信"],
        "fields": ["メールアドレス", "名前", "サーバー名", "コード", "検索"],
        "cols": ["名前", "更新日時", "種類", "サイズ", "状態"],
        "rows": ["報告書_2026年度.docx", "会議メモ.txt", "見積書(最終).xlsx", "新しいフォルダー",
                 "プレゼン資料.pptx", "写真_2026-11.zip", "設定のバックアップ", "請求書_11月.pdf"],
        "states": ["同期済み", "オンライン", "接続中", "完了", "待機中"],
        "dates": ["2026/11/28 10:15", "2026/12/01 08:02", "2026/11/30 17:44", "2026/10/12 13:20"],
    },
    "en": {
        "apps": ["Settings", "Mail", "Calendar", "Meetings", "Files", "Admin center", "Printers", "Security"],
        "nav": ["Home", "System", "Bluetooth & devices", "Network & internet", "Personalisation", "Apps",
                "Accounts", "Time & language", "Gaming", "Accessibility", "Privacy & security",
                "Windows Update", "Inbox", "Sent items", "Drafts", "Shared folders", "Recent files"],
        "labels": ["Sign-in options", "Change your password", "Recovery email address", "Use two-step verification",
                   "Get notifications", "Sync automatically", "Default printer", "Connected devices", "Display language",
                   "Backup frequency", "Save to folder", "Screen brightness", "Microphone access",
                   "Sharing permissions", "Send automatic replies", "Storage used", "Check for updates"],
        "help": ["Some of these settings are managed by your organisation.", "Changes take effect at once.",
                 "Last checked: today, 9:41", "Contact the help desk to find out more.",
                 "When this is on, all your devices use the same settings.", "Free space: 128 GB of 256 GB"],
        "buttons": ["Save", "Next", "OK", "Cancel", "Add", "Change", "Connect", "Check now", "Apply", "Send"],
        "fields": ["Email address", "Name", "Server name", "Code", "Search"],
        "cols": ["Name", "Date modified", "Type", "Size", "Status"],
        "rows": ["Annual report 2026.docx", "Meeting notes.txt", "Quote (final).xlsx", "New folder",
                 "Slides for Monday.pptx", "Photos 2026-11.zip", "Settings backup", "Invoice November.pdf"],
        "states": ["Synced", "Online", "Connecting", "Done", "Waiting"],
        "dates": ["28/11/2026 10:15", "01/12/2026 08:02", "30/11/2026 17:44", "12/10/2026 13:20"],
    },
}

_fonts = {}


def font(lang, size, bold=False):
    key = (lang, size, bold)
    if key not in _fonts:
        if lang == "ja":
            _fonts[key] = ImageFont.truetype(CJK_BOLD if bold else CJK, size * S, index=0)
        else:
            _fonts[key] = ImageFont.truetype(LATIN_BOLD if bold else LATIN, size * S)
    return _fonts[key]


def _photo(rng, w, h):
    """A photo-like region: smooth colour fields with grain, as a wallpaper or a picture in a document."""
    small = Image.new("RGB", (8, 6))
    base = [rng.randrange(40, 220) for _ in range(3)]
    small.putdata([tuple(max(0, min(255, c + rng.randrange(-70, 70))) for c in base) for _ in range(48)])
    img = small.resize((w, h), Image.BICUBIC)
    noise = Image.effect_noise((w, h), 18).convert("RGB")
    img = Image.blend(img, noise, 0.12)
    return img.filter(ImageFilter.GaussianBlur(1.2))


def draw_screen(rng, lang):
    """One screenshot at 2x: returns (png bytes, (x, y, w, h) of the element to click)."""
    words = WORDS[lang]
    cw, ch = rng.choice(SIZES)
    bg, side, accent, text, muted, card, line = rng.choice(THEMES)
    img = Image.new("RGB", (cw * S, ch * S), bg)
    d = ImageDraw.Draw(img)

    def px(v):
        return int(v * S)

    def label(x, y, s, size=14, color=text, bold=False):
        d.text((px(x), px(y)), s, fill=color, font=font(lang, size, bold))
        return d.textlength(s, font=font(lang, size, bold)) / S

    # Title bar with the app's name and window buttons.
    d.rectangle([0, 0, px(cw), px(32)], fill=side)
    label(14, 8, rng.choice(words["apps"]), 12, muted)
    for i, glyph in enumerate(("✕", "☐", "—")):  # close, maximise, minimise, from the right
        d.text((px(cw - 40 - i * 46), px(8)), glyph, fill=muted, font=font("en", 12))
    wide = cw >= 700
    x0 = 16
    if wide:
        # Navigation column: a search box and a list of sections, one selected.
        nav_w = 250 if cw > 1000 else 200
        d.rounded_rectangle([px(12), px(44), px(nav_w - 12), px(76)], radius=px(4), fill=card, outline=line, width=S)
        label(24, 52, words["fields"][-1], 13, muted)
        items = rng.sample(words["nav"], min(len(words["nav"]), (ch - 110) // 38))
        chosen = rng.randrange(len(items))
        for i, item in enumerate(items):
            y = 92 + i * 38
            if i == chosen:
                d.rounded_rectangle([px(8), px(y - 4), px(nav_w - 8), px(y + 28)], radius=px(4), fill=card)
                d.rectangle([px(8), px(y + 4), px(11), px(y + 20)], fill=accent)
            d.ellipse([px(20), px(y + 4), px(36), px(y + 20)], outline=muted, width=S)
            label(46, y + 3, item, 14, text)
        x0 = nav_w + 16
    # Page heading.
    label(x0, 48, rng.choice(words["labels"]), 26 if wide else 20, text, bold=True)
    y = 104 if wide else 92
    target = None
    right = cw - 24
    kind = rng.random()
    if kind < 0.35 and ch - y > 300:
        # A file list with a header row.
        cols = rng.sample(words["cols"], 4)
        colx = [x0, x0 + (right - x0) * 0.45, x0 + (right - x0) * 0.68, x0 + (right - x0) * 0.86]
        for cx, c in zip(colx, cols):
            label(cx + 8, y, c, 12, muted, bold=True)
        y += 30
        rows = min(len(words["rows"]), (ch - y - 80) // 40)
        pick = rng.randrange(rows)
        for i in range(rows):
            if i == pick:
                d.rectangle([px(x0), px(y - 6), px(right), px(y + 28)], fill=tuple(min(255, c + 14) for c in card))
                target = (px(x0), px(y - 6), px(right - x0), px(34))
            d.rectangle([px(x0 + 8), px(y + 2), px(x0 + 24), px(y + 20)], fill=rng.choice((accent, (217, 164, 65), muted)))
            label(x0 + 34, y, words["rows"][i], 14)
            label(colx[1] + 8, y, rng.choice(words["dates"]), 13, muted)
            label(colx[2] + 8, y, rng.choice(words["states"]), 13, muted)
            label(colx[3] + 8, y, f"{rng.randrange(2, 9800)} KB", 13, muted)
            d.line([px(x0), px(y + 32), px(right), px(y + 32)], fill=line, width=1)
            y += 40
    else:
        # Settings cards: a label, a line of help, and a toggle, a field or a button.
        n = max(2, min(7, (ch - y - 90) // 78))
        pick = rng.randrange(n)
        for i in range(n):
            d.rounded_rectangle([px(x0), px(y), px(right), px(y + 66)], radius=px(6), fill=card, outline=line, width=S)
            d.rounded_rectangle([px(x0 + 16), px(y + 19), px(x0 + 44), px(y + 47)], radius=px(6), fill=bg)
            label(x0 + 58, y + 12, rng.choice(words["labels"]), 14)
            label(x0 + 58, y + 36, rng.choice(words["help"]), 12, muted)
            what = rng.random()
            if what < 0.45:
                on = rng.random() < 0.5
                tx = right - 60
                d.rounded_rectangle([px(tx), px(y + 23), px(tx + 40), px(y + 43)], radius=px(10),
                                    fill=accent if on else card, outline=accent if on else muted, width=S)
                kx = tx + (24 if on else 4)
                d.ellipse([px(kx), px(y + 27), px(kx + 12), px(y + 39)], fill=(255, 255, 255) if on else muted)
                box = (px(tx - 6), px(y + 17), px(52), px(32))
            elif what < 0.7 and right - x0 > 520:
                fx = right - 260
                d.rounded_rectangle([px(fx), px(y + 17), px(right - 16), px(y + 49)], radius=px(4),
                                    fill=bg, outline=line, width=S)
                d.line([px(fx + 2), px(y + 48), px(right - 18), px(y + 48)], fill=accent, width=S)
                label(fx + 10, y + 24, rng.choice(words["fields"]), 13, muted)
                box = (px(fx - 4), px(y + 13), px(right - 16 - fx + 8), px(40))
            else:
                b = rng.choice(words["buttons"])
                bw = font(lang, 13).getlength(b) / S + 32
                bx = right - 16 - bw
                d.rounded_rectangle([px(bx), px(y + 17), px(right - 16), px(y + 49)], radius=px(4), fill=accent)
                label(bx + 16, y + 24, b, 13, (255, 255, 255))
                box = (px(bx - 4), px(y + 13), px(bw + 8), px(40))
            if i == pick:
                target = box
            y += 78
    if rng.random() < 0.35 and ch - y > 120:
        # A picture in the page: a wallpaper preview or a photo in a document.
        ph = min(ch - y - 24, 220)
        pw = min(right - x0, int(ph * 1.6))
        img.paste(_photo(rng, px(pw), px(ph)), (px(x0), px(y)))
        y += ph + 12
    # A footer with the dialog's buttons.
    fy = ch - 56
    d.rectangle([0, px(fy), px(cw), px(ch)], fill=side)
    bx = cw - 24
    for i, b in enumerate(rng.sample(words["buttons"], 2)):
        bw = font(lang, 13).getlength(b) / S + 40
        bx -= bw
        d.rounded_rectangle([px(bx), px(fy + 12), px(bx + bw), px(fy + 44)], radius=px(4),
                            fill=accent if i == 0 else card, outline=line, width=S)
        label(bx + 20, fy + 19, b, 13, (255, 255, 255) if i == 0 else text)
        if target is None:
            target = (px(bx - 4), px(fy + 8), px(bw + 8), px(40))
        bx -= 12
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=6)
    x, y, w, h = target
    w = min(w, img.width - x)
    h = min(h, img.height - y)
    return out.getvalue(), (x, y, w, h)


def _selftest():
    import random
    rng = random.Random(1)
    sizes = []
    for lang in ("ja", "en"):
        for _ in range(6):
            png, target = draw_screen(rng, lang)
            sizes.append(len(png))
    print("bytes: min", min(sizes), "median", sorted(sizes)[len(sizes) // 2], "max", max(sizes))
    return math.isfinite(sum(sizes))


if __name__ == "__main__":
    _selftest()
