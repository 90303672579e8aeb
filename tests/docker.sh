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
if ! reason=$(timeout 60 docker info --format '{{.ServerVersion}}' 2>&1); then
  echo "docker test skipped: no Docker engine answers ($(echo "$reason" | tail -n 1))"
  exit 0
fi

# The base images come from a registry; on a machine whose network is closed
# to it there is nothing to build from.
for base in $(sed -n 's/^FROM \([^ ]*\).*/\1/p' Dockerfile | sort -u); do
  if ! docker image inspect "$base" >/dev/null 2>&1 && ! timeout 180 docker pull --quiet "$base" >/dev/null 2>&1; then
    echo "docker test skipped: the base image $base cannot be fetched here"
    exit 0
  fi
done

tag="tebiki-test:$$"
site=$(mktemp -d)
cleanup() { docker image rm -f "$tag" >/dev/null 2>&1 || true; rm -rf "$site"; }
trap cleanup EXIT

timeout 1200 docker build --quiet --tag "$tag" . >/dev/null
cp -r tebiki.yaml product-help-ids.txt content "$site/"
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
