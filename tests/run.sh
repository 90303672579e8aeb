#!/usr/bin/env bash
# The whole test suite, on a fresh machine too: installs what the tests need
# when it is missing (Debian's chromium, a Japanese font, poppler's PDF tools, Java for the Nu HTML
# Checker, the npm packages of the browser tests), then runs formatting and
# lint checks, the Rust tests and the browser tests. CI (.ci/run) calls this same script.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { echo "==> [$(date -u +%H:%M:%S), ${SECONDS}s] $*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list :lang=ja 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# The PDF tests read the manual back with pdftotext, pdfinfo, pdfimages, pdftohtml.
command -v pdftohtml >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  stage "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stage "npm packages of the browser tests"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

stage "cargo fmt --check"
cargo fmt --check
# Every locked crate, other platforms' too: the MSRV test reads them all
# with `cargo metadata --offline`, and a build downloads only its own.
cargo fetch --locked --quiet
stage "cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
stage "cargo test"
cargo test --quiet
stage "browser tests (headless Chromium)"
cargo build --quiet
# Every test is bounded (--test-timeout), and so is the whole stage: a test
# that waits for something that never comes fails with its name, it does not
# hang CI.
timeout --kill-after=30 1500 node --test --test-concurrency=1 --test-timeout=180000 tests/browser/
stage "Docker image (where a Docker engine runs)"
bash tests/docker.sh
# npm ci (about 75 MB from the npm registry on a cold cache, nothing else),
# tsc and vsce: about a minute cold; the Node test starts tebiki lsp through
# the extension's code, no editor: a few seconds. Both are bounded.
stage "VS Code extension: package the .vsix, then its client against tebiki lsp"
(cd editors/vscode && timeout --kill-after=20 300 sh package.sh >/dev/null \
  && TEBIKI="$PWD/../../target/debug/tebiki" timeout --kill-after=20 120 node --test --test-timeout=60000 test/)
stage "done"
