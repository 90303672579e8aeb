#!/bin/sh
# Build the extension and package it as tebiki-<version>.vsix with @vscode/vsce
# (from the npm registry; no editor is downloaded).
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npx tsc -p .
npx vsce package --skip-license --allow-missing-repository --out "tebiki-$(node -p 'require("./package.json").version').vsix"
