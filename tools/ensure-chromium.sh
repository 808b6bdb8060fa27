#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download
# is not used). Install it when it is missing; TRUST_WORKBOOK_CHROMIUM points
# the tests at another Chromium instead.
set -euo pipefail
chromium="${TRUST_WORKBOOK_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
echo "Installing Debian's chromium for the browser tests…"
sudo_if_needed=()
[ "$(id -u)" -eq 0 ] || sudo_if_needed=(sudo)
"${sudo_if_needed[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_if_needed[@]}" apt-get install -y -qq chromium >/dev/null
