# syntax=docker/dockerfile:1
# tebiki in a container: the binary alone on a minimal, non-root image.
#
#   docker build -t tebiki .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" tebiki            # tebiki build /site
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" tebiki check /site
#
# The build stage uses the oldest Rust tebiki supports (rust-version in
# Cargo.toml), so building the image also proves that version still works.
# tests/docker.sh builds the image and a site with it where Docker runs.

FROM rust:1.88-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
    && cp target/release/tebiki /tebiki \
    && strip /tebiki

# glibc and libgcc are all tebiki needs at run time; "nonroot" is uid 65532.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /tebiki /usr/local/bin/tebiki
WORKDIR /site
ENTRYPOINT ["/usr/local/bin/tebiki"]
CMD ["build", "/site"]
