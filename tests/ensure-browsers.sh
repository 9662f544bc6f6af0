#!/bin/sh
# Makes sure the end-to-end tests have Chromium, Firefox ESR, coturn (a real TURN server on
# loopback) and `ip` for the loopback-only namespace. Installs what is missing with apt when
# running as root on Debian; otherwise says exactly what to install. CHROMIUM_PATH, FIREFOX_PATH
# and TURNSERVER_PATH point at programs elsewhere.
set -eu

missing=""
[ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -n "${FIREFOX_PATH:-}" ] || command -v firefox-esr >/dev/null 2>&1 || missing="$missing firefox-esr"
[ -n "${TURNSERVER_PATH:-}" ] || [ -x /usr/bin/turnserver ] || missing="$missing coturn"
command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing for the end-to-end tests:$missing"
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
  case "$missing" in
  *coturn*)
    # The tests start their own coturn on loopback; the package's system-wide relay is not wanted.
    if command -v systemctl >/dev/null 2>&1; then
      systemctl disable --now coturn >/dev/null 2>&1 || true
    fi
    ;;
  esac
  exit 0
fi

echo "The end-to-end tests need:$missing" >&2
echo "Install them with: sudo apt-get install -y$missing" >&2
echo "(or set CHROMIUM_PATH / FIREFOX_PATH / TURNSERVER_PATH to programs you already have)" >&2
exit 1
