#!/usr/bin/env python3
"""Generate a synthetic help site for benchmarking tebiki against Hugo.

Stdlib only, seeded and deterministic: the same --n and --seed always give
byte-identical files. Both flavors carry the same guides (same text, same
screenshots); only the structure around the content differs.

  python3 bench/gen_site.py --n 1000 --out /dev/shm/tebiki-bench/corpus-1000/tebiki
  python3 bench/gen_site.py --n 1000 --out /dev/shm/tebiki-bench/corpus-1000/hugo --flavor hugo

tebiki flavor (see /work/shared/FORMAT.md):
  tebiki.yaml                       title, languages: [ja, en]
  content/<cat>/_index.md           category (ja), front matter title/description/weight
  content/<cat>/_index.en.md        category (en)
  content/<cat>/<slug>/index.md     a Japanese guide  (+ shots/stepK.png)
  content/<cat>/<slug>/index.en.md  an English guide, in its own bundle (+ shots/)

hugo flavor: hugo.toml (ja default + en, taxonomies and RSS off, sitemap on),
the same bundles and _index files, front matter mapped (published -> date,
updated -> lastmod, summary -> description; applies_to, tags, related stay as
custom params) and four minimal layouts.

Every screenshot is a hard link to one small PNG; a new copy of the PNG is
started every 60,000 links because the link count of one inode is capped.

--variants adds what issue 14 is about, decided by a second random stream
so that the guides themselves stay as without it: 20 % of guides start
their first procedure with a shared include file (content/includes/, 24 of
them per language, two steps with screenshots each) instead of its first
two steps, and 10 % hold their second procedure in two variant tabs
(`=== "Windows 11"` with its steps, `=== "Windows 10"` with other ones).
The Hugo flavor gets the same words: the include's steps written out in the
guide, and each tab's steps under a heading of its label.

--shots realistic replaces the tiny PNG by HiDPI screenshots of application
screens (shots_ui.py: window chrome, navigation, labels, fields, buttons,
lists, sometimes a photo; Pillow and Debian's fonts, so run it with
/usr/bin/python3 and python3-pil). A pool of --shot-pool distinct pictures
(half Japanese, half English UI, default 240) is drawn once and hard-linked
into the guides: each step's picture is `shots/stepK@2x.png`, chosen from its
language's half of the pool, and the tebiki flavor frames the element to
click with a `#mark=rect:` (Hugo gets the same picture without the mark).
Guides have 10 to 14 steps, 12 on average, each with its screenshot.
"""

import argparse
import datetime
import os
import random
import shutil
import struct
import sys
import time
import zlib

DEFAULT_SEED = 20240601
LINKS_PER_INODE = 60_000

# --------------------------------------------------------------------------
# Screenshot: a real 64x40 RGB PNG with a title bar, a sidebar, "text" lines
# and a highlighted button, compressed with zlib (a few hundred bytes).
# --------------------------------------------------------------------------


def make_png(width=64, height=40):
    bg = (246, 247, 249)
    bar = (0, 103, 192)
    side = (225, 230, 238)
    text = (120, 128, 140)
    button = (230, 80, 40)
    field = (255, 255, 255)
    # Fixed "text line" lengths, so the image looks like a settings window.
    lines = {9: 38, 11: 27, 13: 33, 16: 21, 18: 35, 20: 30, 23: 17}
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            c = bg
            if y < 6:
                c = bar
                if y in (2, 3) and 3 <= x < 25 and x % 4 != 3:
                    c = field
                if 56 <= x < 61 and 1 <= y < 5:
                    c = (210, 60, 60)
            elif x < 14:
                c = side
                if y % 5 == 2 and 2 <= x < 11 - (y % 3):
                    c = text
                if 12 <= y < 16:
                    c = (200, 215, 235)
            elif y in lines and 15 <= x < 17:
                c = ((52, 168, 83), (251, 188, 5), (66, 133, 244), (234, 67, 53))[y % 4]
            elif y in lines and 18 <= x < 18 + lines[y] and (x * 7 + y) % 9:
                c = text
            elif y in lines and 60 <= x < 63:
                c = (52, 168, 83) if lines[y] % 2 else (190, 190, 196)
            elif 18 <= x < 52 and 27 <= y < 31:
                c = field if 19 <= x < 51 and 28 <= y < 30 else (150, 150, 160)
            elif 40 <= x < 58 and 32 <= y < 38:
                c = button
                if y in (34, 35) and 43 <= x < 55 and x % 3:
                    c = field
            row += bytes(c)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


class ShotLinker:
    """Hard-links every screenshot to one PNG, a fresh copy every 60k links."""

    def __init__(self, png):
        self.png = png
        self.master = None
        self.links = 0
        self.copies = 0

    def place(self, path):
        if self.master is None or self.links >= LINKS_PER_INODE:
            with open(path, "wb") as f:
                f.write(self.png)
            self.master = path
            self.links = 1
            self.copies += 1
            return
        try:
            os.link(self.master, path)
            self.links += 1
        except OSError:  # e.g. link limit of the filesystem reached early
            self.master = None
            self.place(path)


# --------------------------------------------------------------------------
# Vocabulary. (ja, en) pairs where the two languages mirror each other.
# --------------------------------------------------------------------------

CATEGORIES = [
    # slug, ja title, en title, ja description, en description
    ("account", "アカウント", "Accounts", "サインイン、パスワード、プロフィールの設定", "Sign-in, passwords and profile settings"),
    ("security", "セキュリティ", "Security", "2段階認証、ウイルス対策、暗号化", "Two-step verification, antivirus and encryption"),
    ("network", "ネットワーク", "Network", "有線LANと共有フォルダー", "Wired networks and shared folders"),
    ("wifi", "Wi-Fi", "Wi-Fi", "無線LANへの接続とトラブル対処", "Connecting to wireless networks and fixing problems"),
    ("vpn", "VPN・リモート接続", "VPN and remote access", "社外から社内システムへ接続する", "Reaching company systems from outside the office"),
    ("mail", "メール", "Email", "メールの送受信と設定", "Sending, receiving and configuring email"),
    ("calendar", "予定表", "Calendar", "会議の予定と共有", "Meetings and shared calendars"),
    ("teams", "Web会議", "Online meetings", "会議への参加、画面共有、音声設定", "Joining meetings, sharing your screen, audio settings"),
    ("printer", "プリンター", "Printers", "プリンターの追加と印刷のトラブル", "Adding printers and fixing print problems"),
    ("storage", "ファイル・クラウド", "Files and cloud storage", "OneDrive、共有ドライブ、バックアップ", "OneDrive, shared drives and backups"),
    ("windows", "Windows", "Windows", "Windowsの基本操作と更新", "Everyday Windows tasks and updates"),
    ("mac", "Mac", "Mac", "macOSの設定と操作", "macOS settings and tasks"),
    ("mobile", "スマートフォン", "Smartphones", "iPhone・Androidの設定", "iPhone and Android settings"),
    ("browser", "ブラウザー", "Browsers", "Edge・Chromeの設定とトラブル", "Edge and Chrome settings and problems"),
    ("office", "Office", "Office apps", "Word、Excel、PowerPointの使い方", "Using Word, Excel and PowerPoint"),
    ("software", "ソフトウェア", "Software", "アプリのインストールとライセンス", "Installing apps and managing licences"),
    ("hardware", "周辺機器", "Devices", "モニター、キーボード、ヘッドセット", "Monitors, keyboards and headsets"),
    ("backup", "バックアップ・復元", "Backup and restore", "データの保護と復元", "Protecting and restoring your data"),
    ("accessibility", "アクセシビリティ", "Accessibility", "文字の大きさ、音声読み上げ、色の設定", "Text size, screen readers and colour settings"),
    ("helpdesk", "ヘルプデスク", "Help desk", "問い合わせと貸出機器の手続き", "Contacting support and borrowing equipment"),
]

# Objects a guide is about: (ja, en), grouped loosely by category index.
OBJECTS = [
    ("パスワード", "password"), ("アカウント", "account"), ("プロフィール写真", "profile picture"),
    ("2段階認証", "two-step verification"), ("認証アプリ", "authenticator app"), ("回復用メールアドレス", "recovery email address"),
    ("Wi-Fi", "Wi-Fi"), ("ゲスト用Wi-Fi", "guest Wi-Fi"), ("有線LAN", "wired connection"),
    ("VPN", "VPN"), ("リモートデスクトップ", "Remote Desktop"), ("共有フォルダー", "shared folder"),
    ("メール", "email"), ("署名", "email signature"), ("自動応答", "automatic reply"),
    ("迷惑メールフィルター", "junk email filter"), ("予定表", "calendar"), ("会議室の予約", "room booking"),
    ("Web会議", "online meeting"), ("画面共有", "screen sharing"), ("マイク", "microphone"),
    ("カメラ", "camera"), ("プリンター", "printer"), ("複合機", "multifunction printer"),
    ("スキャン", "scan to email"), ("OneDrive", "OneDrive"), ("共有ドライブ", "shared drive"),
    ("Windows Update", "Windows Update"), ("BitLocker", "BitLocker"), ("ウイルス対策ソフト", "antivirus software"),
    ("外部モニター", "external monitor"), ("Bluetoothマウス", "Bluetooth mouse"), ("ヘッドセット", "headset"),
    ("ブラウザーのキャッシュ", "browser cache"), ("ブックマーク", "bookmarks"), ("ポップアップ", "pop-ups"),
    ("Excelのマクロ", "Excel macros"), ("Wordのテンプレート", "Word template"), ("ライセンス", "licence"),
    ("バックアップ", "backup"), ("ごみ箱", "Recycle Bin"), ("文字の大きさ", "text size"),
    ("ナレーター", "Narrator"), ("スマートフォンのメール", "email on your phone"), ("モバイルホットスポット", "mobile hotspot"),
    ("指紋認証", "fingerprint sign-in"), ("顔認証", "face recognition"), ("貸出PC", "loaner laptop"),
]

# Which OBJECTS a guide in each category (same order as CATEGORIES) is about.
CATEGORY_OBJECTS = [
    (0, 1, 2, 45, 46), (3, 4, 5, 28, 29, 45), (8, 11, 26, 44), (6, 7, 44), (9, 10, 11),
    (12, 13, 14, 15), (16, 17), (18, 19, 20, 21, 32), (22, 23, 24), (25, 26, 11),
    (27, 28, 41), (25, 31, 39, 42), (43, 44, 46, 4), (33, 34, 35), (36, 37, 38),
    (38, 29, 36), (30, 31, 32, 21), (39, 40, 25), (41, 42), (47, 38, 0),
]

# (ja verb phrase suffix for "<obj>を___", en verb)
ACTIONS = [
    ("設定する", "set up"), ("変更する", "change"), ("リセットする", "reset"), ("有効にする", "turn on"),
    ("無効にする", "turn off"), ("追加する", "add"), ("削除する", "remove"), ("確認する", "check"),
    ("更新する", "update"), ("登録する", "register"), ("共有する", "share"), ("復元する", "restore"),
    ("初期化する", "reinitialise"), ("移行する", "move"), ("申請する", "request"), ("解除する", "unlock"),
]

PROBLEMS = [
    ("接続できない", "cannot connect"), ("表示されない", "does not appear"), ("動作が遅い", "is slow"),
    ("エラーが表示される", "shows an error"), ("保存できない", "cannot be saved"), ("同期されない", "does not sync"),
    ("サインインできない", "cannot sign in"), ("音が出ない", "has no sound"), ("印刷できない", "will not print"),
    ("反応しない", "stops responding"),
]

PRODUCTS = [
    "Windows 11", "Windows 10", "macOS Sonoma", "macOS Ventura", "iOS 17", "iPadOS 17", "Android 14",
    "Android 13", "Microsoft 365", "Outlook", "Microsoft Teams", "Microsoft Edge", "Google Chrome",
    "OneDrive", "Office 2021", "Windows 11 Pro", "Windows 11 Home", "ChromeOS",
]

TAGS = [
    ("アカウント", "account"), ("セキュリティ", "security"), ("ネットワーク", "network"), ("メール", "email"),
    ("初期設定", "setup"), ("トラブル対処", "troubleshooting"), ("在宅勤務", "remote work"),
    ("新入社員向け", "onboarding"), ("スマートフォン", "mobile"), ("印刷", "printing"), ("会議", "meetings"),
    ("ファイル共有", "file sharing"), ("管理者向け", "admin"), ("初心者向け", "beginner"), ("更新", "updates"),
]

# UI labels, written in square brackets in the text.
LABELS = [
    ("設定", "Settings"), ("アカウント", "Accounts"), ("次へ", "Next"), ("OK", "OK"), ("保存", "Save"),
    ("キャンセル", "Cancel"), ("適用", "Apply"), ("詳細設定", "Advanced settings"), ("サインイン", "Sign in"),
    ("サインアウト", "Sign out"), ("スタート", "Start"), ("接続", "Connect"), ("切断", "Disconnect"),
    ("追加", "Add"), ("削除", "Remove"), ("編集", "Edit"), ("プライバシーとセキュリティ", "Privacy & security"),
    ("ネットワークとインターネット", "Network & internet"), ("更新とセキュリティ", "Update & security"),
    ("デバイス", "Devices"), ("Bluetoothとデバイス", "Bluetooth & devices"), ("システム", "System"),
    ("ディスプレイ", "Display"), ("サウンド", "Sound"), ("プロパティ", "Properties"), ("ファイル", "File"),
    ("オプション", "Options"), ("共有", "Share"), ("アクセス許可", "Permissions"), ("パスワードの変更", "Change password"),
    ("セキュリティ情報", "Security info"), ("サインイン方法の追加", "Add sign-in method"),
    ("更新プログラムのチェック", "Check for updates"), ("今すぐ再起動", "Restart now"),
    ("プリンターとスキャナー", "Printers & scanners"), ("デバイスの追加", "Add device"),
    ("同期", "Sync"), ("閉じる", "Close"), ("完了", "Done"), ("はい", "Yes"), ("続行", "Continue"),
    ("アプリ", "Apps"), ("インストール", "Install"), ("アンインストール", "Uninstall"), ("トラブルシューティング", "Troubleshoot"),
    ("送信", "Send"), ("返信", "Reply"), ("自動応答", "Automatic replies"), ("会議に参加", "Join meeting"),
    ("今すぐ参加", "Join now"), ("画面を共有", "Share screen"), ("デバイスの設定", "Device settings"),
]

PLACES = [
    ("画面左下の", "at the bottom left of the screen"), ("画面右上の", "at the top right of the screen"),
    ("タスクバーの", "on the taskbar"), ("左側のメニューから", "in the menu on the left"),
    ("ウィンドウ下部の", "at the bottom of the window"), ("表示された画面の", "on the screen that appears"),
    ("ツールバーの", "on the toolbar"), ("一覧の右端にある", "at the right end of the list"),
    ("画面上部の", "at the top of the screen"), ("メニューバーの", "on the menu bar"),
]

SCREENS = [
    ("設定画面", "the Settings window"), ("サインイン画面", "the sign-in page"), ("確認画面", "the confirmation dialog"),
    ("アカウント情報の画面", "the account page"), ("ネットワークの一覧", "the list of networks"),
    ("詳細設定の画面", "the advanced settings page"), ("完了画面", "the completion page"),
    ("デバイスの一覧", "the list of devices"), ("オプション画面", "the Options dialog"),
    ("管理ポータル", "the admin portal"), ("アプリの一覧", "the app list"), ("受信トレイ", "the inbox"),
]

FIELDS = [
    ("ユーザー名", "user name"), ("メールアドレス", "email address"), ("新しいパスワード", "new password"),
    ("確認コード", "verification code"), ("サーバー名", "server name"), ("ネットワークキー", "network key"),
    ("電話番号", "phone number"), ("表示名", "display name"), ("フォルダーのパス", "folder path"),
]

ERRORS = [
    ("「接続できませんでした」", "\"Can't connect to this network\""),
    ("「資格情報が正しくありません」", "\"Your credentials are incorrect\""),
    ("「このアプリは管理者によってブロックされています」", "\"This app has been blocked by your administrator\""),
    ("「サーバーが応答しません」", "\"The server is not responding\""),
    ("「ライセンスが見つかりません」", "\"No licence found\""),
    ("「更新プログラムをインストールできませんでした」", "\"Some updates were not installed\""),
    ("エラーコード 0x80070005", "error code 0x80070005"),
    ("エラーコード 809", "error 809"),
]

TIP_TITLES = [
    ("ワンポイント", "Tip"), ("はじめる前に", "Before you start"), ("事前に確認してください", "Check this first"),
    ("所要時間の目安", "How long it takes"), ("ご注意ください", "Please note"), ("おすすめ", "Recommended"),
]

# Sentence templates. {o}=object {a}=action {l}/{l2}=label {p}=place {s}=screen
# {f}=field {pr}=product {e}=error {n}=number
JA_INTRO = [
    "この記事では、{pr}で{o}を{a}手順を画面つきで説明します。",
    "{o}を{a}と、{o2}もあわせて利用できるようになります。",
    "作業は{n}分ほどで完了します。途中で再起動が必要になる場合があります。",
    "会社から貸与されたパソコンでは、一部の設定が管理者によって変更できないようになっている場合があります。",
    "操作の前に、作業中のファイルを保存し、ほかのアプリを閉じておいてください。",
    "うまくいかない場合は、記事の最後にある「困ったときは」もあわせてご覧ください。",
    "この手順は{pr}と{pr2}のどちらでも同じように操作できます。",
    "ヘルプデスクへの問い合わせが多い内容を、わかりやすくまとめました。",
]
EN_INTRO = [
    "This guide shows, step by step with screenshots, how to {a} {o} on {pr}.",
    "Once you {a} {o}, you can also use {o2}.",
    "It takes about {n} minutes. You may need to restart your computer along the way.",
    "On a company laptop, some of these settings may be managed by your administrator and cannot be changed.",
    "Before you begin, save any open files and close other apps.",
    "If something does not work, see Troubleshooting at the end of this guide.",
    "The steps are the same on {pr} and {pr2}.",
    "This is one of the questions the help desk hears most often, answered in one place.",
]
JA_TIP = [
    "{o}を{a}前に、現在の設定を控えておくと元に戻すときに安心です。",
    "作業には{f}が必要です。あらかじめ手元に用意してください。",
    "社外から操作する場合は、先にVPNに接続してください。",
    "スマートフォンを手元に用意しておくと、確認コードの受け取りがスムーズです。",
    "画面の表示は{pr}のバージョンによって少し異なる場合があります。",
]
EN_TIP = [
    "Write down your current settings before you {a} {o}, so you can go back if needed.",
    "You will need your {f}. Keep it at hand before you start.",
    "If you are working outside the office, connect to the VPN first.",
    "Keep your phone nearby: you will receive a verification code on it.",
    "Screens may look slightly different depending on your version of {pr}.",
]
JA_STEP = [
    "{p}[{l}]をクリックします。",
    "[{l}]を選択し、[{l2}]をクリックします。",
    "{s}が表示されたら、[{l}]をクリックします。",
    "「{f}」に入力し、[{l}]をクリックします。",
    "{p}[{l}]を右クリックし、[{l2}]を選択します。",
    "[{l}]の項目を確認し、スイッチを[オン]にします。",
    "一覧から{o}を選び、[{l}]をクリックします。",
    "[{l}]が表示されるまで待ち、[{l2}]をクリックします。",
    "{s}で[{l}]を開きます。",
    "確認のメッセージが表示されたら、[{l}]をクリックします。",
]
EN_STEP = [
    "Click [{l}] {p}.",
    "Select [{l}], then click [{l2}].",
    "When {s} appears, click [{l}].",
    "Enter your {f} and click [{l}].",
    "Right-click [{l}] {p} and choose [{l2}].",
    "Find [{l}] and turn the switch [On].",
    "Choose {o} in the list and click [{l}].",
    "Wait until [{l}] appears, then click [{l2}].",
    "In {s}, open [{l}].",
    "When a confirmation message appears, click [{l}].",
]
JA_CAPTION = ["[{l}]をクリックします。", "{s}が表示されます。", "[{l}]を選択します。", "ここで[{l}]を押します。"]
EN_CAPTION = ["Click [{l}].", "{s_cap} appears.", "Select [{l}].", "Press [{l}] here."]
JA_ALT = ["{s}", "[{l}]が強調表示された{s}", "{s}の[{l}]ボタン", "{o}の設定項目"]
EN_ALT = ["{s_cap}", "{s_cap} with [{l}] highlighted", "The [{l}] button in {s}", "{O} settings"]
JA_DETAIL = [
    "この操作には管理者権限が必要です。",
    "画面が切り替わるまで数秒かかる場合があります。",
    "{pr}では、項目名が[{l}]と表示される場合があります。",
    "すでに設定済みの場合は、次の手順に進んでください。",
    "{f}は半角英数字で入力します。",
    "入力を間違えた場合は、[{l}]をクリックしてやり直します。",
    "表示されない場合は、ウィンドウを最大化してください。",
]
EN_DETAIL = [
    "You need administrator rights for this step.",
    "The screen may take a few seconds to change.",
    "On {pr}, the item may be called [{l}] instead.",
    "If this is already set, go on to the next step.",
    "Type the {f} exactly as you received it.",
    "If you make a mistake, click [{l}] and start again.",
    "If you cannot see it, maximise the window.",
]
JA_NOTE = [
    "会社のパソコンでは、この項目が管理者によって固定されている場合があります。",
    "{f}を他人に教えないでください。ヘルプデスクがたずねることもありません。",
    "設定を変更すると、ほかの端末からいったんサインアウトされます。",
    "この画面は{n}分で自動的に閉じます。時間内に操作してください。",
]
EN_NOTE = [
    "On a company PC this option may be locked by your administrator.",
    "Never share your {f}. The help desk will never ask for it.",
    "Changing this signs you out on your other devices.",
    "This page closes automatically after {n} minutes, so finish the step in time.",
]
JA_SECTION1 = ["{s}を開く", "{o}の状態を確認する", "事前準備をする", "{pr}の設定を開く", "サインインする"]
EN_SECTION1 = ["Open {s}", "Check {o}", "Get ready", "Open the {pr} settings", "Sign in"]
JA_SECTION2 = ["{o}を{a}", "設定を保存する", "動作を確認する", "{o2}と連携する", "仕上げの設定をする"]
EN_SECTION2 = ["{A} {o}", "Save the settings", "Check that it works", "Connect it to {o2}", "Finish the setup"]
JA_QUESTION = [
    "{o}に接続できません", "[{l}]が表示されません", "{e}と表示されます", "{o}の設定が保存されません",
    "手順の途中で画面が動かなくなりました", "{pr}でも同じ手順で操作できますか", "{o2}が{pr_problem}",
]
EN_QUESTION = [
    "I cannot connect to {o}", "I do not see [{l}]", "I get {e}", "The settings for {o} are not saved",
    "The screen froze halfway through", "Do the same steps work on {pr}?", "{O2} {pr_problem}",
]
JA_ANSWER = [
    "パソコンを再起動してから、もう一度手順1から操作してください。",
    "{pr}が最新の状態になっているか確認してください。古いバージョンでは[{l}]が表示されない場合があります。",
    "ネットワークに接続されているか確認し、VPNを使用している場合はいったん切断してから再度お試しください。",
    "それでも解決しない場合は、表示されたメッセージの画面を保存して、ヘルプデスクにお問い合わせください。",
    "管理者によって制限されている可能性があります。所属部署の担当者にご確認ください。",
    "{f}に誤りがないか確認してください。大文字と小文字は区別されます。",
]
EN_ANSWER = [
    "Restart your computer and go through the steps again from step 1.",
    "Make sure {pr} is up to date. Older versions may not show [{l}].",
    "Check that you are connected to the network. If you use the VPN, disconnect and try again.",
    "If that does not help, take a screenshot of the message and contact the help desk.",
    "Your administrator may have restricted this setting. Ask the IT contact in your department.",
    "Check that the {f} is correct. Upper and lower case letters are different.",
]

CODE_BLOCKS = {
    "powershell": [
        "Get-NetAdapter | Where-Object Status -eq 'Up' | Format-Table Name, LinkSpeed",
        "Test-NetConnection -ComputerName vpn.example.co.jp -Port 443",
        "Get-Printer | Select-Object Name, PortName, DriverName",
        "Resolve-DnsName intranet.example.co.jp",
        "Get-WindowsUpdateLog -LogPath $env:USERPROFILE\\Desktop\\WindowsUpdate.log",
        "Remove-Item -Recurse -Force \"$env:LOCALAPPDATA\\Microsoft\\Teams\\Cache\"",
    ],
    "bash": [
        "nmcli device status",
        "ping -c 4 intranet.example.co.jp",
        "scutil --dns | grep nameserver",
        "networksetup -listallhardwareports",
        "lpstat -p -d",
        "defaults read com.apple.TimeMachine LastDestinationID",
    ],
    "cmd": [
        "ipconfig /flushdns",
        "ipconfig /all",
        "netsh wlan show profiles",
        "gpupdate /force",
        "sfc /scannow",
        "net use Z: \\\\fileserver\\share /persistent:yes",
    ],
    "json": [
        '"proxy": {\n  "mode": "pac",\n  "url": "http://proxy.example.co.jp/proxy.pac"\n}',
        '"sync": {\n  "enabled": true,\n  "interval_minutes": 15,\n  "folders": ["Desktop", "Documents"]\n}',
        '"printer": {\n  "name": "3F-Multifunction",\n  "duplex": true,\n  "color": false\n}',
    ],
}
JA_CODE_INTRO = "コマンドで確認する場合は、次のように入力します。"
EN_CODE_INTRO = "To check this from the command line, run:"


# --------------------------------------------------------------------------
# Guide model (flavor independent)
# --------------------------------------------------------------------------


def the(noun):
    return noun if noun[:1].isupper() else "the " + noun


def cap(text):
    return text[:1].upper() + text[1:]


def fill(rng, template, lang, ctx):
    """Fill a template with fresh random picks for anything not fixed in ctx."""
    ja = lang == "ja"
    i = 0 if ja else 1
    lab = rng.choice(LABELS)[i]
    lab2 = rng.choice(LABELS)[i]
    while lab2 == lab:
        lab2 = rng.choice(LABELS)[i]
    screen = rng.choice(SCREENS)[i]
    values = {
        "l": lab,
        "l2": lab2,
        "p": rng.choice(PLACES)[i],
        "s": screen,
        "s_cap": screen[:1].upper() + screen[1:],
        "f": rng.choice(FIELDS)[i],
        "e": rng.choice(ERRORS)[i],
        "n": rng.choice((3, 5, 10, 15, 20, 30)),
        "pr": rng.choice(PRODUCTS),
        "pr2": rng.choice(PRODUCTS),
        "pr_problem": rng.choice(PROBLEMS)[i],
    }
    values.update(ctx)
    return template.format(**values)


def make_guide(rng, index, cat_index):
    """Return a dict describing one guide; all randomness comes from rng."""
    lang = "ja" if rng.random() < 0.5 else "en"
    ja = lang == "ja"
    i = 0 if ja else 1
    pool = [OBJECTS[k] for k in CATEGORY_OBJECTS[cat_index]]
    obj = rng.choice(pool)
    obj2 = rng.choice(OBJECTS)
    while obj2 == obj:
        obj2 = rng.choice(OBJECTS)
    action = rng.choice(ACTIONS)
    problem = rng.choice(PROBLEMS)
    ctx = {
        # English: "the password" but "BitLocker" (proper nouns take no article)
        "o": obj[0] if ja else the(obj[1]),
        "o2": obj2[0] if ja else the(obj2[1]),
        "O": obj[0] if ja else cap(the(obj[1])),
        "O2": obj2[0] if ja else cap(the(obj2[1])),
        "on": obj[i],
        "a": action[i],
        "A": action[1][:1].upper() + action[1][1:],
        "problem": problem[i],
        "gp": rng.choice(PRODUCTS),  # the product named in title and summary
    }

    kind = rng.random()
    if ja:
        if kind < 0.55:
            title = f"{obj[0]}を{action[0]}方法"
        elif kind < 0.8:
            title = f"{obj[0]}を{action[0]}には（{ctx['gp']}）"
        else:
            title = f"{obj[0]}が{problem[0]}ときの対処方法"
        summary = fill(rng, rng.choice([
            "{gp}で{o}を{a}手順を説明します。",
            "{o}を{a}ための操作を、画面つきで順番に紹介します。",
            "{s}から{o}を{a}までの流れをまとめました。",
        ]) if kind < 0.8 else "{o}が{problem}場合の確認ポイントと対処方法です。", lang, ctx)
        slug_words = f"{action[1]}-{obj[1]}"
    else:
        if kind < 0.55:
            title = f"How to {action[1]} {ctx['o']}"
        elif kind < 0.8:
            title = f"{ctx['A']} {ctx['o']} on {ctx['gp']}"
        else:
            title = f"Fix: {ctx['o']} {problem[1]}"
        summary = fill(rng, rng.choice([
            "How to {a} {o} on {gp}, step by step.",
            "The steps to {a} {o}, with a screenshot for each one.",
            "From {s} to a working {on} in a few minutes.",
        ]) if kind < 0.8 else "What to check when {o} {problem}, and how to fix it.", lang, ctx)
        slug_words = f"{action[1]}-{obj[1]}"
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in slug_words.lower())
    slug = "-".join(part for part in slug.split("-") if part) + f"-{index:05d}"

    published = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(0, 2400))
    updated = published + datetime.timedelta(days=rng.choice((0, 0, rng.randrange(1, 700))))
    applies_to = [ctx["gp"]] + [p for p in rng.sample(PRODUCTS, rng.randint(0, 2)) if p != ctx["gp"]]
    tags = [t[i] for t in rng.sample(TAGS, rng.randint(1, 4))]

    sep = "" if ja else " "
    intro = sep.join(fill(rng, t, lang, ctx) for t in rng.sample(JA_INTRO if ja else EN_INTRO, rng.randint(2, 3)))
    tip_title = rng.choice(TIP_TITLES)[i]
    tip = fill(rng, rng.choice(JA_TIP if ja else EN_TIP), lang, ctx)

    total = rng.randint(10, 14)
    first = rng.randint(total // 3, total // 2 + 1)
    code_lang = None
    if rng.random() < 0.2:
        code_lang = rng.choice(("powershell", "bash", "cmd", "json"))
    code_step = rng.randint(first + 1, total) if code_lang else None

    steps = []
    for k in range(1, total + 1):
        sctx = dict(ctx)
        sctx["l"] = rng.choice(LABELS)[i]
        sctx["s"] = rng.choice(SCREENS)[i]
        sctx["s_cap"] = sctx["s"][:1].upper() + sctx["s"][1:]
        step = {
            "text": fill(rng, rng.choice(JA_STEP if ja else EN_STEP), lang, sctx),
            "alt": fill(rng, rng.choice(JA_ALT if ja else EN_ALT), lang, sctx),
            "caption": fill(rng, rng.choice(JA_CAPTION if ja else EN_CAPTION), lang, sctx),
            "details": [],
            "note": None,
            "code": None,
        }
        r = rng.random()
        if r < 0.35:
            step["details"] = [fill(rng, t, lang, ctx)
                               for t in rng.sample(JA_DETAIL if ja else EN_DETAIL, rng.randint(1, 3))]
        if rng.random() < 0.18:
            step["note"] = fill(rng, rng.choice(JA_NOTE if ja else EN_NOTE), lang, ctx)
        if k == code_step:
            lines = rng.sample(CODE_BLOCKS[code_lang], min(len(CODE_BLOCKS[code_lang]), rng.randint(1, 3)))
            step["code"] = (code_lang, "\n".join(lines))
        steps.append(step)

    sec1 = fill(rng, rng.choice(JA_SECTION1 if ja else EN_SECTION1), lang, ctx)
    sec2 = fill(rng, rng.choice(JA_SECTION2 if ja else EN_SECTION2), lang, ctx)

    qa = []
    for q in rng.sample(JA_QUESTION if ja else EN_QUESTION, rng.randint(2, 4)):
        answer = sep.join(fill(rng, t, lang, ctx)
                          for t in rng.sample(JA_ANSWER if ja else EN_ANSWER, rng.randint(1, 3)))
        qa.append((fill(rng, q, lang, ctx), answer))

    return {
        "index": index,
        "lang": lang,
        "slug": slug,
        "title": title,
        "summary": summary,
        "applies_to": applies_to,
        "tags": tags,
        "published": published.isoformat(),
        "updated": updated.isoformat(),
        "intro": intro,
        "tip_title": tip_title,
        "tip": tip,
        "sections": [(sec1, 1, steps[:first]), (sec2, first + 1, steps[first:])],
        "qa": qa,
        "related": [],
    }


INCLUDES = 24


def include_name(k, lang):
    return f"open-{k:02d}" + ("" if lang == "ja" else ".en") + ".md"


def include_steps(k, lang):
    """The two steps of include file k, as (text, alt, caption) each."""
    rng = random.Random(1000 + k)
    i = 0 if lang == "ja" else 1
    screen = rng.choice(SCREENS)[i]
    label = rng.choice(LABELS)[i]
    if lang == "ja":
        return [
            (f"[スタート] ボタンをクリックし、{screen}を開きます。", f"{screen}の入口が赤枠で囲まれた画面", f"{screen}を開きます。"),
            (f"[{label}] をクリックします。", f"{label}のボタンが赤枠で囲まれた画面", f"[{label}]をクリックします。"),
        ]
    return [
        (f"Click [Start] and open {screen}.", f"The way into {screen}, framed in red", f"Open {screen}."),
        (f"Click [{label}].", f"The {label} button, framed in red", f"Click [{label}]."),
    ]


def add_variants(guides, seed):
    """Mark guides for an include (20 %) and variant tabs (10 %)."""
    rng = random.Random(seed + 1)
    for g in guides:
        g["include"] = rng.randrange(INCLUDES) if rng.random() < 0.2 else None
        g["tabs"] = rng.random() < 0.1


def build_model(n, seed):
    rng = random.Random(seed)
    guides = []
    for index in range(n):
        cat_index = index % len(CATEGORIES)
        g = make_guide(rng, index, cat_index)
        g["cat"] = CATEGORIES[cat_index][0]
        guides.append(g)
    # related: one or two other guides in the same category (same language
    # when there is one), as a relative path to the other guide's file.
    by_cat = {}
    for g in guides:
        by_cat.setdefault(g["cat"], []).append(g)
    for g in guides:
        peers = [p for p in by_cat[g["cat"]] if p is not g]
        same = [p for p in peers if p["lang"] == g["lang"]]
        pool = same if len(same) >= 2 else peers
        if pool:
            for p in rng.sample(pool, min(len(pool), rng.randint(1, 2))):
                g["related"].append(f"../{p['slug']}/{guide_file(p)}")
    return guides


def guide_file(g):
    return "index.md" if g["lang"] == "ja" else "index.en.md"


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


def yq(s):
    """A YAML double-quoted scalar (always safe: colons, brackets, quotes)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ylist(items):
    return "[" + ", ".join(yq(x) for x in items) + "]"


def front_matter(g, flavor):
    if flavor == "hugo":
        lines = [
            "title: " + yq(g["title"]),
            "description: " + yq(g["summary"]),
            "date: " + g["published"],
            "lastmod: " + g["updated"],
            # Hugo 0.111 reads custom keys from the top level into .Params
            # (a nested `params:` block only became special in 0.123).
            "applies_to: " + ylist(g["applies_to"]),
            "tags: " + ylist(g["tags"]),
            "related: " + ylist(g["related"]),
        ]
    else:
        lines = [
            "title: " + yq(g["title"]),
            "summary: " + yq(g["summary"]),
            "applies_to: " + ylist(g["applies_to"]),
            "tags: " + ylist(g["tags"]),
            "published: " + g["published"],
            "updated: " + g["updated"],
            "related: " + ylist(g["related"]),
        ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def shot_ref(g, k):
    """The picture step k of guide g shows: its realistic one when drawn, else the tiny PNG."""
    return g.get("shot_refs", {}).get(k, f"shots/step{k}.png")


def step_lines(k, st, shot, ja):
    """One step as Markdown lines (its screenshot `shot`)."""
    marker = f"{k}. "
    ind = " " * len(marker)  # continuation lines align with the item text
    out = [marker + st["text"], "", f"{ind}![{st['alt']}]({shot} {yq(st['caption'])})", ""]
    if st["details"]:
        for d in st["details"]:
            out.append(f"{ind}- {d}")
        out.append("")
    if st["code"]:
        lang, code = st["code"]
        out.append(ind + (JA_CODE_INTRO if ja else EN_CODE_INTRO))
        out.append("")
        out.append(f"{ind}```{lang}")
        out.extend(ind + line for line in code.split("\n"))
        out.append(f"{ind}```")
        out.append("")
    if st["note"]:
        out.append(f"{ind}> [!NOTE]")
        out.append(f"{ind}> " + st["note"])
        out.append("")
    return out


def plain_step(text, alt, caption):
    return {"text": text, "alt": alt, "caption": caption, "details": [], "note": None, "code": None}


def body(g, flavor="tebiki"):
    ja = g["lang"] == "ja"
    out = [g["intro"], "", "> [!TIP]", f"> **{g['tip_title']}**", "> " + g["tip"], ""]
    for sec_no, (heading, start, steps) in enumerate(g["sections"], 1):
        out.append(f"## STEP{sec_no} {heading}")
        out.append("")
        first = 0
        if sec_no == 1 and g.get("include") is not None:
            # Steps 1 and 2 come from a shared include file.
            if flavor == "tebiki":
                out.append(f"[!INCLUDE [{heading}](../../includes/{include_name(g['include'], g['lang'])})]")
            else:
                for k, (text, alt, caption) in enumerate(include_steps(g["include"], g["lang"]), 1):
                    out.extend(step_lines(k, plain_step(text, alt, caption), f"shots/step{k}.png", ja))
            first = 2
        rest = [(k, st) for k, st in enumerate(steps, start)][first:]
        if sec_no == 2 and g.get("tabs"):
            # The second procedure per variant: all its steps on Windows 11,
            # the first three, worded for the other screen, on Windows 10.
            other = [(k, plain_step(st["text"] + (" (Windows 10)" if not ja else "（Windows 10 の画面）"), st["alt"], st["caption"]))
                     for k, st in rest[:3]]
            for label, variant in (("Windows 11", rest), ("Windows 10", other)):
                if flavor == "tebiki":
                    out.append(f'=== "{label}"')
                    out.append("")
                    for k, st in variant:
                        out.extend(("    " + l) if l else "" for l in step_lines(k, st, shot_ref(g, k), ja))
                else:
                    out.append(f"#### {label}")
                    out.append("")
                    for k, st in variant:
                        out.extend(step_lines(k, st, shot_ref(g, k), ja))
            continue
        for k, st in rest:
            out.extend(step_lines(k, st, shot_ref(g, k), ja))
    out.append("## 困ったときは" if ja else "## Troubleshooting")
    out.append("")
    for q, a in g["qa"]:
        out.append(f"### Q: {q}")
        out.append("")
        out.append(a)
        out.append("")
    return "\n".join(out)


def step_count(g):
    return sum(len(steps) for _, _, steps in g["sections"])


def category_index(cat_no, lang, flavor):
    slug, ja_title, en_title, ja_desc, en_desc = CATEGORIES[cat_no]
    ja = lang == "ja"
    title, desc = (ja_title, ja_desc) if ja else (en_title, en_desc)
    intro = (f"{ja_title}に関するよくある質問と操作手順をまとめています。"
             if ja else f"Common questions and step-by-step guides about {en_title.lower()}.")
    return ("---\n"
            f"title: {yq(title)}\n"
            f"description: {yq(desc)}\n"
            f"weight: {cat_no + 1}\n"
            "---\n\n" + intro + "\n")


HUGO_TOML = """\
baseURL = "https://help.example.invalid/"
title = "ベンチマーク ヘルプセンター"
defaultContentLanguage = "ja"
defaultContentLanguageInSubdir = false
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = false

[taxonomies]

[sitemap]
  changefreq = "monthly"
  filename = "sitemap.xml"
  priority = 0.5

[languages]
  [languages.ja]
    languageName = "日本語"
    title = "ベンチマーク ヘルプセンター"
    weight = 1
  [languages.en]
    languageName = "English"
    title = "Benchmark Help Center"
    weight = 2

[markup.goldmark.renderer]
  unsafe = false
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.applies_to }}<ul class="applies-to">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
<p class="dates"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ if ne .Lastmod .Date }} / <time datetime="{{ .Lastmod.Format "2006-01-02" }}">{{ .Lastmod.Format "2006-01-02" }}</time>{{ end }}</p>
{{ .Content }}
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Description }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }} <span>{{ . }}</span>{{ end }}</li>
{{ end }}</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul>
{{ range .Sections.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }} <span>{{ . }}</span>{{ end }}</li>
{{ end }}</ul>
{{ end }}
""",
}


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


class ShotPool:
    """A pool of realistic 2x screenshots, each written once and hard-linked after."""

    def __init__(self, size, seed):
        import shots_ui  # Pillow: only needed here
        rng = random.Random(seed ^ 0x5107)
        self.shots = {"ja": [], "en": []}
        for i in range(max(2, size)):
            lang = ("ja", "en")[i % 2]
            png, target = shots_ui.draw_screen(rng, lang)
            self.shots[lang].append([ShotLinker(png), target])
        self.bytes = sum(len(l.png) for half in self.shots.values() for l, _ in half)

    def pick(self, g, index, k):
        half = self.shots[g["lang"]]
        return half[(index * 131 + k * 17) % len(half)]

    def copies(self):
        return sum(l.copies for half in self.shots.values() for l, _ in half)


def generate(n, out, flavor, seed, variants=False, shots="tiny", shot_pool=240):
    guides = build_model(n, seed)
    if variants:
        add_variants(guides, seed)
    if os.path.exists(out):
        shutil.rmtree(out)
    content = os.path.join(out, "content")
    os.makedirs(content)

    if flavor == "hugo":
        write(os.path.join(out, "hugo.toml"), HUGO_TOML)
        for rel, text in HUGO_LAYOUTS.items():
            path = os.path.join(out, "layouts", rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write(path, text)
    else:
        write(os.path.join(out, "tebiki.yaml"),
              "title: ベンチマーク ヘルプセンター\nlanguages: [ja, en]\n")

    for cat_no, cat in enumerate(CATEGORIES):
        d = os.path.join(content, cat[0])
        os.makedirs(d)
        write(os.path.join(d, "_index.md"), category_index(cat_no, "ja", flavor))
        write(os.path.join(d, "_index.en.md"), category_index(cat_no, "en", flavor))

    linker = ShotLinker(make_png())
    pool = ShotPool(shot_pool, seed) if shots == "realistic" else None
    stats = {"ja": 0, "en": 0, "bytes": 0, "shots": 0, "code": 0, "includes": 0, "tabs": 0}
    if variants and flavor == "tebiki":
        inc = os.path.join(content, "includes")
        os.makedirs(os.path.join(inc, "shots"))
        for k in range(INCLUDES):
            for lang in ("ja", "en"):
                lines = []
                for j, (text, alt, caption) in enumerate(include_steps(k, lang), 1):
                    shot = f"shots/{include_name(k, lang)[:-3]}-{j}.png"
                    lines.extend(step_lines(j, plain_step(text, alt, caption), shot, lang == "ja"))
                    linker.place(os.path.join(inc, shot))
                write(os.path.join(inc, include_name(k, lang)), "\n".join(lines).rstrip() + "\n")
    for index, g in enumerate(guides):
        bundle = os.path.join(content, g["cat"], g["slug"])
        shots_dir = os.path.join(bundle, "shots")
        os.makedirs(shots_dir)
        placed = {}
        if pool is not None:
            for k in range(1, step_count(g) + 1):
                shot_linker, (x, y, w, h) = pool.pick(g, index, k)
                mark = f"#mark=rect:{x},{y},{w},{h}" if flavor == "tebiki" else ""
                g.setdefault("shot_refs", {})[k] = f"shots/step{k}@2x.png{mark}"
                placed[k] = (shot_linker, f"step{k}@2x.png")
        text = front_matter(g, flavor) + "\n" + body(g, flavor)
        write(os.path.join(bundle, guide_file(g)), text)
        for k in range(1, step_count(g) + 1):
            # A guide's first two steps come from its include, with its pictures.
            if not (k <= 2 and flavor == "tebiki" and g.get("include") is not None):
                shot_linker, name = placed.get(k, (linker, f"step{k}.png"))
                shot_linker.place(os.path.join(shots_dir, name))
        stats[g["lang"]] += 1
        stats["bytes"] += len(text.encode("utf-8"))
        stats["shots"] += step_count(g)
        stats["code"] += any(st["code"] for _, _, steps in g["sections"] for st in steps)
        stats["includes"] += g.get("include") is not None
        stats["tabs"] += bool(g.get("tabs"))
    stats["png_copies"] = linker.copies + (pool.copies() if pool else 0)
    stats["png_bytes"] = pool.bytes if pool else len(linker.png)
    stats["pool"] = shot_pool if pool else 1
    return stats


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="number of guides (default 1000)")
    ap.add_argument("--out", required=True, help="site folder to create (replaced if it exists)")
    ap.add_argument("--flavor", choices=("tebiki", "hugo"), default="tebiki")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--variants", action="store_true", help="includes in 20 %% of guides, variant tabs in 10 %%")
    ap.add_argument("--shots", choices=("tiny", "realistic"), default="tiny",
                    help="tiny: one 64x40 PNG everywhere (default); realistic: 2x application screenshots")
    ap.add_argument("--shot-pool", type=int, default=240, help="distinct realistic screenshots (default 240)")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("--n must be at least 1")
    t0 = time.monotonic()
    s = generate(args.n, args.out, args.flavor, args.seed, args.variants, args.shots, args.shot_pool)
    dt = time.monotonic() - t0
    print(f"{args.flavor}: {args.n} guides (ja {s['ja']} / en {s['en']}), "
          f"markdown {s['bytes'] / 1e6:.1f} MB (avg {s['bytes'] / args.n / 1000:.1f} KB), "
          f"{s['shots']} screenshots ({s['pool']} distinct, {s['png_bytes']} B PNG, {s['png_copies']} inode(s)), "
          f"{s['code']} with code, {s['includes']} with an include, {s['tabs']} with tabs, "
          f"in {dt:.1f} s -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
