#!/usr/bin/env bash
# tests/test_engines.py drives the engines participants bring besides
# Chromium, as Debian packages them (Playwright's own builds are not
# downloaded): WebKitGTK through Debian's python3 and its GObject bindings
# under a virtual display, and Firefox ESR through Marionette. Installs what
# is missing; does nothing when all is there.
set -euo pipefail
packages=()
/usr/bin/python3 -c "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2" \
  >/dev/null 2>&1 || packages+=(python3-gi gir1.2-webkit2-4.1)
command -v xvfb-run >/dev/null || packages+=(xvfb xauth)
[ -x "${TRUST_WORKBOOK_FIREFOX:-/usr/bin/firefox-esr}" ] || packages+=(firefox-esr)
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian's ${packages[*]} for the engine tests…"
sudo_if_needed=()
[ "$(id -u)" -eq 0 ] || sudo_if_needed=(sudo)
"${sudo_if_needed[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_if_needed[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
