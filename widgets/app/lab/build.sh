#!/usr/bin/env bash
# Rebuilds casebook-lab/ (the prebuilt JupyterLab extension that pyproject.toml installs) from src/.
# Needs node and npm (the registry); run from anywhere, in the project's venv. Then reinstall the
# project (pip install -e .) so that Jupyter's data folder gets the new files.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
staging="$(python -c 'import jupyterlab, os; print(os.path.join(os.path.dirname(jupyterlab.__file__), "staging"))')"
rm -rf casebook-lab
node node_modules/@jupyterlab/builder/lib/build-labextension.js --core-path "$staging" .
sha256sum src/index.js | cut -d' ' -f1 > casebook-lab/source.sha256
