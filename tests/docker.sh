#!/usr/bin/env bash
# Builds the Docker image (Dockerfile) and the example site with it, and checks
# that the image runs as non-root and stays small. Needs a Docker engine: where
# none answers (no docker command, or a client without a daemon), it says why
# and passes, so tests/run.sh works on any machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1; then
  echo "docker test skipped: there is no docker command on this machine"
  exit 0
fi
if ! reason=$(docker info --format '{{.ServerVersion}}' 2>&1); then
  echo "docker test skipped: no Docker engine answers ($(echo "$reason" | tail -n 1))"
  exit 0
fi

tag="tebiki-test:$$"
site=$(mktemp -d)
cleanup() { docker image rm -f "$tag" >/dev/null 2>&1 || true; rm -rf "$site"; }
trap cleanup EXIT

docker build --quiet --tag "$tag" . >/dev/null
cp -r tebiki.yaml content "$site/"
docker run --rm --user "$(id -u):$(id -g)" --volume "$site:/site" "$tag"
test -f "$site/public/index.html" || { echo "docker test: the image built no site" >&2; exit 1; }
docker run --rm --user "$(id -u):$(id -g)" --volume "$site:/site" "$tag" check /site >/dev/null

user=$(docker image inspect --format '{{.Config.User}}' "$tag")
case "$user" in
  "" | root | 0 | 0:*) echo "docker test: the image runs as root ($user)" >&2; exit 1 ;;
esac
size=$(docker image inspect --format '{{.Size}}' "$tag")
if [ "$size" -gt $((80 * 1024 * 1024)) ]; then
  echo "docker test: the image is $((size / 1024 / 1024)) MiB (budget: 80 MiB)" >&2
  exit 1
fi
echo "docker test passed: image of $((size / 1024 / 1024)) MiB, user $user, built the example site"
