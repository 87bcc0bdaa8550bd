#!/usr/bin/env bash
# Installs Debian's chromium (driven by the Playwright tests) and fonts with Vietnamese glyphs.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-core fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
