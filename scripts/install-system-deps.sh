#!/usr/bin/env bash
# Debian packages the tests need (root on CI): Chromium drives the real VS Code, libkrb5-dev lets
# code-server's native addon compile, python3-torch is the numeric reference, matplotlib runs the
# generated plotting scripts, fonts-noto-cjk lets Chromium draw the zh-cn screenshots in Chinese
# (without a CJK font it draws boxes), flake8 is the speed peer of `check` in the bench.
set -euo pipefail
pkgs=(chromium libkrb5-dev python3-torch python3-matplotlib fonts-noto-cjk flake8)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "Missing Debian packages: ${missing[*]} (run as root: apt-get install -y ${missing[*]})" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
