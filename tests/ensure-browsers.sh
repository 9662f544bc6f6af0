#!/bin/sh
# Makes sure the end-to-end tests have Chromium and Firefox ESR (and `ip` for the loopback-only
# namespace). Installs what is missing with apt when running as root on Debian; otherwise says
# exactly what to install. CHROMIUM_PATH and FIREFOX_PATH point at browsers elsewhere.
set -eu

missing=""
[ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -n "${FIREFOX_PATH:-}" ] || command -v firefox-esr >/dev/null 2>&1 || missing="$missing firefox-esr"
command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing for the end-to-end tests:$missing"
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
  exit 0
fi

echo "The end-to-end tests need:$missing" >&2
echo "Install them with: sudo apt-get install -y$missing" >&2
echo "(or set CHROMIUM_PATH / FIREFOX_PATH to browsers you already have)" >&2
exit 1
