#!/usr/bin/env bash
# Installs the Debian packages Yubin's tests need that a fresh machine may lack:
# the PostgreSQL client, Chromium for the web UI's Playwright suite (never a downloaded
# browser) and Noto CJK so Japanese renders in its screenshots.
# Safe to run again: it installs only what is missing.
set -euo pipefail

PACKAGES=(postgresql-client chromium fonts-noto-cjk)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages present: ${PACKAGES[*]}"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
