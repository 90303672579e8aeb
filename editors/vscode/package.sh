#!/bin/sh
# Build the extension and package it as tebiki-<version>.vsix with @vscode/vsce.
# Everything comes from the npm registry (about 75 MB the first time, then from
# npm's cache); no editor is downloaded. Install scripts are not run: packaging
# needs none, and they would fetch prebuilt binaries (keytar from GitHub,
# vsce-sign) that only publishing and signing use.
set -eu
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
npx tsc -p .
npx vsce package --skip-license --allow-missing-repository --out "tebiki-$(node -p 'require("./package.json").version').vsix"
