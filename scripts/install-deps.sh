#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Installs the Debian 12 packages rampart builds, tests and benchmarks with.
# Safe to run again: packages already present are not fetched twice, and
# apt-get runs only when something is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang clang-format
  libclang-rt-14-dev
  # libraries (README.md, "Dependencies", says why each was chosen)
  libsimdjson-dev libfyaml-dev libre2-dev libvectorscan-dev libsqlite3-dev
  libssl-dev libboost-dev libcli11-dev libfmt-dev libarchive-dev libgit2-dev
  libcurl4-openssl-dev libgmp-dev libpugixml-dev libtomlplusplus-dev
  zlib1g-dev  # libz.a, for the static SQLite
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev python3 python3-yaml
  python3-jsonschema hyperfine wrk ca-certificates tzdata
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: run as root (or with sudo) to install packages" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
