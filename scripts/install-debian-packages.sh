#!/usr/bin/env bash
# Installs from Debian what the tests need and a bare Debian (or the python:3.11-bookworm image of the
# pull-request job) lacks: chromium (driven by Playwright, whose driver needs libatomic), fonts with Vietnamese glyphs, a Java
# runtime for the Nu Html Checker, Node.js with npm for the test tools from npm (axe-core, vnu-jar),
# debootstrap for the test that runs the pull-request job in a fresh Debian root, and Hugo (about 15 MB), which
# scripts/benchmark.py builds the same articles with (tests/test_benchmark.py checks that it can).
# Only what is missing is installed; with everything present it changes nothing.
# With --fonts, only what a build needs: Noto Sans, which draws the link-preview cards (portal/cards.py);
# `make build` and `make serve` run that much. With --benchmark, only what scripts/benchmark.py needs: that
# font, chromium with libatomic, and Hugo (`make bench-tools`).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
need_build() {
  [ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
}
need_benchmark() {
  need_build
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  ldconfig -p | grep -q 'libatomic\.so\.1 ' || missing+=(libatomic1)   # Playwright's bundled Node.js driver needs it
  command -v hugo >/dev/null || missing+=(hugo)
}
install_missing() {
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing from Debian: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
case "${1:-}" in
  --fonts) need_build; install_missing; exit 0 ;;
  --benchmark) need_benchmark; install_missing; /usr/bin/chromium --version; hugo version; exit 0 ;;
esac
need_benchmark
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(nodejs npm)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
# tests/test_fresh_environment.py makes a Debian root; inside such an environment it is not run.
[ -n "${PORTAL_FRESH_ENVIRONMENT:-}" ] || command -v debootstrap >/dev/null || missing+=(debootstrap)
install_missing
/usr/bin/chromium --version
java -version 2>&1 | head -1
echo "node $(node --version), npm $(npm --version)"
hugo version
