#!/usr/bin/env bash
# Installs what the JupyterHub test (tests/browser/test_jupyterhub.py) needs and pip cannot bring:
# JupyterHub's proxy, configurable-http-proxy, from npm (Node.js from Debian when missing).
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
command -v configurable-http-proxy >/dev/null 2>&1 || $SUDO npm install -g --silent configurable-http-proxy
configurable-http-proxy --version
