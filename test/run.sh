#!/usr/bin/env bash
# The whole test suite (README command 2, and what .ci/run runs): type check, unit tests (vectors,
# CLI), build of both apps, reproducibility of the station build, and the end-to-end tests in
# Debian's Chromium with a fake webcam. Browser tests are never skipped: if Chromium or zbarimg
# is missing and cannot be installed, this fails with a one-line instruction.
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need_pkgs+=(chromium)
command -v zbarimg >/dev/null 2>&1 || need_pkgs+=(zbar-tools)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages: ${need_pkgs[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  else
    echo "error: missing ${need_pkgs[*]}; install with: sudo apt-get install -y ${need_pkgs[*]}" >&2
    exit 1
  fi
fi
[ -d node_modules ] || npm ci --no-audit --no-fund

step() { printf '\n=== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }
step "type check (npm run lint)"
npm run -s lint
step "unit tests"
npx vitest run --project unit
step "build both apps"
npm run -s build
step "end-to-end tests in Chromium"
AIRLOCK_SKIP_BUILD=1 npx vitest run --project e2e
step "all tests passed"
