#!/bin/sh
# Makes sure the headless Chromium used by the demo's end-to-end tests (apps/demo/test) is there.
# Runs from the root `pretest` script. Debian's `chromium` package is used because browser downloads
# (`npx playwright install`) are not possible here; playwright-core drives it by executable path.
# Exits 0 when Chromium is present or was installed; 1 when it is missing and cannot be installed.
set -eu

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$chromium" ]; then
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $chromium not found; installing Debian's chromium with apt-get (about 30 s)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  if [ -x "$chromium" ]; then
    echo "ensure-chromium: installed $("$chromium" --version 2>/dev/null || echo chromium)"
    exit 0
  fi
  echo "ensure-chromium: apt-get finished but $chromium is still missing" >&2
  exit 1
fi

echo "ensure-chromium: $chromium not found. The demo's browser tests need it; install it with" >&2
echo "  sudo apt-get install -y chromium        (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary" >&2
exit 1
