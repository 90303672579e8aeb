#!/usr/bin/env bash
# The whole test suite, on a fresh machine too: installs what the tests need
# when it is missing (Debian's chromium, a Japanese font, Java for the Nu HTML
# Checker, the npm packages of the browser tests), then runs formatting and
# lint checks, the Rust tests and the browser tests. CI (.ci/run) calls this same script.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list :lang=ja 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "==> npm packages of the browser tests"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

echo "==> cargo fmt --check"
cargo fmt --check
echo "==> cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
echo "==> cargo test"
cargo test --quiet
echo "==> browser tests (headless Chromium)"
cargo build --quiet
node --test --test-concurrency=1 tests/browser/
echo "==> Docker image (where a Docker engine runs)"
bash tests/docker.sh
echo "==> VS Code extension: package the .vsix, then its client against tebiki lsp"
(cd editors/vscode && sh package.sh >/dev/null && TEBIKI="$PWD/../../target/debug/tebiki" node --test test/)
