#!/usr/bin/env bash
# Installs what the browser tests need and pip cannot bring: Debian's chromium and a CJK font,
# and (tests/install-jupyterhub.sh) JupyterHub's proxy for the JupyterHub test.
# Playwright drives /usr/bin/chromium (no browser download). Needs root (or sudo) on Debian.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
chromium --version
bash "$(dirname "$0")/install-jupyterhub.sh"
